"""Related-article teasers shown with an article.

First version: the profile's selector only. To be replaced by generic
detection of related blocks.
"""

from __future__ import annotations

from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import SiteProfile, Teaser
from .dom import node_text


def find_teasers(
    tree: LexborHTMLParser,
    *,
    url: str,
    body_root: LexborNode | None,
    headline_node: LexborNode | None,
    profile: SiteProfile | None,
) -> list[Teaser]:
    """Teasers in page order, one per target URL."""
    selector = profile.selectors.get("teasers") if profile else None
    if not selector:
        return []
    out: list[Teaser] = []
    seen: set[str] = set()
    for item in tree.css(selector):
        link = item.css_first("a[href]")
        if link is None:
            continue
        target = urljoin(url, link.attributes.get("href") or "")
        title = node_text(item.css_first("h2, h3, h4") or link)
        if not title or target in seen:
            continue
        seen.add(target)
        out.append(Teaser(title=title, url=target))
    return out
