"""RSS and Atom feeds, read with feedparser (it knows every dialect and its quirks)."""

from __future__ import annotations

import calendar
import io
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from .records import Link


def parse_feed(data: bytes, url: str) -> list[Link]:
    """The article links of an RSS/Atom feed fetched from ``url``, with their dates.

    ``Link.published`` is the entry's publication date, ``Link.lastmod`` its
    update date (or the publication date when there is none). An entry without
    a link falls back to a permalink ``guid``; relative links resolve against
    the feed's URL. A body that is no feed at all gives an empty list.
    """
    # A stream, never a str: feedparser fetches a str that looks like a URL.
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": url},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    links: list[Link] = []
    for entry in parsed.entries:
        href = _entry_href(entry, url)
        if href is None:
            continue
        # Plain dict reads: FeedParserDict maps a missing "updated" to "published", with a warning.
        published = _date(dict.get(entry, "published_parsed"))
        updated = _date(dict.get(entry, "updated_parsed"))
        title = entry.get("title") or None
        links.append(Link.of(href, lastmod=updated or published, published=published, title=title))
    return links


def _entry_href(entry: Any, base: str) -> str | None:
    candidates = [entry.get("link")]
    for alt in entry.get("links", ()):
        if alt.get("rel", "alternate") == "alternate":
            candidates.append(alt.get("href"))
    if entry.get("guidislink") or str(entry.get("id", "")).startswith(("http://", "https://")):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            href = urljoin(base, candidate.strip()).split("#", 1)[0]
            if href.startswith(("http://", "https://")):
                return href
    return None


def _date(value: time.struct_time | None) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
