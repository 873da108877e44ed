"""Each site's HTML fixture: its article page, the recorded fetch of it, its case file.

Beside the dump, tests/sites/<name>/ holds
- page.html      the site's article page;
- cassette.yaml  a pytest-recording (vcrpy) cassette of what `fetch_article(url)`
                 exchanges: robots.txt, then the page;
- case.json      url, title, must_keep (body lines the output must hold), must_drop
                 (boilerplate lines or phrases no output paragraph may hold), origin.
Parametrised over the registry like tests/test_sites.py: a site without these files
fails (a publisher without a fixture is a failure, not a gap), a `broken` site is
skipped. The cassette is replayed with pytest-recording in record mode "none" and the
network blocked, so a request the cassette does not hold fails instead of going out.
Record a live page with `python scripts/record_site.py URL --site NAME`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from casefiles import SITES_DIR
from vcr.cassette import Cassette

from nadif.cleaners.article import Article
from nadif.scraper.extraction.article import extract_html, fetch_article
from nadif.scraper.fetching.fetcher import FetchOptions
from nadif.sites import Site, all_sites, site_for_url

SITES = all_sites()
PAGE_FILES = ("page.html", "case.json", "cassette.yaml")
CASE_FIELDS = ("url", "title", "must_keep", "must_drop", "origin")
RECONSTRUCTED = "reconstructed"
RECORDED_PREFIX = "recorded from the live site on "
# replay: one attempt, no politeness wait, no cache (the cache would answer instead)
REPLAY_OPTIONS = FetchOptions(cache_dir=None, retries=0, per_host_delay=0.0)


@dataclass(frozen=True)
class PageCase:
    """case.json of one site, with the paths of its page and cassette."""

    folder: Path
    url: str
    title: str
    must_keep: tuple[str, ...]
    must_drop: tuple[str, ...]
    origin: str
    origin_detail: str

    @property
    def page(self) -> Path:
        return self.folder / "page.html"

    @property
    def cassette(self) -> Path:
        return self.folder / "cassette.yaml"

    @classmethod
    def load(cls, folder: Path) -> PageCase:
        data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        return cls(
            folder=folder,
            url=data["url"],
            title=data["title"],
            must_keep=tuple(data["must_keep"]),
            must_drop=tuple(data["must_drop"]),
            origin=data["origin"],
            origin_detail=data.get("origin_detail", ""),
        )


def _case(site: Site) -> PageCase:
    folder = SITES_DIR / site.name
    missing = [name for name in PAGE_FILES if not (folder / name).is_file()]
    assert not missing, (
        f"site {site.name} has no HTML fixture: {missing} missing in {folder}"
        f" (record one: python scripts/record_site.py URL --site {site.name})"
    )
    if site.broken:
        pytest.skip(f"site {site.name} is marked broken: {site.broken}")
    fields = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    absent = [key for key in CASE_FIELDS if key not in fields]
    assert not absent, f"{folder / 'case.json'} lacks {absent}"
    return PageCase.load(folder)


def _interactions(cassette: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    interactions: list[dict[str, Any]] = data["interactions"]
    return interactions


def _body(interaction: dict[str, Any]) -> bytes:
    body = interaction["response"]["body"]["string"]
    return body if isinstance(body, bytes) else body.encode("utf-8")


def _check_article(article: Article, site: Site, case: PageCase) -> None:
    assert article.site == site.name, "the page is cleaned with its own site module"
    assert article.title == case.title, "title"
    lost = [line for line in case.must_keep if line not in article.paragraphs]
    assert not lost, f"must-keep lines missing from the paragraphs: {lost}"
    leaked = [phrase for phrase in case.must_drop if any(phrase in p for p in article.paragraphs)]
    assert not leaked, f"must-drop lines or phrases left in the paragraphs: {leaked}"


# --- pytest-recording: the cassette of a test is the site's own cassette.yaml


@pytest.fixture
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or "site" not in callspec.params:
        return str(SITES_DIR)
    site: Site = callspec.params["site"]
    return str(SITES_DIR / site.name)


@pytest.fixture
def default_cassette_name() -> str:
    return "cassette"


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    # "none" whatever --record-mode says: these fixtures are written by
    # scripts/record_site.py or scripts/cassette_from_page.py, never by a test run
    return {"record_mode": "none"}


# --- the tests


def test_every_site_fixture_folder_is_checked() -> None:
    assert len(SITES) >= 3, "the seed sites are registered"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_case_file_is_coherent(site: Site) -> None:
    case = _case(site)
    assert site_for_url(case.url) == site, "the case URL is on the site's own domains"
    assert case.title.strip(), "a title is expected"
    assert case.must_keep, "must_keep names body lines"
    assert case.must_drop, "must_drop names boilerplate"
    clashes = [d for d in case.must_drop for k in case.must_keep if d in k]
    assert not clashes, f"must_drop phrases found inside must_keep lines: {clashes}"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_fixture_says_where_it_comes_from(site: Site) -> None:
    case = _case(site)
    assert case.origin == RECONSTRUCTED or case.origin.startswith(RECORDED_PREFIX), (
        f"case.json origin is 'reconstructed' or '{RECORDED_PREFIX}DATE', not {case.origin!r}"
    )
    first_line = case.cassette.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line.startswith("# origin: "), "cassette.yaml opens with its origin"
    if case.origin == RECONSTRUCTED:
        assert case.origin_detail.strip(), "a reconstruction says what it was made from"
        head = case.page.read_text(encoding="utf-8")[:200]
        assert head.startswith("<!-- origin: reconstructed from "), "page.html says so at the top"
        assert first_line == "# origin: reconstructed", "and so does the cassette"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_cassette_serves_page_html(site: Site) -> None:
    """The cassette is in step with page.html: regenerate it when the page changes."""
    case = _case(site)
    interactions = _interactions(case.cassette)
    target = str(httpx.URL(case.url))
    pages = [i for i in interactions if i["request"]["uri"] == target]
    assert len(pages) == 1, f"the cassette holds one exchange for {target}"
    page = pages[0]
    assert page["request"]["method"] == "GET", "the page is fetched with GET"
    assert page["response"]["status"]["code"] == 200, "the page is served with 200"
    content_type = page["response"]["headers"]["content-type"][0]
    assert content_type.startswith("text/html"), "the page is served as text/html"
    assert _body(page) == case.page.read_bytes(), "the cassette serves page.html byte for byte"
    robots = str(httpx.URL(case.url).copy_with(path="/robots.txt", query=None))
    assert any(i["request"]["uri"] == robots for i in interactions), "robots.txt is recorded"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_page_html_extracts_to_the_case(site: Site) -> None:
    case = _case(site)
    article = extract_html(case.page.read_bytes(), url=case.url)
    _check_article(article, site, case)


@pytest.mark.vcr
@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_replayed_fetch_extracts_to_the_case(site: Site, vcr: Cassette) -> None:
    case = _case(site)
    article = fetch_article(case.url, options=REPLAY_OPTIONS)
    _check_article(article, site, case)
    assert vcr.play_count == len(vcr.data), "every recorded exchange is replayed"
    assert vcr.all_played, "the fetch made exactly the recorded requests"
