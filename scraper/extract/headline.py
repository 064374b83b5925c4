"""The headline as the page shows it, without the site name ``<title>`` appends.

Meta titles (JSON-LD ``headline``, ``og:title``, ``<title>``) are reliable about
the words but often carry the portal's name; the visible ``<h1>`` is what a
reader sees but is sometimes the site logo. Each is checked against the others.
"""

from __future__ import annotations

import re
import unicodedata

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dom import node_text
from .structured import Structured, ld_text

_SEPARATORS = re.compile(r"\s+(?:[|\-–—·•»«:/~]|::|\|\|)\s+")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def find_headline(
    tree: LexborHTMLParser, found: Structured, profile: SiteProfile | None
) -> tuple[str | None, str | None, LexborNode | None]:
    """(headline, provenance, the visible headline element when there is one)."""
    selector = profile.selectors.get("headline") if profile else None
    if selector:
        node = tree.css_first(selector)
        if node is not None and node_text(node):
            return node_text(node), PROFILE, node
    h1s = [(node_text(n), n) for n in tree.css("h1")]
    h1s = [(t, n) for t, n in h1s if 3 <= len(t) <= 400]
    metas: list[tuple[str, str]] = []
    article = found.article or {}
    for key in ("headline", "name", "alternativeHeadline"):
        value = ld_text(article.get(key))
        if value:
            metas.append((_unescape(value), JSON_LD))
            break
    for keys, source in (
        (("og:title",), OPENGRAPH),
        (("twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title", "title", "headline"), META),
    ):
        value, _ = found.meta_first(*keys)
        if value:
            metas.append((_unescape(value), source))
    if found.title_tag:
        metas.append((found.title_tag, HEURISTIC))
    site_names = _site_names(found)

    # 1. A visible h1 that a meta title confirms, exactly or with the site name around it.
    for text, node in h1s:
        nt = _norm(text)
        for meta, source in metas:
            nm = _norm(meta)
            if nt == nm or (len(nt) >= 10 and nt in nm):
                return text, source if nt == nm else HEURISTIC, node
    # 2. The best meta title, with the site name removed.
    for meta, source in metas:
        cleaned = strip_site_name(meta, site_names)
        if cleaned:
            node = next((n for t, n in h1s if _norm(t) == _norm(cleaned)), None)
            return cleaned, source, node
    if h1s:
        return h1s[0][0], HEURISTIC, h1s[0][1]
    return None, None, None


def _site_names(found: Structured) -> list[str]:
    names = found.meta_all("og:site_name", "application-name", "apple-mobile-web-app-title")
    for obj in found.jsonld:
        types = obj.get("@type")
        if types in ("WebSite", "Organization", "NewsMediaOrganization") and ld_text(obj.get("name")):
            names.append(ld_text(obj.get("name")) or "")
    publisher = (found.article or {}).get("publisher")
    if publisher:
        name = ld_text(publisher)
        if name:
            names.append(name)
    return [n for n in names if n]


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop a leading or trailing segment that names the site."""
    title = " ".join(title.split())
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    norm_names = {_norm(n) for n in site_names}

    def is_site(segment: str) -> bool:
        ns = _norm(segment)
        if not ns:
            return True
        if ns in norm_names or any(ns in n or n in ns for n in norm_names if len(n) > 3):
            return True
        return bool(re.fullmatch(r"[\w.-]+\.(com|net|org|de|at|ch|vn|co\.uk|uk|fr|es|it|pl|[a-z]{2})", ns))

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == len(_SEPARATORS.split(title)) and len(parts) > 1:
        # No segment named the site: a short last segment is still most likely its name.
        if len(parts[-1]) <= 30 and len(parts[-1]) < len(" ".join(parts[:-1])) / 2:
            parts.pop()
    match_sep = _SEPARATORS.findall(title)
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += (match_sep[i] if i < len(match_sep) else " - ") + part
    return out.strip()


def _unescape(text: str) -> str:
    import html

    return " ".join(html.unescape(text).split())
