"""febrayer (febrayer.com): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/febrayer/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template wholly ASSUMED: no page of this site was found in the stored pages; the dumps follow the common layout of Moroccan Arabic WordPress news sites.

Checked by hand: every rule and its examples against the gold of pages 01-05, and the fixture (tests/sites/febrayer/) against its gold.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="febrayer",
    domains=("febrayer.com",),
    lang="ar",
    signatures=(
        r"^فبراير\.كوم © \d+ جميع الحقوق محفوظه$",  # 5/5 pages
    ),
    line_rules=(
        # 3/5 pages, e.g. 'أسعار المحروقات تعرف انخفاضا جديدا'
        drop_line(
            "related-any",
            r"اسعار المحروقات تعرف انخفاضا جديدا",
            kind="related",
            where="any",
            max_len=34,
        ),
        # 5/5 pages, e.g. 'فبراير.كوم'
        drop_line(
            "nav-edge",
            r"فبراير\.كوم",
            kind="nav",
            where="edge",
            max_len=10,
        ),
        # 5/5 pages, e.g. 'تويتر'
        drop_line(
            "furniture-tail",
            r"تويتر",
            r"فيسبوك",
            r"واتساب",
            kind="furniture",
            where="tail",
            max_len=6,
        ),
        # 5/5 pages, e.g. 'اتصل بنا'
        drop_line(
            "related-tail",
            r"اتصل بنا",
            r"شروط الاستخدام",
            r"من نحن",
            r"هيئه التحرير",
            kind="related",
            where="tail",
            max_len=14,
        ),
    ),
)
