"""Tags (topics) of an article, from metadata and tag-list links.

A tag line is a field of its own and is never part of the body. CMSs leak
internal values into tag meta (UUIDs, "Category: News", numeric ids, the
site's own domain); those are not topics a reader sees and are dropped.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dom import ancestors, class_id, node_text
from .structured import Structured, ld_texts

_TAG_HREF = re.compile(
    r"/(?:tags?|topics?|themen?|thema|schlagworte?|stichworte?|keywords?|tema|temas|sujets?|"
    r"tag-[a-z]+|chu-de|tu-khoa|etiqueta|etiquetas|argomenti|onderwerp)(?:/|\?|=|$)",
    re.IGNORECASE,
)
_TAG_CONTAINER = re.compile(
    r"tag|topic|keyword|schlagw|stichw|themen|thema|subject|etiquet|chu-de|tu-khoa|label"
)
_CHROME = re.compile(
    r"(?:^|\s)(?:nav|menu|footer|header|breadcrumbs?|sidebar|megamenu|subnav|site-\w+)(?:\s|$)"
)
_JUNK = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^\d{5,}$|^[\w .-]{1,40}:\s|"
    r"^(?:[\w-]+\.)+[a-z]{2,6}$",
    re.IGNORECASE,
)
_NOT_TAGS = frozenset(
    {
        "tags",
        "tag",
        "themen",
        "thema",
        "topics",
        "topic",
        "schlagworte",
        "stichworte",
        "keywords",
        "schlagwörter",
        "etiquetas",
        "mots-clés",
        "tagi",
        "mehr",
        "more",
        "zur startseite",
        "home",
        "startseite",
        # "see all" links next to a tag list
        "alle",
        "all",
        "todos",
        "todas",
        "tous",
        "toutes",
        "tutti",
        "все",
        "ver más",
        "voir plus",
    }
)
#: Quotes some themes print around each tag ("„Review”"); not part of the tag.
_OPEN_QUOTES = "\"'„“”«»‚‘’「『"
_CLOSE_QUOTES = "\"'“”«»‘’」』"
#: Characters of scripts written without spaces between words: there a keyword string
#: with spaces and no comma is a list ("深空探测 探月工程").
_NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def normalise_tags(values: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if "&" in value:
            value = html.unescape(value)
        value = " ".join(value.split()).strip(" #,;")
        if len(value) > 1 and value[0] in _OPEN_QUOTES and value[-1] in _CLOSE_QUOTES:
            value = value[1:-1].strip()
        # (a value ending in a colon is the list's label, "Themen:", not a tag)
        if not value or len(value) > 80 or value[-1] in ":：" or _JUNK.search(value):
            continue
        key = value.casefold()
        if key in seen or key in _NOT_TAGS or key.startswith(("alle ", "all ")):
            continue
        seen.add(key)
        out.append(value)
    return out


def _split(values: list[str]) -> list[str]:
    """Items of keyword strings. Entities are decoded first: "Governance &amp; Affairs" is
    one tag, not two split at the entity's semicolon."""
    out: list[str] = []
    for value in values:
        if "&" in value:
            value = html.unescape(value)
        parts = _SEPARATOR.split(value)
        if len(parts) == 1 and " " in value.strip() and _NO_SPACE_SCRIPT.search(value):
            parts = value.split()
        out.extend(v for v in parts if v)
    return out


_SEPARATOR = re.compile(r"\s*[,;|，、；]\s*")


def find_tags(
    tree: LexborHTMLParser, found: Structured, profile: SiteProfile | None
) -> tuple[list[str], str | None]:
    selector = profile.selectors.get("tags") if profile else None
    if selector:
        tags = normalise_tags([node_text(n) for n in tree.css(selector)])
        if tags:
            return tags, PROFILE
    declared = _declared_lists(found)
    keywords = normalise_tags(_split(found.meta_all("keywords")))
    metadata = declared + [(keywords, META)] if keywords else declared
    if declared and (len(metadata) == 1 or _agreement(metadata, 0) == 1.0):
        # The tag links, the costliest source, cannot change this choice: against one
        # declared list, or one a second source repeats exactly, they could only tie.
        return metadata[0]
    links = normalise_tags(_tag_links(tree))
    return _agreed(declared + [(links, HEURISTIC)] + metadata[len(declared) :])


def _declared_lists(found: Structured) -> list[tuple[list[str], str]]:
    """The non-empty tag lists of the article's metadata, in order of precedence; the
    plain ``keywords`` meta, often site-wide SEO, ranks below the visible tag links."""
    og_tags = found.meta_all("article:tag")
    article = found.article or {}
    lists = [
        (normalise_tags(_split(og_tags) if len(og_tags) == 1 else og_tags), OPENGRAPH),
        (normalise_tags(_split(ld_texts(article.get("keywords")))), JSON_LD),
        (normalise_tags(_split(found.meta_all("news_keywords"))), META),
        (normalise_tags(_split(found.meta_all("parsely-tags", "sailthru.tags"))), META),
    ]
    return [(tags, source) for tags, source in lists if tags]


def _agreement(candidates: list[tuple[list[str], str]], index: int) -> float:
    """Set F1 of one candidate list with its closest other list (case-insensitive)."""
    mine = {tag.casefold() for tag in candidates[index][0]}
    best = 0.0
    for j, (tags, _) in enumerate(candidates):
        if j != index:
            other = {tag.casefold() for tag in tags}
            best = max(best, 2 * len(mine & other) / (len(mine) + len(other)))
    return best


def _agreed(candidates: list[tuple[list[str], str]]) -> tuple[list[str], str | None]:
    """The list another source agrees with best, else the first by precedence.

    CMSs fill one tag field with internals ("Medium", "editors_pick", layout names,
    wire-desk codes) or SEO phrases, while the article's real tags recur in a second
    place (the visible tag links, ``news_keywords`` and ``keywords``, JSON-LD). Ties keep
    precedence.
    """
    candidates = [(tags, source) for tags, source in candidates if tags]
    if not candidates:
        return [], None
    best, best_score = 0, 0.0
    for index in range(len(candidates)):
        score = _agreement(candidates, index)
        if score > best_score + 1e-9:
            best, best_score = index, score
    return candidates[best]


def _tag_links(tree: LexborHTMLParser) -> list[str]:
    """Texts of rel=tag links, else of links to tag pages inside a tag list (not in menus)."""
    links = [
        node_text(a)
        for a in tree.css('a[rel~="tag"]')
        if not _in_menu(a)
        and "category" not in (a.attributes.get("rel") or "")
        and not _in_cloud(a)
    ]
    if links:
        return links
    boxed = _tag_box_links(tree)
    if boxed:
        return boxed
    out: list[str] = []
    for link in tree.css("a[href]"):
        if not _TAG_HREF.search(link.attributes.get("href") or ""):
            continue
        if _in_chrome(link) or not _in_tag_list(link) or _in_prose(link):
            continue
        out.append(node_text(link))
    return out


def _box_link_texts(box: LexborNode) -> list[str]:
    """Texts of a tag box's links; mail, phone and script links are never tags."""
    return [
        node_text(a)
        for a in box.css("a[href]")
        if not (a.attributes.get("href") or "").startswith(("mailto:", "tel:", "javascript:"))
    ]


def _in_prose(link: LexborNode) -> bool:
    """A link inside running text ("asked <a href=/topics/fbi>the FBI</a> about ...") points
    to a topic page but is not one of the article's tags: in a tag list, the text between
    the links is separators and a label, not words."""
    parent = link.parent
    while parent is not None and parent.tag in _INLINE_WRAPPERS:
        parent = parent.parent
    if parent is None:
        return False
    words = _WORD.findall(parent.text(deep=False) or "")
    return len(words) >= 6


_INLINE_WRAPPERS = frozenset({"strong", "b", "em", "i", "span", "u", "mark"})
_WORD = re.compile(r"[^\W\d_]{2,}")


def _in_cloud(node: LexborNode) -> bool:
    """In a tag cloud: the site's index of all its tags, not the article's own."""
    for depth, parent in enumerate(ancestors(node)):
        if depth > 5:
            return False
        if "cloud" in class_id(parent):
            return True
    return False


_TAG_BOX_CLASS = re.compile(
    r"(?:^|[\s_-])(?:tags?|tag-?list|keywords?|topics|schlagworte|stichworte|etiquetas|"
    r"tu-?khoa|mots-?cles)(?:[\s_-]|$)"
)
#: ``\s*+`` (possessive): no label starts with a space, and without it every
#: white-space-only text (most boxes) was retried once per leading space.
#: The label must end there (a colon, or nothing but punctuation after it): "Tagesgeld"
#: and "Themenwoche" start paragraphs that are not tag lists.
_TAG_LABEL = re.compile(
    r"^\s*+(?:tags?|tagged|tagged with|keywords|schlagworte|schlagwörter|stichworte|themen|"
    r"mots-clés|mots clés|étiquettes|etiquetas|palabras clave|temas|argomenti|tópicos|"
    r"từ khóa|từ khoá|タグ|キーワード|关键词|关键字|标签|태그|키워드|теги|"
    r"ключевые слова|tagi|słowa kluczowe|štítky|etiketler|etiketter|avainsanat|emneord)"
    r"(?:\s*[:：]\s*|(?=\W*$))",
    re.IGNORECASE,
)


def _tag_box_links(tree: LexborHTMLParser) -> list[str]:
    """Links in a tag box: a container classed as tags/keywords, or one that starts with a
    "Tags:" / "Mots-clés" / "Từ khóa:" label."""
    for box in tree.css('[class*="tag"], [id*="tag"], [class*="eyword"], [class*="chlagw"]'):
        if box.tag == "a" or not _TAG_BOX_CLASS.search(class_id(box)) or _in_chrome(box):
            continue
        if "cloud" in class_id(box):
            continue
        links = _box_link_texts(box)
        if 1 <= len(links) <= 30 and all(0 < len(t) <= 60 for t in links):
            return links
    for box in tree.css("p, div, ul, span, section, dl"):
        text = box.text(deep=False) or ""
        first = box.child
        if not _TAG_LABEL.match(text) and not (
            first is not None and first.is_element_node and _TAG_LABEL.fullmatch(first.text())
        ):
            continue
        links = _box_link_texts(box)
        if 1 <= len(links) <= 30 and not _in_chrome(box):
            return links
    return []


def _in_menu(node: LexborNode) -> bool:
    """In a site menu; a ``<nav>`` of topics inside the article is its tag list."""
    for parent in ancestors(node):
        if parent.tag == "article":
            return False
        if parent.tag == "nav":
            return not any(p.tag == "article" for p in ancestors(parent))
    return False


def _in_chrome(node: LexborNode) -> bool:
    """In site navigation rather than the article (an article's own footer is not chrome)."""
    for depth, parent in enumerate(ancestors(node)):
        if parent.tag in ("body", "html", "article", "main") or depth > 12:
            return False
        if parent.tag in ("nav", "header", "footer") or _CHROME.search(class_id(parent)):
            return True
    return False


def _in_tag_list(node: LexborNode) -> bool:
    """The link or a near ancestor is classed as a tag list, or it sits in the article."""
    if _TAG_CONTAINER.search(class_id(node)):
        return True
    for depth, parent in enumerate(ancestors(node)):
        if depth > 4 or parent.tag in ("body", "html"):
            return False
        if _TAG_CONTAINER.search(class_id(parent)):
            return True
        if parent.tag in ("article", "main"):
            return True
    return False
