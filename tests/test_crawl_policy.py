"""The crawl's decisions as pure functions: retries, robots.txt, pace, exit codes, the frontier."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from scraper.crawl.frontier import Found, Frontier
from scraper.crawl.lock import CrawlLock, LockHeldError
from scraper.crawl.policy import (
    Politeness,
    after_failure,
    exit_code,
    is_loopback,
    politeness,
    robots_from_response,
    robots_token,
    slowed_down,
)
from scraper.crawl.report import Counts, Reporter, summary_line
from scraper.errors import FetchTimeoutError, HTTPStatusError, TooManyRedirectsError

NOW = datetime(2025, 3, 17, 12, 0, tzinfo=UTC)


def test_a_missing_page_or_a_redirect_loop_is_never_asked_for_again() -> None:
    assert after_failure(HTTPStatusError("u", 404), 1, NOW) is None
    assert after_failure(HTTPStatusError("u", 410), 1, NOW) is None
    assert after_failure(TooManyRedirectsError("u", "loop"), 1, NOW) is None


def test_a_server_error_is_retried_in_later_runs_less_and_less_often_then_given_up() -> None:
    waits = [after_failure(HTTPStatusError("u", 503), n, NOW) for n in range(1, 7)]
    assert waits[0] == NOW + timedelta(hours=1)
    assert waits[1] == NOW + timedelta(hours=2)
    assert waits[4] == NOW + timedelta(hours=16)
    assert waits[5] is None  # given up
    assert after_failure(FetchTimeoutError("u", "slow"), 1, NOW) == NOW + timedelta(hours=1)


def test_a_retry_after_longer_than_the_backoff_is_honoured() -> None:
    error = HTTPStatusError("u", 429, retry_after=4 * 3600)
    assert after_failure(error, 1, NOW) == NOW + timedelta(hours=4)


def test_robots_rules_disallow_paths_and_give_the_crawl_delay() -> None:
    robots = robots_from_response(
        200, "User-agent: *\nDisallow: /private/\nCrawl-delay: 5\nSitemap: https://a.test/s.xml\n"
    )
    assert not robots.allows("https://a.test/private/x", "scraper")
    assert robots.allows("https://a.test/news/x", "scraper")
    assert robots.crawl_delay("scraper") == 5.0
    assert robots.sitemaps() == ["https://a.test/s.xml"]


def test_no_robots_file_allows_everything_but_a_failing_one_allows_nothing() -> None:
    assert robots_from_response(404, "").allows("https://a.test/x", "scraper")
    assert not robots_from_response(503, "").allows("https://a.test/x", "scraper")
    assert not robots_from_response(None, None).allows("https://a.test/x", "scraper")


def test_robots_groups_match_our_product_token() -> None:
    assert robots_token("scraper/0.1 (+https://example.org/bot)") == "scraper"
    robots = robots_from_response(
        200, "User-agent: scraper\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    )
    assert not robots.allows("https://a.test/x", robots_token("scraper/0.1"))
    assert robots.allows("https://a.test/x", "otherbot")


def test_crawl_delay_longer_than_the_profile_delay_wins() -> None:
    pace = politeness(
        delay=1.0, concurrency=2, crawl_delay=10, loopback=False, loopback_delays=False
    )
    assert pace == Politeness(10.0, 2)
    pace = politeness(
        delay=3.0, concurrency=2, crawl_delay=1, loopback=False, loopback_delays=False
    )
    assert pace.delay == 3.0


def test_our_own_loopback_server_is_crawled_without_delays_unless_asked() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("example.org") and not is_loopback("10.0.0.1")
    fast = politeness(delay=1.0, concurrency=2, crawl_delay=5, loopback=True, loopback_delays=False)
    assert fast.delay == 0.0 and fast.concurrency >= 2
    kept = politeness(delay=1.0, concurrency=2, crawl_delay=5, loopback=True, loopback_delays=True)
    assert kept.delay == 5.0


def test_a_throttled_host_is_paused_and_slowed_to_one_request_at_a_time() -> None:
    pace, pause = slowed_down(Politeness(2.0, 4), retry_after=30)
    assert pace == Politeness(4.0, 1) and pause == 30
    pace, pause = slowed_down(Politeness(0.0, 8), retry_after=None)
    assert pace.delay >= 1.0 and pause == 0
    pace, pause = slowed_down(Politeness(0.0, 8), retry_after=1, unthrottled=True)
    assert pace == Politeness(0.0, 8) and pause == 1


def test_the_exit_code_reports_failures_only_past_the_threshold() -> None:
    assert exit_code(100, 0, 0.1) == 0
    assert exit_code(100, 10, 0.1) == 0
    assert exit_code(100, 11, 0.1) == 1
    assert exit_code(0, 0, 0.1) == 0


def test_one_page_linked_under_two_spellings_is_queued_once(tmp_path) -> None:
    frontier = Frontier(Database(tmp_path / "f.db"))
    links = [
        Found("https://a.test/news/1?utm_source=x", "a", "article"),
        Found("https://a.test/news/1#comments", "a", "article"),
        Found("https://a.test/news/2", "a", "article"),
    ]
    assert frontier.add(links, NOW) == 2
    assert frontier.add([Found("https://a.test/news/2", "a", "article")], NOW) == 0
    assert len(frontier.due(NOW, limit=10)) == 2


def test_link_sources_are_visited_before_articles(tmp_path) -> None:
    frontier = Frontier(Database(tmp_path / "f.db"))
    frontier.add([Found("https://a.test/news/1", "a", "article")], NOW)
    frontier.add([Found("https://a.test/sitemap.xml", "a", "sitemap")], NOW + timedelta(seconds=1))
    due = frontier.due(NOW + timedelta(seconds=2), limit=10)
    assert [e.kind for e in due] == ["sitemap", "article"]


def test_a_second_lock_on_the_same_archive_is_refused_at_once(tmp_path) -> None:
    with CrawlLock(tmp_path / "archive.db"):
        try:
            CrawlLock(tmp_path / "archive.db").acquire()
        except LockHeldError as exc:
            assert "another crawl is running" in str(exc)
        else:
            raise AssertionError("the second lock was granted")
    with CrawlLock(tmp_path / "archive.db"):  # released: free again
        pass


def test_on_a_terminal_the_progress_line_shows_pages_queue_errors_and_rate() -> None:
    stream = io.StringIO()
    reporter = Reporter(stream, live=True)
    reporter.update(Counts(fetched=40, new=30, failed=2), queued=17, force=True)
    reporter.finish()
    line = stream.getvalue()
    assert line.startswith("\r42 pages | 17 queued") and "2 errors" in line and "pages/s" in line
    assert line.endswith("\n")


def test_under_cron_nothing_is_drawn_and_the_summary_is_one_line() -> None:
    stream = io.StringIO()
    reporter = Reporter(stream, live=False)
    reporter.update(Counts(fetched=5), queued=1, force=True)
    assert stream.getvalue() == ""
    line = summary_line(Counts(fetched=10, new=8, failed=1), queued=3, elapsed=2.0, exit_code=0)
    assert "\n" not in line and "8 new" in line and "1 failed" in line and "exit 0" in line
