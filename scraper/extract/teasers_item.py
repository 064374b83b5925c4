"""Read one teaser item: its headline, one-line summary and image.

A teaser item is the element that holds one related article: a headline link,
often an image link to the same URL, sometimes a kicker ("Ukraine-Krieg"),
a date, a comment counter and a description. The title is the headline alone;
the summary is a separate description text, never the headline again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from .dom import NEVER_TEXT, children, clean_text, content_children, node_text, per_node
from .patterns import alternation, grouped

#: Class fragments of parts of a teaser that are not its headline or summary.
_SIDE_CLASS = grouped(
    r"kicker|topline|overline|dachzeile|eyebrow|roofline|label|badge|flag|category|"
    r"(?:^|[\s_-])(?:cat|cate|section|rubri[ck]|tag|tags|meta|date|time|datetime|timestamp|"
    r"byline|author|count|counter|comments?|views|icon|context|source|ago|published|"
    r"posted|duration|sr-only|screen-reader-text|visually-hidden|hiddenelement|readmore)"
    r"(?:$|[\s_-])"
)
_TITLE_CLASS = grouped(r"title|headline|heading|(?:^|[\s_-])(?:ttl|tit|hl|h[1-6])(?:$|[\s_-])")
_SUMMARY_CLASS = grouped(
    r"summary|excerpt|sapo|desc|lead|intro|abstract|standfirst|dek|teaser-?text|chapo|"
    r"(?:^|[\s_-])(?:text|txt|body|content)(?:$|[\s_-])"
)
_SIDE_TAGS = frozenset({"time", "small", "sup", "figcaption", "button", "img", "picture"})
_KICKER_TAGS = frozenset({"strong", "b", "span", "em", "i"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|"
    r"juli|august|oktober|dezember|janv|févr|mars|avr|mai|juin|juil|août|déc|enero|febrero|"
    r"marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)[a-zé]*\.?"
)
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?"
    r"|\(\d{1,2}[/.]\d{1,2}\)"
    r"|\d{1,2}:\d{2}\s*(?:uhr|[ap]\.?m\.?|h)"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}[:時]\d{1,2}分?)?"
    rf"|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTHS}\s+\d{{4}}"
    r"|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago"
    r"|vor\s+\d+\s+(?:minuten?|stunden?|tagen?)"
    r"|il y a\s+\d+\s+(?:min|minutes?|heures?|h|jours?))"
)
_HAS_DIGIT = re.compile(r"\d")
_LEADING_DATE = re.compile(rf"^\(?{_DATE}\)?\s*[|·•–—:-]?\s*", re.I)
_TRAILING_DATE = re.compile(rf"\s*[|·•–—-]?\s*\(?{_DATE}\)?$", re.I)
#: Every text _TRAILING_DATE matches ends (before an optional final newline) with
#: one of these: a digit, ")", 日, 分, or the last letter of uhr/am/pm/h/ago/minuten/
#: stunden/tagen/min/minutes/heures/jours. Checking the last character first spares
#: the search, which tries every date form at every position (~60 us per title).
_DATE_LAST_CHAR = re.compile(r"[\d)日分.rmhoens]", re.I)
_TRAILING_COUNT = re.compile(
    r"\s*(?:\(\d+\)|\[\d+\]|\d+\s*(?:comments?|kommentare?|commentaires?|bình luận))$", re.I
)
_LEADING_RANK = re.compile(r"^#?\d{1,2}[.)]\s+(?=\S)")
_READ_ON_WORDS = (
    "read more|weiterlesen|mehr lesen|lire la suite|leia mais|leer más|xem tiếp|"
    "続きを読む|continue reading"
)
_READ_ON = re.compile(rf"\s*(?:{alternation(_READ_ON_WORDS, fold=True)})\s*[»›>…]*\s*$", re.I)
_PLACEHOLDER = re.compile(
    r"^data:|blank\.|spacer|pixel\.|placeholder|1x1|transparent\.|lazy[-_]?load|loading\.|"
    r"grey\.gif|gray\.gif|empty\.",
    re.I,
)
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-img")
_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
_BG_URL = re.compile(r"background(?:-image)?\s*:[^;]*url\(\s*['\"]?([^'\")]+)", re.I)
_SRCSET_SPLIT = re.compile(r",\s+|,(?=[^,\s]+\s+\d)")
_ICON_CLASS = re.compile(r"avatar|logo|icon|emoji|author|gravatar|flag", re.I)


def _is_side(node: LexborNode) -> bool:
    if node.tag in _SIDE_TAGS or node.tag in NEVER_TEXT:
        return True
    attrs = node.attributes
    cls = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if not cls.strip():
        return False
    return _side_class(cls)


@lru_cache(maxsize=4096)
def _side_class(cls: str) -> bool:
    """Whether class words name a kicker, date, counter or label (the items of one
    list repeat their classes: a memo of this pure function spares the regexes)."""
    return bool(_SIDE_CLASS.search(cls)) and not _TITLE_CLASS.search(cls)


def text_without_side_parts(node: LexborNode) -> str:
    """The node's text without kicker, date, counter and screen-reader parts."""
    return node_text(node, skip=_is_side)


def clean_title(text: str) -> str:
    """Strip dates, counters and list ranks that sit in the headline's own text."""
    text = clean_text(text)
    for _ in range(2):
        text = _cut_tail(_TRAILING_COUNT, text)
        text = _cut_tail(_TRAILING_DATE, text)
        if _HAS_DIGIT.search(text[:16]):
            text = _LEADING_DATE.sub("", text, count=1)
    text = _LEADING_RANK.sub("", text)
    return text.strip(" |·•–—-:").strip()


def _cut_tail(pattern: re.Pattern[str], text: str) -> str:
    """Remove a match at the end, searching only the last characters (linear, not quadratic)."""
    window = text[-60:]
    if pattern is not _READ_ON and not _HAS_DIGIT.search(window):
        return text
    if pattern is _TRAILING_DATE:
        end = window[:-1] if window.endswith("\n") else window
        if not end or not _DATE_LAST_CHAR.match(end[-1]):
            return text
    match = pattern.search(window)
    return text[: len(text) - len(window) + match.start()] if match else text


def title_node(
    item: LexborNode,
    links: list[LexborNode],
    text_of: Callable[[LexborNode], str] = text_without_side_parts,
) -> LexborNode | None:
    """The element whose text is the teaser's headline."""
    for heading in item.css(", ".join(_HEADINGS)):
        if not _is_side(heading) and clean_title(text_of(heading)):
            return heading
    for link in links:
        for node in link.css("[class]"):
            cls = (node.attributes.get("class") or "").lower()
            if _TITLE_CLASS.search(cls) and not _SIDE_CLASS.search(cls) and node_has_text(node):
                return node
    best: LexborNode | None = None
    best_len = 0
    for link in links:
        length = len(clean_title(text_of(link)))
        if length > best_len:
            best, best_len = link, length
    if best is not None:
        return best
    for node in item.css("[class]"):
        cls = (node.attributes.get("class") or "").lower()
        if _TITLE_CLASS.search(cls) and not _SIDE_CLASS.search(cls) and node_has_text(node):
            return node
    return None


def node_has_text(node: LexborNode) -> bool:
    return bool((node.text(deep=True) or "").strip())


def item_title(item: LexborNode, links: list[LexborNode]) -> tuple[str, LexborNode | None]:
    """The headline of a teaser item without kicker, date or counter, and its element."""
    text_of = per_node(text_without_side_parts)  # read once, however often it is asked
    node = title_node(item, links, text_of)
    if node is not None:
        title = clean_title(_without_leading_kicker(node, text_of))
        if title:
            return title, node
    for link in links:
        for value in (link.attributes.get("title"), _img_alt(link)):
            value = clean_title(value or "")
            if len(value.split()) >= 2:
                return value, None
    return "", None


def _without_leading_kicker(node: LexborNode, text_of: Callable[[LexborNode], str]) -> str:
    """Title text, minus a short bold/span lead-in when a full headline follows it.

    Portals style the kicker ("HSV-Profi van Drongelen") as a <strong> or <span>
    run before the headline inside the same link or heading.
    """
    kids = content_children(node)
    if len(kids) >= 2 and kids[0].tag in _KICKER_TAGS:
        lead = text_of(kids[0])
        rest = clean_text(
            " ".join(text_of(c) if not c.is_text_node else c.text_content or "" for c in kids[1:])
        )
        rest = rest.lstrip(":|–—- ")
        if 0 < len(lead.split()) <= 6 and len(rest.split()) >= 3:
            return rest
    return text_of(node)


def _img_alt(node: LexborNode) -> str | None:
    img = node.css_first("img[alt]")
    return img.attributes.get("alt") if img is not None else None


def item_summary(item: LexborNode, title: str, title_el: LexborNode | None) -> str | None:
    """A separate description line in the item, when there is one."""
    title_id = title_el.mem_id if title_el is not None else None
    # Elements that hold the title or another heading are looked into, never read
    # whole: both sets come from one walk up from each heading, not a search per element.
    holders: set[int] = set()
    if title_el is not None:
        holders.update(_ancestor_ids(title_el, None))
        for heading in item.css("h1, h2, h3, h4, h5, h6"):
            holders.update(_ancestor_ids(heading, item))
    # Nested elements are read once per ancestor looked into: judge each once.
    side = per_node(_is_side)

    best: str | None = None
    best_rank = (-1, 0)
    stack = children(item)
    while stack:
        node = stack.pop()
        if node.is_text_node or node.tag == "-comment":
            continue
        node_id = node.mem_id
        if node_id == title_id or node.tag in _HEADINGS or side(node):
            continue
        if node_id in holders:
            stack.extend(children(node))
            continue
        text = _cut_tail(_READ_ON, node_text(node, skip=side))
        if not _is_description(text, title):
            stack.extend(children(node))
            continue
        attrs = node.attributes
        cls = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
        rank = (1 if _SUMMARY_CLASS.search(cls) or node.tag == "p" else 0, len(text))
        if rank > best_rank:
            best, best_rank = text, rank
    return best


def _ancestor_ids(node: LexborNode, stop: LexborNode | None) -> list[int]:
    """The ids of the node's ancestors below ``stop`` (all of them when ``stop`` is None)."""
    out: list[int] = []
    last = stop.mem_id if stop is not None else None
    current = node.parent
    while current is not None:
        current_id = current.mem_id
        if current_id == last:
            break
        out.append(current_id)
        current = current.parent
    return out


def _is_description(text: str, title: str) -> bool:
    if not text or text == title or title and text.startswith(title):
        return False
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return len(text.split()) >= 5 or cjk >= 15


def item_image(item: LexborNode, base: str) -> str | None:
    """The item's picture as an absolute URL, lazy-load attributes first."""
    for img in item.css("img, source, [style*='background']"):
        attrs = img.attributes
        if img.tag == "img" and (_ICON_CLASS.search(attrs.get("class") or "") or _tiny(attrs)):
            continue
        candidate = _image_source(attrs)
        if candidate:
            return urljoin(base, candidate)
    return None


def _tiny(attrs: dict[str, str | None]) -> bool:
    for key in ("width", "height"):
        value = (attrs.get(key) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 32:
            return True
    return False


def _image_source(attrs: dict[str, str | None]) -> str | None:
    for key in _LAZY_ATTRS:
        value = (attrs.get(key) or "").strip()
        if value and not _PLACEHOLDER.search(value):
            return value
    src = (attrs.get("src") or "").strip()
    if src and not _PLACEHOLDER.search(src):
        return src
    for key in _SRCSET_ATTRS:
        widest = largest_in_srcset(attrs.get(key) or "")
        if widest:
            return widest
    style = attrs.get("style") or ""
    match = _BG_URL.search(style)
    if match and not _PLACEHOLDER.search(match.group(1)):
        return match.group(1).strip()
    return None


def largest_in_srcset(srcset: str) -> str | None:
    """The widest candidate of a srcset ("a.jpg 300w, b.jpg 600w" gives b.jpg)."""
    best: str | None = None
    best_size = -1.0
    for entry in _SRCSET_SPLIT.split(srcset.strip()):
        bits = entry.split()
        if not bits or _PLACEHOLDER.search(bits[0]):
            continue
        size = 1.0
        if len(bits) > 1 and bits[1][:-1].replace(".", "", 1).isdigit():
            size = float(bits[1][:-1]) * (1000.0 if bits[1].endswith("x") else 1.0)
        if size > best_size:
            best, best_size = bits[0], size
    return best
