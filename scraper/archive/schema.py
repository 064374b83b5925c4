"""The archive's schema, built and evolved through ``sqlite_utils.Migrations``.

Each migration runs in its own transaction together with the record that it
ran, so a killed process leaves either the old schema or the new one. Opening
an archive applies whatever is pending; opening it again applies nothing.
The tables are the contract in docs/ARCHITECTURE.md ("The archive schema"):
change both together.

Durability: the archive runs in WAL mode with ``synchronous=NORMAL``
(``store._PRAGMAS``). A commit then reaches the WAL file without an fsync,
so an application crash or ``kill -9`` loses nothing that was committed
(the WAL is in the OS's page cache and is replayed on the next open), and
no crash of any kind corrupts the file. Only a power loss or kernel panic
can lose the last few transactions, which the next crawl fetches again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database, Migrations

__all__ = ["DEFERRED_FTS", "FTS_COLUMNS", "MIGRATIONS", "apply_migrations", "utc_iso"]

MIGRATIONS = Migrations("scraper.archive")

#: The columns full-text search covers.
FTS_COLUMNS = ("headline", "summary", "body_text", "tags")
#: While this table has a row, new articles wait for ``filing.index_pending`` (see m003).
DEFERRED_FTS = "articles_fts_deferred"


@MIGRATIONS()
def m001_tables(db: Database) -> None:
    """The tables of docs/ARCHITECTURE.md, with the indexes the store's look-ups use."""
    db.table("sites").create({"name": str, "title": str, "domains": str}, pk="name")
    db.table("articles").create(
        {
            "id": int,
            "canonical_url": str,
            "url": str,
            "site": str,
            "lang": str,
            "headline": str,
            "summary": str,
            "published_at": str,
            "published_raw": str,
            "published_day": str,
            "modified_at": str,
            "modified_raw": str,
            "section": str,
            "authors": str,
            "source": str,
            "tags": str,
            "body_text": str,
            "top_image": str,
            "content_hash": str,
            "cluster_id": int,
            "first_seen": str,
            "last_seen": str,
            "revision_count": int,
            "provenance": str,
        },
        pk="id",
        not_null={"canonical_url", "url", "content_hash", "first_seen", "last_seen"},
        defaults={"revision_count": 0},
        foreign_keys=[("site", "sites", "name")],
    )
    articles = db.table("articles")
    articles.create_index(["canonical_url"], unique=True)
    articles.create_index(["content_hash"])
    articles.create_index(["cluster_id"])
    articles.create_index(["site", "published_day"])
    articles.create_index(["published_at"])
    articles.create_index(["first_seen"])
    # cluster_id names the cluster's first article; added after create so the
    # self-reference has its table to point at.
    articles.add_foreign_key("cluster_id", "articles", "id")

    db.table("article_urls").create(
        {"url": str, "article_id": int},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_urls").create_index(["article_id"])
    db.table("revisions").create(
        {
            "id": int,
            "article_id": int,
            "seen_at": str,
            "cause": str,  # "fetch" or "reextract": who saw the change
            "content_hash": str,
            "changed_fields": str,
            "previous": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("revisions").create_index(["article_id"])
    db.table("revisions").create_index(["seen_at"])
    db.table("tags").create({"id": int, "name": str}, pk="id", not_null={"name"})
    db.table("tags").create_index(["name"], unique=True)
    db.table("article_tags").create(
        {"article_id": int, "tag_id": int},
        pk=("article_id", "tag_id"),
        foreign_keys=[("article_id", "articles", "id"), ("tag_id", "tags", "id")],
    )
    db.table("article_tags").create_index(["tag_id"])
    db.table("teasers").create(
        {
            "article_id": int,
            "position": int,
            "title": str,
            "url": str,
            "summary": str,
            "image": str,
            "target_url": str,  # canonical form of url: what target_article_id is resolved by
            "target_article_id": int,
        },
        pk=("article_id", "position"),
        foreign_keys=[("article_id", "articles", "id"), ("target_article_id", "articles", "id")],
    )
    db.table("teasers").create_index(["target_url"])
    db.table("teasers").create_index(["target_article_id"])
    db.table("pages").create(
        {
            "id": int,
            "url": str,
            "final_url": str,
            "status": int,
            "headers": str,
            "content": bytes,
            "fetched_at": str,
            "article_id": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("pages").create_index(["article_id"])
    db.table("fetches").create(
        {
            "id": int,
            "url": str,
            "status": int,
            "error": str,
            "started_at": str,
            "elapsed_ms": float,
            "bytes": int,
        },
        pk="id",
    )
    db.table("fetches").create_index(["started_at"])
    db.table("fetches").create_index(["url"])
    # The persisted LSH index of dedup.py: a signature per article and one
    # row per band key.
    db.table("minhashes").create(
        {"article_id": int, "signature": bytes},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("minhash_bands").create(
        {"band_key": int, "article_id": int},
        pk=("band_key", "article_id"),
        foreign_keys=[("article_id", "articles", "id")],
    )


@MIGRATIONS()
def m002_search(db: Database) -> None:
    """FTS5 over headline, summary, body and tags, folding diacritics, kept in sync by triggers.

    sqlite-utils' update trigger fires on every update; ours fires only when
    a searched column changes, so a re-fetch that only moves ``last_seen``
    does not re-index a 4 KB body.
    """
    articles = db.table("articles")
    articles.enable_fts(
        list(FTS_COLUMNS), tokenize="unicode61 remove_diacritics 2", create_triggers=True
    )
    columns = ", ".join(FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    db.execute("DROP TRIGGER IF EXISTS articles_au")
    db.execute(
        f"CREATE TRIGGER articles_au AFTER UPDATE OF {columns} ON articles BEGIN\n"
        f"  INSERT INTO articles_fts (articles_fts, rowid, {columns}) "
        f"VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO articles_fts (rowid, {columns}) VALUES (new.rowid, {new});\n"
        "END"
    )


@MIGRATIONS()
def m003_batched_search_index(db: Database) -> None:
    """Let a filing transaction index its new articles in one statement instead of per row.

    FTS5 flushes its in-memory index to a new segment at every statement
    savepoint, and a trigger gives every article INSERT one: indexing through
    the trigger cost twice the tokenising (400 against 200 us per 5 KB
    article, measured). While ``articles_fts_deferred`` holds a row, which
    only the filing transaction itself ever sees (it deletes the row before
    committing), the insert trigger stands aside and ``filing.index_pending``
    indexes the transaction's new articles with one ``INSERT ... SELECT``.
    Every other writer (sqlite-utils, the sqlite3 shell) still gets the trigger.
    The name puts the table among the FTS tables datasette hides.
    """
    db.table(DEFERRED_FTS).create({"filing": int})
    columns = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    db.execute("DROP TRIGGER IF EXISTS articles_ai")
    db.execute(
        "CREATE TRIGGER articles_ai AFTER INSERT ON articles\n"
        f"WHEN NOT EXISTS (SELECT 1 FROM {DEFERRED_FTS}) BEGIN\n"
        f"  INSERT INTO articles_fts (rowid, {columns}) VALUES (new.rowid, {new});\n"
        "END"
    )


@MIGRATIONS()
def m004_page_codec(db: Database) -> None:
    """Name the compression of each raw page: zstd from now on, zlib for the rows before."""
    db.table("pages").add_column("codec", str, not_null_default="zlib")


@MIGRATIONS()
def m005_search_merges(db: Database) -> None:
    """Merge the search index's segments 8 at a time instead of 4 (FTS5's default).

    Indexing is half the writing cost of a new article, and at 4 every posting
    was rewritten about twice as often: 12% less indexing CPU at 10,000
    articles, with queries as fast (more, larger segments per level).
    """
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8)")


@MIGRATIONS()
def m006_publication_times_in_utc(db: Database) -> None:
    """Store ``published_at`` and ``modified_at`` in UTC (see ``filing.utc_iso``).

    They kept the page's own offset, and as text ``2025-12-22T13:04+07:00``
    sorted after ``2025-12-22T08:00+00:00``, two hours later in time:
    datasette's newest-first listing interleaved sites of different zones.
    ``published_day`` stays the page's own day; revisions keep what they recorded.
    """
    db.conn.create_function("utc_iso", 1, _utc_text, deterministic=True)
    db.execute(
        "UPDATE articles SET published_at = utc_iso(published_at),"
        " modified_at = utc_iso(modified_at)"
        " WHERE published_at IS NOT NULL OR modified_at IS NOT NULL"
    )


@MIGRATIONS()
def m007_search_pending_memory(db: Database) -> None:
    """Let FTS5 gather 8 MB of postings in memory before writing a segment (default 1 MB).

    A filing transaction indexes ~4 MB of text in one statement; at 1 MB FTS5
    wrote it out as several small segments that the merges then rewrote. At
    8 MB, one segment a transaction: indexing CPU 190-216 -> 124-131 us per
    article at 10,000 articles, queries as fast. The setting is stored in the
    index's own config table, so every connection gets it.
    """
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608)")


@MIGRATIONS()
def m008_search_merges_16(db: Database) -> None:
    """Merge 16 segments at a time (m005 set 8): with one segment per filing
    transaction (m007) postings are rewritten less often still. 10,000-article
    ingest 2,121-2,190 -> 2,170-2,313/s in alternating runs; queries at 100,000
    articles as fast (p95 6.8-8.0 against 7.0-7.5 ms)."""
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)")


def utc_iso(value: datetime | None) -> str | None:
    """A publication time as stored: ISO 8601 in UTC, so that sorting the text sorts
    the times. The page's own wording stays in ``published_raw``."""
    return value.astimezone(UTC).isoformat() if value is not None else None


def _utc_text(text: str | None) -> str | None:
    try:
        value = datetime.fromisoformat(text) if text is not None else None
    except ValueError:
        return text
    return utc_iso(value) if value is not None and value.tzinfo is not None else text


def apply_migrations(db: Database) -> None:
    """Bring ``db`` to the current schema; a no-op when it is already there."""
    MIGRATIONS.apply(db)
