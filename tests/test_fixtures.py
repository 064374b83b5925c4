"""Golden pages: realistic article pages and the record a reader of each page expects.

Each ``fixtures/pages/NAME.html`` has ``NAME.json`` beside it: the page URL, a
one-line ``about`` saying what the page tests, optionally a bundled profile,
the HTTP ``content_type`` and ``fetched_at``, and the expected fields. Only
the keys present in ``expect`` are checked; a null means the record must have
none. One test per page and field (id ``<page>-<field>``), so a failure names
the page and the behaviour.

Dates: an expected ISO value with an offset is compared as an instant; one
without an offset (the page shows no zone and no profile gives one) by its
wall-clock reading; a bare day (``2024-03-05``) by the day shown. The body is
what a reader reads as the story: the standfirst/lead and subheadings count as
paragraphs (as in fundus); captions, credits, bylines and page chrome do not.
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from scraper import Article, extract, load_profiles

PAGES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SPEC_PATHS = sorted(PAGES_DIR.glob("*.json"))
MIN_PAGES = 30

TEXT_FIELDS = ("headline", "section", "source", "summary", "lang", "canonical_url", "top_image")
DATE_FIELDS = ("published_at", "modified_at")
LIST_FIELDS = ("authors", "tags")
BODY_FIELDS = ("body_contains", "body_excludes", "body_paragraph_count")
KNOWN_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, *LIST_FIELDS, *BODY_FIELDS, "teasers")
TOP_KEYS = {"url", "about", "profile", "content_type", "fetched_at", "expect"}


def _squash(text: str) -> str:
    return " ".join(text.split())


def _norm(text: str | None) -> str | None:
    return _squash(text) if text is not None else None


@functools.cache
def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAGES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def _profiles() -> dict[str, Any]:
    return {p.name: p for p in load_profiles()}


@functools.cache
def _record(name: str) -> Article:
    """Extract each page once for all its field tests."""
    spec = _spec(name)
    fetched_at = spec.get("fetched_at")
    profile_name = spec.get("profile")
    return extract(
        (PAGES_DIR / f"{name}.html").read_bytes(),
        spec["url"],
        profile=_profiles()[profile_name] if profile_name else None,
        fetched_at=datetime.fromisoformat(fetched_at) if fetched_at else None,
        content_type=spec.get("content_type"),
    )


def _cases() -> list[Any]:
    cases = []
    for path in SPEC_PATHS:
        try:
            expect = json.loads(path.read_text(encoding="utf-8")).get("expect", {})
        except (ValueError, AttributeError):
            continue  # reported by test_fixture_specs_are_valid
        for field in expect:
            cases.append(pytest.param(path.stem, field, id=f"{path.stem}-{field}"))
    return cases


def test_there_are_enough_golden_pages() -> None:
    assert len(SPEC_PATHS) >= MIN_PAGES, f"only {len(SPEC_PATHS)} golden pages"


@pytest.mark.parametrize("path", SPEC_PATHS, ids=[p.stem for p in SPEC_PATHS])
def test_fixture_specs_are_valid(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(spec, dict)
    assert set(spec) <= TOP_KEYS, f"unknown keys {set(spec) - TOP_KEYS}"
    assert path.with_suffix(".html").is_file(), "no page beside the expected record"
    assert spec.get("url", "").startswith(("http://", "https://"))
    assert isinstance(spec.get("about"), str) and spec["about"].strip()
    if "profile" in spec:
        assert spec["profile"] in _profiles(), f"no bundled profile {spec['profile']!r}"
    if "fetched_at" in spec:
        assert datetime.fromisoformat(spec["fetched_at"]).tzinfo is not None
    if "content_type" in spec:
        assert "charset=" in spec["content_type"]
    expect = spec.get("expect")
    assert isinstance(expect, dict) and expect, "nothing expected"
    assert set(expect) <= set(KNOWN_FIELDS), f"unknown fields {set(expect) - set(KNOWN_FIELDS)}"
    for field in DATE_FIELDS:
        if expect.get(field) is not None:
            datetime.fromisoformat(expect[field])
    for teaser in expect.get("teasers", []):
        assert set(teaser) == {"title", "url", "summary", "image"}


def _check_date(expected: str | None, actual: datetime | None, about: str) -> None:
    if expected is None:
        assert actual is None, f"{about}: expected no date, got {actual}"
        return
    assert actual is not None, f"{about}: expected {expected}, got none"
    if len(expected) == 10:
        assert actual.date() == date.fromisoformat(expected), f"{about}: got {actual}"
        return
    want = datetime.fromisoformat(expected)
    if want.tzinfo is None:
        got = actual.replace(tzinfo=None)
        assert got == want, f"{about}: expected wall clock {want}, got {actual}"
    else:
        assert actual.tzinfo is not None, f"{about}: expected {want}, got naive {actual}"
        assert actual == want, f"{about}: expected {want.isoformat()}, got {actual.isoformat()}"


@pytest.mark.parametrize(("page", "field"), _cases())
def test_golden_page_field(page: str, field: str) -> None:
    spec = _spec(page)
    about = f"{page}: {spec['about']}"
    expected = spec["expect"][field]
    record = _record(page)
    if field in TEXT_FIELDS:
        assert _norm(getattr(record, field)) == _norm(expected), about
    elif field in DATE_FIELDS:
        _check_date(expected, getattr(record, field), about)
    elif field in LIST_FIELDS:
        assert [_norm(v) for v in getattr(record, field)] == [_norm(v) for v in expected], about
    elif field == "body_contains":
        body = _squash(record.body_text)
        missing = [s for s in expected if _squash(s) not in body]
        assert not missing, f"{about}: body lacks {missing}"
    elif field == "body_excludes":
        body = _squash(record.body_text)
        present = [s for s in expected if _squash(s) in body]
        assert not present, f"{about}: body holds page chrome {present}"
    elif field == "body_paragraph_count":
        count = len(record.body_paragraphs)
        assert count == expected, f"{about}: {count} paragraphs, expected {expected}"
    elif field == "teasers":
        assert [t.to_dict() for t in record.teasers] == expected, about
    else:
        pytest.fail(f"{about}: unknown field {field!r}")
