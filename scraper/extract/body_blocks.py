"""One read-only pass over the page: an element table and the text blocks in page order.

The body detector needs, for every element, where its subtree ends, whether it
is page chrome by its markup, and how much good and bad text lies under it;
and, for every run of text between block boundaries, the text itself and how
much of it is link text. All of it comes from a single depth-first walk, so
detection stays linear in the size of the page however deep it nests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .body_rules import CHROME_ROLES, CHROME_TAGS, classify_markup, is_hidden
from .dom import BLOCK_TAGS, NEVER_TEXT

#: Elements whose subtree never holds article text: dom's list, less ``form``
#: (ASP.NET pages wrap the whole page in one) and ``noscript`` (read as text).
SKIP_TAGS = (NEVER_TEXT - {"form", "noscript"}) | {
    "img",
    "picture",
    "link",
    "meta",
    "option",
    "dialog",
    "math",
    "rt",  # ruby annotations: the reading of a word, printed above it, not in the line
    "rp",
}
#: Elements that end one text block and start another.
BLOCK = BLOCK_TAGS - {"br", "td", "th"}  # a cell or a line break stays in its block

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Page-level containers whose class words describe the page, not themselves.
_NEVER_CHROME = frozenset({"body", "html", "main", "article"})
#: Inline formatting whose attributes never matter.
_FORMATTING = frozenset(
    [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "sup",
        "sub",
        "abbr",
        "cite",
        "q",
        "mark",
        "code",
        "small",
        "big",
        "font",
        "wbr",
        "ins",
        "del",
        "dfn",
        "kbd",
        "var",
        "tt",
        "bdi",
        "bdo",
    ]
)
_IMAGES = frozenset({"img", "picture"})
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
    lead: list[bool] = field(default_factory=list)  # markup names it an intro or standfirst
    image: list[bool] = field(default_factory=list)  # an image sits right in it (not in a block)
    blocks: list[Block] = field(default_factory=list)

    def inside(self, index: int, root: int) -> bool:
        return root <= index <= self.end[root]


def walk(top: LexborNode, *, reveal: bool = False) -> Page:
    """Build the element table and text blocks under ``top`` without touching the tree.

    Only block elements enter the table (the body's container is always one);
    inline elements are read for links and for chrome or hidden markup, and plain
    formatting tags (``b``, ``em`` ...) are not even asked for their attributes.
    ``reveal`` reads hidden elements too, for pages that script shows after load.
    """
    page = Page()
    nodes, tags, parent, end = page.nodes, page.tags, page.parent, page.end
    mark, content, lead, image = page.mark, page.content, page.lead, page.image
    blocks = page.blocks
    buf: list[str] = []
    linked: list[int] = []  # link characters of each piece of ``buf``
    owner_stack: list[int] = []
    link_depth = 0
    known: dict[tuple[str | None, str | None], tuple[int, bool, bool]] = {}
    # Stack items: a node to enter, or None to leave the element on top of
    # ``leaving``: ``~index`` for a table element, ``_LEAVE_LINK`` for a link,
    # ``_LEAVE_CELL`` for a table cell.
    stack: list[LexborNode | None] = [top]
    leaving: list[int] = []
    current = -1  # index of the innermost table element being visited

    def flush() -> None:
        if not buf:
            return
        owner = owner_stack[-1] if owner_stack else 0
        if _BREAK not in buf:
            _emit(blocks, buf, sum(linked), owner, tags[owner])
        else:
            line: list[str] = []
            links = 0
            for piece, piece_links in zip(buf, linked, strict=True):
                if piece == _BREAK:
                    _emit(blocks, line, links, owner, tags[owner])
                    line, links = [], 0
                    continue
                line.append(piece)
                links += piece_links
            _emit(blocks, line, links, owner, tags[owner])
        buf.clear()
        linked.clear()

    push, pop = stack.append, stack.pop
    push_leave, pop_leave = leaving.append, leaving.pop
    add_piece, add_links = buf.append, linked.append
    while stack:
        node = pop()
        if node is None:
            item = pop_leave()
            if item == _LEAVE_LINK:
                link_depth -= 1
            elif item == _LEAVE_CELL:
                add_piece(" ")
                add_links(0)
            else:
                index = ~item
                if buf:
                    flush()
                owner_stack.pop()
                end[index] = len(tags) - 1
                current = parent[index]
            continue
        # The numeric tag id is cheaper to read than the name: text, comments, plain
        # formatting and skipped elements, most of a page's nodes, are settled by it.
        tag_id = node.tag_id
        if tag_id == _TEXT_ID:
            value = node.text_content
            # White space before any text of a block carries nothing.
            if value and (buf or not value.isspace()):
                add_piece(value)
                add_links(len(value.strip()) if link_depth else 0)
            continue
        if tag_id == _COMMENT_ID:
            continue
        if tag_id in _FORMATTING_IDS:
            child = node.last_child  # children pushed last first, to pop in page order
            while child is not None:
                push(child)
                child = child.prev
            continue
        if tag_id in _SKIP_IDS:
            if tag_id in _IMAGE_IDS and current >= 0:
                image[current] = True
            continue
        if tag_id == _BR_ID:
            add_piece(_BREAK)
            add_links(0)
            continue
        tag = _TAG_NAMES.get(tag_id) or node.tag or ""
        if not tag or tag[0] == "-":
            continue
        if tag in SKIP_TAGS:  # (a tag whose id was not known in advance)
            if tag in _IMAGES and current >= 0:
                image[current] = True
            continue
        attrs = node.attributes
        if attrs and not reveal and is_hidden(attrs):
            continue
        if tag == "a":  # a link's class words are not asked: it is read as a link
            link_depth += 1
            push(None)
            push_leave(_LEAVE_LINK)
            child = node.last_child
            while child is not None:
                push(child)
                child = child.prev
            continue
        if attrs:
            key = (attrs.get("class"), attrs.get("id"))
            marks = known.get(key)
            if marks is None:
                marks = known[key] = classify_markup(attrs)
        else:
            marks = _NO_MARKS
        if tag not in BLOCK:
            if marks[0] and not marks[1]:
                continue  # an inline credit, date or share label
            if tag in _SPACED:
                add_piece(" ")
                add_links(0)
                push(None)
                push_leave(_LEAVE_CELL)
            child = node.last_child
            while child is not None:
                push(child)
                child = child.prev
            continue
        index = len(tags)
        nodes.append(node)
        tags.append(tag)
        parent.append(current)
        end.append(index)
        strength = 0 if tag in _NEVER_CHROME else marks[0]
        if not strength and (
            tag in CHROME_TAGS or (attrs and (attrs.get("role") or "").lower() in CHROME_ROLES)
        ):
            strength = 1
        mark.append(strength)
        content.append(marks[1])
        lead.append(marks[2])
        image.append(False)
        if buf:
            flush()
        owner_stack.append(index)
        push(None)
        push_leave(~index)
        child = node.last_child
        while child is not None:
            push(child)
            child = child.prev
        current = index
    flush()
    return page


_LEAVE_LINK = 1
_LEAVE_CELL = 2
_NO_MARKS = (0, False, False)


def _tag_id(name: str) -> int | None:
    """Lexbor's numeric id of a standard tag (fixed: the same in every document)."""
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body><{name}></{name}></body>")
    node = doc.css_first(name)
    return node.tag_id if node is not None and node.tag == name else None


def _text_and_comment_ids() -> tuple[int, int]:
    para = LexborHTMLParser("<p>x<!--y--></p>").css_first("p")
    assert para is not None and para.child is not None and para.last_child is not None
    assert para.child.is_text_node and para.last_child.tag == "-comment"
    return para.child.tag_id or 0, para.last_child.tag_id or 0


def _ids(names: frozenset[str]) -> frozenset[int]:
    return frozenset(i for i in map(_tag_id, names) if i is not None)


_TEXT_ID, _COMMENT_ID = _text_and_comment_ids()
_FORMATTING_IDS = _ids(_FORMATTING)
_SKIP_IDS = _ids(SKIP_TAGS)
_IMAGE_IDS = _ids(_IMAGES)
_BR_ID = _tag_id("br")
#: Names of the tags a walk meets most, by id: the name is not asked of each node.
_TAG_NAMES = {
    i: name
    for name in BLOCK | {"a", "span", "label", "td", "th", "time"}
    if (i := _tag_id(name)) is not None
}
_BREAK = "\x00\x01"  # marks a <br>; never occurs in page text


def _emit(blocks: list[Block], line: list[str], links: int, owner: int, tag: str) -> None:
    text = " ".join("".join(line).split())
    if text:
        blocks.append(Block(text, owner, min(links, len(text)), tag))
