"""The platform profiles' XPath (sites/_platforms.py) are written for speed (issue 11: the
HTML path's speed floor): `/descendant::` steps instead of `//`, and a plain substring test
on @class before each class-token test. They must select exactly what the expressions as
first written select, one by one and as a sequence of cuts. Every page here is written for
the test; the old expressions are kept here as the reference.
"""

from __future__ import annotations

import copy
import itertools

import lxml.html
from lxml.etree import XPath
from lxml.html import HtmlElement

from nadif.scraper.extraction._html_rules import prune
from nadif.sites import BLOGGER, TAGDIV_NEWSPAPER, WORDPRESS


def _token(name: str) -> str:
    return f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'


# the expressions as first written, in the order of the profiles
OLD_DROP = {
    "wordpress": (
        '//*[@id="comments"]',
        '//*[@id="respond"]',
        _token("comment-respond"),
        _token("sharedaddy"),
        '//*[@id="jp-relatedposts"]',
        _token("post-navigation"),
        _token("wp-block-latest-posts"),
    ),
    "tagdiv-newspaper": (
        '//*[contains(@class, "td-post-sharing")]',
        '//*[contains(@class, "td_block_related_posts")]',
        '//*[contains(@class, "td-related-")]',
        '//*[contains(@class, "td-post-source-tags")]',
        '//*[contains(@class, "td-post-next-prev")]',
        '//*[contains(@class, "td-author-by")]',
        '//*[contains(@class, "td-a-rec")]',
        '//*[contains(@class, "tdb_single_related")]',
    ),
    "blogger": (
        '//*[@id="comments"]',
        '//*[contains(@class, "post-footer")]',
        '//*[contains(@class, "blog-pager")]',
        '//*[contains(@class, "share-box")]',
        '//*[contains(@class, "related-posts")]',
        '//*[contains(@class, "PopularPosts")]',
    ),
}
OLD_MARKERS = {
    "wordpress": (
        '//meta[@name="generator"][starts-with(@content, "WordPress")]',
        '//link[contains(@href, "/wp-content/")]',
        '//script[contains(@src, "/wp-includes/")]',
    ),
    "tagdiv-newspaper": (
        '//link[contains(@href, "/themes/Newspaper")]',
        '//div[contains(@class, "td-post-content") or contains(@class, "tdb_single_content")]',
    ),
    "blogger": (
        '//meta[@name="generator"][@content="blogger"]',
        '//link[contains(@href, "blogger.com")]',
        '//div[contains(@class, "post-body")][contains(@class, "entry-content") or contains(@class, "post-content")]',
    ),
}
PLATFORMS = (WORDPRESS, TAGDIV_NEWSPAPER, BLOGGER)

KEYWORDS = (
    "comments",
    "respond",
    "comment-respond",
    "sharedaddy",
    "jp-relatedposts",
    "post-navigation",
    "wp-block-latest-posts",
    "td-post-sharing",
    "td_block_related_posts",
    "td-related-",
    "td-post-source-tags",
    "td-post-next-prev",
    "td-author-by",
    "td-a-rec",
    "tdb_single_related",
    "post-footer",
    "blog-pager",
    "share-box",
    "related-posts",
    "PopularPosts",
    "post-body",
    "td-post-content",
    "tdb_single_content",
    "entry-content",
    "post-content",
)


def _values(keyword: str) -> tuple[str, ...]:
    """The keyword alone, in other letter cases, as a token among others (spaces, tabs,
    newlines), glued to other letters (a substring but not a token), and cut short."""
    return (
        keyword,
        keyword.upper(),
        keyword.lower(),
        keyword.capitalize(),
        f"a {keyword} b",
        f"\t{keyword}\n",
        f"  {keyword}  x",
        f"x{keyword}",
        f"{keyword}-x",
        f"x-{keyword} y",
        keyword[:-1],
        keyword.replace("-", " "),
    )


TAGS = ("div", "section", "aside", "ul", "span", "p", "nav", "footer")


def grid_page() -> str:
    """Every value as a class, as an id, and both, on each tag; nested in a block that
    holds the same value and in one that does not; plus the markers' own tags."""
    blocks = []
    values = [value for keyword in KEYWORDS for value in _values(keyword)] + ["", "other"]
    for tag, value in itertools.product(TAGS, values):
        blocks.append(f"<{tag} class='{value}'><p>x</p></{tag}>")
        blocks.append(f"<{tag} id='{value}'><p>x</p></{tag}>")
        blocks.append(f"<{tag} id='{value}' class='{value}'><p>x</p></{tag}>")
        blocks.append(f"<div class='{value}'><{tag} class='{value}'><b>x</b></{tag}></div>")
        blocks.append(f"<div id='{value}'><div><{tag} id='{value}'>x</{tag}></div></div>")
        blocks.append(f"<div class='outer'><{tag} class='wrap {value}'>x</{tag}></div>")
    head = []
    for content in ("WordPress 6.4", "wordpress", "WordPress", "blogger", "Blogger", "x"):
        for name in ("generator", "Generator", "description"):
            head.append(f"<meta name='{name}' content='{content}'>")
    for href in ("/wp-content/a.css", "/WP-CONTENT/a.css", "/themes/Newspaper/x.css",
                 "https://www.blogger.com/x", "/themes/newspaper/x.css", "/x.css"):  # fmt: skip
        head.append(f"<link rel='stylesheet' href='{href}'>")
        head.append(f"<script src='{href.replace('wp-content', 'wp-includes')}'></script>")
    divs = ("post-body entry-content", "post-body post-content", "post-body", "entry-content")
    body_markers = [f"<div class='{value}'>x</div>" for value in divs]
    return (
        "<html><head>" + "".join(head) + "</head><body>" + "".join(head) + "".join(body_markers)
        + "".join(blocks) + "</body></html>"
    )  # fmt: skip


def _tree() -> HtmlElement:
    return lxml.html.fromstring(grid_page())


def test_each_fast_drop_expression_selects_what_the_old_one_selects() -> None:
    tree = _tree()
    for platform in PLATFORMS:
        old = OLD_DROP[platform.name]
        assert len(platform.drop_xpath) == len(old), f"{platform.name}: one new per old"
        for fast, plain in zip(platform.drop_xpath, old, strict=True):
            chosen, expected = XPath(fast)(tree), XPath(plain)(tree)
            assert expected, f"the grid holds blocks that {plain} selects"
            assert chosen == expected, f"{fast}: same elements, in document order"


def test_each_fast_marker_selects_what_the_old_one_selects() -> None:
    tree = _tree()
    for platform in PLATFORMS:
        old = OLD_MARKERS[platform.name]
        assert len(platform.markers) == len(old), f"{platform.name}: one new per old"
        for fast, plain in zip(platform.markers, old, strict=True):
            chosen, expected = XPath(fast)(tree), XPath(plain)(tree)
            assert expected, f"the grid holds elements that {plain} selects"
            assert chosen == expected, f"{fast}: same elements, in document order"


def _cuts(tree: HtmlElement, expressions: tuple[str, ...]) -> list[tuple[int, str]]:
    """The cuts that prune makes in turn, each named by its rule index and its markup."""
    done = prune(tree, [XPath(expression) for expression in expressions])
    return [(index, lxml.html.tostring(element, encoding="unicode")) for index, element in done]


def test_the_fast_drop_expressions_cut_what_the_old_ones_cut_in_turn() -> None:
    tree = _tree()
    for platform in PLATFORMS:
        fast_tree, plain_tree = copy.deepcopy(tree), copy.deepcopy(tree)
        expected = _cuts(plain_tree, OLD_DROP[platform.name])
        assert expected, f"{platform.name}: the grid holds blocks to cut"
        assert _cuts(fast_tree, platform.drop_xpath) == expected, platform.name
        assert lxml.html.tostring(fast_tree) == lxml.html.tostring(plain_tree), "same page left"
