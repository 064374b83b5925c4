"""The bundled demo portal (scraper/demo.py over fixtures/demo-portal/site), over real HTTP."""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.robotparser import RobotFileParser

import httpx
import pytest

from scraper import extract
from scraper.demo import (
    CHANGING_PATH,
    FAIL_ONCE_PATH,
    LOOP_PATH,
    PRIVATE_PATH,
    REDIRECT_PATH,
    SITE_DIR,
    SLOW_PATH,
    THROTTLED_PATH,
    DemoPortal,
    DemoSiteMissingError,
)
from scraper.profiles import profile_for_url

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def _running() -> Iterator[DemoPortal]:
    with DemoPortal(slow_seconds=1.0) as portal:
        yield portal


@pytest.fixture
def portal(_running: DemoPortal) -> DemoPortal:
    _running.reset()
    return _running


@pytest.fixture
def client(portal: DemoPortal) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=portal.base_url, timeout=10) as c:
        yield c


def article_urls(portal: DemoPortal) -> set[str]:
    return {portal.url(p) for p in portal.article_paths}


def test_portal_has_over_sixty_articles_in_five_sections(portal: DemoPortal) -> None:
    paths = portal.article_paths
    assert len(paths) >= 60
    assert {p.split("/")[1] for p in paths} == {"local", "business", "sport", "culture", "opinion"}


def test_sitemap_index_points_to_a_plain_and_a_gzipped_child_covering_every_article(
    portal: DemoPortal, client: httpx.Client
) -> None:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SM}sitemapindex"
    children = [loc.text or "" for loc in index.iter(f"{SM}loc")]
    assert len(children) == 2
    assert any(c.endswith(".xml.gz") for c in children)
    found: set[str] = set()
    for child in children:
        assert child.startswith(portal.base_url + "/")
        response = client.get(child)
        assert response.status_code == 200
        data = gzip.decompress(response.content) if child.endswith(".gz") else response.content
        urlset = ET.fromstring(data)
        assert urlset.tag == f"{SM}urlset"
        found |= {loc.text or "" for loc in urlset.iter(f"{SM}loc")}
    assert found == article_urls(portal)


def test_news_sitemap_lists_the_latest_articles_with_publication_dates(
    portal: DemoPortal, client: httpx.Client
) -> None:
    root = ET.fromstring(client.get("/sitemaps/news.xml").content)
    entries = root.findall(f"{SM}url")
    assert entries
    for entry in entries:
        assert entry.findtext(f"{SM}loc") in article_urls(portal)
        assert entry.findtext(f"{NEWS}news/{NEWS}publication_date", "").startswith("2025-03-")


def test_rss_and_atom_feeds_list_articles_of_this_server(
    portal: DemoPortal, client: httpx.Client
) -> None:
    rss = client.get("/feed.xml")
    assert rss.headers["content-type"].startswith("application/rss+xml")
    links = [link.text for link in ET.fromstring(rss.content).iter("link")]
    items = [link for link in links if link in article_urls(portal)]
    assert len(items) >= 10
    atom = ET.fromstring(client.get("/culture/atom.xml").content)
    hrefs = [link.get("href") for link in atom.iter(f"{ATOM}link") if link.get("rel") != "self"]
    hrefs = [h for h in hrefs if h != portal.url("/culture/")]
    assert hrefs and all(h in article_urls(portal) and "/culture/" in h for h in hrefs)


def test_robots_txt_disallows_the_private_page_that_the_site_links_to(
    portal: DemoPortal, client: httpx.Client
) -> None:
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").text.splitlines())
    assert not robots.can_fetch("scraper-test", portal.url(PRIVATE_PATH))
    assert robots.can_fetch("scraper-test", portal.url(CHANGING_PATH))
    assert robots.crawl_delay("scraper-test") is None
    assert f'href="{PRIVATE_PATH}"' in client.get("/").text
    assert portal.hits[PRIVATE_PATH] == 0


def test_hits_count_requests_per_path(portal: DemoPortal, client: httpx.Client) -> None:
    client.get("/local/")
    client.get("/local/?utm_source=x")
    assert portal.hits["/local/"] == 2
    assert portal.hits[PRIVATE_PATH] == 0


def test_conditional_get_answers_304_to_a_matching_etag_or_date(client: httpx.Client) -> None:
    first = client.get("/business/")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get("/business/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/business/", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/business/", headers={"If-None-Match": '"stale"'}).status_code == 200
    older = "Mon, 03 Feb 2025 08:00:00 GMT"
    assert client.get("/business/", headers={"If-Modified-Since": older}).status_code == 200


def test_every_served_file_carries_validators(portal: DemoPortal, client: httpx.Client) -> None:
    for path in ["/", "/robots.txt", "/sitemap.xml", "/sitemaps/articles-2.xml.gz", CHANGING_PATH]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["etag"] and response.headers["last-modified"], path


def test_changing_article_changes_after_bump(portal: DemoPortal, client: httpx.Client) -> None:
    before = client.get(CHANGING_PATH)
    portal.bump()
    after = client.get(CHANGING_PATH, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    old = extract(before.text, portal.url(CHANGING_PATH))
    new = extract(after.text, portal.url(CHANGING_PATH))
    assert new.headline == old.headline
    assert new.body_text != old.body_text
    assert old.modified_at and new.modified_at and new.modified_at > old.modified_at


def test_old_url_redirects_permanently_to_an_article(
    portal: DemoPortal, client: httpx.Client
) -> None:
    assert f'href="{REDIRECT_PATH}"' in client.get("/").text
    response = client.get(REDIRECT_PATH, follow_redirects=True)
    assert [r.status_code for r in response.history] == [301]
    assert str(response.url) in article_urls(portal)
    assert response.status_code == 200


def test_fail_once_page_answers_500_then_200(client: httpx.Client) -> None:
    assert client.get(FAIL_ONCE_PATH).status_code == 500
    assert client.get(FAIL_ONCE_PATH).status_code == 200


def test_throttled_page_answers_429_with_retry_after_then_200(client: httpx.Client) -> None:
    first = client.get(THROTTLED_PATH)
    assert first.status_code == 429
    assert first.headers["retry-after"] == "1"
    assert client.get(THROTTLED_PATH).status_code == 200


def test_slow_page_answers_only_after_the_delay(portal: DemoPortal, client: httpx.Client) -> None:
    started = time.monotonic()
    assert client.get(SLOW_PATH).status_code == 200
    assert time.monotonic() - started >= portal.slow_seconds


def test_redirect_loop_never_reaches_a_page(client: httpx.Client) -> None:
    with pytest.raises(httpx.TooManyRedirects):
        client.get(LOOP_PATH, follow_redirects=True)


def test_section_fronts_paginate_through_every_article(
    portal: DemoPortal, client: httpx.Client
) -> None:
    found: set[str] = set()
    for section in portal.profile().sections:
        url: str | None = section
        pages = 0
        while url:
            html = client.get(url).text
            pages += 1
            found |= {
                portal.url(h) for h in HREF.findall(html) if portal.url(h) in article_urls(portal)
            }
            nxt = re.search(r'<a class="next" rel="next" href="([^"]+)"', html)
            url = portal.url(nxt.group(1)) if nxt else None
        assert pages >= 2, section
    assert found == article_urls(portal)


def test_profile_covers_this_server_and_matches_only_article_urls(portal: DemoPortal) -> None:
    profile = portal.profile()
    assert profile_for_url(portal.url("/"), [profile]) is profile
    pattern = re.compile(profile.article_url_pattern or "")
    assert all(pattern.match(u) for u in article_urls(portal))
    for other in ["/", "/local/", "/local/page/2/", "/tags/football/", PRIVATE_PATH, REDIRECT_PATH]:
        assert not pattern.match(portal.url(other))
    assert all(u.startswith(portal.base_url) for u in profile.sitemaps + profile.feeds)


def test_every_article_extracts_with_headline_date_body_and_related_teasers(
    portal: DemoPortal, client: httpx.Client
) -> None:
    client.get(FAIL_ONCE_PATH)
    client.get(THROTTLED_PATH)
    urls = article_urls(portal)
    profile = portal.profile()
    for url in sorted(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        record = extract(
            response.content,
            url,
            profile=profile,
            content_type=response.headers["content-type"],
        )
        assert record.headline, url
        day = re.search(r"/(\d{4})/(\d{2})/(\d{2})/", url)
        assert day and record.published_at, url
        assert record.published_at.date().isoformat() == "-".join(day.groups()), url
        assert len(record.body_paragraphs) >= 4, url
        targets = [t.url for t in record.teasers]
        assert 3 <= len(targets) <= 5, url
        assert set(targets) <= urls - {url}, url


def test_built_site_matches_its_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("demo_build", SITE_DIR.parent / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "demo_build", module)
    spec.loader.exec_module(module)
    built: dict[str, bytes] = module.build()
    on_disk = {
        str(p.relative_to(SITE_DIR)): p.read_bytes() for p in SITE_DIR.rglob("*") if p.is_file()
    }
    stale = sorted(k for k in built.keys() | on_disk.keys() if built.get(k) != on_disk.get(k))
    assert not stale, f"rerun fixtures/demo-portal/build.py: {stale[:5]}"


def test_missing_site_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DemoSiteMissingError, match="build.py"):
        DemoPortal(tmp_path / "nowhere")
