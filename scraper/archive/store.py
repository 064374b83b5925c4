"""The archive handle: open a database, file pages, record fetches, search, read raw pages back."""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from ..errors import ScraperError
from ..models import Article, Page, SiteProfile
from .checkpoint import Checkpointer
from .dedup import Fingerprint
from .filing import (
    Digest,
    FileResult,
    Prepared,
    compress_page,
    decompress_page,
    digest_texts,
    file_batch,
    index_pending,
    prepare,
)
from .schema import DEFERRED_FTS, apply_migrations

__all__ = ["SEARCH_WINDOW", "Archive", "ArchiveError", "Filing"]


#: Connection settings (see schema.py's docstring for why synchronous=NORMAL is safe).
_PRAGMAS = (
    "synchronous=NORMAL",  # no fsync per commit: 30-50 us per filed page saved in WAL mode
    "busy_timeout=10000",  # the crawl and a reextract may write at once: wait, do not fail
    "temp_store=MEMORY",  # sorts and temp b-trees of search and stats never touch disk
    "cache_size=-65536",  # 64 MB: the look-up indexes of a 100,000-article archive stay hot
    # No mmap_size: mapping the file showed no gain and made a long crawl's resident
    # memory grow with the archive (up to the map size).
)

#: Records written per group of statements (``filing.file_batch``): large enough that
#: per-statement overhead vanishes, small enough that writing starts while the
#: preparation pool is still busy with the rest of the batch.
_CHUNK = 100
#: Records per task of a preparation process: one task per record cost the writer a
#: wake-up and a pickle round trip each.
_PREPARE_GROUP = 50
#: From this many records ``file_many`` hashes, fingerprints and compresses in other
#: processes; below it, starting them (~0.3 s, once per open archive) is not worth it.
_PROCESS_MIN = 200
#: How much lower than the writer the preparation processes and thread run (``nice``;
#: added to the writer's own, so at most 19, the lowest priority).
_NICENESS = 19

#: How many of the newest matches a search ranks (see ``Archive.search``).
SEARCH_WINDOW = 1000
_SEARCH_SQL = """
WITH hits AS (
  SELECT rowid, bm25(articles_fts, 10.0, 4.0, 1.0, 6.0) AS score FROM articles_fts
  WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?
)
SELECT a.id, a.headline, a.canonical_url, a.site, a.published_at
FROM hits JOIN articles a ON a.id = hits.rowid
ORDER BY hits.score, a.id DESC
LIMIT ?
"""


class ArchiveError(ScraperError):
    """The archive file cannot be opened, is not an archive, or a write failed."""


@dataclass(frozen=True, slots=True)
class Filing:
    """One record to file with ``Archive.file_many``: the arguments of ``Archive.file``."""

    article: Article
    page: Page | None = None
    profile: SiteProfile | None = None
    seen_at: datetime | None = None
    cause: str = "fetch"
    touch: bool = True


def _prepare(f: Filing, digested: Digest | None = None) -> Prepared:
    return prepare(
        f.article,
        f.page,
        profile=f.profile,
        seen_at=f.seen_at,
        cause=f.cause,
        touch=f.touch,
        digested=digested,
    )


def _yield_to_writer() -> None:
    """Run this process (on Linux, this thread) at a lower priority than the writer's.

    Preparation runs ahead of writing, so its processes always have work;
    at equal priority they took turns with the writing thread for the two
    cores, and the serial writer, the pace of the whole batch, slowed down.
    Niced, they use what the writer leaves (at nice 10 the writer still lost
    ~9% of its core to them; at 19, ~1.5%).
    """
    with contextlib.suppress(OSError):
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + _NICENESS)


def _compress_pages(group: list[Filing]) -> list[bytes | None]:
    """A group's raw pages compressed: zstd releases the GIL, so a thread suffices."""
    return [compress_page(f.page.content) if f.page is not None else None for f in group]


_Submitted = tuple[
    list[Filing], Future[list[tuple[str, Fingerprint | None]]], Future[list[bytes | None]]
]


def _assemble(
    group: list[Filing],
    texts: Future[list[tuple[str, Fingerprint | None]]],
    pages: Future[list[bytes | None]],
) -> Iterator[Prepared]:
    """A group's records, prepared on this thread from what the preparers computed: the
    rest of preparing (URLs, JSON fields: ~30 us of pure Python) held the GIL on the
    compression thread while the writer waited for it."""
    for f, (content_hash, fingerprint), page in zip(
        group, texts.result(), pages.result(), strict=True
    ):
        yield _prepare(f, Digest(content_hash, fingerprint, page))


class Archive:
    """A scraper archive in one SQLite file (WAL mode, schema by migrations).

    Every write of a page is one transaction: a killed process leaves the
    page filed completely or not at all.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        # Caches of rows the filing path looks up constantly; cleared when a
        # transaction rolls back so they never name rows that do not exist.
        self._tag_ids: dict[str, int] = {}
        self._sites: set[str] = set()
        self._processes: ProcessPoolExecutor | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._checkpointer: Checkpointer | None = None

    @classmethod
    def open(cls, path: str | Path) -> Archive:
        """Open (or create) the archive at ``path`` and bring its schema up to date."""
        try:
            db = Database(path)
            db.enable_wal()
            for pragma in _PRAGMAS:
                db.execute(f"PRAGMA {pragma}")
            apply_migrations(db)
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{path}: cannot open archive: {exc}") from exc
        return cls(db)

    def close(self) -> None:
        self._stop_preparers()
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- filing ---------------------------------------------------------------------

    def file(
        self,
        article: Article,
        page: Page | None = None,
        *,
        profile: SiteProfile | None = None,
        seen_at: datetime | None = None,
        cause: str = "fetch",
        touch: bool = True,
    ) -> FileResult:
        """File one extracted article (and its raw page) in one transaction.

        Keyed by canonical URL; identical content under another URL joins
        that article ("merged"); unchanged content only moves ``last_seen``
        (not even that with ``touch=False``); changed content updates the
        article and adds a revision with the previous values.
        """
        return self.file_many([Filing(article, page, profile, seen_at, cause, touch)])[0]

    def file_many(self, filings: Iterable[Filing]) -> list[FileResult]:
        """File several records in one transaction (all or none): the bulk path.

        In a large batch this thread only writes: see ``file_stream``.
        """
        filings = list(filings)
        return list(self.file_stream(filings, batch=max(len(filings), 1)))

    def file_stream(self, filings: Iterable[Filing], *, batch: int = 1000) -> Iterator[FileResult]:
        """File a long stream of records, one transaction per ``batch`` of them, in order.

        The bulk loader (re-extraction, imports): this thread only writes.
        Content hashes and MinHash signatures (a third of the CPU of filing,
        pure Python and numpy) are computed in other processes; a thread
        compresses the raw pages (zstd releases the GIL); the next batch is
        prepared while this one is written and committed, so the processes
        never wait for a commit. On all threads instead, the stages spent
        more time waiting for each other's GIL than working (total CPU per
        article 1,270 us against 870 us in one thread). A failed batch
        raises; the batches before it stay filed.

        As with any ``multiprocessing`` code, a script that calls this (or a
        ``file_many`` of 200 or more) must keep its top level under
        ``if __name__ == "__main__":``: the processes import the main module.
        """
        records = iter(filings)
        first = list(islice(records, batch))
        second = list(islice(records, batch))
        if not second and len(first) < _PROCESS_MIN:  # not worth starting the processes
            yield from self.file_prepared([_prepare(f) for f in first])
            return
        current = self._submit(first)
        following = self._submit(second)
        try:
            while current:
                try:
                    results = self.file_prepared(
                        chain.from_iterable(_assemble(*group) for group in current)
                    )
                except BrokenProcessPool as exc:
                    self._stop_preparers()
                    raise ArchiveError(
                        f"a preparation process died; that batch was not filed: {exc}"
                    ) from exc
                if self._checkpointer is not None:
                    self._checkpointer.poke()
                yield from results
                current, following = following, self._submit(list(islice(records, batch)))
        finally:  # after a failure or an abandoned stream, nothing more to prepare
            for _, texts, pages in current + following:
                texts.cancel()
                pages.cancel()

    def _submit(self, filings: list[Filing]) -> list[_Submitted]:
        """Hand ``filings`` to the preparers, in groups: (group, its hashes, its pages)."""
        if not filings:
            return []
        processes, thread = self._preparers()
        submitted = []
        for k in range(0, len(filings), _PREPARE_GROUP):
            group = filings[k : k + _PREPARE_GROUP]
            texts = [(f.article.headline, f.article.body_text) for f in group]
            submitted.append(
                (
                    group,
                    processes.submit(digest_texts, texts),
                    thread.submit(_compress_pages, group),
                )
            )
        return submitted

    def _preparers(self) -> tuple[ProcessPoolExecutor, ThreadPoolExecutor]:
        """The preparation processes and thread, started on first use, kept while open;
        with them the checkpoint thread (``checkpoint.py``) for a file archive.

        The processes are forked from this one when it has no other thread
        (instant: they share what is already imported; ``gc.freeze`` keeps
        their collector off the inherited objects, which would otherwise be
        copied page by page), else they come from a forkserver (0.24 s to
        start): forking could copy a lock held by another thread (a crawl's,
        a test server's) into them. Either way before this method starts
        threads of its own.
        """
        if self._processes is None:
            alone = threading.active_count() == 1
            context = multiprocessing.get_context("fork" if alone else "forkserver")
            if not alone:
                context.set_forkserver_preload(["scraper.archive.filing"])
            workers = os.cpu_count() or 1
            self._processes = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_yield_to_writer
            )
            if alone:  # fork them now, before this method starts its threads
                gc.freeze()
                try:
                    self._processes.submit(int).result()
                finally:
                    gc.unfreeze()
        path = self.db.conn.execute("PRAGMA database_list").fetchone()[2]
        if self._checkpointer is None and path:
            self.db.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = Checkpointer(path)
        if self._thread is None:
            self._thread = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="archive-prepare", initializer=_yield_to_writer
            )
        return self._processes, self._thread

    def _stop_preparers(self) -> None:
        for pool in (self._thread, self._processes):
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        self._processes = self._thread = None
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
            self.db.execute("PRAGMA wal_autocheckpoint=1000")  # SQLite's default

    def file_prepared(self, prepared: Iterable[Prepared]) -> list[FileResult]:
        """File records already run through ``filing.prepare``, in one transaction.

        ``prepared`` may be a lazy iterator (e.g. a thread pool's results):
        records are written in groups of ``_CHUNK`` as they arrive.
        """
        try:
            with self.db.atomic():
                # Defer the insert trigger: new articles are indexed in one statement.
                self.db.execute(f"INSERT INTO {DEFERRED_FTS} (filing) VALUES (1)")
                results: list[FileResult] = []
                pending: list[int] = []
                records = iter(prepared)
                while chunk := list(islice(records, _CHUNK)):
                    for p in chunk:
                        self._ensure_site(p)
                    self._learn_tags(name for p in chunk for name in p.tag_names)
                    results.extend(file_batch(self.db, chunk, self._tag_id, pending))
                # One statement for the transaction: FTS5 writes a segment per statement,
                # and fewer, larger ones cost less to merge. file_stream's preparers are
                # on the next batch meanwhile.
                index_pending(self.db, pending)
                self.db.execute(f"DELETE FROM {DEFERRED_FTS}")
                return results
        except sqlite3.DatabaseError as exc:
            self._forget_cached_rows()
            raise ArchiveError(f"cannot file into the archive: {exc}") from exc
        except BaseException:
            self._forget_cached_rows()
            raise

    def _forget_cached_rows(self) -> None:
        self._tag_ids.clear()
        self._sites.clear()

    def _learn_tags(self, names: Iterable[str]) -> None:
        """Create and cache the ids of a group's tags in two statements, new ones numbered
        in order of appearance (as filing the records one by one would number them).

        ``Table.lookup`` one name at a time introspects the table on every
        call: ~400 us a new tag, and a crawl meets new tags all the time.
        """
        new = [name for name in dict.fromkeys(names) if name not in self._tag_ids]
        if not new:
            return
        conn = self.db.conn
        conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(n,) for n in new])
        self._tag_ids.update(
            conn.execute(
                "SELECT name, id FROM tags WHERE name IN (SELECT value FROM json_each(?))",
                [json.dumps(new)],
            ).fetchall()
        )

    def _tag_id(self, name: str) -> int:
        """The id of a tag of the group being filed (``_learn_tags`` created it)."""
        return self._tag_ids[name]

    def _ensure_site(self, p: Prepared) -> None:
        if p.site in self._sites:
            return
        if p.site_title is not None or not self.db.table("sites").count_where("name = ?", [p.site]):
            self.db.table("sites").upsert(
                {"name": p.site, "title": p.site_title, "domains": json.dumps(p.site_domains)},
                pk="name",
            )
        self._sites.add(p.site)

    def record_fetch(
        self,
        url: str,
        *,
        status: int | None = None,
        error: str | None = None,
        started_at: datetime | None = None,
        elapsed_ms: float | None = None,
        size: int | None = None,
    ) -> int:
        """Log one fetch attempt (successful or not) in ``fetches``; returns its id."""
        row = {
            "url": url,
            "status": status,
            "error": error,
            "started_at": (started_at or datetime.now(UTC)).astimezone(UTC).isoformat(),
            "elapsed_ms": elapsed_ms,
            "bytes": size,
        }
        with self.db.atomic():
            return int(self.db.table("fetches").insert(row).last_pk or 0)

    # --- reading --------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching a full-text query, best first; diacritics are folded both ways.

        Ranked by BM25 (weights as the datasette search: headline 10, summary
        4, body 1, tags 6) among the ``SEARCH_WINDOW`` most recently archived
        matches. Scoring every match of a common word took 170-270 ms at
        100,000 articles; the window keeps it under 40 ms and is exact for
        any query with fewer matches. Words are quoted (no FTS syntax errors);
        a double-quoted group is a phrase.
        """
        cursor = self.db.execute(_SEARCH_SQL, [self.db.quote_fts(query), SEARCH_WINDOW, limit])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def latest_pages(self) -> Iterator[tuple[int, Page]]:
        """(article id, its latest raw page) for every article with one: re-extraction's input."""
        ids = [
            row[0]
            for row in self.db.execute(
                "SELECT max(id) FROM pages WHERE article_id IS NOT NULL GROUP BY article_id"
                " ORDER BY 1"
            )
        ]
        for page_id in ids:
            row = self.db.execute(
                "SELECT article_id, url, final_url, status, headers, content, codec, fetched_at"
                " FROM pages WHERE id = ?",
                [page_id],
            ).fetchone()
            article_id, url, final_url, status, headers, content, codec, fetched_at = row
            yield (
                int(article_id),
                Page(
                    requested_url=url,
                    final_url=final_url,
                    status=status,
                    headers=json.loads(headers),
                    content=decompress_page(content, codec),
                    fetched_at=datetime.fromisoformat(fetched_at),
                ),
            )
