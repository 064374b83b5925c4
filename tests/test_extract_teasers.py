"""Related-article teasers: which link lists are teasers, and what each teaser holds.

The fixture pages (``fixtures/pages/teasers-*.html``) are whole article pages
modelled on real portals' CMS markup; their ``.json`` files hold what a reader
sees. ``find_teasers`` is called with the article body chosen by a selector
here, so these tests judge teaser detection alone, not the body detector.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract.teasers import find_teasers
from scraper.models import SiteProfile, Teaser
from scraper.profiles import profile_from_dict

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"

#: The article-body element of each fixture page, as a body detector would find it.
BODY = {
    "teasers-wordpress-jetpack": ".entry-content",
    "teasers-drupal-views": ".field--name-body",
    "teasers-de-mehr-zum-thema": ".park-article__body",
    "teasers-vi-tin-lien-quan": ".detail__content",
    "teasers-ja-kanren": ".article-body",
    "teasers-read-more-card": ".article__body",
    "teasers-most-read-outbrain": ".story__body",
    "teasers-nav-only": ".post__body",
    "teasers-same-section-no-heading": ".news-content",
}


def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _teasers(name: str, *, profile: SiteProfile | None = None) -> list[Teaser]:
    tree = LexborHTMLParser((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    return find_teasers(
        tree,
        url=_spec(name)["url"],
        body_root=tree.css_first(BODY[name]),
        headline_node=tree.css_first("h1"),
        profile=profile,
    )


def _from_html(
    html: str, url: str, body: str | None = "#body", profile: SiteProfile | None = None
) -> list[Teaser]:
    tree = LexborHTMLParser(html)
    return find_teasers(
        tree,
        url=url,
        body_root=tree.css_first(body) if body else None,
        headline_node=tree.css_first("h1"),
        profile=profile,
    )


def _urls(teasers: list[Teaser]) -> list[str]:
    return [t.url for t in teasers]


def _norm(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


@pytest.mark.parametrize("name", sorted(BODY))
def test_fixture_page_teasers_are_what_the_reader_sees(name: str) -> None:
    expected = _spec(name)["expect"]["teasers"]
    got = [t.to_dict() for t in _teasers(name)]
    assert [{k: _norm(v) for k, v in t.items()} for t in got] == [
        {k: _norm(v) for k, v in t.items()} for t in expected
    ]


def test_most_read_list_is_not_related() -> None:
    urls = _urls(_teasers("teasers-most-read-outbrain"))
    assert urls, "the related grid on the same page must still be found"
    assert not any("/news/2025/03/2" in u or "/sports/" in u for u in urls)
    assert not any("grocery-chain" in u or "housing-starts" in u for u in urls)


def test_ranking_lists_in_other_languages_are_not_related() -> None:
    german = _urls(_teasers("teasers-de-mehr-zum-thema"))
    assert not any("schuetzenfest" in u or "eisdiele" in u for u in german)
    japanese = _urls(_teasers("teasers-ja-kanren"))
    assert not any(u.endswith(("1284391", "1284377", "1284350")) for u in japanese)
    vietnamese = _urls(_teasers("teasers-vi-tin-lien-quan"))
    assert not any("gia-vang" in u or "diem-chuan" in u for u in vietnamese)


def test_outbrain_taboola_and_sponsored_widgets_are_not_teasers() -> None:
    urls = _urls(_teasers("teasers-most-read-outbrain"))
    assert not any(
        "/partners/" in u or "/sponsored/" in u or "history-in-photos" in u for u in urls
    )
    german = _urls(_teasers("teasers-de-mehr-zum-thema"))
    assert not any("/anzeige/" in u for u in german)


def test_teaser_title_has_no_kicker_or_date() -> None:
    german = {t.url.rsplit("/", 1)[-1]: t.title for t in _teasers("teasers-de-mehr-zum-thema")}
    assert german["stadtrat-streitet-ueber-waermeplan-fuer-die-innenstadt_aid-118655013"] == (
        "Stadtrat streitet über Wärmeplan für die Innenstadt"
    )
    assert german["gaspreise-sinken-fernwaerme-bleibt-teuer_aid-118590471"] == (
        "Gaspreise sinken, Fernwärme bleibt teuer"
    )
    japanese = [t.title for t in _teasers("teasers-ja-kanren")]
    assert japanese[0] == "敦賀以西のルート、小浜・京都ルートで環境評価へ"
    assert not any("年" in title and "月" in title and "日" in title for title in japanese)
    vietnamese = [t.title for t in _teasers("teasers-vi-tin-lien-quan")]
    assert vietnamese[1] == "Khởi công nút giao Dầu Giây trong tháng 7"


def test_date_inside_the_headline_itself_is_kept() -> None:
    # "dịp lễ 30/4" is the 30 April holiday, part of the headline, not a teaser date
    titles = [t.title for t in _teasers("teasers-vi-tin-lien-quan")]
    assert titles[0] == "Cao tốc Dầu Giây - Phan Thiết ùn tắc dịp lễ 30/4"


def test_lazy_image_is_absolute() -> None:
    drupal = _teasers("teasers-drupal-views")
    assert drupal[0].image == (
        "https://www.northfieldcourier.co.uk/sites/default/files/styles/teaser_small/public/"
        "2025-03/mill-oral-history.jpg?itok=Xc81Lk2q"
    )
    german = [t for t in _teasers("teasers-de-mehr-zum-thema") if t.image]
    assert german[0].image == "https://img.rheinische-abendpost.de/118655013/w640/waermeplan.jpg"
    for teaser in _teasers("teasers-vi-tin-lien-quan"):
        assert teaser.image is None or teaser.image.startswith("https://cdn.baomiendong.vn/")


def test_css_background_image_is_the_teaser_image() -> None:
    images = [t.image for t in _teasers("teasers-most-read-outbrain")]
    assert images[0] == "https://cdn.coastlinedaily.com/2025/03/ships-offshore-400x225.jpg"


def test_summary_only_when_item_has_a_description() -> None:
    assert all(t.summary is None for t in _teasers("teasers-drupal-views"))
    jetpack = _teasers("teasers-wordpress-jetpack")
    assert jetpack[1].summary == (
        "Twenty-three businesses signed a letter asking for construction to wait until the "
        "tourist season ends."
    )
    assert not any("In " in (t.summary or "")[:3] for t in jetpack)


def test_same_section_list_after_article_without_heading() -> None:
    teasers = _teasers("teasers-same-section-no-heading")
    assert [t.title for t in teasers] == [
        "Long An launches summer swimming classes for children",
        "Provincial hospital opens new stroke unit",
        "Volunteers repair homes for elderly residents in Tan Tru",
        "Long An to build two more high schools by 2027",
    ]
    assert teasers[2].summary == "Youth union members repaired 25 houses ahead of the rainy season."


def test_company_sidebar_is_not_teasers() -> None:
    assert not any("/enterprise/" in u for u in _urls(_teasers("teasers-same-section-no-heading")))


def test_in_body_read_more_card() -> None:
    teasers = _teasers("teasers-read-more-card")
    assert [t.title for t in teasers] == [
        "How clean are Surrey's rivers? We tested the water",
        "Campaigners call for bathing water status on the Wey",
    ]
    german = _teasers("teasers-de-mehr-zum-thema")
    assert german[0].title == "Fernwärme: Was Mieter jetzt wissen müssen"


def test_links_in_running_text_are_not_teasers() -> None:
    urls = _urls(_teasers("teasers-read-more-card"))
    assert not any("anglers-report-dead-fish" in u for u in urls)
    assert not any("riverwey-trust" in u or "gov.uk" in u for u in urls)


def test_no_teasers_on_page_with_only_navigation() -> None:
    assert _teasers("teasers-nav-only") == []


def test_previous_next_share_and_comment_links_are_not_teasers() -> None:
    urls = _urls(_teasers("teasers-wordpress-jetpack"))
    assert len(urls) == 3
    assert not any("library-extends" in u or "robotics-team" in u for u in urls)
    assert not any("share=" in u or "#comment" in u for u in urls)


def test_recent_posts_widget_in_sidebar_is_not_related() -> None:
    urls = _urls(_teasers("teasers-wordpress-jetpack"))
    assert not any("ferry-fares" in u or "volunteers-clear" in u for u in urls)


_LIST_PAGE = """<html><body>
<header><nav><a href="/politics/">Politics</a></nav></header>
<h1>Council passes the budget after a long night</h1>
<div id="body"><p>The council passed the budget at 2 a.m. after eleven hours of debate.</p></div>
<section class="related"><h2>Related</h2><ul>{items}</ul></section>
<footer><a href="/about/">About</a></footer>
</body></html>"""


def _item(href: str, title: str) -> str:
    return f'<li><a href="{href}">{title}</a></li>'


def test_page_own_url_is_never_a_teaser() -> None:
    url = "https://news.example.com/city/council-passes-the-budget-after-a-long-night-4411"
    html = _LIST_PAGE.format(
        items=_item("/city/council-passes-the-budget-after-a-long-night-4411", "This very story")
        + _item(
            "/city/mayor-defends-the-new-parking-fees-4398", "Mayor defends the new parking fees"
        )
        + _item("/city/bus-lanes-to-open-on-main-street-4390", "Bus lanes to open on Main Street")
    )
    assert _urls(_from_html(html, url)) == [
        "https://news.example.com/city/mayor-defends-the-new-parking-fees-4398",
        "https://news.example.com/city/bus-lanes-to-open-on-main-street-4390",
    ]


def test_duplicate_urls_keep_the_first_in_page_order() -> None:
    url = "https://news.example.com/city/council-passes-the-budget-after-a-long-night-4411"
    html = _LIST_PAGE.format(
        items=_item(
            "/city/bus-lanes-to-open-on-main-street-4390", "Bus lanes to open on Main Street"
        )
        + _item(
            "/city/mayor-defends-the-new-parking-fees-4398", "Mayor defends the new parking fees"
        )
        + _item(
            "/city/bus-lanes-to-open-on-main-street-4390#top", "Bus lanes to open on Main Street"
        )
    )
    assert _urls(_from_html(html, url)) == [
        "https://news.example.com/city/bus-lanes-to-open-on-main-street-4390",
        "https://news.example.com/city/mayor-defends-the-new-parking-fees-4398",
    ]


def test_links_off_the_site_are_not_teasers() -> None:
    url = "https://news.example.com/city/council-passes-the-budget-after-a-long-night-4411"
    html = _LIST_PAGE.format(
        items=_item(
            "https://other-paper.example.org/city/budget-row-deepens-8812", "Budget row deepens"
        )
        + _item(
            "https://m.news.example.com/city/bus-lanes-to-open-on-main-street-4390",
            "Bus lanes open on Main Street",
        )
        + _item(
            "/city/mayor-defends-the-new-parking-fees-4398", "Mayor defends the new parking fees"
        )
    )
    assert _urls(_from_html(html, url)) == [
        "https://m.news.example.com/city/bus-lanes-to-open-on-main-street-4390",
        "https://news.example.com/city/mayor-defends-the-new-parking-fees-4398",
    ]


def test_related_block_before_the_article_is_not_teasers() -> None:
    url = "https://news.example.com/city/council-passes-the-budget-after-a-long-night-4411"
    html = """<html><body>
    <div class="related"><h2>Related</h2><ul>
      <li><a href="/city/mayor-defends-the-new-parking-fees-4398">Mayor defends the new parking fees</a></li>
      <li><a href="/city/bus-lanes-to-open-on-main-street-4390">Bus lanes to open on Main Street</a></li>
    </ul></div>
    <h1>Council passes the budget after a long night</h1>
    <div id="body"><p>The council passed the budget at 2 a.m. after eleven hours of debate.</p></div>
    </body></html>"""
    assert _from_html(html, url) == []


def test_profile_selector_is_used_when_it_matches() -> None:
    url = "https://news.example.com/city/council-passes-the-budget-after-a-long-night-4411"
    html = """<html><body><h1>Council passes the budget after a long night</h1>
    <div id="body"><p>The council passed the budget at 2 a.m.</p></div>
    <div class="box-x"><div class="it"><a href="/city/bus-lanes-to-open-on-main-street-4390">
      <span class="date">12/06/2025</span> Bus lanes to open on Main Street</a></div></div>
    </body></html>"""
    assert _from_html(html, url) == []  # one unlabelled link: not a related block by itself
    profile = profile_from_dict(
        {"name": "example", "domains": ["news.example.com"], "selectors": {"teasers": ".box-x .it"}}
    )
    assert _from_html(html, url, profile=profile) == [
        Teaser(
            title="Bus lanes to open on Main Street",
            url="https://news.example.com/city/bus-lanes-to-open-on-main-street-4390",
        )
    ]


def test_without_a_body_only_labelled_blocks_count() -> None:
    url = "https://news.example.com/city/council-passes-the-budget-after-a-long-night-4411"
    items = "".join(
        _item(f"/city/story-number-{n}-about-the-city-{4300 + n}", f"City story number {n} today")
        for n in range(5)
    )
    labelled = _LIST_PAGE.format(items=items)
    assert len(_from_html(labelled, url, body=None)) == 5
    bare = labelled.replace('<section class="related"><h2>Related</h2>', "<section>")
    assert len(_from_html(bare, url)) == 5
    assert _from_html(bare, url, body=None) == []
