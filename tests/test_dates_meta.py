"""How meta dates weigh against the date line the reader sees under the headline."""

from __future__ import annotations

from datetime import date

from scraper import extract
from scraper.models import HEURISTIC, META

URL = "https://verband.example.de/presse/meldung/wetlands"

BODY = """<div class="text"><p>Der Rat hat den Plan zur Renaturierung der Feuchtgebiete am Fluss
nach langer Debatte über Kosten, Zugang für Angler und die Zukunft des alten Pumpwerks
beschlossen.</p><p>Die Arbeiten beginnen im Frühjahr.</p></div>"""


def _page(head: str, date_line: str) -> str:
    return f"""<!doctype html><html lang="de"><head><title>Feuchtgebiete</title>{head}</head>
<body><main><article><h1>Rat beschließt Renaturierung der Feuchtgebiete</h1>
{date_line}{BODY}</article></main></body></html>"""


def test_generic_meta_date_of_another_day_loses_to_the_date_line() -> None:
    html = _page(
        '<meta name="date" content="2021-10-15"><meta name="dc.date" content="2021-10-15">',
        '<p class="date">13.10.2021</p>',
    )
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2021, 10, 13)
    assert article.provenance["published_at"] == HEURISTIC


def test_generic_meta_date_stays_when_the_page_shows_its_day() -> None:
    html = _page(
        '<meta name="dcterms.date" content="2021-10-28T13:21:30+01:00">',
        '<p class="place">Berlin, 28.10.2021, 058/21</p>'
        '<p class="meta"><time datetime="2021-10-27T20:35:36+01:00">27.10.2021</time></p>',
    )
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2021, 10, 28)
    assert article.provenance["published_at"] == META


def test_specific_publication_meta_still_beats_the_date_line() -> None:
    html = _page(
        '<meta name="sw-pubdate" content="2021-11-19">', '<p class="date">18. Nov 2021</p>'
    )
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2021, 11, 19)
    assert article.provenance["published_at"] == META


def test_generic_meta_date_is_kept_without_any_date_line() -> None:
    html = _page('<meta name="date" content="2021-10-15">', "")
    article = extract(html, URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2021, 10, 15)
