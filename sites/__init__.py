"""Site modules: one per news site, plus shared platform profiles.

from nadif.sites import all_sites, site_for_url, site_for_text, get_site
"""

from ._platforms import BLOGGER, PLATFORMS, TAGDIV_NEWSPAPER, WORDPRESS
from ._registry import all_sites, get_site, signature_scores, site_for_text, site_for_url
from ._site import Platform, Site

__all__ = [
    "BLOGGER",
    "PLATFORMS",
    "TAGDIV_NEWSPAPER",
    "WORDPRESS",
    "Platform",
    "Site",
    "all_sites",
    "get_site",
    "signature_scores",
    "site_for_text",
    "site_for_url",
]
