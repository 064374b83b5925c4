"""The crawl against the demo portal on a real 127.0.0.1 server: what a user of ``scrape crawl``
would notice in the archive and in the server's logs.

Extraction runs in this process (``workers=0``) except where the pool itself
is under test, and politeness delays are off for loopback, so the file runs in
seconds. The clock is moved forward instead of waiting for revisits.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from httpserver import MockServer

from scraper.archive import Archive
from scraper.cli import main
from scraper.crawl import (
    CRAWL_FETCH,
    CrawlLock,
    CrawlOptions,
    CrawlResult,
    Found,
    Frontier,
    run_crawl,
)
from scraper.demo import (
    CHANGING_PATH,
    FAIL_ONCE_PATH,
    LOOP_PATH,
    PRIVATE_PATH,
    REDIRECT_PATH,
    SLOW_PATH,
    THROTTLED_PATH,
    DemoPortal,
)
from scraper.profiles import profile_from_dict

#: Quick retries: the fail-once page is asked again after 50 ms, not a second.
QUICK = replace(CRAWL_FETCH, backoff_initial=0.05, backoff_jitter=0.0)
FAST = CrawlOptions(workers=0, fetch=QUICK)


@pytest.fixture
def portal() -> Iterator[DemoPortal]:
    with DemoPortal(slow_seconds=0.3) as served:
        yield served


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive.open(tmp_path / "archive.db") as opened:
        yield opened


class Clock:
    """A clock the test moves forward: revisits come due without waiting hours."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def crawl(
    archive: Archive, portal: DemoPortal, clock: Clock | None = None, **options
) -> CrawlResult:
    opts = CrawlOptions(**{"workers": 0, "fetch": QUICK, **options})
    return asyncio.run(run_crawl(archive, [portal.profile()], options=opts, clock=clock or Clock()))


def article_hits(portal: DemoPortal) -> dict[str, int]:
    hits = portal.hits
    return {path: hits[path] for path in portal.article_paths if hits[path]}


def test_a_crawl_archives_every_article_once_with_its_teasers_linked(
    archive: Archive, portal: DemoPortal
) -> None:
    result = crawl(archive, portal)
    db = archive.db
    total, distinct = db.execute(
        "SELECT count(*), count(DISTINCT canonical_url) FROM articles"
    ).fetchone()
    assert total == distinct == len(portal.article_paths) >= 60
    assert result.counts.new == total and result.exit_code == 0 and result.queued == 0
    linked = db.execute("SELECT count(*) FROM teasers WHERE target_article_id IS NOT NULL")
    assert linked.fetchone()[0] > 50
    # The article that failed once and the throttled one were archived all the same.
    for path in (FAIL_ONCE_PATH, THROTTLED_PATH):
        assert (
            db.execute(
                "SELECT count(*) FROM articles WHERE url = ?", [portal.url(path)]
            ).fetchone()[0]
            == 1
        )


def test_robots_disallowed_pages_are_never_requested_even_when_queued(
    archive: Archive, portal: DemoPortal
) -> None:
    Frontier(archive.db).add([Found(portal.url(PRIVATE_PATH), "demo-portal", "article")], Clock()())
    result = crawl(archive, portal)
    assert portal.hits[PRIVATE_PATH] == 0
    assert result.counts.blocked == 1


def test_a_second_run_fetches_no_article_that_is_not_due(
    archive: Archive, portal: DemoPortal
) -> None:
    crawl(archive, portal)
    portal.reset()
    result = crawl(archive, portal)
    assert article_hits(portal) == {}
    assert result.counts.new == 0 and result.counts.fetched > 0  # listings were re-read
    assert result.counts.not_modified == result.counts.fetched  # ...with conditional GETs


def test_a_due_revisit_uses_conditional_get_and_files_the_changed_story_as_a_revision(
    archive: Archive, portal: DemoPortal
) -> None:
    clock = Clock()
    crawl(archive, portal, clock)
    versions = "SELECT revision_count FROM articles WHERE url = ?"
    before = archive.db.execute(versions, [portal.url(CHANGING_PATH)]).fetchone()[0]
    portal.bump()
    portal.reset()
    clock.now += timedelta(hours=2)  # past the first revisit (1 h)
    result = crawl(archive, portal, clock)
    assert set(article_hits(portal)) == set(portal.article_paths)  # every article re-checked...
    assert result.counts.revised == 1  # ...one changed...
    assert result.counts.not_modified >= len(portal.article_paths) - 1  # ...the rest were 304s
    after = archive.db.execute(versions, [portal.url(CHANGING_PATH)]).fetchone()[0]
    assert after == before + 1
    total = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert total == len(portal.article_paths)
    # A 304 moved last_seen to the time of the revisit.
    last_seen = archive.db.execute("SELECT min(last_seen) FROM articles").fetchone()[0]
    assert datetime.fromisoformat(last_seen) >= clock.now - timedelta(minutes=1)


def test_misbehaving_pages_are_handled_and_do_not_fail_the_run(
    archive: Archive, portal: DemoPortal
) -> None:
    frontier = Frontier(archive.db)
    frontier.add(
        [
            Found(portal.url(path), "demo-portal", "article")
            for path in (LOOP_PATH, REDIRECT_PATH, SLOW_PATH)
        ],
        Clock()(),
    )
    result = crawl(archive, portal)
    assert result.exit_code == 0
    assert result.counts.failed == 1  # the redirect loop, given up for good
    row = archive.db.execute(
        "SELECT next_due, error FROM crawl_frontier WHERE url = ?", [portal.url(LOOP_PATH)]
    ).fetchone()
    assert row[0] is None and "redirect" in row[1].lower()
    # The old URL was followed to its article, filed once whichever link reached it first.
    target = portal.url("/local/2025/03/14/quay-road-bridge-repairs-delayed/")
    rows = archive.db.execute(
        "SELECT id FROM articles WHERE canonical_url = ?", [target.replace("http:", "https:")]
    ).fetchall()
    assert len(rows) == 1
    via_old_url = archive.db.execute(
        "SELECT article_id FROM crawl_frontier WHERE url = ?", [portal.url(REDIRECT_PATH)]
    ).fetchone()[0]
    assert via_old_url == rows[0][0]
    assert portal.hits[SLOW_PATH] == 1


def test_a_long_retry_after_leaves_the_page_for_a_later_run(
    archive: Archive, http_server: MockServer
) -> None:
    profile = profile_from_dict(
        {"name": "throttled", "domains": ["127.0.0.1"], "start_urls": [http_server.url("/nothing")]}
    )
    url = http_server.url("/retry-after/99?after=7200")
    clock = Clock()
    Frontier(archive.db).add([Found(url, "throttled", "article")], clock())
    result = asyncio.run(run_crawl(archive, [profile], options=FAST, clock=clock))
    assert http_server.hits("/retry-after/99") == 1  # asked once, not hammered
    assert result.counts.failed >= 1
    next_due = archive.db.execute(
        "SELECT next_due FROM crawl_frontier WHERE url = ?", [url]
    ).fetchone()[0]
    assert next_due >= (clock.now + timedelta(hours=2)).timestamp() - 1


def test_max_pages_stops_the_run_and_the_next_run_carries_on(
    archive: Archive, portal: DemoPortal
) -> None:
    first = crawl(archive, portal, max_pages=20)
    assert first.stopped == "max-pages" and first.queued > 0
    crawl(archive, portal)
    total, distinct = archive.db.execute(
        "SELECT count(*), count(DISTINCT canonical_url) FROM articles"
    ).fetchone()
    assert total == distinct == len(portal.article_paths)


def test_extraction_in_the_process_pool_files_the_same_articles(
    archive: Archive, portal: DemoPortal
) -> None:
    result = crawl(archive, portal, workers=2)
    assert result.counts.new == len(portal.article_paths)
    assert archive.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_overlapping_run_exits_0_at_once_without_touching_the_archive(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with CrawlLock(db):
        result = CliRunner().invoke(main, ["crawl", "--db", str(db), "--demo"])
    assert result.exit_code == 0
    assert "another crawl is running" in result.output
    assert not db.exists()


def test_a_run_with_wait_starts_once_the_other_run_is_done(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    command = [sys.executable, "-c", "from scraper.cli import main; main()"]
    args = ["crawl", "--db", str(db), "--demo", "--workers", "0", "--wait"]
    with CrawlLock(db):
        waiting = subprocess.Popen(
            [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        time.sleep(1.5)
        assert waiting.poll() is None, "a --wait run must wait for the lock, not exit"
        assert not db.exists()
    output, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 60


def test_an_unknown_site_is_a_configuration_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["crawl", "--db", str(tmp_path / "a.db"), "--site", "nope"])
    assert result.exit_code == 2
    assert "no site profile named nope" in result.output


def test_a_broken_profile_folder_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("name = 'bad'\nstart_urls = 'not a list'\n")
    result = CliRunner().invoke(
        main, ["crawl", "--db", str(tmp_path / "a.db"), "--sites", str(tmp_path)]
    )
    assert result.exit_code == 2


def test_the_demo_command_crawls_into_the_archive_and_says_how_to_browse_it(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    result = CliRunner().invoke(main, ["crawl", "--db", str(db), "--demo", "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert f"scrape serve --db {db}" in result.output
    assert f"datasette {db}" in result.output
    # Not a terminal: no progress line, one summary line.
    assert "\r" not in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("crawl:")]) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 60
    assert (tmp_path / "archive.db.log").read_text().count("GET ") > 60
