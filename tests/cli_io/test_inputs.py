"""Inputs: standard input (`-`), `-o -`, and article URLs from feeds and sitemaps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from listing_server import (
    ListingServer,
    atom,
    gzipped,
    rss,
    sitemap_index,
    urlset,
)

from nadif.scraper.cli import EXIT_OK, main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "002_7d07bd42072f3ba6.txt"
PAGE = ROOT / "tests" / "sites" / "elaph" / "page.html"
FAST = ["--delay", "0", "--no-cache", "--no-progress", "--timeout", "5"]


def _nadif(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "nadif", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_clean_dash_reads_standard_input() -> None:
    done = _nadif(["clean", "-"], SEED.read_bytes())
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["source"] == "-", "the source of standard input is '-'"
    expected = _nadif(["clean", str(SEED)], b"")
    assert record["paragraphs"] == json.loads(expected.stdout)["paragraphs"], "same as the file"


def test_extract_dash_reads_a_page_from_standard_input() -> None:
    done = _nadif(["extract", "-", "--format", "text"], PAGE.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("حموشي التقى مدير"), "the page's title comes first"


def test_empty_standard_input_is_a_clear_error() -> None:
    done = _nadif(["clean", "-"], b"")
    assert done.returncode == 1
    assert done.stderr.decode() == "nadif: -: standard input is empty\n"


def test_dash_with_other_paths_is_a_usage_error() -> None:
    done = _nadif(["clean", "-", str(SEED)], b"x")
    assert done.returncode == 2 and "give it alone" in done.stderr.decode()


def test_dash_output_writes_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(ROOT / "seeds"), "-o", "-", "--no-progress"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["source"] for line in lines)
    assert not Path("-").exists(), "no file named '-' is written"


def _run(site: ListingServer, args: list[str], out: Path) -> list[dict[str, object]]:
    main(["fetch", *args, "-o", str(out), *FAST])
    with out.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_feed_of_ten_thousand_items_with_max_urls_fetches_fifty(
    site: ListingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.xml"] = ("application/rss+xml", rss(site.base, range(10_000)))
    records = _run(
        site, ["--feed", f"{site.base}/feed.xml", "--max-urls", "50"], tmp_path / "o.jsonl"
    )
    assert len(records) == 50, "50 articles written"
    assert site.article_hits() == 50, "exactly 50 article pages requested"
    assert records[0]["source"] == f"{site.base}/news/0.html", "in the feed's order"
    assert site.hits["/feed.xml"] == 1, "the feed fetched once, by nadif's fetcher"
    assert site.hits["/robots.txt"] >= 1, "robots.txt asked, as for any fetch"


def test_feed_links_to_other_hosts_are_left_out_by_default(
    site: ListingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = rss(site.base, range(3), other_host="http://elsewhere.example.org")
    site.routes["/feed.xml"] = ("application/rss+xml", feed)
    assert main(["fetch", "--feed", f"{site.base}/feed.xml", "--dry-run", *FAST]) == EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    assert listed == [f"{site.base}/news/{n}.html" for n in range(3)], "own host, no home page"
    assert site.article_hits() == 0, "a dry run fetches no article"


def test_atom_feed(site: ListingServer, tmp_path: Path) -> None:
    site.routes["/atom.xml"] = ("application/atom+xml", atom(site.base, range(4)))
    records = _run(site, ["--feed", f"{site.base}/atom.xml"], tmp_path / "o.jsonl")
    assert sorted(r["source"] for r in records) == [f"{site.base}/news/{n}.html" for n in range(4)]


def test_sitemap(site: ListingServer, tmp_path: Path) -> None:
    site.routes["/sitemap.xml"] = ("application/xml", urlset(site.base, range(5)))
    records = _run(site, ["--sitemap", f"{site.base}/sitemap.xml"], tmp_path / "o.jsonl")
    assert len(records) == 5 and site.article_hits() == 5


def test_sitemap_index_with_a_gzipped_child(site: ListingServer, tmp_path: Path) -> None:
    site.routes["/sitemap_index.xml"] = (
        "application/xml",
        sitemap_index(site.base, ["/sitemap-1.xml", "/sitemap-2.xml.gz"]),
    )
    site.routes["/sitemap-1.xml"] = ("text/xml", urlset(site.base, range(3)))
    site.routes["/sitemap-2.xml.gz"] = ("application/gzip", gzipped(urlset(site.base, range(3, 6))))
    records = _run(site, ["--sitemap", f"{site.base}/sitemap_index.xml"], tmp_path / "o.jsonl")
    expected = [f"{site.base}/news/{n}.html" for n in range(6)]
    assert sorted(r["source"] for r in records) == sorted(expected), "both children read"


def test_gzipped_sitemap_given_directly(site: ListingServer, tmp_path: Path) -> None:
    site.routes["/sitemap.xml.gz"] = ("application/x-gzip", gzipped(urlset(site.base, range(2))))
    records = _run(site, ["--sitemap", f"{site.base}/sitemap.xml.gz"], tmp_path / "o.jsonl")
    assert len(records) == 2


def test_a_feed_that_is_not_one_is_named(
    site: ListingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.xml"] = ("text/html", b"<html><body><p>hello</p></body></html>")
    assert main(["fetch", "--feed", f"{site.base}/feed.xml", *FAST]) == 1
    err = capsys.readouterr().err
    assert f"nadif: {site.base}/feed.xml: not an RSS, Atom or JSON feed" in err
