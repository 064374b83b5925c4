"""Find the article's own date line in the page, never the chrome's.

Date lines sit next to the headline (just after it, or just above it in the
same block) or in the article's byline. Everything else that looks like a
date is suspect: the header clock, "Today is ...", copyright years, teaser
lists, comments, sidebars, footers. So the search starts at the headline and
walks outwards in document order for a short stretch of text, skipping any
subtree that is chrome, and only then looks at the rest of the ``<article>``
that holds the headline. Nothing here looks at the page as a whole.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dates_parse import ParseContext, find_in_text, parse_machine, parse_structured
from .dom import NEVER_TEXT, ancestors, children, class_id

PUBLISHED = "published"
MODIFIED = "modified"
UNKNOWN = "unknown"

#: Photo boxes and captions: their dates are the picture's, even right under the headline.
_MEDIA_BOX = r"(?:img|image|pic|photo|media|wp|figure|bild|foto)-?(?:caption|credit|box)"
_MEDIA_BOX_RE = re.compile(_MEDIA_BOX)
#: class/id words of containers whose dates are never the article's.
_CHROME = re.compile(
    r"comment|respon[sd]|repl(?:y|ies)|disqus|related|teaser|recommend|popular|trending|"
    r"most-?read|(?<!lay-)(?<!layout-)(?<!has-)(?<!with-)sidebar(?!__main|[-_]main|-?wrap|-?layout)|"
    r"(?<!elementor-)widget|widget-(?:posts|loop|portfolio)|\bnav|menu|share|social|newsletter|\bcards?\b|card__|"
    r"clock|today|weather|top-?bar|header-?top|top-?header|site-?header|global-?header|"
    r"masthead|site-?footer|page-?footer|global-?footer|breadcrumb|archive|calendar|"
    r"promo(?!te)|advert|\bads?\b|(?<![\w-])banner|ad-?banner|banner-?(?:\d|ad|position|slot|top)|carousel|slider|swiper|more-?(?:news|articles|stories)|"
    r"read-?more|also|latest|next-?post|prev-?post|post-?nav|pagination|author-?bio|"
    r"signature|cookie|consent|footnote|copyright|license|" + _MEDIA_BOX + r"|"
    r"postprofile|download|reference-?(?:list|item)|reflist|bibliograph",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _chrome_names(names: str) -> bool:
    """Whether class/id words name chrome. Memoised: templates repeat the same class
    strings on every node and page, and the pattern is costly to search. No part of the
    pattern spans white space, so it is searched word by word, each word memoised too
    ("card card--3", "card card--4")."""
    return any(_chrome_word(word) for word in names.split())


@lru_cache(maxsize=8192)
def _chrome_word(word: str) -> bool:
    return _CHROME.search(word) is not None


_CHROME_TAGS = frozenset(
    {"nav", "form", "select", "option", "button", "dialog", "figure", "figcaption"}
)
#: class/id/itemprop words that mark a date element.
_DATE_HINT = re.compile(
    r"date|datum|time|zeit|publi|posted|byline|\bauthor\b|fecha|ngay|dateline|timestamp|created|erstellt",
    re.IGNORECASE,
)
_DATE_PROP = re.compile(r"date|dc:(?:created|issued)|dcterms:(?:created|issued)")
_PUBLISHED_HINT = re.compile(r"publi|posted|created|erstellt|pubdate|entry-date|issued", re.I)
#: A bare "updated" class is the hAtom microformat, which many themes put on the
#: publication date; only a class that says more marks a modification.
_MODIFIED_HINT = re.compile(
    r"modif|last-?updat|date-?updat|updated-?(?:date|time|on|at)|update-?(?:date|time)|"
    r"aktualis|edited|revised",
    re.I,
)
_PUBLISHED_WORDS = re.compile(
    r"published|posted|veröffentlicht|erstellt|publiziert|erschienen|publicado|publicada|"
    r"publié|publiée|pubblicato|gepubliceerd|opublikowano|yayınlanma|đăng|xuất bản|"
    r"publicerad|publisert|publikováno|julkaistu|опубликовано|입력|등록|公開|配信|掲載|发布|發佈|发表",
    re.IGNORECASE,
)
_MODIFIED_WORDS = re.compile(
    r"updated|update|last modified|modified|last edited|aktualisiert|geändert|änderung|"
    r"\bstand\b|actualizad[oa]|"
    r"mis à jour|modifié|aggiornat[oa]|bijgewerkt|zaktualizowano|güncelleme|güncellenme|"
    r"cập nhật|oppdatert|uppdaterad|aktualizováno|päivitetty|обновлено|обновлен|수정|업데이트|"
    r"更新|修正",
    re.IGNORECASE,
)
#: Phrases of page clocks, copyright lines and forum profiles: never a publication date.
_CHROME_TEXT = re.compile(
    r"today is|heute ist|hôm nay|aujourd'hui|hoy es|©|\(c\)|copyright|all rights reserved|"
    r"current (?:date|time)|aktuelles datum|aktuelle zeit|heutiges datum|it is currently|"
    r"es ist jetzt|last visit|letzter besuch|registriert|registered|joined|member since|"
    r"mitglied seit|beigetreten",
    re.IGNORECASE,
)
#: Block elements whose text, when long, is running prose rather than a date line.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
#: Page sections that are chrome unless they belong to the article.
_SECTION_TAGS = frozenset({"header", "footer", "aside"})
_BLOCKS = frozenset({"p", "li", "td", "dd", "blockquote", "div", "section", "article"})
RUNNING_TEXT = 250
#: A numeric date opening a paragraph, as agencies write it: "29.11.2022 – Mehrfach ...".
_DATELINE = re.compile(r"\W{0,3}\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\s*[–—-]\s")

#: A time to the second above the headline is the page's render clock, not a date line.
_RENDER_CLOCK = re.compile(r"\d{1,2}:\d{2}:\d{2}")

FORWARD_CHARS = 1500
LAST_RESORT_CHARS = 20000
LABEL_CHARS = 30  # a label opens its line: "Erschienen am: ...", not a word mid-sentence
BACKWARD_CHARS = 300
SHORT_TEXT = 160
_PARTS_TEXT = 40


@dataclass(frozen=True, slots=True)
class PageDate:
    """A date read from the page's markup, with what it says it is."""

    value: datetime
    raw: str
    kind: str  # PUBLISHED, MODIFIED or UNKNOWN
    strong: bool  # itemprop / time[datetime] / a class that names the date
    shown: date | None = None  # the day as the reader sees it, when written in the text
    above: bool = False  # read above the headline


def find_anchor(
    tree: LexborHTMLParser, headline_node: LexborNode | None, body_root: LexborNode | None
) -> LexborNode | None:
    """The element date lines are measured from: the headline, else the first h1, else the body."""
    if headline_node is not None:
        if headline_node.tag != "h1":
            # A teaser may repeat the title; the page's own h1 is the better anchor.
            wanted = " ".join((headline_node.text(deep=True) or "").split())
            for h1 in tree.css("h1"):
                if wanted and " ".join((h1.text(deep=True) or "").split()) == wanted:
                    return h1
        return headline_node
    for h1 in tree.css("h1"):
        if not _in_chrome(h1, None) and (h1.text(deep=True) or "").strip():
            return h1
    return body_root


def twin_headings(tree: LexborHTMLParser, anchor: LexborNode) -> list[LexborNode]:
    """Other h1s with the anchor's text: themes print the title twice (header and body)."""
    wanted = " ".join((anchor.text(deep=True) or "").split())
    if not wanted or anchor.tag != "h1":
        return []
    return [
        h1
        for h1 in tree.css("h1")
        if h1.mem_id != anchor.mem_id and " ".join((h1.text(deep=True) or "").split()) == wanted
    ]


def near_headline(
    anchor: LexborNode, ctx: ParseContext, body_root: LexborNode | None
) -> list[PageDate]:
    """Dates just after the anchor, then just above it, nearest first."""
    in_article = any(_is_article(a) for a in _self_and_ancestors(anchor))
    if anchor.tag in _HEADINGS:
        inside = list(_scan(children(anchor), ctx, SHORT_TEXT, in_article=True, own_block=True))
        first = True
    else:
        # No headline element: the date line sits at the top of the content block itself.
        inside = list(_scan(children(anchor), ctx, FORWARD_CHARS, in_article=in_article))
        first = False
    after = inside + list(
        _scan(_following(anchor), ctx, FORWARD_CHARS, in_article=in_article, lenient_first=first)
    )
    before = [
        replace(d, above=True)
        for d in _scan(_preceding(anchor), ctx, BACKWARD_CHARS, in_article=False, reverse=True)
        if d.strong or not _RENDER_CLOCK.search(d.raw)
    ]
    return after + before


def in_container(
    anchor: LexborNode | None, body_root: LexborNode | None, ctx: ParseContext
) -> list[PageDate]:
    """Marked-up dates anywhere in the ``<article>`` holding the headline (or the body)."""
    container = None
    for start in (anchor, body_root):
        if start is None:
            continue
        container = next((a for a in _self_and_ancestors(start) if _is_article(a)), None)
        if container is not None:
            break
    if container is None:
        container = body_root
    if container is None:
        return []
    keep = _ancestor_ids(container)
    out: list[PageDate] = []
    for node in container.css("time, [itemprop], [pubdate], [property]"):
        if _in_chrome(node, keep, stop=container):
            continue
        found = _marked_date(node, ctx)
        if found is not None:
            out.append(found)
    return out


def labelled_lines(body_root: LexborNode | None, ctx: ParseContext) -> list[PageDate]:
    """Last resort: a labelled date line in or just after the body ("Erschienen am: ...",
    "Aktualisiert: ..."), where small sites put it; unlabelled dates there are the story's
    own subject matter, not its date."""
    if body_root is None:
        return []
    subtrees = itertools.chain(children(body_root), _following(body_root))
    return [
        d
        for d in _scan(subtrees, ctx, LAST_RESORT_CHARS, in_article=False)
        if d.strong or d.kind != UNKNOWN
    ]


#: Elements that can carry the story's title in a list or header block of its own.
_TITLE_LIKE = ("h1", "h2", "h3", "h4", "h5", "a", "[class*='title' i]", "[class*='headline' i]",
               "[class*='h1']")  # fmt: skip
#: A title shorter than this may be shared by pages ("Impressum", "Aktuelles").
_OWN_TITLE_CHARS = 15
#: A listing item longer than this is a list of several stories, not one.
_ITEM_CHARS = 400


def own_listing(
    tree: LexborHTMLParser, anchor: LexborNode | None, ctx: ParseContext, page_url: str | None
) -> list[PageDate]:
    """Last resort: the date beside the story's own title elsewhere on the page.

    Sites without a date line on the article list the story itself, dated, in a
    "latest news" column, or print title and date in a header block of their
    own that the layout calls a sidebar. The title is found by its text (the
    headline's) or by a link to this very page. The item is the title's
    ancestors up to the first that also links somewhere else; only that item
    is read, so a neighbour's date never counts.
    """
    is_title = anchor is not None and anchor.tag in _HEADINGS
    title = " ".join((anchor.text(deep=True) or "").split()) if anchor and is_title else ""
    selector = _twin_selector(title, page_url)
    if selector is None:
        return []
    wanted = title.casefold()
    here = _page_key(page_url, page_url)
    skip = _ancestor_ids(anchor) if anchor is not None else set()
    for node in tree.css(selector):
        if node.mem_id in skip:
            continue
        text = _norm(node.text(deep=True) or "")
        if len(text) < _OWN_TITLE_CHARS:
            continue
        if text != wanted and not (
            node.tag == "a"
            and here is not None
            and _page_key(node.attributes.get("href"), page_url) == here
        ):
            continue
        if anchor is not None and any(a.mem_id == anchor.mem_id for a in ancestors(node)):
            continue
        item = _own_item(node)
        found = list(_scan([item], ctx, _ITEM_CHARS, in_article=True, skip_chrome=False))
        if found:
            return found
    return []


def _twin_selector(title: str, page_url: str | None) -> str | None:
    """CSS for the elements that may be the story's title elsewhere, narrowed by Lexbor
    itself (a word of the headline, a piece of this page's path) so that Python reads
    a handful of elements, not every link of the page."""
    parts: list[str] = []
    # The word as printed: Lexbor's "i" folds ASCII letters only.
    word = max(title.split(), key=len, default="")
    if len(title) >= _OWN_TITLE_CHARS and len(word) >= 4:
        needle = _css_string(word)
        parts.extend(f"{tag}:lexbor-contains({needle} i)" for tag in _TITLE_LIKE)
    segments = [p for p in urlsplit(page_url or "").path.split("/") if p.strip(".")]
    if segments and len(segments[-1]) >= 4:
        parts.append(f"a[href*={_css_string(segments[-1])}]")
    return ", ".join(parts) or None


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _page_key(href: str | None, base: str | None) -> str | None:
    """A link's target as compared with the page's own address, scheme and "www." aside.

    A link with a fragment points into a page (a comment's permalink), and one
    with another query at a view of it ("?comments=all"), not at the story."""
    if not href or "#" in href or href.startswith(("javascript:", "mailto:")):
        return None
    parts = urlsplit(urljoin(base or "", href))
    path = parts.path.rstrip("/.")
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{path}?{parts.query}" if path else None


def _own_item(title: LexborNode) -> LexborNode:
    """The largest block around ``title`` that is about this story alone."""
    link = title if title.tag == "a" else title.css_first("a")
    if link is None:
        link = next((a for a in _self_and_ancestors_limited(title, 4) if a.tag == "a"), None)
    href = link.attributes.get("href") if link is not None else None
    item = title
    for parent in ancestors(title):
        if parent.tag in ("body", "html"):
            break
        text = " ".join((parent.text(deep=True) or "").split())
        if len(text) > _ITEM_CHARS:
            break
        if any(a.attributes.get("href") != href for a in parent.css("a[href]")):
            break
        item = parent
    return item


def _is_article(node: LexborNode) -> bool:
    if node.tag == "article":
        return True
    itemtype = (node.attributes.get("itemtype") or "").lower()
    return "article" in itemtype or "posting" in itemtype


def _self_and_ancestors(node: LexborNode) -> Iterator[LexborNode]:
    yield node
    yield from ancestors(node)


def _ancestor_ids(node: LexborNode) -> set[int]:
    return {a.mem_id for a in _self_and_ancestors(node)}


def _in_chrome(node: LexborNode, keep: set[int] | None, stop: LexborNode | None = None) -> bool:
    """Whether ``node`` sits in page chrome below the block it shares with the headline."""
    has_article = False
    chrome_tag = False
    for a in _self_and_ancestors(node):
        if keep is not None and a.mem_id in keep:
            break
        if stop is not None and a.mem_id == stop.mem_id:
            break
        tag = a.tag or ""
        if tag in _CHROME_TAGS:
            return True
        if tag in _SECTION_TAGS:
            chrome_tag = True
        if _is_article(a):
            has_article = True
        if _chrome_names(class_id(a)):
            return True
    return chrome_tag and not has_article and (keep is None or stop is None)


def _is_site_header(node: LexborNode) -> bool:
    return (
        node.css_first('nav, [role="navigation"], [class*="menu" i], [class*="logo" i]') is not None
    )


def _following(anchor: LexborNode) -> Iterator[LexborNode]:
    """Subtrees after ``anchor`` in document order (its own subtree excluded)."""
    node: LexborNode | None = anchor
    while node is not None and node.tag not in ("body", "html", "-document"):
        sibling = node.next
        while sibling is not None:
            yield sibling
            sibling = sibling.next
        node = node.parent


def _preceding(anchor: LexborNode) -> Iterator[LexborNode]:
    """Subtrees before ``anchor``, nearest first, not beyond the page's ``<main>``."""
    node: LexborNode | None = anchor
    while node is not None and node.tag not in ("body", "html", "-document"):
        sibling = node.prev
        while sibling is not None:
            yield sibling
            sibling = sibling.prev
        if node.tag == "main":
            return
        node = node.parent


def _scan(
    subtrees: Iterable[LexborNode],
    ctx: ParseContext,
    budget: int,
    *,
    in_article: bool,
    reverse: bool = False,
    lenient_first: bool = False,
    own_block: bool = False,
    skip_chrome: bool = True,
) -> Iterator[PageDate]:
    """Dates in the given subtrees until ``budget`` characters of text have gone by.

    ``lenient_first``: the first element block is the headline's own companion
    (its date line), whatever its class calls it ("teaser-text", "intro").
    ``own_block``: the subtrees are the headline's own children; only a child
    element of its own (a kicker line) can hold the date, never the title text.
    ``skip_chrome=False``: the subtrees are known to be about the story, whatever
    their classes say ("teaser", "sidebar").
    """
    seen_parents: set[int] = set()
    used = 0
    pending: list[PageDate] = []  # a block's dates when walking backwards, in reading order
    for subtree in subtrees:
        yield from pending
        pending = []
        if subtree.is_text_node:
            if own_block:
                continue
            nodes: list[LexborNode] = [subtree]
        else:
            if subtree.tag in NEVER_TEXT or subtree.tag == "-comment":
                continue
            lenient = (
                lenient_first
                and (subtree.tag or "") not in _CHROME_TAGS
                and not _MEDIA_BOX_RE.search(class_id(subtree))
            )
            lenient_first = False
            if skip_chrome and not lenient and _chrome_here(subtree, in_article):
                continue
            if own_block and not (
                subtree.tag in ("time", "small") or _DATE_HINT.search(class_id(subtree))
            ):
                continue
            nodes = list(_walk(subtree, in_article, skip_chrome))
            if reverse:
                nodes.reverse()
        for node in nodes:
            if node.is_text_node:
                text = node.text_content or ""
                stripped = text.strip()
                if not stripped or (len(stripped) > 100 and " " not in stripped):
                    continue  # empty, or an encoded blob nobody reads
                used += len(stripped)
                dateline = _DATELINE.match(stripped) if len(stripped) > SHORT_TEXT else None
                if dateline is not None:
                    # "27.1.2022 - Bei der Erinnerung ...": the agency dateline opening
                    # a long paragraph; only the date itself is read.
                    stripped = stripped[: dateline.end()]
                if len(stripped) > SHORT_TEXT or not any(map(str.isdigit, stripped)):
                    if used > budget:
                        yield from pending
                        return
                    continue
                parent = node.parent
                if parent is None or parent.mem_id in seen_parents:
                    continue
                seen_parents.add(parent.mem_id)
                for found in _text_dates(parent, stripped, ctx):
                    if reverse:
                        pending.insert(0, found)
                    else:
                        yield found
            else:
                marked = _marked_date(node, ctx)
                if marked is not None:
                    if reverse:
                        pending.insert(0, marked)
                    else:
                        yield marked
            if used > budget:
                yield from pending
                return
    yield from pending


def _walk(root: LexborNode, in_article: bool, skip_chrome: bool = True) -> Iterator[LexborNode]:
    """Elements and text nodes of a subtree in document order, chrome subtrees skipped."""
    stack: list[LexborNode] = [root]
    while stack:
        node = stack.pop()
        if node.is_text_node:
            yield node
            continue
        tag = node.tag
        if tag in NEVER_TEXT or tag == "-comment":
            continue
        if skip_chrome and node is not root and _chrome_here(node, in_article):
            continue
        attrs = node.attributes
        if tag == "time" or "itemprop" in attrs or "pubdate" in attrs or "property" in attrs:
            yield node
        stack.extend(reversed(children(node)))


def _chrome_here(node: LexborNode, in_article: bool) -> bool:
    """Chrome met on a walk; header, footer and aside count only outside an article."""
    tag = node.tag or ""
    if tag in _CHROME_TAGS:
        return True
    if tag in _SECTION_TAGS and not in_article:
        # A <header> without navigation is the content's own heading block.
        return tag != "header" or _is_site_header(node)
    return _chrome_names(class_id(node))


def _marked_date(node: LexborNode, ctx: ParseContext) -> PageDate | None:
    """A ``<time>``, ``itemprop`` date or ``pubdate`` element."""
    attrs = node.attributes
    # schema.org microdata, or RDFa ("schema:dateCreated", "dc:date", "dcterms:issued").
    itemprop = (attrs.get("itemprop") or attrs.get("property") or "").lower()
    if node.tag != "time" and "pubdate" not in attrs and not _DATE_PROP.search(itemprop):
        return None
    if _DATE_PROP.search(itemprop):
        kind = MODIFIED if "modified" in itemprop else PUBLISHED
    else:
        kind = _kind_from_hints(node)
    raw = attrs.get("datetime") or attrs.get("content") or ""
    value = parse_structured(raw, ctx) if raw else None
    text = " ".join((node.text(deep=True) or "").split())
    shown: date | None = None
    if text and len(text) <= SHORT_TEXT and not _CHROME_TEXT.search(text):
        hit = find_in_text(text, ctx)
        if hit is not None:
            shown = hit[0].date()
            if value is None:
                value, raw = hit[0], text
    if value is None:
        return None
    if kind == UNKNOWN:
        kind = _kind_from_label(_label_text(node, text))
    return PageDate(value, raw, kind, strong=True, shown=shown)


def _text_dates(parent: LexborNode, own: str, ctx: ParseContext) -> list[PageDate]:
    """The date in a text line, and a second one it labels otherwise:
    "Publié le 05 mars 2024 à 14h12, modifié le 05 mars 2024 à 16h30"."""
    first = _text_date(parent, own, ctx)
    if first is None:
        return []
    out = [first]
    text = first.raw
    words = _PUBLISHED_WORDS if first.kind == MODIFIED else _MODIFIED_WORDS
    first_at = text.find(str(first.value.day))
    label = words.search(text, max(first_at, 0) + 1)
    if label is not None:
        hit = find_in_text(text[label.end() :], ctx)
        if hit is not None:
            kind = PUBLISHED if first.kind == MODIFIED else MODIFIED
            out.append(PageDate(hit[0], text[label.start() :], kind, first.strong, hit[0].date()))
    return out


def _text_date(parent: LexborNode, own: str, ctx: ParseContext) -> PageDate | None:
    """A date written in text: the parent's text when short, else the text node's own."""
    text = " ".join((parent.text(deep=True) or "").split())
    if len(text) > SHORT_TEXT:
        if _in_running_text(parent, len(text)) and not _DATELINE.match(own):
            return None
        text = own
    chrome = _CHROME_TEXT.search(text)
    if chrome is not None:
        # "Erschienen am: 01.11.2023 · Lesungen: 61 · © bei der Autorin": the line
        # before the copyright notice still counts; the notice and after never.
        text = text[: chrome.start()].rstrip()
        if not text:
            return None
    hit = find_in_text(text, ctx)
    if hit is None and len(text) <= SHORT_TEXT:
        # "<span>Apr</span><span>04</span><span>2013</span>": a date in parts.
        block = parent if len(text) > 12 or parent.parent is None else parent.parent
        spaced = " ".join((block.text(deep=True, separator=" ") or "").split())
        if spaced != text and len(spaced) <= _PARTS_TEXT:
            text = spaced
            hit = find_in_text(text, ctx)
    if hit is None:
        return None
    value, start = hit
    label = text[:start] if start else _label_text(parent, text)
    kind = _kind_from_label(label)
    if kind == UNKNOWN:
        kind = _kind_from_hints(parent)
    strong = any(_DATE_HINT.search(class_id(a)) for a in _self_and_ancestors_limited(parent, 3))
    if kind == UNKNOWN and not strong and _in_sentence(text, start):
        return None
    return PageDate(value, text, kind, strong=strong, shown=value.date())


_WORD = re.compile(r"[^\W\d_]{2,}")
_META_SEPARATORS = re.compile(r"[|•·/]")
SENTENCE_WORDS = 5


def _in_sentence(text: str, start: int) -> bool:
    """Whether an unlabelled date sits inside a sentence: words before it, words after it.

    "Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Café statt."
    names an event; a byline ("Ein Beitrag von Max Muster am 3. Mai 2020") ends at
    its date, and a meta line separates its parts with bars or dots.
    """
    before = text[:start]
    if _META_SEPARATORS.search(before) or len(_WORD.findall(before)) < SENTENCE_WORDS:
        return False
    return len(_WORD.findall(text[start:])) >= SENTENCE_WORDS


def _in_running_text(parent: LexborNode, parent_len: int) -> bool:
    """Whether a text node belongs to a paragraph of prose (a date in a sentence)."""
    if parent.tag in _BLOCKS:
        return parent_len > RUNNING_TEXT
    for a in _self_and_ancestors_limited(parent, 4):
        if a.tag in _BLOCKS:
            return len(" ".join((a.text(deep=True) or "").split())) > RUNNING_TEXT
    return False


def _self_and_ancestors_limited(node: LexborNode, levels: int) -> Iterator[LexborNode]:
    current: LexborNode | None = node
    for _ in range(levels):
        if current is None or current.tag in ("body", "html"):
            return
        yield current
        current = current.parent


def _label_text(node: LexborNode, own: str) -> str:
    """The words just before a date: the start of its parent's text, up to the date."""
    parent = node.parent
    if parent is None:
        return ""
    text = " ".join((parent.text(deep=True) or "").split())
    if len(text) > SHORT_TEXT:
        return ""
    index = text.find(own[:10]) if own else -1
    return text[:index] if index > 0 else text[:40]


def _kind_from_label(label: str) -> str:
    if not label:
        return UNKNOWN
    pub = _PUBLISHED_WORDS.search(label)
    mod = _MODIFIED_WORDS.search(label)
    if pub and mod:
        return PUBLISHED if pub.start() > mod.start() else MODIFIED
    if mod:
        return MODIFIED
    if pub:
        return PUBLISHED
    return UNKNOWN


def _kind_from_hints(node: LexborNode) -> str:
    for a in _self_and_ancestors_limited(node, 3):
        hints = class_id(a) + " " + (a.attributes.get("itemprop") or "").lower()
        if _MODIFIED_HINT.search(hints):
            return MODIFIED
        if _PUBLISHED_HINT.search(hints):
            return PUBLISHED
    return UNKNOWN


_URL_YMD = re.compile(
    r"/((?:19|20)\d{2})(?:/|-|_)(0?[1-9]|1[0-2])(?:/|-|_)(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[-_])")
_URL_DMY = re.compile(r"[/~]([0-3]\d)[-.]([01]\d)[-.]((?:19|20)\d{2})(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?=/)")
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", re.IGNORECASE)


def _url_path(url: str) -> str:
    url = _WAYBACK.sub("", url).split("?", 1)[0].split("#", 1)[0]
    rest = url.split("://", 1)[-1]
    return rest[rest.find("/") :] if "/" in rest else ""


def url_day(url: str | None) -> date | None:
    """The day a ``/2024/05/03/``, ``/2024-05-03-``, ``/20240503-`` or ``/03-05-2024``
    path names, else None."""
    if not url:
        return None
    path = _url_path(url)
    for pattern, order in ((_URL_YMD, (0, 1, 2)), (_URL_COMPACT, (0, 1, 2)), (_URL_DMY, (2, 1, 0))):
        match = pattern.search(path)
        if match:
            parts = match.groups()
            try:
                return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                continue
    return None


def url_month(url: str | None) -> tuple[int, int] | None:
    """(year, month) of a ``/2024/05/`` path (or of a full URL day), else None."""
    if not url:
        return None
    day = url_day(url)
    if day:
        return day.year, day.month
    match = _URL_MONTH.search(_url_path(url))
    return (int(match.group(1)), int(match.group(2))) if match else None


#: A publication key and its ISO value in script data ("publishedDate": "2016-11-04T20:37:27Z",
#: published_at: '2019-03-02T06:22:28+01:00'), escaped quotes included.
_SCRIPT_PUBLISHED = re.compile(
    r"""[\\]?["']?(?<![A-Za-z])(?:date_?published|published_?(?:date|at|time|on)|publish_?(?:date|time)|"""
    r"""publication_?date|first_?published(?:_?at)?|pub_?date)[\\]?["']?\s*[:=]\s*"""
    r"""[\\]?["'](\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)[\\]?["']""",
    re.IGNORECASE,
)
SCRIPT_CHARS = 400_000


def in_scripts(tree: LexborHTMLParser) -> tuple[datetime, str] | None:
    """A publication date in the page's script data (not JSON-LD), when all agree on the day.

    Shops and single-page apps keep the record they render in a JSON blob;
    its publication key is the page's date only if no other record in the
    blobs names another day (a listing of related items would).
    """
    found: list[tuple[datetime, str]] = []
    budget = SCRIPT_CHARS
    for node in tree.css("script"):
        kind = (node.attributes.get("type") or "").lower()
        if "ld+json" in kind:
            continue
        text = node.text(deep=True) or ""
        budget -= len(text)
        if budget < 0:
            break
        for match in _SCRIPT_PUBLISHED.finditer(text):
            value = parse_machine(match.group(1))
            if value is not None:
                found.append((value, match.group(1)))
    days = {value.date() for value, _ in found}
    return found[0] if len(days) == 1 else None


_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
TITLE_DATE_CHARS = 25
_DAY_END = re.compile(r"(?<![\d.])\d{1,2}\.?$")  # "14." before " - 20. Januar 2022": a range


def in_title(title: str | None, ctx: ParseContext) -> tuple[datetime, str] | None:
    """A date that is a whole part of the page title: "08.11.2021 | Online-Fachtag ...",
    "... | Europa | DW | 28.04.2023". A date inside the title's words is its subject,
    and "14. - 20. Januar 2022" a period."""
    if not title:
        return None
    start = separator_start = 0
    for separator in [*_TITLE_PARTS.finditer(title), None]:
        end = separator.start() if separator is not None else len(title)
        part = title[start:end].strip()
        after_day = _DAY_END.search(title, 0, separator_start) is not None
        if part and not after_day and len(part) <= TITLE_DATE_CHARS and any(map(str.isdigit, part)):
            hit = find_in_text(part, ctx)
            if hit is not None and hit[1] == 0:
                return hit[0], title
        if separator is not None:
            start, separator_start = separator.end(), separator.start()
    return None
