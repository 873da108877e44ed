"""The site registry: discovery, validation, lookups."""

from __future__ import annotations

import pytest

from nadif.cleaners.errors import SiteRegistryError
from nadif.cleaners.rules import drop_line
from nadif.sites import Site, all_sites, get_site, site_for_text, site_for_url
from nadif.sites._registry import _check


def test_sites_are_discovered_sorted_and_unique() -> None:
    names = [s.name for s in all_sites()]
    assert names == sorted(names), "sorted by name"
    assert len(names) == len(set(names)), "unique names"
    domains = [d for s in all_sites() for d in s.domains]
    assert len(domains) == len(set(domains)), "each domain claimed by one site"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://elaph.com/Web/News/2023/01/1.html", "elaph"),
        ("https://www.elaph.com/x", "elaph"),
        ("http://WWW.NADORCITY.COM/page", "nadorcity"),
        ("https://taroudantpress.blogspot.com/2022/09/x.html", "taroudantpress"),
        ("https://notelaph.com/", None),
        ("https://example.org/elaph.com", None),
    ],
)
def test_site_for_url_matches_host_and_subdomains(url: str, name: str | None) -> None:
    site = site_for_url(url)
    assert (site.name if site else None) == name


def test_get_site_unknown_names_the_known_ones() -> None:
    with pytest.raises(SiteRegistryError) as info:
        get_site("lemonde")
    assert "elaph" in info.value.reason


def test_plain_text_is_claimed_by_no_site() -> None:
    assert site_for_text("A headline\n\nSome article text that names no site at all.") is None


@pytest.mark.parametrize(
    ("site", "reason"),
    [
        (Site(name="other", domains=("x.com",)), "must equal the module name"),
        (Site(name="mod", domains=()), "at least one domain"),
        (Site(name="mod", domains=("Not A Host",)), "host name"),
        (Site(name="mod", domains=("x.com",), signatures=("(unclosed",)), "does not compile"),
        (Site(name="mod", domains=("x.com",), drop_xpath=("//div[",)), "does not compile"),
        (
            Site(
                name="mod",
                domains=("x.com",),
                line_rules=(drop_line("a", "x", kind="nav"), drop_line("a", "y", kind="nav")),
            ),
            "duplicate rule ids",
        ),
    ],
)
def test_invalid_site_modules_are_rejected(site: Site, reason: str) -> None:
    with pytest.raises(SiteRegistryError) as info:
        _check("mod", site)
    assert reason in info.value.reason
    assert info.value.source == "sites.mod", "the error names the module"


def test_rule_patterns_are_checked() -> None:
    with pytest.raises(ValueError, match="lower case"):
        drop_line("upper", "Share", kind="share")
    with pytest.raises(ValueError, match="invalid pattern"):
        drop_line("bad", "(x", kind="share")
    with pytest.raises(ValueError, match="rule id"):
        drop_line("Bad Id", "x", kind="share")
