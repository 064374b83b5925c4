"""Pages per second of ``scraper.extract`` next to trafilatura, newspaper4k and htmldate.

    python bench/speed.py                       # all 1,225 devset pages, best of 3
    python bench/speed.py --repeat 5 --limit 300 --tools scraper,trafilatura

One run, one core: the process pins itself to the first CPU it may use
(``os.sched_setaffinity``), decompresses every page beforehand (not timed),
then for each tool makes one warm-up pass and ``--repeat`` timed passes over
the same bytes and keeps the fastest total wall time. Before every pass the
peers' LRU caches are cleared (``trafilatura.meta.reset_caches``, which covers
htmldate and courlan) and the garbage collector runs, so no pass is served
from what an earlier pass over the same pages left behind. Ours runs first,
so the growth of peak RSS it shows is its own.

What is timed per tool, each given the page bytes and URL:
  scraper      scraper.extract(data, url)
  trafilatura  bare_extraction(data, url=url, with_metadata=True, include_comments=False)
  newspaper4k  Article(url) with fetch_images off; html = data; parse()
  htmldate     find_date(data, url=url, original_date=True)   (a date-only peer)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devset  # noqa: E402  (bench/ is not a package)

TOOLS = ("scraper", "trafilatura", "newspaper4k", "htmldate")
Page = tuple[str, bytes, str]  # id, bytes, url


def runner(tool: str) -> Callable[[bytes, str], object]:
    """The call timed for ``tool``; imports happen here, outside the timing."""
    if tool == "scraper":
        from scraper import ScraperError, extract

        def run_scraper(data: bytes, url: str) -> object:
            try:
                return extract(data, url)
            except ScraperError:  # a page refused on purpose (not HTML) is no bug
                return None

        return run_scraper
    if tool == "trafilatura":
        from trafilatura import bare_extraction

        def run_trafilatura(data: bytes, url: str) -> object:
            return bare_extraction(data, url=url, with_metadata=True, include_comments=False)

        return run_trafilatura
    if tool == "newspaper4k":
        devset.newspaper_article(b"<html><body><p>warm</p></body></html>", devset.NO_URL)
        return devset.newspaper_article
    if tool == "htmldate":
        from htmldate import find_date

        def run_htmldate(data: bytes, url: str) -> object:
            return find_date(data, url=url, original_date=True)

        return run_htmldate
    raise ValueError(tool)


def reset_peer_caches() -> None:
    try:
        from trafilatura.meta import reset_caches
    except ImportError:
        gc.collect()
        return
    reset_caches()  # also runs gc.collect()


def one_pass(
    call: Callable[[bytes, str], object], pages: list[Page], errors: dict[str, str]
) -> tuple[float, list[float]]:
    """Total wall time of one pass and each page's time; a raising page is noted, not fatal."""
    per_page = []
    clock = time.perf_counter
    start = clock()
    for page_id, data, url in pages:
        t0 = clock()
        try:
            call(data, url)
        except Exception as exc:  # counted: a bug for ours, a failure for a peer
            errors.setdefault(page_id, f"{type(exc).__name__}: {exc}"[:200])
        per_page.append(clock() - t0)
    return clock() - start, per_page


def measure(tool: str, pages: list[Page], repeat: int) -> dict[str, Any]:
    call = runner(tool)
    errors: dict[str, str] = {}
    reset_peer_caches()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    one_pass(call, pages, errors)  # warm-up
    best, best_pages = float("inf"), [0.0]
    for _ in range(repeat):
        reset_peer_caches()
        total, per_page = one_pass(call, pages, errors)
        if total < best:
            best, best_pages = total, per_page
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ms = sorted(t * 1000 for t in best_pages)
    return {
        "pages": len(pages),
        "best_seconds": best,
        "pages_per_s": len(pages) / best if best else None,
        "p50_ms": statistics.median(ms),
        "p95_ms": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
        "max_ms": ms[-1],
        "peak_rss_growth_mb": (rss_after - rss_before) / 1024,  # ru_maxrss is KiB on Linux
        "errors": dict(sorted(errors.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per tool (best kept)")
    parser.add_argument("--limit", type=int, help="only the first N devset pages")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated: %(default)s")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or not tools:
        parser.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(TOOLS)}")
    tools.sort(key=lambda t: t != "scraper")  # ours first: its RSS growth is then its own
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    devset.quiet_peers()

    rows = devset.load_truth()[: args.limit]
    pages = [(r["id"], devset.page_bytes(r["id"]), devset.page_url(r)) for r in rows]
    megabytes = sum(len(p[1]) for p in pages) / 1e6
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu,
        "pages": len(pages),
        "megabytes": megabytes,
        "repeat": args.repeat,
        "python": sys.version.split()[0],
        "tools": {},
    }
    for tool in tools:
        print(f"{tool}: warm-up + {args.repeat} passes ...", file=sys.stderr, flush=True)
        report["tools"][tool] = measure(tool, pages, args.repeat)
    ours = report["tools"].get("scraper")
    for result in report["tools"].values():
        result["ratio_scraper_over_tool"] = (
            ours["pages_per_s"] / result["pages_per_s"] if ours and result["pages_per_s"] else None
        )
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return 0
    print(
        f"speed, {report['date']}: {len(pages)} devset pages ({megabytes:.0f} MB, decompressed "
        f"beforehand), pinned to CPU {cpu}, warm-up then best of {args.repeat}, "
        f"Python {report['python']}"
    )
    print(f"  {'tool':<12} {'best s':>8} {'pages/s':>9} {'scraper/tool':>13} {'raised':>7}")
    for tool, r in report["tools"].items():
        ratio = r["ratio_scraper_over_tool"]
        print(
            f"  {tool:<12} {r['best_seconds']:>8.2f} {r['pages_per_s']:>9.1f} "
            f"{'-' if ratio is None else f'{ratio:.2f}x':>13} {len(r['errors']):>7}"
        )
    if ours:
        print(
            f"  scraper per page: p50 {ours['p50_ms']:.1f} ms, p95 {ours['p95_ms']:.1f} ms, "
            f"max {ours['max_ms']:.0f} ms; peak RSS growth {ours['peak_rss_growth_mb']:.1f} MB"
        )
        for page_id, error in ours["errors"].items():
            print(f"  BUG: scraper raised on {page_id}: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
