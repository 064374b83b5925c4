"""From a fetched page to a filed article: shared by ``scrape url``, ``reextract`` and the crawl."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from .archive import Archive, FileResult, Filing
from .errors import ScraperError
from .extract import extract
from .models import Article, Page, SiteProfile
from .profiles import profile_for_url

__all__ = ["extract_page", "ingest_page", "reextract_archive"]

logger = logging.getLogger(__name__)


def extract_page(page: Page, profiles: Sequence[SiteProfile]) -> tuple[Article, SiteProfile | None]:
    """Extract a page's article with the profile of its final URL's site."""
    profile = profile_for_url(page.final_url, profiles)
    article = extract(
        page.content,
        page.final_url,
        profile=profile,
        fetched_at=page.fetched_at,
        content_type=page.content_type,
    )
    return article, profile


def ingest_page(
    archive: Archive, page: Page, profiles: Sequence[SiteProfile]
) -> tuple[Article, FileResult]:
    """Extract ``page`` and file it (with its raw bytes) in one transaction."""
    article, profile = extract_page(page, profiles)
    return article, archive.file(article, page, profile=profile)


def reextract_archive(
    archive: Archive, profiles: Sequence[SiteProfile], *, batch: int = 500
) -> Counter[str]:
    """Re-run extraction over every article's latest stored page; no network.

    A result that differs from the archived record becomes a revision with
    cause ``reextract``; ``last_seen`` does not move (nothing was seen
    anew). Returns counts of outcomes, plus ``failed`` for pages the
    extractor now rejects (they are logged and left as they were).
    """
    counts: Counter[str] = Counter()
    now = datetime.now(UTC)

    def records() -> Iterator[Filing]:
        for article_id, page in archive.latest_pages():
            try:
                article, profile = extract_page(page, profiles)
            except ScraperError as exc:
                logger.warning(
                    "article %d (%s): not re-extracted: %s", article_id, page.final_url, exc
                )
                counts["failed"] += 1
                continue
            yield Filing(article, None, profile, seen_at=now, cause="reextract", touch=False)

    for result in archive.file_stream(records(), batch=batch):
        counts[result.outcome] += 1
    return counts
