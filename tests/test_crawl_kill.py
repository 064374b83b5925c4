"""``scrape crawl`` killed with SIGKILL at several moments, then restarted: nothing committed is
lost, fetched again or filed twice, and the database stays sound.

The demo portal runs in this process (its hit counters survive the kills); the
crawl is the real command in a subprocess, pointed at the portal through a
profile file, with its extraction pool.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.demo import DemoPortal

#: The ``scrape`` command, run from this interpreter.
SCRAPE = (sys.executable, "-c", "from scraper.cli import main; main()")
#: Articles filed before each kill (0: during robots.txt and the sitemaps).
KILL_AFTER = (0, 8, 25, 45)


@pytest.fixture
def portal() -> Iterator[DemoPortal]:
    with DemoPortal(slow_seconds=0.2) as served:
        yield served


def write_profile(folder: Path, portal: DemoPortal) -> None:
    profile = portal.profile()

    def strings(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(f"'{v}'" for v in values) + "]"

    folder.mkdir()
    (folder / "demo.toml").write_text(
        f"name = '{profile.name}'\n"
        f"domains = {strings(profile.domains)}\n"
        f"lang = 'en'\ntimezone = 'Europe/London'\ndate_order = 'DMY'\n"
        f"start_urls = {strings(profile.start_urls)}\n"
        f"sections = {strings(profile.sections)}\n"
        f"sitemaps = {strings(profile.sitemaps)}\n"
        f"feeds = {strings(profile.feeds)}\n"
        f"article_url_pattern = '{profile.article_url_pattern}'\n",
        encoding="utf-8",
    )


def start_crawl(db: Path, sites: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*SCRAPE, "crawl", "--db", str(db), "--sites", str(sites), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def filed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def committed_articles(db: Path, portal: DemoPortal) -> set[str]:
    """Paths of the articles whose visit the frontier recorded as done."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT url FROM crawl_frontier WHERE kind = 'article' AND last_fetched IS NOT NULL"
            " AND article_id IS NOT NULL"
        ).fetchall()
    return {url.removeprefix(portal.base_url) for (url,) in rows}


def test_a_crawl_killed_at_any_moment_resumes_with_nothing_lost_or_repeated(
    tmp_path: Path, portal: DemoPortal
) -> None:
    db, sites = tmp_path / "archive.db", tmp_path / "sites"
    write_profile(sites, portal)
    hits_when_committed: dict[str, int] = {}
    for threshold in KILL_AFTER:
        process = start_crawl(db, sites)
        deadline = time.monotonic() + 60
        while filed(db) < threshold or (threshold == 0 and not portal.hits["/robots.txt"]):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the crawl made no progress"
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if process.stderr:
            process.stderr.close()
        hits = portal.hits
        for path in committed_articles(db, portal):
            hits_when_committed.setdefault(path, hits[path])
    assert hits_when_committed, "no kill came after a commit"

    final = subprocess.run(
        [*SCRAPE, "crawl", "--db", str(db), "--sites", str(sites), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert final.returncode == 0, final.stdout + final.stderr

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT canonical_url) FROM articles"
        ).fetchone()
        due = conn.execute(
            "SELECT count(*) FROM crawl_frontier WHERE kind = 'article' AND next_due <= ?",
            [time.time()],
        ).fetchone()[0]
    assert total == distinct == len(portal.article_paths)
    assert due == 0
    hits = portal.hits
    refetched = {p: (n, hits[p]) for p, n in hits_when_committed.items() if hits[p] != n}
    assert refetched == {}, "committed articles were fetched again"
