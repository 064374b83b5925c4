"""Canonical URLs: the key one article is filed under, whatever link led to it.

The same story reaches us as ``http://`` and ``https://``, with ``utm_*``
campaign tags, social click ids, fragments and shuffled query strings, and
as AMP or print copies whose ``rel=canonical`` names the real page. Filing
each spelling as its own article would duplicate the archive, so every URL is
reduced to one form before it is looked up or stored.

w3lib does the RFC-level work (percent-encoding, query order, fragments);
this module adds the news-specific part: which parameters are tracking noise,
and when a page's ``rel=canonical`` may be believed (only on the same site:
a syndicated copy pointing at the wire agency's page is a different article
of another portal, kept apart and linked by near-duplicate clustering).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

__all__ = ["canonical_url", "choose_canonical", "same_site", "site_key"]

#: Query parameters that say who sent the reader, never which page they read.
TRACKING_PARAMS = frozenset(
    "fbclid gclid dclid gbraid wbraid msclkid yclid twclid ttclid mc_cid mc_eid igshid "
    "ref ref_src ref_url referrer src_ref cmpid ncid ocid smid sr_share share "
    "_ga _gl _hsenc _hsmi mkt_tok vero_id oly_anon_id oly_enc_id rb_clickid s_cid "
    "at_medium at_campaign at_custom1 at_custom2 guccounter guce_referrer "
    "guce_referrer_sig spm from_source fromref".split()
)
#: Parameter prefixes of campaign-tag families (utm_source, utm_medium, ...).
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "itm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Host prefixes that name a rendering of the same site, not another site.
_ALIAS_PREFIXES = ("www.", "m.", "amp.", "mobile.")
#: Second-level labels under which a country registry sells names (co.uk, com.vn).
_SECOND_LEVEL = frozenset("co com net org gov edu ac or ne go gob nic mil info biz".split())


#: URLs the full canonicalisation returns unchanged (``https``, lower-case host without
#: port or trailing dot, a path of unreserved characters without dot segments, no query
#: or fragment): most article and teaser links. Skipping w3lib for them saves ~40 us
#: each, which was a third of preparing an article for filing (a test holds both paths
#: equal).
_ALREADY_CANONICAL = re.compile(
    r"https://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"(?:/(?!\.\.?(?:/|$))[A-Za-z0-9._~!$&'()*+,;=:@-]*)+"
)


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=65536)  # pure; teaser and page URLs repeat across a crawl
def canonical_url(url: str) -> str:
    """``url`` in the one form we file it under.

    Tracking parameters and the fragment are dropped, the query sorted,
    percent-encoding normalised, scheme and host lower-cased, ``http`` read
    as ``https`` (news sites serve both; they are one page), default ports
    and a trailing dot on the host removed. Other ``www.`` or path
    differences are kept: they can be different pages.
    """
    url = url.strip()
    if _ALREADY_CANONICAL.fullmatch(url):
        return url
    parts = urlsplit(url)
    noisy = [
        name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if _is_tracking(name)
    ]
    if noisy:
        url = url_query_cleaner(url, noisy, remove=True, keep_fragments=False)
    url = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(url)
    scheme = "https" if parts.scheme == "http" else parts.scheme
    host = (parts.hostname or "").rstrip(".")
    netloc = host
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def site_key(host: str) -> str:
    """The registrable part of ``host`` (``news.bbc.co.uk`` -> ``bbc.co.uk``), approximately.

    No public-suffix list: two labels, or three when the second-level label is
    one of the common registry labels (``co``, ``com``, ``gov``...). Good
    enough to tell whether two hosts are one publisher.
    """
    host = host.lower().rstrip(".")
    for prefix in _ALIAS_PREFIXES:
        host = host.removeprefix(prefix)
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url_a: str, url_b: str, *, domains: Iterable[str] = ()) -> bool:
    """Whether two URLs belong to one publisher (same registrable host or one profile's domains)."""
    host_a = (urlsplit(url_a).hostname or "").lower()
    host_b = (urlsplit(url_b).hostname or "").lower()
    if not host_a or not host_b:
        return False
    if site_key(host_a) == site_key(host_b):
        return True

    def covered(host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in domains)

    return covered(host_a) and covered(host_b)


def choose_canonical(final_url: str, declared: str | None, *, domains: Iterable[str] = ()) -> str:
    """A page's canonical URL: its ``rel=canonical`` when on the same site, else its final URL."""
    if (
        declared
        and urlsplit(declared).scheme in ("http", "https")
        and same_site(final_url, declared, domains=domains)
    ):
        return canonical_url(declared)
    return canonical_url(final_url)
