"""Record metadata: description, sitename, hostname, categories, tags, image, dates."""

from __future__ import annotations

from pathlib import Path

from nadif.cleaners.article import Article, Removal
from nadif.scraper.extraction.article import extract_html
from nadif.scraper.text import clean_text

ROOT = Path(__file__).resolve().parents[2]
METADATA_FIELDS = (
    "published",
    "modified",
    "description",
    "sitename",
    "hostname",
    "categories",
    "tags",
    "image",
)
BODY = (
    "<p>The regional council approved on Tuesday the plan to rebuild the old market of the "
    "city, a project that has waited for funding for more than ten years, its president "
    "told reporters after a session that lasted most of the afternoon.</p>"
) * 3


def _page(head: str) -> str:
    return (
        f"<html><head><title>Market plan approved</title>{head}</head><body><article>"
        f"<h1>Market plan approved</h1>{BODY}</article></body></html>"
    )


def test_a_page_states_every_field() -> None:
    head = (
        '<meta property="og:site_name" content="City  News">'
        '<meta name="description" content="The council approved the plan.">'
        '<meta property="article:section" content="Local">'
        '<meta property="article:tag" content="market"><meta property="article:tag" content="council">'
        '<meta property="og:image" content="https://news.example.com/img/market.jpg">'
        '<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">'
        '<meta property="article:modified_time" content="2024-03-06T10:00:00Z">'
        '<link rel="canonical" href="https://news.example.com/local/market-plan.html">'
    )
    record = extract_html(_page(head)).to_dict()
    assert record["sitename"] == "City News", "white space folded"
    assert record["description"] == "The council approved the plan."
    assert record["hostname"] == "news.example.com", "from the page's own URL"
    assert record["categories"] == ["Local"]
    assert record["tags"] == ["market", "council"]
    assert record["image"] == "https://news.example.com/img/market.jpg"
    assert record["published"] == "2024-03-05T08:30:00+01:00", "time and timezone kept"
    assert record["modified"] == "2024-03-06T10:00:00+00:00", "Z is +00:00"


def test_a_page_that_states_nothing_gives_nulls() -> None:
    record = extract_html(_page("")).to_dict()
    assert {k: record[k] for k in METADATA_FIELDS if k != "published"} == dict.fromkeys(
        f for f in METADATA_FIELDS if f != "published"
    ), "null where the page states nothing"


def test_a_dump_gets_nothing_its_lines_do_not_say() -> None:
    text = (ROOT / "seeds" / "002_7d07bd42072f3ba6.txt").read_text(encoding="utf-8")
    record = clean_text(text).to_dict()
    assert all(record[field] is None for field in METADATA_FIELDS), "a dump has no metadata"


def test_to_dict_and_from_dict_round_trip_with_the_new_fields_and_scores() -> None:
    article = Article(
        title="t",
        paragraphs=["p"],
        published="2024-03-05T08:30:00+01:00",
        modified="2024-03-06",
        description="d",
        sitename="s",
        hostname="h.example.com",
        categories=["a"],
        tags=["b", "c"],
        image="https://h.example.com/i.jpg",
        removed=[Removal(2, "x", "ad", "generic/model", score=0.87)],
    )
    data = article.to_dict()
    assert data["removed"][0]["score"] == 0.87, "a removal's score stays"
    assert Article.from_dict(data).to_dict() == data, "the record round-trips"
    assert Article.from_dict({}).categories is None, "absent stays null, not an empty list"
