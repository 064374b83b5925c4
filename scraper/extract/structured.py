"""Read a page's structured metadata: JSON-LD, OpenGraph, ``article:*`` and other meta.

These are the first sources of every field's cascade. JSON-LD on real sites is
often broken (trailing commas, raw newlines in strings, HTML comments, several
blocks that disagree), so parsing is lenient and the article object is chosen
by type and by how well it matches the page, not by position.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "satiricalarticle",
    "advertisercontentarticle",
    "medicalwebpage",
    "posting",
}
_WEBPAGE_TYPES = {"webpage", "itempage", "collectionpage"}

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CDATA = re.compile(r"^\s*//\s*<!\[CDATA\[|//\s*\]\]>\s*$")


@dataclass(slots=True)
class Structured:
    """Everything the page declares about itself, gathered once per page."""

    jsonld: list[dict[str, Any]] = field(default_factory=list)
    article: dict[str, Any] | None = None  # the chosen article-like JSON-LD object
    article_candidates: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    html_lang: str | None = None
    canonical: str | None = None
    title_tag: str | None = None

    def meta_first(self, *keys: str) -> tuple[str | None, str | None]:
        """The first non-empty value among meta keys, with the key that gave it."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value and value.strip():
                    return value.strip(), key
        return None, None

    def meta_all(self, *keys: str) -> list[str]:
        out: list[str] = []
        for key in keys:
            out.extend(v.strip() for v in self.meta.get(key, ()) if v and v.strip())
        return out


def read_structured(tree: LexborHTMLParser, url: str) -> Structured:
    found = Structured()
    for node in tree.css('script[type*="ld+json" i]'):
        raw = node.text(deep=True) or ""
        for obj in _parse_jsonld(raw):
            found.jsonld.extend(_flatten(obj))
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if not key:
            continue
        content = attrs.get("content")
        if content is None:
            content = attrs.get("value")
        if content is None and attrs.get("datetime"):
            content = attrs.get("datetime")
        if content is None:
            continue
        for k in key.lower().split():
            found.meta.setdefault(k.strip(), []).append(content)
    html = tree.css_first("html")
    if html is not None:
        found.html_lang = (html.attributes.get("lang") or html.attributes.get("xml:lang")) or None
    for link in tree.css("link[rel][href]"):
        rels = (link.attributes.get("rel") or "").lower().split()
        if "canonical" in rels and link.attributes.get("href"):
            found.canonical = urljoin(url, (link.attributes.get("href") or "").strip())
            break
    title = tree.css_first("title")
    if title is not None:
        found.title_tag = " ".join(title.text().split()) or None
    found.article_candidates = [o for o in found.jsonld if _types(o) & ARTICLE_TYPES]
    found.article = _choose_article(found, url)
    return found


def _parse_jsonld(raw: str) -> list[Any]:
    text = raw.strip()
    if not text:
        return []
    text = text.replace("<!--", "").replace("-->", "")
    if "<![CDATA[" in text or "]]>" in text:  # (the search alone costs ~25 us per kB)
        text = _CDATA.sub("", text)
    text = text.strip().rstrip(";")
    for attempt in range(3):
        try:
            value = json.loads(text, strict=False)
            return value if isinstance(value, list) else [value]
        except json.JSONDecodeError:
            if attempt == 0:
                text = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))
            elif attempt == 1:
                # Several objects pasted into one script block.
                return _parse_concatenated(text)
    return []


def _parse_concatenated(text: str) -> list[Any]:
    decoder = json.JSONDecoder(strict=False)
    out: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
        out.append(value)
    return out


def _flatten(obj: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every typed object in a JSON-LD value: top level, ``@graph`` and ``mainEntity``."""
    if depth > 4:
        return []
    out: list[dict[str, Any]] = []
    if isinstance(obj, list):
        for item in obj:
            out.extend(_flatten(item, depth + 1))
    elif isinstance(obj, dict):
        if "@type" in obj:
            out.append(obj)
        for key in ("@graph", "mainEntity", "itemListElement"):
            child = obj.get(key)
            if isinstance(child, (list, dict)):
                out.extend(_flatten(child, depth + 1))
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _choose_article(found: Structured, url: str) -> dict[str, Any] | None:
    candidates = found.article_candidates
    if not candidates:
        pages = [o for o in found.jsonld if _types(o) & _WEBPAGE_TYPES and o.get("headline")]
        return pages[0] if pages else None
    if len(candidates) == 1:
        return candidates[0]
    wanted = {_strip_url(u) for u in (url, found.canonical) if u}
    og_title = (found.meta_first("og:title")[0] or "").casefold()

    def score(obj: dict[str, Any]) -> float:
        points = 0.0
        for key in ("url", "mainEntityOfPage", "@id"):
            ref = obj.get(key)
            if isinstance(ref, dict):
                ref = ref.get("@id") or ref.get("url")
            if isinstance(ref, str) and _strip_url(ref) in wanted:
                points += 4
                break
        headline = obj.get("headline") or obj.get("name")
        if isinstance(headline, str) and og_title and headline.casefold().strip() in og_title:
            points += 2
        if obj.get("articleBody"):
            points += 1
        if obj.get("datePublished"):
            points += 1
        points += min(len(obj), 20) / 40
        return points

    return max(candidates, key=score)


def _strip_url(value: str) -> str:
    value = value.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return re.sub(r"^https?://(www\.)?", "", value.lower())


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as one string: plain, ``{"name": ...}`` or the first of a list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("name", "@value", "text", "headline"):
            if isinstance(value.get(key), str):
                return value[key].strip() or None
        return None
    if isinstance(value, list):
        for item in value:
            text = ld_text(item)
            if text:
                return text
    return None


def ld_texts(value: Any) -> list[str]:
    """A JSON-LD value as a list of strings (names of objects, items of lists)."""
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(ld_texts(item))
        return out
    text = ld_text(value)
    return [text] if text else []
