"""The review page (nadif.scraper.review), near-duplicate clusters (cleaners.nearduplicates)
and `nadif review`.

The page is parsed back with lxml and checked against the records it was made from: every
input line of each seed shows exactly once, in input order, removed lines struck through
with their rule id; text blocks carry dir="auto"; scraped text never becomes markup, in
any field. The page is written in pieces as it is rendered, and atomically.
"""

from __future__ import annotations

import io
import json
import re
import stat
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from casefiles import ROOT, SEEDS_DIR

import nadif.scraper.review.page as review_module
from nadif import clean_file
from nadif.cleaners.errors import InputError
from nadif.cleaners.nearduplicates import (
    MinHasher,
    band_layout,
    find_near_duplicates,
    shingles,
    similarity,
)
from nadif.cleaners.normalize import split_lines
from nadif.scraper.review._atomic import atomic_text_file
from nadif.scraper.review.page import render_review, write_review

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
EVIL = "<script>alert(1)</script>"
ERROR = {
    "source": "dumps/bad.png",
    "kind": "text",
    "error": "InputError",
    "reason": "binary file (contains NUL bytes), not text",
}


@pytest.fixture(scope="module")
def seed_records() -> list[dict[str, Any]]:
    records = []
    for path in SEEDS:
        record = clean_file(path).to_dict()
        record["source"] = f"seeds/{path.name}"
        records.append(record)
    assert len(records) == 5, "the five seed dumps"
    return records


@pytest.fixture(scope="module")
def seed_page(seed_records: list[dict[str, Any]]) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_review(seed_records, errors=[ERROR]))


def _rows(page: lxml.html.HtmlElement, number: int) -> list[dict[str, Any]]:
    """The line rows of article #number: class, line number, text, struck, tag text."""
    rows = []
    for li in page.xpath(f'//article[@id="a{number}"]/ol[@class="lines"]/li'):
        (block,) = li.xpath("./p")
        line = li.xpath('./span[@class="ln"]')[0].text_content()
        rows.append(
            {
                "class": li.get("class"),
                "line": None if line == "–" else int(line),
                "text": block.text_content(),
                "struck": [d.text_content() for d in block.xpath("./del")],
                "tag": " ".join(
                    t.text_content() for t in li.xpath('.//span[contains(@class, "tag")]')
                ),
                "dir": block.get("dir"),
            }
        )
    return rows


def _record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "source": "a.txt",
        "url": None,
        "site": None,
        "lang": "en",
        "title": None,
        "published": None,
        "author": None,
        "paragraphs": [],
        "text": "",
        "removed": [],
        "flags": [],
        "title_line": None,
        "paragraph_lines": [],
    }
    base.update(fields)
    return base


# -- the page for the seeds ----------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, len(SEEDS) + 1))
def test_every_input_line_shows_once_in_input_order(
    seed_page: lxml.html.HtmlElement, number: int
) -> None:
    path = SEEDS[number - 1]
    lines = [
        (n, line) for n, line in enumerate(split_lines(path.read_text(encoding="utf-8")), 1) if line
    ]
    shown = [(row["line"], row["text"]) for row in _rows(seed_page, number)]
    assert shown == lines, f"{path.name}: the rows are the non-blank input lines, in order"


def test_kept_and_removed_lines_each_shown_once(
    seed_page: lxml.html.HtmlElement, seed_records: list[dict[str, Any]]
) -> None:
    for number, record in enumerate(seed_records, 1):
        rows = _rows(seed_page, number)
        kept = [row["text"] for row in rows if row["class"] == "kept"]
        removed = [
            (row["line"], row["struck"], row["tag"]) for row in rows if row["class"] == "removed"
        ]
        assert Counter(kept) == Counter(record["paragraphs"]), (
            f"#{number}: kept paragraphs once each"
        )
        expected = sorted(
            (r["line"], [r["text"]], f"{r['kind']} · {r['rule']}") for r in record["removed"]
        )
        assert removed == expected, (
            f"#{number}: each removed line once, in <del>, with kind and rule"
        )
        titles = [row["text"] for row in rows if row["class"] == "title"]
        assert titles == ([record["title"]] if record["title"] else []), (
            f"#{number}: the title once"
        )


def test_elaph_seed_rows_in_input_order(seed_page: lxml.html.HtmlElement) -> None:
    rows = _rows(seed_page, 1)
    assert SEEDS[0].name.startswith("000_"), "article #1 is the elaph seed"
    assert [row["line"] for row in rows] == [
        1,
        2,
        4,
        6,
        7,
        8,
        9,
        11,
        12,
        13,
        14,
        15,
        22,
        23,
        24,
        27,
        29,
    ]
    assert rows[0]["class"] == "removed" and "generic/ar-chrome" in rows[0]["tag"], (
        "page chrome first"
    )
    assert rows[1]["class"] == "title" and rows[1]["tag"] == "title", "then the title, marked"
    assert rows[-1]["class"] == "removed" and "elaph/section-link" in rows[-1]["tag"], (
        "the site rule last"
    )


def test_text_blocks_have_dir_auto_and_articles_their_lang(
    seed_page: lxml.html.HtmlElement,
) -> None:
    blocks = seed_page.xpath('//ol[@class="lines"]/li/p')
    assert blocks, "the page has line blocks"
    assert {p.get("dir") for p in blocks} == {"auto"}, "every line block is dir=auto"
    cells = seed_page.xpath("//td[not(@class='n')]")
    assert cells and {td.get("dir") for td in cells} == {"auto"}, "every text cell is dir=auto"
    assert [a.get("lang") for a in seed_page.xpath("//article")] == ["ar"] * 5, "lang per article"


def test_a_line_opening_with_a_word_of_the_other_direction_gets_its_majority_direction() -> None:
    # dir="auto" follows the first strong letter: these lines would read the wrong way
    paragraphs = [
        "FBI يشمل التعاون تبادل المعلومات بين البلدين.",
        "Esperanza Casteleiro Llamazares استقبلت الوفد المغربي في مدريد.",
        "قال المسؤول إن التعاون مع FBI مستمر.",
        "The meeting with وزير الداخلية took place in Rabat on Tuesday.",
        "Share on Twitter",
    ]
    record = _record(lang="ar", paragraphs=paragraphs, paragraph_lines=[1, 2, 3, 4, 5])
    rows = _rows(lxml.html.fromstring(render_review([record])), 1)
    assert [row["dir"] for row in rows] == ["rtl", "rtl", "auto", "auto", "auto"]


def test_summary_counts_match_the_records(
    seed_page: lxml.html.HtmlElement, seed_records: list[dict[str, Any]]
) -> None:
    by_rule = Counter(r["rule"] for record in seed_records for r in record["removed"])
    table = seed_page.xpath(
        '//section[@id="summary"]//h3[.="Removed lines by rule"]/following-sibling::table[1]'
    )[0]
    shown = {tr[0].text_content(): int(tr[2].text_content()) for tr in table.xpath("./tbody/tr")}
    assert shown == dict(by_rule), "one row per rule id, with its number of removed lines"
    totals = {
        div[0].text_content(): div[1].text_content()
        for div in seed_page.xpath('//dl[@class="totals"]/div')
    }
    assert totals["articles"] == "5"
    assert totals["errors"] == "1"
    assert totals["removed lines"] == str(sum(by_rule.values()))
    flags = Counter(f for record in seed_records for f in record["flags"])
    table = seed_page.xpath('//h3[.="Flags"]/following-sibling::table[1]')[0]
    assert {
        tr[0].text_content(): int(tr[1].text_content()) for tr in table.xpath("./tbody/tr")
    } == dict(flags)


def test_error_records_listed(seed_page: lxml.html.HtmlElement) -> None:
    rows = seed_page.xpath('//section[@id="errors"]//tbody/tr')
    assert [[td.text_content() for td in tr] for tr in rows] == [
        [ERROR["source"], ERROR["kind"], ERROR["error"], ERROR["reason"]]
    ]


def test_page_is_self_contained(seed_page: lxml.html.HtmlElement) -> None:
    assert not seed_page.xpath("//script | //link | //img | //iframe | //*[@src]"), (
        "no scripts or resources"
    )
    assert seed_page.xpath("//style"), "inline CSS"
    policy = seed_page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert policy and "default-src 'none'" in policy[0], (
        "the page forbids scripts and outside loads"
    )


# -- untrusted text -------------------------------------------------------------------------


def test_scraped_markup_is_escaped_never_a_tag() -> None:
    record = _record(
        source=f"evil/{EVIL}.txt",
        url="javascript:alert(1)",
        site=EVIL,
        lang='en" onmouseover="alert(1)',
        title=f"Title {EVIL}",
        author=EVIL,
        paragraphs=[f"Body {EVIL} & <b>bold</b>", '" onerror="x'],
        text="",
        removed=[{"line": 1, "text": EVIL, "kind": "<i>k</i>", "rule": f"r/{EVIL}"}],
        flags=[EVIL],
        title_line=2,
        paragraph_lines=[3, 4],
    )
    page = render_review([record], errors=[{**ERROR, "reason": EVIL}], near_duplicates=0.7)
    assert "<script" not in page.lower(), "no script tag anywhere"
    assert "<b>bold" not in page and "<i>k" not in page, "no markup from the records"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "the text is there, escaped"
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script | //b | //i"), "no element made from scraped text"
    assert not [a for el in tree.iter() for a in el.attrib if a.startswith("on")], (
        "no event handlers"
    )
    assert not tree.xpath('//a[starts-with(@href, "javascript")]'), "non-http URLs are not links"
    assert tree.xpath("//article")[0].get("lang") is None, "a bad lang is not written"
    rows = _rows(tree, 1)
    assert [row["text"] for row in rows] == [
        EVIL,
        f"Title {EVIL}",
        f"Body {EVIL} & <b>bold</b>",
        '" onerror="x',
    ]


def test_http_url_is_a_link_without_referrer() -> None:
    record = _record(url="https://www.example.com/a?x=1&y=2", paragraphs=["p"], paragraph_lines=[1])
    (link,) = lxml.html.fromstring(render_review([record])).xpath("//article//a")
    assert link.get("href") == "https://www.example.com/a?x=1&y=2"
    assert "noreferrer" in link.get("rel")


HOSTILE = "<script>alert(1)</script>\"'&"
"""Markup, both quotes and an ampersand: what an unescaped field would leave on the page."""

# Where each text field of the records shows on the page; each must hold HOSTILE as text.
HOSTILE_PLACES = {
    "page title": "//title",
    "page heading": "//h1",
    "site in the summary": '//section[@id="summary"]//table[1]//td[1]',
    "kind in the summary": '//section[@id="summary"]//table[2]//td[2]',
    "rule in the summary": '//section[@id="summary"]//table[3]//td[1]//code',
    "example in the summary": '//section[@id="summary"]//table[3]//td[5]/span',
    "flag in the summary": '//section[@id="summary"]//table[4]//span[contains(@class, "flag")]',
    "error kind and error": '//section[@id="summary"]//table[5]//td[@dir="auto"]',
    "source in a cluster": '//section[@id="near-duplicates"]//span[@class="src"]',
    "flag's heading": '//section[@id="where"]//h3[starts-with(@id, "flag-")]/span',
    "source of a flagged article": '//section[@id="where"]//table//span[@class="src"]',
    "title of a flagged article": '//section[@id="where"]//table//td[3]',
    "rule's heading": '//section[@id="where"]//h3[starts-with(@id, "rule-")]',
    "error record's cells": '//section[@id="errors"]//tbody//td',
    "article's source": "//article/h3/span[@class='src']",
    "url that is no link": "//article//dl[@class='meta']/dd[1]/span",
    "site, lang, published, author": "//article//dl[@class='meta']/dd/span[@dir='auto']",
    "article's flag": "//article//dl[@class='meta']//span[contains(@class, 'flag')]",
    "title line": "//article//li[@class='title']/p/strong",
    "kept line": "//article//li[@class='kept']/p",
    "removed line": "//article//li[@class='removed']/p/del",
    "removal's kind and rule": "//article//span[contains(@class, 'removal')]",
    "cut from the HTML": "//article/ol[contains(@class, 'cuts')]//del",
}


def test_every_text_field_is_escaped_wherever_it_shows() -> None:
    # A field rendered without escaping (a `|safe` in a template, autoescape turned off)
    # would put HOSTILE on the page as it is: markup and an unquoted attribute.
    hostile = _record(
        source=HOSTILE,
        url=HOSTILE,
        site=HOSTILE,
        lang=HOSTILE,
        title=HOSTILE,
        published=HOSTILE,
        author=HOSTILE,
        paragraphs=[HOSTILE],
        text=HOSTILE,
        removed=[
            {"line": 1, "text": HOSTILE, "kind": HOSTILE, "rule": HOSTILE},
            {"line": 0, "text": HOSTILE, "kind": HOSTILE, "rule": HOSTILE},
        ],
        flags=[HOSTILE],
        title_line=2,
        paragraph_lines=[3],
    )
    linked = {**hostile, "source": HOSTILE + "2", "url": "https://example.com/?q=" + HOSTILE}
    error = {"source": HOSTILE, "kind": HOSTILE, "error": HOSTILE, "reason": HOSTILE}
    page = render_review([hostile, linked], errors=[error], title=HOSTILE, near_duplicates=0.7)
    assert HOSTILE not in page, "no field is on the page unescaped"
    assert "<script" not in page.lower(), "no script tag anywhere"
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script"), "no element made from a field"
    for place, xpath in HOSTILE_PLACES.items():
        found = tree.xpath(xpath)
        assert found and all(HOSTILE in el.text_content() for el in found), (
            f"{place}: the field is on the page, as text"
        )
    (link,) = tree.xpath("//article//a[@rel]")
    assert link.get("href") == "https://example.com/?q=" + HOSTILE, "an escaped attribute"
    assert [a.get("lang") for a in tree.xpath("//article")] == [None, None], "no bad lang"


# -- line order edge cases ------------------------------------------------------------------


def test_metadata_title_without_line_comes_first() -> None:
    record = _record(
        title="Le titre",
        lang="fr",
        title_line=None,
        paragraphs=["Premier paragraphe.", "Second paragraphe."],
        paragraph_lines=[3, 5],
        removed=[{"line": 1, "text": "Accueil", "kind": "nav", "rule": "generic/fr-nav"}],
    )
    tree = lxml.html.fromstring(render_review([record]))
    rows = _rows(tree, 1)
    assert [(row["class"], row["line"]) for row in rows] == [
        ("title", None),
        ("removed", 1),
        ("kept", 3),
        ("kept", 5),
    ]
    assert tree.xpath("//article")[0].get("lang") == "fr"


def test_record_without_line_numbers_still_shows_every_line_once() -> None:
    record = _record(
        title="T",
        paragraphs=["a", "b"],
        removed=[
            {"line": 9, "text": "x", "kind": "ad", "rule": "r/x"},
            {"line": 2, "text": "y", "kind": "ad", "rule": "r/y"},
        ],
    )
    del record["paragraph_lines"], record["title_line"]
    tree = lxml.html.fromstring(render_review([record]))
    assert [row["text"] for row in _rows(tree, 1)] == ["T", "a", "b", "y", "x"], (
        "kept, then removed by line"
    )
    assert tree.xpath('//article//p[@class="note" and contains(., "no line numbers")]'), (
        "and says so"
    )


# -- streaming -------------------------------------------------------------------------------


def test_write_review_streams_a_one_shot_iterator_through_disk_spools(
    seed_records: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def once() -> Iterator[dict[str, Any]]:
        yield from seed_records * 4

    in_memory = render_review(seed_records * 4, errors=[ERROR] * 3)
    monkeypatch.setattr(review_module, "SPOOL_CHARS", 1000)  # roll every spool over to a file
    with open(tmp_path / "page.html", "w", encoding="utf-8") as out:
        result = write_review(once(), out, errors=iter([ERROR] * 3))
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == in_memory
    assert (result.articles, result.errors) == (20, 3)


def test_the_page_is_written_in_pieces_never_held_whole(seed_records: list[dict[str, Any]]) -> None:
    pieces: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            pieces.append(text)
            return len(text)

    write_review(seed_records * 4, Recorder(), errors=[ERROR] * 3)
    page = "".join(pieces)
    assert page == render_review(seed_records * 4, errors=[ERROR] * 3), "the same page"
    assert max(map(len, pieces)) < len(page) / 10, "no piece holds more than a few sections"


def test_jinja2_is_imported_only_when_a_page_is_rendered() -> None:
    code = (
        "import sys\n"
        "from nadif.scraper.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "import nadif.scraper.review.page\n"
        "print('JINJA2=' + str('jinja2' in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.rsplit("JINJA2=", 1)[1].strip() == "False", "nadif --help stays fast"


def test_every_template_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    patterns = package_data["*"] + package_data["nadif.scraper.review"]
    files = sorted(p.name for p in (ROOT / "scraper" / "review" / "templates").iterdir())
    assert {"page.html.j2", "records.html.j2", "page.css"} <= set(files), files
    for name in files:
        assert any(fnmatch(f"templates/{name}", p) for p in patterns), (
            f"templates/{name} is in an installed wheel"
        )


# -- the atomic write ------------------------------------------------------------------------


def test_atomic_write_replaces_the_page_only_when_it_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old page", encoding="utf-8")
    with atomic_text_file(target) as handle:
        handle.write("new ")
        handle.flush()
        assert target.read_text(encoding="utf-8") == "old page", "the old page while writing"
        handle.write("page")
    assert target.read_text(encoding="utf-8") == "new page"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644, "readable by all, like any page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"], "no temporary file left"


def test_atomic_write_leaves_the_old_page_when_rendering_fails(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old page", encoding="utf-8")
    with pytest.raises(InputError, match="bad record"), atomic_text_file(target) as handle:
        handle.write("half a page")
        raise InputError("out.jsonl:3", "bad record")
    assert target.read_text(encoding="utf-8") == "old page", "the old page, untouched"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"], "no temporary file left"


def test_atomic_write_where_no_file_can_be_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught, atomic_text_file(tmp_path / "a-file" / "page.html"):
        pass
    assert caught.value.source == str(tmp_path / "a-file" / "page.html"), "names the page"
    assert caught.value.reason.startswith("cannot be written"), caught.value.reason


def test_a_bad_record_names_its_source() -> None:
    with pytest.raises(InputError) as caught:
        render_review([_record(source="x.txt", paragraphs="not a list")])
    assert (caught.value.source, caught.value.reason) == (
        "x.txt",
        "'paragraphs' is not a list of strings",
    )


# -- near-duplicates -------------------------------------------------------------------------

DISPATCH = (
    "Rabat, 12 mars (MAP) - Le directeur général de la sûreté nationale a reçu mardi à Rabat "
    "une délégation des services de sécurité espagnols conduite par la secrétaire d'État, "
    "dans le cadre d'une visite de travail consacrée à la coopération bilatérale.\n\n"
    "Selon un communiqué de la direction générale, les entretiens ont porté sur l'évaluation "
    "de la menace terroriste dans la région sahélo-saharienne, sur les réseaux de trafic de "
    "drogue qui opèrent entre les deux rives de la Méditerranée et sur les moyens de renforcer "
    "l'échange d'informations opérationnelles entre les deux pays.\n\n"
    "Les deux parties ont salué le niveau atteint par la coopération sécuritaire et ont convenu "
    "d'intensifier les réunions techniques, de multiplier les programmes de formation communs "
    "et de coordonner leurs positions dans les enceintes internationales spécialisées.\n\n"
    "Cette visite intervient quelques semaines après la réunion du groupe de travail mixte "
    "consacré à la migration irrégulière, tenue à Madrid au début du mois de février."
)
SAME_TOPIC = (
    "La délégation espagnole reçue à Rabat par le directeur général de la sûreté nationale "
    "repart avec un calendrier chargé : des réunions techniques, des formations communes et un "
    "nouveau canal pour partager les informations sur le terrorisme et la drogue. Pour les "
    "spécialistes interrogés, cette coopération sécuritaire reste un pilier des relations entre "
    "les deux pays, malgré les tensions passées sur la migration irrégulière. Un ancien "
    "responsable rappelle que les deux services travaillent ensemble depuis vingt ans et que "
    "les réunions de Madrid en février avaient préparé le terrain."
)


def _republished() -> list[tuple[str, str]]:
    """The dispatch as three sites print it, and an article of their own on the topic."""
    _, rest = DISPATCH.split(" - ", 1)
    return [
        ("map.ma/dispatch", DISPATCH),
        ("site-a/1", "Rabat (Agence) - " + rest),  # another first line
        (
            "site-b/7",
            DISPATCH.upper() + "\n\nLes détails de cette visite n'ont pas été communiqués.",
        ),
        ("site-c/3", SAME_TOPIC),
    ]


def _jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_a_lightly_edited_dispatch_clusters_and_an_article_on_the_same_topic_does_not() -> None:
    items = _republished()
    clusters = find_near_duplicates(items)
    assert [c.sources for c in clusters] == [["map.ma/dispatch", "site-a/1", "site-b/7"]]
    members = clusters[0].members
    assert members[0].similarity == 1.0, "the first member against itself"
    assert all(0.7 <= m.similarity < 1.0 for m in members[1:]), "edited copies: high, not identical"
    assert [m.position for m in members] == [0, 1, 2], "positions in the input"
    assert _jaccard(DISPATCH, SAME_TOPIC) < 0.05, "same topic, different words"


def test_similarity_estimates_the_exact_jaccard() -> None:
    hasher = MinHasher()
    texts = [text for _, text in _republished()]
    base = " ".join(DISPATCH.split()[:60])
    texts += [base, base + " " + " ".join(SAME_TOPIC.split()[:40])]  # short texts: densified bins
    signatures = [hasher.signature(text) for text in texts]
    for a, sa in zip(texts, signatures, strict=True):
        for b, sb in zip(texts, signatures, strict=True):
            assert sa is not None and sb is not None, "texts with words have a signature"
            estimate = similarity(sa, sb)
            assert abs(estimate - _jaccard(a, b)) <= 0.12, (
                a[:30],
                b[:30],
                estimate,
                _jaccard(a, b),
            )


def test_threshold_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    words = DISPATCH.split()
    half = " ".join(words[: len(words) // 2])
    other = half + " " + " ".join(SAME_TOPIC.split())
    exact = _jaccard(half, other)
    assert 0.3 < exact < 0.6, exact
    items = [("half", half), ("other", other)]
    assert [c.sources for c in find_near_duplicates(items, threshold=0.25)] == [["half", "other"]]
    assert find_near_duplicates(items, threshold=0.7) == []


def test_seeds_are_different_articles_not_near_duplicates(
    seed_records: list[dict[str, Any]],
) -> None:
    # All five seeds report one official's meetings (FBI, Spain, France, UK, UAE): different
    # articles; their pairwise 5-gram Jaccard is below 0.01, so none cluster.
    items = [(r["source"], r["text"]) for r in seed_records]
    assert find_near_duplicates(items) == []
    assert max(_jaccard(a, b) for i, (_, a) in enumerate(items) for _, b in items[i + 1 :]) < 0.05


def test_a_seed_republished_with_spelling_variants_joins_it(
    seed_records: list[dict[str, Any]],
) -> None:
    original = seed_records[2]["text"]  # seed 002
    variant = "الرباط - " + original.replace("أ", "ا").replace("إ", "ا") + "\n\nالمصدر: و م ع"
    items = [(r["source"], r["text"]) for r in seed_records] + [("copy", variant)]
    clusters = find_near_duplicates(items)
    assert [c.sources for c in clusters] == [[seed_records[2]["source"], "copy"]]


def test_many_copies_form_one_cluster_and_empty_texts_none() -> None:
    items = [(f"copy-{i}", DISPATCH + f"\n\nRéférence {i}.") for i in range(80)]
    items += [
        ("empty-1", ""),
        ("empty-2", "  ... !! "),
        ("short-1", "Trois mots ici"),
        ("short-2", "trois MOTS ici."),
    ]
    clusters = find_near_duplicates(items)
    assert [len(c.members) for c in clusters] == [80, 2]
    assert clusters[1].sources == ["short-1", "short-2"], "two identical short texts (folded)"


def test_deterministic_and_band_layout() -> None:
    assert MinHasher().signature(DISPATCH) == MinHasher().signature(DISPATCH), "fixed seeds"
    assert find_near_duplicates(_republished()) == find_near_duplicates(_republished())
    bands, rows = band_layout(0.7)
    assert bands * rows <= 128 and 1 - (1 - 0.7**rows) ** bands >= 0.99
    with pytest.raises(ValueError, match="threshold"):
        band_layout(0.0)


# -- nadif review ----------------------------------------------------------------------------


def _nadif(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nadif", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def test_cli_review_writes_the_page_beside_the_output(
    tmp_path: Path, seed_records: list[dict[str, Any]]
) -> None:
    out = tmp_path / "run" / "seeds.jsonl"
    out.parent.mkdir()
    copy = {**seed_records[2], "source": "copy.txt", "text": "الرباط - " + seed_records[2]["text"]}
    _write_jsonl(out, [*seed_records, copy])
    _write_jsonl(tmp_path / "run" / "seeds.errors.jsonl", [ERROR])  # found by default
    done = _nadif("review", out, "--near-duplicates")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "run" / "seeds.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//article")) == 6
    assert ERROR["reason"] in page, "the default errors file is listed"
    cluster = tree.xpath('//section[@id="near-duplicates"]//tbody/tr/td[3]')
    assert [td.text_content() for td in cluster] == [seed_records[2]["source"], "copy.txt"]
    assert "near-duplicates (threshold 0.7): 1 cluster" in done.stderr
    assert re.search(r"1\.00  seeds/002_\S+\n    [01]\.\d\d  copy\.txt\n", done.stderr), done.stderr


def test_cli_review_broken_line_exits_1_naming_file_and_line(
    tmp_path: Path, seed_records: list[dict[str, Any]]
) -> None:
    out = tmp_path / "broken.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in seed_records[:2]]
    out.write_text(
        lines[0] + "\n" + lines[1] + "\n" + '{"source": "x", "paragr\n', encoding="utf-8"
    )
    done = _nadif("review", out, "-o", tmp_path / "page.html")
    assert done.returncode == 1
    assert done.stderr.startswith(f"nadif: {out}:3: not a JSON line"), done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "page.html").exists(), "no page, not even half of one"
    assert [p.name for p in tmp_path.iterdir()] == ["broken.jsonl"], "no temporary file left"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "0.5"], "--threshold needs --near-duplicates"),
        (["--near-duplicates", "--threshold", "1.5"], "--threshold must be in (0, 1]"),
    ],
)
def test_cli_review_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out.jsonl"
    _write_jsonl(out, [_record(paragraphs=["p"], paragraph_lines=[1])])
    done = _nadif("review", out, *args)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_max_articles_limits_sections_not_the_summary() -> None:
    from nadif.scraper.review.page import render_review

    records = [
        {
            "source": f"doc{i}.txt",
            "url": None,
            "site": None,
            "lang": "en",
            "title": f"Title {i}",
            "published": None,
            "author": None,
            "paragraphs": [f"Body {i} of the story."],
            "text": f"Body {i} of the story.",
            "removed": [
                {"line": 1, "text": "Advertisement", "kind": "ad", "rule": "generic/en-ad"}
            ],
            "flags": [],
            "title_line": 2,
            "paragraph_lines": [3],
        }
        for i in range(5)
    ]
    page = render_review(records, max_articles=2)
    assert "Body 1 of the story." in page and "Body 0 of the story." in page
    assert "Body 2 of the story." not in page, "the third article has no section"
    assert "Articles (first 2 of 5)" in page, "the heading says how many are shown"
