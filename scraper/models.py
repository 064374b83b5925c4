"""Records that flow between the modules of scraper.

Every record is a frozen dataclass: extraction builds one and nothing
downstream mutates it. ``Article.to_dict`` is the JSON shape users see from
``scrape extract`` and ``scrape url --json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

#: Where a field's value came from, as recorded in ``Article.provenance``.
JSON_LD = "json-ld"
OPENGRAPH = "opengraph"
META = "meta"
PROFILE = "site profile"
HEURISTIC = "heuristic"


@dataclass(frozen=True, slots=True)
class Teaser:
    """A related-article link shown with an article: its own record and a crawl lead."""

    title: str
    url: str
    summary: str | None = None
    image: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "summary": self.summary, "image": self.image}


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted news article.

    Datetimes are timezone-aware; the strings they were read from are kept in
    ``published_raw``/``modified_raw`` so a wrong reading can be audited.
    ``provenance`` maps a field name to the source that won it (``json-ld``,
    ``opengraph``, ``meta``, ``site profile`` or ``heuristic``).
    """

    url: str
    canonical_url: str | None = None
    site: str | None = None
    lang: str | None = None
    headline: str | None = None
    summary: str | None = None
    published_at: datetime | None = None
    published_raw: str | None = None
    modified_at: datetime | None = None
    modified_raw: str | None = None
    section: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    body_text: str = ""
    body_paragraphs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    teasers: tuple[Teaser, ...] = ()
    top_image: str | None = None
    provenance: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "lang": self.lang,
            "headline": self.headline,
            "summary": self.summary,
            "published_at": _iso(self.published_at),
            "published_raw": self.published_raw,
            "modified_at": _iso(self.modified_at),
            "modified_raw": self.modified_raw,
            "section": self.section,
            "authors": list(self.authors),
            "source": self.source,
            "body_text": self.body_text,
            "body_paragraphs": list(self.body_paragraphs),
            "tags": list(self.tags),
            "teasers": [t.to_dict() for t in self.teasers],
            "top_image": self.top_image,
            "provenance": dict(self.provenance),
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched (or WARC-read) HTTP response: the input of extraction and re-extraction.

    Nothing downstream knows whether it came from the network or from a file.
    ``headers`` keys are lower-case.
    """

    requested_url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(hash=False)
    content: bytes = field(repr=False)
    fetched_at: datetime
    elapsed_ms: float = 0.0

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


#: Fields a site profile may override with a CSS selector.
SELECTOR_FIELDS = (
    "headline",
    "summary",
    "published",
    "modified",
    "section",
    "authors",
    "source",
    "body",
    "tags",
    "teasers",
    "top_image",
)


#: When an article is re-checked for updates, as ages since it was first seen; then never.
DEFAULT_REVISIT_AFTER = (
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(days=3),
)


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """What we know about one portal, loaded from ``scraper/sites/NAME.toml``.

    Extraction reads ``lang``, ``timezone``, ``date_order``, ``selectors`` and
    ``ignore``; the crawl reads the discovery keys. Every field is optional
    except ``name`` and ``domains``: a page of an unknown site extracts with
    no profile at all.
    """

    name: str
    domains: tuple[str, ...]
    title: str | None = None
    lang: str | None = None
    timezone: str | None = None
    date_order: str | None = None  # "DMY", "MDY" or "YMD"
    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_url_pattern: str | None = None
    selectors: dict[str, str] = field(default_factory=dict, hash=False)
    ignore: tuple[str, ...] = ()  # CSS selectors of page chrome to drop before extraction
    source_path: str | None = field(default=None, compare=False)
    # -- crawl: discovery and scope (docs/PROFILES.md documents every key) --
    pagination: int = 2  # listing pages read per section, the section page itself included
    allowed_domains: tuple[str, ...] = ()  # empty: ``domains``
    exclude_url_patterns: tuple[str, ...] = ()  # regexes; a match is never crawled
    # -- crawl: politeness --
    delay_seconds: float = 1.0  # minimum pause between two requests to one host
    concurrency: int = 2  # requests in flight to one host at a time
    user_agent: str | None = None  # None: the crawl's configured User-Agent
    respect_robots: bool = True
    # -- crawl: revisit policy --
    revisit_after: tuple[timedelta, ...] = DEFAULT_REVISIT_AFTER  # ages since first seen
    listing_revisit: timedelta = timedelta(0)  # zero: every run

    def matches(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    @property
    def scope_domains(self) -> tuple[str, ...]:
        """The hosts the crawl may follow links to: ``allowed_domains``, else ``domains``."""
        return self.allowed_domains or self.domains
