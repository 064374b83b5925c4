"""Publication and modification dates that users can trust.

First version: structured sources only (JSON-LD, article meta). To be
replaced by the full cascade with dateparser and page heuristics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import JSON_LD, META, SiteProfile
from .structured import Structured, ld_text


@dataclass(frozen=True, slots=True)
class DateFinding:
    value: datetime
    raw: str
    source: str


def find_dates(
    tree: LexborHTMLParser,
    *,
    found: Structured,
    body_root: LexborNode | None,
    headline_node: LexborNode | None,
    profile: SiteProfile | None,
    fetched_at: datetime | None,
) -> tuple[DateFinding | None, DateFinding | None]:
    """(published, modified). Never the page's render clock or a teaser's date."""
    tz = ZoneInfo(profile.timezone) if profile and profile.timezone else None
    published = modified = None
    article = found.article or {}
    for key, target in (("datePublished", "p"), ("dateModified", "m")):
        raw = ld_text(article.get(key))
        value = parse_iso(raw, tz) if raw else None
        if value is not None:
            finding = DateFinding(value, raw or "", JSON_LD)
            if target == "p":
                published = finding
            else:
                modified = finding
    if published is None:
        raw, _ = found.meta_first("article:published_time", "datepublished", "pubdate")
        value = parse_iso(raw, tz) if raw else None
        if value is not None and raw:
            published = DateFinding(value, raw, META)
    return published, modified


def parse_iso(raw: str, tz: ZoneInfo | None) -> datetime | None:
    text = raw.strip().replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    return value
