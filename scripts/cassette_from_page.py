"""Build a site fixture's cassette from its reconstructed page, without any network.

    python scripts/cassette_from_page.py tests/sites/elaph [tests/sites/nadorcity ...]
    python scripts/cassette_from_page.py FOLDER --url URL --page page.html --out cassette.yaml

For each fixture folder: `case.json` gives the article URL (`url`) and the robots.txt the
site is taken to serve (`robots_txt`: its text, or null for a 404); `page.html` is the
page. The real fetcher (`nadif.Fetcher`, robots.txt on) then fetches the URL
through an in-process transport that answers as that site would — robots.txt, then the
page with `text/html; charset=utf-8` — while vcrpy records the exchanges into
`cassette.yaml`. So the cassette holds exactly what `fetch_article(url)` asks for, in
the format pytest-recording replays, and it says where it comes from in its header.

A page recorded from the live site is recorded with scripts/record_site.py instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
from _cassettes import record_fetch, served

from nadif.cleaners.errors import FetchError
from nadif.scraper.fetching.fetcher import FetchOptions

ROBOTS_PATH = "/robots.txt"
HTML = "text/html; charset=utf-8"
ROBOTS = "text/plain; charset=utf-8"
NOT_FOUND = b"<html><body><h1>404 Not Found</h1></body></html>\n"
# one fetch, no waiting: the transport is in-process
OPTIONS = FetchOptions(cache_dir=None, retries=0, per_host_delay=0.0)


@dataclass(frozen=True)
class ReconstructedSite:
    """What the mock transport serves: one page at one URL, and a robots.txt (or a 404)."""

    url: httpx.URL
    page: bytes
    robots_txt: str | None

    def answer(self, request: httpx.Request) -> httpx.Response:
        same_origin = (request.url.scheme, request.url.host, request.url.port) == (
            self.url.scheme,
            self.url.host,
            self.url.port,
        )
        if same_origin and request.url.raw_path == self.url.raw_path:
            return served(request, 200, self.page, HTML)
        if same_origin and request.url.path == ROBOTS_PATH and self.robots_txt is not None:
            return served(request, 200, self.robots_txt.encode("utf-8"), ROBOTS)
        return served(request, 404, NOT_FOUND, HTML)


def _origin_lines(page: Path, url: str, site: ReconstructedSite) -> list[str]:
    robots = "a 404" if site.robots_txt is None else "the robots_txt of case.json"
    return [
        "origin: reconstructed",
        f"page: {page.as_posix()}, served as {url} (200, {HTML})",
        f"robots.txt: {robots}",
        f"built by scripts/cassette_from_page.py on {date.today().isoformat()}; not a live capture",
    ]


def build(folder: Path, *, url: str | None, page: Path | None, out: Path | None) -> Path:
    """Write the cassette of one fixture folder; return its path."""
    case_file = folder / "case.json"
    case = json.loads(case_file.read_text(encoding="utf-8")) if case_file.is_file() else {}
    target = url or case.get("url")
    if not target:
        raise SystemExit(f"{folder}: no URL (give --url, or a case.json with a 'url')")
    page_file = page or folder / "page.html"
    if not page_file.is_file():
        raise SystemExit(f"{page_file}: no such page")
    site = ReconstructedSite(httpx.URL(target), page_file.read_bytes(), case.get("robots_txt"))
    cassette = out or folder / "cassette.yaml"
    result = record_fetch(
        target,
        cassette,
        origin=_origin_lines(page_file, target, site),
        options=OPTIONS,
        transport=httpx.MockTransport(site.answer),
    )
    if result.content != site.page:
        raise SystemExit(f"{target}: the fetched body is not {page_file} (redirected?)")
    return cassette


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="fixture folders (tests/sites/NAME)")
    parser.add_argument("--url", help="the article URL (default: case.json's url)")
    parser.add_argument("--page", type=Path, help="the HTML file (default: FOLDER/page.html)")
    parser.add_argument("--out", type=Path, help="the cassette (default: FOLDER/cassette.yaml)")
    args = parser.parse_args(argv)
    if len(args.folders) > 1 and (args.url or args.page or args.out):
        parser.error("--url, --page and --out apply to one folder at a time")
    for folder in args.folders:
        try:
            cassette = build(folder, url=args.url, page=args.page, out=args.out)
        except FetchError as error:
            print(f"{folder}: {error}", file=sys.stderr)
            return 1
        print(f"wrote {cassette}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
