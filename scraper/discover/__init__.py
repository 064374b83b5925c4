"""Discovery: the URLs a crawl should fetch, read from sitemaps, feeds and listing pages.

Every function here is pure (bytes or text in, links out): the crawl engine
fetches, this package only reads. Each link carries two spellings of its URL:
``url``, the archive's canonical form, which is the frontier's key so one page
is never queued twice under two spellings; and ``href``, the absolute URL as
the site published it, which is the one to request (canonicalisation reads
``http`` as ``https``, which a plain-http site does not serve).
"""

from __future__ import annotations

from .feeds import parse_feed
from .listing import listing_links
from .records import Link, ListingResult, SitemapResult
from .scope import in_scope, is_article_url, next_revisit
from .sitemaps import parse_sitemap

__all__ = [
    "Link",
    "ListingResult",
    "SitemapResult",
    "in_scope",
    "is_article_url",
    "listing_links",
    "next_revisit",
    "parse_feed",
    "parse_sitemap",
]
