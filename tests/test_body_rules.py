"""The markup words that mark page chrome, judged fast and the same as written."""

from __future__ import annotations

import re

import pytest

from scraper.extract.body_rules import (
    _CHROME,
    _CHROME_WORDS,
    _word_start,
    classify_markup,
)

# Words of real pages around the chrome vocabulary: prefixes, suffixes, humps, digits.
_WORDS = [
    "comment",
    "comments-area",
    "commentary",
    "has-comments",
    "comment-count",
    "post-comments",
    "share",
    "sharing-tools",
    "shareholder",
    "adv",
    "ad",
    "ad-slot",
    "address",
    "ads",
    "adsense",
    "add-to-cart",
    "tags",
    "tag-list",
    "tagline",
    "image-credit",
    "imgsource",
    "photo-caption",
    "photography",
    "toc",
    "toc_widget",
    "tocx",
    "ez-toc-container",
    "sr-only",
    "cta",
    "ctas",
    "video-player",
    "mediaplayer",
    "navbar",
    "nav",
    "navigate",
    "date",
    "dateline",
    "dates",
    "time",
    "timeline",
    "author-box",
    "authors",
    "footer",
    "footnote",
    "more-stories",
    "morestories",
    "read-more",
    "readmore",
    "row",
    "container",
    "col-md-8",
    "menu-item-5004",
    "post-12345",
    "kKISnl",
]


def test_regrouped_chrome_words_match_exactly_what_the_plain_list_matches() -> None:
    plain = re.compile(rf"(?<![a-z0-9])(?:{_CHROME_WORDS})")
    for word in _WORDS:
        for text in (word, f"x-{word}", f"{word}-x", f"x{word}", f"{word}1"):
            assert bool(_CHROME.search(text)) == bool(plain.search(text)), text


def test_leading_groups_are_spelt_out_before_regrouping() -> None:
    pattern = _word_start(r"(?:ad|ads)(?![a-z])|advert|tags?-?list", after=r"\b")
    assert pattern.search("top-ads")
    assert pattern.search("advertising") is None  # "advert" then no word end
    assert pattern.search("tagslist")
    assert pattern.search("read") is None


def test_unsupported_alternative_is_refused_rather_than_silently_changed() -> None:
    with pytest.raises(ValueError):
        _word_start(r"comment|\d+")


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        ("comments-area", (2, False, False)),
        ("has-comments", (1, False, False)),
        ("SocialShareBar", (1, False, False)),
        ("elementor-widget-sidebar", (1, False, False)),
        ("elementor-widget-text-editor", (0, False, False)),
        ("tag-banken", (0, False, False)),
        ("entry-content widget", (0, True, False)),
        ("article-lead", (0, False, True)),
        ("row col-md-8", (0, False, False)),
    ],
)
def test_class_words_say_chrome_content_or_intro(
    classes: str, expected: tuple[int, bool, bool]
) -> None:
    assert classify_markup({"class": classes}) == expected
