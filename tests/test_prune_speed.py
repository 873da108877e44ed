"""The generic prune expressions are written for speed (issue 11: the HTML path's speed
floor); they must select exactly what their plain reading selects: each tag tested by
name, each keyword folded with its own letters in the id and in the class separately,
the content tests as before. Every page here is written for the test.
"""

from __future__ import annotations

import itertools

import lxml.html
from lxml.etree import XPath

from nadif.scraper.extraction._html_rules import GENERIC_PRUNE_XPATH

# the expressions as first written (one test per attribute, the name tests last)
PLAIN_NEWSLETTER = (
    "//*[self::div or self::section or self::aside or self::form]"
    "[contains(translate(@class, 'NEWSLTR', 'newsltr'), 'newsletter')"
    " or contains(translate(@id, 'NEWSLTR', 'newsltr'), 'newsletter')][count(.//p) < 5]"
)
PLAIN_COMMENTS = (
    "//*[self::div or self::section or self::aside or self::ol or self::ul][not(.//h1)]"
    "[not(descendant-or-self::*[count(p[string-length(normalize-space()) >= 80]) >= 3])"
    " or .//form or .//textarea]"
    "[contains(translate(@id, 'CMTARIOSK', 'cmtariosk'), 'comentario')"
    " or contains(translate(@id, 'CMTAIRESK', 'cmtairesk'), 'commentaire')"
    " or contains(translate(@id, 'CMTIK', 'cmtik'), 'commenti')"
    " or contains(translate(@id, 'KMTAR', 'kmtar'), 'kommentar')"
    " or contains(translate(@class, 'CMTARIOSK', 'cmtariosk'), 'comentario')"
    " or contains(translate(@class, 'CMTAIRESK', 'cmtairesk'), 'commentaire')"
    " or contains(translate(@class, 'CMTIK', 'cmtik'), 'commenti')"
    " or contains(translate(@class, 'KMTAR', 'kmtar'), 'kommentar')]"
)

PLAIN_HIDDEN = (
    "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
    "[@hidden or contains(concat(' ', normalize-space(@class), ' '), ' hidden ')"
    " or contains(@class, 'sr-only') or contains(@class, 'visually-hidden')"
    " or contains(@class, 'visuallyhidden') or contains(@class, 'screen-reader')]"
)
HIDDEN_NAMES = ("hidden", "a hidden b", "\thidden\n", "hidden-xs", "unhidden", "sr-only",
                "visually-hidden", "screen-reader-text", "HIDDEN", "")  # fmt: skip

PROSE = "<p>" + "A paragraph long enough to count as running text in any article body. " * 2
NAMES = (
    "comentarios",
    "COMENTARIOS",
    "ComENtarios",  # E and N are not folded for this keyword: no match
    "commentaires",
    "COMMENTAIRES",
    "CommEntaire",
    "commenti",
    "COMMENTI",
    "Kommentare",
    "KOMMENTARE",
    "KomMENtar",
    "newsletter",
    "NewsLetter-signup",
    "NEWSLETTER",
    "comment ario",  # a space breaks a keyword
    "news letter",
    "moment",
    "",
)


def grid_page() -> str:
    """Every name as an id, as a class, and both, on each tag, empty or holding prose,
    a heading, or a form."""
    blocks = []
    contents = ("<p>short</p>", PROSE * 3, "<h1>Title</h1>", PROSE * 3 + "<form></form>")
    for tag, name, content in itertools.product(
        ("div", "section", "aside", "form", "ol", "ul", "span"), NAMES, contents
    ):
        blocks.append(f"<{tag} class='{name}'>{content}</{tag}>")
        blocks.append(f"<{tag} id='{name}'>{content}</{tag}>")
        blocks.append(f"<{tag} id='x{name}' class='wrap {name.upper()}'>{content}</{tag}>")
        blocks.append(f"<div class='outer'><{tag} id='{name}'><div class='{name}'>x</div></{tag}>")
        blocks[-1] += "</div>"
    for tag, name in itertools.product(("h1", "h2", "h3", "h6", "p", "div"), HIDDEN_NAMES):
        blocks.append(f"<{tag} class='{name}'>Heading</{tag}>")
        blocks.append(f"<{tag} hidden class='{name}'>Heading</{tag}>")
    return "<html><body>" + "".join(blocks) + "</body></html>"


def test_fast_prune_expressions_select_what_the_plain_ones_select() -> None:
    tree = lxml.html.fromstring(grid_page())
    plains = (PLAIN_NEWSLETTER, PLAIN_COMMENTS, PLAIN_HIDDEN)
    for fast, plain in zip(GENERIC_PRUNE_XPATH, plains, strict=True):
        chosen, expected = XPath(fast)(tree), XPath(plain)(tree)
        assert expected, "the grid holds blocks that the rule selects"
        assert chosen == expected, "same elements, in document order"
