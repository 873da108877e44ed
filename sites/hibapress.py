"""hibapress (hibapress.com): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/hibapress/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template wholly ASSUMED: no article page of this site was found in the stored pages; modelled on the common WordPress news-theme layout.

Checked by hand: every rule's examples against the gold of pages 01-05. The 'furniture' kind of the '<site> - <city>' rule is the generic model's word for it; it is a dateline byline.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="hibapress",
    domains=("hibapress.com",),
    lang="ar",
    signatures=(
        r"^جميع الحقوق محفوظه © هبه بريس \d+$",  # 5/5 pages
    ),
    line_rules=(
        # 5/5 pages, e.g. 'اقتصاد'
        drop_line(
            "nav-head",
            r"اقتصاد",
            r"رياضه",
            r"سياسه",
            r"مجتمع",
            kind="nav",
            where="head",
            max_len=6,
        ),
        # 5/5 pages, e.g. 'زر الذهاب إلى الأعلى'
        drop_line(
            "related-any",
            r"زر الذهاب الي الاعلي",
            kind="related",
            where="any",
            max_len=20,
        ),
        # 4/5 pages, e.g. 'لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *'
        drop_line(
            "comment-form-any",
            r"لن يتم نشر عنوان بريدك الالكتروني\. الحقول الالزاميه مشار اليها ب \*",
            kind="comment-form",
            where="any",
            max_len=66,
        ),
        # 4/5 pages, e.g. 'هبة بريس - العرائش'
        drop_line(
            "furniture-named",
            r"هبه بريس\s*-\s*[^\s\d]+(?: [^\s\d]+){0,3}",
            kind="furniture",
            where="any",
            max_len=58,
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
    ),
)
