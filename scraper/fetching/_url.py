"""Which URLs the fetcher agrees to request.

Only absolute http and https URLs with a well-formed host are fetched. Everything else
(`ftp:`, `file:`, `javascript:`, `mailto:`, "not a url", "http://", a host with a space)
is refused here, before any socket is opened, with a reason a person can act on.

httpx alone is too lenient for this: it percent-encodes a space in a host name
(`http://exa mple.com` becomes `exa%20mple.com`) and accepts port 99999, so the host and
port are checked against the DNS and TCP rules as well.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import httpx

__all__ = ["ALLOWED_SCHEMES", "url_problem"]

ALLOWED_SCHEMES = frozenset({"http", "https"})

# One DNS label (letters, digits, hyphen; underscore too, which real hosts use) and a
# whole name of such labels, after IDNA encoding. A trailing dot is allowed.
_LABEL = r"(?!-)[a-z0-9_-]{1,63}(?<!-)"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.?$", re.IGNORECASE)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_MAX_PORT = 65535


def url_problem(url: str) -> tuple[httpx.URL | None, str | None]:
    """Parse `url`; return `(parsed, None)` if it may be fetched, else `(None, reason)`.

    A pair rather than an exception so that the caller decides which error to raise
    (the original URL of a redirect chain is the one to name).
    """
    if not url:
        return None, "empty URL"
    if _CONTROL_CHARACTERS.search(url):
        return None, "malformed URL: it contains control characters"
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        return None, f"malformed URL ({error})"
    if not parsed.scheme:
        return None, "malformed URL: no scheme (only http:// and https:// URLs can be fetched)"
    if parsed.scheme not in ALLOWED_SCHEMES:
        return None, (
            f"unsupported URL scheme {parsed.scheme!r} (only http and https can be fetched)"
        )
    host_problem = _host_problem(url, parsed)
    if host_problem is not None:
        return None, host_problem
    if parsed.port is not None and not 0 < parsed.port <= _MAX_PORT:
        return None, f"malformed URL: invalid port {parsed.port}"
    return parsed.copy_with(fragment=None), None


def _host_problem(url: str, parsed: httpx.URL) -> str | None:
    raw_host = parsed.raw_host.decode("ascii", errors="replace")
    try:  # name the host as the caller wrote it, not httpx's percent-encoded form
        shown = urlsplit(url).hostname or parsed.host
    except ValueError:
        shown = parsed.host
    if not raw_host:
        return "malformed URL: no host"
    if ":" in raw_host:  # httpx strips the brackets of an IPv6 literal
        try:
            ipaddress.IPv6Address(raw_host)
        except ValueError:
            return f"malformed URL: invalid IPv6 host {shown!r}"
        return None
    if not _HOSTNAME.match(raw_host):
        return f"malformed URL: invalid host {shown!r}"
    return None
