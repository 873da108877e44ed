"""Zero-width joiners survive HTML extraction (Persian, Urdu, Kurdish, Indic scripts).

trafilatura drops every character Python calls unprintable, ZWNJ (U+200C) and ZWJ
(U+200D) among them, and Persian writes many words with a ZWNJ ("هتل‌ها", "می‌شود"): without
it the words run together. nadif's HTML layer swaps them for stand-ins while trafilatura
reads the page and puts them back.
"""

from __future__ import annotations

import trafilatura

from nadif import extract_html
from nadif.scraper.extraction.lines import plain_trafilatura

ZWNJ = "\u200c"
SENTENCES = [
    (
        "مسافران نوروزی امسال بیش از سال گذشته به هتل{z}ها و مهمان{z}پذیرهای شهر مراجعه کرده{z}اند "
        "و ستاد تسهیلات سفر می{z}گوید ظرفیت اقامتگاه{z}ها تا پایان هفته تکمیل شده است."
    ),
    (
        "به گفته مسئولان، بیشتر مسافران از استان{z}های همجوار آمده{z}اند و برای ماندن در شهر "
        "دست کم سه شب برنامه{z}ریزی کرده{z}اند؛ این رقم نسبت به پارسال افزایش داشته است."
    ),
    (
        "شهرداری نیز اعلام کرده است که ساعت کار پارک{z}ها و بوستان{z}های حاشیه شهر تا نیمه{z}شب "
        "تمدید می{z}شود تا خانواده{z}ها بتوانند از هوای بهاری استفاده کنند."
    ),
]


def _page(joiner: str) -> str:
    paragraphs = "".join(f"<p>{s.format(z=joiner)}</p>" for s in SENTENCES)
    return (
        "<html lang='fa' dir='rtl'><head><title>سفر نوروزی</title></head><body>"
        "<nav><a href='/'>صفحه اصلی</a> | <a href='/s'>جامعه</a></nav>"
        f"<article><h1>افزایش مسافران نوروزی</h1>{paragraphs}</article>"
        "<footer>کلیه حقوق محفوظ است</footer></body></html>"
    )


def test_trafilatura_alone_loses_the_joiners() -> None:
    """The control: what the swap is for."""
    text = trafilatura.extract(_page(ZWNJ)) or ""
    assert "هتلها" in text and ZWNJ not in text


def test_extract_html_keeps_zwnj_written_as_a_character_or_an_entity() -> None:
    expected = [s.format(z=ZWNJ) for s in SENTENCES]
    for joiner in (ZWNJ, "&zwnj;", "&#8204;", "&#x200C;"):
        article = extract_html(_page(joiner))
        assert article.paragraphs == expected, joiner
        assert all(r.text.count("\u034f") == 0 for r in article.removed), "no stand-in shows"


def test_the_safer_path_keeps_them_too() -> None:
    text = plain_trafilatura(_page("&zwnj;"), None)
    assert "هتل" + ZWNJ + "ها" in text and "\u034f" not in text


def test_a_page_that_holds_a_stand_in_is_left_as_it_is() -> None:
    """A page with a combining grapheme joiner of its own: no swap (it could not be
    undone), so trafilatura's behaviour, and the stand-in stays where the page had it."""
    page = _page(ZWNJ).replace("</article>", "<p>a\u034fb</p></article>")
    article = extract_html(page)
    assert ZWNJ not in "".join(article.paragraphs)


def test_the_title_keeps_its_joiners_and_loses_the_site_suffix() -> None:
    """The metadata title ("<title> - <site>", read through trafilatura's metadata steps,
    which drop the joiners) gives way to the heading that states it, as the page shows it."""
    title = "افزایش مسافران نوروزی به هتل" + ZWNJ + "ها"
    page = _page(ZWNJ).replace("<title>سفر نوروزی</title>", f"<title>{title} - خبرگزاری</title>")
    page = page.replace("<h1>افزایش مسافران نوروزی</h1>", f"<h1>{title}</h1>")
    assert extract_html(page).title == title
