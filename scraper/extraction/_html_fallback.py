"""The last resort: a plain BeautifulSoup walk over the paragraphs of a page.

Used only when trafilatura's extraction leaves nothing (it found no text, or only the
title and deck headings that the body rules drop). It keeps the text of block
elements (<p>, <h1>-<h6>, <li>, <blockquote>, <pre>) inside the page's <article> or
<main> when there is one, else the <body>, and skips the parts of a page that are never
the article (navigation, header, footer, asides, forms, scripts).
"""

from __future__ import annotations

import re
from typing import Final

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

__all__ = ["paragraph_walk"]

BLOCK_TAGS: Final = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
SKIPPED_TAGS: Final = frozenset(
    {
        "nav",
        "header",
        "footer",
        "aside",
        "script",
        "style",
        "noscript",
        "form",
        "template",
        "svg",
        "button",
        "select",
        "textarea",
        "iframe",
    }
)
# inline boundaries join words ("exam<b>ple</b>"); these separate them
_BREAKING_TAGS: Final = frozenset({"br", "hr", "div", "td", "th", "tr", "dd", "dt", *BLOCK_TAGS})
_SPACES: Final = re.compile(r"\s+")


def _block_text(element: Tag) -> str:
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name in _BREAKING_TAGS:
                parts.append(" ")
        elif isinstance(node, NavigableString) and not isinstance(node, Comment):
            parent = node.parent
            if parent is None or parent.name not in SKIPPED_TAGS:
                parts.append(str(node))
    return _SPACES.sub(" ", "".join(parts)).strip()


def _skipped(element: Tag, root: Tag) -> bool:
    for parent in element.parents:
        if parent is root:
            return False
        if parent.name in SKIPPED_TAGS:
            return True
    return False


def _root(soup: BeautifulSoup) -> Tag:
    for name in ("article", "main", "body"):
        found = soup.find(name)
        if isinstance(found, Tag) and found.get_text(strip=True):
            return found
    return soup


def paragraph_walk(html: str) -> list[str]:
    """The text of the page's block elements, in document order, one line each.

    A block nested in another block (a <p> in an <li>) is not repeated: its text is part
    of the outer block's line.
    """
    soup = BeautifulSoup(html, "html.parser")
    root = _root(soup)
    lines: list[str] = []
    taken: set[int] = set()
    for element in root.find_all(BLOCK_TAGS):
        if not isinstance(element, Tag) or element.name in SKIPPED_TAGS:
            continue
        if any(id(parent) in taken for parent in element.parents):
            continue
        if _skipped(element, root):
            continue
        text = _block_text(element)
        if text:
            lines.append(text)
            taken.add(id(element))
    return lines
