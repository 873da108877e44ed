#!/usr/bin/env python3
"""Keyword audit of the HTML layer's pruning: does a furniture word in a container's
class cost the article?

    python bench/audit_prune_keywords.py [--keywords a,b] [--pages NAME,...] [--threshold 0.05]
                                         [--full] [--per-page]

Templates name containers after what they show, and what they show is not always
furniture: an opinion column is a "Kommentar", a page with a side column has a
"has-sidebar" wrapper, a body with a sign-up box below gets "newsletter-teaser". Every
keyword that a prune rule or a discard expression matches (nadif's own in
scraper/extraction/, trafilatura's discard lists that the HTML layer runs) is injected
as one more class token, on each dev page (corpus/pages/dev only: test pages are only
scored, never probed), in three places:

- `container`: the article container (the nearest element holding every gold paragraph);
- `wrapper`:   the nearest block above it that is not <body> (a layout wrapper);
- `body`:      the page's <body>.

For each keyword and place it prints the HTML layer's F1 against the page's gold
(`nadif.scraper.extraction.extract`, scored as bench/bench_pages.py scores: word 4-grams),
averaged over pages, the mean change from the page as written, and the pages that lost
more than `--threshold`. `--full` scores `nadif.extract_html` instead (the line cleaning
and the safer path included). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
from lxml.html import HtmlElement

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_pages  # the page benchmark's loader and scorer

# class tokens that a prune rule or a discard expression of the HTML layer matches, and
# compound names that templates give to layout wrappers holding an article
KEYWORDS: tuple[str, ...] = (
    # nadif's generic prune rules (html/comments, html/newsletter)
    "kommentar",
    "kommentare",
    "commentaire",
    "comentarios",
    "commenti",
    "newsletter",
    "newsletter-teaser",
    # trafilatura's discard lists (comments, share, related, teaser, ads, author, tags...)
    "comment",
    "comments",
    "with-comments",
    "commentary",
    "share",
    "social",
    "sharing",
    "related",
    "teaser",
    "teaser-layout",
    "promo",
    "ad",
    "ads",
    "advert",
    "author",
    "byline",
    "tags",
    "tag-list",
    "subscription",
    "paywall",
    "premium",
    "cookie",
    "consent",
    "footer",
    "sidebar",
    "has-sidebar",
    "aside",
    "nav",
    "menu",
    "navbar",
    "widget",
    "meta",
    "embed",
    "banner",
    "button",
    "caption",
    "link",
    "bottom",
    "options",
    "expand",
    "slide",
    "overlay",
    "message",
    "rating",
    "timestamp",
    "hidden",
    "syndication",
    "viral",
    "toolbar",
)
# a token that no rule knows: its row shows what the injection alone does
CONTROL = "xq-control"
PLACES: tuple[str, ...] = ("container", "wrapper", "body")
_BLOCKS = ("div", "section", "main", "article")


def _norm(text: str) -> str:
    return " ".join(text.split())


def article_container(root: HtmlElement, body: list[str]) -> HtmlElement | None:
    """The nearest block (div, section, main, article) that holds every gold paragraph
    (each found by its first words)."""
    keys = [_norm(p)[:60] for p in body if _norm(p)]
    holders: list[HtmlElement] = []
    for key in keys:
        found = None
        for element in root.iter():
            if isinstance(element.tag, str) and key in _norm(element.text_content()):
                found = element  # iter() is document order: the last match is the deepest
        if found is not None:
            holders.append(found)
    if not holders:
        return None
    common = [holders[0], *holders[0].iterancestors()]
    for holder in holders[1:]:
        above = {id(e) for e in (holder, *holder.iterancestors())}
        common = [e for e in common if id(e) in above]
    for element in common:  # a paragraph or a span holding <br>-separated text: its block
        if element.tag in _BLOCKS or element.tag in ("body", "html"):
            return element
    return None


def wrapper_of(container: HtmlElement) -> HtmlElement | None:
    for above in container.iterancestors():
        if above.tag in ("body", "html"):
            return None
        if above.tag in _BLOCKS:
            return above
    return None


def inject(html: bytes, body: list[str], place: str, keyword: str) -> str | None:
    """The page with `keyword` added to the class of the element at `place`, or None when
    the page has no such element. An empty `keyword` gives the page as parsed and written
    again (the baseline: the round trip itself changes nothing that is scored)."""
    from nadif.scraper.extraction.lines import decode_html

    root = lxml.html.fromstring(decode_html(html))
    container = article_container(root, body)
    target: HtmlElement | None
    if place == "body":
        target = root.find("body")
    elif container is None or container.tag in ("body", "html"):
        target = None
    elif place == "container":
        target = container
    else:
        target = wrapper_of(container)
    if target is None:
        return None
    if keyword:
        target.set("class", f"{target.get('class', '')} {keyword}".strip())
    return str(lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"))


def scorer_for(full: bool) -> Callable[[str], str]:
    from nadif import extract_html
    from nadif.cleaners.errors import ExtractionError
    from nadif.scraper.extraction import extract

    def layer(html: str) -> str:
        try:
            return "\n".join(extract(html).lines)
        except ExtractionError:
            return ""

    def whole(html: str) -> str:
        try:
            return extract_html(html).text
        except ExtractionError:
            return ""

    return whole if full else layer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keywords", help="comma-separated class tokens (default: all)")
    parser.add_argument("--pages", help="comma-separated dev page names (default: all)")
    parser.add_argument("--threshold", type=float, default=0.05)
    parser.add_argument("--full", action="store_true", help="score extract_html, not the layer")
    parser.add_argument("--per-page", action="store_true", help="list every page that lost")
    args = parser.parse_args()
    scorer = bench_pages._scorer()
    if scorer is None:
        print("skipped: ../shared/bench/score_articles.py not found")
        return 0
    keywords = [CONTROL, *(args.keywords.split(",") if args.keywords else KEYWORDS)]
    cases: list[dict[str, Any]] = bench_pages.load_part("dev")
    if args.pages:
        wanted = set(args.pages.split(","))
        cases = [c for c in cases if c["name"] in wanted]
    run = scorer_for(args.full)
    start = time.perf_counter()
    base: dict[str, float] = {}
    for case in cases:
        written = inject(case["html"], case["body"], "body", "")
        assert written is not None  # every page has a <body> once parsed
        gold = "\n".join(case["body"])
        base[case["name"]] = bench_pages.page_score(scorer, gold, run(written))[1]
    print(
        f"{len(cases)} dev pages, {'extract_html' if args.full else 'HTML layer'} F1 as written:"
        f" {sum(base.values()) / len(base):.3f}"
    )
    print(f"{'keyword':<20} {'place':<10} {'pages':>5} {'F1':>6} {'change':>7} {'lost':>5}  worst")
    kinds_lost = 0
    for keyword in keywords:
        for place in PLACES:
            scores: list[float] = []
            changes: list[float] = []
            losses: list[tuple[str, float]] = []
            for case in cases:
                html = inject(case["html"], case["body"], place, keyword)
                if html is None:
                    continue
                gold = "\n".join(case["body"])
                f1 = bench_pages.page_score(scorer, gold, run(html))[1]
                scores.append(f1)
                drop = base[case["name"]] - f1
                changes.append(-drop)
                if drop > args.threshold:
                    losses.append((case["name"], drop))
            if not scores:
                continue
            mean = sum(scores) / len(scores)
            change = sum(changes) / len(changes)
            losses.sort(key=lambda item: -item[1])
            worst = f"{losses[0][0]} -{losses[0][1]:.3f}" if losses else ""
            kinds_lost += bool(losses)
            print(
                f"{keyword:<20} {place:<10} {len(scores):>5} {mean:>6.3f} {change:>+7.3f}"
                f" {len(losses):>5}  {worst}"
            )
            if args.per_page:
                for name, drop in losses[1:]:
                    print(f"{'':<53}{name} -{drop:.3f}")
    print(
        f"keyword x place cells with a page losing more than {args.threshold}: {kinds_lost}"
        f" ({time.perf_counter() - start:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
