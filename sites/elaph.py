"""Elaph (إيلاف), London-based Arabic daily: elaph.com.

Template: a "last update" label above the headline, share counters under the standfirst,
a "related topics" widget, then the comment block (count, the site's disclaimer, the
posting terms) and the section link ("في أخبار", "في اقتصاد") at the very end.
"""

from nadif.cleaners.rules import drop_line
from nadif.sites._site import Site

SITE = Site(
    name="elaph",
    domains=("elaph.com",),
    lang="ar",
    signatures=(
        r"^إيلاف من \S+",  # dateline formula opening every story: "إيلاف من الرباط"
        r"لا تعبر بالضرورة عن رأي إيلاف",  # the comment disclaimer names the site
    ),
    line_rules=(
        # the section link printed after the comment block: "في" + a section name
        drop_line("section-link", r"في \S+( \S+)?", kind="nav", where="tail", max_len=40),
    ),
)
