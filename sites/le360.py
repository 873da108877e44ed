"""le360 (le360.ma): site module learned by `nadif learn` from 5 dumps.

Learned from pages 01-05 of corpus/sites/le360/ (reconstructed dumps; pages 06-08
are held back for bench/bench_templates.py). Template partly observed (fr.le360.ma: caption under the title, chapeau, 'Par <author>', 'Le dd/mm/yyyy à HHhMM', inline 'Lire aussi', glued tag line); the header menu, 'Les plus lus' and footer are assumed.

Checked by hand: every rule and its examples against the gold of pages 01-05, and the fixture (tests/sites/le360/) against its gold.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="le360",
    domains=("le360.ma",),
    lang="fr",
    signatures=(
        r"^© le360 \d+ - tous droits réservés$",  # 5/5 pages
    ),
    line_rules=(
        # 5/5 pages, e.g. 'Contact'
        drop_line(
            "related-tail",
            r"contact",
            r"faq",
            r"mentions légales",
            r"qui sommes-nous",
            kind="related",
            where="tail",
            max_len=16,
        ),
    ),
)
