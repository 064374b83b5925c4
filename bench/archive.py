"""Archive bench: ingest rate, bytes per article, search latency, re-extraction rate.

    .venv/bin/python bench/archive.py                  # all four, ~5-8 min on 2 shared cores
    .venv/bin/python bench/archive.py --search-articles 20000 --ingest 2000   # quick look

Synthetic articles have realistic sizes (a ~4 KB body drawn from a Zipf-like
vocabulary, 5 tags, 5 teasers, a ~60 KB raw page of shared chrome plus the
story) so compression, FTS and LSH see real-shaped input. Ingest times
``Archive.file_many`` (prepare + write, extraction excluded) in batches of
200. Search runs 200 one- and two-word queries of mixed frequency on an
archive of ``--search-articles`` (built once into a temp file, raw pages
left out: they do not touch the search path). Re-extraction runs
``reextract_archive`` over devset pages stored as raw pages.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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

    def article(self, i: int) -> tuple[Article, Page]:
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
        article = Article(
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
        story = "".join(f"<p>{p}</p>" for p in paragraphs)
        noise = " ".join(self.words(1500))  # comments, scripts, per-page ids: poorly compressible
        html = f"{self.chrome}<article>{story}</article><aside>{noise}</aside></body></html>"
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
    start = time.process_time()
    prepared = [filing.prepare(a, p) for a, p in sample]
    prep = (time.process_time() - start) / n * 1e6
    fts = [0.0]
    index_pending = filing.index_pending

    def timed_index(db: object, pending: list[int]) -> None:
        start = time.process_time()
        index_pending(db, pending)  # type: ignore[arg-type]
        fts[0] += time.process_time() - start

    store.index_pending = timed_index  # type: ignore[attr-defined]
    try:
        with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "s.db") as archive:
            start = time.process_time()
            for k in range(0, n, 200):
                archive.file_prepared(prepared[k : k + 200])
            write = (time.process_time() - start) / n * 1e6
    finally:
        store.index_pending = index_pending  # type: ignore[attr-defined]
    no_fts = write - fts[0] / n * 1e6
    print(
        f"  per article, one thread ({n} sampled): prepare {prep:.0f} us "
        f"(page compression {compress:.0f}, MinHash {fp:.0f}, content hash {chash:.0f}, "
        f"URLs/fields {prep - compress - fp - chash:.0f}); "
        f"write {write:.0f} us (of which FTS indexing ~{max(write - no_fts, 0):.0f})"
    )


def bench_ingest(n: int, batch: int) -> None:
    corpus = Corpus()
    records = [corpus.article(i) for i in range(n)]
    raw = sum(len(p.content) for _, p in records) / n
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ingest.db"
        with Archive.open(path) as archive:
            start, cpu = time.perf_counter(), time.process_time()
            for k in range(0, n, batch):
                archive.file_many(Filing(a, p) for a, p in records[k : k + batch])
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
    print(
        f"ingest: {n} articles in {elapsed:.1f} s = {n / elapsed:,.0f} articles/s "
        f"(batches of {batch}; raw page {raw / 1024:.0f} KB kept; "
        f"{cpu / n * 1e6:.0f} us CPU per article, load average {os.getloadavg()[0]:.1f})"
    )
    print(f"archive size: {size / n / 1024:.1f} KB per article with raw pages")
    _stage_breakdown(records)


def bench_search(n: int, queries: int) -> None:
    corpus = Corpus(seed=11)
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "search.db") as archive:
        start = time.perf_counter()
        for k in range(0, n, 1000):
            archive.file_many(Filing(corpus.article(i)[0]) for i in range(k, min(n, k + 1000)))
        print(f"search archive: {n:,} articles built in {time.perf_counter() - start:.0f} s")
        rng = random.Random(3)
        vocab = corpus.vocab
        terms = [
            " ".join(rng.choice(vocab[lo:hi]) for _ in range(rng.choice((1, 1, 2))))
            for lo, hi in [(0, 50), (50, 2000), (2000, len(vocab))] * (queries // 3 + 1)
        ][:queries]
        timings = []
        for q in terms:
            start = time.perf_counter()
            archive.search(q, limit=20)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"search: {queries} queries, median {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
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
    parser.add_argument("--batch", type=int, default=200, help="articles per transaction")
    parser.add_argument("--search-articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reextract", type=int, default=300, help="devset pages to re-extract")
    args = parser.parse_args()
    if args.ingest:
        bench_ingest(args.ingest, args.batch)
    if args.reextract:
        bench_reextract(args.reextract)
    if args.search_articles:
        bench_search(args.search_articles, args.queries)


if __name__ == "__main__":
    main()
