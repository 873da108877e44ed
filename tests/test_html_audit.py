"""The HTML stage's audit trail and honest metadata (issue 11).

Every cut made in the markup is a `Removal` with `line` 0: a site's drop_xpath, a
platform's, a generic furniture expression, a link teaser, a dropped heading, and what the
extractor left out; the review page lists them. Nothing is invented: no date from a year
in the text, no site without a URL that names it; a dump is not a page and a page is not
a dump. Every page here is written for the test.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from nadif import extract_html
from nadif.cleaners.article import Removal
from nadif.cleaners.errors import ExtractionError, InputError
from nadif.scraper.extraction._audit import MAX_TEXT_CHARS
from nadif.scraper.extraction._html_rules import main_text_block, protect_main_text
from nadif.scraper.extraction.lines import extract
from nadif.scraper.review import render_review
from nadif.scraper.text import clean_file
from nadif.sites import PLATFORMS

BODY = """
<p>The harbour reopened on Monday after three weeks of repairs to the sea wall that the
January storms had breached in two places, the port authority said.</p>
<p>Fishing boats were the first to leave, followed by the ferry to the islands, which had
been replaced by a smaller boat from the mainland port since the closure.</p>
<p>The authority said the final cost of the works would be published next month, once
the contractors had submitted their accounts to the regional council.</p>
"""


def page(head: str = "", before: str = "", after: str = "", body: str = BODY) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Harbour reopens after repairs</title>"
        f"{head}</head><body>{before}<article><h1>Harbour reopens after repairs</h1>"
        f"{body}</article>{after}</body></html>"
    )


def cuts(removed: tuple[Removal, ...] | list[Removal], rule: str) -> list[Removal]:
    return [r for r in removed if r.rule == rule]


def test_site_drop_xpath_cut_is_recorded() -> None:
    html = page(after="<div class='story-tools'>Print this story Email it to a friend</div>")
    got = extract(html, prune_xpath=("//div[@class='story-tools']",), site_name="harbour")
    [cut] = cuts(got.removed, "harbour/drop-xpath")
    assert cut.text == "Print this story Email it to a friend", "the subtree's text"
    assert cut.line == 0, "a markup cut has no text line"


def test_platform_drop_xpath_cut_is_recorded() -> None:
    wordpress = next(p for p in PLATFORMS if p.name == "wordpress")
    html = page(
        head="<meta name='generator' content='WordPress 6.4'>",
        after="<div id='respond'><h3>Leave a Reply</h3><p>Your email will not be shown.</p></div>",
    )
    got = extract(html, platforms=PLATFORMS)
    [cut] = cuts(got.removed, "wordpress/drop-xpath")
    assert "Leave a Reply" in cut.text, "the comment form's text"
    assert cut.kind == "comments", "kind read from the subtree's id"
    assert wordpress.name == got.platform, "the platform was detected"


def test_generic_furniture_cut_is_recorded() -> None:
    html = page(after="<div class='Newsletter-signup'><p>Get our morning briefing.</p></div>")
    [cut] = cuts(extract(html).removed, "html/newsletter")
    assert (cut.kind, cut.text) == ("newsletter", "Get our morning briefing."), "kind and text"


def test_link_teaser_cut_is_recorded() -> None:
    teaser = "<p><a href='/2024/03/storm-damage-in-pictures'>Storm damage along the coast in pictures</a></p>"
    html = page(body=BODY + teaser)
    [cut] = cuts(extract(html, url="https://news.example.com/a").removed, "html/link-teaser")
    assert (cut.kind, cut.text) == ("related", "Storm damage along the coast in pictures")


def test_dropped_heading_is_recorded() -> None:
    html = page(body="<h2>Three weeks of works on the sea wall</h2>" + BODY)
    texts = [r.text for r in cuts(extract(html).removed, "html/leading-heading")]
    assert "Three weeks of works on the sea wall" in texts, "the deck heading"


def test_furniture_before_the_title_is_cut_and_recorded() -> None:
    date_bar = "<div class='topbar'><div class='today'>Tuesday 3 April 2018</div></div>"
    html = page(before=date_bar)
    got = extract(html)
    assert "Tuesday 3 April 2018" not in got.text, "the date bar above the title is cut"
    [cut] = cuts(got.removed, "html/before-title")
    assert cut.text == "Tuesday 3 April 2018", "its text is recorded"
    assert "The harbour reopened" in got.text, "the article below the title is kept"


def test_the_title_headers_kicker_code_and_byline_are_cut() -> None:
    header = (
        "<div class='newsHeader'><div class='info'><span>News code: 766812</span>"
        "<span>Published: 3 April 2018 - 18:40</span></div><div class='upTitle'>Port works</div>"
        "<h1>Harbour reopens after repairs</h1><div class='author'>Anna Marsh</div></div>"
    )
    html = (
        "<html><head><title>Harbour reopens after repairs</title></head><body>"
        f"<div class='news'>{header}<div class='newsBody'>{BODY}</div></div></body></html>"
    )
    got = extract(html)
    texts = [r.text for r in got.removed if r.rule in ("html/title-header", "html/before-title")]
    for furniture in ("News code: 766812", "Port works", "Anna Marsh"):
        assert furniture not in got.text, f"{furniture!r} is header furniture"
        assert any(furniture in text for text in texts), f"{furniture!r} is recorded"
    assert got.lines[0].startswith("The harbour reopened"), "the article starts the text"


def test_an_article_set_above_its_title_is_kept() -> None:
    prose = "<div class='lead'>" + BODY + "</div>"
    html = page(before=prose)
    got = extract(html)
    assert not cuts(got.removed, "html/before-title"), "prose is never cut as furniture"


def test_readers_comments_named_in_another_language_are_cut() -> None:
    comments = (
        "<div id='comentarios'><ol><li><p>Buena noticia por fin, a ver si ahora la"
        " protegen.</p></li></ol></div>"
    )
    got = extract(page(after=comments))
    assert "Buena noticia" not in got.text, "the readers' comments are not the article"
    [cut] = cuts(got.removed, "html/comments")
    assert cut.kind == "comments", "kind read from the id"


def test_an_opinion_column_named_kommentar_is_not_cut_as_comments() -> None:
    # the title stands above the container, which names the genre ("Kommentar")
    html = page(body=f"<div class='article-text articletype-kommentar'>{BODY}</div>")
    got = extract(html)
    assert "three weeks of repairs" in got.text, "the column's paragraphs are the article"
    assert not cuts(got.removed, "html/comments"), "no comments cut"


def test_readers_comments_with_long_posts_and_a_form_are_still_cut() -> None:
    comments = (
        "<div class='kommentare'>"
        + BODY.replace("harbour", "quay")
        + "<form><textarea name='comment'></textarea></form></div>"
    )
    got = extract(page(after=comments))
    assert "quay reopened" not in got.text, "readers' posts are not the article"
    assert cuts(got.removed, "html/comments"), "recorded as a comments cut"


def test_what_the_extractor_left_out_is_recorded_shortened() -> None:
    sidebar = "<aside class='x1'>" + "".join(
        f"<p>Most read story number {i} about something else entirely</p>" for i in range(40)
    )
    html = page(after="<div class='x2'><span>Weather: 14 degrees, light rain</span></div>")
    html = html.replace("</body>", sidebar + "</aside></body>")
    removed = extract(html).removed
    left = cuts(removed, "html/extractor")
    assert left and all(r.kind == "extractor" for r in left), "kind extractor"
    texts = " ".join(r.text for r in left)
    assert "Weather: 14 degrees" in texts, "text outside the article is recorded"
    assert all(len(r.text) <= MAX_TEXT_CHARS + 1 for r in left), "each record is shortened"
    assert "harbour reopened" not in texts, "the kept article is not recorded as left out"


def test_line_cleaning_removals_follow_the_markup_cuts() -> None:
    html = page(
        after="<div class='x3'>Subscribe to our newsletter</div>",
        body=BODY + "<p>Share this article on Facebook Twitter WhatsApp</p>",
    )
    article = extract_html(html)
    lines = [r.line for r in article.removed]
    assert 0 in lines and any(line > 0 for line in lines), "both kinds are recorded"
    assert lines == sorted(lines), "markup cuts (line 0) come first"


def test_review_page_lists_the_markup_cuts() -> None:
    html = page(after="<div class='Newsletter-signup'><p>Get our morning briefing.</p></div>")
    record = extract_html(html, source="harbour.html").to_dict()
    tree = lxml.html.fromstring(render_review([record]))
    cut_rows = tree.xpath("//ol[contains(@class, 'cuts')]/li")
    shown = [" ".join(li.text_content().split()) for li in cut_rows]
    assert any("Get our morning briefing." in s and "html/newsletter" in s for s in shown), shown


# --- nothing invented


def test_no_date_from_a_year_in_the_text() -> None:
    body = BODY + "<p>The sea wall was last rebuilt in 2022, after the storms of 2021.</p>"
    article = extract_html(page(body=body))
    assert article.published is None, "a year in the text is not a publication date"


def test_date_keeps_time_and_timezone() -> None:
    head = "<meta property='article:published_time' content='2024-03-05T08:30:00+01:00'>"
    assert extract_html(page(head=head)).published == "2024-03-05T08:30:00+01:00"


def test_date_only_metadata_gets_no_time() -> None:
    head = "<meta property='article:published_time' content='2024-03-05'>"
    assert extract_html(page(head=head)).published == "2024-03-05", "no invented midnight"


def test_text_dump_given_to_extract_is_refused() -> None:
    dump = "Harbour reopens\n\nThe harbour reopened on Monday, as it did in 2022.\n"
    with pytest.raises(ExtractionError, match="nadif clean"):
        extract_html(dump)


def test_page_given_to_clean_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(page(), encoding="utf-8")
    with pytest.raises(InputError, match="nadif extract"):
        clean_file(path)


def test_site_from_the_canonical_link() -> None:
    html = Path(__file__).parent.joinpath("sites", "elaph", "page.html").read_bytes()
    article = extract_html(html)
    assert article.site == "elaph", "the canonical link names the site"
    assert article.url and "elaph.com" in article.url, "and the URL"


# --- never lose the article


def test_safer_path_when_pruning_loses_the_article() -> None:
    from nadif.sites import Site

    broken = Site(name="broken", domains=("broken.example",), drop_xpath=("//article",))
    footer = (
        "<footer><p>About us. Contact. All rights reserved by the Harbour Gazette.</p></footer>"
    )
    article = extract_html(page(after=footer), site=broken)
    assert "The harbour reopened on Monday" in article.text, "trafilatura's article is taken"
    assert "All rights reserved" not in article.text, "not the footer nadif was left with"


def test_safer_path_when_pruning_loses_the_middle_of_the_article() -> None:
    """A gallery of sections between the intro and the close: when nadif's markup cuts
    lose it, trafilatura's text adds prose *between* nadif's paragraphs, so it is the
    article's middle, not comments cut on purpose (found on a dev page)."""
    from nadif.sites import Site

    sections = "".join(
        f"<div class='slide'><h2>{n}. Step number {n}</h2><p>Before the talk you should"
        f" know what the market pays for step {n}, ask colleagues and read the salary"
        " studies of your trade, then write down the figure you want to reach.</p></div>"
        for n in range(1, 5)
    )
    body = (
        "<p>Asking for a raise is easier with a plan, and most people never make one before"
        " the yearly talk with their manager comes round again at the end of the year.</p>"
        f"<div class='gallery'>{sections}</div>"
        "<p>Whatever the answer, ask when the question can come back, and keep a note of"
        " what was said that day and by whom.</p>"
    )
    html = (
        "<!DOCTYPE html><html lang='en'><head><title>How to ask for a raise</title></head>"
        f"<body><article><h1>How to ask for a raise</h1>{body}</article></body></html>"
    )
    cutter = Site(
        name="cutter", domains=("cutter.example",), drop_xpath=("//div[@class='gallery']",)
    )
    article = extract_html(html, site=cutter)
    assert "what the market pays for step 3" in article.text, "the middle comes back"
    assert "Asking for a raise is easier" in article.text, "with the intro"


def test_prose_added_around_nadifs_text_is_not_its_middle() -> None:
    from nadif.cleaners.article import Article
    from nadif.scraper.extraction.article import _inner_prose

    long = "a line of prose with well over fifteen words in it that reads like a sentence of text"
    ours = {"intro", "close"}
    middle = Article(title=None, paragraphs=["intro", long + " one", long + " two", "close"])
    after = Article(title=None, paragraphs=["intro", "close", long + " one", long + " two"])
    assert _inner_prose(middle, ours) == 2 * len((long + " one").split()), "between them"
    assert _inner_prose(after, ours) == 0, "after nadif's text: comments, other posts"


# --- the main text's names: a furniture word in them never costs the article (audit:
# bench/audit_prune_keywords.py)

SIDEBAR = (
    "<div class='sidebar-col'><h3>Elsewhere</h3><p>The regional council has approved"
    " the budget for next year after a long debate about road repairs and the schools.</p>"
    "<p>Tickets for the summer festival go on sale on Friday at the tourist office on"
    " the main square, organisers said this week.</p></div>"
)


def layout(container: str = "", wrapper: str = "", body: str = "", text: str = BODY) -> str:
    """An article in a two-column layout; the three class names are the audit's places."""
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Harbour reopens after repairs</title>"
        f"</head><body class='{body}'><div class='page-wrap {wrapper}'>"
        "<h1>Harbour reopens after repairs</h1>"
        f"<div class='story {container}'>{text}</div></div>{SIDEBAR}</body></html>"
    )


def assert_article_whole(text: str, place: str) -> None:
    for opening in ("The harbour reopened", "Fishing boats were", "The authority said"):
        assert opening in text, f"{place}: the paragraph '{opening}...' is kept"
    assert "regional council has approved" not in text, f"{place}: not the side column"


@pytest.mark.parametrize(
    "word",
    [
        "newsletter-teaser",  # nadif's html/newsletter and trafilatura's discard list
        "articletype-kommentar",  # nadif's html/comments
        "comments",  # trafilatura's comment pruning
        "footer",
        "social",
        "caption",
        "has-sidebar",
        "meta",
    ],
)
def test_a_furniture_word_in_the_article_containers_class_keeps_the_article(word: str) -> None:
    assert_article_whole(extract(layout(container=word)).text, f"container '{word}'")


@pytest.mark.parametrize("word", ["newsletter-teaser", "has-sidebar", "with-footer", "social"])
def test_a_furniture_word_in_a_layout_wrappers_class_keeps_the_article(word: str) -> None:
    assert_article_whole(extract(layout(wrapper=word)).text, f"wrapper '{word}'")


@pytest.mark.parametrize("word", ["message", "has-sidebar", "newsletter"])
def test_a_furniture_word_in_the_bodys_class_keeps_the_article(word: str) -> None:
    assert_article_whole(extract(layout(body=word)).text, f"body '{word}'")


def test_a_body_set_as_text_between_br_is_found_and_kept() -> None:
    text = "<span>" + BODY.replace("<p>", "").replace("</p>", "<br><br>") + "</span>"
    assert_article_whole(extract(layout(container="newsletter", text=text)).text, "br body")


def test_only_the_furniture_words_leave_the_names() -> None:
    tree = lxml.html.fromstring(layout(container="article-body newsletter-teaser"))
    taken = protect_main_text(tree)
    [story] = tree.xpath("//div[contains(@class, 'story')]")
    assert taken == ["newsletter-teaser"], "the one furniture word is taken out"
    assert story.get("class") == "story article-body", "the other names stay"


def test_no_main_text_without_a_run_of_prose() -> None:
    tree = lxml.html.fromstring(
        "<html><body><div class='footer'><p>One line of the page, short.</p></div></body></html>"
    )
    assert main_text_block(tree) is None, "no paragraph of prose, no main text"
    assert protect_main_text(tree) == [], "nothing taken out"


def test_a_thread_of_long_readers_comments_is_not_protected() -> None:
    long_comment = (
        "<div class='comment'><span class='author'>Reader {n}</span><p>I have lived by the"
        " harbour for forty years and I have never seen the sea wall in such a state, the"
        " council should have acted long before the storms came and broke it. {n}</p>"
        "<p>Repairs are fine, but who pays for the boats that could not leave for three"
        " weeks? Nobody has answered that question yet, not the authority nor the port.</p>"
        "</div>"
    )
    thread = (
        "<div id='comments'>"
        + "".join(long_comment.replace("{n}", str(n)) for n in range(4))
        + "</div>"
    )
    html = page(after=thread)
    tree = lxml.html.fromstring(html)
    assert main_text_block(tree) is None, "a page that is mostly comments has no main text"
    got = extract(html)
    assert "The harbour reopened" in got.text, "the article is kept"
    assert "forty years" not in got.text, "the readers' comments are still cut"
