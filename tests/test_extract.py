"""HTML -> lines (`nadif.scraper.extraction.lines`): metadata, pruning, fallback, bad input, encodings.

Every document is written here, small and readable; none comes from the network.
"""

from __future__ import annotations

import pytest
import trafilatura

from nadif import extract_html
from nadif.cleaners import Article, clean_lines
from nadif.cleaners.errors import ExtractionError
from nadif.scraper.extraction.lines import Extracted, decode_html, extract
from nadif.sites import PLATFORMS

URL = "https://news.example.com/2024/03/harbour-reopens"

ENGLISH = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Harbour reopens after storm repairs | Example News</title>
<meta property="og:title" content="Harbour reopens after storm repairs">
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2024-03-05T08:30:00+00:00">
<link rel="canonical" href="https://news.example.com/2024/03/harbour-reopens">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article>
<h1>Harbour reopens after storm repairs</h1>
<p>The harbour reopened on Monday after three weeks of repairs to the sea wall that the
January storms had breached in two places.</p>
<div class="promo-box"><p>Our new podcast about the coast is out every Friday morning.</p></div>
<p>Fishing boats were the first to leave, followed by the ferry to the islands, which had
been replaced by a smaller boat from the mainland port since the closure.</p>
<p>Advertisement</p>
<p>Read more: Storm damage along the coast in pictures</p>
<p>The port authority said the final cost of the works would be published next month,
once the contractors had submitted their accounts.</p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>"""

FRENCH = """<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Le port rouvre après les travaux</title>
<meta property="og:title" content="Le port rouvre après les travaux">
<meta name="author" content="Marie Dupont">
<meta property="article:published_time" content="2024-02-11">
</head><body>
<article>
<h1>Le port rouvre après les travaux</h1>
<p>Le port a rouvert lundi après trois semaines de travaux sur la digue que les tempêtes
de janvier avaient endommagée à deux endroits.</p>
<p>Les bateaux de pêche sont sortis les premiers, suivis du bac vers les îles, remplacé
depuis la fermeture par un navire plus petit venu du continent.</p>
<p>À lire aussi : la tempête en images</p>
</article>
</body></html>"""

ARABIC_TITLE = "إعادة فتح الميناء بعد الإصلاحات"
ARABIC_PARAGRAPHS = (
    (
        "أعيد فتح الميناء يوم الاثنين بعد ثلاثة أسابيع من أشغال إصلاح الحاجز البحري الذي "
        "تضرر في موضعين بسبب عواصف شهر يناير."
    ),
    (
        "وكانت قوارب الصيد أول من غادر الميناء، تلتها العبارة المتجهة إلى الجزر التي عوضتها "
        "سفينة أصغر طيلة مدة الإغلاق."
    ),
)


def arabic_page(meta_charset: bool) -> bytes:
    charset = '<meta charset="windows-1256">' if meta_charset else ""
    body = "".join(f"<p>{p}</p>" for p in ARABIC_PARAGRAPHS)
    html = (
        f'<html lang="ar" dir="rtl"><head>{charset}<title>{ARABIC_TITLE}</title>'
        f'<meta name="author" content="محمد العلمي"></head>'
        f"<body><article><h1>{ARABIC_TITLE}</h1>{body}</article></body></html>"
    )
    return html.encode("cp1256")


# --- metadata and body


@pytest.fixture(scope="module")
def english() -> Extracted:
    return extract(ENGLISH, url=URL)


def test_english_metadata(english: Extracted) -> None:
    assert english.title == "Harbour reopens after storm repairs"
    assert english.author == "Jane Smith"
    assert english.published == "2024-03-05T08:30:00+00:00"  # time and zone as the page gives
    assert english.lang == "en"
    assert english.url == URL
    assert english.method == "trafilatura"


def test_english_body_in_order_without_title() -> None:
    article = extract_html(ENGLISH, url=URL)
    starts = [line[:20] for line in article.paragraphs]
    assert starts == [
        "The harbour reopened",
        "Our new podcast abou",
        "Fishing boats were t",
        "The port authority s",
    ], "the body paragraphs, in order, and nothing else"
    assert article.title not in article.paragraphs, "the title is metadata, not a body line"


def test_paragraph_lines_are_joined(english: Extracted) -> None:
    # the source wraps paragraphs across lines: one paragraph is one line
    assert english.lines[0].endswith("breached in two places.")


def test_french_metadata_and_body() -> None:
    page = extract(FRENCH)
    assert (page.title, page.author, page.published, page.lang) == (
        "Le port rouvre après les travaux",
        "Marie Dupont",
        "2024-02-11",
        "fr",
    )
    assert page.url is None, "no URL given and none declared in the page"
    article = extract_html(FRENCH)
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].startswith("Le port a rouvert lundi")
    assert not any("lire aussi" in line.lower() for line in article.paragraphs)


@pytest.mark.parametrize("meta_charset", [True, False], ids=["meta-charset", "no-charset"])
def test_arabic_windows_1256(meta_charset: bool) -> None:
    page = extract(arabic_page(meta_charset))
    assert page.lines == list(ARABIC_PARAGRAPHS)
    assert page.title == ARABIC_TITLE
    assert page.author == "محمد العلمي"
    assert page.lang == "ar"


@pytest.mark.parametrize("meta_charset", [True, False], ids=["meta-charset", "no-charset"])
def test_decode_html_windows_1256(meta_charset: bool) -> None:
    text = decode_html(arabic_page(meta_charset))
    assert ARABIC_PARAGRAPHS[0] in text
    assert "\ufffd" not in text


def test_decode_html_honours_bom_and_str() -> None:
    assert decode_html("\ufeff<p>x</p>") == "<p>x</p>"
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"
    assert decode_html("<p>café</p>".encode("utf-16")) == "<p>café</p>"


def test_bytes_and_str_give_the_same_result() -> None:
    assert extract(ENGLISH.encode("utf-8"), url=URL) == extract(ENGLISH, url=URL)


# --- pruning


def test_prune_xpath_removes_a_subtree() -> None:
    kept = extract(ENGLISH, url=URL)
    pruned = extract(ENGLISH, url=URL, prune_xpath=["//div[@class='promo-box']"])
    promo = "Our new podcast about the coast is out every Friday morning."
    assert promo in kept.lines, "without the site's xpath the promo is extracted"
    assert promo not in pruned.lines, "the site's xpath cuts it"
    assert len(pruned.lines) == len(kept.lines) - 1, "and nothing else"


def test_prune_xpath_accepts_a_single_string() -> None:
    pruned = extract(ENGLISH, url=URL, prune_xpath="//div[@class='promo-box']")
    assert not any("podcast" in line for line in pruned.lines)


def test_invalid_prune_xpath_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(ENGLISH, url=URL, prune_xpath=["//div[@class="])
    assert caught.value.source == URL
    assert "invalid prune xpath" in caught.value.reason


# --- the HTML layer keeps furniture lines; extract_html's line cleaning drops and records them


def _clean(lines: list[str]) -> Article:
    return clean_lines(lines, drop_repeats=False)


def test_extract_keeps_the_lines_that_extract_html_drops() -> None:
    raw = extract(ENGLISH, url=URL)
    assert "Advertisement" in raw.lines
    assert "Read more: Storm damage along the coast in pictures" in raw.lines
    article = extract_html(ENGLISH, url=URL)
    assert "Advertisement" not in article.paragraphs
    assert not any(p.startswith("Read more") for p in article.paragraphs)
    dropped = {r.text: r.kind for r in article.removed}
    assert dropped["Advertisement"] == "ad", "every dropped line is recorded with its kind"
    assert dropped["Read more: Storm damage along the coast in pictures"] == "related"
    assert all(raw.lines[r.line - 1] == r.text for r in article.removed if r.line), (
        "numbered in the extracted lines (line 0: cut from the markup)"
    )
    assert (article.title, article.author, article.published) == (
        raw.title,
        raw.author,
        raw.published,
    )


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Advertisement", "ad"),
        ("Read more: Ten things to know about the storm", "related"),
        ("Related: The storm in pictures", "related"),
        ("Sign up for our daily newsletter to get the news first.", "newsletter"),
        ("Like this story? Share it with a friend!", "share"),
        ("Follow us on Twitter and Facebook.", "share"),
        ("(Reporting by Jane Smith; Editing by John Doe)", "byline"),
        ("Copyright 2024 Example News. All rights reserved.", "widget"),
        ("À lire aussi : la tempête en images", "related"),
        ("اقرأ أيضا: العاصفة بالصور", "related"),
        ("تابعونا على فيسبوك", "share"),
    ],
)
def test_furniture_lines_are_dropped_with_their_kind(line: str, kind: str) -> None:
    body = "The harbour reopened on Monday after three weeks of repairs to the damaged sea wall, the port authority said."
    article = _clean([body, line, body.replace("Monday", "Tuesday")])
    assert line not in article.paragraphs
    assert [r.kind for r in article.removed if r.text == line] == [kind]


def test_related_label_takes_its_teaser_list_along() -> None:
    lines = [
        "The port authority said the works would be published next month, after the last inspection of the wall.",
        "You may also like",
        "- Storm closes coastal road",
        "- Ferry timetable changes for winter",
        "The mayor thanked the workers who repaired the wall in three weeks, and promised a bonus to every crew.",
    ]
    article = _clean(lines)
    assert article.paragraphs == [lines[0], lines[4]]
    assert [(r.line, r.kind) for r in article.removed] == [
        (2, "related"),
        (3, "related"),
        (4, "related"),
    ]


def test_tags_label_takes_its_tag_list_along() -> None:
    lines = [
        "The calendar may change during the season, the organisers said on Monday in a statement to the press.",
        "Tags",
        "harbour, storm, sea wall, ferry, fishing, port authority, repairs, coast, weather",
    ]
    article = _clean(lines)
    assert article.paragraphs == [lines[0]]
    assert [r.kind for r in article.removed] == ["nav", "nav"]


@pytest.mark.parametrize(
    "line",
    [
        "He said he would follow the advice of the engineers on the sea wall.",
        "Readers can find the full report on the port authority's website.",
        "The company, founded in 1998, employs 300 people in the region.",
        "Le maire a remercié les ouvriers qui ont réparé la digue.",
        "وقال رئيس الميناء إن الأشغال ستنتهي قبل نهاية الشهر.",
    ],
)
def test_furniture_rules_keep_ordinary_sentences(line: str) -> None:
    body = "The harbour reopened on Monday after three weeks of repairs to the damaged sea wall, the port authority said."
    article = _clean([body, line, body.replace("Monday", "Tuesday")])
    assert line in article.paragraphs, [(r.kind, r.rule) for r in article.removed]


# --- fallback and errors


def test_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = extract(ENGLISH, url=URL)
    assert page.method == "fallback"
    assert page.lines[0] == "Harbour reopens after storm repairs", "the walk keeps headings"
    assert any(line.startswith("Fishing boats were the first") for line in page.lines)
    assert not any("Home" in line for line in page.lines), "navigation is skipped"
    assert not any("Copyright" in line for line in page.lines), "the footer is skipped"
    assert page.title == "Harbour reopens after storm repairs", "metadata does not depend on it"


def test_fallback_respects_prune_xpath(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = extract(ENGLISH, url=URL, prune_xpath=["//div[@class='promo-box']"])
    assert page.method == "fallback"
    assert not any("podcast" in line for line in page.lines)


def test_fallback_on_a_page_of_headings_only() -> None:
    # trafilatura returns the headings, which the leading-heading rule then drops
    html = (
        "<html><body><article><h2>Storm warning for the coast tonight</h2></article></body></html>"
    )
    page = extract(html)
    assert page.method == "fallback"
    assert page.lines == ["Storm warning for the coast tonight"]


def test_fragment_without_html_element() -> None:
    page = extract("<p>The harbour reopened on Monday after three weeks of repairs.</p>")
    assert page.lines == ["The harbour reopened on Monday after three weeks of repairs."]


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "empty document"),
        (b"   \n\t ", "empty document"),
        (b"\x00\x01binary", "binary data, not HTML"),
        (bytes(range(256)) * 4, "binary data, not HTML"),
        ("<html></html>", "no article text found"),
        (
            "<html><body><script>var x = 1;</script><style>p {}</style></body></html>",
            "no article text found",
        ),
    ],
    ids=["empty", "blank", "nul-bytes", "random-bytes", "empty-html", "only-scripts"],
)
@pytest.mark.parametrize("url", [None, URL], ids=["no-url", "url"])
def test_bad_input_is_an_extraction_error_naming_the_source(
    html: bytes | str, reason: str, url: str | None
) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(html, url=url)
    assert caught.value.source == (url or "<html>")
    assert caught.value.reason == reason
    assert str(caught.value) == f"{url or '<html>'}: {reason}"


def test_only_boilerplate_is_an_extraction_error() -> None:
    page = "<html><body><article><p>Advertisement</p></article></body></html>"
    with pytest.raises(ExtractionError) as caught:
        extract_html(page, url=URL)
    assert caught.value.source == URL
    assert "boilerplate" in caught.value.reason
    assert extract(page).lines == ["Advertisement"], "the HTML layer still returns it"


# --- platform profiles: a page of an unknown site still gets its CMS's pruning

WORDPRESS_PAGE = """<html><head><meta name="generator" content="WordPress 6.4"><title>Port works</title></head>
<body><article><h1>Port works end</h1>
<div class="entry-content"><p>The harbour reopened on Monday after three weeks of repairs to the damaged sea wall, the port authority said in a statement.</p>
<ul class="wp-block-latest-posts"><li>Spread the word to your neighbours about the harbour news today</li></ul>
<p>Fishing boats were the first to leave, followed by the ferry to the islands, which had been replaced by a smaller ship since the closure.</p></div>
</article></body></html>"""


def test_platform_markers_bring_the_platform_pruning() -> None:
    with_platforms = extract(WORDPRESS_PAGE, platforms=PLATFORMS)
    without = extract(WORDPRESS_PAGE)
    assert with_platforms.platform == "wordpress", "the generator meta marks a WordPress page"
    assert without.platform is None
    assert any("Spread the word" in line for line in without.lines), (
        "no platform: the share block stays"
    )
    assert not any("Spread the word" in line for line in with_platforms.lines), (
        "WordPress: its latest-posts block is pruned"
    )
    assert any(line.startswith("Fishing boats") for line in with_platforms.lines)
