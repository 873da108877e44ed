"""Kinds of boilerplate and metadata that the fourth round of reconstructed pages showed
nadif missing (issue 11; corpus/pages, 28 pages of 14 new sites). Each test writes its own
page or lines; none is a corpus page.

- a dispatch's end mark ("انتهى", "- Ende -", "-30-") and a newsroom's agency credit
  ("(NEWSROOM avec AFP)") on their own line;
- the date line with the Arabic "في" ("on") or a French/German label ("Dernière
  modification :", "Stand: ... Uhr"), and the byline "نشر بواسطة:" ("posted by");
- a picture caption whose class is written in camelCase ("itemImgCaption");
- a related list whose items are a link and the linked post's date stamp;
- several posts' `itemprop="datePublished"` times (a menu's teasers): not the article's
  date; the `<time datetime>` of the date line under the title is, time included;
- a title heading inside the main block: the date line is looked for before its text only.
"""

from __future__ import annotations

import pytest

from nadif import extract_html
from nadif.cleaners.normalize import normalize_line
from nadif.cleaners.pipeline import clean_lines

AR_BODY = [
    "صوت مجلس المحافظة اليوم على خطة المشاريع للعام الحالي بمبلغ اجمالي يقارب مئة مليار "
    f"دينار، خصص نحو نصفها للمدارس وشبكات الماء في الأقضية والنواحي، الفقرة {n}."
    for n in range(4)
]
DE_BODY = [
    "Die Verkehrsbetriebe haben am Dienstag die Einzelheiten des Versuchs vorgestellt, der "
    f"nach Angaben der Stadt rund zwei Millionen Euro kosten wird, Abschnitt {n}."
    for n in range(4)
]


def _rules_only(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    article = clean_lines([normalize_line(line) for line in lines], scorer=False)
    return article.paragraphs, {r.text: r.rule for r in article.removed}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("انتهى", "generic/end-marks"),
        ("(انتهى)", "generic/end-marks"),
        ("- Ende -", "generic/end-marks"),
        ("-30-", "generic/end-marks"),
        ("(RÉDACTION avec AFP)", "generic/bylines"),
        ("(Newsdesk mit dpa und Reuters)", "generic/bylines"),
    ],
)
def test_a_closing_mark_or_an_agency_credit_after_the_text_is_cut(line: str, rule: str) -> None:
    kept, removed = _rules_only([*DE_BODY, line])
    assert kept == DE_BODY
    assert removed[line] == rule


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("في 2018/3/21 11:20", "generic/date-only"),
        ("Dernière modification : 12/03/2019 - 14:05", "generic/date-only"),
        ("Stand: 12.03.2019 14:05 Uhr", "generic/date-only"),
        ("نشر بواسطة: حيدر الكعبي", "generic/bylines"),
    ],
)
def test_a_date_or_byline_line_before_the_text_is_cut(line: str, rule: str) -> None:
    kept, removed = _rules_only(["عنوان الخبر في سطر قصير", line, *AR_BODY])
    assert kept == AR_BODY
    assert removed[line] == rule


def test_the_posted_by_byline_names_the_author() -> None:
    article = clean_lines(
        [normalize_line(line) for line in ["نشر بواسطة: حيدر الكعبي", *AR_BODY]], scorer=False
    )
    assert article.author == "حيدر الكعبي"


def test_an_end_word_inside_a_sentence_is_text() -> None:
    line = "Das Ende der Linie ist noch nicht beschlossen."
    kept, _ = _rules_only([*DE_BODY, line])
    assert kept == [*DE_BODY, line]


def _page(inner: str, *, head: str = "", title: str = "Neue Buslinie für die Vororte") -> str:
    return (
        f"<html><head><title>{title}</title>"
        "<link rel='canonical' href='https://zeitung.example/lokales/buslinie-123'>"
        f"{head}</head><body><nav><a href='/'>Start</a></nav>{inner}"
        "<footer>Impressum</footer></body></html>"
    )


def test_a_camel_case_caption_is_cut() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    page = _page(
        "<div class='item'><h1>Neue Buslinie für die Vororte</h1><div class='itemBody'>"
        "<div class='itemImg'><img src='/a.jpg'>"
        "<div class='itemImgCaption'>Ein Bus an der Endhaltestelle (Archiv)</div></div>"
        f"<div class='itemText'>{paragraphs}</div></div></div>"
    )
    article = extract_html(page)
    assert article.paragraphs == DE_BODY
    assert any(r.rule == "html/caption" and "Endhaltestelle" in r.text for r in article.removed)


def _related(items: list[str]) -> str:
    return "<div class='block'><h2>Mehr aus der Region</h2><ul>" + "".join(items) + "</ul></div>"


def test_a_related_list_of_links_with_date_stamps_is_cut_and_words_beside_a_link_stay() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    stamped = [
        f"<li><a href='https://zeitung.example/lokales/{n}'>Stadtrat beschließt neue Taktung "
        f"für Linie {n}</a> ( 2018/3/1{n} 14:10 )</li>"
        for n in range(3)
    ]
    worded = (
        "<li><a href='https://zeitung.example/lokales/plan'>Der neue Fahrplan</a> gilt ab "
        "Montag für alle drei Vororte</li>"
    )
    page = _page(
        f"<article><h1>Neue Buslinie für die Vororte</h1>{paragraphs}"
        f"<ul>{worded}</ul>{_related(stamped)}</article>"
    )
    article = extract_html(page)
    teasers = [r for r in article.removed if r.rule == "html/link-teaser"]
    assert len(teasers) == 3 and all("2018/3/1" in r.text for r in teasers)
    assert not any("Stadtrat" in p for p in article.paragraphs)
    assert any("Der neue Fahrplan gilt ab Montag" in p for p in article.paragraphs)


def _teaser(day: int) -> str:
    return (
        f"<li><a href='/x{day}'>Kurzmeldung {day}</a>"
        f"<time itemprop='datePublished' datetime='2017-02-{day:02d}T10:00:00+00:00'>"
        f"{day}. Februar</time></li>"
    )


def test_several_posts_dated_in_a_menu_do_not_date_the_article() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    menu = "<ul class='mega-menu'>" + "".join(_teaser(day) for day in (18, 20, 22)) + "</ul>"
    page = _page(
        f"{menu}<article><h1>Neue Buslinie für die Vororte</h1>"
        "<div class='post-meta'>von Anna Berg, am "
        "<time datetime='2017-02-26T18:12:40+00:00'>26. Februar 2017</time></div>"
        f"<div class='post-content'>{paragraphs}</div></article>"
    )
    assert extract_html(page).published == "2017-02-26T18:12:40+00:00"


def test_one_itemprop_date_is_the_articles() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    page = _page(
        "<article><h1>Neue Buslinie für die Vororte</h1>"
        "<time itemprop='datePublished' datetime='2017-02-24T08:00:00+01:00'>24.2.</time>"
        f"<div class='post-content'>{paragraphs}</div></article>"
    )
    assert extract_html(page).published == "2017-02-24T08:00:00+01:00"


def test_a_title_inside_the_main_block_takes_no_date_from_after_its_text() -> None:
    """The heading stands in the main block; a teaser's date after the article's
    paragraphs is another post's, not the article's (no date is given then)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    page = _page(
        f"<section class='entry'><h2>Neue Buslinie für die Vororte</h2>{paragraphs}"
        "<div class='teaser'><p><strong>31. Oktober 2014, 12:10</strong> Endlich neu</p></div>"
        "</section>"
    )
    assert extract_html(page).published is None


@pytest.mark.parametrize(
    "meta_title",
    [
        "Verkehr - Neue Buslinie verbindet die drei Vororte - Stadtanzeiger - Die Zeitung",
        "Neue Buslinie verbindet die drei Vororte - Stadtanzeiger - Stadtanzeiger Online",
        "Neue Buslinie verbindet die drei Vororte | Stadtanzeiger",
    ],
)
def test_the_heading_that_states_part_of_the_metadata_title_is_the_title(meta_title: str) -> None:
    """A section before the title, a site name and its slogan after it, or a metadata
    title cut short: the heading states the title as the page shows it."""
    heading = "Neue Buslinie verbindet die drei Vororte mit dem Bahnhof"
    if "-" in meta_title:
        heading = "Neue Buslinie verbindet die drei Vororte"
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    page = _page(
        f"<h1>Verkehr</h1><article><h1>{heading}</h1>{paragraphs}</article>", title=meta_title
    )
    assert extract_html(page).title == heading


@pytest.mark.parametrize(
    ("stated", "author"),
    [
        ("Stadtanzeiger Online; Anna Berg", "Anna Berg"),
        ("Anna Berg; SWR", "Anna Berg"),
        ("Anna Berg; Jonas Falk", "Anna Berg; Jonas Falk"),
        ("dpa; Red", None),
    ],
)
def test_the_site_and_single_tokens_in_a_list_of_authors_are_no_persons(
    stated: str, author: str | None
) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    head = (
        f"<meta name='author' content='{stated}'>"
        "<meta property='og:site_name' content='Stadtanzeiger Online'>"
    )
    page = _page(f"<article><h1>Neue Buslinie</h1>{paragraphs}</article>", head=head)
    assert extract_html(page).author == author


def test_a_texte_par_byline_gives_the_name() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    page = _page(
        "<article><h1>Neue Buslinie</h1><p class='author'>Texte par Élodie MARCHAND</p>"
        f"{paragraphs}</article>"
    )
    assert extract_html(page).author == "Élodie MARCHAND"


def test_an_agency_credit_alone_in_parentheses_is_cut() -> None:
    kept, removed = _rules_only([*DE_BODY, "(Avec AFP)"])
    assert kept == DE_BODY and removed["(Avec AFP)"] == "generic/bylines"


def test_a_heading_that_repeats_the_title_below_the_texts_start_cuts_nothing_before_it() -> None:
    """A recipe card (or a fact box) repeats the title as its heading below the article's
    first paragraphs: what stands before it is the article, not the furniture above a
    title (the article benchmark's recipe page lost its intertitles to this)."""
    intro = (
        "Wer im Herbst zu viele Birnen im Garten hat, kocht sie am besten ein, denn mit "
        "etwas Honig und Zimt wird daraus ein Aufstrich für den ganzen Winter."
    )
    short = "Dafür braucht es nur vier Zutaten."
    steps = (
        "Die Birnen schälen, entkernen und würfeln, dann mit dem Saft einer Zitrone, dem "
        "Honig und den Gewürzen in einem Topf langsam zum Kochen bringen und rühren."
    )
    page = _page(
        "<div class='post-body'>"
        f"<p>{intro}</p><h3>Was man braucht</h3><p>{short}</p><p>{steps}</p>"
        f"<h3>Einkochen im Wasserbad</h3><p>{steps} Danach abfüllen.</p>"
        "<div class='recipe-card'><h2>Birnenmarmelade mit Honig</h2>"
        "<ul><li>1 kg Birnen</li><li>200 g Honig</li></ul>"
        f"<p>{steps}</p><p>{intro}</p></div></div>",
        title="Birnenmarmelade mit Honig",
    )
    article = extract_html(page)
    assert short in article.paragraphs and "Was man braucht" in article.paragraphs
    assert not any(r.rule == "html/before-title" for r in article.removed)


def test_the_first_intertitle_of_a_series_opens_the_body_and_a_kicker_does_not() -> None:
    """Headings above the first paragraph: the title (and a kicker above it) go; the
    article's first intertitle, of the level its later intertitles use, stays."""
    tip = (
        "Wer vor dem Gespräch weiß, was die Stelle in der Branche und in der Region wert "
        "ist, kann mit belastbaren Zahlen argumentieren statt mit Gefühlen, Punkt {n}."
    )
    page = _page(
        "<article><h2>Karriere</h2><h1>So holst du beim Gehalt mehr heraus</h1>"
        "<div class='text'>"
        + "".join(f"<h3>{n}. Tipp Nummer {n}</h3><p>{tip.format(n=n)}</p>" for n in (1, 2, 3))
        + "</div></article>",
        title="So holst du beim Gehalt mehr heraus",
    )
    article = extract_html(page)
    assert article.paragraphs[0] == "1. Tipp Nummer 1"
    assert "Karriere" not in article.paragraphs
    assert "So holst du beim Gehalt mehr heraus" not in article.paragraphs


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("von Katrin Albers", "generic/bylines"),
        ("Von Miriam Kessler, SWR", "generic/bylines"),
        ("Samstag 02.02.2013", "generic/date-only"),
        ("Mittwoch, 14. Juni 2023, 09:15 Uhr", "generic/date-only"),
    ],
)
def test_german_bylines_and_date_lines_before_the_text_are_cut(line: str, rule: str) -> None:
    kept, removed = _rules_only(["Neue Buslinie für die Vororte", line, *DE_BODY])
    assert kept == DE_BODY
    assert removed[line] == rule


def test_a_von_byline_names_the_author_and_von_in_a_sentence_is_text() -> None:
    article = clean_lines(
        [normalize_line(x) for x in ["von Katrin Albers", *DE_BODY]], scorer=False
    )
    assert article.author == "Katrin Albers"
    line = "Von 2013 bis 2020 fuhr die Linie nur stündlich."
    kept, _ = _rules_only([*DE_BODY, line])
    assert kept == [*DE_BODY, line]


@pytest.mark.parametrize(
    "line",
    [
        "Copyright © 2010/2013 Beispiel.de - Alle Rechte vorbehalten; "
        + " ".join(["die Übernahme von Grafiken und Texten ist nur mit Erlaubnis gestattet."] * 6),
        "© 2024 Ediciones Ejemplo. Todos los derechos reservados.",
    ],
)
def test_a_copyright_notice_in_other_languages_or_of_any_length_is_cut(line: str) -> None:
    kept, removed = _rules_only([*DE_BODY, line])
    assert kept == DE_BODY
    assert removed[line].startswith("generic/copyright")


def test_a_block_beside_a_picture_that_says_its_alt_text_is_a_caption() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    alt = "Ein Bus an der Endhaltestelle im Regen."
    page = _page(
        "<article><h1>Neue Buslinie</h1><div class='text'>"
        f"<div class='foto'><img src='/a.jpg' alt='{alt}'><p>{alt}</p></div>{paragraphs}"
        "</div></article>"
    )
    article = extract_html(page)
    assert article.paragraphs == DE_BODY
    assert any(r.rule == "html/caption" and r.text == alt for r in article.removed)


def test_a_block_named_as_the_standfirst_that_opens_the_main_block_is_cut() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    summary = (
        "<ul><li>Die Linie fährt alle zehn Minuten</li><li>Der Versuch dauert ein Jahr</li></ul>"
    )
    page = _page(
        "<div class='noticia'><h1>Neue Buslinie</h1><div id='desarrollo'>"
        f"<div class='subtitulo'>{summary}</div>{paragraphs}</div></div>"
    )
    article = extract_html(page)
    assert article.paragraphs == DE_BODY
    assert any(r.rule == "html/standfirst" for r in article.removed)


@pytest.mark.parametrize(
    "lines",
    [
        [
            "عزيزي المستخدم",
            "لمساعدتنا على الاستمرار نرجو إلغاء تفعيل مانع الإعلانات في متصفحك.",
            "شكرا لتفهمك",
        ],
        ["We noticed you are using an ad blocker. Please disable it to support our journalism."],
        ["Bitte deaktivieren Sie Ihren Adblocker, um unsere Arbeit zu unterstützen."],
        [
            "Datenschutzhinweis für Youtube",
            "An dieser Stelle möchten wir Ihnen ein Youtube-Video zeigen, das Cookies setzt.",
            "Youtube Videos ab jetzt direkt anzeigen",
            "Ihr Stadtanzeiger-Team",
        ],
        ["This content is provided by a third party. Show external content?"],
    ],
)
def test_ad_blocker_notices_and_consent_placeholders_are_cut(lines: list[str]) -> None:
    body = AR_BODY if lines[0].startswith("عزيزي") else DE_BODY
    kept, removed = _rules_only([*body[:2], *lines, *body[2:]])
    assert kept == body
    assert all(line in removed for line in lines)


def test_an_article_about_ad_blockers_keeps_its_sentences() -> None:
    line = (
        "Der Bundesgerichtshof hat entschieden, dass Adblocker grundsätzlich zulässig sind, "
        "weil Nutzer selbst entscheiden dürfen, welche Inhalte ihr Browser anzeigt."
    )
    kept, _ = _rules_only([*DE_BODY, line])
    assert kept == [*DE_BODY, line]


def test_headings_no_reader_sees_are_cut_and_a_responsive_one_stays() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    page = _page(
        "<article><h1>Neue Buslinie</h1><h2 class='conHeadline hidden'>Hauptinhalt</h2>"
        f"{paragraphs[: len(paragraphs) // 2]}<h3 class='sr-only'>Neuer Abschnitt</h3>"
        "<h3 class='hidden-xs'>Was sich ändert</h3>"
        f"{paragraphs[len(paragraphs) // 2 :]}</article>"
    )
    article = extract_html(page)
    assert "Neuer Abschnitt" not in article.paragraphs
    assert "Was sich ändert" in article.paragraphs
    assert {r.text for r in article.removed if r.rule == "html/hidden"} >= {"Neuer Abschnitt"}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("MDR (Katrin Seelig)", "generic/bylines"),
        ("jov/ers (dpa, efe)", "generic/bylines"),
        ("Rechte: Mitteldeutscher Rundfunk", "generic/image-credit"),
        ("Publicidad", "generic/advertisement-label"),
        ("Anzeige", "generic/advertisement-label"),
    ],
)
def test_credits_and_ad_labels_after_the_text_are_cut(line: str, rule: str) -> None:
    kept, removed = _rules_only([*DE_BODY, line])
    assert kept == DE_BODY
    assert removed[line] == rule


def test_a_named_standfirst_under_the_one_h1_is_cut_when_the_metadata_words_the_title_otherwise() -> (
    None
):
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    lead = (
        "Grundschüler sollen ab dem neuen Schuljahr kostenlos zu Mittag essen, der Stadtrat "
        "stimmte am Mittwochabend mit knapper Mehrheit dafür."
    )
    page = _page(
        "<div class='section'><div class='header'><h1>Schulessen wird kostenlos</h1></div>"
        f"<p class='einleitung'>{lead}</p>{paragraphs}</div>",
        title="Stadtrat beschließt Gratis-Mittagessen | Stadtanzeiger",
    )
    article = extract_html(page)
    assert article.paragraphs == DE_BODY
    assert article.description == lead


FA_BODY = [
    "مدیرکل کتابخانه‌های عمومی استان گفت: عملیات ساخت دوازده کتابخانه عمومی در روستاهای "
    f"استان با مشارکت خیرین و دهیاری‌ها آغاز شده و تا پایان سال ادامه دارد، بخش {n}."
    for n in range(4)
]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("بیشتر بخوانید: افتتاح چهار کتابخانه عمومی تا پایان سال", "related"),
        ("خبرنگار: زهرا میرزایی انتشار دهنده: محمد کاظمی", "byline"),
        ("اخبار ایرنا را در کانال تلگرام ایرنا دنبال کنید", "follow"),
        ("خبرگزاری جمهوری اسلامی پست الکترونیک : news@example.ir", "footer"),
    ],
)
def test_persian_agency_furniture_after_the_text_is_cut(line: str, kind: str) -> None:
    article = clean_lines([normalize_line(x) for x in [*FA_BODY, line]], scorer=False)
    assert article.paragraphs == [normalize_line(x) for x in FA_BODY]
    assert [r.kind for r in article.removed] == [kind]


def test_a_german_comment_section_header_and_count_are_cut() -> None:
    kept, removed = _rules_only([*DE_BODY, "Lesermeinungen", "21 Lesermeinungen"])
    assert kept == DE_BODY
    assert {removed["Lesermeinungen"], removed["21 Lesermeinungen"]} == {"generic/de-comments"}


def test_a_camel_case_standfirst_name_is_read_word_by_word() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DE_BODY)
    lead = "Ab Montag fährt eine Expresslinie im Zehnminutentakt zwischen den Vororten."
    page = _page(
        f"<article><h1>Neue Buslinie</h1><div class='NewsLead'>{lead}</div>"
        f"<div class='BodyText'>{paragraphs}</div></article>"
    )
    article = extract_html(page)
    assert article.paragraphs == DE_BODY and article.description == lead
