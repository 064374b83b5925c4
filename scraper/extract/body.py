"""Find the article's main text on pages of sites we have never seen.

First version: the profile's selector, else the element holding the most
paragraph text. To be replaced by the full density-based detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, PROFILE, SiteProfile
from .dom import node_text
from .structured import Structured


@dataclass(slots=True)
class BodyResult:
    paragraphs: list[str] = field(default_factory=list)
    root: LexborNode | None = None  # the main-content container, for dates and teasers
    source: str | None = None


def find_body(
    tree: LexborHTMLParser,
    *,
    found: Structured,
    profile: SiteProfile | None,
    headline: str | None,
) -> BodyResult:
    """The body paragraphs and their container. Must not modify ``tree``."""
    selector = profile.selectors.get("body") if profile else None
    if selector:
        root = tree.css_first(selector)
        if root is not None:
            return BodyResult(_paragraphs(root), root, PROFILE)
    best: LexborNode | None = None
    best_len = 0
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        total = sum(len(node_text(c)) for c in parent.css("p"))
        if total > best_len:
            best, best_len = parent, total
    if best is None:
        return BodyResult()
    return BodyResult(_paragraphs(best), best, HEURISTIC)


def _paragraphs(root: LexborNode) -> list[str]:
    out = [node_text(p) for p in root.css("p, h2, h3, li")]
    return [t for t in out if t]
