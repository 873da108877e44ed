"""Platform profiles: boilerplate of a CMS or theme, shared by every site built on it.

Their HTML pruning applies to a site that names the platform, and to any page whose
markup shows the platform's markers (`scraper.extract` checks them). Line-level
boilerplate of these platforms (the WordPress comment form, tagDiv placeholders, the
social-icons strip of Arabic Blogger templates) is generic enough to live in the
generic rules, so these profiles hold mostly XPath.

The XPath are written for speed (issue 11): `/descendant::` steps rather than `//`, and a
plain substring test on @class before each class-token test; they select exactly what the
plain forms kept in tests/test_platform_xpath_speed.py select.
"""

from __future__ import annotations

from typing import Final

from ._site import Platform

__all__ = ["BLOGGER", "PLATFORMS", "TAGDIV_NEWSPAPER", "WORDPRESS"]

WORDPRESS: Final = Platform(
    name="wordpress",
    markers=(
        '/descendant::meta[@name="generator"][starts-with(@content, "WordPress")]',
        '/descendant::link[contains(@href, "/wp-content/")]',
        '/descendant::script[contains(@src, "/wp-includes/")]',
    ),
    drop_xpath=(
        '/descendant::*[@id="comments"]',
        '/descendant::*[@id="respond"]',
        '/descendant::*[contains(@class, "comment-respond")][contains(concat(" ", normalize-space(@class), " "), " comment-respond ")]',
        '/descendant::*[contains(@class, "sharedaddy")][contains(concat(" ", normalize-space(@class), " "), " sharedaddy ")]',
        '/descendant::*[@id="jp-relatedposts"]',
        '/descendant::*[contains(@class, "post-navigation")][contains(concat(" ", normalize-space(@class), " "), " post-navigation ")]',
        '/descendant::*[contains(@class, "wp-block-latest-posts")][contains(concat(" ", normalize-space(@class), " "), " wp-block-latest-posts ")]',
    ),
)

TAGDIV_NEWSPAPER: Final = Platform(
    name="tagdiv-newspaper",
    markers=(
        '/descendant::link[contains(@href, "/themes/Newspaper")]',
        '/descendant::div[contains(@class, "td-post-content") or contains(@class, "tdb_single_content")]',
    ),
    drop_xpath=(
        '/descendant::*[contains(@class, "td-post-sharing")]',
        '/descendant::*[contains(@class, "td_block_related_posts")]',
        '/descendant::*[contains(@class, "td-related-")]',
        '/descendant::*[contains(@class, "td-post-source-tags")]',
        '/descendant::*[contains(@class, "td-post-next-prev")]',
        '/descendant::*[contains(@class, "td-author-by")]',
        '/descendant::*[contains(@class, "td-a-rec")]',
        '/descendant::*[contains(@class, "tdb_single_related")]',
    ),
)

BLOGGER: Final = Platform(
    name="blogger",
    markers=(
        '/descendant::meta[@name="generator"][@content="blogger"]',
        '/descendant::link[contains(@href, "blogger.com")]',
        '/descendant::div[contains(@class, "post-body")][contains(@class, "entry-content") or contains(@class, "post-content")]',
    ),
    drop_xpath=(
        '/descendant::*[@id="comments"]',
        '/descendant::*[contains(@class, "post-footer")]',
        '/descendant::*[contains(@class, "blog-pager")]',
        '/descendant::*[contains(@class, "share-box")]',
        '/descendant::*[contains(@class, "related-posts")]',
        '/descendant::*[contains(@class, "PopularPosts")]',
    ),
)

PLATFORMS: Final = (WORDPRESS, TAGDIV_NEWSPAPER, BLOGGER)
