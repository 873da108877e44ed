"""Which addresses a fetch may reach: a page must not make nadif request the intranet.

A redirect is the server's choice, not the user's. Without `allow_private`:

- a link-local address (169.254.0.0/16, fe80::/10: cloud metadata services live there)
  is never requested, whoever asked for it;
- a hop from a public address into a loopback, private or otherwise non-public range
  (127/8, 10/8, 172.16/12, 192.168/16, 100.64/10, 0/8, ::1, fc00::/7...) is refused;
- a URL the user gave on a private address (a test server on 127.0.0.1, an intranet
  page) is fetched: the user asked for it, and so are its redirects inside private space.

The check applies to the addresses the host name resolves to (every one of them), before
the request, for every hop, robots.txt requests included; after connecting, the address
actually connected to is checked again (`check_peer`), so that a name that resolves to
another address the second time (DNS rebinding) does not get a body read.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from typing import Literal

import httpx

__all__ = ["AddressGuard", "AddressRefused", "Resolver", "classify"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Space = Literal["public", "private", "link-local"]
Resolver = Callable[[str, int], Sequence[str]]
"""host, port -> the IP addresses (as text) the host resolves to."""

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, not `is_private`
_ALLOW_HINT = "(--allow-private allows it)"


class AddressRefused(Exception):
    """A hop the address rules refuse; the message says which address and why."""


def classify(address: IPAddress) -> Space:
    """Which space an address is in, for the rules above."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_link_local:
        return "link-local"
    if (
        address.is_loopback
        or address.is_private
        or address.is_unspecified
        or address.is_reserved
        or address.is_multicast
        or (isinstance(address, ipaddress.IPv4Address) and address in _SHARED)
        or not address.is_global
    ):
        return "private"
    return "public"


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class AddressGuard:
    """Checks each hop of a fetch against the rules; thread-safe (it holds no state)."""

    def __init__(self, *, allow_private: bool = False, resolve: Resolver | None = None) -> None:
        self.allow_private = allow_private
        self._resolve = resolve if resolve is not None else _system_resolver

    def check(self, url: httpx.URL, previous: Space | None) -> Space | None:
        """The space of `url`'s host, or `AddressRefused`.

        `previous` is the space of the hop that redirected here (None for the URL the
        user gave). A host that does not resolve returns None: the request then fails
        with the resolver's own error.
        """
        if self.allow_private:
            return None
        host = url.host
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                found = self._resolve(host, url.port or (443 if url.scheme == "https" else 80))
            except (OSError, UnicodeError):
                return None
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
        space: Space | None = None
        for address in addresses:
            here = self._judge(host, address, previous)
            space = "private" if here == "private" or space == "private" else here
        return space

    def check_peer(self, url: httpx.URL, peer: str, previous: Space | None) -> None:
        """The address a request actually connected to, checked by the same rules."""
        if not self.allow_private:
            self._judge(url.host, ipaddress.ip_address(peer.split("%", 1)[0]), previous)

    @staticmethod
    def _judge(host: str, address: IPAddress, previous: Space | None) -> Space:
        space = classify(address)
        shown = host if host == str(address) else f"{host} ({address})"
        if space == "link-local":
            raise AddressRefused(
                f"refused to request {shown}: a link-local address (cloud metadata and "
                f"other link-local services are never fetched) {_ALLOW_HINT}"
            )
        if space == "private" and previous == "public":
            raise AddressRefused(
                f"refused to follow a redirect from a public address into {shown}: a "
                f"private or loopback address {_ALLOW_HINT}"
            )
        return space
