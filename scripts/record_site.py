"""Record a site's live article page as its HTML fixture (needs the network).

    python scripts/record_site.py URL --site NAME
    python scripts/record_site.py URL --site NAME --force     # replace an existing fixture

Fetches URL once with nadif's own fetcher (robots.txt honoured, no cache) while vcrpy
records the exchanges, then writes into tests/sites/NAME/:
- cassette.yaml  the recorded robots.txt and page exchanges (pytest-recording replays
                 it: tests/test_site_pages.py), headed `# origin: recorded from the live
                 site on DATE`;
- page.html      the page body as served (decompressed, in its own encoding);
- case.json      a skeleton for a person to review: the URL, the title and the first
                 paragraphs that nadif extracts today as `must_keep`, and the lines its
                 rules removed as `suggested_must_drop`. `must_drop` is left empty: fill
                 it with the page's boilerplate (menus, share bar, related headlines,
                 comment policy) before committing, or tests/test_site_pages.py fails.

Nothing is written unless the fetch and the extraction both succeed, and an existing
fixture is only replaced with --force. The site must exist (sites/NAME.py) first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from _cassettes import record_fetch

from nadif.cleaners.article import Article
from nadif.cleaners.errors import NadifError
from nadif.scraper.extraction.article import extract_html
from nadif.scraper.fetching.fetcher import FetchOptions
from nadif.sites import get_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "sites"
FILES = ("page.html", "cassette.yaml", "case.json")
KEEP_PARAGRAPHS = 3
SUGGESTED_DROPS = 20


def case_skeleton(url: str, article: Article, today: str, keep: int) -> dict[str, Any]:
    """The case file a person completes: today's output as a starting point, not a verdict."""
    return {
        "url": url,
        "origin": f"recorded from the live site on {today}",
        "origin_detail": (
            f"page.html and cassette.yaml recorded from {url} by scripts/record_site.py on"
            f" {today}; must_keep is the first paragraphs nadif extracted that day:"
            " review it, and fill must_drop with the page's boilerplate"
        ),
        "title": article.title,
        "must_keep": article.paragraphs[:keep],
        "must_drop": [],
        "suggested_must_drop": [r.text for r in article.removed][:SUGGESTED_DROPS],
    }


def record(
    url: str, site_name: str, *, fixtures: Path, force: bool, delay: float, keep: int
) -> Path:
    """Record the fixture of `site_name` from `url`; return its folder."""
    site = get_site(site_name)  # SiteRegistryError for a site without a module
    folder = fixtures / site.name
    existing = [name for name in FILES if (folder / name).exists()]
    if existing and not force:
        raise SystemExit(f"{folder} already has {existing}: pass --force to replace them")
    today = date.today().isoformat()
    origin = [
        f"origin: recorded from the live site on {today}",
        f"url: {url}",
        "recorded by scripts/record_site.py; replayed by tests/test_site_pages.py",
    ]
    options = FetchOptions(cache_dir=None, per_host_delay=delay)
    # scratch space outside the fixture root: a killed run leaves no stray folder there
    with tempfile.TemporaryDirectory() as scratch:
        cassette = Path(scratch) / "cassette.yaml"
        result = record_fetch(url, cassette, origin=origin, options=options)
        article = extract_html(result.content, url=url, site=site.name)
        case = case_skeleton(url, article, today, keep)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "page.html").write_bytes(result.content)
        (folder / "case.json").write_text(
            json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        shutil.move(cassette, folder / "cassette.yaml")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the article page to record")
    parser.add_argument("--site", required=True, help="the site module (sites/NAME.py)")
    parser.add_argument("--force", action="store_true", help="replace an existing fixture")
    parser.add_argument(
        "--fixtures", type=Path, default=FIXTURES, help=f"fixture root (default: {FIXTURES})"
    )
    parser.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to the host"
    )
    parser.add_argument(
        "--keep", type=int, default=KEEP_PARAGRAPHS, help="paragraphs proposed as must_keep"
    )
    args = parser.parse_args(argv)
    try:
        folder = record(
            args.url,
            args.site,
            fixtures=args.fixtures,
            force=args.force,
            delay=args.delay,
            keep=args.keep,
        )
    except NadifError as error:
        print(f"record_site: {error}", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(FILES)} in {folder}: review case.json before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
