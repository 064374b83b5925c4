"""The smaller fields: summary, section, top image, language, canonical URL, source credit."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..models import JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dom import node_text
from .structured import Structured, ld_text


def _profile_text(tree: LexborHTMLParser, profile: SiteProfile | None, field: str) -> str | None:
    selector = profile.selectors.get(field) if profile else None
    if selector:
        node = tree.css_first(selector)
        text = node_text(node)
        if text:
            return text
    return None


def find_summary(
    tree: LexborHTMLParser, found: Structured, profile: SiteProfile | None
) -> tuple[str | None, str | None]:
    text = _profile_text(tree, profile, "summary")
    if text:
        return text, PROFILE
    value = ld_text((found.article or {}).get("description"))
    if value:
        return _clean(value), JSON_LD
    value, _ = found.meta_first("og:description")
    if value:
        return _clean(value), OPENGRAPH
    value, _ = found.meta_first("description", "twitter:description", "dc.description")
    if value:
        return _clean(value), META
    return None, None


def find_section(
    tree: LexborHTMLParser, found: Structured, profile: SiteProfile | None
) -> tuple[str | None, str | None]:
    text = _profile_text(tree, profile, "section")
    if text:
        return text, PROFILE
    value = ld_text((found.article or {}).get("articleSection"))
    if value:
        return _clean(value), JSON_LD
    value, _ = found.meta_first("article:section")
    if value:
        return _clean(value), OPENGRAPH
    value, _ = found.meta_first("parsely-section", "section", "category", "dc.subject")
    if value:
        return _clean(value), META
    return None, None


def find_top_image(
    tree: LexborHTMLParser, found: Structured, url: str, profile: SiteProfile | None
) -> tuple[str | None, str | None]:
    selector = profile.selectors.get("top_image") if profile else None
    if selector:
        node = tree.css_first(selector)
        if node is not None:
            src = node.attributes.get("src") or node.attributes.get("content")
            if src:
                return urljoin(url, src), PROFILE
    image = (found.article or {}).get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    if isinstance(image, str) and image.strip():
        return urljoin(url, image.strip()), JSON_LD
    value, _ = found.meta_first("og:image", "og:image:url", "og:image:secure_url")
    if value:
        return urljoin(url, value), OPENGRAPH
    value, _ = found.meta_first("twitter:image", "twitter:image:src", "thumbnail")
    if value:
        return urljoin(url, value), META
    return None, None


def find_lang(found: Structured, profile: SiteProfile | None) -> str | None:
    for value in (
        found.html_lang,
        ld_text((found.article or {}).get("inLanguage")),
        found.meta_first("content-language", "dc.language", "language")[0],
        found.meta_first("og:locale")[0],
    ):
        if value:
            code = re.split(r"[-_]", value.strip())[0].lower()
            if re.fullmatch(r"[a-z]{2,3}", code):
                return code
    return profile.lang if profile else None


def find_canonical(found: Structured, url: str) -> str | None:
    """rel=canonical (or og:url) when it stays on the page's site, else None."""
    candidate = found.canonical or found.meta_first("og:url")[0]
    if not candidate:
        return None
    candidate = urljoin(url, candidate.strip())
    page_host = (urlsplit(url).hostname or "").removeprefix("www.")
    host = (urlsplit(candidate).hostname or "").removeprefix("www.")
    if not host or not page_host:
        return None
    if host == page_host or host.endswith("." + page_host) or page_host.endswith("." + host):
        return candidate
    return None


def site_name(found: Structured, url: str, profile: SiteProfile | None) -> str:
    if profile is not None:
        return profile.name
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())
