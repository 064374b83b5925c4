"""Publication and modification dates that users can trust.

Only article-scoped sources count, tried in this order:

1. the chosen JSON-LD article object's ``datePublished`` / ``dateModified``
   (when several blocks disagree, the chosen article object wins);
2. article meta: ``article:published_time`` and kin (OpenGraph), then
   ``datePublished`` itemprop, ``pubdate``, ``dc.date``, ``parsely-pub-date``... (meta);
   a generic ``date`` / ``dc.date`` alone yields to the article's own date line when
   that shows another day and the page never shows the meta's day;
3. the site profile's ``published`` / ``modified`` selectors;
4. ``<time>``, ``itemprop`` dates and date lines next to the headline, then
   marked-up dates elsewhere in the ``<article>`` holding it (heuristic);
5. a ``/2024/05/03/`` URL path, then a date that is a whole part of the
   ``<title>`` ("08.11.2021 | ...") (heuristic);
6. a publication key in the page's script data, when every such key there
   names the same day (heuristic, last resort).

Page-chrome clocks, copyright years, teaser lists and comments are never read
(see ``dates_page``); when nothing article-scoped exists the answer is None.

Time zones: a zone written with the date wins. A naive value gets the
profile's time zone; without a profile, the offset the page itself writes on
its other timestamps; failing both, UTC. A value given in UTC is shown in the
profile's zone or the page's own offset when one is known (the instant does
not change). ``raw`` always keeps the string the value was read from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from datetime import timezone as dt_timezone
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dates_page import (
    MODIFIED,
    PUBLISHED,
    UNKNOWN,
    PageDate,
    find_anchor,
    in_container,
    in_scripts,
    in_title,
    labelled_lines,
    near_headline,
    own_listing,
    twin_headings,
    url_day,
    url_month,
)
from .dates_parse import (
    ParseContext,
    find_in_text,
    numeric_readings,
    parse_date,
    parse_machine,
    parse_structured,
    to_tzinfo,
)
from .structured import Structured, ld_text

__all__ = ["DateFinding", "find_dates", "parse_date"]

_PUBLISHED_META = (
    ("article:published_time", OPENGRAPH),
    ("og:article:published_time", OPENGRAPH),
    ("article:published", OPENGRAPH),
    ("og:published_time", OPENGRAPH),
    ("article:published:time", OPENGRAPH),
    ("datepublished", META),
    ("datecreated", META),
    ("pubdate", META),
    ("publishdate", META),
    ("publish-date", META),
    ("publish_date", META),
    ("publication_date", META),
    ("publication-date", META),
    ("published_time", META),
    ("published-date", META),
    ("article.published", META),
    ("parsely-pub-date", META),
    ("sailthru.date", META),
    ("dc.date.issued", META),
    ("dcterms.issued", META),
    ("dc.date.created", META),
    ("dcterms.created", META),
    ("dcterms:created", META),
    ("dc.date", META),
    ("dcterms.date", META),
    ("dc:date", META),
    ("date", META),
    ("uploaddate", META),
    ("original-publish-date", META),
    ("cxenseparse:recs:publishtime", META),
)
_MODIFIED_META = (
    ("article:modified_time", OPENGRAPH),
    ("og:article:modified_time", OPENGRAPH),
    ("article:modified", OPENGRAPH),
    ("og:updated_time", OPENGRAPH),
    ("article:modified:time", OPENGRAPH),
    ("datemodified", META),
    ("dateupdate", META),
    ("dcterms.modified", META),
    ("dc.date.modified", META),
    ("last-modified", META),
    ("lastmod", META),
)

#: Vendor meta keys not listed above: "sw-pubdate", "shareaholic:article_published_time"...
_PUBLISHED_KEY = re.compile(
    r"(?:^|[:._-])(?:article_)?(?:published_?time|publish_?date|pub_?date|publication_?date|"
    r"date_?published|first_?published)$"
)
_MODIFIED_KEY = re.compile(
    r"(?:^|[:._-])(?:article_)?(?:modified_?time|updated_?time|date_?modified)$"
)


#: UTC hours from which a whole-hour value is read as a local midnight (offsets up to +4).
MIDNIGHT_EAST_FROM = 20


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
    url: str | None = None,
) -> tuple[DateFinding | None, DateFinding | None]:
    """(published, modified). Never the page's render clock or a teaser's date."""
    ctx = ParseContext(
        _languages(found, profile), profile.date_order if profile else None, fetched_at
    )
    page_url = url or found.canonical or found.meta_first("og:url")[0]
    published = _structured(found, ctx, "datePublished", "dateCreated", _PUBLISHED_META, page_url)
    modified = _structured(found, ctx, "dateModified", None, _MODIFIED_META, page_url)
    weak = published is not None and published.source == META and _weak_meta(found, published)
    if profile is not None and (published is None or modified is None):
        if published is None:
            published = _from_selector(tree, profile.selectors.get("published"), ctx)
        if modified is None:
            modified = _from_selector(tree, profile.selectors.get("modified"), ctx)

    page_dates: list[PageDate] | None = None

    def on_page() -> list[PageDate]:
        nonlocal page_dates
        if page_dates is None:
            page_dates = _page_dates(tree, body_root, headline_node, ctx, page_url)
        return page_dates

    if _ambiguous(published) or _ambiguous(modified):
        published = _as_printed(published, on_page())
        modified = _as_printed(modified, on_page())
    zones: list[tzinfo | None] = []

    def zone() -> tzinfo | None:
        """The profile's zone, else the page's own offset: read only when a value needs it."""
        if not zones:
            zones.append(
                to_tzinfo(profile.timezone if profile else None) or _page_offset(found, tree)
            )
        return zones[0]

    published, modified = _zoned(published, zone), _zoned(modified, zone)
    if published is not None and published.source == JSON_LD:
        # JSON-LD and the article meta disagree: the page's date line settles it.
        tagged = _meta_published(found, ctx)
        if tagged is not None:
            published = _as_the_page_shows(published, _zoned(tagged, zone), on_page)
    if published is not None and modified is not None:
        published = _as_the_page_shows(published, modified, on_page)
    if published is None or modified is None or weak:
        page_pub, page_mod = _pick(on_page())
        if weak and page_pub is not None and published is not None:
            published = _shown_over_weak(published, page_pub, on_page())
        published = published or page_pub
        modified = modified or page_mod
    if published is None:
        day = url_day(page_url)
        if day is not None:
            published = DateFinding(
                datetime(day.year, day.month, day.day), page_url or "", HEURISTIC
            )
    if published is None:
        titled = in_title(found.title_tag, ctx)
        if titled is not None:
            published = DateFinding(titled[0], titled[1], HEURISTIC)
    if published is None:
        scripted = in_scripts(tree)
        if scripted is not None:
            published = DateFinding(scripted[0], scripted[1], HEURISTIC)
    published, modified = _zoned(published, zone), _zoned(modified, zone)
    if published is not None and published.value.utcoffset() == timedelta(0) and zone() is None:
        published = _as_shown(published, on_page(), page_url)
        published = _local_midnight(published)
    return published, modified


def _languages(found: Structured, profile: SiteProfile | None) -> tuple[str, ...]:
    """The page's language as the profile states it, else as the page declares it."""
    if profile is not None and profile.lang:
        return (profile.lang,)
    declared = found.html_lang or found.meta_first("og:locale", "content-language", "language")[0]
    return (declared.strip().lower().replace("_", "-"),) if declared else ()


def _structured(
    found: Structured,
    ctx: ParseContext,
    key: str,
    fallback_key: str | None,
    meta_keys: tuple[tuple[str, str], ...],
    page_url: str | None,
) -> DateFinding | None:
    article = found.article or _page_object(found, page_url)
    for k in (key, fallback_key):
        raw = ld_text(article.get(k)) if k else None
        value = parse_structured(raw, ctx) if raw else None
        if value is not None and raw:
            return DateFinding(value, raw, JSON_LD)
    tagged = _first_meta(found, ctx, meta_keys)
    if tagged is not None:
        return tagged
    pattern = _PUBLISHED_KEY if key == "datePublished" else _MODIFIED_KEY
    for meta_key in found.meta:
        if pattern.search(meta_key):
            for raw in found.meta_all(meta_key):
                value = parse_structured(raw, ctx)
                if value is not None:
                    return DateFinding(value, raw, META)
    return None


#: JSON-LD types that describe a whole page when no article object does.
_PAGE_TYPES = frozenset(
    {
        "webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage",
        "profilepage", "contactpage", "howto", "recipe", "creativework",
    }
)  # fmt: skip


def _page_object(found: Structured, page_url: str | None) -> dict[str, Any]:
    """With no article object: the JSON-LD node that describes this page itself.

    That is the WebPage (or HowTo, Recipe...) whose ``url``/``@id`` is the page's
    URL, else the only dated one of them. Embedded videos, comments, reviews and
    forum posts are never it.
    """
    dated = [
        o
        for o in found.jsonld
        if (o.get("datePublished") or o.get("dateModified")) and _ld_types(o) & _PAGE_TYPES
    ]
    wanted = _bare_url(page_url) if page_url else None
    for obj in dated:
        refs = (obj.get("url"), obj.get("@id"), obj.get("mainEntityOfPage"))
        if wanted and any(isinstance(r, str) and _bare_url(r) == wanted for r in refs):
            return obj
    return dated[0] if len(dated) == 1 else {}


def _ld_types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _bare_url(url: str) -> str:
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/").lower()
    return re.sub(r"^https?://(?:www\.)?", "", url)


#: Dublin Core's plain "date" is any date in the resource's life (often the last
#: edit or the render time), not specifically its publication.
_WEAK_META = ("date", "dc.date", "dcterms.date", "dc:date")
_SPECIFIC_PUBLISHED_META = tuple(k for k in _PUBLISHED_META if k[0] not in _WEAK_META)


def _weak_meta(found: Structured, finding: DateFinding) -> bool:
    """Whether a meta date came from a generic "date" key, no specific key giving it first."""
    for key, _ in _PUBLISHED_META:
        if finding.raw in found.meta_all(key):
            return key in _WEAK_META
    return False


def _shown_over_weak(
    weak: DateFinding, shown: DateFinding, page_dates: list[PageDate]
) -> DateFinding:
    """The article's own date line beats a generic meta "date" of a day the page never shows."""
    day = weak.value.date()
    if any(d.value.date() == day for d in page_dates if d.kind != MODIFIED):
        return weak
    return shown


def _as_the_page_shows(
    published: DateFinding, other: DateFinding | None, on_page: Callable[[], list[PageDate]]
) -> DateFinding:
    """``other`` as the publication date when the article's date line shows only its day.

    Evergreen pieces are refreshed and put out again under a new date: the
    date line by the headline then reads the day of ``dateModified``, and the
    first ``datePublished`` (the day the CMS entry was made) is shown nowhere.
    Likewise when JSON-LD and the article meta give two publication days. The
    date the page presents is the one readers and citations use. A line
    labelled as an update ("Aktualisiert", "Updated") never counts.
    """
    if other is None:
        return published
    first, shown_day = published.value.date(), other.value.date()
    if first == shown_day:
        return published
    lines = [d for d in on_page() if d.kind != MODIFIED and d.shown is not None]
    if not any(d.shown == shown_day for d in lines):
        return published
    for d in lines:
        for day in (d.value.date(), d.shown):
            # A day either side: the first date shown in another zone than the metadata's.
            if day is not None and day != shown_day and abs((day - first).days) <= 1:
                return published
    return other


def _meta_published(found: Structured, ctx: ParseContext) -> DateFinding | None:
    """The publication date of the article meta tags, generic "date" keys aside."""
    return _first_meta(found, ctx, _SPECIFIC_PUBLISHED_META)


def _first_meta(
    found: Structured, ctx: ParseContext, meta_keys: tuple[tuple[str, str], ...]
) -> DateFinding | None:
    for meta_key, source in meta_keys:
        for raw in found.meta_all(meta_key):
            value = parse_structured(raw, ctx)
            if value is not None:
                return DateFinding(value, raw, source)
    return None


def _from_selector(
    tree: LexborHTMLParser, selector: str | None, ctx: ParseContext
) -> DateFinding | None:
    if not selector:
        return None
    for node in tree.css(selector):
        attrs = node.attributes
        for raw in (attrs.get("datetime"), attrs.get("content")):
            value = parse_structured(raw, ctx) if raw else None
            if value is not None and raw:
                return DateFinding(value, raw, PROFILE)
        text = " ".join((node.text(deep=True) or "").split())
        hit = find_in_text(text, ctx) if text else None
        if hit is not None:
            return DateFinding(hit[0], text, PROFILE)
    return None


def _page_dates(
    tree: LexborHTMLParser,
    body_root: LexborNode | None,
    headline_node: LexborNode | None,
    ctx: ParseContext,
    page_url: str | None,
) -> list[PageDate]:
    """Article-scoped dates in the markup, best first, none the URL contradicts."""
    anchor = find_anchor(tree, headline_node, body_root)
    candidates: list[PageDate] = []
    if anchor is not None:
        candidates.extend(near_headline(anchor, ctx, body_root))
        if not candidates:
            for twin in twin_headings(tree, anchor):
                candidates.extend(near_headline(twin, ctx, body_root))
    candidates.extend(in_container(anchor, body_root, ctx))
    if not candidates:
        candidates.extend(labelled_lines(body_root, ctx))
    if not candidates:
        candidates.extend(own_listing(tree, anchor, ctx, page_url))
    return [c for c in candidates if _agrees_with_url(c.value, page_url)]


def _ambiguous(finding: DateFinding | None) -> bool:
    return finding is not None and numeric_readings(finding.raw) is not None


def _as_printed(finding: DateFinding | None, page_dates: list[PageDate]) -> DateFinding | None:
    """A numeric meta date whose day-month order the page's own date line contradicts.

    CMS templates print "03/12/2024" month first in meta while the page shows the
    day first (or the reverse); the date the reader sees settles the order.
    """
    if finding is None:
        return None
    readings = numeric_readings(finding.raw)
    shown = {d.shown for d in page_dates if d.shown is not None}
    if readings is None or finding.value.date() in shown:
        return finding
    other = readings[1] if readings[0] == finding.value.date() else readings[0]
    if other not in shown:
        return finding
    value = finding.value.replace(year=other.year, month=other.month, day=other.day)
    return DateFinding(value, finding.raw, finding.source)


def _pick(candidates: list[PageDate]) -> tuple[DateFinding | None, DateFinding | None]:
    published = next((c for c in candidates if c.kind == PUBLISHED), None)
    modified = next((c for c in candidates if c.kind == MODIFIED), None)
    if published is None:
        # "Stand: ...", "Cập nhật: ..." as the article's date line: the date it is filed
        # under, ahead of any unlabelled date further down.
        # An unlabelled line above the headline still beats it.
        first = next((c for c in candidates if c.kind != PUBLISHED), None)
        above = next((c for c in candidates if c.kind == UNKNOWN and c.above), None)
        published = first if first is not None and first.kind == UNKNOWN else above or modified

    def finding(c: PageDate | None) -> DateFinding | None:
        return DateFinding(c.value, c.raw, HEURISTIC) if c is not None else None

    return finding(published), finding(modified)


def _agrees_with_url(value: datetime, page_url: str | None) -> bool:
    """A date the URL's own year/month path contradicts is someone else's date."""
    day = url_day(page_url)
    if day is not None:
        return abs((value.date() - day).days) <= 1
    month = url_month(page_url)
    if month is not None:
        # A filing month in the path: the story may go out (or be redated) a month later.
        months = (value.year - month[0]) * 12 + value.month - month[1]
        return 0 <= months <= 1
    return True


def _as_shown(
    finding: DateFinding, page_dates: list[PageDate], page_url: str | None
) -> DateFinding:
    """A UTC instant shown in an offset whose calendar day is the one the page prints.

    Servers often serialise timestamps in UTC while the page shows local time;
    with no zone known, the day the page itself shows (or its URL) settles how
    to present the instant. The instant never changes; the offset chosen is the
    smallest whole-hour one that gives the printed day.
    """
    value = finding.value
    if ":" not in finding.raw:
        return finding  # a day without a time is not an instant to re-present
    shown = [d.shown for d in page_dates if d.shown is not None and d.kind != MODIFIED]
    day = url_day(page_url)
    if day is not None:
        shown.append(day)
    for printed in shown:
        delta = (printed - value.date()).days
        if delta == 0:
            return finding
        if delta == 1:
            hours = 24 - value.hour
        elif delta == -1:
            hours = -(value.hour + 1)
        else:
            continue
        if -8 <= hours <= 8:
            zone = dt_timezone(timedelta(hours=hours))
            return DateFinding(value.astimezone(zone), finding.raw, finding.source)
    return finding


def _local_midnight(finding: DateFinding) -> DateFinding:
    """ "2022-11-06T23:00:00.000Z" is a day stored as midnight east of Greenwich
    (a CMS date field serialised in UTC): present it as that midnight."""
    value = finding.value
    if value.utcoffset() != timedelta(0) or value.hour < MIDNIGHT_EAST_FROM:
        return finding
    if value.minute or value.second or value.microsecond:
        return finding
    zone = dt_timezone(timedelta(hours=24 - value.hour))
    return DateFinding(value.astimezone(zone), finding.raw, finding.source)


def _page_offset(found: Structured, tree: LexborHTMLParser) -> tzinfo | None:
    """The UTC offset the page writes on its own timestamps, when it is not zero.

    Only machine-written timestamps carry offsets worth counting, so dateparser
    (which, with no language, tries every locale it knows) is never asked here.
    """
    raws: list[str] = []
    for obj in found.jsonld:
        for key in ("datePublished", "dateModified", "dateCreated"):
            raw = ld_text(obj.get(key))
            if raw:
                raws.append(raw)
    for key, _ in (*_PUBLISHED_META, *_MODIFIED_META):
        raws.extend(found.meta_all(key))
    for node in tree.css("time[datetime]"):
        raws.append(node.attributes.get("datetime") or "")
    offsets: Counter[timedelta] = Counter()
    for raw in raws[:40]:
        value = parse_machine(raw) if raw and len(raw) >= 16 else None
        offset = value.utcoffset() if value is not None else None
        if offset:
            offsets[offset] += 1
    if not offsets:
        return None
    return dt_timezone(offsets.most_common(1)[0][0])


def _zoned(finding: DateFinding | None, zone: Callable[[], tzinfo | None]) -> DateFinding | None:
    """A naive value in ``zone`` (else UTC); a UTC value shown in ``zone``. A value with
    its own offset keeps it, and then ``zone`` (a page-wide search) is never asked."""
    if finding is None:
        return None
    value = finding.value
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone() or UTC)
    elif value.utcoffset() == timedelta(0):
        shown_in = zone()
        if shown_in is not None:
            value = value.astimezone(shown_in)
    else:
        return finding
    return DateFinding(value, finding.raw, finding.source)
