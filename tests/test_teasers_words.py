"""Block labels that say "related" or "most read", found in any language and position."""

from __future__ import annotations

import pytest

from scraper.extract.teasers_words import (
    RELATED_LABELS,
    UNRELATED_LABELS,
    fold,
    is_related_label,
    is_unrelated_label,
    starts_with_related_label,
)

_TEXTS = [
    "Related",
    "Mehr zum Thema",
    "Das könnte Sie auch interessieren:",
    "TIN LIÊN QUAN",
    "関連記事",
    "Most read this week",
    "Lo más visto",
    "Weather in Hanoi",
    "more information",
    "Read more: the council's answer",
    "Auch interessant für Sie",
    "",
    "x",
]


@pytest.mark.parametrize("text", _TEXTS + [w.upper() for w in RELATED_LABELS + UNRELATED_LABELS])
def test_labels_are_found_exactly_where_a_plain_substring_test_finds_them(text: str) -> None:
    folded = fold(text)
    assert is_related_label(text) == any(w in folded + " " for w in RELATED_LABELS)
    assert is_unrelated_label(text) == any(w in folded for w in UNRELATED_LABELS)
    start = folded[:40] + " "
    assert starts_with_related_label(text) == any(start.startswith(w) for w in RELATED_LABELS)


def test_a_related_heading_is_related_and_a_ranking_is_not() -> None:
    assert is_related_label("Lesen Sie auch")
    assert not is_related_label("Weather in Hanoi")
    assert is_unrelated_label("Meistgelesen")
    assert starts_with_related_label("Xem thêm: Bình Dương mở rộng đường")
    assert not starts_with_related_label("The council said more in a statement")
