"""The standfirst and picture captions: text set apart from the running text.

The standfirst is a block named as one, between the title heading and the main text.

nadif's body is the article's running text; the standfirst (deck, lead, chapo, perex)
that a template sets in its own block above it is the page's summary. It is cut as
`html/standfirst` (kind `standfirst`, in the audit) and becomes `Article.description`
when the page states no description of its own.
"""

from __future__ import annotations

from nadif import extract_html

TITLE = "Neue Buslinie verbindet die Vororte"
LEAD = (
    "Ab Montag fährt eine Expresslinie im Zehnminutentakt zwischen den drei Vororten und "
    "dem Bahnhof, zunächst als Versuch für ein halbes Jahr."
)
BODY = [
    f"Die Verkehrsbetriebe haben am Dienstag die Einzelheiten des Versuchs vorgestellt, "
    f"der nach Angaben der Stadt rund zwei Millionen Euro kosten wird, Abschnitt {n}."
    for n in range(5)
]


def _page(*, lead: str, inside: bool = False, meta: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    body = f"<div class='article-body'>{lead if inside else ''}{paragraphs}</div>"
    return (
        f"<html><head><title>{TITLE}</title>{meta}</head><body>"
        "<nav><a href='/'>Start</a> <a href='/lokales'>Lokales</a></nav>"
        f"<article><h1>{TITLE}</h1>{'' if inside else lead}{body}</article>"
        "<footer>Impressum</footer></body></html>"
    )


def test_a_standfirst_block_is_cut_and_becomes_the_description() -> None:
    article = extract_html(_page(lead=f"<div class='article__lead'>{LEAD}</div>"))
    assert article.paragraphs == BODY, "the body is the running text"
    cut = [r for r in article.removed if r.rule == "html/standfirst"]
    assert len(cut) == 1 and cut[0].kind == "standfirst", "the cut is in the audit"
    assert article.description == LEAD, "the page states no description: the standfirst is it"


def test_the_pages_own_description_wins() -> None:
    meta = "<meta name='description' content='Eine Expresslinie startet.'>"
    article = extract_html(_page(lead=f"<p class='summary'>{LEAD}</p>", meta=meta))
    assert LEAD not in article.paragraphs
    assert article.description == "Eine Expresslinie startet."


def test_a_lead_paragraph_inside_the_body_stays() -> None:
    article = extract_html(_page(lead=f"<p class='lead'>{LEAD}</p>", inside=True))
    assert article.paragraphs == [LEAD, *BODY], "the body's first paragraph, whatever its class"
    assert not any(r.rule == "html/standfirst" for r in article.removed)


def test_an_unnamed_block_is_no_standfirst() -> None:
    """Only a block the template names as a standfirst: an unnamed paragraph above the
    body is left to the extractor and the line cleaning."""
    article = extract_html(_page(lead=f"<div class='box'>{LEAD}</div>"))
    assert not any(r.rule == "html/standfirst" for r in article.removed)


def _captioned(caption: str) -> str:
    above = "".join(f"<p>{p}</p>" for p in BODY[:2])
    below = "".join(f"<p>{p}</p>" for p in BODY[2:])
    return (
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<div class='article-body'>{above}<div class='img-area'>"
        f"<img src='/bus.jpg' alt='Bus'>{caption}</div>{below}</div>"
        "</article></body></html>"
    )


def test_picture_captions_are_cut_as_captions() -> None:
    """A <figcaption>, or a block the template names as a caption, describes a picture:
    it is cut (`html/caption`, kind `caption`), wherever it stands."""
    text = "Der neue Expressbus an der Haltestelle am Bahnhof, Archivbild"
    for caption in (
        f"<figure><img src='/b.jpg'><figcaption>{text}</figcaption></figure>",
        f"<p class='imgCaption'>{text}</p>",
        f"<div class='wp-caption-text'>{text}</div>",
    ):
        article = extract_html(_captioned(caption))
        assert text not in article.paragraphs, caption
        cut = [r for r in article.removed if r.rule == "html/caption"]
        assert len(cut) == 1 and cut[0].kind == "caption", caption
        assert article.paragraphs == BODY, caption


def test_a_long_block_named_caption_is_not_a_caption() -> None:
    long_text = " ".join(BODY)  # far past a caption's length
    article = extract_html(_captioned(f"<div class='caption'><p>{long_text}</p></div>"))
    assert not any(r.rule == "html/caption" for r in article.removed)
