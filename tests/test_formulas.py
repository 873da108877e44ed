"""Body formulas: a site's own recurring article sentence is kept, never dropped.

A site may close (or open) many of its articles with the same sentence ("the paper
covered this subject in earlier articles"). The generic scorer can take such a line for
a promotion line; across many pages of the site it is plainly article text. The template
learner reports it as a body formula, a site module keeps it with a keep rule
(`keep_line`), and a template-aware batch keeps it with a learned keep rule.
"""

from __future__ import annotations

import re
from pathlib import Path

from casefiles import ROOT

from nadif.cleaners.normalize import fold, split_lines
from nadif.cleaners.pipeline import clean_lines
from nadif.cleaners.rules import KEEP_KIND, drop_line, keep_line
from nadif.cleaners.template import learn_template
from nadif.scraper.batch._inputs import Task
from nadif.scraper.batch.templates import (
    clean_with_templates,
    learn_templates,
    report_lines,
)

BODY = (
    "أعلنت السلطات المحلية بالمدينة عن برنامج جديد لتأهيل الأحياء الشعبية رقم {n} يشمل "
    "تهيئة الطرق وتجديد شبكة الإنارة العمومية خلال السنة الجارية."
)
FORMULA = "وكانت صحيفة المثال قد تناولت هذا الملف في تقارير سابقة."


def _page(n: int, *, formula: bool) -> list[str]:
    body = [BODY.format(n=10 * n + k) for k in range(4)]
    return [
        "صحيفة المثال | أخبار المدينة",
        "الرئيسية",
        f"الأحد {n + 1} مارس 2024 - 10:{n:02d}",
        f"برنامج جديد لتأهيل الأحياء رقم {n}",
        *body,
        *([FORMULA] if formula else []),
        "كلمات مفتاحية: المدينة، الأحياء",
        "شارك المقال",
        f"جميع الحقوق محفوظة © صحيفة المثال {2020 + n}",
    ]


def _pages() -> list[list[str]]:
    """Eight pages; the formula closes the articles of three of them."""
    return [_page(n, formula=n in (0, 3, 6)) for n in range(8)]


def test_a_sentence_closing_several_articles_is_a_body_formula() -> None:
    template = learn_template(_pages())
    keys = [f.key for f in template.formulas]
    assert keys == [fold(FORMULA)], "the closing sentence is the one body formula"
    assert template.formulas[0].core_pages == 3
    assert not any(re.fullmatch(r.pattern, fold(FORMULA)) for r in template.rules), (
        "no drop rule takes it"
    )


def test_a_template_line_or_a_label_is_no_formula() -> None:
    pages = _pages()
    template = learn_template(pages)
    formulas = {f.key for f in template.formulas}
    assert fold("شارك المقال") not in formulas, "a label is not a sentence"
    # the same sentence printed after every article's end is the template's, not a formula
    every = [[*p[:-3], FORMULA, *p[-3:]] if FORMULA not in p else p for p in pages]
    assert not learn_template(every).formulas, "on every page it is template, not a formula"


def test_too_few_pages_make_no_formula() -> None:
    pages = [_page(n, formula=n == 0) for n in range(8)]
    assert not learn_template(pages).formulas, "one page is no habit of the site"


def test_a_keep_rule_keeps_the_line_the_scorer_or_a_rule_would_drop() -> None:
    lines = split_lines("\n\n".join(_page(0, formula=True)))
    line_no = lines.index(FORMULA)
    promo = drop_line("promo", re.escape(fold(FORMULA)), kind="related")
    keep = keep_line("body-formula", re.escape(fold(FORMULA)))
    assert keep.kind == KEEP_KIND
    dropped = clean_lines(lines, site="example", site_rules=(promo,))
    assert FORMULA not in dropped.paragraphs, "a drop rule takes it (the control)"
    kept = clean_lines(lines, site="example", site_rules=(keep, promo))
    assert FORMULA in kept.paragraphs, "the keep rule wins"
    assert all(r.line != line_no + 1 for r in kept.removed), "no removal names it"
    assert kept.paragraphs[-1] == FORMULA, "in its place, after the body"


def test_le12_module_keeps_its_closing_sentence_where_the_generic_scorer_drops_it() -> None:
    text = (ROOT / "corpus" / "sites" / "le12" / "07.txt").read_text(encoding="utf-8")
    closing = next(line for line in split_lines(text) if "قد تطرقت" in line)
    from nadif.scraper.text import clean_text

    assert closing not in clean_text(text, site="none").paragraphs, "the generic scorer drops it"
    assert closing in clean_text(text, site="le12").paragraphs, "the module keeps it"


def test_a_template_aware_batch_learns_and_keeps_the_formula(tmp_path: Path) -> None:
    folder = tmp_path / "example"
    folder.mkdir()
    pages = _pages()
    for n, lines in enumerate(pages):
        (folder / f"{n}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    tasks = [Task(str(p), "text") for p in sorted(folder.glob("*.txt"))]
    templates, report = learn_templates(lambda: iter(tasks))
    ((group, rules),) = templates.groups
    assert [r.pattern for r in rules if r.keep] == [learn_template(pages).formulas[0].pattern]
    assert (
        f"{group}" in report_lines(report)[1]
        and "1 body formula(s) kept" in report_lines(report)[1]
    )
    text = (folder / "3.txt").read_text(encoding="utf-8")
    article = clean_with_templates(text, str(folder / "3.txt"), None, templates)
    assert FORMULA in article.paragraphs, "the learned keep rule keeps it"
    assert FORMULA not in clean_with_templates(text, "x.txt", None, templates).paragraphs, (
        "outside the group (no learned rules) the generic scorer drops it: the control"
    )


def test_learn_reports_the_formula_and_writes_a_keep_rule(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "dumps"
    folder.mkdir()
    for n, lines in enumerate(_pages()):
        (folder / f"{n}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    root = tmp_path / "project"
    (root / "sites").mkdir(parents=True)
    cmd = [sys.executable, "-m", "nadif", "learn", str(folder), "--site", "example"]
    cmd += ["--domain", "example.invalid", "--write", "--root", str(root), "--against"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    head = report.index("body formulas (kept, never dropped):")
    assert fold(FORMULA).replace(".", "\\.") in report[head:], "the formula is reported"
    module = (root / "sites" / "example.py").read_text(encoding="utf-8")
    assert 'keep_line(\n            "body-formula"' in module, "written as a keep rule"


CLOSING_DUMPS = {
    "ar": (
        "جريدة المثال الإلكترونية\nالرئيسية\nمجتمع\n"
        "مكتبات الأحياء تفتح أبوابها مساء\n"
        "الأحد 9 مارس 2025 - 18:40\n"
        + "\n".join(
            "قررت الجماعة تمديد ساعات عمل مكتبات الأحياء إلى التاسعة ليلا طيلة أيام الأسبوع، "
            f"بعد أن ارتفع عدد المترددين عليها من التلاميذ والطلبة خلال الفصل {k}."
            for k in ("الأول", "الثاني", "الثالث")
        )
        + "\nفالمكتبة المفتوحة ليلا تربح قراء جددا.\n"
        "أضف تعليقك\nالمرجو الالتزام بآداب الحوار\n"
    ),
    "fr": (
        "Journal Exemple\nAccueil\nSociété\n"
        "Les bibliothèques de quartier ouvrent le soir\n"
        "Le 9 mars 2025 à 18h40\n"
        + "\n".join(
            "La commune a décidé de prolonger les horaires des bibliothèques de quartier "
            f"jusqu'à 21 heures, après une hausse des visites au {k} trimestre."
            for k in ("premier", "deuxième", "troisième")
        )
        + "\nUne bibliothèque ouverte le soir gagne des lecteurs.\n"
        "Ajouter un commentaire\nLes commentaires sont modérés.\n"
    ),
}


def _without_closing_feature() -> object:
    """The shipped scorer with the `closing_sentence` weight set to 0 (the control)."""
    from dataclasses import replace

    from nadif.cleaners.linemodel import LinearModel, default_scorer

    scorer = default_scorer()
    assert scorer is not None and isinstance(scorer.line_model, LinearModel)
    model = scorer.line_model
    weights = tuple(
        0.0 if name == "closing_sentence" else w for name, w in zip(model.names, model.weights)
    )
    return replace(scorer, line_model=replace(model, weights=weights))


def test_a_short_sentence_closing_the_article_stays() -> None:
    """The line right after the body's last paragraph that ends like a sentence is the
    article's closing sentence (feature `closing_sentence`): the generic cleaning keeps
    it, and drops the comment header below it. Without the feature's weight the scorer
    drops the closing line of a held-back hespress page (written for bench_templates)."""
    page = (ROOT / "corpus" / "sites" / "hespress" / "06.txt").read_text(encoding="utf-8")
    texts = {**CLOSING_DUMPS, "hespress 06": page}
    control = _without_closing_feature()
    for name, text in texts.items():
        lines = split_lines(text)
        article = clean_lines(lines)
        last_body = max(i for i, line in enumerate(lines) if line in article.paragraphs[:-1])
        closing = next(line for line in lines[last_body + 1 :] if line)
        assert article.paragraphs[-1] == closing, (name, article.paragraphs[-1:])
        if name == "hespress 06":
            without = clean_lines(lines, scorer=control)  # type: ignore[arg-type]
            assert closing not in without.paragraphs, "the feature is what keeps it"
