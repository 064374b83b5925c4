"""Archive bench: ingest rate, bytes per article, search latency, re-extraction rate.

    .venv/bin/python bench/archive.py                  # all four, ~10 min on 2 shared cores
    .venv/bin/python bench/archive.py --search-articles 20000 --ingest 2000   # quick look
    .venv/bin/python bench/archive.py --ingest 0 --reextract 0 --search-db /tmp/s.db  # keep it
    .venv/bin/python bench/archive.py --only ingest --ingest 3000   # iterate on the ingest rate

Synthetic articles have realistic sizes (a ~4 KB body drawn from a Zipf-like
vocabulary with some Vietnamese syllables, 5 tags, 5 teasers, a ~60 KB raw
page of shared chrome plus the story) so compression, FTS and LSH see
real-shaped input. Ingest times ``Archive.file_stream`` (prepare + write,
extraction excluded) in batches of ``--batch``, and prints CPU per article
(all threads, and the writing thread alone) because wall time on the shared
machine swings 2x with other people's load; then a one-thread breakdown by
stage. Search runs 200 queries (single words, quoted two-word phrases that
occur, two-word AND queries; rare to very common; 40% typed without
diacritics) on an archive of ``--search-articles`` (raw pages left out: they
do not touch the search path), built once, or reused from ``--search-db``.
Re-extraction runs ``reextract_archive`` over devset pages stored as raw pages.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from scraper.archive import Archive, Filing  # noqa: E402
from scraper.ingest import reextract_archive  # noqa: E402
from scraper.models import Article, Page, Teaser  # noqa: E402
from scraper.profiles import load_profiles  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset" / "pages"
T0 = datetime(2025, 1, 1, tzinfo=UTC)


class Corpus:
    """Deterministic synthetic news: a vocabulary with a long tail, sites, tags."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        syllables = (
            "ba bi bo ca co da de do ga gi ha hi ka ko la le li lo ma me mi mo na ne".split()
        )
        syllables += "ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi vo xa".split()
        # Vietnamese syllables, so diacritic-free queries have something to fold.
        syllables += "bình dương hà nội đà nẵng huế cần thơ sơn lạng quảng ngãi".split()
        words = {
            "".join(self.rng.choices(syllables, k=self.rng.randint(1, 4))) for _ in range(40000)
        }
        self.vocab = sorted(words)
        # Zipf-like weights: a few words everywhere, most words rare.
        self.cum_weights = list(
            itertools.accumulate(1.0 / (rank + 10) for rank in range(len(self.vocab)))
        )
        self.tags = [f"tag {w}" for w in self.vocab[:500]]
        self.sites = [f"portal{i}.example.com" for i in range(20)]
        chrome = " ".join(
            f'<li><a href="/section/{w}">{w.title()}</a></li>' for w in self.vocab[:2500]
        )
        self.chrome = f"<html><head><title>x</title></head><body><nav><ul>{chrome}</ul></nav>"

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum_weights, k=n)

    def story(self, i: int) -> Article:
        """Article ``i`` as the extractor would give it."""
        site = self.sites[i % len(self.sites)]
        url = f"https://{site}/news/{i}-story.html"
        paragraphs = tuple(" ".join(self.words(110)).capitalize() + "." for _ in range(6))
        body = "\n\n".join(paragraphs)
        teasers = tuple(
            Teaser(
                " ".join(self.words(8)),
                f"https://{site}/news/{self.rng.randrange(i + 1)}-story.html",
            )
            for _ in range(5)
        )
        return Article(
            url=url,
            site=site,
            lang="en",
            headline=" ".join(self.words(9)).capitalize(),
            summary=" ".join(self.words(25)),
            published_at=T0 + timedelta(minutes=7 * i),
            section="News",
            authors=("A. Writer",),
            body_text=body,
            body_paragraphs=paragraphs,
            tags=tuple(self.rng.sample(self.tags, 5)),
            teasers=teasers,
        )

    def article(self, i: int) -> tuple[Article, Page]:
        """Article ``i`` and the ~60 KB raw page it came from."""
        article = self.story(i)
        story = "".join(f"<p>{p}</p>" for p in article.body_paragraphs)
        noise = " ".join(self.words(1500))  # comments, scripts, per-page ids: poorly compressible
        html = f"{self.chrome}<article>{story}</article><aside>{noise}</aside></body></html>"
        url = article.url
        page = Page(url, url, 200, {"content-type": "text/html"}, html.encode()[:61440], T0)
        return article, page


def _stage_breakdown(records: list[tuple[Article, Page]]) -> None:
    """Per-article CPU cost of each filing stage, one thread (the pipeline overlaps them)."""
    from scraper.archive import dedup, filing, store

    sample = records[: min(len(records), 1000)]
    n = len(sample)

    def per_article(fn: object) -> float:
        start = time.process_time()
        for a, p in sample:
            fn(a, p)  # type: ignore[operator]
        return (time.process_time() - start) / n * 1e6

    compress = per_article(lambda a, p: filing.compress_page(p.content))
    fp = per_article(lambda a, p: dedup.fingerprint(a.body_text))
    chash = per_article(lambda a, p: dedup.content_hash(a.headline, a.body_text))
    digests = [filing.digest(a.headline, a.body_text, p.content) for a, p in sample]
    start = time.process_time()
    prepared = [filing.prepare(a, p, digested=d) for (a, p), d in zip(sample, digests, strict=True)]
    fields = (time.process_time() - start) / n * 1e6
    fts = [0.0]
    index_pending = filing.index_pending

    def timed_index(db: Database, pending: list[int]) -> None:
        start = time.process_time()
        index_pending(db, pending)
        fts[0] += time.process_time() - start

    store.index_pending = timed_index
    try:
        with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "s.db") as archive:
            start = time.process_time()
            for k in range(0, n, 200):
                archive.file_prepared(prepared[k : k + 200])
            write = (time.process_time() - start) / n * 1e6
    finally:
        store.index_pending = index_pending
    print(
        f"  per article, one thread ({n} sampled): digest {compress + fp + chash:.0f} us "
        f"(page compression {compress:.0f}, MinHash {fp:.0f}, content hash {chash:.0f}); "
        f"URLs/fields {fields:.0f} us; write {write:.0f} us (of which FTS indexing "
        f"{fts[0] / n * 1e6:.0f})"
    )


def _children_cpu() -> float:
    """CPU seconds used so far by this process's live child processes (from /proc).

    ``RUSAGE_CHILDREN`` counts only children already waited for, and when the
    preparation processes come from a forkserver they are not ours at all.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for child in multiprocessing.active_children():
        try:
            stat = Path(f"/proc/{child.pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def bench_ingest(n: int, batch: int) -> None:
    corpus = Corpus()
    records = [corpus.article(i) for i in range(n)]
    raw = sum(len(p.content) for _, p in records) / n
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ingest.db"
        start, cpu, writer = time.perf_counter(), time.process_time(), time.thread_time()
        # Timed from opening to closing: the preparation processes' start-up counts.
        with Archive.open(path) as archive:
            filings = (Filing(a, p) for a, p in records)
            filed = sum(1 for _ in archive.file_stream(filings, batch=batch))
            assert filed == n, f"{filed} of {n} filed"
            workers = _children_cpu()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        writer = time.thread_time() - writer  # this thread writes; other processes digest
        with Archive.open(path) as archive:
            archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
    print(
        f"ingest: {n} articles in {elapsed:.1f} s = {n / elapsed:,.0f} articles/s "
        f"(batches of {batch}; raw page {raw / 1024:.0f} KB kept; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"  CPU per article: {(cpu + workers) / n * 1e6:.0f} us in all: "
        f"{writer / n * 1e6:.0f} us on the writing thread, "
        f"{(cpu - writer) / n * 1e6:.0f} on its helper threads, "
        f"{workers / n * 1e6:.0f} in the preparation processes"
    )
    print(f"archive size: {size / n / 1024:.1f} KB per article with raw pages")
    _stage_breakdown(records)


def _fold(text: str) -> str:
    """``text`` without diacritics, as a user on a plain keyboard types it."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_queries(corpus: Corpus, n: int, seed: int = 3) -> list[str]:
    """Words and quoted two-word phrases from the corpus, frequent to rare, some diacritic-free."""
    rng = random.Random(seed)
    vocab, queries = corpus.vocab, []
    bands = [(0, 50), (50, 2000), (2000, len(vocab))]
    for i in range(n):
        lo, hi = bands[i % 3]
        kind = rng.random()
        if kind < 0.5:
            q = rng.choice(vocab[lo:hi])
        elif kind < 0.8:  # a phrase that occurs: two adjacent words of a generated body
            words = corpus.story(rng.randrange(10**6)).body_text.split()
            k = rng.randrange(len(words) - 1)
            q = '"' + " ".join(w.strip(".,").lower() for w in words[k : k + 2]) + '"'
        else:
            q = " ".join(rng.choice(vocab[lo:hi]) for _ in range(2))
        queries.append(_fold(q) if rng.random() < 0.4 else q)
    return queries


def bench_search(n: int, queries: int, keep: Path | None) -> None:
    corpus = Corpus(seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "search.db"
        with Archive.open(path) as archive:
            have = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
            start = time.perf_counter()
            for k in range(have, n, 1000):
                batch = range(k, min(n, k + 1000))
                archive.file_many(Filing(corpus.story(i)) for i in batch)
            if have < n:
                built = time.perf_counter() - start
                print(f"search archive: {n - have:,} articles filed in {built:.0f} s")
                archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                # The archive just written is ~1.5 GB of dirty pages: queries timed while
                # the OS writes them back wait behind that I/O (p95 42 ms seen, against
                # 6-8 ms at rest). Searching is timed on an archive at rest.
                os.sync()
            timings = []
            for q in search_queries(corpus, queries):
                start = time.perf_counter()
                archive.search(q, limit=20)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"search: {queries} queries on {n:,} articles, median "
            f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )


def bench_reextract(limit: int) -> None:
    files = sorted(DEVSET.glob("*.html.gz"))[:limit]
    if not files:
        print("reextract: no devset pages found; skipped")
        return
    profiles = load_profiles()
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "re.db") as archive:
        for i, file in enumerate(files):
            url = f"https://devset.example/{i}/{file.stem}"
            page = Page(url, url, 200, {}, gzip.decompress(file.read_bytes()), T0)
            archive.file(Article(url=url, headline=f"placeholder {i}", body_text=""), page)
        start = time.perf_counter()
        counts = reextract_archive(archive, profiles)
        elapsed = time.perf_counter() - start
    total = sum(counts.values())
    print(
        f"reextract: {total} stored pages in {elapsed:.1f} s = {total / elapsed:.0f} articles/s "
        f"({dict(counts)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--search-articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--search-db", type=Path, help="build the search archive here and reuse it next time"
    )
    parser.add_argument("--reextract", type=int, default=300, help="devset pages to re-extract")
    parser.add_argument(
        "--only", choices=("ingest", "reextract", "search"), help="run this part alone"
    )
    args = parser.parse_args()
    if args.ingest and args.only in (None, "ingest"):
        bench_ingest(args.ingest, args.batch)
    if args.reextract and args.only in (None, "reextract"):
        bench_reextract(args.reextract)
    if args.search_articles and args.only in (None, "search"):
        bench_search(args.search_articles, args.queries, args.search_db)


if __name__ == "__main__":
    main()
