"""`scrape url`, `scrape reextract` and `scrape stats`, judged by what they do to the archive file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from httpserver import MockServer

from scraper.cli import main

PAGE = "/pages/opengraph-only-en.html"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_scrape_url_files_the_page_and_says_whether_it_was_new(
    http_server: MockServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "archive.db"
    code, output = run("url", http_server.url(PAGE), "--db", str(db_path))
    assert code == 0, output
    assert "archive: new" in output
    code, output = run("url", http_server.url(PAGE + "?utm_source=rss"), "--db", str(db_path))
    assert code == 0 and "archive: unchanged" in output
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == 1
    assert db["pages"].count == 1
    assert db["fetches"].count == 2
    headline = db.execute("SELECT headline FROM articles").fetchone()[0]
    assert headline and headline in output


def test_scrape_url_sees_a_changed_article_as_a_revision(
    http_server: MockServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "archive.db"
    assert run("url", http_server.url("/changing"), "--db", str(db_path))[0] == 0
    code, output = run("url", http_server.url("/changing"), "--db", str(db_path))
    assert code == 0 and "archive: revised" in output
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == 1
    assert db["revisions"].count == 2


def test_scrape_url_json_prints_the_record_with_the_filing_outcome(
    http_server: MockServer, tmp_path: Path
) -> None:
    code, output = run("url", http_server.url(PAGE), "--db", str(tmp_path / "a.db"), "--json")
    assert code == 0, output
    record = json.loads(output)
    assert record["headline"] and record["archive"]["outcome"] == "new"


def test_scrape_url_no_archive_writes_nothing(http_server: MockServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.db"
    code, output = run("url", http_server.url(PAGE), "--db", str(db_path), "--no-archive")
    assert code == 0 and "archive:" not in output
    assert not db_path.exists()


def test_a_failed_fetch_is_one_line_exit_1_and_files_no_article(
    http_server: MockServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "archive.db"
    code, output = run("url", http_server.url("/status/404"), "--db", str(db_path))
    assert code == 1
    assert output.startswith("Error: ") and output.count("\n") == 1
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == 0
    assert db.execute("SELECT status, error IS NOT NULL FROM fetches").fetchall() == [(404, 1)]


def test_a_failed_fetch_prints_one_line_in_a_real_shell(
    http_server: MockServer, tmp_path: Path
) -> None:
    """Run as a user would (no test harness catching log records): one line, on stderr."""
    command = [sys.executable, "-c", "from scraper.cli import main; main()"]
    db = str(tmp_path / "archive.db")
    done = subprocess.run(
        [*command, "url", http_server.url("/status/404"), "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, done.stderr


def test_reextract_runs_over_stored_pages_and_records_changes(
    http_server: MockServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "archive.db"
    run("url", http_server.url(PAGE), "--db", str(db_path))
    db = sqlite_utils.Database(db_path)
    db.execute("UPDATE articles SET headline = 'stale headline'")
    db.conn.commit()
    code, output = run("reextract", "--db", str(db_path))
    assert code == 0, output
    assert "re-extracted 1 pages: 1 revised" in output
    assert db.execute("SELECT headline FROM articles").fetchone()[0] != "stale headline"
    assert db.execute("SELECT cause FROM revisions ORDER BY id DESC").fetchone()[0] == "reextract"


def test_stats_lists_sites_days_and_fetch_errors(http_server: MockServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.db"
    run("url", http_server.url(PAGE), "--db", str(db_path))
    run("url", http_server.url("/status/404"), "--db", str(db_path))
    code, output = run("stats", "--db", str(db_path))
    assert code == 0, output
    assert output.startswith("1 articles")
    assert "127.0.0.1" in output
    assert "fetches: 2, errors: 1" in output


def test_commands_on_a_missing_archive_say_so(tmp_path: Path) -> None:
    for command in ("stats", "reextract"):
        code, output = run(command, "--db", str(tmp_path / "none.db"))
        assert code == 1 and "no such archive" in output
        assert not (tmp_path / "none.db").exists()
