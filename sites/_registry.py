"""The site registry: discovers `sites/<name>.py` modules, checks them, answers lookups.

No hand-kept list: every public module of this package that defines `SITE` is a site.
Checks (a failure raises `SiteRegistryError` naming the module): the name equals the
module name, domains are host names claimed by one site only, signatures and XPath
expressions compile, rule ids are unique within a site.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from lxml import etree

from nadif.cleaners.errors import SiteRegistryError
from nadif.cleaners.normalize import fold, fold_arabic

from ._site import Site

__all__ = ["all_sites", "get_site", "signature_scores", "site_for_text", "site_for_url"]

SIGNATURE_SPAN = 800  # characters read at each end of a text to identify its site
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


@dataclass(frozen=True, slots=True)
class _Entry:
    site: Site
    signatures: tuple[re.Pattern[str], ...]


def _line_start(source: str) -> str:
    """`^X` as `\\nX`, searched in "\\n" + text: the same lines match, and the literal
    start lets the regex engine skip ahead instead of trying every position."""
    return "\n" + source[1:] if source.startswith("^") else source


def _check(module_name: str, site: object) -> _Entry:
    if not isinstance(site, Site):
        raise SiteRegistryError(f"sites.{module_name}", "SITE is not a sites.Site")
    where = f"sites.{module_name}"
    if site.name != module_name or not _NAME.fullmatch(site.name):
        raise SiteRegistryError(where, f"site name {site.name!r} must equal the module name")
    if not site.domains:
        raise SiteRegistryError(where, "a site needs at least one domain")
    for domain in site.domains:
        if not _HOST.fullmatch(domain):
            raise SiteRegistryError(where, f"{domain!r} is not a lower-case host name")
    compiled = []
    for sig in site.signatures:
        try:
            compiled.append(re.compile(_line_start(fold_arabic(sig).lower()), re.MULTILINE))
        except re.error as exc:
            raise SiteRegistryError(where, f"signature {sig!r} does not compile: {exc}") from None
    for xpath in site.all_drop_xpath:
        try:
            etree.XPath(xpath)
        except etree.XPathSyntaxError as exc:
            raise SiteRegistryError(
                where, f"drop_xpath {xpath!r} does not compile: {exc}"
            ) from None
    ids = [rule.id for rule in site.all_line_rules]
    if len(ids) != len(set(ids)):
        raise SiteRegistryError(where, f"duplicate rule ids in {ids}")
    return _Entry(site, tuple(compiled))


@cache
def _entries() -> tuple[_Entry, ...]:
    from . import __path__ as package_path

    entries: list[_Entry] = []
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(package_path), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        if not hasattr(module, "SITE"):
            raise SiteRegistryError(f"sites.{info.name}", "module defines no SITE")
        entry = _check(info.name, module.SITE)
        for domain in entry.site.domains:
            if domain in owner:
                raise SiteRegistryError(
                    f"sites.{info.name}",
                    f"domain {domain} is already claimed by sites.{owner[domain]}",
                )
            owner[domain] = info.name
        entries.append(entry)
    return tuple(entries)


def all_sites() -> tuple[Site, ...]:
    """Every registered site, sorted by name."""
    return tuple(e.site for e in _entries())


def get_site(name: str) -> Site:
    for e in _entries():
        if e.site.name == name:
            return e.site
    known = ", ".join(s.name for s in all_sites())
    raise SiteRegistryError(name, f"no such site (known: {known}; or 'none')")


def site_for_url(url: str) -> Site | None:
    """The site whose domain is the URL's host or a parent of it."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    best: Site | None = None
    best_len = 0
    for e in _entries():
        for domain in e.site.domains:
            if (host == domain or host.endswith("." + domain)) and len(domain) > best_len:
                best, best_len = e.site, len(domain)
    return best


def signature_scores(text: str) -> list[tuple[Site, int]]:
    """Every site with at least one signature in the text, and how many, best first.

    Signatures are looked for in the head and the tail of the text (mastheads, bylines
    and policy lines stand there), folded, line by line (`^` and `$` mark line ends).
    Each is its own regex: a literal prefix lets the regex engine skip ahead, which one
    alternation of all signatures would lose.
    """
    if len(text) > 2 * SIGNATURE_SPAN:
        text = text[:SIGNATURE_SPAN] + "\n" + text[-SIGNATURE_SPAN:]
    folded = "\n" + fold(text)
    scores = []
    for e in _entries():
        hits = sum(1 for pattern in e.signatures if pattern.search(folded))
        if hits:
            scores.append((e.site, hits))
    scores.sort(key=lambda pair: pair[1], reverse=True)
    return scores


def site_for_text(text: str) -> Site | None:
    """The site whose signatures match the text most; None when none, or on a tie."""
    scores = signature_scores(text)
    if not scores or (len(scores) > 1 and scores[0][1] == scores[1][1]):
        return None
    return scores[0][0]
