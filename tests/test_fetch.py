"""Fetching one page: what a user of ``scrape url`` and the crawl notices.

Integration tests talk to the real server of ``tests/httpserver.py`` on
127.0.0.1; the injected sleep records the waits the retry policy chose instead
of sleeping, so the whole file runs in a few seconds. A few cases that are
simpler to stage in memory use ``httpx.MockTransport``. Nothing is patched.
"""

from __future__ import annotations

import asyncio
import gzip
import pickle
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from httpserver import ETAG, FIXTURES, LAST_MODIFIED, PAGE, MockServer

from scraper import extract
from scraper.errors import (
    ConnectError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    ScraperError,
    TooLargeError,
    TooManyRedirectsError,
)
from scraper.fetch import (
    DEFAULT_USER_AGENT,
    FetchSettings,
    fetch,
    fetch_page,
    is_retryable,
    make_client,
    retry_after_seconds,
    should_retry,
)

FAST = FetchSettings(connect_timeout=1.0, read_timeout=1.0, attempt_timeout=5.0, max_attempts=3)
NO_JITTER = FetchSettings(
    max_attempts=3, backoff_initial=1.0, backoff_max=30.0, backoff_jitter=0.0, read_timeout=1.0
)


class RecordedSleeps(list[float]):
    """An async sleep that only writes down how long it was asked to wait."""

    async def __call__(self, seconds: float) -> None:
        self.append(float(seconds))


@pytest.fixture
def sleeps() -> RecordedSleeps:
    return RecordedSleeps()


def fixture_bytes(name: str = PAGE) -> bytes:
    return (FIXTURES / "pages" / name).read_bytes()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- retries against a real server ---------------------------------------------------


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_in_seconds_is_waited_then_the_page_arrives(
    http_server: MockServer, sleeps: RecordedSleeps, status: int
) -> None:
    page = fetch(
        http_server.url(f"/retry-after/2?after=3&status={status}"), settings=FAST, sleep=sleeps
    )
    assert page.status == 200
    assert page.content == fixture_bytes()
    assert sleeps == [3.0, 3.0]
    assert http_server.hits("/retry-after/2") == 3


def test_retry_after_as_an_http_date_waits_until_that_moment(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    page = fetch(http_server.url("/retry-after/1?after=5&date=1"), settings=FAST, sleep=sleeps)
    assert page.status == 200
    assert len(sleeps) == 1
    assert 3.5 < sleeps[0] <= 5.0  # the date has whole-second resolution


def test_retry_after_longer_than_the_wait_budget_gives_up_at_once_and_says_how_long(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        fetch(http_server.url("/retry-after/1?after=3600"), settings=FAST, sleep=sleeps)
    assert caught.value.status == 429
    assert caught.value.retry_after == 3600.0
    assert sleeps == []
    assert http_server.hits("/retry-after/1") == 1


def test_server_error_then_ok_succeeds_after_one_jittered_backoff(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    settings = FetchSettings(backoff_initial=1.0, backoff_jitter=0.5, read_timeout=1.0)
    page = fetch(http_server.url("/fail-then-ok/1"), settings=settings, sleep=sleeps)
    assert page.status == 200
    assert http_server.hits("/fail-then-ok/1") == 2
    assert len(sleeps) == 1
    assert 1.0 <= sleeps[0] <= 1.5


def test_persistent_server_error_backs_off_exponentially_then_raises_the_last_status(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        fetch(http_server.url("/status/502"), settings=NO_JITTER, sleep=sleeps)
    assert caught.value.status == 502
    assert sleeps == [1.0, 2.0]
    assert http_server.hits("/status/502") == 3


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_client_error_fails_at_once_without_retry(
    http_server: MockServer, sleeps: RecordedSleeps, status: int
) -> None:
    url = http_server.url(f"/status/{status}")
    with pytest.raises(HTTPStatusError) as caught:
        fetch(url, settings=FAST, sleep=sleeps)
    assert caught.value.status == status
    assert caught.value.url == url
    assert sleeps == []
    assert http_server.hits(f"/status/{status}") == 1


def test_read_timeouts_are_retried_then_raise_fetch_timeout(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    settings = FetchSettings(read_timeout=0.2, max_attempts=2)
    with pytest.raises(FetchTimeoutError):
        fetch(http_server.url("/delay/2"), settings=settings, sleep=sleeps)
    assert http_server.hits("/delay/2") == 2
    assert len(sleeps) == 1


def test_a_trickling_server_cannot_hold_a_fetch_past_the_attempt_timeout(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    settings = FetchSettings(read_timeout=1.0, attempt_timeout=0.3, max_attempts=1)
    with pytest.raises(FetchTimeoutError):
        fetch(http_server.url("/drip?seconds=0.1&chunks=50"), settings=settings, sleep=sleeps)


def test_a_dropped_connection_is_retried(http_server: MockServer, sleeps: RecordedSleeps) -> None:
    page = fetch(http_server.url("/drop/1"), settings=FAST, sleep=sleeps)
    assert page.status == 200
    assert len(sleeps) == 1


def test_nobody_listening_raises_connect_error_after_the_retries(sleeps: RecordedSleeps) -> None:
    settings = FetchSettings(connect_timeout=1.0, max_attempts=2)
    with pytest.raises(ConnectError) as caught:
        fetch(f"http://127.0.0.1:{free_port()}/", settings=settings, sleep=sleeps)
    assert len(sleeps) == 1
    assert isinstance(caught.value.__cause__, httpx.ConnectError)  # the original, kept as cause


# --- size, redirects, identity, conditional GET ----------------------------------------


@pytest.mark.parametrize("chunked", ["0", "1"], ids=["content-length", "chunked"])
def test_a_response_over_the_size_cap_is_refused_and_not_retried(
    http_server: MockServer, sleeps: RecordedSleeps, chunked: str
) -> None:
    settings = FetchSettings(max_bytes=64 * 1024)
    with pytest.raises(TooLargeError) as caught:
        fetch(
            http_server.url(f"/big?size=200000&chunked={chunked}"), settings=settings, sleep=sleeps
        )
    assert caught.value.limit == 64 * 1024
    assert sleeps == []
    assert http_server.hits("/big") == 1


def test_a_response_exactly_at_the_cap_is_read_whole(http_server: MockServer) -> None:
    settings = FetchSettings(max_bytes=5000)
    page = fetch(http_server.url("/big?size=5000&chunked=1"), settings=settings)
    assert len(page.content) == 5000


def test_redirects_are_followed_and_the_final_url_recorded(http_server: MockServer) -> None:
    start = http_server.url("/redirect-to?url=/pages/amp-en.html&status=301")
    page = fetch(start, settings=FAST)
    assert page.requested_url == start
    assert page.final_url == http_server.url("/pages/amp-en.html")
    assert page.status == 200
    assert page.content == fixture_bytes("amp-en.html")


def test_a_redirect_loop_stops_at_the_redirect_limit(
    http_server: MockServer, sleeps: RecordedSleeps
) -> None:
    settings = FetchSettings(max_redirects=3)
    with pytest.raises(TooManyRedirectsError):
        fetch(http_server.url("/redirect-loop"), settings=settings, sleep=sleeps)
    assert http_server.hits("/redirect-loop") == 4
    assert sleeps == []


def test_the_user_agent_names_the_project_and_a_contact_url(http_server: MockServer) -> None:
    fetch(http_server.url("/headers"), settings=FAST)
    sent = http_server.requests_to("/headers")[0].headers["user-agent"]
    assert sent == DEFAULT_USER_AGENT
    assert sent.startswith("scraper/")
    assert "+https://github.com/scraper-news/scraper" in sent


def test_a_configured_user_agent_replaces_the_default(http_server: MockServer) -> None:
    settings = FetchSettings(user_agent="archive-bot/2 (+mailto:desk@example.org)")
    fetch(http_server.url("/headers"), settings=settings)
    assert http_server.requests_to("/headers")[0].headers["user-agent"] == settings.user_agent


def test_conditional_get_with_the_etag_gives_a_304_page_with_no_content(
    http_server: MockServer,
) -> None:
    first = fetch(http_server.url("/etag"), settings=FAST)
    assert first.status == 200
    assert first.headers["etag"] == ETAG
    again = fetch(
        http_server.url("/etag"), settings=FAST, headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status == 304
    assert again.content == b""
    assert again.headers["etag"] == ETAG


def test_conditional_get_with_last_modified_gives_a_304_page(http_server: MockServer) -> None:
    since = format_datetime(LAST_MODIFIED, usegmt=True)
    page = fetch(http_server.url("/etag"), settings=FAST, headers={"If-Modified-Since": since})
    assert page.status == 304


def test_a_stale_etag_gets_the_full_page(http_server: MockServer) -> None:
    page = fetch(http_server.url("/etag"), settings=FAST, headers={"If-None-Match": '"old"'})
    assert page.status == 200
    assert page.content == fixture_bytes()


def test_the_header_charset_reaches_extract_through_the_page(http_server: MockServer) -> None:
    page = fetch(http_server.url("/pages/ko-daily-euckr-header.html"), settings=FAST)
    assert page.content_type == "text/html; charset=euc-kr"
    assert all(key == key.lower() for key in page.headers)
    article = extract(page.content, page.final_url, content_type=page.content_type)
    assert article.headline == "부산 북항 재개발 2단계 사업 본격 착수"


def test_a_page_records_when_it_was_fetched_and_how_long_it_took(http_server: MockServer) -> None:
    before = datetime.now(UTC)
    page = fetch(http_server.url("/pages/amp-en.html"), settings=FAST)
    assert page.fetched_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= page.fetched_at <= datetime.now(UTC)
    assert page.elapsed_ms > 0


def test_the_changing_page_differs_between_two_fetches(http_server: MockServer) -> None:
    first = fetch(http_server.url("/changing"), settings=FAST)
    second = fetch(http_server.url("/changing"), settings=FAST)
    third = fetch(http_server.url("/changing"), settings=FAST)
    assert first.content != second.content
    assert second.content == third.content


def test_a_shared_client_is_reused_and_left_open(http_server: MockServer) -> None:
    async def crawl() -> tuple[list[int], bool]:
        async with make_client(FAST) as client:
            pages = await asyncio.gather(
                *(fetch_page(http_server.url(f"/status/20{i}"), client=client) for i in range(3))
            )
            return [p.status for p in pages], client.is_closed

    statuses, closed = asyncio.run(crawl())
    assert statuses == [200, 201, 202]
    assert closed is False


def test_urls_we_cannot_fetch_raise_invalid_url(sleeps: RecordedSleeps) -> None:
    for url in ("ftp://example.org/file", "example.org/no-scheme"):
        with pytest.raises(InvalidURLError):
            fetch(url, sleep=sleeps)
    assert sleeps == []


# --- in memory: httpx.MockTransport ----------------------------------------------------


def test_a_compressed_body_is_capped_by_its_decoded_size() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 500_000)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=bomb, headers={"content-encoding": "gzip"})

    settings = FetchSettings(max_bytes=100_000)

    async def run() -> None:
        async with make_client(settings, transport=httpx.MockTransport(handler)) as client:
            await fetch_page("https://news.example/bomb", client=client, settings=settings)

    assert len(bomb) < 100_000
    with pytest.raises(TooLargeError):
        asyncio.run(run())


def test_each_attempt_sends_the_conditional_headers(sleeps: RecordedSleeps) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("if-none-match"))
        if len(seen) == 1:
            return httpx.Response(503, headers={"retry-after": "2"})
        return httpx.Response(304)

    async def run() -> int:
        async with make_client(FAST, transport=httpx.MockTransport(handler)) as client:
            page = await fetch_page(
                "https://news.example/a",
                client=client,
                settings=FAST,
                sleep=sleeps,
                headers={"If-None-Match": '"x"'},
            )
            return page.status

    assert asyncio.run(run()) == 304
    assert seen == ['"x"', '"x"']
    assert sleeps == [2.0]


# --- pure policy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "retry"),
    [
        (200, False),
        (304, False),
        (400, False),
        (404, False),
        (410, False),
        (408, True),
        (429, True),
        (500, True),
        (501, False),
        (502, True),
        (503, True),
        (504, True),
        (505, False),
    ],
)
def test_should_retry_only_transient_statuses(status: int, retry: bool) -> None:
    assert should_retry(status) is retry


NOW = datetime(2024, 3, 15, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("Fri, 15 Mar 2024 12:00:30 GMT", 30.0),
        ("Fri, 15 Mar 2024 11:00:00 GMT", 0.0),  # already past: go now
        ("Friday, 15-Mar-24 12:01:00 GMT", 60.0),  # the obsolete RFC 850 form
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_seconds_reads_both_header_forms(
    value: str | None, seconds: float | None
) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def test_is_retryable_only_for_transient_failures() -> None:
    url = "https://news.example/a"
    assert is_retryable(FetchTimeoutError(url, "read"))
    assert is_retryable(ConnectError(url, "refused"))
    assert is_retryable(HTTPStatusError(url, 503))
    assert not is_retryable(HTTPStatusError(url, 404))
    assert not is_retryable(TooLargeError(url, 10))
    assert not is_retryable(TooManyRedirectsError(url))
    assert not is_retryable(ValueError("a bug is not a network problem"))


def test_fetch_errors_are_scraper_errors_that_survive_pickling() -> None:
    error = HTTPStatusError("https://a.example/x", 429, "https://a.example/y", 30.0)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, HTTPStatusError)
    assert isinstance(copy, FetchError) and isinstance(copy, ScraperError)
    assert (copy.url, copy.status, copy.final_url, copy.retry_after) == (
        "https://a.example/x",
        429,
        "https://a.example/y",
        30.0,
    )
    assert str(copy) == "https://a.example/x: HTTP 429"


def test_the_fetch_surface_is_pinned() -> None:
    import scraper.fetch

    assert sorted(scraper.fetch.__all__) == [
        "DEFAULT",
        "DEFAULT_USER_AGENT",
        "FetchSettings",
        "Sleep",
        "fetch",
        "fetch_page",
        "is_retryable",
        "make_client",
        "retry_after_seconds",
        "retrying",
        "should_retry",
    ]
    for name in scraper.fetch.__all__:
        assert hasattr(scraper.fetch, name), name
