"""Cleaning a text dump: pick the site, run the line pipeline, fill in the Article."""

from __future__ import annotations

import os

from nadif.cleaners.article import Article
from nadif.cleaners.errors import InputError
from nadif.cleaners.normalize import split_lines
from nadif.cleaners.pipeline import clean_lines
from nadif.scraper._markup import looks_like_page
from nadif.scraper.textio import looks_mojibake, read_document
from nadif.sites import Site, get_site, site_for_text, site_for_url

__all__ = ["NO_SITE", "clean_file", "clean_text", "resolve_site"]

NO_SITE = "none"
SiteChoice = str | Site | None


def resolve_site(choice: SiteChoice, *, text: str = "", url: str | None = None) -> Site | None:
    """`None`: by the URL's host, else by the text's signatures; "none": no site rules;
    a name or a `Site`: that site (`SiteRegistryError` for an unknown name)."""
    if isinstance(choice, Site):
        return choice
    if choice == NO_SITE:
        return None
    if choice:
        return get_site(choice)
    if url:
        by_url = site_for_url(url)
        if by_url is not None:
            return by_url
    return site_for_text(text) if text else None


def clean_text(
    text: str,
    site: SiteChoice = None,
    *,
    source: str | None = None,
    url: str | None = None,
    title_hint: str | None = None,
) -> Article:
    """Clean one dump (or extracted text) into an `Article`.

    `site`: None picks it by the URL's host, else by the text's signatures; "none" uses
    the generic rules alone; a name (or a `Site`) forces that site. `title_hint` (from a
    page's metadata) names the title line when the text holds it.
    """
    chosen = resolve_site(site, text=text, url=url)
    article = clean_lines(
        split_lines(text),
        site=chosen.name if chosen else None,
        site_rules=chosen.all_line_rules if chosen else (),
        title_hint=title_hint,
        expected_lang=chosen.lang if chosen else None,
    )
    article.source = source
    article.url = url
    if "mojibake" not in article.flags and looks_mojibake(text):
        article.flags.append("mojibake")  # a wrong charset the flag's patterns do not know
    return article


def clean_file(path: str | os.PathLike[str], site: SiteChoice = None) -> Article:
    """Read (see `scraper.textio`) and clean one dump; `source` is the path as given.

    An HTML page is refused (`InputError` naming `nadif extract`): its markup would be
    cleaned as if it were the article's text."""
    text, _encoding = read_document(path)
    if looks_like_page(text):
        raise InputError(
            os.fspath(path), "this is an HTML page, not a text dump: use `nadif extract` for pages"
        )
    return clean_text(text, site, source=os.fspath(path))
