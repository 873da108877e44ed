"""medias24 (medias24.com): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/medias24/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template partly observed (title, two date lines 'Le ... à ..h..' / 'Modifié ...', kicker in the chapeau); the menu, promo line, WhatsApp prompt, 'Communication financière' widget and footer are assumed.

Checked by hand: every rule's examples against the gold of pages 01-05. The Yakeey promo
line printed after the article ('template-any') was added later, when `nadif learn` on
the same pages proposed it (a line that recurs on many pages no longer counts as body
prose when the learner finds the article); checked against pages 01-05's gold, where it
is boilerplate each time, and against every other case of the corpora, where it never
appears.
"""

from nadif.cleaners.dates import EN_MONTHS, FR_MONTHS
from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="medias24",
    domains=("medias24.com",),
    lang="fr",
    signatures=(
        r"^© médias24 \d+ - tous droits réservés$",  # 5/5 pages
    ),
    line_rules=(
        # 5/5 pages, e.g. 'Modifié 14 novembre 2024 à 18h05'
        drop_line(
            "date-shape",
            rf"modifié \d+ (?:{FR_MONTHS}|{EN_MONTHS}) \d+ à \d+h\d+",
            kind="date",
            where="any",
            max_len=73,
        ),
        # 4/5 pages, e.g. 'OPCVM : valeurs liquidatives hebdomadaires au 8 novembre 2024'
        drop_line(
            "date-shape-2",
            rf"opcvm : valeurs liquidatives hebdomadaires au \d+ (?:{FR_MONTHS}|{EN_MONTHS}) \d+",
            kind="date",
            where="any",
            max_len=103,
        ),
        # 4/5 pages, e.g. "Si vous voulez que l'information se rapproche de vous"
        drop_line(
            "related-any",
            r"si vous voulez que l'information se rapproche de vous",
            r"suivez la chaîne médias24 sur whatsapp",
            kind="related",
            where="any",
            max_len=53,
        ),
        # 3/5 pages, e.g. 'Vous avez un projet immobilier en vue ? Yakeey & Médias24 vous
        # aident à le concrétiser!'
        drop_line(
            "template-any",
            r"vous avez un projet immobilier en vue \? yakeey & médias24 vous aident.*",
            kind="template",
            where="any",
            max_len=100,
        ),
        # 5/5 pages, e.g. 'Médias24'
        drop_line(
            "furniture-edge",
            r"médias24",
            kind="furniture",
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
        # 5/5 pages, e.g. 'Mentions légales'
        drop_line(
            "related-tail",
            r"mentions légales",
            r"qui sommes-nous",
            r"communication financière",
            kind="related",
            where="tail",
            max_len=24,
        ),
    ),
)
