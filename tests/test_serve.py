"""`scrape serve`: a real datasette process on an archive of fixture pages, checked over HTTP
and in headless Chromium (Debian's chromium, installed by scripts/test)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner

from scraper.archive import Archive
from scraper.cli import main
from scraper.ingest import ingest_page
from scraper.models import Page
from scraper.profiles import load_profiles

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
T0 = datetime(2025, 12, 22, 6, 0, tzinfo=UTC)
# Debian's chromium; scripts/test installs it. Missing, the browser test fails.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# The Vietnamese article the searches look for, and a diacritic-free query for it.
HUE_HEADLINE = "Mưa lớn gây ngập sâu nhiều tuyến phố ở Huế"
HUE_URL = "https://tinnhanhviet.vn/mua-lon-gay-ngap-sau-nhieu-tuyen-pho-o-hue-4673210.html"
HUE_QUERY = "mua lon Hue"
# Filed today and then revised today: what "changed today" must show.
METRO_FIXTURE = "vn-portal-vi-graph-teasers"
# Filed only while the server runs.
LATE_FIXTURE = "vn-legacy-windows1258"

HIDDEN = ("articles_fts", "articles_fts_data", "minhashes", "minhash_bands", "_sqlite_migrations")


def fixture_page(name: str, *, fetched_at: datetime | None = None) -> Page:
    spec = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    if fetched_at is None:
        fetched_at = datetime.fromisoformat(spec["fetched_at"]) if spec.get("fetched_at") else T0
    return Page(
        requested_url=spec["url"],
        final_url=spec["url"],
        status=200,
        headers={"content-type": spec.get("content_type") or "text/html"},
        content=(FIXTURES / f"{name}.html").read_bytes(),
        fetched_at=fetched_at,
    )


@dataclass(frozen=True)
class Served:
    db_path: Path
    base: str  # http://127.0.0.1:PORT/archive
    metro_id: int

    def get(self, path: str) -> httpx.Response:
        response = httpx.get(self.base + path, timeout=10)
        assert response.status_code == 200, (path, response.text[:500])
        return response

    def rows(self, path: str) -> list[dict[str, object]]:
        sep = "&" if "?" in path else "?"
        rows: list[dict[str, object]] = self.get(path + sep + "_shape=array").json()
        return rows


def build_archive(db_path: Path) -> int:
    """Every fixture page filed as fetched on its day; one Vietnamese article new and revised today."""
    profiles = load_profiles()
    names = sorted(p.stem for p in FIXTURES.glob("*.json"))
    with Archive.open(db_path) as archive:
        for name in names:
            if name not in (METRO_FIXTURE, LATE_FIXTURE):
                ingest_page(archive, fixture_page(name), profiles)
        article, filed = ingest_page(
            archive, fixture_page(METRO_FIXTURE, fetched_at=datetime.now(UTC)), profiles
        )
        edited = replace(article, summary="Tóm tắt đã sửa: lễ khởi công dời sang tuần sau.")
        revised = archive.file(edited, seen_at=datetime.now(UTC))
        assert revised.outcome == "revised"
        return filed.article_id


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`scrape serve` in its own process group, stopped with Ctrl-C (SIGINT) at the end."""
    tmp = tmp_path_factory.mktemp("serve")
    db_path = tmp / "archive.db"
    metro_id = build_archive(db_path)
    port = free_port()
    log = (tmp / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from scraper.cli import main; main()", "serve"]
        + ["--db", str(db_path), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (tmp / "serve.log").read_text(errors="replace")
            try:
                if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "datasette did not answer within 30 s"
            time.sleep(0.2)
        yield Served(db_path, base + "/archive", metro_id)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_search_finds_a_vietnamese_article_by_a_query_without_diacritics(served: Served) -> None:
    rows = served.rows("/search.json?q=" + quote(HUE_QUERY))
    assert rows and rows[0]["headline"] == HUE_HEADLINE
    snippet = str(rows[0]["snippet"])
    # Matches are marked (U+E000 ... U+E001) around the words as the page writes them.
    assert "\ue000Mưa\ue001 \ue000lớn\ue001" in snippet
    # The link is the address the page was fetched from, which a browser can open; the
    # canonical form (https for an http page) is a deduplication key.
    assert rows[0]["url"] == HUE_URL


def test_search_treats_punctuation_in_the_query_as_text_not_syntax(served: Served) -> None:
    rows = served.rows("/search.json?q=" + quote('Hue" OR -mua ('))
    assert isinstance(rows, list)
    assert served.rows("/search.json?q=") == []


def test_articles_page_offers_facets_on_site_section_tags_and_day(served: Served) -> None:
    html = served.get("/articles").text
    for column in ("site", "section", "tags", "published_day"):
        assert f'data-column="{column}"' in html, column
    # The tags facet counts each tag of the JSON list, Vietnamese ones included.
    facets = served.get("/articles.json?_facet_size=max").json()["facet_results"]
    assert {"site", "section", "tags", "published_day"} <= set(facets)
    tag_values = {str(v["value"]) for v in facets["tags"]["results"]}
    assert {"ngập lụt", "metro số 2"} <= tag_values


def test_articles_are_listed_newest_publication_first(served: Served) -> None:
    rows = served.rows("/articles.json?_col=published_at&_size=max")
    times = [datetime.fromisoformat(str(r["published_at"])) for r in rows if r["published_at"]]
    assert len(times) > 10 and times == sorted(times, reverse=True)


def test_foreign_keys_show_the_article_headline(served: Served) -> None:
    html = served.get(f"/revisions?article_id={served.metro_id}").text
    assert "TP HCM khởi công tuyến metro số 2" in html


def test_internal_tables_are_not_listed_on_the_database_page(served: Served) -> None:
    html = served.get("").text
    assert 'href="/archive/articles"' in html and 'href="/archive/search"' in html
    for table in HIDDEN:
        assert f'href="/archive/{table}"' not in html, table


def test_tables_and_columns_carry_descriptions_and_units(served: Served) -> None:
    html = served.get("/fetches").text
    assert "One row per fetch attempt" in html
    assert "Time the fetch took, in milliseconds" in html
    # The shipped stylesheet (compact descriptions, highlighted matches) is linked and served.
    assert '"/scraper-static/archive.css"' in html
    assert "mark" in httpx.get(served.base.rsplit("/", 1)[0] + "/scraper-static/archive.css").text


def test_articles_by_tag_finds_the_tagged_article(served: Served) -> None:
    rows = served.rows("/articles_by_tag.json?tag=" + quote("ngập lụt"))
    assert [r["headline"] for r in rows] == [HUE_HEADLINE]


def test_revisions_of_an_article_show_the_changed_fields_and_previous_values(
    served: Served,
) -> None:
    rows = served.rows(f"/article_revisions.json?article_id={served.metro_id}&url=")
    assert len(rows) == 2
    assert json.loads(str(rows[1]["changed_fields"])) == ["summary"]
    assert json.loads(str(rows[1]["previous"]))["summary"]
    by_url = served.rows("/article_revisions.json?article_id=&url=" + quote(HUE_URL))
    assert len(by_url) == 1 and by_url[0]["current_headline"] == HUE_HEADLINE


def test_what_changed_today_lists_todays_new_and_revised_articles_only(served: Served) -> None:
    rows = served.rows("/changed_today.json")
    assert sorted(str(r["change"]) for r in rows) == ["new", "revised: fetch"]
    assert {r["article_id"] for r in rows} == {served.metro_id}


def test_search_page_in_headless_chromium_shows_the_article(served: Served) -> None:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: scripts/test installs Debian's chromium"
    shot = served.db_path.parent / "search.png"
    url = f"{served.base}/search?q={quote(HUE_QUERY)}"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={served.db_path.parent / 'chromium-profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", url], capture_output=True, timeout=60, check=True
    ).stdout.decode("utf-8")
    assert HUE_HEADLINE in dom
    assert "<mark>Mưa</mark> <mark>lớn</mark>" in dom
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1280,900", url],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000


def test_an_article_filed_while_serving_shows_up_without_a_restart(served: Served) -> None:
    with Archive.open(served.db_path) as archive:
        ingest_page(archive, fixture_page(LATE_FIXTURE), load_profiles())
        # A second writer still holds the file open, as a running crawl would.
        rows = served.rows("/search.json?q=" + quote("nong dan trung mua lua"))
        assert any("Nông dân trúng mùa lúa" in str(r["headline"]) for r in rows)


def test_serving_a_missing_archive_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "scrape crawl --demo" in lines[0] and "scrape url" in lines[0]
