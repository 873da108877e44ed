"""robots.txt: fetched once per origin, parsed with protego, asked before every request.

What an answer from the site means (RFC 9309 section 2.3, with one deliberate choice):

- 2xx: the rules in the file apply (to our product token, else to `*`);
- 4xx (404, but also 401/403): there are no rules, everything is allowed;
- 5xx, a timeout, a refused connection: also allowed. RFC 9309 asks crawlers to assume
  "disallow all" here; nadif fetches a handful of article URLs a person asked for, not a
  crawl, and a site whose robots.txt is broken would otherwise be unusable. The choice is
  logged per origin so that it is visible.

The answer is kept for the life of the `RobotsRules` object (one Fetcher, one run): a
run does not re-ask, and a new run asks again only for origins it must hit on the network
(pages it has in its cache need no robots.txt).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from protego import Protego

__all__ = ["RobotsAnswer", "RobotsRules", "product_token", "robots_url"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RobotsAnswer:
    """What fetching an origin's robots.txt gave: a status (None: unreachable) and its text."""

    status: int | None
    text: str = ""
    problem: str = ""  # why it could not be fetched, for the log


def robots_url(url: httpx.URL) -> str:
    """The robots.txt that governs `url` (same scheme, host and port)."""
    return str(
        url.copy_with(path="/robots.txt", query=None, fragment=None, username=None, password=None)
    )


def product_token(user_agent: str) -> str:
    """The name a robots.txt group would use for us: "nadif" in "nadif/0.1 (+url)"."""
    words = user_agent.split()
    return words[0].split("/")[0] if words else user_agent


class RobotsRules:
    """Thread-safe, per-origin cache of robots.txt rules.

    `load` fetches one robots.txt URL and is called at most once per origin, even when
    many threads ask about the same new origin at once.
    """

    def __init__(self, user_agent: str, load: Callable[[str], RobotsAnswer]) -> None:
        # Groups are matched against the product token ("nadif"), not the whole header,
        # whose comment ("news article cleaner", a URL) would match unrelated groups.
        self._user_agent = product_token(user_agent)
        self._load = load
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._parsed: dict[str, Protego | None] = {}

    def allows(self, url: httpx.URL) -> bool:
        """Whether robots.txt lets our user agent fetch `url`."""
        rules = self._rules_for(robots_url(url))
        return rules is None or bool(rules.can_fetch(str(url), self._user_agent))

    def _rules_for(self, location: str) -> Protego | None:
        with self._lock:
            if location in self._parsed:
                return self._parsed[location]
            origin_lock = self._origin_locks.setdefault(location, threading.Lock())
        with origin_lock:
            with self._lock:
                if location in self._parsed:
                    return self._parsed[location]
            rules = self._interpret(location, self._load(location))
            with self._lock:
                self._parsed[location] = rules
                self._origin_locks.pop(location, None)
            return rules

    @staticmethod
    def _interpret(location: str, answer: RobotsAnswer) -> Protego | None:
        if answer.status is not None and 200 <= answer.status < 300:
            return Protego.parse(answer.text)
        if answer.status is not None and 400 <= answer.status < 500:
            return None
        logger.warning(
            "%s: %s; treating every path of this origin as allowed",
            location,
            f"HTTP {answer.status}" if answer.status is not None else answer.problem,
        )
        return None
