"""Template learning (cleaners/template.py) and `nadif learn` (scraper/learn_cmd.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from casefiles import ROOT

from nadif.cleaners.normalize import fold
from nadif.cleaners.template import learn_template

BODY = (
    "قال مسؤول محلي إن الأشغال ستنطلق خلال الأسابيع المقبلة بعد استكمال جميع الدراسات التقنية "
    "اللازمة للمشروع رقم {n} في المدينة."
)
FORMULA = "وتبقى جميع الاحتمالات واردة في انتظار ما ستسفر عنه نتائج البحث."


def _page(n: int, *, formula_inside: bool) -> list[str]:
    body = [BODY.format(n=n + k) for k in range(4)]
    if formula_inside:
        body.insert(2, FORMULA)
    tail = [] if formula_inside else [FORMULA]
    return [
        "جريدة المثال",
        "الرئيسية",
        f"الأحد {n + 1} مارس 2024 - 10:{n:02d}",
        f"عنوان المقال رقم {n}",
        *body,
        *tail,
        "مقالات ذات صلة",
        f"جميع الحقوق محفوظة © جريدة المثال {2020 + n}",
    ]


def _pages() -> list[list[str]]:
    return [_page(n, formula_inside=n % 2 == 0) for n in range(6)]


def test_recurring_head_and_tail_lines_become_rules() -> None:
    template = learn_template(_pages())
    keys = {r.key for r in template.rules if r.form == "line"}
    assert fold("الرئيسية") in keys, "the menu line recurring at the head"
    assert "مقالات ذات صله" in keys, "the related header recurring at the tail"


def test_dates_and_years_are_generalised_into_shapes() -> None:
    template = learn_template(_pages())
    shapes = [r for r in template.rules if r.form == "shape"]
    date = next((r for r in shapes if re.fullmatch(r.pattern, "الاحد 9 مارس 2024 - 11:30")), None)
    assert date is not None, "a date line of another day matches the learned date shape"
    assert date.pages == 6, "the date shape stands on every page"


def test_a_closing_formula_inside_bodies_is_refused_and_reported() -> None:
    template = learn_template(_pages())
    refused = [r for r in template.refused if r.key == fold(FORMULA)]
    assert refused, "the formula that closes the articles is reported"
    assert "body core" in (refused[0].reason or ""), "the refusal says why"
    assert not any(re.fullmatch(r.pattern, fold(FORMULA)) for r in template.rules), (
        "no rule drops the formula"
    )


def test_learning_is_deterministic() -> None:
    assert learn_template(_pages()) == learn_template(_pages()), "same pages, same template"


def test_learn_command_reports_and_refuses_too_few_pages(tmp_path: Path) -> None:
    for n, lines in enumerate(_pages()):
        (tmp_path / f"{n}.txt").write_text("\n".join(lines), encoding="utf-8")
    cmd = [sys.executable, "-m", "nadif", "learn", str(tmp_path), "--site", "example"]
    result = subprocess.run(
        [*cmd, "--against"], capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "proposed rules:" in result.stdout and "refused: " in result.stdout, "a report"
    few = subprocess.run(
        [sys.executable, "-m", "nadif", "learn", str(tmp_path / "0.txt"), "--site", "example"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert few.returncode == 2 and "at least 3" in few.stderr, "too few dumps is a usage error"


PROMO = "Vous avez un projet immobilier en vue ? Nos partenaires vous aident à le concrétiser!"


def _promo_page(n: int) -> list[str]:
    body = [
        f"Le conseil régional a adopté le programme numéro {10 * n + k} après un long débat, "
        "a indiqué mardi un responsable de la commission des finances."
        for k in range(4)
    ]
    return [
        "Journal Exemple",
        "Economie",
        f"Le {n + 1} juin 2025 à 09h{n:02d}",
        "",
        *body,
        "",
        PROMO,  # prose that recurs right after every article, glued to the body's run
        "Suivez la chaîne Journal Exemple sur WhatsApp",
        "",
        f"© Journal Exemple {2020 + n} - Tous droits réservés",
    ]


def test_a_recurring_prose_line_after_the_bodies_is_a_tail_rule_not_article_text() -> None:
    template = learn_template([_promo_page(n) for n in range(6)])
    assert any(re.fullmatch(r.pattern, fold(PROMO)) for r in template.rules), (
        "a sentence-like promo that recurs at the end of every page is learned as template"
    )
    assert not any(r.key == fold(PROMO) for r in template.refused), "it is not refused"
