"""Dates kept only in a page's script data (shops, single-page apps)."""

from __future__ import annotations

from datetime import date

from scraper import extract
from scraper.models import HEURISTIC

URL = "https://reviews.example.co.uk/reviews/581cf1892ae760087cadbf17"


def _page(scripts: str, *, date_line: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head><title>Review</title>{scripts}</head>
<body><main><h1>Fast delivery, friendly staff</h1>{date_line}<div class="review-body">
<p>The parcel arrived a day early and the staff answered every question on the phone
within minutes. I will order here again and recommend the shop to friends.</p>
<p>Only the packaging could have been smaller.</p></div></main></body></html>"""


def test_publication_key_in_page_data_dates_a_page_with_nothing_else() -> None:
    html = _page(
        '<script type="application/json" data-initial-state="review-dates">'
        '{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-04T20:39:47Z"}</script>'
    )
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2016, 11, 4)
    assert article.provenance["published_at"] == HEURISTIC


def test_script_data_naming_several_days_is_not_trusted() -> None:
    html = _page(
        "<script>window.state = {items: ["
        "{published_at: '2019-03-02T06:22:28+01:00'}, {published_at: '2019-02-11T08:00:00+01:00'}"
        "]};</script>"
    )
    assert extract(html, URL).published_at is None


def test_script_data_never_overrides_the_date_line() -> None:
    html = _page(
        '<script>var dataLayer = [{"publishDate": "2016-12-01"}];</script>',
        date_line='<p class="date">4 November 2016</p>',
    )
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2016, 11, 4)


def test_unrelated_keys_in_script_data_are_not_dates() -> None:
    html = _page(
        '<script>var s = {"unpublishedDate": "2016-11-04", "lastLogin": "2016-11-05"};</script>'
    )
    assert extract(html, URL).published_at is None
