"""The review page: one static, right-to-left aware HTML file that shows what a run cut.

`page` renders it from a run's JSONL (read back defensively by `_records`) with the
corpus figures of `_corpus_stats` at the top and each article below, every removed line
struck through and labelled with its kind and rule. The HTML comes from Jinja2 templates
with autoescaping (`_html`, templates in `templates/`); each line gets its text direction
from `_direction`; `_atomic` writes the page so that no half page is ever seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nadif.scraper._lazy import lazy_exports

if TYPE_CHECKING:
    from nadif.scraper.review.page import render_clusters, render_review, review_file, write_review

__all__ = ["render_clusters", "render_review", "review_file", "write_review"]

_EXPORTS: dict[str, str] = {
    "render_clusters": "nadif.scraper.review.page",
    "render_review": "nadif.scraper.review.page",
    "review_file": "nadif.scraper.review.page",
    "write_review": "nadif.scraper.review.page",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
