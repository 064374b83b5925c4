"""The markup words that mark page chrome, judged fast and the same as written."""

from __future__ import annotations

import re

import pytest

from scraper.extract.body_rules import (
    _CHROME,
    _CHROME_WORDS,
    _GATE_WORDS,
    _PROMO_TAIL_WORDS,
    _RELATED_ANYWHERE_WORDS,
    GATE_LINE,
    PROMO_TAIL,
    RELATED_ANYWHERE,
    classify_markup,
)
from scraper.extract.patterns import grouped, word_start

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
    pattern = word_start(r"(?:ad|ads)(?![a-z])|advert|tags?-?list", after=r"\b")
    assert pattern.search("top-ads")
    assert pattern.search("advertising") is None  # "advert" then no word end
    assert pattern.search("tagslist")
    assert pattern.search("read") is None


def test_alternatives_not_starting_with_a_letter_are_kept_as_written() -> None:
    pattern = grouped(r"lesezeit|^\d+\s*min\.?$|(?:ab)?cd", re.IGNORECASE)
    assert pattern.search("3 min")
    assert pattern.search("Lesezeit: 3 Minuten")
    assert pattern.search("xcd") and pattern.search("abcd")
    assert pattern.search("Lesen") is None


_LINES = [
    "Dieser Artikel ist nur für Abonnenten",
    "Ce contenu est réservé aux abonnés",
    "Il vous reste 57% de cet article à lire",
    "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden.",
    "Externe Inhalte von YouTube",
    "Please accept all cookies to see this",
    "Subscribe to our newsletter",
    "Folgen Sie uns auf Telegram",
    "All rights reserved",
    "Lesezeit: 4 Minuten",
    "5 min",
    "Das könnte Sie auch interessieren",
    "The council met on Monday and voted for the new road.",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "source"),
    [
        (GATE_LINE, _GATE_WORDS),
        (PROMO_TAIL, _PROMO_TAIL_WORDS),
        (RELATED_ANYWHERE, _RELATED_ANYWHERE_WORDS),
    ],
)
def test_regrouped_line_patterns_find_what_the_plain_pattern_finds(
    pattern: re.Pattern[str], source: str
) -> None:
    plain = re.compile(source, pattern.flags)
    for line in _LINES + [line.upper() for line in _LINES]:
        assert bool(pattern.search(line)) == bool(plain.search(line)), line


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
        # BEM spelling; a paywall container word on it names the story's wrapper.
        ("entry__content steady-paywall-container", (0, True, False)),
        ("single-post__content has-global-padding", (0, False, False)),
        ("article-lead", (0, False, True)),
        ("row col-md-8", (0, False, False)),
    ],
)
def test_class_words_say_chrome_content_or_intro(
    classes: str, expected: tuple[int, bool, bool]
) -> None:
    assert classify_markup({"class": classes}) == expected
