"""Date lines written in text: datelines, footer lines, copyright notices."""

from __future__ import annotations

from datetime import UTC, date, datetime

from scraper import extract
from scraper.extract.dates import parse_date

URL = "https://magazin.example.de/news/gedenken"

LONG = (
    "Bei der Erinnerung an die Verfolgten des NS-Regimes in Deutschland waren queere Frauen "
    "lange kaum sichtbar. Eine neue Initiative will das ändern und verlegt in diesem Jahr "
    "die ersten Stolpersteine, die an lesbische Frauen erinnern, in mehreren Städten."
)
MORE = "<p>Die Verlegung wird von Lesungen und einem Gespräch mit Historikerinnen begleitet.</p>"


def _page(inner: str) -> str:
    return f"""<!doctype html><html lang="de"><head><title>Gedenken</title></head><body>
<div class="content"><h1>Holocaust-Gedenktag: Erinnerung mit Stolpersteinen</h1>
{inner}</div></body></html>"""


def _published_day(html: str) -> date | None:
    article = extract(html, URL)
    return article.published_at.date() if article.published_at else None


def test_agency_dateline_opening_a_long_paragraph_is_the_date() -> None:
    html = _page(f"<p>Von Claudia Lindner</p><p>27.1.2022 - {LONG}</p>{MORE}")
    assert _published_day(html) == date(2022, 1, 27)


def test_date_inside_a_long_paragraph_is_still_prose() -> None:
    html = _page(f"<p>Von Claudia Lindner</p><p>{LONG} Am 27.1.2022 - so die Planung.</p>{MORE}")
    assert _published_day(html) is None


def test_publication_line_before_a_copyright_notice_counts() -> None:
    html = _page(
        f"<p>{LONG}</p>{MORE}"
        '<div class="rez_footer"><p class="footer">Letzte Änderung: 31.10.2023 - 14:49:39<br>'
        "Erschienen am: 01.11.2023<br>Lesungen: 61<br>&copy; bei der Autorin</p></div>"
    )
    assert _published_day(html) == date(2023, 11, 1)


def test_date_in_a_copyright_notice_is_not_a_date() -> None:
    html = _page(
        f"<p>{LONG}</p>{MORE}"
        '<p class="note">Copyright © 19.12.2019 - 12:14 h by Beispiel GmbH. All rights reserved.</p>'
    )
    assert _published_day(html) is None


def test_event_date_inside_a_sentence_is_not_the_publication_date() -> None:
    html = _page(
        "<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Café Hurricane "
        f"statt.</p><p>{LONG}</p>{MORE}"
    )
    assert _published_day(html) is None


def test_byline_ending_in_its_date_is_still_the_date() -> None:
    html = _page(f"<p>Ein Beitrag von Claudia Maria Lindner am 3. Mai 2020</p><p>{LONG}</p>{MORE}")
    assert _published_day(html) == date(2020, 5, 3)


def test_a_period_of_days_is_not_a_publication_date() -> None:
    html = _page(f"<p>Wochenbericht 14. - 20. Januar 2022</p><p>{LONG}</p>{MORE}")
    assert _published_day(html) is None
    assert parse_date("14.–20. Januar 2022", languages=["de"]) is None
    assert parse_date("Ausgabe vom 20. Januar 2022", languages=["de"]) is not None


def _titled(title: str) -> str:
    return f"""<!doctype html><html lang="de"><head><title>{title}</title></head><body>
<div class="content"><h1>Online-Fachtag zum Intersex Day of Remembrance</h1>
<p>{LONG}</p>{MORE}</div></body></html>"""


def test_date_that_is_a_whole_part_of_the_title_dates_an_undated_page() -> None:
    html = _titled("08.11.2021 | Online-Fachtag zum Intersex Day of Remembrance: Regenbogenportal")
    assert _published_day(html) == date(2021, 11, 8)
    html = _titled("Ukrainische Gegenoffensive | Europa | DW | 28.04.2023")
    assert _published_day(html) == date(2023, 4, 28)


def test_date_inside_the_title_words_is_its_subject() -> None:
    assert _published_day(_titled("Fachtag am 5. Mai 2022 | Verband")) is None
    assert _published_day(_titled("Wochenbericht 14. - 20. Januar 2022 - SLF")) is None


def test_day_month_year_separated_by_bars_is_read() -> None:
    assert parse_date("26 | 01 | 2022", languages=["de"]) == datetime(2022, 1, 26, tzinfo=UTC)


def test_author_line_under_a_long_story_gives_its_date() -> None:
    author = (
        '<div class="left author">Author: <a href="/profile/58"><b>Bo2man</b></a> '
        "am 29.12.2010, 13:36 Uhr</div>"
    )
    html = _page(f"<p>{LONG}</p>" * 8 + MORE + author)
    assert _published_day(html) == date(2010, 12, 29)


def test_unmarked_date_under_a_long_story_is_not_its_date() -> None:
    unmarked = '<div class="left">Bo2man am 29.12.2010, 13:36 Uhr</div>'
    html = _page(f"<p>{LONG}</p>" * 8 + MORE + unmarked)
    assert _published_day(html) is None
