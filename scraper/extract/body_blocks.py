"""One read-only pass over the page: an element table and the text blocks in page order.

The body detector needs, for every element, where its subtree ends, whether it
is page chrome by its markup, and how much good and bad text lies under it;
and, for every run of text between block boundaries, the text itself and how
much of it is link text. All of it comes from a single depth-first walk, so
detection stays linear in the size of the page however deep it nests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from .body_rules import CHROME_ROLES, CHROME_TAGS, chrome_strength, is_content_markup, is_hidden

#: Elements whose subtree never holds article text (``form`` is not here:
#: ASP.NET pages wrap the whole page in one).
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
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
        "math",
        "picture",
        "img",
        "link",
        "meta",
        "option",
        "dialog",
    ]
)
#: Elements that end one text block and start another.
BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "hr",
        "body",
        "form",
        "fieldset",
        "legend",
        "center",
        "menu",
        "hgroup",
    ]
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Page-level containers whose class words describe the page, not themselves.
_NEVER_CHROME = frozenset({"body", "html", "main", "article"})
#: Inline elements that still separate words (table cells joined into one row).
_SPACED = frozenset({"td", "th", "label"})


@dataclass(slots=True)
class Block:
    """A run of text between block boundaries, owned by its nearest block element."""

    text: str
    owner: int  # element index
    link_chars: int
    tag: str  # the owner's tag


@dataclass(slots=True)
class Page:
    """The element table (pre-order, so a subtree is the index range ``i..end[i]``) and blocks."""

    nodes: list[LexborNode] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    mark: list[int] = field(default_factory=list)  # chrome by markup: 0 no, 1 yes, 2 comments
    content: list[bool] = field(default_factory=list)  # markup names it the article text
    blocks: list[Block] = field(default_factory=list)

    def inside(self, index: int, root: int) -> bool:
        return root <= index <= self.end[root]


def walk(top: LexborNode) -> Page:
    """Build the element table and text blocks under ``top`` without touching the tree."""
    page = Page()
    nodes, tags, parent, end = page.nodes, page.tags, page.parent, page.end
    mark, content = page.mark, page.content
    blocks = page.blocks
    buf: list[str] = []
    linked: list[bool] = []
    owner_stack: list[int] = []
    link_depth = 0
    # Stack items: a node to enter, or an int ``~index`` to leave that element.
    stack: list[LexborNode | int] = [top]
    current = -1  # index of the element whose children are being visited

    def flush() -> None:
        if not buf:
            return
        owner = owner_stack[-1] if owner_stack else 0
        line: list[str] = []
        links = 0
        for piece, in_link in zip(buf, linked, strict=True):
            if piece == _BREAK:
                _emit(blocks, line, links, owner, tags[owner])
                line, links = [], 0
                continue
            line.append(piece)
            if in_link:
                links += len(piece.strip())
        _emit(blocks, line, links, owner, tags[owner])
        buf.clear()
        linked.clear()

    while stack:
        item = stack.pop()
        if isinstance(item, int):
            index = ~item
            tag = tags[index]
            if tag in BLOCK:
                flush()
                owner_stack.pop()
            elif tag == "a":
                link_depth -= 1
            elif tag in _SPACED:
                buf.append(" ")
                linked.append(False)
            end[index] = len(tags) - 1
            current = parent[index]
            continue
        node = item
        tag = node.tag or ""
        if tag == "-text":
            value = node.text_content
            if value:
                buf.append(value)
                linked.append(link_depth > 0)
            continue
        if tag.startswith("-") or tag in SKIP_TAGS:
            continue
        if tag == "br":
            buf.append(_BREAK)
            linked.append(False)
            continue
        attrs = node.attributes
        if is_hidden(attrs):
            continue
        # Parent of this node: the element whose exit marker is below it on the stack.
        up = current  # pre-order: the parent is the element most recently entered, not left
        index = len(tags)
        nodes.append(node)
        tags.append(tag)
        parent.append(up)
        end.append(index)
        strength = 0 if tag in _NEVER_CHROME else chrome_strength(attrs)
        if not strength and (
            tag in CHROME_TAGS or (attrs.get("role") or "").lower() in CHROME_ROLES
        ):
            strength = 1
        mark.append(strength)
        content.append(is_content_markup(attrs))
        if tag in BLOCK:
            flush()
            owner_stack.append(index)
        elif tag == "a":
            link_depth += 1
        elif tag in _SPACED:
            buf.append(" ")
            linked.append(False)
        stack.append(~index)
        children: list[LexborNode] = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend(reversed(children))
        current = index
    flush()
    return page


_BREAK = "\x00\x01"  # marks a <br>; never occurs in page text


def _emit(blocks: list[Block], line: list[str], links: int, owner: int, tag: str) -> None:
    text = " ".join("".join(line).split())
    if text:
        blocks.append(Block(text, owner, min(links, len(text)), tag))
