"""The audit trail of the HTML stage: what was cut from a page before its text had lines.

Three records, all `Removal`s with `line` 0 (they were cut from the markup, before the
extracted text was split into numbered lines):

- a pruned subtree (`subtree_removal`): a site's or a platform's `drop_xpath`
  (`<site>/drop-xpath`), a generic furniture expression (`html/<rule>`); its kind is read
  from the subtree's own tag, class and id (`nav`, `share`, `comments`...), else `chrome`;
- a block dropped by a rule on the extracted tree (`html/leading-heading`...);
- what the extractor left out of the page's main text (`left_out`): the text of the
  page's body that is in none of the kept lines, merged into runs of consecutive text,
  kind `extractor`, rule `html/extractor`.

Every text is shortened to `MAX_TEXT_CHARS` ("…" marks the cut), so a record never holds
a copy of the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from lxml.etree import XPath, _Element, strip_elements

from nadif.cleaners.article import Removal

__all__ = [
    "HTML_LINE",
    "MAX_TEXT_CHARS",
    "drop_code",
    "kind_of",
    "left_out",
    "shorten",
    "subtree_removal",
    "visible_text",
]

HTML_LINE: Final = 0  # the `line` of a cut made in the markup: no text line exists yet
MAX_TEXT_CHARS: Final = 200
EXTRACTOR_RULE: Final = "html/extractor"

_SPACES: Final = re.compile(r"\s+")
# a subtree's own names say what it is; first match wins (comments before "form"...)
_KINDS: Final = (
    (
        "comments",
        re.compile(r"comment|comentario|kommentar|respond|disqus|reply|reactions", re.IGNORECASE),
    ),
    ("share", re.compile(r"share|sharing|social|addthis|sharethis", re.IGNORECASE)),
    (
        "related",
        re.compile(
            r"related|more-?(?:news|stories|posts)|recommend|read-?more|teaser", re.IGNORECASE
        ),
    ),
    ("newsletter", re.compile(r"newsletter|subscri", re.IGNORECASE)),
    ("cookie", re.compile(r"cookie|consent|gdpr", re.IGNORECASE)),
    (
        "ad",
        re.compile(
            r"(?:^|[\s_-])(?:ads?|advert\w*|banner|sponsor\w*|promo)(?:$|[\s_-])", re.IGNORECASE
        ),
    ),
    ("nav", re.compile(r"(?:^|[\s_-])(?:nav\w*|menu\w*|breadcrumbs?)(?:$|[\s_-])", re.IGNORECASE)),
    ("widget", re.compile(r"widget|sidebar|aside|most-?(?:read|viewed|popular)", re.IGNORECASE)),
    ("tags", re.compile(r"(?:^|[\s_-])tags?(?:$|[\s_-])|keywords", re.IGNORECASE)),
)
_KIND_BY_TAG: Final = {"nav": "nav", "aside": "widget", "footer": "chrome", "header": "chrome"}


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Whitespace collapsed; past `limit` characters, cut at a space and marked with "…"."""
    text = _norm(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "…"


def kind_of(element: _Element) -> str:
    """The kind of furniture a subtree is, from its own tag, class and id."""
    names = f"{element.get('class', '')} {element.get('id', '')}"
    for kind, pattern in _KINDS:
        if pattern.search(names):
            return kind
    tag = element.tag if isinstance(element.tag, str) else ""
    return _KIND_BY_TAG.get(tag, "chrome")


# a script's or a style's text is code, not text a reader sees
_CODE: Final = ("script", "style", "noscript", "template")
_TEXT_NODES: Final = XPath(".//text()", smart_strings=False)
_WORD: Final = re.compile(r"\w+")


def drop_code(element: _Element) -> None:
    """Remove scripts, styles and templates (in place): what is left is what shows."""
    strip_elements(element, *_CODE, with_tail=False)


def visible_text(element: _Element) -> str:
    """The text a reader sees in a (pruned, detached) subtree; its code is dropped."""
    drop_code(element)
    return _norm(" ".join(_TEXT_NODES(element)))


def subtree_removal(element: _Element, rule: str, kind: str | None = None) -> Removal | None:
    """A pruned subtree as a removal, or None when it showed no text."""
    text = visible_text(element)
    if not text:
        return None
    return Removal(line=HTML_LINE, text=shorten(text), kind=kind or kind_of(element), rule=rule)


def left_out(
    root: _Element, kept: Iterable[str], *, also_known: Iterable[str] = ()
) -> list[Removal]:
    """What the extractor left out of the page under `root` (whose code `drop_code` has
    removed): its text nodes that
    are in none of the `kept` lines (nor in `also_known`: the title, the texts that other
    rules recorded), merged into runs of consecutive nodes, each one shortened `Removal`.

    A node counts as kept when its text (spaces collapsed) occurs in the kept text.
    """
    haystack = "\n".join(" ".join(line.split()) for line in (*kept, *also_known))
    removals: list[Removal] = []
    run: list[str] = []
    run_chars = 0

    def close() -> None:
        nonlocal run_chars
        if run:
            removals.append(Removal(HTML_LINE, shorten(" ".join(run)), "extractor", EXTRACTOR_RULE))
            run.clear()
            run_chars = 0

    for node in _TEXT_NODES(root):
        if node.isspace():
            continue
        text = " ".join(node.split())
        if text in haystack:
            close()
        # past the shortened length a run adds nothing; a separator or an icon has no word
        elif run_chars < MAX_TEXT_CHARS and _WORD.search(text):
            run.append(text)
            run_chars += len(text) + 1
    close()
    return removals
