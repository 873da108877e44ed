"""Template-aware batch runs (`nadif clean DIR -o OUT --learn-templates`): quality and memory.

    python bench/bench_batch_templates.py                 # held-back quality, then 60,000 dumps
    python bench/bench_batch_templates.py --files 0       # quality only
    python bench/bench_batch_templates.py --jobs 1 2
    python bench/bench_batch_templates.py --no-quality --baseline   # and a run without learning

1. Held-back pages. corpus/sites/<name>/ holds 8 written dumps of each of 9 sites with their
   gold. Templates are learned the way a batch learns them (`scraper.batch.templates`,
   grouped by signatures, every group at once) from pages 01-05 of every site, and pages
   06-08, which the learner never saw, are cleaned with the generic rules alone
   (`site="none"`), with the generic rules and the learned template, with the site's
   module, and with the site's module and the learned template; scored with
   ../shared/bench/score_dumps.py's `score_case` (keep-F1 of body lines, boilerplate
   removal), as bench/bench_templates.py does.

2. Memory. 60,000 dumps are generated once in bench/_data/templates-N/ (git-ignored) from
   the corpus/sites pages: each keeps one page's head and tail (its site's template)
   around a shuffled sample of its site's body paragraphs, one of them carrying a
   number, so every dump is distinct; 1,000 dumps a folder (the folders say nothing of
   the site: the groups come from signatures). `nadif clean DIR -o OUT
   --learn-templates --jobs N` runs as a child process while a sampler adds up the
   resident memory of it and its children every 100 ms (bench/bench_batch.py's method):
   "peak RSS (sum)" is the largest sum, "max 1 proc" the kernel's figure for the biggest
   single process, then each process's own peak (the driver; its children: the learning
   child, then the workers). "peak PSS (sum)" adds up proportional set sizes every
   500 ms: a page shared by k processes counts 1/k in each (the RSS sum counts the pages
   a worker inherits from the driver once per process). Also counted from OUT: lines removed by learned rules, and body
   paragraphs among them (which should be none).

Prints figures; asserts nothing (the issue's floor: peak RSS < 300 MB for 60,000 dumps).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT.parent / "shared" / "bench"))
sys.path.insert(0, str(HERE))

import psutil
from score_dumps import score_case

from nadif.scraper.batch._inputs import Task
from nadif.scraper.batch.templates import clean_with_templates, learn_templates
from nadif.scraper.text import clean_text

SITES = ROOT / "corpus" / "sites"
DATA = HERE / "_data"
FILES_PER_FOLDER = 1000
MB = 1_000_000


def _pages(spec: str) -> list[str]:
    first, last = (int(x) for x in spec.split("-"))
    return [f"{n:02d}" for n in range(first, last + 1)]


def _totals(rows: list[dict[str, Any]]) -> tuple[float, float]:
    kb = sum(r["kept_body"] for r in rows)
    body = sum(r["body"] for r in rows)
    kept = sum(r["kept"] for r in rows)
    bp = sum(r["bp"] for r in rows)
    kbp = sum(r["kept_bp"] for r in rows)
    p = kb / kept if kept else 0.0
    r = kb / body if body else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, (1 - kbp / bp if bp else 1.0)


def quality(learn: list[str], held: list[str]) -> None:
    folders = sorted(p for p in SITES.iterdir() if p.is_dir())

    def tasks() -> Iterator[Task]:
        for folder in folders:
            for n in learn:
                yield Task(str(folder / f"{n}.txt"), "text")

    started = time.perf_counter()
    templates, report = learn_templates(tasks)
    seconds = time.perf_counter() - started
    rules = {g.group: g.rules for g in report}
    print(f"learned from pages {learn} of {len(folders)} sites in {seconds:.2f} s; held {held}")
    modes = ("generic", "generic+learned", "module", "module+learned")
    header = "".join(f"{m:>17}" for m in modes)
    print(f"{'site':<11}{'rules':>5}{header}   (keep-F1 / removal)")
    totals: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    for folder in folders:
        rows: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
        for n in held:
            path = folder / f"{n}.txt"
            text = path.read_text(encoding="utf-8")
            gold = json.loads((folder / f"{n}.gold.json").read_text(encoding="utf-8"))
            for mode in modes:
                site = "none" if mode.startswith("generic") else folder.name
                if mode.endswith("learned"):
                    article = clean_with_templates(text, str(path), site, templates)
                else:
                    article = clean_text(text, site, source=str(path))
                cleaned = {"title": article.title, "paragraphs": article.paragraphs}
                rows[mode].append(score_case(gold, cleaned))
        cells = ""
        for mode in modes:
            totals[mode] += rows[mode]
            f1, removal = _totals(rows[mode])
            cells += f"    {f1:.3f} / {removal:.3f}"
        print(f"{folder.name:<11}{rules.get(folder.name, 0):>5}{cells}")
    cells = ""
    for mode in modes:
        f1, removal = _totals(totals[mode])
        cells += f"    {f1:.3f} / {removal:.3f}"
    print(f"{'ALL':<11}{'':>5}{cells}")


# Three templates nadif has no module for (written for this benchmark: a district blog, a
# regional portal, a French-language weekly), around the title and body of corpus pages.
# Each ends with an "about" blurb that reads like an article sentence, as many small sites
# print under every article: no lexicon knows it, only its recurrence tells it.
INVENTED: dict[str, tuple[str, list[str], list[str]]] = {
    "blog-hay": (
        "barlamane",
        ["مدونة حي السلام", "صوت الحي منذ 2010", "أخبار الحي", "رياضة الحي", "مناسبات"],
        [
            "عن المدونة",
            (
                "هذه المدونة يديرها متطوعون من أبناء الحي منذ سنوات، وهي مفتوحة لكل من يريد أن "
                "يكتب عن شؤون الحي وهمومه ومناسباته، ونرحب بمساهماتكم على بريد المدونة."
            ),
            "أرشيف المدونة",
        ],
    ),
    "portail-souss": (
        "goud",
        ["بوابة سوس الإخبارية", "جهة سوس ماسة", "أكادير", "تارودانت", "تيزنيت", "اشتوكة"],
        [
            "من نحن",
            (
                "بوابة سوس الإخبارية موقع مستقل يغطي أخبار جهة سوس ماسة وأقاليمها، ويعمل فيه "
                "فريق من الصحافيين والمراسلين في أكادير وتارودانت وتيزنيت واشتوكة آيت باها."
            ),
            "إدارة البوابة - أكادير",
        ],
    ),
    "hebdo-atlas": (
        "lematin",
        ["L'Hebdo de l'Atlas", "Chaque vendredi en kiosque", "Région", "Culture", "Portraits"],
        [
            "À propos",
            (
                "L'Hebdo de l'Atlas est un journal régional indépendant édité à Khénifra depuis "
                "1998, qui raconte chaque semaine la vie des villes et des villages du Moyen Atlas."
            ),
            "Rédaction : 12 avenue des Cèdres",
        ],
    ),
}


def _invented(name: str, n: int) -> tuple[str, dict[str, Any]]:
    """Page `n` (1-8) of an invented template, and its gold."""
    site, head, tail = INVENTED[name]
    gold = json.loads((SITES / site / f"{n:02d}.gold.json").read_text(encoding="utf-8"))
    date = f"{(n * 3) % 28 + 1:02d}/0{n % 9 + 1}/2024 - {8 + n}:{n * 7 % 60:02d}"
    lines = [*head, date, gold["title"], *gold["body"], *tail]
    text = "\n\n".join(lines) + "\n"
    return text, {"title": gold["title"], "body": gold["body"], "boilerplate": head + tail}


def invented_quality(learn: list[str], held: list[str]) -> None:
    """The same comparison on templates no module and no generic rule was written for."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[tuple[str, str], Path] = {}
        golds: dict[tuple[str, str], dict[str, Any]] = {}
        for name in INVENTED:
            (Path(tmp) / name).mkdir()
            for page in learn + held:
                text, gold = _invented(name, int(page))
                path = Path(tmp) / name / f"{page}.txt"
                path.write_text(text, encoding="utf-8")
                paths[(name, page)], golds[(name, page)] = path, gold

        def tasks() -> Iterator[Task]:
            for name in INVENTED:
                for page in learn:
                    yield Task(str(paths[(name, page)]), "text")

        templates, report = learn_templates(tasks)
        rules = {g.group: g.rules for g in report}
        print(f"invented templates (folder groups), learned from {learn}, held {held}")
        print(f"{'group':<15}{'rules':>5}{'generic':>17}{'generic+learned':>17}")
        totals: dict[str, list[dict[str, Any]]] = {"g": [], "l": []}
        for name in INVENTED:
            rows: dict[str, list[dict[str, Any]]] = {"g": [], "l": []}
            for page in held:
                path = paths[(name, page)]
                text = path.read_text(encoding="utf-8")
                generic = clean_text(text, "none", source=str(path))
                learned = clean_with_templates(text, str(path), "none", templates)
                for key, article in (("g", generic), ("l", learned)):
                    cleaned = {"title": article.title, "paragraphs": article.paragraphs}
                    rows[key].append(score_case(golds[(name, page)], cleaned))
            cells = ""
            for key in ("g", "l"):
                totals[key] += rows[key]
                f1, removal = _totals(rows[key])
                cells += f"    {f1:.3f} / {removal:.3f}"
            print(f"{name:<15}{rules.get(name, 0):>5}{cells}")
        cells = ""
        for key in ("g", "l"):
            f1, removal = _totals(totals[key])
            cells += f"    {f1:.3f} / {removal:.3f}"
        print(f"{'ALL':<15}{'':>5}{cells}")


def _site_pages() -> list[tuple[list[list[str]], list[str]]]:
    """Per site: its pages' lines, and the pool of its body paragraphs (from the gold)."""
    out = []
    for folder in sorted(p for p in SITES.iterdir() if p.is_dir()):
        pages, pool = [], []
        for path in sorted(folder.glob("*.txt")):
            gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
            pages.append(path.read_text(encoding="utf-8").split("\n"))
            pool += gold["body"]
        out.append((pages, pool))
    return out


def _dump(rng: random.Random, pages: list[list[str]], pool: list[str], index: int) -> str:
    """A page's head and tail (everything outside its body) around other body paragraphs."""
    lines = rng.choice(pages)
    body = set(pool)
    at = [i for i, line in enumerate(lines) if line in body]
    first, last = (at[0], at[-1]) if at else (len(lines) // 2, len(lines) // 2)
    paragraphs = rng.sample(pool, k=min(len(pool), rng.randint(4, 8)))
    k = rng.randrange(len(paragraphs))
    paragraphs[k] = f"{paragraphs[k]} ({index})"  # every dump distinct
    middle = [p for para in paragraphs for p in (para, "")]
    return "\n".join(lines[:first] + middle + lines[last + 1 :]) + "\n"


def generate(folder: Path, count: int) -> int:
    marker = folder / ".complete"
    if marker.exists():
        return int(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    sites = _site_pages()
    rng = random.Random(20261202)
    total = 0
    for index in range(count):
        sub = folder / f"{index // FILES_PER_FOLDER:04d}"
        if index % FILES_PER_FOLDER == 0:
            sub.mkdir(parents=True)
        pages, pool = sites[rng.randrange(len(sites))]
        data = _dump(rng, pages, pool, index).encode("utf-8")
        (sub / f"dump{index:06d}.txt").write_bytes(data)
        total += len(data)
    marker.write_text(str(total))
    return total


SAMPLE_EVERY = 0.1  # seconds (bench/bench_batch.py's interval)
PSS_EVERY = 5  # proportional set size every 5th sample


def _sample_tree(pid: int, peaks: dict[str, int], stop: threading.Event) -> None:
    """Every `SAMPLE_EVERY` s, the resident memory of process `pid` and its children:
    peaks["sum"] is the largest sum (bench/bench_batch.py's method), and each process's
    own peak under its role ("driver", "child <pid>"); peaks["pss"] is the largest sum of
    proportional set sizes (a page shared by k processes counts 1/k in each: the memory
    the run holds, where the RSS sum counts a page inherited from the driver once per
    process)."""
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    rounds = 0
    while not stop.is_set():
        total = pss = 0
        with_pss = rounds % PSS_EVERY == 0  # reading smaps is slower
        rounds += 1
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in procs:
            try:
                rss = proc.memory_info().rss
                pss += proc.memory_full_info().pss if with_pss else 0
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            total += rss
            role = "driver" if proc.pid == pid else f"child {proc.pid}"
            peaks[role] = max(peaks.get(role, 0), rss)
        peaks["sum"] = max(peaks.get("sum", 0), total)
        peaks["pss"] = max(peaks.get("pss", 0), pss)
        stop.wait(SAMPLE_EVERY)


def measure(folder: Path, jobs: int, engine: str, learn: bool = True) -> dict[str, Any]:
    out = folder.parent / f"{folder.name}.out-j{jobs}-{engine}.jsonl"
    for stale in (out, out.with_suffix(".errors.jsonl"), out.with_suffix(".run.json")):
        stale.unlink(missing_ok=True)
    nadif = Path(sys.executable).parent / "nadif"
    cmd = [str(nadif), "clean", str(folder), "-o", str(out)]
    cmd += ["--learn-templates"] if learn else []
    cmd += ["--jobs", str(jobs), "--engine", engine, "--no-progress", "--overwrite"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    peaks: dict[str, int] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peaks, stop), daemon=True)
    sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    learned = body_hits = records = 0
    pools = {line for _, pool in _site_pages() for line in pool}
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            records += 1
            for r in record["removed"]:
                if r["rule"].startswith("learned/"):
                    learned += 1
                    body_hits += r["text"] in pools or r["text"].rsplit(" (", 1)[0] in pools
    for path in (out, out.with_suffix(".errors.jsonl"), out.with_suffix(".run.json")):
        path.unlink(missing_ok=True)
    return {
        "jobs": jobs,
        "engine": engine,
        "exit": os.waitstatus_to_exitcode(status),
        "seconds": elapsed,
        "peak_rss_sum": peaks.get("sum", 0),
        "peak_pss_sum": peaks.get("pss", 0),
        "peak_rss_driver": peaks.get("driver", 0),
        "peak_rss_children": sorted(
            (v for k, v in peaks.items() if k.startswith("child ")), reverse=True
        ),
        "peak_rss_max": usage.ru_maxrss * 1024,
        "records": records,
        "learned": learned,
        "body_hits": body_hits,
        "stderr": err,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learn-pages", default="01-05")
    ap.add_argument("--held", default="06-08")
    ap.add_argument("--files", type=int, default=60_000, help="dumps for the memory run (0: none)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[2])
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--show-stderr", action="store_true", help="print the runs' own reports")
    ap.add_argument(
        "--baseline", action="store_true", help="also run without --learn-templates, to compare"
    )
    ap.add_argument("--no-quality", action="store_true", help="skip the held-back scoring")
    args = ap.parse_args()
    if not args.no_quality:
        quality(_pages(args.learn_pages), _pages(args.held))
        invented_quality(_pages(args.learn_pages), _pages(args.held))
    if not args.files:
        return 0
    folder = DATA / f"templates-{args.files}"
    started = time.perf_counter()
    size = generate(folder, args.files)
    print(
        f"data: {args.files} dumps, {size / MB:.1f} MB in {folder} "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    runs = [(jobs, learn) for jobs in args.jobs for learn in (True, False)[: 1 + args.baseline]]
    for jobs, learn in runs:
        run = measure(folder, jobs, args.engine, learn)
        learning = next(
            (line for line in run["stderr"].splitlines() if line.startswith("learned templates")),
            "",
        )
        print(
            f"{'--learn-templates' if learn else 'without learning'} "
            f"--jobs {jobs} --engine {args.engine}: exit {run['exit']}, {run['seconds']:.1f} s, "
            f"peak RSS (sum) {run['peak_rss_sum'] / 2**20:.0f} MiB, "
            f"peak PSS (sum) {run['peak_pss_sum'] / 2**20:.0f} MiB, "
            f"max 1 proc {run['peak_rss_max'] / 2**20:.0f} MiB (driver "
            f"{run['peak_rss_driver'] / 2**20:.0f}, children "
            f"{', '.join(f'{v / 2**20:.0f}' for v in run['peak_rss_children'])}); "
            f"{run['records']} records, "
            f"{run['learned']} lines removed by learned rules, {run['body_hits']} of them "
            f"body paragraphs; {learning}",
            flush=True,
        )
        if args.show_stderr:
            print(run["stderr"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
