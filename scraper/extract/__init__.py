"""Extraction: page HTML + URL + site profile in, ``Article`` out. Pure, no I/O.

Each field has a cascade (structured data, then the profile's selectors, then
heuristics) in a module of its own; this module only wires them together and
records which source won each field.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime
from typing import overload

from selectolax.lexbor import LexborHTMLParser

from ..models import Article, SiteProfile, Teaser
from .body import find_body
from .dates import find_dates
from .decode import decode_html
from .fields import (
    find_canonical,
    find_lang,
    find_section,
    find_summary,
    find_top_image,
    site_name,
)
from .headline import find_headline, site_names
from .people import find_authors, find_source
from .structured import read_structured
from .tags import find_tags
from .teasers import find_teasers

__all__ = ["extract"]


@overload
def nfc(text: str) -> str: ...
@overload
def nfc(text: None) -> None: ...
def nfc(text: str | None) -> str | None:
    """Compose combining marks (windows-1258 Vietnamese, some CMSs): "Bình" is one form."""
    if text is None or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _nfc_teaser(teaser: Teaser) -> Teaser:
    return replace(
        teaser,
        title=nfc(teaser.title),
        summary=nfc(teaser.summary),
    )


def extract(
    html: str | bytes,
    url: str,
    *,
    profile: SiteProfile | None = None,
    fetched_at: datetime | None = None,
    content_type: str | None = None,
) -> Article:
    """Extract one article record from a page.

    ``content_type`` is the HTTP header value when known: its charset wins
    over the page's own declaration, as in a browser. ``fetched_at`` anchors
    relative dates such as "2 hours ago".
    """
    text = decode_html(html, content_type=content_type)
    tree = LexborHTMLParser(text)
    if profile is not None:
        for selector in profile.ignore:
            for node in tree.css(selector):
                node.decompose()
    found = read_structured(tree, url)
    provenance: dict[str, str] = {}

    def note(field: str, source: str | None) -> None:
        if source:
            provenance[field] = source

    headline, source, headline_node = find_headline(tree, found, profile)
    note("headline", source)
    body = find_body(tree, found=found, profile=profile, headline=headline)
    note("body", body.source)
    published, modified = find_dates(
        tree,
        found=found,
        body_root=body.root,
        headline_node=headline_node,
        profile=profile,
        fetched_at=fetched_at,
        url=url,
    )
    note("published_at", published.source if published else None)
    note("modified_at", modified.source if modified else None)
    authors, source = find_authors(
        tree, found, body.root, profile, site_names=site_names(found, url)
    )
    note("authors", source)
    first_paragraph = body.paragraphs[0] if body.paragraphs else None
    credit, source = find_source(tree, found, body.root, first_paragraph, profile)
    note("source", source)
    tags, source = find_tags(tree, found, profile)
    note("tags", source)
    summary, source = find_summary(tree, found, profile)
    note("summary", source)
    section, source = find_section(tree, found, url, profile)
    note("section", source)
    top_image, source = find_top_image(tree, found, url, profile)
    note("top_image", source)
    teasers = find_teasers(
        tree, url=url, body_root=body.root, headline_node=headline_node, profile=profile
    )
    paragraphs = tuple(nfc(p) for p in body.paragraphs)
    return Article(
        url=url,
        canonical_url=find_canonical(found, url),
        site=site_name(found, url, profile),
        lang=find_lang(found, profile),
        headline=nfc(headline),
        summary=nfc(summary),
        published_at=published.value if published else None,
        published_raw=published.raw if published else None,
        modified_at=modified.value if modified else None,
        modified_raw=modified.raw if modified else None,
        section=nfc(section),
        authors=tuple(nfc(a) for a in authors),
        source=nfc(credit),
        body_text="\n\n".join(paragraphs),
        body_paragraphs=paragraphs,
        tags=tuple(nfc(t) for t in tags),
        teasers=tuple(_nfc_teaser(t) for t in teasers),
        top_image=top_image,
        provenance=provenance,
    )
