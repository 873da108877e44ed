"""The fixed point's shortcut (`pipeline._settled`): when it says another pass over the
output would change nothing, running that pass indeed changes nothing. Checked on every
dev dump, the site fixtures and the seeds, with the site modules and without: the output
with the shortcut equals the output with it turned off, and the shortcut fires on most
documents (it is what makes the second pass cheap)."""

from __future__ import annotations

from typing import Any

import pytest
from casefiles import ROOT, SEEDS_DIR, SITES_DIR

from nadif import clean_text
from nadif.cleaners import pipeline

DUMPS = (
    sorted((ROOT / "corpus" / "dumps" / "dev").glob("*.txt"))
    + sorted(SITES_DIR.glob("*/dump.txt"))
    + sorted(SEEDS_DIR.glob("*.txt"))
)


def _output(text: str, site: str | None) -> tuple[Any, ...]:
    a = clean_text(text, site)
    return (a.title, a.paragraphs, [(r.line, r.kind, r.rule, r.score) for r in a.removed])


@pytest.mark.parametrize("site", [None, "none"])
def test_the_shortcut_changes_no_output(site: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [path.read_text(encoding="utf-8") for path in DUMPS]
    fired: list[bool] = []
    settled = pipeline._settled

    def recording(*args: Any) -> bool:
        fired.append(settled(*args))
        return fired[-1]

    monkeypatch.setattr(pipeline, "_settled", recording)
    with_shortcut = [_output(text, site) for text in texts]
    monkeypatch.setattr(pipeline, "_settled", lambda *args: False)
    without = [_output(text, site) for text in texts]
    differ = [str(path) for path, a, b in zip(DUMPS, with_shortcut, without) if a != b]
    assert not differ, f"the shortcut changed these outputs: {differ}"
    assert sum(fired) >= 0.3 * len(texts), f"the shortcut fires ({sum(fired)} of {len(texts)})"
