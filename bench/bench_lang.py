#!/usr/bin/env python3
"""Language identification timing: `cleaners.lang.detect_lang` against py3langid alone.

    python bench/bench_lang.py [--rounds N]

For every text of the corpora (corpus/dumps, corpus/sites, the gold bodies of
corpus/pages), the sample that `clean_text` gives `detect_lang` (its four longest lines)
is judged twice: by `detect_lang` (the script first, then the function-word vote, the
model where neither decides) and by py3langid's model on the same sample (what `detect_lang` did before). It
prints the time per call of each, how many texts the script decided, and every text on
which the two answers differ. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from nadif.cleaners import lang

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
_LETTER = re.compile(r"[^\W\d_]")


def _sample(lines: list[str]) -> str:
    return "\n".join(sorted((line for line in lines if line.strip()), key=len, reverse=True)[:4])


def load_samples() -> list[str]:
    samples = []
    for path in sorted(CORPUS.glob("dumps/*/*.txt")) + sorted(CORPUS.glob("sites/*/*.txt")):
        samples.append(_sample(path.read_text(encoding="utf-8").split("\n")))
    for path in sorted(CORPUS.glob("pages/*/*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))["body"]
        samples.append(_sample(body if isinstance(body, list) else str(body).split("\n")))
    return samples


def model_only(text: str) -> str | None:
    """py3langid on the sample, as `detect_lang` did before the script decided."""
    sample = text[: lang.SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < lang.MIN_LETTERS:
        return None
    label = str(lang._identifier().classify(sample)[0])
    return None if label == "zxx" else {"ary": "ar", "arz": "ar"}.get(label, label)


def per_call_ms(detect: Callable[[str], str | None], samples: list[str], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for text in samples:
            detect(text)
    return (time.perf_counter() - start) / (rounds * len(samples)) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    samples = load_samples()
    start = time.perf_counter()
    lang._identifier()  # the model loads once per process
    print(f"model load: {time.perf_counter() - start:.2f} s (once per process)")
    before = [model_only(text) for text in samples]
    after = [lang.detect_lang(text) for text in samples]
    decided = sum(
        1
        for text in samples
        if (letters := len(_LETTER.findall(text[: lang.SAMPLE_CHARS]))) >= lang.MIN_LETTERS
        and lang.script_lang(text[: lang.SAMPLE_CHARS], letters) is not None
    )
    voted = sum(
        1
        for text in samples
        if not lang._ARABIC_SCRIPT.search(text[: lang.SAMPLE_CHARS])
        and lang.script_lang(text[: lang.SAMPLE_CHARS], 10**6) is None
        and lang.function_word_lang(text) is not None
    )
    print(
        f"{len(samples)} texts; the script decided {decided}, the function-word vote "
        f"{voted}, the model judged the rest ({len(samples) - decided - voted})"
    )
    print("languages:", ", ".join(f"{k} {n}" for k, n in Counter(after).most_common()))
    differ = [(b, a, text[:60]) for b, a, text in zip(before, after, samples) if b != a]
    print(f"answers that differ from py3langid alone: {len(differ)}")
    for b, a, text in differ:
        print(f"  model {b}  now {a}  {text!r}")
    model_ms = per_call_ms(model_only, samples, args.rounds)
    detect_ms = per_call_ms(lang.detect_lang, samples, args.rounds)
    print(f"py3langid on every text: {model_ms:.3f} ms per call")
    print(f"detect_lang (script first): {detect_ms:.3f} ms per call")


if __name__ == "__main__":
    main()
