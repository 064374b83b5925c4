"""The date stage's cheap paths give exactly what the slow ones would.

dateparser costs about a millisecond a call; machine timestamps and the plain
"19. Oktober 2019" / "October 19, 2019" forms are read without it, and a page
reads each distinct text once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from scraper.extract import dates_page, dates_parse
from scraper.extract.dates_parse import ParseContext, find_in_text, parse_date, parse_structured

PLAIN = {
    "de": ("19. Oktober 2019", "3. Mai 2024", "30 Aug 2023", "1. Jänner 2020", "9. März 2021"),
    "en": ("October 19, 2019", "May 04 2022", "6 January 2020", "Sept 3, 2020", "31 Dec 2019"),
    "fr": ("5 mars 2024", "1 août 2022", "12 févr 2021", "juin 3, 2020"),
    "es": ("4 mayo 2022", "21 abril 2022", "Setiembre 9, 2019"),
    "pl": ("5 maja 2021", "12 stycznia 2020"),
}


def _no_dateparser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def refuse(span: str, ctx: ParseContext, *, absolute: bool) -> datetime | None:
        asked.append(span)
        return None

    monkeypatch.setattr(dates_parse, "_dateparser", refuse)
    return asked


@pytest.mark.parametrize("lang", sorted(PLAIN))
def test_plain_month_name_dates_read_as_dateparser_reads_them(lang: str) -> None:
    for span in PLAIN[lang]:
        ctx = ParseContext((lang,))
        fast = dates_parse._named_day(span, ctx)
        assert fast is not None, span
        assert fast == dates_parse._dateparser(span, ctx, absolute=True), span


def test_plain_month_name_dates_need_no_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _no_dateparser(monkeypatch)
    value = parse_date("Veröffentlicht am 19. Oktober 2019", languages=["de"])
    assert value is not None and value.date().isoformat() == "2019-10-19"
    assert asked == []


WITH_TIME = {
    "de": ("3. Mai 2024, 17:47", "13. Mai 2026 um 15:44", "24. Juli 2017 - 18:55"),
    "en": ("October 23, 2025 5:50 pm", "November 8, 2023 at 11:30 p.m.", "30 Aug 2023 09:05"),
    "es": ("2 diciembre 2024 - 02:24", "21 abril 2022 04:45"),
    "fr": ("15 mai 2019 à 06h00",),
    "it": ("4 febbraio 2025 - 14:41",),
}


@pytest.mark.parametrize("lang", sorted(WITH_TIME))
def test_month_name_dates_with_a_clock_read_as_dateparser_reads_them(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = ParseContext((lang,))
    expected = {span: dates_parse._dateparser(span, ctx, absolute=True) for span in WITH_TIME[lang]}
    asked = _no_dateparser(monkeypatch)
    for span, value in expected.items():
        assert value is not None, span
        assert find_in_text(span, ctx) == (value, 0), span
    assert asked == []


def test_machine_timestamps_never_reach_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _no_dateparser(monkeypatch)
    ctx = ParseContext(())  # no language: dateparser would be at its slowest
    for raw in ("2024-05-03T10:00:00+02:00", "2024-05-03", "20240503T100000Z", "1714723200"):
        assert parse_structured(raw, ctx) is not None, raw
    assert parse_date("2024-05-03T10:00:00+02:00") is not None
    assert asked == []


def test_a_month_word_of_another_language_is_left_to_dateparser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "mai" is no English month: dateparser, not the plain reader, decides.
    asked = _no_dateparser(monkeypatch)
    assert parse_date("09. mai 2024", languages=["en"]) is None
    assert asked == ["09. mai 2024"]


def test_impossible_plain_day_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _no_dateparser(monkeypatch)
    assert parse_date("31. Februar 2024", languages=["de"]) is None
    assert asked == ["31. Februar 2024"]


def test_a_page_reads_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = dates_parse._dateparser

    def counting(span: str, ctx: ParseContext, **kwargs: Any) -> datetime | None:
        calls.append(span)
        return real(span, ctx, **kwargs)

    monkeypatch.setattr(dates_parse, "_dateparser", counting)
    ctx = ParseContext(("de",))
    text = "Erschienen am 3. Mai, 2024 um 14:20 Uhr"  # (the comma: not a plain form)
    first = find_in_text(text, ctx)
    assert first is not None and first[0] == datetime(2024, 5, 3, 14, 20)
    assert find_in_text(text, ctx) == first
    assert len(calls) == 1
    find_in_text(text, ParseContext(("de",)))  # another page: read afresh
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("names", "chrome"),
    [
        ("entry-meta related-posts ", True),
        ("post\tcomments-area main", True),
        ("layout-sidebar col-8 ", False),
        ("has-sidebar main-sidebar", True),
        ("article-header  headline", False),
        ("", False),
    ],
)
def test_chrome_class_names_are_read_word_by_word_as_a_whole(names: str, chrome: bool) -> None:
    assert dates_page._chrome_names(names) is chrome
    assert (dates_page._CHROME.search(names) is not None) is chrome
