"""Fixtures of the input/output tests: a local site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from listing_server import ListingServer


@pytest.fixture
def allowed_hosts() -> list[str]:
    """pytest-recording blocks the network; these tests only reach their own server."""
    return [r"127\.0\.0\.1$"]


@pytest.fixture
def site() -> Iterator[ListingServer]:
    server = ListingServer()
    server.start()
    yield server
    server.stop()
