"""Fixtures of the fetch tests: a local fault server and fast fetch options.

The suite runs with pytest-recording's `--block-network`, which blocks every
`socket.connect`, loopback included, unless the host is allowed. These tests only talk
to the server they start on 127.0.0.1, so this folder allows exactly that address
(overriding pytest-recording's `allowed_hosts` fixture here, not for the whole suite).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fetch_server import FaultServer, make_gzip_bomb

from nadif.scraper.fetching.fetcher import FetchOptions


@pytest.fixture
def allowed_hosts() -> list[str]:
    """Regexes of the hosts pytest-recording lets these tests connect to."""
    return [r"127\.0\.0\.1$"]


@pytest.fixture(scope="session")
def gzip_bomb() -> bytes:
    return make_gzip_bomb()


@pytest.fixture
def server(gzip_bomb: bytes) -> Iterator[FaultServer]:
    """A fresh server per test, so that its counters only hold that test's requests."""
    fault_server = FaultServer()
    fault_server.gzip_bomb = gzip_bomb
    fault_server.start()
    yield fault_server
    fault_server.stop()


@pytest.fixture
def options() -> FetchOptions:
    """Small timeouts and waits so that every fault costs well under a second or two."""
    return FetchOptions(
        connect_timeout=1.0,
        read_timeout=0.5,
        total_timeout=5.0,
        retries=2,
        backoff=0.01,
        max_retry_after=5.0,
        per_host_delay=0.0,
        per_host_concurrency=4,
        max_redirects=5,
    )
