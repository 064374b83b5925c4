"""Publication and modification dates: what a reader of the archive would notice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from scraper import extract
from scraper.extract.dates import parse_date
from scraper.models import HEURISTIC, JSON_LD, OPENGRAPH, PROFILE
from scraper.profiles import profile_from_dict

VN = timezone(timedelta(hours=7))
FETCHED = datetime(2025, 12, 22, 6, 4, 9, tzinfo=UTC)

BINH_DUONG = profile_from_dict(
    {
        "name": "binhduong-test",
        "domains": ["baobinhduong.vn"],
        "lang": "en",
        "timezone": "Asia/Ho_Chi_Minh",
        "date_order": "DMY",
    }
)
VIETNAMESE = profile_from_dict(
    {
        "name": "vi-test",
        "domains": ["example.vn"],
        "lang": "vi",
        "timezone": "Asia/Ho_Chi_Minh",
        "date_order": "DMY",
    }
)

TEASERS = """
<section class="related-news">
  <article><h3><a href="/en/exam-a1.html">More than 17,000 candidates complete procedures</a></h3>
    <span class="date">24/06/2025</span></article>
  <article><h3><a href="/en/tdmu-a2.html">TDMU becomes a reputable centre</a></h3>
    <span class="date">23/06/2025</span></article>
</section>
"""


def page(article: str, *, head: str = "", after: str = TEASERS) -> str:
    """A page laid out like the Binh Duong example: header clock, article, teasers, footer."""
    return f"""<!doctype html><html lang="en"><head><title>Binh Duong</title>{head}</head>
<body>
  <div class="top"><span>Hotline: 0274 383 347</span> <span>Monday, 22-12-25 13:04:09</span></div>
  <div class="menu-line"><a href="/en/society/">Society</a></div>
  <div class="main">
    {article}
    {after}
  </div>
  <footer><p>© 2025 Binh Duong Newspaper. Updated 22/12/2025.</p></footer>
</body></html>"""


ARTICLE_NO_DATE = """
<h1>Role of KOLs leveraged in national image promotion campaigns</h1>
<div class="content">
  <p>Vietnam is experiencing a rapid expansion of its digital economy, with over 70 million
  people actively engaging on social media platforms.</p>
  <p>KOLs have demonstrated their power to connect, helping to create new approaches./.</p>
</div>
"""

URL = "https://baobinhduong.vn/en/role-of-kols-a123.html"


def test_header_clock_is_not_the_publication_date() -> None:
    article = extract(page(ARTICLE_NO_DATE), URL, profile=BINH_DUONG, fetched_at=FETCHED)
    assert article.published_at is None
    assert article.modified_at is None


def test_date_line_under_the_headline_is_the_publication_date() -> None:
    with_line = ARTICLE_NO_DATE.replace(
        "</h1>", '</h1><div class="detail-time">Tuesday, 24/06/2025 | 09:15</div>'
    )
    article = extract(page(with_line), URL, profile=BINH_DUONG, fetched_at=FETCHED)
    assert article.published_at == datetime(2025, 6, 24, 9, 15, tzinfo=VN)
    assert article.published_raw is not None and "24/06/2025" in article.published_raw
    assert article.provenance["published_at"] == HEURISTIC


def test_teaser_dates_are_ignored() -> None:
    article = extract(page(ARTICLE_NO_DATE), URL)
    assert article.published_at is None


def test_comment_dates_are_ignored() -> None:
    comments = """<div id="comments"><ol class="comment-list"><li>
      <div class="comment-meta">Anna, 25. Juni 2025 um 10:12</div><p>Great piece.</p>
    </li></ol></div>"""
    article = extract(page(ARTICLE_NO_DATE, after=comments), URL)
    assert article.published_at is None


def test_copyright_year_is_not_a_date() -> None:
    article = extract(page(ARTICLE_NO_DATE, after=""), URL)
    assert article.published_at is None


def test_date_in_running_text_is_not_the_publication_date() -> None:
    prose = ARTICLE_NO_DATE.replace(
        "<p>KOLs",
        "<p>On 2 September 2024 the campaign launched, and by 14 October 2024 it had reached "
        "ten million views across platforms, with support from the youth and the public, "
        "contributing to a massive online movement that celebrated the country's flag and "
        "patriotism all over the world.</p><p>KOLs",
    )
    article = extract(page(prose, after=""), URL)
    assert article.published_at is None


def test_time_element_inside_the_article_is_used() -> None:
    with_time = ARTICLE_NO_DATE.replace(
        "</h1>",
        '</h1><p class="byline">By Le Tu <time datetime="2025-06-24T09:15:00+07:00">'
        "June 24, 2025</time></p>",
    )
    article = extract(page(with_time), URL)
    assert article.published_at == datetime(2025, 6, 24, 9, 15, tzinfo=VN)
    assert article.published_raw == "2025-06-24T09:15:00+07:00"


def test_profile_selector_gives_the_date() -> None:
    profile = profile_from_dict(
        {
            "name": "sel",
            "domains": ["baobinhduong.vn"],
            "timezone": "Asia/Ho_Chi_Minh",
            "date_order": "DMY",
            "selectors": {"published": ".stamp"},
        }
    )
    html = page(ARTICLE_NO_DATE, after='<div class="stamp">03/05/2025 08:00</div>')
    article = extract(html, URL, profile=profile)
    assert article.published_at == datetime(2025, 5, 3, 8, 0, tzinfo=VN)
    assert article.provenance["published_at"] == PROFILE


def jsonld(*objects: str) -> str:
    return "".join(f'<script type="application/ld+json">{o}</script>' for o in objects)


def test_jsonld_wins_over_meta() -> None:
    head = (
        jsonld(
            '{"@type": "NewsArticle", "headline": "Role of KOLs", '
            '"datePublished": "2025-06-24T09:15:00+07:00", "dateModified": "2025-06-25T10:00:00+07:00"}'
        )
        + '<meta property="article:published_time" content="2025-06-20T08:00:00+07:00">'
    )
    article = extract(page(ARTICLE_NO_DATE, head=head), URL)
    assert article.published_at == datetime(2025, 6, 24, 9, 15, tzinfo=VN)
    assert article.modified_at == datetime(2025, 6, 25, 10, 0, tzinfo=VN)
    assert article.provenance["published_at"] == JSON_LD


def test_chosen_article_object_wins_when_jsonld_blocks_disagree() -> None:
    head = jsonld(
        '{"@type": "NewsArticle", "headline": "Another story", "url": "https://baobinhduong.vn/en/x.html",'
        ' "datePublished": "2024-01-01T08:00:00+07:00"}',
        '{"@type": "NewsArticle", "headline": "Role of KOLs", "url": "' + URL + '",'
        ' "datePublished": "2025-06-24T09:15:00+07:00"}',
    )
    article = extract(page(ARTICLE_NO_DATE, head=head), URL)
    assert article.published_at == datetime(2025, 6, 24, 9, 15, tzinfo=VN)


def test_article_meta_counts_as_opengraph() -> None:
    head = '<meta property="article:published_time" content="2025-06-20T08:00:00+07:00">'
    article = extract(page(ARTICLE_NO_DATE, head=head), URL)
    assert article.published_at == datetime(2025, 6, 20, 8, 0, tzinfo=VN)
    assert article.provenance["published_at"] == OPENGRAPH


def test_profile_timezone_applies_to_naive_dates() -> None:
    head = jsonld('{"@type": "NewsArticle", "datePublished": "2025-06-24T09:15:00"}')
    article = extract(page(ARTICLE_NO_DATE, head=head), URL, profile=BINH_DUONG)
    assert article.published_at is not None
    assert article.published_at.utcoffset() == timedelta(hours=7)
    assert article.published_at.hour == 9
    assert article.published_raw == "2025-06-24T09:15:00"


def test_utc_instant_is_shown_in_the_profile_zone() -> None:
    head = jsonld('{"@type": "NewsArticle", "datePublished": "2025-06-23T23:30:00Z"}')
    article = extract(page(ARTICLE_NO_DATE, head=head), URL, profile=BINH_DUONG)
    assert article.published_at == datetime(2025, 6, 24, 6, 30, tzinfo=VN)
    assert article.published_at is not None and article.published_at.utcoffset() == timedelta(
        hours=7
    )


def test_naive_date_without_any_zone_is_utc() -> None:
    head = jsonld('{"@type": "NewsArticle", "datePublished": "2025-06-24T09:15:00"}')
    article = extract(page(ARTICLE_NO_DATE, head=head), URL)
    assert article.published_at == datetime(2025, 6, 24, 9, 15, tzinfo=UTC)


def test_url_date_is_a_last_resort() -> None:
    url = "https://example.com/2024/05/03/some-story/"
    canonical = f'<link rel="canonical" href="{url}">'
    article = extract(page(ARTICLE_NO_DATE, head=canonical), url)
    assert article.published_at == datetime(2024, 5, 3, tzinfo=UTC)
    assert article.provenance["published_at"] == HEURISTIC
    meta = '<meta property="article:published_time" content="2024-05-03T18:00:00+02:00">'
    article = extract(page(ARTICLE_NO_DATE, head=canonical + meta), url)
    assert article.provenance["published_at"] == OPENGRAPH


def test_url_date_rules_out_a_date_line_from_another_month() -> None:
    url = "https://example.com/2024/05/03/some-story/"
    canonical = f'<link rel="canonical" href="{url}">'
    line = ARTICLE_NO_DATE.replace("</h1>", '</h1><p class="date">11.01.2019</p>')
    article = extract(page(line, head=canonical, after=""), url)
    assert article.published_at == datetime(2024, 5, 3, tzinfo=UTC)


def test_vietnamese_date_line_with_gmt_offset() -> None:
    assert parse_date("Thứ năm, 2/11/2023, 19:20 (GMT+7)", languages=["vi"]) == datetime(
        2023, 11, 2, 19, 20, tzinfo=VN
    )
    html = """<html lang="vi"><body><div class="header"><span>Thứ hai, 22/12/2025</span></div>
      <article><h1 class="title-detail">Khánh thành cầu mới</h1>
      <span class="date">Thứ năm, 2/11/2023, 19:20 (GMT+7)</span>
      <p class="description">Cầu mới nối hai bờ sông.</p>
      <div class="fck_detail"><p>Nội dung bài viết dài hơn một chút để làm thân bài.</p></div>
      <p class="updated">Cập nhật: 03/11/2023 08:05</p></article></body></html>"""
    article = extract(html, "https://example.vn/khanh-thanh-cau-moi-123.html", profile=VIETNAMESE)
    assert article.published_at == datetime(2023, 11, 2, 19, 20, tzinfo=VN)
    assert article.modified_at == datetime(2023, 11, 3, 8, 5, tzinfo=VN)


def test_plain_vietnamese_numeric_date_is_day_first() -> None:
    value = parse_date("02/11/2023 19:20", date_order="DMY", timezone="Asia/Ho_Chi_Minh")
    assert value == datetime(2023, 11, 2, 19, 20, tzinfo=VN)


def test_weekday_settles_day_month_order() -> None:
    assert parse_date("Monday, 22-12-25 13:04:09") == datetime(2025, 12, 22, 13, 4, 9, tzinfo=UTC)
    # US English reads 03/05 as March 5th, but that was a Tuesday; the Friday is 3 May.
    assert parse_date("Friday, 03/05/2024", languages=["en"]) == datetime(2024, 5, 3, tzinfo=UTC)
    assert parse_date("Tuesday, 03/05/2024", languages=["en"]) == datetime(2024, 3, 5, tzinfo=UTC)


def test_weekday_that_contradicts_the_date_gives_no_date() -> None:
    assert parse_date("Friday, 22-12-25") is None
    assert parse_date("Sonntag, 19. Oktober 2019", languages=["de"]) is None


def test_two_digit_year_is_never_read_as_year_first() -> None:
    assert parse_date("22-12-25") == datetime(2025, 12, 22, tzinfo=UTC)
    # 25 Dec 2022 was a Sunday: even then the year stays last.
    assert parse_date("Sunday, 22-12-25") is None
    # Only a profile that says so reads year first.
    assert parse_date("22-12-25", date_order="YMD") == datetime(2022, 12, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("2 hours ago", ["en"], FETCHED - timedelta(hours=2)),
        ("vor 3 Stunden", ["de"], FETCHED - timedelta(hours=3)),
        ("hôm qua", ["vi"], FETCHED - timedelta(days=1)),
    ],
)
def test_relative_date_counts_from_fetch_time(
    text: str, languages: list[str], expected: datetime
) -> None:
    value = parse_date(text, languages=languages, fetched_at=FETCHED)
    assert value is not None
    assert abs(value - expected) < timedelta(minutes=1)


def test_relative_date_without_fetch_time_is_not_a_date() -> None:
    assert parse_date("2 hours ago") is None
    html = page(ARTICLE_NO_DATE.replace("</h1>", '</h1><span class="time">2 hours ago</span>'))
    assert extract(html, URL).published_at is None
    published = extract(html, URL, fetched_at=FETCHED).published_at
    assert published is not None
    assert abs(published - (FETCHED - timedelta(hours=2))) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        (
            "2023-04-28T19:20:36+0200",
            None,
            datetime(2023, 4, 28, 19, 20, 36, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("19. Oktober 2019 um 14:37 Uhr", ["de"], datetime(2019, 10, 19, 14, 37, tzinfo=UTC)),
        ("October 19, 2019", ["en"], datetime(2019, 10, 19, tzinfo=UTC)),
        ("4 de mayo de 2022", ["es"], datetime(2022, 5, 4, tzinfo=UTC)),
        ("30 August 2023 • 4:45pm", ["en"], datetime(2023, 8, 30, 16, 45, tzinfo=UTC)),
        ("28.04.2023-19:20", ["de"], datetime(2023, 4, 28, 19, 20, tzinfo=UTC)),
        ("2024년 1월 29일 18:40", ["ko"], datetime(2024, 1, 29, 18, 40, tzinfo=UTC)),
    ],
)
def test_common_date_lines_are_read(
    text: str, languages: list[str] | None, expected: datetime
) -> None:
    assert parse_date(text, languages=languages) == expected


def test_copyright_line_is_not_parsed_as_a_date() -> None:
    assert parse_date("© 2024 Binh Duong Newspaper") is None


def _story(lines: str, *, lang: str = "en", head: str = "") -> str:
    """A bare article page: headline, whatever ``lines`` holds, a body of prose."""
    prose = "<p>" + "The council met on a rainy evening and argued about the budget. " * 6 + "</p>"
    return f"""<html lang="{lang}"><head><title>Story</title>{head}</head><body>
      <nav><a href="/">Home</a></nav><main>{lines.replace("BODY", prose)}</main></body></html>"""


def test_a_story_filed_under_last_month_in_its_url_keeps_its_date_line() -> None:
    html = _story("<h1>Border checks extended</h1><p><em>10.11.2021</em></p>BODY", lang="de")
    article = extract(html, "https://example.de/meldungen/2021/10/border-checks.html")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2021, 11, 10).date()


def test_a_lone_as_of_line_is_the_page_date() -> None:
    html = _story("<h1>Reisehinweise Italien</h1><p>Stand: 05. Februar 2020</p>BODY", lang="de")
    article = extract(html, "https://example.de/reise/italien")
    assert article.published_at == datetime(2020, 2, 5, tzinfo=UTC)


def test_date_in_the_headlines_own_kicker_is_read() -> None:
    html = _story('<h1><span class="date">27.01.2022</span>MineralölINFO November</h1>BODY')
    assert extract(html, "https://example.de/info").published_at == datetime(
        2022, 1, 27, tzinfo=UTC
    )


def test_date_block_right_under_the_headline_counts_whatever_its_class() -> None:
    html = _story(
        '<h1>Schulze visits the food programme</h1><div class="page__teaser-text">'
        "<p>Pressemitteilung vom 25. Januar 2022 | Berlin</p></div>BODY",
        lang="de",
    )
    assert extract(html, "https://example.de/pm").published_at == datetime(2022, 1, 25, tzinfo=UTC)


def test_date_split_over_spans_without_spaces_is_read() -> None:
    html = _story(
        '<h1>Mozart and his grades</h1><div class="date"><span>Apr</span> <span>04</span>'
        "<span>2013</span></div>BODY"
    )
    assert extract(html, "https://example.com/mozart").published_at == datetime(
        2013, 4, 4, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: 11:30 PM, 23 June 2025", datetime(2025, 6, 23, 23, 30, tzinfo=UTC)),
        ("14:25 15.03.2024", datetime(2024, 3, 15, 14, 25, tzinfo=UTC)),
    ],
)
def test_time_written_before_the_date_is_kept(text: str, expected: datetime) -> None:
    assert parse_date(text, languages=["en"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 5, 2024, 3:12 a.m. EST", timedelta(hours=-5)),
        ("03/14/2024 8:05 a.m. ET", timedelta(hours=-4)),  # daylight saving time in March
        ("15 Mar 2024, 08:12 AM IST", timedelta(hours=5, minutes=30)),
    ],
)
def test_zone_abbreviation_after_the_time_sets_the_offset(text: str, expected: timedelta) -> None:
    value = parse_date(text, languages=["en"])
    assert value is not None and value.utcoffset() == expected


def test_japanese_hour_and_minute_are_read() -> None:
    assert parse_date("2024年3月15日 18時30分", languages=["ja"]) == datetime(
        2024, 3, 15, 18, 30, tzinfo=UTC
    )


def test_thai_buddhist_era_year_is_converted() -> None:
    assert parse_date("15 ม.ค. 2567 14:30 น.", languages=["th"]) == datetime(
        2024, 1, 15, 14, 30, tzinfo=UTC
    )


def test_korean_edited_line_is_the_modification_date() -> None:
    html = _story(
        '<h1>새 다리 개통</h1><ul class="info"><li>입력 2024.03.15 14:30</li>'
        "<li>수정 2024.03.15 16:02</li></ul>BODY",
        lang="ko",
    )
    article = extract(html, "https://example.kr/news/1")
    assert article.published_at == datetime(2024, 3, 15, 14, 30, tzinfo=UTC)
    assert article.modified_at == datetime(2024, 3, 15, 16, 2, tzinfo=UTC)


def test_published_and_modified_in_one_line_are_both_read() -> None:
    html = _story(
        "<h1>Réforme de l'assurance chômage</h1><p>Publié le 05 mars 2024 à 14h12, "
        "modifié le 06 mars 2024 à 16h30</p>BODY",
        lang="fr",
    )
    article = extract(html, "https://example.fr/economie/reforme")
    assert article.published_at == datetime(2024, 3, 5, 14, 12, tzinfo=UTC)
    assert article.modified_at == datetime(2024, 3, 6, 16, 30, tzinfo=UTC)


def test_date_line_above_the_headline_is_read_in_reading_order() -> None:
    html = _story(
        '<div class="info-date"><a href="/20240315/">14:25 15.03.2024</a> '
        '<span class="date-modified">(обновлено: 16:02 15.03.2024)</span></div>'
        "<h1>Открыли новый участок</h1>BODY",
        lang="ru",
    )
    article = extract(html, "https://example.ru/20240315/road.html")
    assert article.published_at == datetime(2024, 3, 15, 14, 25, tzinfo=UTC)
    assert article.modified_at == datetime(2024, 3, 15, 16, 2, tzinfo=UTC)


def test_meta_date_in_the_other_day_month_order_follows_the_page() -> None:
    head = '<meta property="article:published_time" content="Tue, 03/12/2024 - 09:41">'
    html = _story(
        "<h1>Le marché rouvre</h1><p>Publié le 12/03/2024 à 09h41</p>BODY", lang="fr", head=head
    )
    article = extract(html, "https://example.fr/marche")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2024, 3, 12).date()
    assert article.provenance["published_at"] == OPENGRAPH


def test_rdfa_date_property_is_structured_markup() -> None:
    html = _story(
        "<article><h1>LVMH grows</h1>BODY<footer>"
        '<span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00"></span>'
        "</footer></article>"
    )
    assert extract(html, "https://example.com/lvmh").published_at == datetime(
        2022, 1, 28, 12, 45, 46, tzinfo=UTC
    )


def test_small_date_line_inside_the_headline_is_read() -> None:
    html = _story("<h1>Fans return to the stadiums<br><small>02.02.2022 • Sport</small></h1>BODY")
    assert extract(html, "https://example.com/fans").published_at == datetime(
        2022, 2, 2, tzinfo=UTC
    )


def test_date_line_under_the_themes_other_copy_of_the_title_is_found() -> None:
    html = f"""<html lang="de"><body><header class="page-header"><h1 class="entry-title">Haltet
      die Seen sauber</h1><h4>Veröffentlicht am <time datetime="2020-02-23T10:07:02+01:00">23.
      Februar 2020</time></h4></header>{_story("<h1>Haltet die Seen sauber</h1>BODY")}</body></html>"""
    assert extract(html, "https://example.de/seen").published_at == datetime(
        2020, 2, 23, 10, 7, 2, tzinfo=timezone(timedelta(hours=1))
    )


def test_labelled_date_line_after_the_body_is_a_last_resort() -> None:
    html = _story(
        '<h1>Die Anleitungen der Vorfahren</h1><div class="text">' + "BODY" * 5 + "</div>"
        '<p class="footer-line">Letzte Änderung: 31.10.2023<br>Erschienen am: 01.11.2023</p>',
        lang="de",
    )
    assert extract(html, "https://example.de/rezension").published_at == datetime(
        2023, 11, 1, tzinfo=UTC
    )
    unlabelled = html.replace("Letzte Änderung: 31.10.2023<br>Erschienen am: ", "Lesung am ")
    assert extract(unlabelled, "https://example.de/rezension").published_at is None


def test_utc_value_on_the_hour_late_at_night_is_a_local_midnight() -> None:
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    html = _story("<h1>Südfrankreich</h1>BODY", lang="de", head=head)
    published = extract(html, "https://example.de/sued").published_at
    assert published is not None and published.date() == datetime(2022, 11, 7).date()
