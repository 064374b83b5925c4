"""The records discovery hands to the crawl engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..archive.canonical import canonical_url


@dataclass(frozen=True, slots=True)
class Link:
    """A URL found by discovery.

    ``url`` is the canonical form (the frontier key); ``href`` the absolute URL
    as published, to fetch. ``lastmod`` is when the source says the page last
    changed (sitemap ``<lastmod>``, feed ``updated``), ``published`` when it
    says the page first appeared (news sitemap, feed ``pubDate``); both are
    timezone-aware, or None when the source gives nothing readable.
    """

    url: str
    href: str
    lastmod: datetime | None = None
    published: datetime | None = None
    title: str | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        href: str,
        *,
        lastmod: datetime | None = None,
        published: datetime | None = None,
        title: str | None = None,
    ) -> Link:
        """A link to ``href`` (absolute), with its canonical key computed."""
        return cls(canonical_url(href), href, lastmod, published, title)


@dataclass(frozen=True, slots=True)
class SitemapResult:
    """What one sitemap file lists: pages (``urls``) and, for an index, child sitemaps."""

    urls: list[Link] = field(default_factory=list)
    sitemaps: list[Link] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ListingResult:
    """What a section or front page links to: articles, and the next listing page(s)."""

    articles: list[Link] = field(default_factory=list)
    next_pages: list[Link] = field(default_factory=list)
