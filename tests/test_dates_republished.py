"""Two dates the metadata offers (first and updated, JSON-LD and meta): the one the page shows."""

from __future__ import annotations

from datetime import date

from scraper import extract

URL = "https://angeln.example.de/ratgeber/fische-schmerzen/"
LD = (
    '<script type="application/ld+json">{"@type": "Article", "headline": "Spüren Fische'
    ' Schmerzen?", "datePublished": "2021-11-29T14:13:37+00:00",'
    ' "dateModified": "2022-01-12T14:27:30+00:00"}</script>'
)


def _page(date_line: str) -> str:
    return f"""<!doctype html><html lang="de"><head><title>Spüren Fische Schmerzen?</title>
{LD}</head><body><header><nav><a href="/">Start</a> <a href="/ratgeber/">Ratgeber</a></nav>
</header><main><article><h1>Spüren Fische Schmerzen?</h1>
<div class="author-box"><a href="/autor/hein/">Christoph Hein</a> {date_line}</div>
<p>Ob Fische Schmerzen fühlen, beschäftigt Angler und Forscher seit Jahrzehnten. Die
Antwort hängt davon ab, was man unter Schmerz versteht und wie man ihn misst.</p>
<p>Neuere Studien zeigen, dass Fische auf schädliche Reize mit verändertem Verhalten
reagieren, etwa indem sie weniger fressen oder die betroffene Stelle reiben.</p>
</article></main></body></html>"""


def test_a_date_line_showing_only_the_update_makes_it_the_publication_date() -> None:
    article = extract(_page('<span class="date">12.01.2022</span>'), URL)
    assert article.published_at is not None and article.published_at.date() == date(2022, 1, 12)
    assert article.modified_at is not None and article.modified_at.date() == date(2022, 1, 12)


def test_a_line_labelled_as_an_update_leaves_the_first_publication() -> None:
    article = extract(_page('<span class="date">Aktualisiert am 12.01.2022</span>'), URL)
    assert article.published_at is not None and article.published_at.date() == date(2021, 11, 29)


def test_a_date_line_showing_both_days_leaves_the_first_publication() -> None:
    line = '<span class="date">29.11.2021</span> <span class="date">12.01.2022</span>'
    article = extract(_page(line), URL)
    assert article.published_at is not None and article.published_at.date() == date(2021, 11, 29)


def test_without_a_date_line_the_metadata_publication_stands() -> None:
    article = extract(_page(""), URL)
    assert article.published_at is not None and article.published_at.date() == date(2021, 11, 29)


def _two_sources(date_line: str) -> str:
    ld = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Vanlife in'
        ' Schweden", "datePublished": "2022-01-04T07:29:00.000Z"}</script>'
    )
    meta = '<meta property="article:published_time" content="2022-01-06T08:29:34">'
    return _page(date_line).replace(LD, ld + meta)


def test_when_json_ld_and_article_meta_disagree_the_day_the_page_shows_wins() -> None:
    article = extract(_two_sources('<div class="article__info">06.01.2022</div>'), URL)
    assert article.published_at is not None and article.published_at.date() == date(2022, 1, 6)


def test_when_they_disagree_and_the_page_shows_neither_json_ld_stands() -> None:
    article = extract(_two_sources(""), URL)
    assert article.published_at is not None and article.published_at.date() == date(2022, 1, 4)
