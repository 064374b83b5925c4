"""Authors and the source credit (wire agency), kept apart.

A byline names people; a credit such as ``VNA`` or ``(dpa)`` names the agency
the story came from. Users filter on both, so neither may swallow the other.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, PROFILE, SiteProfile
from .dom import node_text
from .structured import Structured

_BY = re.compile(
    r"^\s*(by|von|par|por|di|door|av|af|przez|от|tác giả|bởi|text|texto|autor|author|autorin|"
    r"written by|reporting by|posted by|redakce)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\bog\b|\boch\b|\bva\b|\bvà\b)\s*", re.IGNORECASE)
_NOT_NAME = re.compile(r"https?://|www\.|@|\d{3,}|^\W+$")


def clean_person_list(values: list[str]) -> list[str]:
    """Split joined bylines into names, drop prefixes, URLs and duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = " ".join(value.split())
        value = _BY.sub("", value)
        for name in _SPLIT.split(value):
            name = name.strip(" .,:;-–—()[]\"'")
            name = _BY.sub("", name)
            if not name or len(name) > 60 or len(name) < 2 or _NOT_NAME.search(name):
                continue
            if len(name.split()) > 5:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


def find_authors(
    tree: LexborHTMLParser, found: Structured, body_root: LexborNode | None, profile: SiteProfile | None
) -> tuple[list[str], str | None]:
    selector = profile.selectors.get("authors") if profile else None
    if selector:
        names = clean_person_list([node_text(n) for n in tree.css(selector)])
        if names:
            return names, PROFILE
    article = found.article or {}
    raw = article.get("author") or article.get("creator")
    ld_names = _ld_people(raw)
    if ld_names:
        names = clean_person_list(ld_names)
        if names:
            return names, JSON_LD
    meta = found.meta_all(
        "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
        "dcterms.creator", "byl", "cxenseparse:author", "twitter:creator:name",
    )
    names = clean_person_list([m for m in meta if not m.startswith("http")])
    if names:
        return names, META
    for node in tree.css('[rel="author"], [itemprop="author"], .byline, .author, .author-name'):
        text = node_text(node)
        if text and len(text) < 120:
            names = clean_person_list([text])
            if names:
                return names, HEURISTIC
    return [], None


def _ld_people(raw: object) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str):
                out.append(name)
            elif isinstance(item.get("givenName"), str):
                out.append(f"{item.get('givenName')} {item.get('familyName') or ''}".strip())
    return out


_CREDIT = re.compile(
    r"^\s*(?:\(|\[)?\s*(?:source|nguồn|quelle|fuente|fonte|źródło|kilde|källa)?\s*[:\-]?\s*"
    r"([A-ZĐ][A-Za-zĐđ/&.\- ]{1,24}?)\s*(?:\)|\])?\s*(?:/\.)?\s*$"
)


def find_source(
    tree: LexborHTMLParser, found: Structured, body: object, profile: SiteProfile | None
) -> tuple[str | None, str | None]:
    """A wire or credit line (``VNA``, ``(dpa)``, ``Source: Reuters``) near the end of the story."""
    selector = profile.selectors.get("source") if profile else None
    if selector:
        node = tree.css_first(selector)
        text = node_text(node)
        if text:
            match = _CREDIT.match(text)
            return (match.group(1).strip() if match else text), PROFILE
    return None, None
