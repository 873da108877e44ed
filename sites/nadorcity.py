"""Nador City (ناظور سيتي), regional news from Nador: nadorcity.com.

Template: stories open with a source byline that names the site ("ناظور سيتي: متابعة",
"ناظورسيتي: <reporter>"); the headline is outside the text that dumps keep; stored pages
print the article body twice.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="nadorcity",
    domains=("nadorcity.com",),
    lang="ar",
    signatures=(r"^ناظور ?سيتي\s*[:|-]",),
    repeated_body=True,
    line_rules=(
        drop_line(
            "source-byline",
            r"ناظور ?سيتي\s*[:|-]\s*[^.!؟]{1,40}",
            kind="byline",
            where="head",
            max_len=60,
        ),
    ),
)
