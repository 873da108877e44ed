"""Dates in dumps: what a date line states, and `published` only from a date line next to
the title (nothing guessed from a year in the text, a masthead's today or two dates)."""

from __future__ import annotations

import pytest

from nadif import clean_text
from nadif.cleaners.dates import date_in_line, looks_dated, relative_time
from nadif.cleaners.normalize import fold

BODY = (
    "The regional council voted on Tuesday to extend the tram line to the airport, a "
    "project first proposed in 2019 that has been delayed by two rounds of tenders."
)
BODY2 = (
    "Work is expected to start next spring and to last three years, the council's "
    "transport officer told reporters after the vote, adding that fares will not change."
)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("الأربعاء 12 مارس 2025 - 14:30", "2025-03-12T14:30"),
        ("Publié le 3 mars 2024 à 10h12", "2024-03-03T10:12"),
        ("Mar 3, 2024 10:12 pm", "2024-03-03T22:12"),
        ("2025-07-21 | 11:08", "2025-07-21T11:08"),
        ("نشر في 18 - 01 - 2026", "2026-01-18"),
        ("السبت 7 شتنبر 2024", "2024-09-07"),
        ("12 أكتوبر، 2025", "2025-10-12"),  # an Arabic comma before the year
        ("05 اپریل ، 2018", "2018-04-05"),  # Urdu month names
        ("اتوار 3 مارچ 2024", "2024-03-03"),
        ("الخميس 14 تشرين الأول 2025", "2025-10-14"),
        ("19 مـارس.2018 - 12:10", "2018-03-19T12:10"),  # tatweel, a dot before the year
        ("28. November 2014", "2014-11-28"),  # German: a dot after the day
        ("Dienstag, 3. März 2020", "2020-03-03"),
        ("3 de mayo de 2019", "2019-05-03"),
        ("12 maggio 2020, 10:30", "2020-05-12T10:30"),
        ("5 de março de 2021", "2021-03-05"),
    ],
)
def test_date_in_line_reads_common_forms(line: str, date: str) -> None:
    assert date_in_line(fold(line)) == date


@pytest.mark.parametrize(
    "line",
    [
        "12/03/2024 - 15/04/2024",
        "Founded in 2019",
        "قبل ساعتين",
        "Page 3 of 12",
        "Im Mai 2019",  # a month and a year: no day, no date
        "3 Marco 2019",  # a name, not a month
    ],
)
def test_date_in_line_guesses_nothing(line: str) -> None:
    assert date_in_line(fold(line)) is None, "no single calendar date: nothing"


def test_relative_times_and_dated_lines_are_recognised() -> None:
    assert relative_time(fold("منذ 3 ساعات")), "Arabic relative time"
    assert relative_time(fold("il y a 2 jours")), "French relative time"
    assert relative_time(fold("5 hours ago")), "English relative time"
    assert looks_dated(fold("Mis à jour le 12 janvier 2025")), "a French date line"
    assert not looks_dated(fold("The council met again")), "no date"


def _doc(*lines: str) -> str:
    return "\n".join(lines)


def test_published_comes_from_the_date_line_under_the_title() -> None:
    text = _doc("Tram line to reach the airport", "Published: 12 March 2025 - 14:30", BODY, BODY2)
    article = clean_text(text, site="none")
    assert article.title == "Tram line to reach the airport", "the headline"
    assert article.published == "2025-03-12T14:30", "the date line's date and time"


def test_no_published_without_a_date_line() -> None:
    text = _doc("Tram line to reach the airport", BODY, BODY2)
    article = clean_text(text, site="none")
    assert article.published is None, "the year in the body (2019) gives no date"


def test_a_masthead_date_far_above_the_title_is_not_the_articles() -> None:
    text = _doc(
        "Sunday, 2 March 2025",
        "Home",
        "World",
        "Sport",
        "Culture",
        "Tram line to reach the airport",
        BODY,
        BODY2,
    )
    article = clean_text(text, site="none")
    assert article.published is None, "today's date in the masthead is not a publication date"


def test_two_different_dates_without_a_label_give_none() -> None:
    text = _doc("Tram line to reach the airport", "12 March 2025", "14 April 2025", BODY, BODY2)
    article = clean_text(text, site="none")
    assert article.published is None, "ambiguous: nothing is chosen"


def test_author_from_an_explicit_byline() -> None:
    text = _doc("Tram line to reach the airport", "By Salma Idrissi", BODY, BODY2)
    article = clean_text(text, site="none")
    assert article.author == "Salma Idrissi", "the byline's name"
    text = _doc("خط الترامواي يصل إلى المطار", "كتب: يوسف العلمي", BODY, BODY2)
    assert clean_text(text, site="none").author == "يوسف العلمي", "Arabic byline"


def test_an_urdu_dump_keeps_its_paragraphs_and_gives_its_date() -> None:
    """Urdu's full stop ends a sentence and its month names date a line."""
    lines = [
        "شہر میں نئی بس سروس کا آغاز اگلے ہفتے ہوگا",
        "05 اپریل ، 2018",
        "شہری انتظامیہ نے منگل کے روز اعلان کیا کہ شہر کے تین بڑے راستوں پر نئی بس سروس اگلے"
        + " ہفتے سے شروع کی جائے گی۔",
        "حکام کے مطابق بسیں صبح چھ بجے سے رات دس بجے تک ہر پندرہ منٹ بعد چلیں گی اور کرایہ"
        + " پرانا ہی رہے گا۔",
        "شہریوں نے اس فیصلے کا خیر مقدم کیا ہے۔",
    ]
    text = "\n".join(lines)
    article = clean_text(text, site="none")
    assert len(article.paragraphs) == 3, "every sentence ending in '۔' is kept"
    assert [r.rule for r in article.removed] == ["generic/date-only"], "the date line goes"
    assert article.published == "2018-04-05", "and dates the article"


def _page(header: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body} {k}.</p>" for k in range(4))
    return (
        "<html><head><title>Neue Mäntel für den Winter</title></head><body>"
        "<nav><a href='/'>Start</a> <a href='/mode'>Mode</a></nav>"
        "<article><header class='article-header'><h1>Neue Mäntel für den Winter</h1>"
        f"<div>{header}</div></header>"
        f"<div class='article-content'>{paragraphs}</div></article></body></html>"
    )


HTML_BODY = (
    "Die Redaktion hat zwölf Mäntel getestet, vom klassischen Caban bis zum gefütterten "
    "Parka, und dabei vor allem auf Verarbeitung, Wärme und Preis geachtet, Teil"
)


def test_a_page_without_date_metadata_takes_the_date_line_of_its_title_header() -> None:
    """No date meta, no <time>: the date that opens the title's header block is the page's
    own statement, next to its title."""
    from nadif import extract_html

    page = _page("<strong>28. November 2014</strong> <span>Mode</span>", HTML_BODY)
    assert extract_html(page).published == "2014-11-28"


def test_a_page_without_any_stated_date_gets_none_whatever_years_its_text_holds() -> None:
    from nadif import extract_html

    page = _page("<span>Mode</span>", HTML_BODY + " seit 2014, im Mai 2019 und 2022")
    assert extract_html(page).published is None, "a year in the text is no date"


def test_a_date_line_under_the_title_gives_the_date_when_the_metadata_has_none() -> None:
    """A short block under the title heading that opens with a date, both month names
    ("آذار / مارس", as Levantine papers print them) and a time."""
    from nadif import extract_html

    body = "".join(
        f"<p>قالت البلدية إن خطوط الحافلات الجديدة ستربط الأحياء الشرقية بوسط المدينة "
        f"خلال الأشهر المقبلة، في إطار خطة النقل العام رقم {n}.</p>"
        for n in range(5)
    )
    page = (
        "<html><head><title>حافلات جديدة للأحياء الشرقية</title></head><body>"
        "<article><h1>حافلات جديدة للأحياء الشرقية</h1>"
        "<div class='tools'>طباعة أرسل لصديق</div>"
        "<div class='article-date'>السبت 24 آذار / مارس 2018. 12:00 صباحاً</div>"
        f"<div class='article-body'>{body}</div></article></body></html>"
    )
    assert extract_html(page).published == "2018-03-24T12:00"
