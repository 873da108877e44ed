"""al3omk (al3omk.com): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/al3omk/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template mostly ASSUMED: one real al3omk page was read (section label above the headline, author under it); the masthead, menu, date line, Google News prompt, related block and copyright line are assumed (corpus/sites/al3omk/*.gold.json notes).

Checked by hand: every rule and its examples against the gold of pages 01-05, and the fixture (tests/sites/al3omk/) against its gold.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="al3omk",
    domains=("al3omk.com",),
    lang="ar",
    signatures=(
        r"^جميع الحقوق محفوظه © العمق المغربي \d+$",  # 5/5 pages
    ),
    line_rules=(
        # 5/5 pages, e.g. 'العمق المغربي'
        drop_line(
            "nav-head",
            r"العمق المغربي",
            kind="nav",
            where="head",
            max_len=13,
        ),
        # 4/5 pages, e.g. 'تابعوا آخر الأخبار من العمق على Google News'
        drop_line(
            "related-any",
            r"تابعوا اخر الاخبار من العمق علي google news",
            kind="related",
            where="any",
            max_len=43,
        ),
    ),
)
