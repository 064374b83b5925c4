"""Tags (topics) of an article, from metadata and tag-list links.

A tag line is a field of its own and is never part of the body.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..models import HEURISTIC, JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dom import node_text
from .structured import Structured, ld_texts

_TAG_HREF = re.compile(r"/(tags?|topics?|themen?|schlagworte?|stichworte?|keywords?|tema|temas|sujet|tag-[a-z]+)/", re.IGNORECASE)


def normalise_tags(values: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = " ".join(value.split()).strip(" #,;")
        if not value or len(value) > 80:
            continue
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _split(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(v for v in re.split(r"\s*[,;|]\s*", value) if v)
    return out


def find_tags(
    tree: LexborHTMLParser, found: Structured, profile: SiteProfile | None
) -> tuple[list[str], str | None]:
    selector = profile.selectors.get("tags") if profile else None
    if selector:
        tags = normalise_tags([node_text(n) for n in tree.css(selector)])
        if tags:
            return tags, PROFILE
    tags = normalise_tags(found.meta_all("article:tag"))
    if tags:
        return tags, OPENGRAPH
    article = found.article or {}
    tags = normalise_tags(_split(ld_texts(article.get("keywords"))))
    if tags:
        return tags, JSON_LD
    tags = normalise_tags(_split(found.meta_all("news_keywords", "parsely-tags", "sailthru.tags")))
    if tags:
        return tags, META
    links = [node_text(a) for a in tree.css('a[rel~="tag"]')]
    if not links:
        links = [node_text(a) for a in tree.css("a[href]") if _TAG_HREF.search(a.attributes.get("href") or "")]
    tags = normalise_tags(links)
    if tags:
        return tags, HEURISTIC
    return [], None
