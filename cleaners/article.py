"""The one type that flows through nadif: `Article`, and `Removal`, its audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article", "Removal"]


@dataclass(frozen=True, slots=True)
class Removal:
    """One dropped line: where it was, what it said, what kind of boilerplate, which rule.

    `line` is the 1-based line number in the cleaned input (the dump, or the text that
    extraction produced from HTML); 0 for a cut made in a page's HTML before its text had
    lines (a pruned subtree, what the extractor left out: see `scraper.extraction._audit`).
    """

    line: int
    text: str
    kind: str
    rule: str
    score: float | None = None  # the learned scorer's probability, for `generic/model`

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "line": self.line,
            "text": self.text,
            "kind": self.kind,
            "rule": self.rule,
        }
        if self.score is not None:
            out["score"] = self.score
        return out


@dataclass(slots=True)
class Article:
    """A cleaned article.

    `paragraphs` is the kept body in order (the title is not part of it); `text` is
    derived from it. `removed` lists every dropped line; `flags` are quality signals
    (see `cleaners.quality`). `title_line` and `paragraph_lines` are the 1-based input
    line numbers of the title and of each paragraph, so kept and removed lines can be
    shown in their original order (the review page does).

    The page's metadata, null where the page does not state it (a text dump states none):
    `published` and `modified` (ISO 8601, with time and timezone when given),
    `description`, `sitename` (the name the site gives itself), `hostname` (of the page's
    URL), `categories` and `tags` (lists), `image` (the page's lead image URL).
    """

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    site: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    published: str | None = None
    author: str | None = None
    modified: str | None = None
    description: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    categories: list[str] | None = None
    tags: list[str] | None = None
    image: str | None = None
    removed: list[Removal] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    title_line: int | None = None
    paragraph_lines: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """One JSON-ready object with stable field names and order."""
        return {
            "source": self.source,
            "url": self.url,
            "site": self.site,
            "lang": self.lang,
            "title": self.title,
            "published": self.published,
            "modified": self.modified,
            "author": self.author,
            "description": self.description,
            "sitename": self.sitename,
            "hostname": self.hostname,
            "categories": None if self.categories is None else list(self.categories),
            "tags": None if self.tags is None else list(self.tags),
            "image": self.image,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "flags": list(self.flags),
            "title_line": self.title_line,
            "paragraph_lines": list(self.paragraph_lines),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            title=data.get("title"),
            paragraphs=list(data.get("paragraphs") or []),
            site=data.get("site"),
            source=data.get("source"),
            url=data.get("url"),
            lang=data.get("lang"),
            published=data.get("published"),
            author=data.get("author"),
            modified=data.get("modified"),
            description=data.get("description"),
            sitename=data.get("sitename"),
            hostname=data.get("hostname"),
            categories=_optional_list(data.get("categories")),
            tags=_optional_list(data.get("tags")),
            image=data.get("image"),
            removed=[Removal(**r) for r in data.get("removed") or []],
            flags=list(data.get("flags") or []),
            title_line=data.get("title_line"),
            paragraph_lines=list(data.get("paragraph_lines") or []),
        )


def _optional_list(value: Any) -> list[str] | None:
    return None if value is None else [str(item) for item in value]
