"""goud (goud.ma): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/goud/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template mostly ASSUMED: the stored pages only show the dateline-byline 'كود <city> ///'; masthead, menu, date line and tail are assumed.

Checked by hand: every rule and its examples against the gold of pages 01-05, and the fixture (tests/sites/goud/) against its gold.
"""

from nadif.sites._site import Site

SITE = Site(
    name="goud",
    domains=("goud.ma",),
    lang="ar",
    signatures=(
        r"^© كود \d+ - جميع الحقوق محفوظه$",  # 5/5 pages
    ),
    line_rules=(),
)
