"""Sitemaps: urlsets, sitemap indexes, Google News sitemaps, gzip, and broken files.

Portals publish sitemaps in every state: gzip-compressed whatever the file is
called, with or without namespaces, with a news extension that carries the
publication date, or cut off half way. A strict parser would lose the whole
file for one bad byte, so a file the XML parser refuses is read again with a
pattern for its ``<loc>`` entries.
"""

from __future__ import annotations

import html
import logging
import re
import zlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree

from .feeds import parse_feed
from .records import Link, SitemapResult

logger = logging.getLogger(__name__)

#: The sitemap protocol caps a file at 50 MB uncompressed; a bigger gzip body is refused there.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
#: Extensions whose own ``<loc>`` names an image or video, not a page.
_MEDIA_PREFIXES = ("image", "video")
_BLOCK = re.compile(r"<(?:\w+:)?(url|sitemap)\b[^>]*>(.*?)</(?:\w+:)?\1\s*>", re.S | re.I)
_LOC = re.compile(r"<(?:(?!image:|video:)\w+:)?loc\s*>(.*?)</", re.S | re.I)
_LASTMOD = re.compile(r"<(?:\w+:)?lastmod\s*>(.*?)</", re.S | re.I)
_PUBDATE = re.compile(r"<(?:\w+:)?publication_date\s*>(.*?)</", re.S | re.I)
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)


def parse_sitemap(data: bytes, url: str) -> SitemapResult:
    """The pages and child sitemaps listed in a sitemap body fetched from ``url``.

    Handles ``<urlset>`` and ``<sitemapindex>`` files with or without the
    namespace, gzip bodies (detected by their magic bytes), Google News
    entries (``news:publication_date`` becomes ``Link.published``), RSS or
    Atom feeds offered as sitemaps, plain-text sitemaps (one URL a line) and
    XML too broken to parse. Image and video ``<loc>`` entries are not pages.
    Nothing is filtered by scope here: that is the profile's business.
    """
    # A byte-order mark or blank line before the XML declaration is a parse error to expat.
    body = _gunzip(data, url).removeprefix(b"\xef\xbb\xbf").lstrip()
    if not body.startswith(b"<"):
        return SitemapResult(urls=_text_sitemap(body, url))
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        logger.info("%s: sitemap is not well-formed XML (%s); reading its <loc>s", url, exc)
        return _lenient(body, url)
    kind = _local(root.tag)
    if kind in ("rss", "feed", "rdf"):
        return SitemapResult(urls=parse_feed(body, url))
    result = SitemapResult()
    for entry in root:
        entry_kind = _local(entry.tag)
        if entry_kind not in ("url", "sitemap"):
            continue
        loc = lastmod = published = title = None
        for child in entry:
            name = _local(child.tag)
            if name == "loc":
                loc = child.text
            elif name == "lastmod":
                lastmod = parse_date(child.text)
            elif name == "news":  # Google News: news:news/news:publication_date
                for item in child:
                    if _local(item.tag) == "publication_date":
                        published = parse_date(item.text)
                    elif _local(item.tag) == "title":
                        title = (item.text or "").strip() or None
        link = _link(loc, url, lastmod, published, title)
        if link is not None:
            target = result.sitemaps if entry_kind == "sitemap" else result.urls
            target.append(link)
    return result


def _local(tag: object) -> str:
    """An element's name without its namespace (``{ns}loc`` -> ``loc``)."""
    return str(tag).rsplit("}", 1)[-1].lower()


def _gunzip(data: bytes, url: str) -> bytes:
    """The body, decompressed when it is gzip (a server may or may not have done it already)."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(data, MAX_UNCOMPRESSED)
    except zlib.error as exc:
        logger.info("%s: broken gzip body (%s)", url, exc)
        return b""
    if inflater.unconsumed_tail:
        logger.info(
            "%s: sitemap larger than %d bytes uncompressed; cut there", url, MAX_UNCOMPRESSED
        )
    return body


def _link(
    loc: str | None,
    base: str,
    lastmod: datetime | None,
    published: datetime | None,
    title: str | None = None,
) -> Link | None:
    href = _clean_loc(loc, base)
    if href is None:
        return None
    return Link.of(href, lastmod=lastmod or published, published=published, title=title)


def _clean_loc(loc: str | None, base: str) -> str | None:
    """An absolute http(s) URL from a ``<loc>`` text, or None."""
    if not loc:
        return None
    cdata = _CDATA.search(loc)
    text = (cdata.group(1) if cdata else loc).strip()
    if not text:
        return None
    if text.startswith(("https://", "http://")) and "#" not in text:
        return text  # the common case; urljoin costs more than the rest of the entry
    href = urljoin(base, text).split("#", 1)[0]
    return href if href.startswith(("http://", "https://")) else None


def _lenient(body: bytes, url: str) -> SitemapResult:
    """Read a broken sitemap with patterns: each ``<url>``/``<sitemap>`` block, else bare locs."""
    text = body.decode("utf-8", errors="replace")
    result = SitemapResult()
    for kind, inner in _BLOCK.findall(text):
        loc = _LOC.search(inner)
        if loc is None:
            continue
        lastmod = _LASTMOD.search(inner)
        published = _PUBDATE.search(inner)
        link = _link(
            html.unescape(loc.group(1)),
            url,
            parse_date(lastmod.group(1)) if lastmod else None,
            parse_date(published.group(1)) if published else None,
        )
        if link is not None:
            (result.sitemaps if kind.lower() == "sitemap" else result.urls).append(link)
    if result.urls or result.sitemaps:
        return result
    # A file cut before its first closing tag: every loc, filed by the root's name.
    target = result.sitemaps if "<sitemapindex" in text[:2048].lower() else result.urls
    for loc_text in _LOC.findall(text):
        link = _link(html.unescape(loc_text), url, None, None)
        if link is not None:
            target.append(link)
    return result


def _text_sitemap(body: bytes, url: str) -> list[Link]:
    """A plain-text sitemap: one absolute URL a line."""
    links = []
    for line in body.decode("utf-8", errors="replace").splitlines():
        href = _clean_loc(line, url)
        if href is not None and line.strip().startswith(("http://", "https://")):
            links.append(Link.of(href))
    return links


def parse_date(text: str | None) -> datetime | None:
    """A W3C datetime (``2025-03-17``, ``2025-03-17T12:05Z``...) or RFC 822 date, in UTC if naive.

    None for anything unreadable: a bad date must not cost the URL.
    """
    if not text:
        return None
    text = text.strip()
    coarse = _YEAR_MONTH.fullmatch(text)  # W3C allows "2025" and "2025-03"
    if coarse:
        return datetime(int(coarse.group(1)), int(coarse.group(2) or 1), 1, tzinfo=UTC)
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
