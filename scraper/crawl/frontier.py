"""The crawl frontier: every URL the crawl knows, when it is next due, and how it last went.

It lives in the archive's SQLite file, in a table of its own built by its own
migration set (``scraper-crawl``), so the archive schema is not touched and
one transaction can file a page *and* move its URL on. That is the whole of
crash safety: a URL is never marked in-flight; it stays due until the
transaction that files its page also sets its next visit, so a run killed at
any moment leaves each URL either done (and committed) or simply due again.

Times are stored as UNIX seconds (``next_due``: NULL means never) for cheap
comparisons, and as ISO strings where a person reads them.

URLs are kept as they were found (the crawl fetches them as is) and
deduplicated by their canonical form (``key``), so ``?utm_source=`` copies
and fragments of one page are one frontier entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlite_utils import Database, Migrations

from ..archive import canonical_url

__all__ = ["KINDS", "Entry", "Frontier", "Kind", "Found", "MIGRATIONS"]

#: What a URL is to the crawl: an article to extract and file, or a page to mine for links.
Kind = Literal["article", "listing", "sitemap", "feed"]
KINDS: tuple[Kind, ...] = ("sitemap", "feed", "listing", "article")
#: Link sources are visited every run, before articles, so new links are seen early.
SOURCE_KINDS: tuple[Kind, ...] = ("sitemap", "feed", "listing")

MIGRATIONS = Migrations("scraper-crawl")

TABLE = "crawl_frontier"


@MIGRATIONS()
def m001_frontier(db: Database) -> None:
    """The frontier table and the run log."""
    db.table(TABLE).create(
        {
            "key": str,  # canonical form: the dedup key
            "url": str,  # as found: what is fetched
            "site": str,
            "kind": str,
            "found_on": str,
            "depth": int,  # listing pages: 0 for a seed, n for the n-th page after it
            "discovered_at": str,
            "next_due": float,  # UNIX seconds; NULL = never again
            "first_fetched": float,  # the revisit schedule counts from here
            "last_fetched": float,
            "last_seen": str,  # ISO: last time a fetch (200 or 304) confirmed the page
            "status": int,
            "etag": str,
            "last_modified": str,
            "attempts": int,  # failures in a row
            "error": str,
            "article_id": int,
        },
        pk="key",
        not_null={"url", "site", "kind"},
        defaults={"attempts": 0},
    )
    db.table(TABLE).create_index(["next_due"])
    db.table(TABLE).create_index(["site", "kind"])
    db.table("crawl_runs").create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "sites": str,
            "fetched": int,
            "not_modified": int,
            "new": int,
            "revised": int,
            "failed": int,
            "discovered": int,
            "exit_code": int,
        },
        pk="id",
    )


@dataclass(frozen=True, slots=True)
class Found:
    """A URL found somewhere, to add to the frontier if it is new."""

    url: str
    site: str
    kind: Kind
    found_on: str | None = None
    depth: int = 0
    key: str | None = None  # its canonical form, when the finder already computed it


@dataclass(frozen=True, slots=True)
class Entry:
    """A due URL as the engine visits it, with what the last visit left behind."""

    key: str
    url: str
    site: str
    kind: Kind
    first_fetched: float | None
    etag: str | None
    last_modified: str | None
    attempts: int
    article_id: int | None
    depth: int

    def conditional_headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a re-visit; empty on a first visit."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def _ts(when: datetime) -> float:
    return when.timestamp()


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


class Frontier:
    """The persistent frontier over an open archive database (the same connection).

    Writes do not open transactions of their own: the engine wraps a page's
    filing and its frontier update in one ``db.atomic()`` block.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        MIGRATIONS.apply(db)

    # --- adding -------------------------------------------------------------------------

    def seed(self, links: Iterable[Found], now: datetime) -> int:
        """Add the link sources a profile names (start pages, sections, sitemaps, feeds).

        Known ones are left as they are (``rearm_sources`` makes them due);
        returns how many were new.
        """
        return self.add(links, now)

    def rearm_sources(self, site: str, now: datetime, min_age: timedelta = timedelta(0)) -> int:
        """Make the listings, sitemaps and feeds of ``site`` due now; returns how many.

        Only those last fetched at least ``min_age`` ago (zero: all, every
        run), pagination pages included. A source given up for good (a
        permanent failure: ``next_due`` NULL, an error, no attempts counted)
        stays given up.
        """
        kinds = ", ".join(f"'{k}'" for k in SOURCE_KINDS)
        cursor = self.db.execute(
            f"UPDATE {TABLE} SET next_due = ? WHERE site = ? AND kind IN ({kinds})"
            " AND (last_fetched IS NULL OR last_fetched <= ?)"
            " AND NOT (next_due IS NULL AND error IS NOT NULL AND attempts = 0)",
            [_ts(now), site, _ts(now - min_age)],
        )
        return int(cursor.rowcount)

    def add(self, links: Iterable[Found], now: datetime) -> int:
        """Add the links not known yet (by canonical form), due now; returns how many were new.

        A known URL is left as it is: an article is fetched once and then
        only on its revisit schedule, however often it is linked.
        """
        seen: set[str] = set()
        rows: list[tuple[object, ...]] = []
        discovered, due = _iso(now), _ts(now)
        for link in links:
            key = link.key or canonical_url(link.url)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                (key, link.url, link.site, link.kind, link.found_on, link.depth, discovered, due)
            )
        if not rows:
            return 0
        cursor = self.db.conn.executemany(
            f"INSERT OR IGNORE INTO {TABLE}"
            " (key, url, site, kind, found_on, depth, discovered_at, next_due)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return int(cursor.rowcount)

    # --- choosing -----------------------------------------------------------------------

    def due(
        self,
        now: datetime,
        *,
        limit: int,
        exclude: set[str] | frozenset[str] = frozenset(),
        sites: Sequence[str] | None = None,
    ) -> list[Entry]:
        """Up to ``limit`` URLs due at ``now``, link sources first, then oldest due first.

        ``exclude`` holds keys the caller already has in hand (queued or in
        flight); an empty list means nothing is due.
        """
        where = "next_due IS NOT NULL AND next_due <= ?"
        params: list[object] = [_ts(now)]
        if sites is not None:
            where += f" AND site IN ({', '.join('?' for _ in sites)})"
            params.extend(sites)
        order = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS))
        params.append(limit + len(exclude))
        rows = self.db.execute(
            "SELECT key, url, site, kind, first_fetched, etag, last_modified, attempts,"
            " article_id, coalesce(depth, 0)"
            f" FROM {TABLE} WHERE {where}"
            f" ORDER BY CASE kind {order} ELSE 9 END, next_due, rowid LIMIT ?",
            params,
        ).fetchall()
        entries = [Entry(*row) for row in rows if row[0] not in exclude]
        return entries[:limit]

    def count_due(self, now: datetime, sites: Sequence[str] | None = None) -> int:
        """How many URLs are due at ``now`` (the queue a progress line shows)."""
        where = "next_due IS NOT NULL AND next_due <= ?"
        params: list[object] = [_ts(now)]
        if sites is not None:
            where += f" AND site IN ({', '.join('?' for _ in sites)})"
            params.extend(sites)
        row = self.db.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", params).fetchone()
        return int(row[0])

    # --- recording a visit (inside the caller's transaction) ----------------------------

    def visited(
        self,
        entry: Entry,
        now: datetime,
        *,
        status: int,
        next_due: datetime | None,
        etag: str | None = None,
        last_modified: str | None = None,
        article_id: int | None = None,
        keep_validators: bool = False,
    ) -> None:
        """Record a fetch that got an answer (200 or 304): validators, next visit, article.

        ``next_due`` None means never again. A 304 passes ``keep_validators``
        so the ETag / Last-Modified of the stored copy stay in force when the
        server does not repeat them.
        """
        first = entry.first_fetched if entry.first_fetched is not None else _ts(now)
        values: dict[str, object] = {
            "url": entry.url,
            "next_due": _ts(next_due) if next_due is not None else None,
            "first_fetched": first,
            "last_fetched": _ts(now),
            "last_seen": _iso(now),
            "status": status,
            "attempts": 0,
            "error": None,
        }
        if not keep_validators or etag or last_modified:
            values["etag"] = etag
            values["last_modified"] = last_modified
        if article_id is not None:
            values["article_id"] = article_id
        sets = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(f"UPDATE {TABLE} SET {sets} WHERE key = ?", [*values.values(), entry.key])

    def also_done(self, url: str, entry: Entry, now: datetime, next_due: datetime | None) -> None:
        """Mark where a redirect landed as visited too, so a direct link to it is not re-fetched."""
        key = canonical_url(url)
        if key == entry.key:
            return
        self.db.execute(
            f"INSERT INTO {TABLE} (key, url, site, kind, found_on, discovered_at, next_due,"
            " first_fetched, last_fetched, last_seen, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 200)"
            " ON CONFLICT(key) DO UPDATE SET next_due = excluded.next_due,"
            " first_fetched = coalesce(first_fetched, excluded.first_fetched),"
            " last_fetched = excluded.last_fetched, last_seen = excluded.last_seen",
            [
                key,
                url,
                entry.site,
                entry.kind,
                entry.url,
                _iso(now),
                _ts(next_due) if next_due is not None else None,
                _ts(now),
                _ts(now),
                _iso(now),
            ],
        )

    def failed(
        self,
        entry: Entry,
        now: datetime,
        *,
        error: str,
        status: int | None,
        next_due: datetime | None,
        transient: bool,
    ) -> None:
        """Record a failed visit: the error, and when (if ever) to try again.

        ``transient`` failures count up ``attempts``; a permanent one resets
        it to 0 so a source given up for good is told apart from one that is
        merely waiting.
        """
        self.db.execute(
            f"UPDATE {TABLE} SET next_due = ?, last_fetched = ?, status = ?, error = ?,"
            " attempts = ? WHERE key = ?",
            [
                _ts(next_due) if next_due is not None else None,
                _ts(now),
                status,
                error,
                entry.attempts + 1 if transient else 0,
                entry.key,
            ],
        )

    def postpone(self, entry: Entry, until: datetime) -> None:
        """Leave a URL for later without counting a failure (e.g. its host asked us to wait)."""
        self.db.execute(f"UPDATE {TABLE} SET next_due = ? WHERE key = ?", [_ts(until), entry.key])

    # --- runs ---------------------------------------------------------------------------

    def start_run(self, now: datetime, sites: Sequence[str]) -> int:
        """Log the start of a run; returns its id (a run killed half way keeps no finish time)."""
        with self.db.atomic():
            table = self.db.table("crawl_runs")
            table.insert({"started_at": _iso(now), "sites": ",".join(sites)})
            return int(table.last_pk or 0)

    def finish_run(self, run_id: int, now: datetime, counts: dict[str, int]) -> None:
        """Log a run's end and its counts."""
        with self.db.atomic():
            self.db.table("crawl_runs").update(run_id, {"finished_at": _iso(now), **counts})

    def runs(self) -> int:
        """How many runs were started on this archive."""
        return int(self.db.execute("SELECT count(*) FROM crawl_runs").fetchone()[0])
