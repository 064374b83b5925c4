"""Related-article teasers shown with an article.

A related block is a list of repeated items, each linking to another article
of the same site, placed inside the article body or after it. Detection works
on links, not on page layouts:

1. every link to an article-like URL of the same site (not the page itself) is
   a candidate;
2. each candidate's *item* is its highest ancestor holding no other candidate
   URL, and the item's parent is the *list* that groups it with its siblings;
3. a list is kept when its heading or class names say "related" in some
   language and nothing says ranking, advertising or navigation; a list
   without such words is kept only when it sits in the main column inside or
   after the article, has several headline-length items and its URLs share
   the page URL's pattern (a same-section list), and only when the article
   body is known;
4. a single link is kept when a "Read more:"-style label or a related class
   introduces it inside the article (in-body cards).

All passes are linear in the number of links and their ancestors. The site
profile's ``teasers`` selector, when it matches, replaces detection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import SiteProfile, Teaser
from .dom import children
from .teasers_item import item_image, item_summary, item_title
from .teasers_urls import (
    TargetFilter,
    is_article_like,
    resolve,
    same_page_key,
    site_key,
    url_shape,
)
from .teasers_words import (
    HEADER_FOOTER_CLASS,
    NAV_CLASS,
    RELATED_CLASS,
    SIDEBAR_CLASS,
    UNRELATED_CLASS,
    is_related_label,
    is_unrelated_label,
    starts_with_related_label,
)

Path = tuple[LexborNode, ...]
#: A path as node ids: compared and searched without asking the parser again.
Ids = tuple[int, ...]

_MAX_LABEL = 80
_CARD_TEXT = 400
# fmt: off
_BLOCK_TAGS = frozenset(
    {"p", "li", "div", "td", "dd", "dt", "section", "article", "aside", "blockquote", "figure",
     "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "ul", "ol", "main", "body"}
)
# fmt: on


@dataclass(slots=True)
class _Link:
    node: LexborNode
    url: str
    order: int
    path: Path = ()  # the link's path and its ids, read once for all the passes
    ids: Ids = ()


@dataclass(slots=True)
class _Item:
    node: LexborNode
    url: str
    order: int
    links: list[LexborNode] = field(default_factory=list)
    title: tuple[str, LexborNode | None] | None = None


@dataclass(slots=True)
class _Block:
    container: LexborNode
    items: dict[str, _Item] = field(default_factory=dict)


def find_teasers(
    tree: LexborHTMLParser,
    *,
    url: str,
    body_root: LexborNode | None,
    headline_node: LexborNode | None,
    profile: SiteProfile | None,
) -> list[Teaser]:
    """Teasers in page order, one per target URL."""
    # One pass over the tree finds the base, the page's own URLs and the links.
    found = tree.css(_PAGE_NODES)
    links: list[LexborNode] = []
    named: list[LexborNode] = []
    base_node: LexborNode | None = None
    for node in found:
        tag = node.tag
        if tag == "a":
            links.append(node)
        elif tag == "base":
            base_node = base_node or node
        else:
            named.append(node)
    base = _base_url(base_node, url)
    own = {same_page_key(url)}
    for node in named:
        value = node.attributes.get("href") or node.attributes.get("content")
        resolved = resolve(base, value) if value else None
        if resolved:
            own.add(same_page_key(resolved))
    sites = {site_key(urlsplit(url).hostname or "")}
    if profile is not None:
        sites.update(site_key(d) for d in profile.domains)
    selector = profile.selectors.get("teasers") if profile else None
    if selector:
        chosen = _from_selector(tree, selector, base, own, sites)
        if chosen:
            return chosen
    return _Detector(links, base, own, sites, body_root or headline_node, body_root).run()


#: The nodes teaser detection reads, found in one pass in page order.
_PAGE_NODES = 'base[href], link[rel="canonical"], meta[property="og:url"], a[href]'


def _base_url(node: LexborNode | None, url: str) -> str:
    href = node.attributes.get("href") if node is not None else None
    return urljoin(url, href.strip()) if href and href.strip() else url


def _is_target(url: str | None, own: set[str], sites: set[str]) -> bool:
    if url is None or same_page_key(url) in own:
        return False
    return site_key(urlsplit(url).hostname or "") in sites


def _from_selector(
    tree: LexborHTMLParser, selector: str, base: str, own: set[str], sites: set[str]
) -> list[Teaser]:
    out: list[Teaser] = []
    seen: set[str] = set()
    for item in tree.css(selector):
        links = [item] if item.tag == "a" else item.css("a[href]")
        targets = [(resolve(base, a.attributes.get("href") or ""), a) for a in links]
        good = [(u, a) for u, a in targets if u is not None and _is_target(u, own, sites)]
        if not good:
            continue
        good.sort(key=lambda pair: not is_article_like(pair[0]))
        target = good[0][0]
        if target in seen:
            continue
        teaser = _teaser(item, [a for u, a in good if u == target], target, base)
        if teaser is not None:
            seen.add(target)
            out.append(teaser)
    return out


def _teaser(item: LexborNode, links: list[LexborNode], target: str, base: str) -> Teaser | None:
    title, title_el = item_title(item, links)
    if not title:
        return None
    return Teaser(
        title=title,
        url=target,
        summary=item_summary(item, title, title_el),
        image=item_image(item, base),
    )


def headline_like(title: str) -> bool:
    """Long enough to be an article headline, short enough not to be a paragraph."""
    if len(title) > 300:
        return False
    cjk = sum(1 for ch in title if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return cjk >= 6 or (len(title.split()) >= 3 and len(title) >= 12)


def _class_of(node: LexborNode) -> str:
    return _class_words(node.attributes)


def _class_words(attrs: dict[str, str | None]) -> str:
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().strip()


def _squash(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _squash_upto(text: str | None, limit: int) -> str:
    """``_squash(text)`` when that is at most ``limit`` long, else some longer text.

    Callers only ask whether a container's text is short: a long one (a whole
    article column) is not squashed whole to learn that. The squashed start of a
    text is a prefix of the squashed text, so its length is a lower bound.
    """
    if not text:
        return ""
    window = 4 * limit + 200
    if len(text) > window:
        head = " ".join(text[:window].split())
        if len(head) > limit:
            return head
    return " ".join(text.split())


class _Detector:
    """One page's generic detection; holds only per-call caches."""

    def __init__(
        self,
        links: list[LexborNode],
        base: str,
        own: set[str],
        sites: set[str],
        anchor: LexborNode | None,
        body_root: LexborNode | None,
    ) -> None:
        self.links = links
        self.base = base
        self.own = own
        self.sites = sites
        # node id -> a path holding the node's own path as its first ``length`` steps
        self.paths: dict[int, tuple[Path, Ids, int]] = {}
        self.child_index: dict[int, dict[int, int]] = {}
        self.infos: dict[int, tuple[str, str, str]] = {}
        self.anchor = anchor
        self.anchor_path: Path = ()
        self.anchor_path_ids: Ids = ()
        if anchor is not None:
            self.anchor_path, self.anchor_path_ids = self.walk_up(anchor)
        self.anchor_ids = set(self.anchor_path_ids)
        self.body_id = body_root.mem_id if body_root is not None else None
        self.page_shape = url_shape(base)

    # -- tree helpers -------------------------------------------------

    def path(self, node: LexborNode) -> Path:
        """Ancestors of ``node`` and the node itself, root first (cached, so linear overall)."""
        return self.walk_up(node)[0]

    def ids(self, node: LexborNode) -> Ids:
        """``path(node)`` as node ids."""
        return self.walk_up(node)[1]

    def walk_up(self, node: LexborNode) -> tuple[Path, Ids]:
        node_id = node.mem_id
        known = self.paths.get(node_id)
        if known is not None:
            full, full_ids, length = known
            if length == len(full):
                return full, full_ids
            paths = full[:length], full_ids[:length]
            self.paths[node_id] = (*paths, length)
            return paths
        pending: list[LexborNode] = []
        pending_ids: list[int] = []
        current: LexborNode | None = node
        current_id = node_id
        prefix: Path = ()
        prefix_ids: Ids = ()
        while current is not None and current.tag not in ("-document", None):
            if current is not node:
                current_id = current.mem_id
                known = self.paths.get(current_id)
                if known is not None:
                    full, full_ids, length = known
                    prefix, prefix_ids = full[:length], full_ids[:length]
                    break
            pending.append(current)
            pending_ids.append(current_id)
            current = current.parent
        pending.reverse()
        pending_ids.reverse()
        path = prefix + tuple(pending)
        ids = prefix_ids + tuple(pending_ids)
        # Each new ancestor keeps a view of this path (its own is a prefix of it), cut
        # out only when asked for: building every ancestor's tuple is quadratic in depth.
        for length, step_id in enumerate(pending_ids, start=len(prefix) + 1):
            self.paths[step_id] = (path, ids, length)
        return path, ids

    def precedes(self, first: Ids, second: Ids) -> bool | None:
        """Whether ``first`` comes before ``second`` in the page; None if one holds the other."""
        depth = 0
        for a, b in zip(first, second, strict=False):
            if a != b:
                break
            depth += 1
        if depth == len(first) or depth == len(second) or depth == 0:
            return None
        parent_id = first[depth - 1]
        index = self.child_index.get(parent_id)
        if index is None:
            full, _, length = self.paths[parent_id]
            parent = full[length - 1]
            index = {c.mem_id: i for i, c in enumerate(children(parent))}
            self.child_index[parent_id] = index
        return index.get(first[depth], 0) < index.get(second[depth], 0)

    # -- the passes ---------------------------------------------------

    def candidates(self) -> list[_Link]:
        out: list[_Link] = []
        resolved: dict[str, str | None] = {}
        targets = TargetFilter(self.base, self.own, self.sites)
        for order, node in enumerate(self.links):
            attrs = node.attrs
            href = attrs.get("href") or ""
            if href in resolved:
                target = resolved[href]
            else:
                target = resolved[href] = targets(href)
            if target is None:
                continue
            if not (node.text(deep=True) or "").strip() and node.css_first("img") is None:
                continue
            rel = (attrs.get("rel") or "").lower()
            if "prev" in rel or "next" in rel or "tag" in rel or "sponsored" in rel:
                continue
            out.append(_Link(node, target, order))
        return out

    def run(self) -> list[Teaser]:
        links = self.candidates()
        if not links:
            return []
        # For each ancestor of a candidate, the first URL under it, and whether
        # another URL is under it too ("multi"). A walk up from a link stops where an
        # earlier link with the same URL, or with two URLs, passed: everything above
        # that is already settled.
        first_url: dict[int, str] = {}
        multi: set[int] = set()
        for link in links:
            url = link.url
            link.path, link.ids = self.walk_up(link.node)
            for node_id in reversed(link.ids):
                seen = first_url.get(node_id)
                if seen is None:
                    first_url[node_id] = url
                elif seen == url or node_id in multi:
                    break
                else:
                    multi.add(node_id)
        blocks: dict[int, _Block] = {}
        for link in links:
            path, ids = link.path, link.ids
            top = len(path) - 1
            while top > 0 and ids[top - 1] not in multi:
                top -= 1
            if top == 0:
                continue  # the only candidate URL on the page: the card pass decides
            container, item_node = path[top - 1], path[top]
            block = blocks.get(ids[top - 1])
            if block is None:
                block = blocks[ids[top - 1]] = _Block(container)
            item = block.items.get(link.url)
            if item is None:
                item = block.items[link.url] = _Item(item_node, link.url, link.order)
            item.links.append(link.node)
        chosen: dict[str, tuple[int, Teaser]] = {}
        taken: set[int] = set()
        for block in blocks.values():
            for item in self.judge(block):
                title, title_el = self.title(item)
                if not title or not headline_like(title):
                    continue
                taken.update(a.mem_id for a in item.links)
                if item.url not in chosen or chosen[item.url][0] > item.order:
                    # (summary and picture only for the teasers kept)
                    chosen[item.url] = (item.order, self.teaser(item, title, title_el))
        for link in links:
            if link.node.mem_id in taken or link.url in chosen:
                continue
            card = self.card(link, multi)
            if card is not None:
                chosen[link.url] = (link.order, card)
        return [teaser for _, teaser in sorted(chosen.values(), key=lambda pair: pair[0])]

    def judge(self, block: _Block) -> list[_Item]:
        """The block's items when it is a related block, else nothing.

        Cheap tests first: placement (half the lists of a page sit before the
        article), class names and chrome, then the heading.
        """
        placed = [i for i in block.items.values() if self.placed(i.node)]
        if not placed:
            return []
        container = block.container
        cpath, cids = self.walk_up(container)
        scope = self.scope(cpath, cids)
        classes = " ".join(self.info(n, i)[2] for n, i in scope)
        if UNRELATED_CLASS.search(classes):
            return []
        first = next(iter(block.items.values())).node
        class_positive = bool(
            RELATED_CLASS.search(classes) or RELATED_CLASS.search(_class_of(first))
        )
        chrome, sidebar = self.chrome(cpath, cids, scope, class_positive)
        if chrome:
            return []
        items = [
            i
            for i in placed
            if not UNRELATED_CLASS.search(_class_of(i.node)) and not self.inline(i)
        ]
        if not items:
            return []
        label = self.label(first) or " ".join(
            n.attributes.get("aria-label") or "" for n, _ in scope
        )
        if is_unrelated_label(label):
            return []
        if class_positive or is_related_label(label):
            return items
        if self.body_id is None or sidebar or len(items) < 3:
            return []
        if sum(url_shape(i.url) == self.page_shape for i in items) < 0.6 * len(items):
            return []
        if sum(self.teaser_shaped(i) for i in items) < 0.8 * len(items):
            return []
        return items

    def teaser_shaped(self, item: _Item) -> bool:
        """A headline (and maybe a line or two) rather than a table row or a text section."""
        title = self.title(item)[0]
        if not headline_like(title):
            return False
        limit = 3 * len(title) + 300
        return len(_squash_upto(item.node.text(deep=True), limit)) <= limit

    def title(self, item: _Item) -> tuple[str, LexborNode | None]:
        if item.title is None:
            item.title = item_title(item.node, item.links)
        return item.title

    def teaser(self, item: _Item, title: str, title_el: LexborNode | None) -> Teaser:
        return Teaser(
            title=title,
            url=item.url,
            summary=item_summary(item.node, title, title_el),
            image=item_image(item.node, self.base),
        )

    def info(self, node: LexborNode, node_id: int) -> tuple[str, str, str]:
        """(tag, role, class and id words) of an ancestor: the lists of a page share
        their ancestors, so each is read from the parser once."""
        found = self.infos.get(node_id)
        if found is None:
            attrs = node.attributes
            role = (attrs.get("role") or "").lower()
            found = self.infos[node_id] = (node.tag or "", role, _class_words(attrs))
        return found

    def scope(self, cpath: Path, cids: Ids) -> list[tuple[LexborNode, int]]:
        """The container and its ancestors below the element that holds the article."""
        out: list[tuple[LexborNode, int]] = []
        for node, node_id in zip(reversed(cpath), reversed(cids), strict=True):
            if node_id in self.anchor_ids or self.info(node, node_id)[0] in ("body", "html"):
                break
            out.append((node, node_id))
            if self.anchor is None and len(out) >= 6:
                break
        return out

    def chrome(
        self, cpath: Path, cids: Ids, scope: list[tuple[LexborNode, int]], positive: bool
    ) -> tuple[bool, bool]:
        """(inside page chrome, inside a side column) for a list's container."""
        in_article = False
        sidebar = False
        for node, node_id in zip(cpath, cids, strict=True):
            tag, role, cls = self.info(node, node_id)
            if node_id == self.body_id or tag in ("article", "main"):
                in_article = True
                continue
            if node_id in self.anchor_ids or tag in ("body", "html"):
                continue
            if tag in ("header", "footer") or role in ("banner", "contentinfo"):
                if not in_article:
                    return True, sidebar
            elif not in_article and HEADER_FOOTER_CLASS.search(cls):
                return True, sidebar
            if not positive and (tag == "nav" or role in ("navigation", "menu", "menubar")):
                return True, sidebar
            if tag == "aside" or role == "complementary" or SIDEBAR_CLASS.search(cls):
                sidebar = True
        if not positive and any(NAV_CLASS.search(self.info(n, i)[2]) for n, i in scope):
            return True, sidebar
        return False, sidebar

    def placed(self, node: LexborNode) -> bool:
        """Inside the article body or after the article in page order."""
        if self.anchor is None:
            return True
        ids = self.ids(node)
        if self.body_id is not None and self.body_id in ids:
            return True
        return self.precedes(self.anchor_path_ids, ids) is True

    def inline(self, item: _Item) -> bool:
        """A link inside running text (a paragraph citing another story) is not a teaser.

        Running text shows as text nodes of the link's block beside the link;
        a teaser's headline, label and summary sit in elements of their own.
        """
        block: LexborNode | None = item.links[0].parent
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.parent
        if block is None:
            return False
        loose = sum(len(_squash(c.text_content)) for c in children(block) if c.is_text_node)
        return loose >= 40

    def label(self, item: LexborNode) -> str:
        """The short heading just before the list's first item or before the list."""
        node: LexborNode | None = item
        for _ in range(4):
            if node is None or node.tag in ("body", "html"):
                return ""
            if node.mem_id in self.anchor_ids and node.mem_id != self.body_id:
                return ""
            signature = (node.tag, node.attributes.get("class"))
            sibling = node.prev
            while sibling is not None:
                text = (
                    _squash_upto(sibling.text(deep=True), _MAX_LABEL)
                    if sibling.tag != "script"
                    else ""
                )
                if text:
                    if len(text) <= _MAX_LABEL:
                        return text
                    if (sibling.tag, sibling.attributes.get("class")) != signature:
                        return ""
                sibling = sibling.prev
            if node.mem_id == self.body_id:
                return ""
            node = node.parent
        return ""

    def card(self, link: _Link, multi: set[int]) -> Teaser | None:
        """A lone link introduced as "Read more:" (or in a related-class box) in the article."""
        path, ids = link.path, link.ids
        if self.body_id is None or self.body_id not in ids:
            return None
        for node, node_id in zip(reversed(path[:-1]), reversed(ids[:-1]), strict=True):
            if node_id in multi or node_id == self.body_id:
                return None
            text = _squash_upto(node.text(deep=True), _CARD_TEXT)
            if len(text) > _CARD_TEXT:
                return None
            cls = _class_of(node)
            if is_unrelated_label(text[:40]) or UNRELATED_CLASS.search(cls):
                return None
            if starts_with_related_label(text) or RELATED_CLASS.search(cls):
                return _teaser(node, [link.node], link.url, self.base)
        return None
