"""Filing one extracted page into the archive: decide new/unchanged/revised/merged, then write.

``prepare`` is pure (canonical URLs, hashes, fingerprint, compressed page);
``file_prepared`` runs inside the caller's transaction and is the only code
that writes articles. The hot path writes with prepared statements on the
connection rather than sqlite-utils' ``Table.insert``/``upsert``: those
introspect the table on every call (80-330 us each, measured), which is
more than the whole per-article budget of the ingest bar (500 us). Schema,
search, tags and sites still go through sqlite-utils.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Iterable, Sized
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple
from urllib.parse import urlsplit

import zstandard
from sqlite_utils import Database

from ..models import Article, Page, SiteProfile
from .canonical import canonical_url, choose_canonical
from .dedup import THRESHOLD, Fingerprint, band_keys, content_hash, fingerprint, similarity
from .schema import FTS_COLUMNS, utc_iso

__all__ = [
    "TRACKED_FIELDS",
    "Digest",
    "FileResult",
    "Prepared",
    "PAGE_CODEC",
    "compress_page",
    "decompress_page",
    "digest",
    "digest_texts",
    "file_batch",
    "file_prepared",
    "index_pending",
    "prepare",
]

Outcome = Literal["new", "unchanged", "revised", "merged"]

#: Fields whose change makes a revision (their previous values are kept).
TRACKED_FIELDS = (
    "headline",
    "summary",
    "published_at",
    "modified_at",
    "section",
    "authors",
    "source",
    "tags",
    "body_text",
    "top_image",
    "lang",
)
_ARTICLE_COLUMNS = (
    *TRACKED_FIELDS,
    "canonical_url",
    "url",
    "site",
    "published_raw",
    "published_day",
    "modified_raw",
    "content_hash",
    "first_seen",
    "last_seen",
    "revision_count",
    "provenance",
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})"
)
_INSERT_ARTICLE_WITH_ID = (
    f"INSERT INTO articles (id, {', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES (?, {', '.join('?' * len(_ARTICLE_COLUMNS))})"
)
#: Raw pages are stored as zstd level 3 frames (``pages.codec = 'zstd'``): on 300 devset
#: pages (296 KB each) 675 us and 17.4% of the size, against zlib level 1's 1,830 us and
#: 22.5%. Rows written before schema m004 are zlib (their codec column says so).
PAGE_CODEC = "zstd"
_ZSTD_LEVEL = 3
#: One compressor per thread: a zstd context is not thread-safe, and making one per page
#: costs ~10% of compressing it.
_local = threading.local()
_FTS_SET = frozenset(FTS_COLUMNS)
#: Bodies this short (paywall stubs, error pages) never merge two URLs by identical content.
_MIN_MERGE_CHARS = 200


@dataclass(frozen=True, slots=True)
class FileResult:
    """What filing one page did: which article, and was it new, unchanged, revised or merged.

    ``merged`` means the page was filed under an existing article reached
    through another URL (identical content, or a new alias of it);
    ``changed_fields`` names the fields a revision recorded (empty otherwise).
    """

    article_id: int
    outcome: Outcome
    changed_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything filing needs, computed before the transaction opens."""

    site: str
    site_title: str | None
    site_domains: tuple[str, ...]
    canonical: str
    urls: tuple[str, ...]  # canonical forms of every URL the page was seen under
    fields: dict[str, Any]  # article columns except ids, seen times and counts
    content_hash: str
    mergeable: bool
    fingerprint: Fingerprint | None
    teasers: tuple[tuple[int, str, str, str | None, str | None, str], ...]
    page: tuple[Any, ...] | None  # url, final_url, status, headers, content, codec, fetched_at
    seen_at: str
    cause: str
    touch: bool
    tag_names: tuple[str, ...]
    present: tuple[str, ...]  # the tracked fields with a value: a new article's first revision
    new_row: tuple[Any, ...]  # the articles row (``_ARTICLE_COLUMNS``) should it be new
    present_json: str  # ``present`` as the first revision's changed_fields


def compress_page(content: bytes) -> bytes:
    """A raw page as stored in ``pages.content`` (codec ``PAGE_CODEC``)."""
    compressor = getattr(_local, "zstd", None)
    if compressor is None:
        compressor = _local.zstd = zstandard.ZstdCompressor(level=_ZSTD_LEVEL)
    return bytes(compressor.compress(content))


def decompress_page(content: bytes, codec: str) -> bytes:
    """The raw bytes of a stored page, whichever codec wrote it."""
    if codec == "zstd":
        return bytes(zstandard.ZstdDecompressor().decompress(content))
    if codec == "zlib":
        return zlib.decompress(content)
    raise ValueError(f"unknown page codec {codec!r}")


class Digest(NamedTuple):
    """The costly, purely computational part of preparing a record."""

    content_hash: str
    fingerprint: Fingerprint | None
    page_content: bytes | None  # the raw page compressed with PAGE_CODEC


def digest(headline: str | None, body_text: str, content: bytes | None) -> Digest:
    """Hash, fingerprint and compress one record's text and raw page."""
    return Digest(
        content_hash(headline, body_text),
        fingerprint(body_text),
        compress_page(content) if content is not None else None,
    )


def digest_texts(texts: list[tuple[str | None, str]]) -> list[tuple[str, Fingerprint | None]]:
    """Content hash and fingerprint of (headline, body) pairs: a task for another process.

    Plain values in and out, so the pickles crossing the process boundary stay
    small and cheap; the raw page stays behind (zstd compresses it on a
    thread: it releases the GIL).
    """
    return [(content_hash(headline, body), fingerprint(body)) for headline, body in texts]


#: One encoder for every value: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def prepare(
    article: Article,
    page: Page | None = None,
    *,
    profile: SiteProfile | None = None,
    seen_at: datetime | None = None,
    cause: str = "fetch",
    touch: bool = True,
    digested: Digest | None = None,
) -> Prepared:
    """Compute the archive's view of one record (pure: no database).

    ``digested`` is ``digest(headline, body_text, page content)`` when the
    caller computed it elsewhere (another process); else it is computed here.
    """
    if digested is None:
        content = page.content if page is not None else None
        digested = digest(article.headline, article.body_text, content)
    domains = profile.domains if profile is not None else ()
    final = page.final_url if page is not None else article.url
    canonical = choose_canonical(final, article.canonical_url, domains=domains)
    seen = [canonical, canonical_url(article.url), canonical_url(final)]
    if page is not None:
        seen.append(canonical_url(page.requested_url))
    urls = tuple(dict.fromkeys(seen))
    host = (urlsplit(final).hostname or "").removeprefix("www.")
    site = profile.name if profile is not None else (article.site or host)
    published = article.published_at
    fields = {
        "headline": article.headline,
        "summary": article.summary,
        "published_at": utc_iso(published),
        "modified_at": utc_iso(article.modified_at),
        "section": article.section,
        "authors": _json(list(article.authors)),
        "source": article.source,
        "tags": _json(list(article.tags)),
        "body_text": article.body_text,
        "top_image": article.top_image,
        "lang": article.lang,
        "canonical_url": canonical,
        "url": article.url,
        "site": site,
        "published_raw": article.published_raw,
        # The page's own calendar day: the day its readers saw on it.
        "published_day": published.date().isoformat() if published else None,
        "modified_raw": article.modified_raw,
        "provenance": _json(article.provenance),
    }
    teasers = tuple(
        (i, t.title, t.url, t.summary, t.image, canonical_url(t.url))
        for i, t in enumerate(article.teasers)
    )
    stored_page = None
    if page is not None:
        stored_page = (
            page.requested_url,
            page.final_url,
            page.status,
            _json(page.headers),
            digested.page_content,
            PAGE_CODEC,
            _iso(page.fetched_at),
        )
    when = seen_at or (page.fetched_at if page is not None else datetime.now(UTC))
    seen_iso = when.astimezone(UTC).isoformat()
    present = tuple(f for f in TRACKED_FIELDS if fields[f] not in (None, "", "[]"))
    new_values = {
        **fields,
        "content_hash": digested.content_hash,
        "first_seen": seen_iso,
        "last_seen": seen_iso,
        "revision_count": 1,
    }
    return Prepared(
        site=site,
        site_title=(profile.title if profile is not None else None) or article.site,
        site_domains=domains or (host,),
        canonical=canonical,
        urls=urls,
        fields=fields,
        content_hash=digested.content_hash,
        mergeable=bool(article.headline) and len(article.body_text) >= _MIN_MERGE_CHARS,
        fingerprint=digested.fingerprint,
        teasers=teasers,
        page=stored_page,
        seen_at=seen_iso,
        cause=cause,
        touch=touch,
        tag_names=tuple(article.tags),
        present=present,
        new_row=tuple(new_values[c] for c in _ARTICLE_COLUMNS),
        present_json=_json(list(present)),
    )


def _marks(values: Sized) -> str:
    return _MARKS[len(values)] if len(values) < len(_MARKS) else ", ".join("?" * len(values))


_MARKS = tuple(", ".join("?" * n) for n in range(64))


def index_pending(db: Database, pending: list[int]) -> None:
    """Add the articles the transaction filed to the search index, in one statement (see m003)."""
    if not pending:
        return
    columns = ", ".join(FTS_COLUMNS)
    db.conn.execute(
        f"INSERT INTO articles_fts (rowid, {columns}) SELECT id, {columns} FROM articles"
        " WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(pending)],
    )
    pending.clear()


def file_prepared(db: Database, p: Prepared, tag_id: Any, pending: list[int]) -> FileResult:
    """File one prepared record; the caller holds the transaction. ``tag_id(name) -> int``.

    With the insert trigger deferred (schema m003), the ids of new articles
    are appended to ``pending`` for ``index_pending``; the caller must index
    them before it commits.
    """
    conn = db.conn
    row = conn.execute(
        f"SELECT article_id FROM article_urls WHERE url IN ({_marks(p.urls)}) "
        "ORDER BY url = ? DESC LIMIT 1",
        [*p.urls, p.canonical],
    ).fetchone()
    merged = False
    if row is None and p.mergeable:
        row = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [p.content_hash]
        ).fetchone()
        merged = row is not None
    if row is None:
        return _file_new(db, p, tag_id, pending)
    article_id = int(row[0])
    known = {
        r[0]
        for r in conn.execute(
            f"SELECT url FROM article_urls WHERE url IN ({_marks(p.urls)})", p.urls
        )
    }
    new_urls = [u for u in p.urls if u not in known]
    if new_urls:
        merged = True
        conn.executemany(
            "INSERT INTO article_urls (url, article_id) VALUES (?, ?)",
            [(u, article_id) for u in new_urls],
        )
        _backfill_teasers(db, article_id, new_urls)
    columns = ", ".join(TRACKED_FIELDS)
    old = conn.execute(
        f"SELECT {columns}, last_seen FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    previous = dict(zip(TRACKED_FIELDS, old[:-1], strict=True))
    changed = tuple(f for f in TRACKED_FIELDS if previous[f] != p.fields[f])
    last_seen = max(old[-1], p.seen_at) if p.touch else old[-1]
    if changed:
        if pending and not _FTS_SET.isdisjoint(changed):
            # The update trigger rewrites the article's index entry: it must exist.
            index_pending(db, pending)
        assignments = ", ".join(f"{f} = ?" for f in (*changed, "published_raw", "modified_raw"))
        conn.execute(
            f"UPDATE articles SET {assignments}, published_day = ?, provenance = ?, "
            "content_hash = ?, last_seen = ?, revision_count = revision_count + 1 WHERE id = ?",
            [
                *(p.fields[f] for f in changed),
                p.fields["published_raw"],
                p.fields["modified_raw"],
                p.fields["published_day"],
                p.fields["provenance"],
                p.content_hash,
                last_seen,
                article_id,
            ],
        )
        _add_revision(db, article_id, p, changed, {f: previous[f] for f in changed})
        if "tags" in changed:
            _write_tags(db, article_id, p, tag_id, replace=True)
        if "body_text" in changed:
            _write_fingerprint(db, article_id, p, replace=True)
    elif last_seen != old[-1]:
        conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [last_seen, article_id])
    _write_teasers(db, article_id, p, replace=True)
    _write_page(db, article_id, p, replace=not changed and not merged)
    outcome: Outcome = "merged" if merged else ("revised" if changed else "unchanged")
    return FileResult(article_id, outcome, changed)


def file_batch(
    db: Database, prepared: list[Prepared], tag_id: Any, pending: list[int]
) -> list[FileResult]:
    """File records in order, as ``file_prepared`` one by one would; the caller holds the
    transaction.

    A record that no URL or content hash connects to the archive, nor to an
    earlier record of the batch, is new: runs of new records are written with
    one statement per table (``_file_new_run``), which is what makes SQLite
    fast; per-article statements cost ~2-3x more. Any other record (a re-fetch,
    a merge, the same story twice in the batch) goes through ``file_prepared``
    after the run before it is written, so the decision sees the same archive.
    """
    conn = db.conn
    urls = json.dumps(sorted({u for p in prepared for u in p.urls}))
    known_urls = {
        r[0]
        for r in conn.execute(
            "SELECT url FROM article_urls WHERE url IN (SELECT value FROM json_each(?))", [urls]
        )
    }
    hashes = json.dumps(sorted({p.content_hash for p in prepared if p.mergeable}))
    known_hashes = {
        r[0]
        for r in conn.execute(
            "SELECT content_hash FROM articles"
            " WHERE content_hash IN (SELECT value FROM json_each(?))",
            [hashes],
        )
    }
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    results: list[FileResult] = []
    run: list[Prepared] = []
    for p in prepared:
        connected = (
            not known_urls.isdisjoint(p.urls)
            or not seen_urls.isdisjoint(p.urls)
            or (p.mergeable and (p.content_hash in known_hashes or p.content_hash in seen_hashes))
        )
        seen_urls.update(p.urls)
        seen_hashes.add(p.content_hash)
        if not connected:
            run.append(p)
            continue
        if run:
            results.extend(_file_new_run(db, run, tag_id, pending))
            run = []
        results.append(file_prepared(db, p, tag_id, pending))
    if run:
        results.extend(_file_new_run(db, run, tag_id, pending))
    return results


def _file_new_run(
    db: Database, run: list[Prepared], tag_id: Any, pending: list[int]
) -> list[FileResult]:
    """Write new articles with one statement per table; the same rows as ``_file_new`` each."""
    conn = db.conn
    # Ids assigned here (the caller's transaction is the only writer): executemany has no
    # lastrowid per row. They are the ids SQLite would pick (no AUTOINCREMENT).
    base = int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])
    ids = range(base + 1, base + 1 + len(run))
    new = list(zip(ids, run, strict=True))
    conn.executemany(_INSERT_ARTICLE_WITH_ID, [(i, *p.new_row) for i, p in new])
    pending.extend(ids)
    conn.executemany(
        "INSERT INTO article_urls (url, article_id) VALUES (?, ?)",
        [(u, i) for i, p in new for u in p.urls],
    )
    conn.executemany(
        "INSERT INTO revisions (article_id, seen_at, cause, content_hash, changed_fields, previous)"
        " VALUES (?, ?, ?, ?, ?, '{}')",
        [(i, p.seen_at, p.cause, p.content_hash, p.present_json) for i, p in new],
    )
    conn.executemany(
        "INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)",
        [(i, tag_id(name)) for i, p in new for name in dict.fromkeys(p.tag_names)],
    )
    _write_fingerprints(db, new)
    targets_of = json.dumps(sorted({t[5] for p in run for t in p.teasers}))
    targets = dict(
        conn.execute(
            "SELECT url, article_id FROM article_urls"
            " WHERE url IN (SELECT value FROM json_each(?))",
            [targets_of],
        ).fetchall()
    )
    conn.executemany(
        "INSERT INTO teasers (article_id, position, title, url, summary, image, target_url,"
        " target_article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, *t, targets.get(t[5])) for i, p in new for t in p.teasers],
    )
    # Teasers filed earlier that point at this run's articles (see _backfill_teasers).
    conn.execute(
        "UPDATE teasers SET target_article_id ="
        " (SELECT article_id FROM article_urls WHERE url = teasers.target_url)"
        " WHERE target_url IN (SELECT value FROM json_each(?)) AND +target_article_id IS NULL",
        [json.dumps([u for p in run for u in p.urls])],
    )
    conn.executemany(
        "INSERT INTO pages (url, final_url, status, headers, content, codec, fetched_at,"
        " article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(*p.page, i) for i, p in new if p.page is not None],
    )
    return [FileResult(i, "new", p.present) for i, p in new]


def _write_fingerprints(db: Database, new: list[tuple[int, Prepared]]) -> None:
    """``_write_fingerprint`` for a run of new articles, in order, with one look-up.

    The archive's candidates for the whole run are read at once; the run's own
    articles join the candidates as they are taken in turn, so each article
    sees what it would have seen filed alone: the archive and the run before it.
    """
    conn = db.conn
    keys = json.dumps(sorted({k for _, p in new if p.fingerprint for k in p.fingerprint.band_keys}))
    bands: dict[int, list[int]] = {}
    signatures: dict[int, bytes] = {}
    clusters: dict[int, int | None] = {}
    for key, other_id, signature, cluster_id in conn.execute(
        "SELECT b.band_key, m.article_id, m.signature, a.cluster_id FROM minhash_bands b"
        " JOIN minhashes m ON m.article_id = b.article_id JOIN articles a ON a.id = b.article_id"
        " WHERE b.band_key IN (SELECT value FROM json_each(?))",
        [keys],
    ):
        bands.setdefault(key, []).append(other_id)
        signatures[other_id] = signature
        clusters[other_id] = cluster_id
    updates: dict[int, int] = {}
    for article_id, p in new:
        fp = p.fingerprint
        if fp is None:
            continue
        candidates = sorted({o for key in fp.band_keys for o in bands.get(key, ())})
        best, best_score = None, THRESHOLD
        for other_id in candidates:
            score = similarity(fp.signature, signatures[other_id])
            if score >= best_score:
                best, best_score = other_id, score
        signatures[article_id] = fp.signature
        clusters[article_id] = None
        for key in fp.band_keys:
            bands.setdefault(key, []).append(article_id)
        if best is None:
            continue
        cluster_id = clusters[best]
        if cluster_id is None:
            cluster_id = min(best, article_id)
            clusters[best] = updates[best] = cluster_id
        clusters[article_id] = updates[article_id] = cluster_id
    conn.executemany(
        "INSERT INTO minhashes (article_id, signature) VALUES (?, ?)",
        [(i, p.fingerprint.signature) for i, p in new if p.fingerprint is not None],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band_key, article_id) VALUES (?, ?)",
        [(k, i) for i, p in new if p.fingerprint is not None for k in p.fingerprint.band_keys],
    )
    conn.executemany(
        "UPDATE articles SET cluster_id = ? WHERE id = ?", [(c, i) for i, c in updates.items()]
    )


def _file_new(db: Database, p: Prepared, tag_id: Any, pending: list[int]) -> FileResult:
    cursor = db.conn.execute(_INSERT_ARTICLE, p.new_row)
    article_id = int(cursor.lastrowid or 0)
    pending.append(article_id)
    db.conn.executemany(
        "INSERT INTO article_urls (url, article_id) VALUES (?, ?)",
        [(u, article_id) for u in p.urls],
    )
    present = p.present
    _add_revision(db, article_id, p, present, {})
    _write_tags(db, article_id, p, tag_id, replace=False)
    _write_fingerprint(db, article_id, p, replace=False)
    _write_teasers(db, article_id, p, replace=False)
    _backfill_teasers(db, article_id, p.urls)
    _write_page(db, article_id, p, replace=False)
    return FileResult(article_id, "new", present)


def _add_revision(
    db: Database, article_id: int, p: Prepared, changed: tuple[str, ...], previous: dict
) -> None:
    db.conn.execute(
        "INSERT INTO revisions (article_id, seen_at, cause, content_hash, changed_fields, previous)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [article_id, p.seen_at, p.cause, p.content_hash, _json(list(changed)), _json(previous)],
    )


def _write_tags(db: Database, article_id: int, p: Prepared, tag_id: Any, *, replace: bool) -> None:
    if replace:
        db.conn.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
    names = dict.fromkeys(p.tag_names)
    db.conn.executemany(
        "INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)",
        [(article_id, tag_id(name)) for name in names],
    )


def _write_teasers(db: Database, article_id: int, p: Prepared, *, replace: bool) -> None:
    conn = db.conn
    if replace:
        conn.execute("DELETE FROM teasers WHERE article_id = ?", [article_id])
    if not p.teasers:
        return
    targets = dict(
        conn.execute(
            f"SELECT url, article_id FROM article_urls WHERE url IN ({_marks(p.teasers)})",
            [t[5] for t in p.teasers],
        ).fetchall()
    )
    conn.executemany(
        "INSERT INTO teasers (article_id, position, title, url, summary, image, target_url,"
        " target_article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, *t, targets.get(t[5])) for t in p.teasers],
    )


def _backfill_teasers(db: Database, article_id: int, urls: Iterable[str]) -> None:
    """Point teasers filed earlier at this article, now that it is archived.

    The unary ``+`` keeps SQLite off the ``target_article_id`` index: without
    statistics it picked that index for ``IS NULL`` and visited every teaser
    whose target is not archived yet (most of them, in a crawl) on every filing.
    """
    urls = list(urls)
    db.conn.execute(
        f"UPDATE teasers SET target_article_id = ? WHERE target_url IN ({_marks(urls)})"
        " AND +target_article_id IS NULL",
        [article_id, *urls],
    )


def _write_page(db: Database, article_id: int, p: Prepared, *, replace: bool) -> None:
    """Keep the raw page; an unchanged re-fetch replaces the latest copy rather than pile up."""
    if p.page is None:
        return
    conn = db.conn
    if replace:
        latest = conn.execute(
            "SELECT max(id) FROM pages WHERE article_id = ?", [article_id]
        ).fetchone()[0]
        if latest is not None:
            conn.execute(
                "UPDATE pages SET url = ?, final_url = ?, status = ?, headers = ?, content = ?,"
                " codec = ?, fetched_at = ? WHERE id = ?",
                [*p.page, latest],
            )
            return
    conn.execute(
        "INSERT INTO pages (url, final_url, status, headers, content, codec, fetched_at,"
        " article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [*p.page, article_id],
    )


def _write_fingerprint(db: Database, article_id: int, p: Prepared, *, replace: bool) -> None:
    """Index the body's MinHash bands and join the cluster of the most similar archived story."""
    conn = db.conn
    if replace:
        old = conn.execute(
            "SELECT signature FROM minhashes WHERE article_id = ?", [article_id]
        ).fetchone()
        if old is not None:
            conn.executemany(
                "DELETE FROM minhash_bands WHERE band_key = ? AND article_id = ?",
                [(key, article_id) for key in band_keys(old[0])],
            )
            conn.execute("DELETE FROM minhashes WHERE article_id = ?", [article_id])
    fp = p.fingerprint
    if fp is None:
        return
    candidates = conn.execute(
        "SELECT m.article_id, m.signature, a.cluster_id FROM minhashes m"
        " JOIN articles a ON a.id = m.article_id WHERE m.article_id IN"
        f" (SELECT article_id FROM minhash_bands WHERE band_key IN ({_marks(fp.band_keys)}))",
        fp.band_keys,
    ).fetchall()
    conn.execute(
        "INSERT INTO minhashes (article_id, signature) VALUES (?, ?)", [article_id, fp.signature]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band_key, article_id) VALUES (?, ?)",
        [(key, article_id) for key in fp.band_keys],
    )
    best, best_score = None, THRESHOLD
    for other_id, signature, cluster_id in candidates:
        score = similarity(fp.signature, signature)
        if other_id != article_id and score >= best_score:
            best, best_score = (other_id, cluster_id), score
    if best is None:
        return
    other_id, cluster_id = best
    if cluster_id is None:
        cluster_id = min(other_id, article_id)
        conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [cluster_id, other_id])
    conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [cluster_id, article_id])
