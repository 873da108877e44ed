"""The review page: one static, right-to-left aware HTML file that shows what a run cut.

`page` renders it from a run's JSONL (read back defensively by `_records`) with the
corpus figures of `_corpus_stats` at the top and each article below, every removed line
struck through and labelled with its kind and rule.
"""

from .page import render_clusters, render_review, review_file, write_review

__all__ = ["render_clusters", "render_review", "review_file", "write_review"]
