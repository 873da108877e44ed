"""Per-host politeness: few requests in flight to one host, and their starts spaced out.

A batch run with many threads must not hammer one news site because its URLs happen to
come in a row. Each host gets a semaphore (at most `concurrency` requests in flight) and
a "next start" time (each request starts at least `delay` seconds after the previous
one). A server that answers 429/503 with Retry-After pushes that time back for every
thread, not only the one that was told.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["HostGate"]


@dataclass
class _Host:
    semaphore: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class HostGate:
    """Thread-safe gate that a request passes through before it goes to a host."""

    def __init__(self, concurrency: int, delay: float) -> None:
        if concurrency < 1:
            raise ValueError(f"per-host concurrency must be at least 1, not {concurrency}")
        if delay < 0:
            raise ValueError(f"per-host delay cannot be negative ({delay})")
        self._concurrency = concurrency
        self._delay = delay
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots, after waiting for its turn to start."""
        state = self._host(host)
        with state.semaphore:
            with state.lock:  # reserve a start time, then sleep without the lock
                start = max(time.monotonic(), state.next_start)
                state.next_start = start + self._delay
            wait = start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            yield

    def hold_off(self, host: str, seconds: float) -> None:
        """Let no new request start to `host` for `seconds` (a server asked us to wait)."""
        state = self._host(host)
        with state.lock:
            state.next_start = max(state.next_start, time.monotonic() + seconds)

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = _Host(threading.BoundedSemaphore(self._concurrency))
                self._hosts[host] = state
            return state
