"""Crawl decisions as pure functions over plain values: no I/O, no clock, no state.

The engine asks; these answer. Each rule is here so it can be read and tested
on its own (the revisit schedule and the scope are discovery's:
``scraper.discover.next_revisit`` and ``in_scope``):

- ``after_failure`` / ``is_permanent``: when a failed URL is tried again, if ever;
- ``Robots`` / ``robots_from_response``: what robots.txt allows, and its Crawl-delay;
- ``politeness`` / ``slowed_down``: how fast one host may be asked;
- ``exit_code``: whether a run failed badly enough for cron to hear about it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from protego import Protego

from ..errors import (
    FetchError,
    HTTPStatusError,
    InvalidURLError,
    TooLargeError,
    TooManyRedirectsError,
)
from ..fetch import should_retry

__all__ = [
    "EXIT_BAD_CONFIG",
    "EXIT_FAILURES",
    "EXIT_OK",
    "Politeness",
    "Robots",
    "after_failure",
    "exit_code",
    "is_loopback",
    "is_permanent",
    "politeness",
    "robots_from_response",
    "robots_token",
    "slowed_down",
]

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_BAD_CONFIG = 2

#: A transient failure is tried again after 1 h, 2 h, 4 h... at most a day apart.
RETRY_BASE = timedelta(hours=1)
RETRY_MAX = timedelta(days=1)
#: Transient failures in a row after which a URL is given up.
MAX_ATTEMPTS = 6


# --- failures ---------------------------------------------------------------------------


def is_permanent(error: FetchError) -> bool:
    """Whether asking again cannot help: 4xx answers (but 408/429), loops, bad URLs, oversize."""
    if isinstance(error, HTTPStatusError):
        return not should_retry(error.status)
    return isinstance(error, TooManyRedirectsError | InvalidURLError | TooLargeError)


def after_failure(error: FetchError, attempts: int, now: datetime) -> datetime | None:
    """When a URL that just failed for the ``attempts``-th time in a row is due again.

    None means never: the failure is permanent, or transient failures went on
    for ``MAX_ATTEMPTS`` runs. A server that asked for a longer wait
    (``Retry-After``) gets at least that.
    """
    if is_permanent(error) or attempts >= MAX_ATTEMPTS:
        return None
    wait = min(RETRY_BASE * 2 ** max(0, attempts - 1), RETRY_MAX)
    if isinstance(error, HTTPStatusError) and error.retry_after is not None:
        wait = max(wait, timedelta(seconds=error.retry_after))
    return now + wait


def exit_code(attempted: int, failed: int, threshold: float) -> int:
    """The run's exit status: 1 when more than ``threshold`` of the attempted pages failed.

    A few dead links are normal on a news site and must not page anyone at
    3 a.m.; a site that is down or blocking us is worth a non-zero status.
    """
    if failed and attempted and failed / attempted > threshold:
        return EXIT_FAILURES
    return EXIT_OK


# --- robots.txt -------------------------------------------------------------------------


def robots_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against (``scraper/0.1 (+…)`` → scraper)."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


@dataclass(frozen=True, slots=True)
class Robots:
    """What one host's robots.txt says for our user agent.

    ``rules`` None with ``allow_all`` True: no usable file (a 4xx), so
    everything is allowed; ``allow_all`` False with no rules: the file could
    not be read (5xx, network), so nothing is fetched from that host this run.
    """

    rules: Protego | None
    allow_all: bool = True

    def allows(self, url: str, token: str) -> bool:
        """Whether ``url`` may be fetched by an agent named ``token``."""
        if self.rules is None:
            return self.allow_all
        return bool(self.rules.can_fetch(url, token))

    def crawl_delay(self, token: str) -> float | None:
        """The Crawl-delay in seconds for ``token``, or None when the file sets none."""
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(token)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        """The ``Sitemap:`` URLs the file lists."""
        return list(self.rules.sitemaps) if self.rules is not None else []


def robots_from_response(status: int | None, text: str | None) -> Robots:
    """The rules a robots.txt response gives (``status`` None: no response at all).

    2xx: parse it. 4xx: the site has no rules for anyone, allow all (RFC 9309
    §2.3.1.3). 5xx or no answer: treat as disallow-all for now, as RFC 9309
    §2.3.1.4 asks, and try again next run.
    """
    if status is not None and 200 <= status < 300:
        return Robots(Protego.parse(text or ""))
    if status is not None and 400 <= status < 500:
        return Robots(None, allow_all=True)
    return Robots(None, allow_all=False)


# --- politeness -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Politeness:
    """How one host may be asked: ``concurrency`` requests at once, starts ``delay`` s apart."""

    delay: float
    concurrency: int


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (127.0.0.0/8, ::1, localhost): our own test/demo servers."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def politeness(
    *,
    delay: float,
    concurrency: int,
    crawl_delay: float | None,
    loopback: bool,
    loopback_delays: bool,
    loopback_concurrency: int = 4,
) -> Politeness:
    """The pace for one host: the profile's delay, or robots.txt's Crawl-delay when longer.

    A loopback host (our own demo or test server) is asked as fast as the
    crawl can go unless ``loopback_delays`` keeps the rules on (to test them).
    """
    if loopback and not loopback_delays:
        return Politeness(0.0, max(concurrency, loopback_concurrency))
    return Politeness(max(delay, crawl_delay or 0.0), max(1, concurrency))


#: A host that asked us to slow down waits at least this long between requests afterwards...
SLOWDOWN_FLOOR = 1.0
#: ...and never more than this.
SLOWDOWN_CAP = 60.0


def slowed_down(
    pace: Politeness, retry_after: float | None, *, unthrottled: bool = False
) -> tuple[Politeness, float]:
    """After a 429/503 (or a retried failure): the host's new pace, and seconds to pause it.

    The delay doubles (at least ``SLOWDOWN_FLOOR``, at most ``SLOWDOWN_CAP``)
    and concurrency drops to one; the pause is what ``Retry-After`` asked
    (0 without one), so no request reaches the host before then. An
    ``unthrottled`` host (loopback, delays off) keeps its pace and only pauses.
    """
    pause = max(0.0, retry_after or 0.0)
    if unthrottled:
        return pace, pause
    delay = min(SLOWDOWN_CAP, max(SLOWDOWN_FLOOR, pace.delay * 2))
    return Politeness(delay, 1), pause
