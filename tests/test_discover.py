"""Discovery: sitemaps, feeds and listing pages lead the crawl to articles, and only in scope."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scraper.discover import (
    in_scope,
    is_article_url,
    listing_links,
    next_revisit,
    parse_feed,
    parse_sitemap,
)
from scraper.profiles import profile_from_dict

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo-portal" / "site"
SITE = profile_from_dict({"name": "news", "domains": ["news.example"]})

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example/sitemaps/2025-03.xml.gz</loc>
    <lastmod>2025-03-17T12:05:00+00:00</lastmod></sitemap>
  <sitemap><loc>/sitemaps/2025-02.xml</loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://news.example/local/2025/03/17/flood-alert?utm_source=sitemap</loc>
    <lastmod>2025-03-17</lastmod>
    <image:image><image:loc>https://cdn.example/flood.jpg</image:loc></image:image></url>
  <url><loc>https://news.example/sport/2025/03/16/cup-final</loc></url>
</urlset>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/politics/budget-vote-tonight</loc>
    <news:news>
      <news:publication><news:name>News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-03-17T06:45:00+01:00</news:publication_date>
      <news:title>Budget vote tonight</news:title>
    </news:news></url>
</urlset>"""


def urls(links: list) -> list[str]:
    return [link.url for link in links]


def test_sitemap_index_leads_to_its_child_sitemaps() -> None:
    result = parse_sitemap(INDEX, "https://news.example/sitemap.xml")
    assert urls(result.sitemaps) == [
        "https://news.example/sitemaps/2025-03.xml.gz",
        "https://news.example/sitemaps/2025-02.xml",
    ]
    assert result.urls == []
    assert result.sitemaps[0].lastmod == datetime(2025, 3, 17, 12, 5, tzinfo=UTC)


def test_gzipped_child_sitemap_parses_whatever_its_name() -> None:
    result = parse_sitemap(gzip.compress(URLSET), "https://news.example/sitemaps/2025-03.xml")
    assert urls(result.urls) == [
        "https://news.example/local/2025/03/17/flood-alert",
        "https://news.example/sport/2025/03/16/cup-final",
    ]
    assert result.urls[0].lastmod == datetime(2025, 3, 17, tzinfo=UTC)


def test_image_locations_are_not_pages() -> None:
    result = parse_sitemap(URLSET, "https://news.example/sitemap.xml")
    assert not any("cdn.example" in u for u in urls(result.urls))


def test_google_news_sitemap_gives_publication_dates() -> None:
    (link,) = parse_sitemap(NEWS, "https://news.example/news-sitemap.xml").urls
    assert link.published == datetime(2025, 3, 17, 5, 45, tzinfo=UTC)
    assert link.title == "Budget vote tonight"


def test_broken_sitemap_still_yields_its_locations() -> None:
    cut = URLSET.replace(b"</urlset>", b"").replace(b"<lastmod>2025-03-17</lastmod>", b"<lastmod>")
    result = parse_sitemap(
        cut + b"<url><loc>https://news.example/a&amp;b-story-x1", "https://news.example/s.xml"
    )
    assert "https://news.example/sport/2025/03/16/cup-final" in urls(result.urls)
    assert "https://news.example/local/2025/03/17/flood-alert" in urls(result.urls)


def test_sitemap_of_unescaped_ampersands_is_read_leniently() -> None:
    body = b"<urlset><url><loc>https://news.example/story?id=12&cat=3</loc></url></urlset>"
    assert urls(parse_sitemap(body, "https://news.example/s.xml").urls) == [
        "https://news.example/story?cat=3&id=12"
    ]


def test_plain_text_sitemap_lists_one_url_a_line() -> None:
    body = b"https://news.example/a-long-story-title\n\nhttps://news.example/b-long-story-title\n"
    assert len(parse_sitemap(body, "https://news.example/sitemap.txt").urls) == 2


def test_http_and_https_spellings_share_one_key_but_keep_the_fetchable_href() -> None:
    body = (
        b"<urlset><url><loc>http://news.example/Story-one-two?utm_medium=x#top</loc></url></urlset>"
    )
    (link,) = parse_sitemap(body, "http://news.example/sitemap.xml").urls
    assert link.url == "https://news.example/Story-one-two"
    assert link.href == "http://news.example/Story-one-two?utm_medium=x"


RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>News</title><link>https://news.example/</link>
<item><title>Flood alert</title><link>https://news.example/local/flood-alert-issued-today</link>
<pubDate>Mon, 17 Mar 2025 06:45:00 +0000</pubDate></item>
<item><title>No link</title><guid isPermaLink="true">https://news.example/sport/cup-final-report-x</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:x</id>
<updated>2025-03-17T12:00:00Z</updated>
<entry><title>Theatre season</title><id>urn:1</id>
<link rel="alternate" href="/culture/theatre-season-announced"/>
<published>2025-03-11T14:30:00+01:00</published><updated>2025-03-12T09:00:00Z</updated></entry>
</feed>"""


def test_rss_feed_gives_article_links_with_dates() -> None:
    links = parse_feed(RSS, "https://news.example/feed.xml")
    assert urls(links) == [
        "https://news.example/local/flood-alert-issued-today",
        "https://news.example/sport/cup-final-report-x",
    ]
    assert links[0].published == datetime(2025, 3, 17, 6, 45, tzinfo=UTC)
    assert links[0].title == "Flood alert"


def test_atom_feed_gives_article_links_with_publication_and_update_dates() -> None:
    (link,) = parse_feed(ATOM, "https://news.example/atom.xml")
    assert link.url == "https://news.example/culture/theatre-season-announced"
    assert link.published == datetime(2025, 3, 11, 13, 30, tzinfo=UTC)
    assert link.lastmod == datetime(2025, 3, 12, 9, 0, tzinfo=UTC)


def test_a_feed_offered_as_a_sitemap_is_read_as_a_feed() -> None:
    assert len(parse_sitemap(RSS, "https://news.example/feed.xml").urls) == 2


def test_html_is_no_feed() -> None:
    assert (
        parse_feed(b"<html><body><a href='/x'>x</a></body></html>", "https://news.example/") == []
    )


LISTING = """<html><head><link rel="next" href="/sport/page/2/"></head><body>
<header class="site-header"><nav><a href="/sport/">Sport</a>
  <a href="/local/2025/03/01/menu-promoted-story-in-the-nav/">Promoted</a></nav></header>
<main>
  <article class="card"><header><h2><a href="/sport/2025/03/16/cup-final-ends-in-draw/">Cup final ends in a draw</a></h2></header>
    <a href="/author/jane-doe/">Jane Doe</a> <a href="/tag/football/">Football</a></article>
  <article class="card"><h2><a href="https://news.example/sport/2025/03/15/new-coach-signs-deal/?utm_source=home">New coach</a></h2></article>
  <article class="card"><a href="https://other.example/sport/2025/03/15/someone-elses-story/">Elsewhere</a></article>
  <a href="/sport/2025/03/16/cup-final-ends-in-draw/#comments">12 comments</a>
</main>
<footer><a href="/about/our-team-and-history/">About</a>
  <a href="/local/2025/02/01/footer-linked-old-story/">Old</a></footer>
</body></html>"""


def test_listing_page_gives_its_article_links_and_next_page() -> None:
    result = listing_links(LISTING, "https://news.example/sport/", SITE)
    assert urls(result.articles) == [
        "https://news.example/sport/2025/03/16/cup-final-ends-in-draw/",
        "https://news.example/sport/2025/03/15/new-coach-signs-deal/",
    ]
    assert urls(result.next_pages) == ["https://news.example/sport/page/2/"]


def test_listing_leaves_out_nav_footer_tag_author_and_off_site_links() -> None:
    found = " ".join(urls(listing_links(LISTING, "https://news.example/sport/", SITE).articles))
    for left_out in ("menu-promoted", "footer-linked", "/author/", "/tag/", "other.example"):
        assert left_out not in found


@pytest.mark.parametrize(
    ("page_url", "pager", "expected"),
    [
        (
            "https://news.example/sport/",
            '<a href="/sport/page/2/">2</a><a href="/sport/page/3/">3</a>',
            "https://news.example/sport/page/2/",
        ),
        (
            "https://news.example/sport/page/2/",
            '<a href="/sport/">1</a><a href="/sport/page/3/">3</a>',
            "https://news.example/sport/page/3/",
        ),
        (
            "https://news.example/sport?page=4",
            '<a href="?page=3">3</a><a href="?page=5">5</a>',
            "https://news.example/sport?page=5",
        ),
        (
            "https://news.example/sport/",
            '<a href="/sport/older-list-x">Next ›</a>',
            "https://news.example/sport/older-list-x",
        ),
        (
            "https://news.example/sport/",
            '<a href="/sport/liste-zwei">Weiter</a>',
            "https://news.example/sport/liste-zwei",
        ),
        (
            "https://news.example/the-thao/",
            '<a href="/the-thao/trang-2.html">Trang sau</a>',
            "https://news.example/the-thao/trang-2.html",
        ),
        (
            "https://news.example/sport/",
            '<li class="pagination-next"><a href="/sport/x/">»</a></li>',
            "https://news.example/sport/x/",
        ),
    ],
)
def test_listing_finds_the_next_page_however_it_is_marked(
    page_url: str, pager: str, expected: str
) -> None:
    html = f"<html><body><main><div class='pager'>{pager}</div></main></body></html>"
    assert urls(listing_links(html, page_url, SITE).next_pages)[:1] == [expected]


def test_a_next_link_to_an_article_is_not_a_listing_page() -> None:
    html = '<html><body><a href="/sport/2025/03/16/cup-final-ends-in-draw/">Next</a></body></html>'
    assert listing_links(html, "https://news.example/sport/", SITE).next_pages == []


def test_demo_portal_section_page_lists_its_stories_and_page_two() -> None:
    page = DEMO / "opinion" / "index.html"
    if not page.exists():
        pytest.skip("demo portal not built")
    profile = profile_from_dict({"name": "demo", "domains": ["riverside-chronicle.test"]})
    result = listing_links(page.read_bytes(), "http://riverside-chronicle.test/opinion/", profile)
    assert urls(result.next_pages) == ["https://riverside-chronicle.test/opinion/page/2/"]
    assert len(result.articles) >= 6
    assert all(link.href.startswith("http://riverside-chronicle.test/") for link in result.articles)
    assert not any("/about/" in u or "/private/" in u for u in urls(result.articles))


def test_scope_keeps_to_the_profile_domains_and_their_subdomains() -> None:
    assert in_scope("https://news.example/a", SITE)
    assert in_scope("https://www.news.example/a", SITE)
    assert not in_scope("https://news.example.evil.test/a", SITE)
    assert not in_scope("https://othernews.example/a", SITE)
    assert not in_scope("ftp://news.example/a", SITE)


def test_allowed_domains_and_exclusions_narrow_the_scope() -> None:
    profile = profile_from_dict(
        {
            "name": "n",
            "domains": ["news.example"],
            "allowed_domains": ["en.news.example"],
            "exclude_url_patterns": ["/live/", r"\?print=1"],
        }
    )
    assert in_scope("https://en.news.example/world/a-story-here", profile)
    assert not in_scope("https://de.news.example/welt/eine-geschichte", profile)
    assert not in_scope("https://en.news.example/live/election-night-updates", profile)
    assert not in_scope("https://en.news.example/world/a-story-here?print=1", profile)


def test_profile_article_pattern_decides_what_is_an_article() -> None:
    profile = profile_from_dict(
        {"name": "n", "domains": ["news.example"], "article_url_pattern": r"/a-\d+\.html$"}
    )
    assert is_article_url("http://news.example/world/a-12345.html", profile)
    assert not is_article_url("https://news.example/world/a-long-slug-without-an-id", profile)
    assert is_article_url("https://news.example/world/a-long-slug-without-an-id", SITE)
    assert not is_article_url("https://news.example/tag/world/", SITE)


def test_article_revisits_thin_out_with_age_and_then_stop() -> None:
    first = datetime(2025, 3, 17, 12, 0, tzinfo=UTC)
    assert next_revisit(first, first, SITE) == first + timedelta(hours=1)
    assert next_revisit(first, first + timedelta(hours=2), SITE) == first + timedelta(hours=6)
    assert next_revisit(first, first + timedelta(days=2), SITE) == first + timedelta(days=3)
    assert next_revisit(first, first + timedelta(days=3), SITE) is None


def test_sitemap_with_a_byte_order_mark_and_coarse_dates_parses() -> None:
    body = b'\xef\xbb\xbf\n<?xml version="1.0"?><urlset><url><loc>https://news.example/x-y-z</loc><lastmod>2025-03</lastmod></url></urlset>'
    (link,) = parse_sitemap(body, "https://news.example/sitemap.xml").urls
    assert link.lastmod == datetime(2025, 3, 1, tzinfo=UTC)
