"""Fetching one page over HTTP: the only module of scraper that talks to httpx.

One code path, async: ``fetch_page`` is what the crawl runs many of at once,
``fetch`` drives it with ``asyncio.run`` for ``scrape url``. Each call is

    fetch_page ── retrying (tenacity: when to try again, how long to wait)
               └─ _attempt (one GET, redirects followed, body read up to the cap)

Retry policy is plain values (``FetchSettings``) and pure functions
(``should_retry``, ``retry_after_seconds``, ``is_retryable``) composed once in
``retrying``. httpx errors become ``scraper.errors.FetchError`` subclasses at
this boundary; the result is a ``Page`` whatever happened on the wire.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base
from tenacity.wait import wait_base, wait_exponential, wait_random

from .errors import (
    ConnectError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    TooLargeError,
    TooManyRedirectsError,
)
from .models import Page

__all__ = [
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

logger = logging.getLogger(__name__)

#: An async sleep: ``asyncio.sleep`` in production, a recorder in tests.
Sleep = Callable[[float], Awaitable[None]]


def _package_version() -> str:
    try:
        return version("scraper")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "dev"


#: Names the project and where a site operator can reach us, as polite crawlers do.
DEFAULT_USER_AGENT = f"scraper/{_package_version()} (+https://github.com/scraper-news/scraper)"

#: Statuses whose ``Retry-After`` header we honour (RFC 9110 §10.2.3, RFC 6585 §4).
RETRY_AFTER_STATUSES = frozenset({429, 503})

_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
_SECONDS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How one page is fetched: identity, time and size caps, and the retry policy.

    Timeouts are seconds: ``connect_timeout`` to open the connection,
    ``read_timeout`` between two reads, ``attempt_timeout`` for a whole attempt
    (so a server trickling bytes cannot hold a fetch forever). ``max_bytes``
    caps the decoded body. Retries: at most ``max_attempts`` tries, waiting
    ``backoff_initial * 2**n`` (capped at ``backoff_max``) plus up to
    ``backoff_jitter`` random seconds between them, or what ``Retry-After``
    asks; we give up rather than let the waits add up past ``max_total_wait``.
    """

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    attempt_timeout: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    max_attempts: int = 4
    max_total_wait: float = 120.0
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    backoff_jitter: float = 1.0


DEFAULT = FetchSettings()


# --- policy: pure functions over plain values -------------------------------------------


def should_retry(status: int) -> bool:
    """Whether an HTTP status may be different if we ask again later.

    429 (rate limited), 408 (the server gave up waiting for us) and 5xx are
    transient; 501 and 505 say the server cannot do this at all, and any other
    4xx is an answer about the URL itself.
    """
    if status in (408, 429):
        return True
    return 500 <= status <= 599 and status not in (501, 505)


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header value, or None if unusable.

    The header is either delay-seconds or an HTTP date; a date in the past means
    "now" (0). ``now`` is aware and passed in so the rule is testable.
    """
    if value is None:
        return None
    text = value.strip()
    if _SECONDS.fullmatch(text):
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" in an HTTP date still means UTC
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def is_retryable(error: BaseException) -> bool:
    """Whether a failed attempt is worth another: timeouts, lost connections, transient statuses."""
    if isinstance(error, FetchTimeoutError | ConnectError):
        return True
    return isinstance(error, HTTPStatusError) and should_retry(error.status)


class _wait_retry_after(wait_base):
    """Wait what the server asked for in ``Retry-After``, else fall back to backoff."""

    def __init__(self, fallback: wait_base) -> None:
        self.fallback = fallback

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, HTTPStatusError) and error.retry_after is not None:
            return error.retry_after
        return float(self.fallback(retry_state))


class _stop_before_total_wait(stop_base):
    """Stop when the next wait would take the sum of all waits past ``budget`` seconds.

    Counted from the waits themselves, not the clock, so a Retry-After of an
    hour gives up at once and an injected sleep sees the same decisions.
    """

    def __init__(self, budget: float) -> None:
        self.budget = budget

    def __call__(self, retry_state: RetryCallState) -> bool:
        return retry_state.idle_for + retry_state.upcoming_sleep > self.budget


def _log_retry(retry_state: RetryCallState) -> None:
    outcome = retry_state.outcome
    logger.debug(
        "retrying %s in %.2f s after attempt %d: %s",
        retry_state.args[1] if len(retry_state.args) > 1 else "?",
        retry_state.upcoming_sleep,
        retry_state.attempt_number,
        outcome.exception() if outcome is not None else None,
    )


def retrying(settings: FetchSettings = DEFAULT, *, sleep: Sleep = asyncio.sleep) -> AsyncRetrying:
    """The retry policy, composed once: which failures, how long to wait, when to give up.

    The last error is re-raised as is (``reraise``), so callers see our typed
    ``FetchError`` and never tenacity's ``RetryError``.
    """
    backoff = wait_exponential(
        multiplier=settings.backoff_initial, max=settings.backoff_max
    ) + wait_random(0, settings.backoff_jitter)
    return AsyncRetrying(
        stop=stop_after_attempt(settings.max_attempts)
        | _stop_before_total_wait(settings.max_total_wait),
        wait=_wait_retry_after(backoff),
        retry=retry_if_exception(is_retryable),
        sleep=sleep,
        before_sleep=_log_retry,
        reraise=True,
    )


# --- plumbing: one attempt over httpx ---------------------------------------------------


def _timeout(settings: FetchSettings) -> httpx.Timeout:
    return httpx.Timeout(
        settings.read_timeout,
        connect=settings.connect_timeout,
        pool=settings.connect_timeout,
    )


def make_client(
    settings: FetchSettings = DEFAULT, *, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` set up for ``settings``: share one across many fetches.

    The crawl makes one and passes it to every ``fetch_page`` so connections are
    pooled; tests pass ``transport=httpx.MockTransport(handler)``. Timeouts,
    headers and redirect following are applied per request too, but the redirect
    limit lives on the client, so a client made elsewhere keeps its own.
    """
    return httpx.AsyncClient(
        headers={"user-agent": settings.user_agent, "accept": _ACCEPT},
        timeout=_timeout(settings),
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        transport=transport,
    )


def _translate(error: Exception, url: str) -> FetchError:
    """The scraper error for an httpx one; the caller raises it ``from`` the original."""
    name = type(error).__name__
    detail = f"{name}: {error}" if str(error) and str(error) != name else name
    if isinstance(error, httpx.TimeoutException):
        return FetchTimeoutError(url, detail)
    if isinstance(error, httpx.TooManyRedirects):
        return TooManyRedirectsError(url, str(error) or name)
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return InvalidURLError(url, str(error) or name)
    if isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError):
        return ConnectError(url, detail)
    return FetchError(url, detail)


async def _read_capped(response: httpx.Response, url: str, limit: int) -> bytes:
    """The decoded body, refusing it once it passes ``limit`` bytes (stops reading there)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
        raise TooLargeError(url, limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise TooLargeError(url, limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def _attempt(
    client: httpx.AsyncClient, url: str, settings: FetchSettings, headers: dict[str, str]
) -> Page:
    """One GET with redirects followed: a Page, or a FetchError saying why not."""
    started = time.perf_counter()
    fetched_at = datetime.now(UTC)
    try:
        async with (
            asyncio.timeout(settings.attempt_timeout),
            client.stream(
                "GET", url, headers=headers, timeout=_timeout(settings), follow_redirects=True
            ) as response,
        ):
            status = response.status_code
            final_url = str(response.url)
            if not 200 <= status < 400:
                retry_after = None
                if status in RETRY_AFTER_STATUSES:
                    retry_after = retry_after_seconds(
                        response.headers.get("retry-after"), datetime.now(UTC)
                    )
                raise HTTPStatusError(url, status, final_url, retry_after)
            content = await _read_capped(response, url, settings.max_bytes)
            page_headers = dict(response.headers.items())
    except FetchError as ours:
        _log_failure(url, ours, started)
        raise
    except TimeoutError as exc:
        limit = settings.attempt_timeout
        timeout = FetchTimeoutError(url, f"no complete response within {limit} s")
        _log_failure(url, timeout, started)
        raise timeout from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        translated = _translate(exc, url)
        _log_failure(url, translated, started)
        raise translated from exc
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info(
        "GET %s -> %d %s (%d bytes, %.0f ms)", url, status, final_url, len(content), elapsed_ms
    )
    return Page(
        requested_url=url,
        final_url=final_url,
        status=status,
        headers=page_headers,
        content=content,
        fetched_at=fetched_at,
        elapsed_ms=elapsed_ms,
    )


def _log_failure(url: str, error: FetchError, started: float) -> None:
    logger.warning(
        "GET %s failed after %.0f ms: %s", url, (time.perf_counter() - started) * 1000, error.detail
    )


# --- the public entry points ------------------------------------------------------------


async def fetch_page(
    url: str,
    *,
    client: httpx.AsyncClient | None = None,
    settings: FetchSettings = DEFAULT,
    sleep: Sleep = asyncio.sleep,
    headers: dict[str, str] | None = None,
) -> Page:
    """Fetch ``url`` with retries and return the final response as a ``Page``.

    Redirects are followed (``Page.final_url`` is where they ended). ``headers``
    are added to the request, e.g. ``If-None-Match`` / ``If-Modified-Since`` for
    a conditional re-visit: a 304 comes back as a Page with status 304 and empty
    content, not as an error. Raises a ``FetchError`` subclass when no usable
    response came: ``HTTPStatusError`` (4xx/5xx, after retries when transient),
    ``TooLargeError``, ``FetchTimeoutError``, ``ConnectError``,
    ``TooManyRedirectsError`` or ``InvalidURLError``. Without ``client`` a
    client is made for this one call and closed after it.
    """
    request_headers = {"user-agent": settings.user_agent, "accept": _ACCEPT}
    request_headers.update({k.lower(): v for k, v in (headers or {}).items()})
    policy = retrying(settings, sleep=sleep)
    if client is not None:
        return await policy(_attempt, client, url, settings, request_headers)
    async with make_client(settings) as own_client:
        return await policy(_attempt, own_client, url, settings, request_headers)


def fetch(
    url: str,
    *,
    settings: FetchSettings = DEFAULT,
    sleep: Sleep = asyncio.sleep,
    headers: dict[str, str] | None = None,
) -> Page:
    """Blocking ``fetch_page`` for one-off use (``scrape url``); not for inside a running loop."""
    return asyncio.run(fetch_page(url, settings=settings, sleep=sleep, headers=headers))
