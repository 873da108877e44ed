"""When to try a request again, and how long to wait first.

Retried: statuses that say "not now" (429, 500, 502, 503, 504) and failures of the
connection itself (refused, reset, timed out). Everything else (404, a PDF, a body over
the cap, robots.txt) is an answer, and asking again would get the same one.

The wait doubles with each attempt (`backoff`, `2 * backoff`, `4 * backoff`...), unless
a 429 or 503 carries Retry-After, which is honoured as given (delta-seconds or an
HTTP-date). A Retry-After longer than the caller is willing to wait ends the fetch at
once rather than hammering the server early.
"""

from __future__ import annotations

import datetime
import email.utils
import time

__all__ = ["RETRYABLE_STATUSES", "RETRY_AFTER_STATUSES", "backoff_delay", "parse_retry_after"]

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_AFTER_STATUSES = frozenset({429, 503})


def backoff_delay(backoff: float, attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (0 for the first)."""
    return float(backoff * 2**attempt)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for; None if absent or unreadable.

    `now` is a `time.time()` value (for an HTTP-date); a date in the past means 0.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT, even when it forgets to say so
        when = when.replace(tzinfo=datetime.UTC)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)
