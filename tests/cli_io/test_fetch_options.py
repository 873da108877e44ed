"""Fetch options: --user-agent, --header, --proxy, --max-size, the cache in the summary."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from listing_server import ListingServer

from nadif.scraper.cli import EXIT_USAGE, main

FAST = ["--delay", "0", "--no-progress", "--timeout", "5"]


def test_user_agent_and_headers_are_sent(
    site: ListingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["fetch", f"{site.base}/news/1.html", "--no-cache", *FAST]
    argv += [
        "--user-agent",
        "corpus-bot/1.0",
        "--header",
        "X-Token: abc",
        "--header",
        "Cookie: a=b",
    ]
    assert main(argv) == 0
    article = [h for p, h in site.requests if p == "/news/1.html"]
    assert article and article[0]["User-Agent"] == "corpus-bot/1.0"
    assert article[0]["X-Token"] == "abc" and article[0]["Cookie"] == "a=b"
    robots = [h for p, h in site.requests if p == "/robots.txt"]
    assert robots and robots[0]["User-Agent"] == "corpus-bot/1.0", (
        "robots.txt asked as the same agent"
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_proxy_carries_every_request(
    site: ListingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    target = f"http://127.0.0.1:{_closed_port()}/news/2.html"  # nothing listens there
    assert main(["fetch", target, "--proxy", site.base, "--no-cache", *FAST]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == target
    assert (target,) == tuple(p for p, _ in site.requests if p.endswith("/news/2.html")), (
        "the proxy got the absolute URL"
    )


def test_max_size_refuses_a_larger_body(
    site: ListingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["fetch", f"{site.base}/news/3.html", "--max-size", "100", "--no-cache", *FAST]) == 1
    )
    assert "100" in capsys.readouterr().err, "the reason names the cap"


def test_the_summary_names_the_cache(
    site: ListingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "http-cache"
    urls = [f"{site.base}/news/{n}.html" for n in (1, 2)]
    assert main(["fetch", *urls, "--cache-dir", str(cache), *FAST]) == 0
    assert f"HTTP cache: {cache}\n" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--header", "no colon"], "give 'Name: value'"),
        (["--proxy", "ftp://x"], "give an http:// or https:// URL"),
        (["--max-size", "0"], "--max-size must be at least 1"),
        (["--user-agent", " "], "--user-agent cannot be empty"),
        (["--max-urls", "0"], "--max-urls must be at least 1"),
    ],
)
def test_bad_fetch_options_are_usage_errors(
    option: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["fetch", "http://127.0.0.1:9/a", *option])
    assert exit_.value.code == EXIT_USAGE
    assert message in capsys.readouterr().err
