"""Platform profiles: boilerplate of a CMS or theme, shared by every site built on it.

Their HTML pruning applies to a site that names the platform, and to any page whose
markup shows the platform's markers (`scraper.extract` checks them). Line-level
boilerplate of these platforms (the WordPress comment form, tagDiv placeholders, the
social-icons strip of Arabic Blogger templates) is generic enough to live in the
generic rules, so these profiles hold mostly XPath.
"""

from __future__ import annotations

from typing import Final

from ._site import Platform

__all__ = ["BLOGGER", "PLATFORMS", "TAGDIV_NEWSPAPER", "WORDPRESS"]

WORDPRESS: Final = Platform(
    name="wordpress",
    markers=(
        '//meta[@name="generator"][starts-with(@content, "WordPress")]',
        '//link[contains(@href, "/wp-content/")]',
        '//script[contains(@src, "/wp-includes/")]',
    ),
    drop_xpath=(
        '//*[@id="comments"]',
        '//*[@id="respond"]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " comment-respond ")]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " sharedaddy ")]',
        '//*[@id="jp-relatedposts"]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " post-navigation ")]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " wp-block-latest-posts ")]',
    ),
)

TAGDIV_NEWSPAPER: Final = Platform(
    name="tagdiv-newspaper",
    markers=(
        '//link[contains(@href, "/themes/Newspaper")]',
        '//div[contains(@class, "td-post-content") or contains(@class, "tdb_single_content")]',
    ),
    drop_xpath=(
        '//*[contains(@class, "td-post-sharing")]',
        '//*[contains(@class, "td_block_related_posts")]',
        '//*[contains(@class, "td-related-")]',
        '//*[contains(@class, "td-post-source-tags")]',
        '//*[contains(@class, "td-post-next-prev")]',
        '//*[contains(@class, "td-author-by")]',
        '//*[contains(@class, "td-a-rec")]',
        '//*[contains(@class, "tdb_single_related")]',
    ),
)

BLOGGER: Final = Platform(
    name="blogger",
    markers=(
        '//meta[@name="generator"][@content="blogger"]',
        '//link[contains(@href, "blogger.com")]',
        '//div[contains(@class, "post-body")][contains(@class, "entry-content") or contains(@class, "post-content")]',
    ),
    drop_xpath=(
        '//*[@id="comments"]',
        '//*[contains(@class, "post-footer")]',
        '//*[contains(@class, "blog-pager")]',
        '//*[contains(@class, "share-box")]',
        '//*[contains(@class, "related-posts")]',
        '//*[contains(@class, "PopularPosts")]',
    ),
)

PLATFORMS: Final = (WORDPRESS, TAGDIV_NEWSPAPER, BLOGGER)
