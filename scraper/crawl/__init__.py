"""The scheduled crawl: a persistent frontier, polite async fetching, extraction in worker
processes, filing in small transactions with the frontier rows, a lock against overlapping runs.

``run_crawl(archive, profiles, options=...)`` runs once; ``scrape crawl`` wraps it
with the lock, the progress report and the exit code. docs/CRAWL.md tells how it works.
"""

from .engine import CRAWL_FETCH, Crawl, CrawlOptions, CrawlResult, extract_for_crawl, run_crawl
from .frontier import Entry, Found, Frontier
from .lock import CrawlLock, LockHeldError, lock_path_for
from .report import Counts, Reporter, summary_line

__all__ = [
    "CRAWL_FETCH",
    "Counts",
    "Crawl",
    "CrawlLock",
    "CrawlOptions",
    "CrawlResult",
    "Entry",
    "Found",
    "Frontier",
    "LockHeldError",
    "Reporter",
    "extract_for_crawl",
    "lock_path_for",
    "run_crawl",
    "summary_line",
]
