"""hespress (hespress.com): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/hespress/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template observed up to the date line (the 2019 sidebar printed before the article: prayer-times widget, newsletter box, poll with rated headlines, breadcrumb); the tail (visitors' comments, comment form and policy, footer) is assumed.

Checked by hand: every rule's examples against the gold of pages 01-05; the signature was changed by hand from the comment-policy sentence the learner picked to the footer copyright line, which names the site. Known gap: the visitors' comment texts are kept (free text inside a comment section; line rules cannot drop it).
"""

from nadif.cleaners.dates import AR_DAYS, AR_MONTHS
from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="hespress",
    domains=("hespress.com",),
    lang="ar",
    signatures=(
        r"^hespress © \d+ - جميع الحقوق محفوظه$",  # footer copyright (chosen by hand)
    ),
    line_rules=(
        # 5/5 pages, e.g. 'Imprimer'
        drop_line(
            "furniture-head",
            r"imprimer",
            r"كتاب واراء",
            kind="furniture",
            where="head",
            max_len=10,
        ),
        # 5/5 pages, e.g. 'الثلاثاء 30 أبريل 2019 - 08:00'
        drop_line(
            "date-shape",
            rf"(?:{AR_DAYS}) \d+ (?:{AR_MONTHS}) \d+ - \d+:\d+",
            kind="date",
            where="any",
            max_len=70,
        ),
        # 5/5 pages, e.g. 'قيم هذا المقال'
        drop_line(
            "furniture-any",
            r"قيم هذا المقال",
            kind="furniture",
            where="any",
            max_len=14,
        ),
        # 5/5 pages, e.g. '1. مهنيو النقل الطرقي يلوحون بإضراب وطني بداية الشهر المقبل (5.00)'
        drop_line(
            "furniture-framed",
            r"\d+\. .+ \(\d+\.\d+\)",
            kind="furniture",
            where="any",
            max_len=110,
        ),
        # 5/5 pages, e.g. 'الرئيسية | سياسة | لجنة برلمانية تستعجل الحكومة إخراج قانون تدبير المياه الجوفية'
        drop_line(
            "furniture-framed-2",
            r"الرئيسيه\s*\|\s*.+",
            kind="furniture",
            where="any",
            max_len=125,
        ),
        # 5/5 pages, e.g. 'هسبريس جريدة إلكترونية مغربية متجددة على مدار الساعة'
        drop_line(
            "related-any",
            r"هسبريس جريده الكترونيه مغربيه متجدده علي مدار الساعه",
            kind="related",
            where="any",
            max_len=52,
        ),
        # 3/5 pages, e.g. '1 - عبد الله من تادلة'
        drop_line(
            "furniture-named",
            r"\d+\s*-\s*[^\s\d]+(?: [^\s\d]+){0,3}",
            kind="furniture",
            where="any",
            max_len=61,
        ),
    ),
)
