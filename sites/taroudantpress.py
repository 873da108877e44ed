"""Taroudant Press (تارودانت بريس), regional news from Taroudant, on an Arabic Blogger template.

Template: a radio link and the masthead above a "hot news" ticker, the headline printed
several times (post title, breadcrumb, in-post heading), and the template's social-icons
strip at the bottom.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._platforms import BLOGGER
from nadif.sites._site import Site

SITE = Site(
    name="taroudantpress",
    domains=("taroudantpress.com", "taroudantpress.blogspot.com"),
    lang="ar",
    platform=BLOGGER,
    signatures=(
        r"^تارودانت ?بريس$",  # the masthead line
        r"^استمع الى راديو .{0,60}$",  # the header's radio link
    ),
    line_rules=(
        drop_line("masthead", r"تارودانت ?بريس", kind="nav", where="head", max_len=40),
        drop_line(
            "radio-link",
            r"(استمع|إستمع) (الى|إلى) (راديو|الراديو).{0,60}",
            kind="nav",
            where="head",
        ),
    ),
)
