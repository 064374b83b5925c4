"""Pages with no date line of their own: the story's listing, a labelled line after it."""

from __future__ import annotations

from datetime import date

from scraper import extract

URL = "https://verband.example.de/aktuelles/menschenrechte-achten"
TITLE = "Menschenrechte achten, auch an den Grenzen"
STORY = """<p>Der Verband fordert die Bundesregierung auf, sich für eine menschenwürdige
Aufnahme der Geflüchteten an den Außengrenzen der Europäischen Union einzusetzen.</p>
<p>Gesundheitsversorgung und Schutz vor Gewalt müssen für alle Menschen gelten, gleich
woher sie kommen und auf welchem Weg sie nach Europa gelangt sind.</p>"""


def _item(href: str, title: str, day: str | None) -> str:
    dated = f'<div class="authored">{day}</div>' if day else ""
    return f"""<div class="views-row"><a href="{href}"><div class="teaser"><div
class="teaser-text">{dated}<h2>{title}</h2><p>Mehr dazu lesen</p></div></div></a></div>"""


def _page(listing: str, after: str = "") -> str:
    return f"""<!doctype html><html lang="de"><head><title>{TITLE} | Verband</title></head>
<body><header><nav><a href="/">Start</a> <a href="/aktuelles">Aktuelles</a></nav></header>
<div class="row"><div class="columns large-8 inhalt"><h1>{TITLE}</h1>{STORY}{after}</div>
<div class="columns large-4"><h3>Aktuelles</h3><div class="artikel-liste">{listing}</div>
</div></div><footer><p>Verband e.V., Berlin</p></footer></body></html>"""


#: Enough story that a line after it is no longer "near the headline".
MORE_STORY = (
    "<p>Die Lage an den Grenzen bleibt angespannt, und die Hilfsorganisationen berichten von"
    " fehlenden Unterkünften, zu wenig Ärztinnen und langen Wartezeiten bei den Behörden.</p>"
) * 12


def _published_day(html: str) -> date | None:
    article = extract(html, URL)
    return article.published_at.date() if article.published_at else None


def test_the_storys_own_dated_entry_in_a_news_column_dates_it() -> None:
    listing = (
        _item(
            "/aktuelles/suchtberatung", "Suchtberatung wirkt, aber die Mittel fehlen", "08.11.2021"
        )
        + _item("/aktuelles/menschenrechte-achten", TITLE, "10.11.2021")
        + _item(
            "/aktuelles/belarus", "Geflüchtete in Belarus: schnelles Handeln nötig", "12.11.2021"
        )
    )
    assert _published_day(_page(listing)) == date(2021, 11, 10)


def test_a_link_to_this_page_finds_the_entry_when_its_title_differs() -> None:
    listing = _item(
        "/aktuelles/suchtberatung", "Suchtberatung wirkt, aber die Mittel fehlen", "08.11.2021"
    ) + _item(URL, "Menschenrechte: der Verband mahnt zur Einhaltung", "10.11.2021")
    assert _published_day(_page(listing)) == date(2021, 11, 10)


def test_a_neighbours_date_never_dates_the_story() -> None:
    listing = (
        _item(
            "/aktuelles/suchtberatung", "Suchtberatung wirkt, aber die Mittel fehlen", "08.11.2021"
        )
        + _item("/aktuelles/menschenrechte-achten", TITLE, None)
        + _item(
            "/aktuelles/belarus", "Geflüchtete in Belarus: schnelles Handeln nötig", "12.11.2021"
        )
    )
    assert _published_day(_page(listing)) is None


def test_a_comment_permalink_to_this_page_is_not_the_storys_entry() -> None:
    comment = f"""<div class="comments"><div class="comment"><a href="{URL}#comment-12">Jana
Berger schrieb am 14.11.2021 um 09:12</a><p>Danke für diesen klaren Beitrag!</p></div></div>"""
    assert _published_day(_page("", after=comment)) is None


def test_a_header_block_the_layout_calls_a_sidebar_dates_the_story() -> None:
    html = f"""<!doctype html><html lang="de"><head><title>{TITLE}</title></head><body>
<div class="content"><h1 class="visually-hidden">{TITLE}</h1>{STORY}</div>
<div class="sidebar"><div class="sidebar__item"><p class="h1">{TITLE}</p>
<p class="teaser">Der Verband fordert eine menschenwürdige Aufnahme.</p>
<div><p class="time"><time datetime="2022-01-28">28. Januar 2022</time></p></div></div>
<div class="sidebar__item"><a href="/tag/europa/">Europa</a></div></div></body></html>"""
    assert _published_day(html) == date(2022, 1, 28)


def test_a_separately_labelled_change_date_after_the_story_is_its_only_date() -> None:
    after = (
        MORE_STORY
        + """<div class="label_container"><label>Letzte Änderung:</label>
<div class="label_content">14.01.2022 um 09:25</div></div>"""
    )
    assert _published_day(_page("", after=after)) == date(2022, 1, 14)


def test_a_label_further_into_the_line_still_names_it() -> None:
    after = (
        MORE_STORY
        + """<p id="pageinfo" class="info">Aktuelles/Menschenrechte-Achten
(last edited 2019-11-10 13:28:18 by MatsWichmann)</p>"""
    )
    assert _published_day(_page("", after=after)) == date(2019, 11, 10)
