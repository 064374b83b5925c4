"""The crawl engine: fetch what the frontier says is due, extract off the event loop, file it.

Wiring, all in ``Crawl``::

    Frontier.due ──▶ scheduler ──▶ _visit (one task per URL, asyncio)
                        │            ├─ robots.txt (once per host per run)
                        │            ├─ host pace: delay, concurrency, pauses after 429/503
                        │            ├─ fetch_page (one shared httpx client, conditional GET)
                        │            ├─ article: extract + prepare in a worker (pool.py) ─▶ batch
                        │            └─ listing/sitemap/feed: discover links ─▶ frontier
                        ├── global concurrency limit, --max-pages, --max-time
                        └── _flush: the batch's articles + frontier rows, one transaction

Every page's outcome is written in one transaction together with its frontier
row (and the ``fetches`` log): articles in batches of up to ``BATCH_PAGES``,
anything else alone. So a run killed at any point loses nothing that was
committed (at most the batch not yet filed, fetched again next run) and
repeats nothing that was: see ``frontier``'s docstring.
Decisions (robots, pace, retries, exit code) are ``policy``'s pure functions;
scope and the revisit schedule are ``scraper.discover``'s.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit

import httpx

from ..archive import Archive, ArchiveError
from ..archive.filing import Prepared, prepare
from ..discover import (
    in_scope,
    is_article_url,
    listing_links,
    next_revisit,
    parse_feed,
    parse_sitemap,
)
from ..errors import FetchError, HTTPStatusError, ScraperError
from ..fetch import FetchSettings, fetch_page, make_client
from ..ingest import extract_page
from ..models import Article, Page, SiteProfile
from .frontier import Entry, Found, Frontier, Kind
from .policy import (
    Politeness,
    Robots,
    after_failure,
    exit_code,
    is_loopback,
    is_permanent,
    politeness,
    robots_from_response,
    robots_token,
    slowed_down,
)
from .pool import ProcessPool
from .report import Counts, Reporter

__all__ = [
    "CRAWL_FETCH",
    "Crawl",
    "CrawlOptions",
    "CrawlResult",
    "Extracted",
    "extract_and_prepare",
    "extract_for_crawl",
    "run_crawl",
]

logger = logging.getLogger(__name__)

#: Fetch settings for the crawl: a server asking for a long wait is left for a later run
#: instead of holding a fetcher for minutes.
CRAWL_FETCH = FetchSettings(max_total_wait=20.0, attempt_timeout=60.0)

#: Extracted pages are filed together, in one transaction with their frontier rows, once
#: this many are waiting or the oldest has waited ``BATCH_SECONDS``: a commit per page
#: cost more than the page's own rows. A kill loses at most this batch, fetched again.
BATCH_PAGES = 32
BATCH_SECONDS = 0.2

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """How one run goes; every field has the default a cron run wants.

    ``workers``: extraction processes (None: one per core; 0: extract in this
    process, for tests and tiny runs). ``concurrency``: requests in flight
    over all hosts. ``max_pages`` counts requests started (robots.txt
    aside); ``max_time`` is wall seconds, after which requests in flight are
    abandoned (their URLs stay due). ``loopback_delays`` keeps politeness on
    for 127.0.0.1 (off by default: it is our own demo or test server).
    ``failure_threshold``: the share of failed pages above which the exit
    code is 1.
    """

    max_pages: int | None = None
    max_time: float | None = None
    workers: int | None = None
    concurrency: int = 16
    loopback_delays: bool = False
    failure_threshold: float = 0.1
    fetch: FetchSettings = CRAWL_FETCH


@dataclass(frozen=True, slots=True)
class CrawlResult:
    """What a run did. ``stopped`` says which limit ended it (None: nothing left that was due)."""

    counts: Counts
    queued: int
    elapsed: float
    exit_code: int
    stopped: str | None = None


def extract_for_crawl(page: Page, profile: SiteProfile | None) -> Article:
    """Extract one fetched page (runs in a pool worker: top-level, picklable in and out)."""
    return extract_page(page, [profile] if profile is not None else [])[0]


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article page as a pool worker hands it back: ready to file, plus its article links.

    ``links`` are the teasers in the profile's article scope, as (url, canonical key).
    """

    prepared: Prepared
    links: tuple[tuple[str, str], ...]


def extract_and_prepare(page: Page, profile: SiteProfile, seen_at: datetime) -> Extracted:
    """Extract a page and do the filing's CPU work (compression, fingerprint) in the worker.

    What comes back is smaller than the page (the raw bytes compressed), and
    the crawl process is left with only the database writes.
    """
    article = extract_for_crawl(page, profile)
    prepared = prepare(article, page, profile=profile, seen_at=seen_at)
    links = tuple((t[2], t[5]) for t in prepared.teasers if is_article_url(t[2], profile))
    return Extracted(prepared, links)


@dataclass(slots=True)
class _Done:
    """An extracted page waiting in the batch for its filing transaction."""

    entry: Entry
    page: Page
    extracted: Extracted
    started: datetime
    now: datetime
    next_due: datetime | None


def make_pool(workers: int | None) -> ProcessPool | None:
    """Extraction processes, ``workers`` of them (None: one per core; 0: none, extract inline).

    Workers come from a forkserver that imported the extractor once, so
    they start fast and never inherit the crawl's sockets; ``await
    pool.start()`` before use.
    """
    count = (os.cpu_count() or 1) if workers is None else workers
    if count <= 0:
        return None
    return ProcessPool(count, preload=["scraper.crawl.engine"])


@lru_cache(maxsize=4096)
def _origin_of(scheme_netloc: str) -> str:
    parts = urlsplit(scheme_netloc)
    return f"{parts.scheme}://{parts.netloc}"


def _origin(url: str) -> str:
    """``scheme://host:port`` of ``url``: the key politeness is counted by."""
    scheme, sep, rest = url.partition("://")
    return _origin_of(scheme + sep + rest.split("/", 1)[0].split("?", 1)[0])


@dataclass
class _Host:
    """One host's state during a run: its robots.txt, pace, pause and requests in flight."""

    name: str
    pace: Politeness
    unthrottled: bool
    robots: Robots | None = None
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    inflight: int = 0
    next_start: float = 0.0  # time.monotonic() before which no request may start
    paused_until: float = 0.0

    def has_room(self) -> bool:
        return self.inflight < self.pace.concurrency

    async def turn(self) -> None:
        """Wait until this host may be asked again, and book the next slot."""
        now = time.monotonic()
        start = max(now, self.next_start, self.paused_until)
        self.next_start = start + self.pace.delay
        if start > now:
            await asyncio.sleep(start - now)

    def slow_down(self, retry_after: float | None) -> None:
        self.pace, pause = slowed_down(self.pace, retry_after, unthrottled=self.unthrottled)
        self.paused_until = max(self.paused_until, time.monotonic() + pause)


class Crawl:
    """One crawl run over an open archive; ``await run()`` once.

    ``profiles`` are the sites to crawl (their seeds and scope); ``pool`` the
    extraction executor (None: extract inline); ``clock`` gives "now" for
    schedules (tests move it forward).
    """

    def __init__(
        self,
        archive: Archive,
        profiles: Sequence[SiteProfile],
        client: httpx.AsyncClient,
        *,
        options: CrawlOptions = CrawlOptions(),  # noqa: B008 (frozen, shared safely)
        pool: ProcessPool | None = None,
        reporter: Reporter | None = None,
        clock: Clock = _utcnow,
    ) -> None:
        self.archive = archive
        self.db = archive.db
        self.frontier = Frontier(archive.db)
        self.profiles = {p.name: p for p in profiles}
        self.client = client
        self.options = options
        self.pool = pool
        self.reporter = reporter or Reporter(live=False)
        self.clock = clock
        self.counts = Counts()
        # A profile may name its own User-Agent (some sites ask crawlers to identify per site).
        self._settings = {
            p.name: replace(options.fetch, user_agent=p.user_agent)
            if p.user_agent
            else options.fetch
            for p in profiles
        }
        self._tokens = {name: robots_token(s.user_agent) for name, s in self._settings.items()}
        self._hosts: dict[str, _Host] = {}
        self._started = 0
        self._queued = 0
        self._held: set[str] = set()  # keys buffered, in flight or waiting in the batch
        self._batch: list[_Done] = []
        self._batch_due = 0.0  # time.monotonic() by which the batch is filed

    # --- the run ------------------------------------------------------------------------

    async def run(self) -> CrawlResult:
        """Seed, then visit due URLs until none is left or a limit is reached."""
        began = time.monotonic()
        sites = list(self.profiles)
        now = self.clock()
        run_id = self.frontier.start_run(now, sites)
        with self.db.atomic():
            self.counts.discovered += self.frontier.seed(self._seeds(), now)
            for profile in self.profiles.values():
                self.frontier.rearm_sources(profile.name, now, profile.listing_revisit)
        stopped = await self._schedule(began, sites)
        self._queued = self.frontier.count_due(self.clock(), sites)
        elapsed = time.monotonic() - began
        code = exit_code(self.counts.attempted, self.counts.failed, self.options.failure_threshold)
        self.reporter.update(self.counts, self._queued, force=True)
        self.frontier.finish_run(
            run_id,
            self.clock(),
            {
                "fetched": self.counts.fetched,
                "not_modified": self.counts.not_modified,
                "new": self.counts.new,
                "revised": self.counts.revised,
                "failed": self.counts.failed,
                "discovered": self.counts.discovered,
                "exit_code": code,
            },
        )
        return CrawlResult(self.counts, self._queued, elapsed, code, stopped)

    def _seeds(self) -> list[Found]:
        seeds: list[Found] = []
        for profile in self.profiles.values():
            for kind, urls in (
                ("listing", profile.start_urls),
                ("listing", profile.sections),
                ("sitemap", profile.sitemaps),
                ("feed", profile.feeds),
            ):
                seeds.extend(Found(url, profile.name, kind) for url in urls)  # type: ignore[arg-type]
        return seeds

    def _out_of_time(self, began: float) -> bool:
        limit = self.options.max_time
        return limit is not None and time.monotonic() - began >= limit

    def _out_of_pages(self) -> bool:
        limit = self.options.max_pages
        return limit is not None and self._started >= limit

    async def _schedule(self, began: float, sites: list[str]) -> str | None:
        """Keep up to ``concurrency`` visits in flight; returns the limit that stopped it."""
        buffer: deque[Entry] = deque()
        held = self._held
        inflight: dict[asyncio.Task[None], Entry] = {}
        stopped: str | None = None
        limit = self.options.concurrency
        try:
            while True:
                if self._out_of_time(began):
                    stopped = "max-time"
                    break
                # File the batch when full, old enough, or when nothing else is going on
                # (its teasers may be all that is left to crawl).
                if self._batch and (
                    len(self._batch) >= BATCH_PAGES
                    or not inflight
                    or time.monotonic() >= self._batch_due
                ):
                    self._flush()
                if len(buffer) < limit:
                    for entry in self.frontier.due(
                        self.clock(), limit=256, exclude=held, sites=sites
                    ):
                        buffer.append(entry)
                        held.add(entry.key)
                if self._out_of_pages():
                    stopped = "max-pages"
                else:
                    self._start_some(buffer, inflight, limit)
                if not inflight:
                    break
                timeout = None
                if self.options.max_time is not None:
                    timeout = max(0.0, self.options.max_time - (time.monotonic() - began))
                if self._batch:
                    wait = max(0.0, self._batch_due - time.monotonic())
                    timeout = wait if timeout is None else min(timeout, wait)
                done, _ = await asyncio.wait(
                    inflight, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                pending = {waiting.entry.key for waiting in self._batch}
                for task in done:
                    entry = inflight.pop(task)
                    task.result()  # an unexpected error ends the run loudly
                    if entry.key not in pending:
                        held.discard(entry.key)
                self._queued = len(buffer) + len(inflight)
                self.reporter.update(self.counts, self._queued)
            # max-time: what was extracted is complete, so it is filed; what is in flight
            # is abandoned below.
            self._flush()
        finally:
            # max-time, an error or a cancellation: abandon what is in flight (and, on an
            # error, the batch). Nothing of theirs was committed, so their URLs are simply
            # due next run.
            self._batch.clear()
            for task in inflight:
                task.cancel()
            if inflight:
                await asyncio.gather(*inflight, return_exceptions=True)
        return stopped

    def _start_some(
        self, buffer: deque[Entry], inflight: dict[asyncio.Task[None], Entry], limit: int
    ) -> None:
        """Start buffered visits whose host has room, oldest first, up to the global limit."""
        waiting: list[Entry] = []
        full: set[str] = set()
        while buffer and len(inflight) < limit and not self._out_of_pages():
            entry = buffer.popleft()
            host = self._host(entry)
            if not host.has_room():
                waiting.append(entry)
                full.add(host.name)
                if len(full) == len(self._hosts):
                    break  # every host is busy: the rest of the buffer can only wait too
                continue
            host.inflight += 1
            self._started += 1
            inflight[asyncio.create_task(self._visit(entry, host))] = entry
        buffer.extendleft(reversed(waiting))

    # --- hosts and robots.txt -----------------------------------------------------------

    def _host(self, entry: Entry) -> _Host:
        name = _origin(entry.url)
        host = self._hosts.get(name)
        if host is None:
            parts = urlsplit(entry.url)
            profile = self.profiles[entry.site]
            loopback = is_loopback(parts.hostname or "")
            pace = politeness(
                delay=profile.delay_seconds,
                concurrency=profile.concurrency,
                crawl_delay=None,
                loopback=loopback,
                loopback_delays=self.options.loopback_delays,
            )
            host = _Host(name, pace, unthrottled=loopback and not self.options.loopback_delays)
            self._hosts[name] = host
        return host

    async def _robots(self, host: _Host, profile: SiteProfile) -> Robots:
        """The host's robots.txt rules, fetched once per run (and its Crawl-delay applied)."""
        if host.robots is not None:
            return host.robots
        async with host.robots_lock:
            if host.robots is not None:
                return host.robots
            if not profile.respect_robots:
                host.robots = Robots(None, allow_all=True)
                return host.robots
            url = host.name + "/robots.txt"
            status: int | None = None
            text: str | None = None
            try:
                page = await fetch_page(
                    url,
                    client=self.client,
                    settings=replace(self._settings[profile.name], max_attempts=2),
                )
                status, text = page.status, page.content.decode("utf-8", "replace")
            except HTTPStatusError as exc:
                status = exc.status
            except FetchError as exc:
                logger.warning("%s: robots.txt unreachable (%s): skipping the host", url, exc)
            robots = robots_from_response(status, text)
            delay = robots.crawl_delay(self._tokens[profile.name])
            if delay is not None:
                host.pace = politeness(
                    delay=max(host.pace.delay, profile.delay_seconds),
                    concurrency=host.pace.concurrency,
                    crawl_delay=delay,
                    loopback=host.unthrottled,
                    loopback_delays=False,
                )
            sitemaps = [u for u in robots.sitemaps() if in_scope(u, profile)]
            if sitemaps:
                with self.db.atomic():
                    self.counts.discovered += self.frontier.add(
                        [Found(u, profile.name, "sitemap", url) for u in sitemaps], self.clock()
                    )
            host.robots = robots
            return robots

    # --- one URL ------------------------------------------------------------------------

    async def _visit(self, entry: Entry, host: _Host) -> None:
        holding = True  # the host's slot, given back once its answer is read
        try:
            profile = self.profiles[entry.site]
            robots = await self._robots(host, profile)
            if not robots.allows(entry.url, self._tokens[entry.site]):
                self._blocked(entry)
                return
            await host.turn()
            started = self.clock()

            async def sleep(seconds: float) -> None:
                # fetch_page is about to retry: the host is struggling or throttling us.
                host.slow_down(seconds)
                await asyncio.sleep(seconds)

            try:
                page = await fetch_page(
                    entry.url,
                    client=self.client,
                    settings=self._settings[entry.site],
                    sleep=sleep,
                    headers=entry.conditional_headers(),
                )
            except FetchError as exc:
                self._failed(entry, exc, host, started)
                return
            # Politeness counts requests to the host, not our extraction of its answer: the
            # slot goes to the next request while this page waits for an extraction process.
            host.inflight -= 1
            holding = False
            if page.status == 304:
                self._not_modified(entry, page, started)
            elif entry.kind == "article":
                await self._article(entry, page, profile, started)
            else:
                self._source(entry, page, profile, started)
        finally:
            if holding:
                host.inflight -= 1

    def _blocked(self, entry: Entry) -> None:
        logger.info("%s: disallowed by robots.txt, not fetched", entry.url)
        with self.db.atomic():
            self.frontier.failed(
                entry,
                self.clock(),
                error="disallowed by robots.txt",
                status=None,
                next_due=None,
                transient=False,
            )
        self.counts.blocked += 1

    def _failed(self, entry: Entry, exc: FetchError, host: _Host, started: datetime) -> None:
        now = self.clock()
        status = exc.status if isinstance(exc, HTTPStatusError) else None
        if isinstance(exc, HTTPStatusError) and exc.retry_after is not None:
            host.slow_down(exc.retry_after)
        next_due = after_failure(exc, entry.attempts + 1, now)
        with self.db.atomic():
            self.frontier.failed(
                entry,
                now,
                error=str(exc.detail or exc),
                status=status,
                next_due=next_due,
                transient=not is_permanent(exc),
            )
            self.archive.record_fetch(entry.url, status=status, error=str(exc), started_at=started)
        self.counts.failed += 1

    def _revisit(self, entry: Entry, profile: SiteProfile, now: datetime) -> datetime | None:
        """When an article fetched now is next due (sources: None, they are re-armed each run)."""
        if entry.kind != "article":
            return None
        first = (
            datetime.fromtimestamp(entry.first_fetched, UTC)
            if entry.first_fetched is not None
            else now
        )
        return next_revisit(first, now, profile)

    def _not_modified(self, entry: Entry, page: Page, started: datetime) -> None:
        """A 304: nothing to extract; the article's ``last_seen`` and the schedule move on."""
        now = self.clock()
        profile = self.profiles[entry.site]
        with self.db.atomic():
            self.frontier.visited(
                entry,
                now,
                status=304,
                next_due=self._revisit(entry, profile, now),
                etag=page.headers.get("etag"),
                last_modified=page.headers.get("last-modified"),
                keep_validators=True,
            )
            if entry.article_id is not None:
                self.db.execute(
                    "UPDATE articles SET last_seen = ? WHERE id = ?",
                    [now.astimezone(UTC).isoformat(), entry.article_id],
                )
            self._record(entry, page, started)
        self.counts.fetched += 1
        self.counts.not_modified += 1

    def _record(self, entry: Entry, page: Page, started: datetime) -> None:
        self.archive.record_fetch(
            entry.url,
            status=page.status,
            started_at=started,
            elapsed_ms=page.elapsed_ms,
            size=len(page.content),
        )

    async def _article(
        self, entry: Entry, page: Page, profile: SiteProfile, started: datetime
    ) -> None:
        """Extract (and prepare) the page in the pool, then leave it in the batch to be filed."""
        now = self.clock()
        try:
            if self.pool is None:
                extracted = extract_and_prepare(page, profile, now)
            else:
                extracted = await self.pool.run(extract_and_prepare, page, profile, now)
        except ScraperError as exc:
            # Not an article after all (not HTML, nothing readable): do not ask again.
            logger.warning("%s: not extracted: %s", page.final_url, exc)
            now = self.clock()
            with self.db.atomic():
                self.frontier.failed(
                    entry, now, error=str(exc), status=page.status, next_due=None, transient=False
                )
                self._record(entry, page, started)
            self.counts.failed += 1
            return
        if not self._batch:
            self._batch_due = time.monotonic() + BATCH_SECONDS
        next_due = self._revisit(entry, profile, now)
        self._batch.append(_Done(entry, page, extracted, started, now, next_due))

    def _flush(self) -> None:
        """File the batch: its articles, frontier rows, links and fetch log in one transaction.

        If the archive refuses the batch, each page is tried alone so one bad
        page does not fail the others.
        """
        batch, self._batch = self._batch, []
        try:
            if len(batch) > 1:
                try:
                    self._file(batch)
                    return
                except ArchiveError:
                    pass  # find the page it was: file them one by one
            for done in batch:
                try:
                    self._file([done])
                except ArchiveError as exc:
                    logger.error("%s: not filed: %s", done.page.final_url, exc)
                    self.counts.failed += 1
        finally:
            for done in batch:
                self._held.discard(done.entry.key)

    def _file(self, batch: list[_Done]) -> None:
        with self.db.atomic():
            results = self.archive.file_prepared([done.extracted.prepared for done in batch])
            discovered = 0
            for done, result in zip(batch, results, strict=True):
                entry, page, now = done.entry, done.page, done.now
                self.frontier.visited(
                    entry,
                    now,
                    status=page.status,
                    next_due=done.next_due,
                    etag=page.headers.get("etag"),
                    last_modified=page.headers.get("last-modified"),
                    article_id=result.article_id,
                )
                profile = self.profiles[entry.site]
                if page.final_url != entry.url and in_scope(page.final_url, profile):
                    self.frontier.also_done(page.final_url, entry, now, done.next_due)
                discovered += self.frontier.add(
                    (
                        Found(url, entry.site, "article", page.final_url, key=key)
                        for url, key in done.extracted.links
                    ),
                    now,
                )
            # The fetch log, one insert for the batch (``record_fetch`` per page looked the
            # table up in sqlite_master each time: ~160 us a page).
            self.db.table("fetches").insert_all(
                {
                    "url": done.entry.url,
                    "status": done.page.status,
                    "error": None,
                    "started_at": done.started.astimezone(UTC).isoformat(),
                    "elapsed_ms": done.page.elapsed_ms,
                    "bytes": len(done.page.content),
                }
                for done in batch
            )
        self.counts.discovered += discovered
        for result in results:
            self.counts.fetched += 1
            outcome = result.outcome
            if outcome == "new":
                self.counts.new += 1
            elif outcome == "revised":
                self.counts.revised += 1
            elif outcome == "merged":
                self.counts.merged += 1
            else:
                self.counts.unchanged += 1

    def _source(self, entry: Entry, page: Page, profile: SiteProfile, started: datetime) -> None:
        """A listing, sitemap or feed: queue the in-scope links it gives."""
        found = self._links(entry, page, profile)
        now = self.clock()
        with self.db.atomic():
            discovered = self.frontier.add(found, now)
            self.frontier.visited(
                entry,
                now,
                status=page.status,
                next_due=None,
                etag=page.headers.get("etag"),
                last_modified=page.headers.get("last-modified"),
            )
            self._record(entry, page, started)
        self.counts.fetched += 1
        self.counts.discovered += discovered

    def _links(self, entry: Entry, page: Page, profile: SiteProfile) -> list[Found]:
        site, source = profile.name, page.final_url
        pairs: list[tuple[str, Kind]] = []
        if entry.kind == "sitemap":
            sitemap = parse_sitemap(page.content, source)
            pairs += [(link.href, "sitemap") for link in sitemap.sitemaps]
            pairs += [(link.href, "article") for link in sitemap.urls]
        elif entry.kind == "feed":
            pairs += [(link.href, "article") for link in parse_feed(page.content, source)]
        else:
            listing = listing_links(page.content, source, profile)
            if entry.depth + 1 < profile.pagination:
                pairs += [(link.href, "listing") for link in listing.next_pages]
            pairs += [(link.href, "article") for link in listing.articles]
        found: list[Found] = []
        for url, kind in pairs:
            keep = is_article_url(url, profile) if kind == "article" else in_scope(url, profile)
            if keep:
                depth = entry.depth + 1 if kind == entry.kind else 0
                found.append(Found(url, site, kind, source, depth))
        return found


async def run_crawl(
    archive: Archive,
    profiles: Sequence[SiteProfile],
    *,
    options: CrawlOptions = CrawlOptions(),  # noqa: B008
    reporter: Reporter | None = None,
    clock: Clock = _utcnow,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CrawlResult:
    """One run with its own client and extraction pool, both closed at the end."""
    pool = make_pool(options.workers)
    try:
        if pool is not None:
            await pool.start()
        async with make_client(options.fetch, transport=transport) as client:
            crawl = Crawl(
                archive,
                profiles,
                client,
                options=options,
                pool=pool,
                reporter=reporter,
                clock=clock,
            )
            return await crawl.run()
    finally:
        if pool is not None:
            await pool.close()
