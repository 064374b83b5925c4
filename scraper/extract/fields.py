"""The smaller fields: summary, section, top image, language, canonical URL, source credit."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dom import ancestors, class_id, is_inside, node_text
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
    tree: LexborHTMLParser, found: Structured, url: str, profile: SiteProfile | None
) -> tuple[str | None, str | None]:
    """The section (desk) the article belongs to: metadata, then the category link, the
    breadcrumb trail, or a section label linking to a section page."""
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
    value = _ld_breadcrumb(found, url)
    if value:
        return value, JSON_LD
    value = _section_link(tree, url)
    if value:
        return value, HEURISTIC
    return None, None


#: Breadcrumb trails; their links are the section path.
_BREADCRUMBS = (
    '[class*="breadcrumb"], [id*="breadcrumb"], [class*="topicpath"], '
    '[id*="topicpath"], [class*="crumbs"], [aria-label*="breadcrumb" i], '
    '[itemtype*="BreadcrumbList"]'
)
_SECTION_LABEL = re.compile(r"section|category|categorie|rubri|ressort|kicker|chuyen-?muc|desk")
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def _ld_breadcrumb(found: Structured, url: str) -> str | None:
    for obj in found.jsonld:
        if obj.get("@type") != "BreadcrumbList":
            continue
        items = obj.get("itemListElement")
        if not isinstance(items, list):
            continue
        names: list[str] = []
        for item in sorted(
            (i for i in items if isinstance(i, dict)), key=lambda i: _position(i.get("position"))
        ):
            target = item.get("item")
            name = ld_text(item.get("name")) or (
                ld_text(target) if isinstance(target, dict) else None
            )
            ref = target.get("@id") if isinstance(target, dict) else target
            if name and not (isinstance(ref, str) and _same_page(ref, url)):
                names.append(_clean(name))
        if len(names) >= 2:
            return names[-1]
    return None


def _position(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _breadcrumb_links(tree: LexborHTMLParser) -> list[LexborNode]:
    """Links inside breadcrumb trails, in page order.

    Finding the trails first and then their links is one cheap pass on the
    pages without a trail; a ``trail a`` selector tested every link's
    ancestors against every trail pattern (twice the time on every page).
    """
    links: list[LexborNode] = []
    outer: LexborNode | None = None
    for trail in tree.css(_BREADCRUMBS):
        if outer is not None and is_inside(trail, outer):
            continue  # its links are already taken with the enclosing trail
        outer = trail
        links.extend(a for a in trail.css("a") if a.mem_id != trail.mem_id)
    return links


def _section_link(tree: LexborHTMLParser, url: str) -> str | None:
    crumbs = [
        a for a in _breadcrumb_links(tree) if not _is_home(a.attributes.get("href") or "", url)
    ]
    crumbs = [a for a in crumbs if not _same_page(a.attributes.get("href") or "", url)]
    if crumbs:
        text = node_text(crumbs[-1])
        if text and len(text) <= 60:
            return text
    for link in tree.css('a[rel~="category"]'):
        text = node_text(link)
        if text and len(text) <= 60:
            return text
    for link in tree.css("a[href][class]"):
        if not _SECTION_LABEL.search(class_id(link)):
            continue
        href = link.attributes.get("href") or ""
        path = urlsplit(urljoin(url, href)).path.strip("/")
        text = node_text(link)
        if not text or len(text) > 40 or not path or path.count("/") > 1:
            continue
        if any(a.tag in _CHROME_TAGS for a in ancestors(link)):
            continue
        return text
    return None


def _is_home(href: str, url: str) -> bool:
    return urlsplit(urljoin(url, href)).path.strip("/") in ("", "index.html", "index.php", "home")


def _same_page(href: str, url: str) -> bool:
    a, b = urlsplit(urljoin(url, href)), urlsplit(url)
    return a.netloc.removeprefix("www.") == b.netloc.removeprefix("www.") and a.path.rstrip(
        "/"
    ) == b.path.rstrip("/")


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
