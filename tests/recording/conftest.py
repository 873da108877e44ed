"""Fixtures of the recording tests: a local news site on 127.0.0.1.

The tests never connect to it themselves: pytest or scripts/record_site.py do, in child
processes (which the suite's --block-network does not reach), and this process only
replays cassettes, with the network blocked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from recording_server import LocalNewsSite


@pytest.fixture
def news_site() -> Iterator[LocalNewsSite]:
    """A fresh site per test, so that its request log only holds that test's requests."""
    site = LocalNewsSite()
    site.start()
    yield site
    site.stop()
