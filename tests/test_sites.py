"""One generic test per site module, parametrised over the registry (no hand-kept list).

Each site has a fixture folder tests/sites/<name>/ with its dump(s) and the expected
output; a site without one fails here, and a site marked `broken` is skipped with its
reason (yt-dlp's convention).
"""

from __future__ import annotations

import pytest
from casefiles import SITES_DIR, DumpCase

from nadif import clean_file, clean_text
from nadif.cleaners.normalize import fold
from nadif.cleaners.rules import KEEP_KIND
from nadif.sites import Site, all_sites, signature_scores, site_for_text

SITES = all_sites()


def _case(site: Site) -> DumpCase:
    folder = SITES_DIR / site.name
    assert (folder / "expected.json").exists(), f"site {site.name} has no fixture folder {folder}"
    if site.broken:
        pytest.skip(f"site {site.name} is marked broken: {site.broken}")
    return DumpCase.load(folder)


def _kept_boilerplate(
    article_removed: list[tuple[str, str, str]], expected: list[dict[str, str]]
) -> list[str]:
    removed = list(article_removed)
    missing = []
    for item in expected:
        triple = (item["text"], item["kind"], item.get("rule", "(no rule recorded)"))
        if triple in removed:
            removed.remove(triple)
        else:
            missing.append(f"{triple[1]} by {triple[2]}: {triple[0]}")
    return missing


def test_registry_is_not_empty() -> None:
    assert len(SITES) >= 3, "the seed sites are registered"


def test_every_fixture_folder_has_a_site() -> None:
    names = {s.name for s in SITES}
    orphans = [p.name for p in SITES_DIR.iterdir() if p.is_dir() and p.name not in names]
    assert not orphans, f"fixture folders without a site module: {orphans}"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_dump_is_cleaned_exactly(site: Site) -> None:
    case = _case(site)
    article = clean_file(case.dump)
    assert article.site == site.name, "the dump is cleaned with its own site module"
    assert article.title == case.expected["title"], "title"
    assert article.paragraphs == case.expected["paragraphs"], "body paragraphs, in order"
    removed = [
        (r.text, r.kind, r.rule)
        for r in article.removed
        if r.kind not in ("title-repeat", "duplicate")
    ]
    missing = _kept_boilerplate(removed, case.expected["boilerplate"])
    assert not missing, f"boilerplate not removed with its kind by its rule: {missing}"
    assert len(removed) == len(case.expected["boilerplate"]), (
        f"no line removed beyond the boilerplate: {removed}"
    )
    assert article.lang == case.expected["lang"], "language"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_expected_output_was_reviewed(site: Site) -> None:
    """A scaffold's expected output (scripts/new_site.py) is today's output, marked TO
    REVIEW: it fails here until a person has checked it and says where it came from."""
    case = _case(site)
    assert "TO REVIEW" not in case.expected.get("origin", "TO REVIEW"), (
        f"{case.folder}/expected.json is a generated draft: review it, then say in its "
        "'origin' where it came from"
    )
    unnamed = [b["text"] for b in case.expected["boilerplate"] if "rule" not in b]
    assert not unnamed, f"expected removals without the rule id that removes them: {unnamed}"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_dump_is_attributed_to_its_site_only(site: Site) -> None:
    case = _case(site)
    text = case.dump.read_text(encoding="utf-8")
    assert site_for_text(text) == site, "signatures pick the site for its own dump"
    others = [s.name for s, _hits in signature_scores(text) if s != site]
    assert not others, f"other sites' signatures also match this dump: {others}"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_site_rules_fire_on_their_own_dump(site: Site) -> None:
    """Every rule a site declares is exercised by its fixture (no dead rules): a drop
    rule removes a line of it, a keep rule keeps a paragraph of it."""
    case = _case(site)
    article = clean_file(case.dump)
    fired = {r.rule for r in article.removed}
    kept = [fold(p) for p in article.paragraphs]
    dead = [
        rule.id
        for rule in site.line_rules
        if (
            not any(rule.pattern.fullmatch(k) for k in kept)
            if rule.kind == KEEP_KIND
            else f"{site.name}/{rule.id}" not in fired
        )
    ]
    assert not dead, f"site rules that remove or keep nothing in the fixture: {dead}"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_forcing_no_site_still_cleans(site: Site) -> None:
    """The generic fallback alone keeps the whole body of every site's dump, but for the
    lines the site's keep rules are there for (its body formulas)."""
    case = _case(site)
    article = clean_text(case.dump.read_text(encoding="utf-8"), site="none")
    assert article.site is None
    keep = [r.pattern for r in site.line_rules if r.kind == KEEP_KIND]
    missing = [
        p
        for p in case.expected["paragraphs"]
        if p not in article.paragraphs and not any(k.fullmatch(fold(p)) for k in keep)
    ]
    assert not missing, f"body paragraphs lost without the site module: {missing}"
