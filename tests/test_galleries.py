"""A gallery's repeating blocks are the article: their names do not make them furniture.

A picture gallery or slideshow sets its text as one block per picture
(`div.slideshow__item` > `div.slideshow__text`). trafilatura's discard lists select
"slide" in a class name, so the whole text would go; the names of the main text's
repeating units are taken out before any rule reads them (`protect_main_text`).
"""

from __future__ import annotations

from nadif import extract_html

TEXTS = [
    f"Auf der Gartenschau zeigen die Gärtnereien der Region in diesem Jahr vor allem "
    f"Pflanzen, die mit wenig Wasser auskommen, wie hier im Beet Nummer {n} am Eingang."
    for n in range(6)
]


INTRO = (
    "Mehr als zweihundert Aussteller zeigen bis Sonntag auf dem Messegelände, wie Gärten mit "
    "weniger Wasser und mehr heimischen Pflanzen auskommen."
)
OTHERS = "".join(
    f"<div class='teaser'><a href='/n{n}'>Nachricht {n}</a><p>Ein anderer Bericht über die "
    f"Stadt, das Wetter und den Verkehr am Wochenende, Folge {n} der Reihe.</p></div>"
    for n in range(8)
)


def _gallery(item: str, text: str) -> str:
    items = "".join(
        f"<div class='{item}'><figure><img src='/{n}.jpg'><figcaption>Foto {n}</figcaption>"
        f"</figure><div class='{text}'><p>{t}</p></div></div>"
        for n, t in enumerate(TEXTS)
    )
    return (
        "<html><head><title>Gartenschau in Bildern</title></head><body>"
        "<nav><a href='/'>Start</a> <a href='/bilder'>Bilder</a></nav>"
        "<article><h1>Gartenschau in Bildern</h1><div class='story__content'>"
        f"<p>{INTRO}</p><div class='slideshow'>{items}</div></div></article>"
        f"<aside><h2>Meistgelesen</h2>{OTHERS}</aside>"
        "<footer><p>Impressum</p></footer></body></html>"
    )


def test_a_slideshow_keeps_its_text() -> None:
    article = extract_html(_gallery("slideshow__item", "slideshow__text"))
    assert article.paragraphs == [INTRO, *TEXTS]
    captions = [r for r in article.removed if r.rule == "html/caption"]
    assert len(captions) == len(TEXTS), "each picture's caption is cut as a caption"


def test_the_same_gallery_with_neutral_names_is_the_control() -> None:
    assert extract_html(_gallery("item", "text")).paragraphs == [INTRO, *TEXTS]
