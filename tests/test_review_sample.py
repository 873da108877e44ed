"""The review page for big runs: `--sample N` (a reproducible sample, and every flagged
article), the sections that list where each flag and each rule fired, the links from the
summary to them, and the near-duplicate clusters printed on stderr (at most 20)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from nadif.cleaners.nearduplicates import Cluster, Member
from nadif.scraper.cli import EXIT_OK, EXIT_USAGE, main
from nadif.scraper.review.page import STDERR_CLUSTERS, render_clusters, render_review

RULES = ("generic/counters", "generic/ar-comment-form", "site/nav")


def _record(i: int) -> dict[str, Any]:
    flags = ["too-short"] if i % 10 == 3 else []
    if i % 25 == 7:
        flags.append("no-title")
    rule = RULES[i % len(RULES)]
    return {
        "source": f"dumps/{i:04d}.txt",
        "url": None,
        "site": None,
        "lang": "en",
        "title": f"Title {i}",
        "published": None,
        "author": None,
        "paragraphs": [f"Paragraph of article {i}."],
        "text": f"Paragraph of article {i}.",
        "removed": [{"line": 1, "text": f"cut {i}", "kind": "share", "rule": rule}],
        "flags": flags,
        "title_line": 0,
        "paragraph_lines": [2],
    }


RECORDS = [_record(i) for i in range(200)]
FLAGGED = {r["source"] for r in RECORDS if r["flags"]}


def _shown_sources(page: lxml.html.HtmlElement) -> set[str]:
    return {
        a.xpath('./h3/span[@class="src"]')[0].text_content()
        for a in page.xpath('//section[@id="articles"]/article')
    }


def _page(records: list[dict[str, Any]], **kwargs: Any) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_review(records, **kwargs))


def test_a_sample_is_reproducible_whatever_the_order_of_the_records() -> None:
    first = _shown_sources(_page(RECORDS, sample=12))
    again = _shown_sources(_page(RECORDS, sample=12))
    reversed_order = _shown_sources(_page(RECORDS[::-1], sample=12))
    assert first == again, "the same records give the same sample"
    assert first == reversed_order, "records in another order (--jobs 2) give the same sample"
    other = _shown_sources(_page([_record(i) for i in range(200, 400)], sample=12))
    assert first != other, "other records give another sample"


def test_a_sample_holds_n_articles_and_every_flagged_one() -> None:
    page = _page(RECORDS, sample=12)
    shown = _shown_sources(page)
    assert FLAGGED <= shown, "every flagged article has its section"
    unflagged = shown - FLAGGED
    assert 0 < len(unflagged) <= 12, "the sample adds at most N articles to the flagged ones"
    assert len(shown) < len(RECORDS), "the page holds a part of the run"
    heading = page.xpath('//section[@id="articles"]/h2')[0].text_content()
    assert f"{len(shown)} of {len(RECORDS)}: a sample of 12" in heading, heading
    only_flagged = _shown_sources(_page(RECORDS, sample=0))
    assert only_flagged == FLAGGED, "--sample 0: the flagged articles alone"


def test_each_flag_lists_all_its_articles_in_its_own_section_linked_from_the_summary() -> None:
    page = _page(RECORDS, sample=5)
    for flag in ("too-short", "no-title"):
        links = page.xpath(f'//section[@id="summary"]//a[.//span[text()="{flag}"]]')
        assert len(links) == 1, f"the summary's flag table links {flag}"
        anchor = links[0].get("href").removeprefix("#")
        (section,) = page.xpath(f'//h3[@id="{anchor}"]')
        assert flag in section.text_content(), f"#{anchor} is the section of {flag}"
        table = section.getnext()
        listed = {td.text_content() for td in table.xpath('.//span[@class="src"]')}
        expected = {r["source"] for r in RECORDS if flag in r["flags"]}
        assert listed == expected, f"the {flag} section lists each of its articles"
        for link in table.xpath(".//a"):
            target = link.get("href").removeprefix("#")
            assert page.xpath(f'//article[@id="{target}"]'), f"{flag}: #{target} is on the page"


@pytest.mark.parametrize("sample", [None, 5], ids=["all", "sample"])
def test_each_rule_in_the_summary_links_to_the_articles_where_it_fired(
    sample: int | None,
) -> None:
    page = _page(RECORDS, sample=sample)
    for rule in RULES:
        (code,) = page.xpath(f'//section[@id="summary"]//a/code[text()="{rule}"]')
        anchor = code.getparent().get("href").removeprefix("#")
        (heading,) = page.xpath(f'//h3[@id="{anchor}"]')
        targets = [a.get("href").removeprefix("#") for a in heading.getnext().xpath(".//a")]
        assert targets, f"{rule}: links to articles"
        for target in targets:
            (article,) = page.xpath(f'//article[@id="{target}"]')
            tags = " ".join(article.xpath('.//span[contains(@class, "removal")]//text()'))
            assert rule in tags, f"{rule} links to #{target}, where it removed a line"
        shown_with_rule = [
            a.get("id")
            for a in page.xpath('//section[@id="articles"]/article')
            if rule in " ".join(a.xpath('.//span[contains(@class, "removal")]//text()'))
        ]
        assert targets == shown_with_rule, f"{rule}: every shown article where it fired"


def _cluster(n: int) -> Cluster:
    return Cluster(members=(Member(f"a{n}", 1.0, 2 * n), Member(f"b{n}", 0.9, 2 * n + 1)))


def test_at_most_20_clusters_are_printed_and_the_rest_counted() -> None:
    text = render_clusters([_cluster(n) for n in range(25)], 0.7)
    assert STDERR_CLUSTERS == 20
    assert text.count("  cluster ") == 20, "twenty clusters printed"
    assert text.splitlines()[0] == "near-duplicates (threshold 0.7): 25 clusters"
    assert text.splitlines()[-1] == "  ... and 5 more clusters on the page"
    assert "more clusters" not in render_clusters([_cluster(1)], 0.7), "no note when all fit"


def test_nadif_review_sample_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    assert main(["review", str(out), "--sample", "7"]) == EXIT_OK
    page = lxml.html.fromstring((tmp_path / "out.html").read_text(encoding="utf-8"))
    assert FLAGGED <= _shown_sources(page), "the page holds every flagged article"
    capsys.readouterr()
    for argv, message in (
        (["--sample", "-1"], "--sample must be 0 or more"),
        (["--sample", "3", "--max-articles", "3"], "give one"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(["review", str(out), *argv])
        assert exit_info.value.code == EXIT_USAGE, f"{argv} is a usage error"
        assert message in capsys.readouterr().err
