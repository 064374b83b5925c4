"""Structured dates on pages that carry no article object."""

from __future__ import annotations

from datetime import UTC, date, datetime

from scraper import extract
from scraper.extract.dates import parse_date
from scraper.models import JSON_LD

URL = "https://think.example.org/about-us/"


def _page(*objects: str) -> str:
    scripts = "".join(f'<script type="application/ld+json">{o}</script>' for o in objects)
    return f"""<!doctype html><html lang="en"><head><title>About us</title>{scripts}</head>
<body><main><h1>About us</h1><div class="entry"><p>We are a think tank working on the
future of cities, with members in twelve countries and a small office by the harbour.</p>
<p>Our work rests on two pillars: research and public events.</p></div></main></body></html>"""


def test_webpage_node_of_this_url_dates_a_page_without_article_markup() -> None:
    html = _page(
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "@id": "https://think.example.org/#website"},'
        '{"@type": "WebPage", "@id": "https://think.example.org/about-us/",'
        ' "url": "https://think.example.org/about-us/",'
        ' "datePublished": "2018-06-07T10:13:17+00:00",'
        ' "dateModified": "2019-12-01T19:06:47+00:00"}]}'
    )
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2018, 6, 7)
    assert article.modified_at is not None and article.modified_at.date() == date(2019, 12, 1)
    assert article.provenance["published_at"] == JSON_LD


def test_webpage_node_of_another_url_does_not_date_this_page() -> None:
    html = _page(
        '{"@type": "WebPage", "url": "https://think.example.org/events/",'
        ' "datePublished": "2018-06-07T10:13:17+00:00"}',
        '{"@type": "WebPage", "url": "https://think.example.org/team/",'
        ' "datePublished": "2017-01-02T10:13:17+00:00"}',
    )
    assert extract(html, URL).published_at is None


def test_embedded_video_date_is_not_the_page_date() -> None:
    html = _page(
        '{"@type": "VideoObject", "name": "Harbour walk",'
        ' "uploadDate": "2016-03-01", "datePublished": "2016-03-01T09:00:00Z"}'
    )
    assert extract(html, URL).published_at is None


def test_how_to_page_takes_its_own_date() -> None:
    html = _page(
        '{"@type": "HowTo", "name": "Sew a round tablecloth",'
        ' "datePublished": "2022-01-10T22:06:08:684Z"}'
    )
    article = extract(html, URL)
    assert article.published_at == datetime(2022, 1, 10, 22, 6, 8, 684000, tzinfo=UTC)


def test_milliseconds_after_a_colon_are_read() -> None:
    assert parse_date("2022-01-10T22:06:08:684Z") == datetime(
        2022, 1, 10, 22, 6, 8, 684000, tzinfo=UTC
    )
