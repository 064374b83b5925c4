"""Section and front pages: the article links they list and the way to their next page.

A listing page links to far more than its stories: the site menu, the
footer, tag and author pages, other sites. Article links are the in-scope,
article-shaped links outside the page chrome (navigation anywhere; header and
footer unless they sit inside an article or the main column). The next page is
found the ways sites mark it: ``rel=next``, a "Next"/"Older posts"/"Weiter"/
"Trang sau" link or a ``next`` class, or a link to this listing's page n+1
(``/page/2/``, ``?page=2``, ``-p2``, ``/trang-2``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..archive.canonical import canonical_url
from ..extract.decode import decode_html
from ..extract.dom import ancestors, clean_text
from ..extract.teasers_urls import resolve
from ..models import SiteProfile
from .records import Link, ListingResult
from .scope import in_scope, is_article_url

#: Containers that are site navigation wherever they are.
_NAV_TOKENS = frozenset(
    "nav navbar navigation menu menubar megamenu breadcrumb breadcrumbs sitenav offcanvas".split()
)
#: Containers that are page chrome unless inside an article or the main column.
_FRAME_TOKENS = frozenset("header footer masthead topbar copyright".split())
_NAV_ROLES = frozenset({"navigation", "menu", "menubar"})
_FRAME_ROLES = frozenset({"banner", "contentinfo"})
_CONTENT_TAGS = frozenset({"article", "main"})
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
# fmt: off
#: Link texts that mean "the next listing page", arrows and punctuation stripped.
_NEXT_WORDS = frozenset(
    {
        "next", "next page", "older", "older posts", "older entries", "older stories",
        "older articles", "older news", "load more", "show more", "weiter", "nächste",
        "nächste seite", "vorwärts", "ältere beiträge", "ältere artikel", "trang sau",
        "trang tiếp", "trang kế", "trang tiếp theo", "tiếp", "tiếp theo", "xem tiếp",
        "suivant", "suivante", "page suivante", "siguiente", "página siguiente", "avanti",
        "successiva", "pagina successiva", "volgende", "volgende pagina", "próxima",
        "próxima página", "seguinte", "następna", "następna strona", "dalej", "далее",
        "вперед", "вперёд", "следующая", "следующая страница", "次へ", "次のページ",
        "下一页", "下一頁", "다음", "다음 페이지", "sonraki", "sonraki sayfa", "selanjutnya",
        "berikutnya", "nästa", "neste", "næste", "seuraava", "další", "következő", "التالي",
    }
)
# fmt: on
_ARROWS = "›»→⟩⇾>➔➜❯"
_STRIP = re.compile(r"[\s" + re.escape(_ARROWS + "‹«←<|·…:.,()[]") + r"]+")
_PATH_PAGE = re.compile(
    r"(?:/(?:page|seite|pagina|pag|trang|strona|sayfa)/(\d+)|[-/](?:page|trang|p)-?(\d+)(?:\.s?html?|\.php)?)/?$",
    re.I,
)
_QUERY_PAGE_KEYS = frozenset("page pg paged trang seite pagina pagenum pageno page_no pn".split())


def listing_links(html: str | bytes, url: str, profile: SiteProfile) -> ListingResult:
    """The article links and next-page links of the listing page ``html`` found at ``url``.

    Articles come in page order, each once (by canonical URL), never the page
    itself; next pages are in-scope non-article links, best evidence first
    (``rel=next``, then a "Next" link, then page n+1 by URL). How deep to
    follow them is the caller's decision (``profile.pagination``).
    """
    tree = LexborHTMLParser(decode_html(html) if isinstance(html, bytes) else html)
    own = canonical_url(url)
    seen = {own}
    next_pages = _next_pages(tree, url, profile, seen)
    articles: list[Link] = []
    body = tree.body
    for anchor in body.css("a[href]") if body is not None else ():
        href = resolve(url, anchor.attributes.get("href") or "")
        if href is None or not is_article_url(href, profile) or _in_chrome(anchor):
            continue
        link = Link.of(href, title=clean_text(anchor.text(deep=True)) or None)
        if link.url not in seen:
            seen.add(link.url)
            articles.append(link)
    return ListingResult(articles=articles, next_pages=next_pages)


def _in_chrome(anchor: LexborNode) -> bool:
    """Whether a link sits in site navigation, or in a header/footer outside the content."""
    framed = False
    for node in ancestors(anchor):
        tag = node.tag or ""
        role = (node.attributes.get("role") or "").lower()
        if tag in _CONTENT_TAGS or role == "main":
            return False
        tokens = _tokens(node)
        if tag == "nav" or role in _NAV_ROLES or tokens & _NAV_TOKENS:
            return True
        if tag in ("header", "footer") or role in _FRAME_ROLES or tokens & _FRAME_TOKENS:
            framed = True
    return framed


def _tokens(node: LexborNode) -> set[str]:
    attrs = node.attributes
    text = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return set(_TOKEN_SPLIT.split(text)) if text.strip() else set()


def _next_pages(
    tree: LexborHTMLParser, url: str, profile: SiteProfile, seen: set[str]
) -> list[Link]:
    found: list[Link] = []

    def add(href: str | None) -> None:
        if href is None or not in_scope(href, profile) or is_article_url(href, profile):
            return
        link = Link.of(href)
        if link.url not in seen:
            seen.add(link.url)
            found.append(link)

    for node in tree.css("link[rel][href], a[rel][href]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        if "next" in rels:
            add(resolve(url, node.attributes.get("href") or ""))
    anchors = tree.body.css("a[href]") if tree.body is not None else []
    for anchor in anchors:
        if _says_next(anchor):
            add(resolve(url, anchor.attributes.get("href") or ""))
    base, number = page_number(url)
    for anchor in anchors:
        href = resolve(url, anchor.attributes.get("href") or "")
        if href is not None and page_number(href) == (base, number + 1):
            add(href)
    return found


def _says_next(anchor: LexborNode) -> bool:
    """A link labelled or classed as the way to the next page."""
    attrs = anchor.attributes
    for label in (anchor.text(deep=True), attrs.get("aria-label"), attrs.get("title")):
        if not label:
            continue
        words = _STRIP.sub(" ", label.lower()).strip()
        if words in _NEXT_WORDS or (not words and any(a in label for a in _ARROWS)):
            return True
    parent = anchor.parent
    for node in (anchor, parent) if parent is not None else (anchor,):
        if any(t == "next" or t.startswith("next") for t in _class_words(node)):
            return True
    return False


def _class_words(node: LexborNode) -> list[str]:
    """Class names split on hyphens too (``pagination__next`` -> ``pagination``, ``next``)."""
    classes = (node.attributes.get("class") or "").lower()
    return [w for w in re.split(r"[\s_-]+", classes) if w]


def page_number(url: str) -> tuple[str, int]:
    """A listing URL as (the listing it belongs to, its page number): page 1 when unnumbered.

    ``/sport/page/3/``, ``/sport?page=3``, ``/the-thao/trang-3.html`` and
    ``/thoi-su-p3`` are all page 3 of ``/sport``-like listings, so a link to
    page n+1 of the page being read can be recognised.
    """
    parts = urlsplit(url)
    path = parts.path
    number = 1
    match = _PATH_PAGE.search(path)
    if match:
        number = int(match.group(1) or match.group(2))
        path = path[: match.start()]
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in _QUERY_PAGE_KEYS and value.isdigit():
            number = int(value)
        else:
            query.append((key, value))
    host = (parts.hostname or "").lower()
    base = f"{host}{path.rstrip('/') or '/'}?{urlencode(sorted(query))}"
    return base, number
