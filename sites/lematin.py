"""lematin (lematin.ma): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/lematin/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template partly observed (section label, capitalised byline, date split over two lines, 'Dernière Heure'); the menu, share labels and footer are assumed.

Checked by hand: every rule's examples against the gold of pages 01-05; the signature was changed by hand from the weather-widget line the learner picked to the copyright line, which names the site.
"""

from nadif.cleaners.dates import EN_DAYS, EN_MONTHS, FR_DAYS, FR_MONTHS
from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="lematin",
    domains=("lematin.ma",),
    lang="fr",
    signatures=(
        r"^© \d+ le matin - tous droits réservés$",  # footer copyright (chosen by hand)
    ),
    line_rules=(
        # 5/5 pages, e.g. 'Températures prévues pour le mercredi 13 novembre 2024'
        drop_line(
            "date-shape",
            rf"températures prévues pour le (?:{FR_DAYS}|{EN_DAYS}) \d+ (?:{FR_MONTHS}|{EN_MONTHS}) \d+",
            kind="date",
            where="any",
            max_len=94,
        ),
        # 5/5 pages, e.g. 'Conditions générales d’utilisation'
        drop_line(
            "related-any",
            r"conditions générales d’utilisation",
            r"groupe le matin",
            kind="related",
            where="any",
            max_len=34,
        ),
        # 5/5 pages, e.g. 'Le Matin'
        drop_line(
            "nav-edge",
            r"le matin",
            kind="nav",
            where="edge",
            max_len=8,
        ),
        # 5/5 pages, e.g. 'Contact'
        drop_line(
            "furniture-tail",
            r"contact",
            kind="furniture",
            where="tail",
            max_len=7,
        ),
        # 5/5 pages, e.g. 'Dernière Heure'
        drop_line(
            "related-tail",
            r"dernière heure",
            r"qui sommes-nous",
            kind="related",
            where="tail",
            max_len=15,
        ),
    ),
)
