"""`Site` and `Platform`: what one news site (or one CMS/theme) prints as boilerplate.

Data, not code: a site module holds one frozen `SITE = Site(...)`. Patterns are regex
sources, validated and compiled by the registry (`sites._registry`).
"""

from __future__ import annotations

from dataclasses import dataclass

from nadif.cleaners.rules import LineRule

__all__ = ["Platform", "Site"]


@dataclass(frozen=True, slots=True)
class Platform:
    """Boilerplate that belongs to a CMS or theme shared by many sites (WordPress, Blogger...).

    `markers` are XPath expressions whose presence in a page reveals the platform, so an
    HTML page from a site with no module still gets its platform's pruning.
    """

    name: str
    markers: tuple[str, ...] = ()
    drop_xpath: tuple[str, ...] = ()
    line_rules: tuple[LineRule, ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    """One news site.

    name        the module name (`sites/<name>.py`), shown in `Article.site`
    domains     hosts it serves (subdomains included), used for URLs
    signatures  regexes (Python `re`, searched line by line in the folded head and tail
                of the text — lower case, Arabic variants folded) that identify a dump of
                this site when there is no URL: the masthead, a byline formula, a policy
                line that names the site
    drop_xpath  HTML subtrees to prune before extraction (trafilatura's prune_xpath)
    line_rules  this site's own template lines, beyond the generic rules
    repeated_body  the site's pages print the article body twice (a mobile and a desktop
                copy): on the HTML path its repeated paragraphs are dropped as duplicates,
                as they always are in dumps
    broken      set to a reason when the site's layout changed and its fixtures no longer
                hold: its fixture tests are skipped with that reason
    """

    name: str
    domains: tuple[str, ...]
    lang: str | None = None
    platform: Platform | None = None
    signatures: tuple[str, ...] = ()
    drop_xpath: tuple[str, ...] = ()
    line_rules: tuple[LineRule, ...] = ()
    repeated_body: bool = False
    broken: str | None = None

    @property
    def all_line_rules(self) -> tuple[LineRule, ...]:
        own = self.line_rules
        return (self.platform.line_rules if self.platform else ()) + own

    @property
    def all_drop_xpath(self) -> tuple[str, ...]:
        return (self.platform.drop_xpath if self.platform else ()) + self.drop_xpath
