"""barlamane (barlamane.com): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/barlamane/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template partly observed: one real page shows the glued category line, the font-size control 'الخط :' and the audio label 'إستمع للمقال'; the masthead, menu, date lines and tail are assumed.

Checked by hand: every rule and its examples against the gold of pages 01-05, and the fixture (tests/sites/barlamane/) against its gold.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="barlamane",
    domains=("barlamane.com",),
    lang="ar",
    signatures=(
        r"^جميع الحقوق محفوظه © برلمان\.كوم \d+$",  # 5/5 pages
    ),
    line_rules=(
        # 5/5 pages, e.g. 'إستمع للمقال'
        drop_line(
            "furniture-head",
            r"استمع للمقال",
            r"الخط :",
            kind="furniture",
            where="head",
            max_len=12,
        ),
    ),
)
