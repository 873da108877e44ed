"""HTML to Article: extract the page's lines, then the same line cleaning as a dump.

    extract_html(html, url=None)  -> Article   (bytes or str)
    fetch_article(url)            -> Article   (fetch, then extract_html)

The site is chosen by the URL's host; without a URL, by the host of the URL the page
declares (its canonical link or og:url), else by the signatures found in the extracted
text (the page is then extracted again with that site's `drop_xpath`). The page's
metadata title is the title hint for the line pipeline; published date and author come
from the page's metadata (a page that states no date there: the date line under its
title, `scraper.extraction.lines`; never a year found in the text). What the HTML stage
cut comes first in `Article.removed` (`line` 0), then the line cleaning's removals.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from nadif.cleaners.article import Article
from nadif.cleaners.errors import ExtractionError
from nadif.cleaners.normalize import normalize_line
from nadif.cleaners.pipeline import clean_lines
from nadif.scraper.extraction._metadata import PageMetadata
from nadif.scraper.extraction.lines import Extracted, extract
from nadif.scraper.text import NO_SITE, SiteChoice, resolve_site
from nadif.sites import PLATFORMS, Site, site_for_url

if TYPE_CHECKING:  # the HTTP client is imported by fetch_article only: extraction needs none
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions

__all__ = ["extract_html", "fetch_article"]

_NO_SOURCE = "<html>"


def _extract(html: bytes | str, url: str | None, site: Site | None) -> Extracted:
    if site is not None:
        # a site's platform is known; a page of no known site may still show its CMS
        return extract(
            html,
            url=url,
            prune_xpath=site.drop_xpath,
            platforms=(site.platform,) if site.platform else PLATFORMS,
            site_name=site.name,
            forced_platform=site.platform is not None,
        )
    return extract(html, url=url, platforms=PLATFORMS)


def _clean(lines: list[str], title: str | None, chosen: Site | None) -> Article:
    return clean_lines(
        [normalize_line(line) for line in lines],
        site=chosen.name if chosen else None,
        site_rules=chosen.all_line_rules if chosen else (),
        title_hint=normalize_line(title) if title else None,
        expected_lang=chosen.lang if chosen else None,
        drop_repeats=bool(chosen and chosen.repeated_body),
        # the learned scorers were trained on text dumps; on extracted text they cost
        # recall on the article benchmark (F1 0.982 -> 0.947), so this path keeps to rules
        scorer=False,
    )


# The safer path: when nadif keeps little (under SAFE_MIN_WORDS words, or under
# SAFE_KEPT_SHARE of what its extraction gave), plain trafilatura (default settings, the
# whole page) is asked too; its text, through the same line cleaning, replaces nadif's when
# it keeps SAFE_GAIN times as many words, what it adds is prose (lines of at least
# SAFE_PROSE_WORDS words), not menus, and nadif's text is not the start of it (nadif kept
# another part of the page, or almost nothing: under SAFE_LOST_WORDS words). Where nadif's
# text is part of trafilatura's, the rest is what nadif cut on purpose: comments, other
# posts (measured on the article benchmark) — unless trafilatura's adds at least as many
# words of prose between nadif's first and last paragraph as nadif kept: then nadif lost
# the article's middle.
SAFE_MIN_WORDS: Final = 60
SAFE_LOST_WORDS: Final = 40
SAFE_KEPT_SHARE: Final = 0.25
SAFE_GAIN: Final = 1.5
SAFE_PROSE_WORDS: Final = 15


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _safer_path(
    html: bytes | str, url: str | None, article: Article, extracted: Extracted, chosen: Site | None
) -> Article | None:
    kept = _words(article.paragraphs)
    if kept >= SAFE_MIN_WORDS and kept >= SAFE_KEPT_SHARE * _words(extracted.lines):
        return None
    from nadif.scraper.extraction.lines import plain_trafilatura

    plain = plain_trafilatura(html, url)
    lines = [line for line in (part.strip() for part in plain.split("\n")) if line]
    if _words(lines) < SAFE_GAIN * kept + SAFE_PROSE_WORDS:
        return None
    safer = _clean(lines, extracted.title, chosen)
    ours = set(article.paragraphs)
    added = [p for p in safer.paragraphs if p not in ours]
    prose = _words([p for p in added if len(p.split()) >= SAFE_PROSE_WORDS])
    if _words(safer.paragraphs) < SAFE_GAIN * kept or prose < 0.5 * _words(added):
        return None
    theirs = set(safer.paragraphs)
    shared = _words([p for p in article.paragraphs if p in theirs])
    if kept >= SAFE_LOST_WORDS and shared >= 0.5 * kept and _inner_prose(safer, ours) < kept:
        # nadif's text is in theirs and what they add stands around it: comments, other
        # posts, cut on purpose; prose they add *between* nadif's paragraphs is the
        # article's middle, which nadif lost (a gallery of sections, say)
        return None
    return safer


def _inner_prose(safer: Article, ours: set[str]) -> int:
    """Words of the prose lines `safer` holds between the first and the last of nadif's
    own paragraphs (lines of at least SAFE_PROSE_WORDS words that nadif does not have)."""
    at = [k for k, p in enumerate(safer.paragraphs) if p in ours]
    if len(at) < 2:
        return 0
    inner = safer.paragraphs[at[0] + 1 : at[-1]]
    return _words([p for p in inner if p not in ours and len(p.split()) >= SAFE_PROSE_WORDS])


def extract_html(
    html: bytes | str,
    url: str | None = None,
    *,
    site: SiteChoice = None,
    source: str | None = None,
) -> Article:
    """Extract and clean one page; `ExtractionError` when it holds no article text."""
    chosen = resolve_site(site, url=url)
    try:
        extracted = _extract(html, url, chosen)
    except ExtractionError as exc:  # name the file the page came from, when there is one
        raise ExtractionError(source or exc.source, exc.reason) from None
    if chosen is None and site != NO_SITE:
        # the page's own URL (canonical, og:url) names its site; else its text's signatures
        by_page = site_for_url(extracted.url) if extracted.url and not url else None
        by_page = by_page or resolve_site(None, text="\n".join(extracted.lines))
        if by_page is not None:
            chosen = by_page
            if by_page.all_drop_xpath:
                extracted = _extract(html, url, by_page)
    article = _clean(extracted.lines, extracted.title, chosen)
    safer = _safer_path(html, url, article, extracted, chosen)
    if safer is not None:
        article, extracted = safer, replace(extracted, removed=())
    if not article.paragraphs:
        raise ExtractionError(
            source or url or _NO_SOURCE, "no article text: every extracted line was boilerplate"
        )
    article.removed[:0] = extracted.removed  # the markup's cuts came first
    article.url = extracted.url or url
    article.source = source if source is not None else url
    article.published = extracted.published
    article.author = extracted.author or article.author
    _add_metadata(article, extracted.metadata)
    if article.description is None and extracted.standfirst:
        article.description = extracted.standfirst  # the page's own summary, cut from the body
    if extracted.lang and article.lang is None:
        article.lang = extracted.lang
    return article


def _add_metadata(article: Article, meta: PageMetadata | None) -> None:
    """The page's stated metadata beyond title, author and date (null where absent)."""
    if meta is None:
        return
    article.modified = meta.modified
    article.description = meta.description
    article.sitename = meta.sitename
    article.hostname = meta.hostname
    article.categories = list(meta.categories) if meta.categories is not None else None
    article.tags = list(meta.tags) if meta.tags is not None else None
    article.image = meta.image


def fetch_article(
    url: str,
    *,
    site: SiteChoice = None,
    options: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
) -> Article:
    """Fetch `url` (see `scraper.fetch`) and extract its article.

    Pass a `fetcher` to share its connections, cache, robots.txt and politeness across
    many calls; otherwise a one-shot fetcher is made with `options`.
    """
    if fetcher is not None:
        result = fetcher.fetch(url)
    else:
        from nadif.scraper.fetching.fetcher import Fetcher

        with Fetcher(options) as one_shot:
            result = one_shot.fetch(url)
    article = extract_html(result.text, result.final_url, site=site, source=url)
    return article
