"""le12 (le12.ma): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/le12/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template partly observed: the store's three le12.ma article pages keep only the article text, opened by a byline line of its own (a person's name, 'رئاسة التحرير' or 'Le12.ma'); the masthead, menu, section label, date line, keyword line, share labels, related and most-read lists, footer links and copyright line are assumed (see the golds' notes).

Checked by hand: every rule's examples against the gold of pages 01-05 (each rule removes only boilerplate lines there: the date line, the three network names under 'شارك المقال', the four footer links; the learner's kinds are kept, 'related' for the footer links); no rule fires on a body line of pages 01-08. The learner's signature (the masthead, which names the site) is kept and the copyright line, which names it too, was added by hand. The fixture is page 01, the one nadif learn picked (it holds the closing sentence below). The closing sentence that recurs in three articles ('وكانت جريدة le12.ma قد تطرقت ...', a body line that the generic scorer takes for a promotion line) is the learner's body formula (it stands in the body of 2 of the 5 learning pages, a drop rule needs 3): written as a keep rule, checked by hand against pages 01-08 (it matches only that sentence).
"""

from nadif.cleaners.dates import AR_DAYS, AR_MONTHS
from nadif.cleaners.rules import drop_line, keep_line
from nadif.sites._site import Site

SITE = Site(
    name="le12",
    domains=("le12.ma",),
    lang="ar",
    signatures=(
        r"^le12\.ma \| جريده النخبه والقضايا الكبري$",  # 5/5 pages (the masthead)
        r"^© \d+ le12\.ma - جميع الحقوق محفوظه$",  # footer copyright (added by hand)
    ),
    line_rules=(
        # 5/5 pages, e.g. 'الثلاثاء 14 فبراير 2023 على الساعة 11:20'
        drop_line(
            "date-shape",
            rf"(?:{AR_DAYS}) \d+ (?:{AR_MONTHS}) \d+ علي الساعه \d+:\d+",
            kind="date",
            where="any",
            max_len=80,
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
        # body formulas: in the articles of up to 2/5 pages (the learner's keep rule)
        keep_line(
            "body-formula",
            r"وكانت جريده le12\.ma قد تطرقت الي هذا الموضوع في مقالات سابقه\.",
            max_len=61,
        ),
    ),
)
