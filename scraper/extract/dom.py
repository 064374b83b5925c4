"""Small helpers over selectolax nodes shared by the field extractors."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser, LexborNode

_WS = re.compile(r"\s+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

#: Elements whose content is never article text.
NEVER_TEXT = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "form",
        "button",
        "select",
        "textarea",
        "input",
        "canvas",
        "video",
        "audio",
        "object",
        "embed",
        "map",
        "head",
    }
)
#: Elements that start a new line of text (``<br>`` and table cells included).
# fmt: off
BLOCK_TAGS = frozenset(
    {
        "body", "p", "div", "section", "article", "main", "aside", "header", "footer", "nav",
        "ul", "ol", "li", "dl", "dt", "dd", "menu", "table", "caption", "thead", "tbody",
        "tfoot", "tr", "td", "th", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
        "hgroup", "figure", "figcaption", "address", "details", "summary", "hr", "br", "form",
        "fieldset", "legend", "center",
    }
)
# fmt: on


def clean_text(value: str | None) -> str:
    """Collapse white space and drop zero-width characters."""
    if not value:
        return ""
    return _WS.sub(" ", value.translate(_ZERO_WIDTH)).strip()


def node_text(node: LexborNode | None, *, skip: Callable[[LexborNode], bool] | None = None) -> str:
    """The visible text of a node, white space collapsed, scripts and styles skipped.

    ``skip`` leaves out descendant elements it is true for (a kicker, a
    screen-reader label); the node itself is always read.
    """
    if node is None:
        return ""
    return clean_text("".join(iter_text(node, skip=skip)))


def iter_text(
    node: LexborNode, *, skip: Callable[[LexborNode], bool] | None = None
) -> Iterator[str]:
    """Text of a subtree in document order, skipping elements that are never text.

    Inline elements join their neighbours directly (``<b>Bin</b>h`` is one
    word); block elements and ``<br>`` are separated by a space.
    """
    stack: list[LexborNode | None] = [node]
    push, pop = stack.append, stack.pop
    while stack:
        current = pop()
        if current is None:
            yield " "
            continue
        # (the numeric tag id settles text and comments without asking for the name)
        tag_id = current.tag_id
        if tag_id == _TEXT_ID:
            value = current.text_content
            if value:
                yield value
            continue
        if tag_id == _COMMENT_ID:
            continue
        tag = current.tag
        if tag in NEVER_TEXT or tag == "-comment":
            continue
        if skip is not None and current is not node and skip(current):
            continue
        if tag in BLOCK_TAGS:
            yield " "
            push(None)
        child = current.last_child  # pushed last first, to pop in page order
        while child is not None:
            push(child)
            child = child.prev


def _text_and_comment_ids() -> tuple[int, int]:
    """Lexbor's numeric tag ids of a text node and a comment (fixed in every document)."""
    para = LexborHTMLParser("<p>x<!--y--></p>").css_first("p")
    assert para is not None and para.child is not None and para.last_child is not None
    assert para.child.is_text_node and para.last_child.tag == "-comment"
    return para.child.tag_id or 0, para.last_child.tag_id or 0


_TEXT_ID, _COMMENT_ID = _text_and_comment_ids()


def children(node: LexborNode) -> list[LexborNode]:
    """A node's child nodes (text nodes included), in document order."""
    out: list[LexborNode] = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def content_children(node: LexborNode) -> list[LexborNode]:
    """Child nodes less the white-space-only text between elements."""
    return [
        c for c in children(node) if not (c.is_text_node and not (c.text_content or "").strip())
    ]


_T = TypeVar("_T")


def per_node(read: Callable[[LexborNode], _T]) -> Callable[[LexborNode], _T]:
    """``read`` remembered per element for as long as the returned function lives: for
    passes that ask about nested elements once per ancestor they look into."""
    seen: dict[int, _T] = {}

    def remembered(node: LexborNode) -> _T:
        key = node.mem_id
        if key in seen:
            return seen[key]
        value = seen[key] = read(node)
        return value

    return remembered


def class_id(node: LexborNode) -> str:
    """The node's class and id attributes as one lower-case string, for pattern checks."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and parent.tag not in ("-document", None):
        yield parent
        parent = parent.parent


def is_inside(node: LexborNode, container: LexborNode | None) -> bool:
    """Whether ``node`` is ``container`` or one of its descendants."""
    if container is None:
        return False
    target = container.mem_id
    if node.mem_id == target:
        return True
    return any(a.mem_id == target for a in ancestors(node))
