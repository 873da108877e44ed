"""The author comes from the page's byline markup or metadata, and is a person.

Not a menu link whose class mentions "authoring", not the date a byline block shows
beside the name, not the site's own name or host, and without the byline's prefix.
"""

from __future__ import annotations

from nadif import extract_html

BODY = "".join(
    f"<p>The city council approved the new cycling lanes on Tuesday after a long debate "
    f"about parking spaces in the old town, part {n} of the plan.</p>"
    for n in range(5)
)


def _page(head: str = "", header: str = "", nav: str = "") -> str:
    return (
        f"<html><head><title>New cycling lanes</title>{head}</head><body>"
        f"<nav>{nav}<a href='/'>Home</a></nav><article><h1>New cycling lanes</h1>{header}"
        f"<div class='article-body'>{BODY}</div></article></body></html>"
    )


def test_a_menu_link_is_no_author() -> None:
    page = _page(nav="<a class='item-authoring' href='/write'>Authoring</a>")
    assert extract_html(page).author is None


def test_the_date_in_a_byline_block_is_not_part_of_the_name() -> None:
    header = (
        "<div class='author'><span class='author__name'>Tereza Holá</span> "
        "<span class='author__date'>před 3 hodinami</span></div>"
    )
    assert extract_html(_page(header=header)).author == "Tereza Holá"


def test_the_sites_own_name_or_host_is_no_author() -> None:
    for meta in (
        "<meta name='author' content='tagesausblick.de'>",
        (
            "<meta name='author' content='Example News'><meta property='og:site_name' "
            "content='Example News'>"
        ),
    ):
        assert extract_html(_page(head=meta)).author is None, meta


def test_a_byline_prefix_is_taken_off() -> None:
    header = "<p class='byline'>كتب- محمد عبد الحميد</p>"
    assert extract_html(_page(header=header)).author == "محمد عبد الحميد"


def test_byline_classes_in_any_case_and_a_writer_class() -> None:
    for header in (
        "<div class='noteAuthor'><span>Jana Novak</span></div>",
        "<span class='writer-name'>كتب: محمد مجدي</span>",
    ):
        author = extract_html(_page(header=header)).author
        assert author in ("Jana Novak", "محمد مجدي"), header


def test_the_sites_name_before_the_byline_is_taken_off() -> None:
    head = "<meta property='og:site_name' content='Souss Info'>"
    header = "<span class='post-author'>Souss Info - Ibrahim Ait Ali</span>"
    assert extract_html(_page(head=head, header=header)).author == "Ibrahim Ait Ali"
