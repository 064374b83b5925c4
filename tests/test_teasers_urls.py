"""Teaser link targets: the fast split of plain links agrees with urllib's on the rest."""

from __future__ import annotations

import pytest

from scraper.extract.teasers_urls import TargetFilter, resolve, same_page_key, site_key

_PAGE = "https://www.example.com/politik/ein-artikel-ueber-etwas-123.html"


def _targets() -> TargetFilter:
    return TargetFilter(_PAGE, {same_page_key(_PAGE)}, {site_key("www.example.com")})


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "/wirtschaft/neue-zahlen-zum-handel-456.html",
            "https://www.example.com/wirtschaft/neue-zahlen-zum-handel-456.html",
        ),
        (
            "  https://example.com/a/neue-zahlen-zum-handel#top ",
            "https://example.com/a/neue-zahlen-zum-handel",
        ),
        ("https://WWW.Example.com/story?id=12345#c", "https://WWW.Example.com/story?id=12345"),
        (
            "//m.example.com/sport/das-spiel-am-abend",
            "https://m.example.com/sport/das-spiel-am-abend",
        ),
        (
            "http://www.example.com:8080/sport/das-spiel-am-abend",
            "http://www.example.com:8080/sport/das-spiel-am-abend",
        ),
        (
            "../kultur/ein-neues-buch-erscheint",
            "https://www.example.com/kultur/ein-neues-buch-erscheint",
        ),
        ("https://www.other.org/politik/ein-artikel-ueber-etwas", None),
        ("/politik/ein-artikel-ueber-etwas-123.html/", None),  # the page itself
        ("/tag/handel", None),
        ("/bilder/foto-vom-hafen-2024.jpg", None),
        ("javascript:void(0)", None),
        ("#kommentare", None),
        ("", None),
    ],
)
def test_link_target_is_the_absolute_url_of_another_article_of_the_site(
    href: str, expected: str | None
) -> None:
    assert _targets()(href) == expected


def test_script_and_mail_links_resolve_to_nothing() -> None:
    assert resolve(_PAGE, "mailto:redaktion@example.com") is None
    assert resolve(_PAGE, "/a/b?x=1#y") == "https://www.example.com/a/b?x=1"
