"""What is in an archive: articles per site and per day, the last fetch, recent errors."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["ArchiveStats", "archive_stats"]


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """A summary for ``scrape stats``; every list is (label, count) or similar, newest first."""

    articles: int
    revisions: int
    pages: int
    clusters: int
    per_site: list[tuple[str, int, str]]  # site, articles, last seen
    per_day: list[tuple[str, int]]  # day first filed (UTC), articles
    last_fetch: str | None
    fetches: int
    fetch_errors: int
    top_errors: list[tuple[str, int]]


def archive_stats(db: Database, *, days: int = 14) -> ArchiveStats:
    """Read the summary with a handful of indexed queries (cheap on a large archive)."""

    def one(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0] or 0)

    per_site = [
        (str(site), int(n), str(last))
        for site, n, last in db.execute(
            "SELECT coalesce(site, '?'), count(*), max(last_seen) FROM articles"
            " GROUP BY site ORDER BY count(*) DESC, site"
        )
    ]
    per_day = [
        (str(day), int(n))
        for day, n in db.execute(
            "SELECT substr(first_seen, 1, 10) AS day, count(*) FROM articles"
            " GROUP BY day ORDER BY day DESC LIMIT ?",
            [days],
        )
    ]
    top_errors = [
        (str(error), int(n))
        for error, n in db.execute(
            "SELECT error, count(*) FROM fetches WHERE error IS NOT NULL"
            " GROUP BY error ORDER BY count(*) DESC LIMIT 5"
        )
    ]
    last_fetch = db.execute("SELECT max(started_at) FROM fetches").fetchone()[0]
    return ArchiveStats(
        articles=one("SELECT count(*) FROM articles"),
        revisions=one("SELECT count(*) FROM revisions"),
        pages=one("SELECT count(*) FROM pages"),
        clusters=one("SELECT count(DISTINCT cluster_id) FROM articles"),
        per_site=per_site,
        per_day=per_day,
        last_fetch=last_fetch,
        fetches=one("SELECT count(*) FROM fetches"),
        fetch_errors=one("SELECT count(*) FROM fetches WHERE error IS NOT NULL"),
        top_errors=top_errors,
    )
