"""The headline as the page shows it, without the site name ``<title>`` appends.

Meta titles (JSON-LD ``headline``, ``og:title``, ``<title>``) are reliable about
the words but often carry the portal's name or an SEO rewording; the visible
heading is what a reader sees but may be the site logo, a widget title or a
menu entry. Every visible heading is scored by where it sits and by how well
the meta titles confirm it; only when no heading is convincing does a cleaned
meta title stand in.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, OPENGRAPH, PROFILE, SiteProfile
from .dom import NEVER_TEXT, class_id, clean_text, content_children, node_text
from .structured import Structured, ld_text

#: Title separators: spaced ones anywhere; a bare "|" (or the Hangul letter "ㅣ" Korean
#: portals set as one: alone it spells nothing) or, between CJK or Hangul characters, a bare
#: dash ("NEWS WEB EASY|子どもへ…", "…英雄的城！-新华网", "…커졌다-정치ㅣ한국일보").
_CJK = r"\u3000-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3"
_SEPARATORS = re.compile(
    r"\s+(?:[|\-–—·•»«:/~]|::|\|\|)\s+|\s*[|｜]\s*|\s*\u3163\s*"
    rf"|(?<=[{_CJK}\uff01-\uff5e'\"”’])[-_－—]{{1,2}}(?=[{_CJK}])"
)
_TOKEN = re.compile(r"\w+")
#: Bullets, arrows and brackets a theme puts around a heading ("[> Jens Weber").
_JUNK_EDGES = re.compile(r"^\s*\[?\s*[>›|•·:]+\s*|\s*[<‹|•·:]+\s*$")
_TITLE_CLASS = re.compile(r"headline|title|heading|entry-title|post-title|article-title")
_CHROME_CLASS = re.compile(
    r"widget|sidebar|visually-hidden|sr-only|screen-reader|assistive|hidden|logo|brand|"
    r"masthead|navbar|menu|footer|teaser|related|promo|newsletter|modal|cookie|comment"
)
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "form", "button", "label"})
_CANDIDATES = "h1, h2, [itemprop=headline], .entry-title, .post-title, .article-title, .headline"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(_norm(text)))


def find_headline(
    tree: LexborHTMLParser, found: Structured, profile: SiteProfile | None
) -> tuple[str | None, str | None, LexborNode | None]:
    """(headline, provenance, the visible headline element when there is one)."""
    selector = profile.selectors.get("headline") if profile else None
    if selector:
        node = tree.css_first(selector)
        if node is not None and node_text(node):
            return node_text(node), PROFILE, node
    metas = _meta_titles(found)
    names = site_names(found)
    cleaned = [(strip_site_name(text, names), source) for text, source in metas]
    cleaned = [(text, source) for text, source in cleaned if text]

    node, text = _best_heading(tree, cleaned, names)
    if node is not None and text:
        text = _confirmed_form(node, text, cleaned)
        text = _JUNK_EDGES.sub("", text) or text
        text = _without_date_prefix(text)
        nt = _norm(text)
        source = next((s for t, s in cleaned if _norm(t) == nt), HEURISTIC)
        return text, source, node
    if cleaned:
        return _without_date_prefix(cleaned[0][0]), cleaned[0][1], None
    return None, None, None


#: A numeric date set before the title with a separator ("23.01.2022 - Wierer wins"): the
#: CMS's date line run into the heading, never the words of a headline.
_DATE_PREFIX = re.compile(
    r"(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\s*[-–—|:]\s+(?=\S)"
)


def _without_date_prefix(text: str) -> str:
    match = _DATE_PREFIX.match(text) if text[:1].isdigit() else None
    rest = text[match.end() :] if match else text
    return rest if len(rest.split()) >= 2 else text


def _meta_titles(found: Structured) -> list[tuple[str, str]]:
    metas: list[tuple[str, str]] = []
    article = found.article or {}
    for key in ("headline", "name", "alternativeHeadline"):
        value = ld_text(article.get(key))
        if value:
            metas.append((_unescape(value), JSON_LD))
            break
    value, _ = found.meta_first("og:title")
    if value:
        metas.append((_unescape(value), OPENGRAPH))
    value, _ = found.meta_first(
        "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title", "headline"
    )
    if value:
        metas.append((_unescape(value), META))
    if found.title_tag:
        metas.append((_unescape(found.title_tag), HEURISTIC))
    return metas


def _best_heading(
    tree: LexborHTMLParser, metas: list[tuple[str, str]], site_names: list[str]
) -> tuple[LexborNode | None, str]:
    meta_tokens = [_tokens(t) for t, _ in metas]
    leads = _lead_pieces(metas)
    site_norms = {_norm(n) for n in site_names}
    best: LexborNode | None = None
    best_text = ""
    best_score = 1.5  # below this no heading is convincing
    seen: set[int] = set()
    candidates = tree.css(_CANDIDATES)
    styles: Counter[tuple[str, str] | None] | None = None  # counted once a heading contends
    for index, node in enumerate(candidates):
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        text = _heading_text(node)
        if not (2 <= len(text) <= 300):
            continue
        norm = _norm(text)
        if norm in site_norms:
            continue
        tokens = _tokens(text)
        if not tokens:
            continue
        agreement = 1.0 if norm in leads and len(tokens) >= 2 else 0.0
        for mt in meta_tokens:
            common = len(tokens & mt)
            if common:
                precision, recall = common / len(tokens), common / len(mt)
                agreement = max(agreement, 2 * precision * recall / (precision + recall))
        score = 3 * agreement
        tag = node.tag
        if tag == "h1":
            score += 1
        elif tag != "h2":
            score += 0.5
        if _TITLE_CLASS.search(class_id(node)) or node.attributes.get("itemprop") == "headline":
            score += 0.5
        score -= min(index, 20) * 0.02
        if len(tokens) == 1 and agreement < 0.5:
            score -= 1
        if score + _MAX_PLACEMENT <= best_score:
            continue  # cannot win even inside <article>: spare the walk up the tree
        style = _style_key(node)
        if style is not None:
            if styles is None:
                styles = Counter(_style_key(c) for c in candidates)
            if styles[style] >= _LIST_SIZE:
                score -= 1  # one of a run of same-styled headings: a teaser list or a slider
                if score + _MAX_PLACEMENT <= best_score:
                    continue
        if tag not in ("h1", "h2") and node.css_first("h1, h2") is not None:
            continue  # a titled box around the heading: the heading is a candidate of its own
        score += _placement(node)
        if score > best_score:
            best, best_text, best_score = node, text, score
    return best, best_text


#: Headings of one tag and class this many times over are a list (teasers, a slider's slides,
#: an index of posts), not the one title of the page.
_LIST_SIZE = 3


def _style_key(node: LexborNode) -> tuple[str, str] | None:
    """Tag and class of a classed heading; unclassed ones (plain subheadings) share no style."""
    cls = str(node.attributes.get("class") or "").strip()
    return (node.tag or "", cls) if cls else None


def _lead_pieces(metas: list[tuple[str, str]]) -> set[str]:
    """The first segment of each meta title that has several ("Title - Subtitle"): a heading
    that reads exactly so is the title the meta text was built from, the rest its subtitle."""
    leads: set[str] = set()
    for text, _ in metas:
        pieces = _SEPARATORS.split(text)
        if len(pieces) > 1:
            leads.add(_norm(pieces[0]))
    return leads


_KICKER_CLASS = re.compile(
    r"kicker|dachzeile|overline|eyebrow|topline|roofline|highline|supertitle|super-title|spitzmarke|"
    r"pretitle|pre-title|flag|label|rubric|category|date|time|subline|subtitle|sub-title|sr-only|"
    r"visually-?hidden|screen-?reader|toptitle|top-title|h1small|small"
)


#: What may stand between a kicker and the title where a meta title counts the kicker in
#: ("Klima: …", "Demo / …"); after " - " or " | " it is a section name, not title.
_KICKER_JOINS = frozenset({"", ":", "/"})
#: Inline formatting inside a title, never a kicker of its own.
_INLINE_TAGS = frozenset({"a", "em", "i", "b", "strong", "q", "mark", "abbr", "sup", "sub"})
#: Meta sources in the order their word settles the kicker question: OpenGraph is what the
#: publisher shares, the ``<title>`` tag the SEO form most often padded with a kicker.
_KICKER_WITNESSES = (OPENGRAPH, JSON_LD, META, HEURISTIC)


def _confirmed_form(node: LexborNode, text: str, metas: list[tuple[str, str]]) -> str:
    """The heading's text, a kicker or subtitle inside it kept only where meta titles show it.

    Many portals print a kicker ("Klimaschutz") above the headline, inside the
    heading. Some count it as part of the title ("Klimaschutz: Bohren, bis es
    heiß wird" in their metadata), most do not. The first meta title
    (OpenGraph first) that shows either form decides, and gives the separator
    the page's layout leaves out. A last line set off by ``<br>`` is a subtitle.
    """
    ordered = sorted(metas, key=lambda m: _KICKER_WITNESSES.index(m[1]))
    kids = _heading_parts(node)
    split = _split_kicker(kids)
    head = _without_tail(kids)
    if split is None and head is None:
        return text
    squashed = _squash(text)
    for meta, _ in ordered:
        nm = _norm(meta)
        if nm == _norm(text):
            return text
        if _squash(meta) == squashed:
            return meta  # the same words: the meta title has the colon the layout leaves out
        if split is not None:
            joined = _joined(meta, split[0], split[1])
            if joined:
                return joined
            if nm == _norm(split[1]):
                return split[1]
        if head is not None and nm == _norm(head):
            return head
    if split is not None and split[2]:
        return split[1]
    if head is not None and len(kids) > 2 and kids[-2].tag == "br":
        return head
    return text


_COLON_JOIN = re.compile(r"\s*:\s+|\s+:\s*")


def _squash(text: str) -> str:
    """The text with the colons between its parts turned into spaces (a dash or bar there
    sets off a section name instead, see ``_KICKER_JOINS``)."""
    return _norm(_COLON_JOIN.sub(" ", text))


def _heading_parts(node: LexborNode) -> list[LexborNode]:
    """The heading's text-bearing child nodes (a lone wrapper's), hidden separators left out."""
    kids = content_children(node)
    while len(kids) == 1 and not kids[0].is_text_node and kids[0].tag != "br":
        kids = content_children(kids[0])
    return [
        c
        for c in kids
        if c.is_text_node
        or not (
            c.tag in NEVER_TEXT
            or c.tag == "-comment"
            or (_HIDDEN_CLASS.search(class_id(c)) and not _TOKEN.search(node_text(c)))
        )
    ]


def _without_tail(kids: list[LexborNode]) -> str | None:
    """The heading's text without its last element (a subtitle, a date line, a hidden suffix)."""
    if len(kids) < 2 or kids[-1].is_text_node:
        return None
    text = clean_text("".join(_part_text(c) for c in kids[:-1])).strip(" :|-–—•")
    return text if len(_tokens(text)) >= 2 else None


def _joined(meta: str, kicker: str, rest: str) -> str | None:
    """``kicker`` + separator + ``rest`` when ``meta`` is exactly that, else None."""
    nm, nk, nr = _norm(meta), _norm(kicker), _norm(rest)
    if len(nm) < len(nk) + len(nr) or not (nm.startswith(nk) and nm.endswith(nr)):
        return None
    middle = nm[len(nk) : len(nm) - len(nr)].strip()
    if middle not in _KICKER_JOINS:
        return None
    if not middle:
        return f"{kicker} {rest}"
    return f"{kicker}{middle} {rest}" if middle == ":" else f"{kicker} {middle} {rest}"


def _kicker_hints(node: LexborNode) -> str:
    """Class, id and ``data-*`` values, where themes name a kicker ("data-cy=kicker")."""
    attrs = node.attributes
    data = " ".join(v for k, v in attrs.items() if k.startswith("data-") and v and len(v) < 40)
    return f"{class_id(node)} {data.lower()}"


def _split_kicker(kids: list[LexborNode]) -> tuple[str, str, bool] | None:
    """(kicker, rest, sure) when the heading holds a kicker, label or date element.

    Sure: one classed as such, a ``<time>``, or a leading ``<small>``/block
    element or one set off by ``<br>``. Not sure: any other leading element
    followed by more title, which counts as a kicker only where a meta title
    says so. A visually hidden separator (``<span class=sr-only>:</span>``) is
    neither kicker nor title.
    """
    parts: list[str] = []
    dropped: list[str] = []
    sure = False
    for index, child in enumerate(kids):
        if child.is_text_node or child.tag == "br":
            parts.append(_part_text(child))
            continue
        text = _heading_text(child)
        following = kids[index + 1] if index + 1 < len(kids) else None
        leading = index == 0 and following is not None
        if (
            child.tag == "time"
            or (child.tag not in _INLINE_TAGS and _KICKER_CLASS.search(_kicker_hints(child)))
            or (
                following is not None
                and leading
                and len(text.split()) <= 6
                and (child.tag in ("small", "div", "p") or following.tag == "br")
            )
        ):
            dropped.append(text)
            sure = True
        else:
            parts.append(_part_text(child))
    if not dropped and len(kids) > 1:
        first = kids[0]
        if (
            not first.is_text_node
            and first.tag != "a"
            and first.tag != "br"
            and len(_heading_text(first).split()) <= 12
        ):
            dropped.append(_heading_text(first))
            parts = [_part_text(c) for c in kids[1:]]
    if not dropped:
        return None
    text = clean_text("".join(parts)).strip(" :|-–—")
    kicker = " ".join(" ".join(dropped).split()).strip(" :|-–—")
    return (kicker, text, sure) if len(_tokens(text)) >= 2 else None


def _part_text(node: LexborNode) -> str:
    """A heading part's text, spaced from its neighbours where it is a block or a break."""
    if node.is_text_node:
        return node.text_content or ""
    if node.tag == "br":
        return " "
    text = _heading_text(node)
    return f" {text} " if node.tag in ("div", "p") else text


_HIDDEN_CLASS = re.compile(r"sr-only|visually-?hidden|screen-?reader|assistive-text|a11y")


def _heading_text(node: LexborNode) -> str:
    """A heading's text as a reader reads it: screen-reader-only labels ("Headline:") and ruby
    readings over Japanese kanji (``<rt>``) left out."""
    return node_text(node, skip=_not_read)


def _not_read(node: LexborNode) -> bool:
    """Ruby readings and hidden labels; a hidden colon between kicker and title
    (``<span class=sr-only>:</span>``) is read, or the two run together."""
    if node.tag in ("rt", "rp"):
        return True
    return bool(_HIDDEN_CLASS.search(class_id(node))) and node_text(node).strip() != ":"


#: The most ``_placement`` adds: the bonus for a heading inside ``<article>`` or ``<main>``.
_MAX_PLACEMENT = 1.0


def _placement(node: LexborNode) -> float:
    """Bonus inside the article, penalty in chrome (menus, widgets, hidden text, the logo)."""
    points = 0.0
    if _CHROME_CLASS.search(class_id(node)):
        points -= 2
    if _links_home(node):
        points -= 2.5
    parent = node.parent
    depth = 0
    while parent is not None and parent.tag not in ("body", "html", "-document") and depth < 12:
        tag = parent.tag
        if tag in ("article", "main"):
            points += 1
            break
        if tag in _CHROME_TAGS:
            points -= 2.5
            break
        if tag == "a" and _is_home_href(parent):
            points -= 2.5
            break
        if _CHROME_CLASS.search(class_id(parent)) and _is_chrome_box(parent):
            points -= 1.5
            break
        parent = parent.parent
        depth += 1
    return points


#: Layout boxes named after the chrome they sit beside ("sidebar-wrapper", "has-sidebar"), or
#: switching it off ("sidebar-off", "sidebar-none": a theme's full-width article layout).
_LAYOUT_TOKEN = re.compile(r"wrap|container|layout|grid|^has-|^with-|^no-|-(?:off|none|disabled)$")


def _is_chrome_box(node: LexborNode) -> bool:
    """Whether a class or id naming chrome names this box, not a layout box around chrome."""
    return any(
        _CHROME_CLASS.search(token) and not _LAYOUT_TOKEN.search(token)
        for token in class_id(node).split()
    )


#: A link to a site's front page, also as a web-archive capture of one.
_HOME_HREF = re.compile(r"\.?/|#|(?:.*/)?https?://[^/]+/?")


def _is_home_href(link: LexborNode) -> bool:
    return bool(_HOME_HREF.fullmatch((link.attributes.get("href") or "").strip()))


def _links_home(node: LexborNode) -> bool:
    """Whether all the heading holds is a link to the front page: the site's name as a logo."""
    kids = content_children(node)
    while len(kids) == 1 and not kids[0].is_text_node:
        if kids[0].tag == "a":
            return _is_home_href(kids[0])
        kids = content_children(kids[0])
    return False


def site_names(found: Structured, url: str | None = None) -> list[str]:
    """Names the site goes by: og:site_name, its Organization/WebSite, the publisher, the host."""
    names = found.meta_all("og:site_name", "application-name", "apple-mobile-web-app-title")
    for obj in found.jsonld:
        types = obj.get("@type")
        if types in ("WebSite", "Organization", "NewsMediaOrganization") and ld_text(
            obj.get("name")
        ):
            names.append(ld_text(obj.get("name")) or "")
    publisher = (found.article or {}).get("publisher")
    if publisher:
        name = ld_text(publisher)
        if name:
            names.append(name)
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            names.extend((host, host.split(".")[0]))
    return [n for n in names if n]


def strip_site_name(title: str, site_names: list[str], *, guess: bool = True) -> str:
    """Drop leading or trailing segments of a title that name the site.

    With ``guess`` (meta titles), a short last segment after " | " goes too
    even when it matches no known name; a visible heading keeps it.
    """
    title = " ".join(title.split())
    pieces = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(pieces) < 2:
        return title
    norm_names = {_norm(n) for n in site_names if n}

    def is_site(segment: str) -> bool:
        ns = _norm(segment)
        if not ns:
            return True
        if any(
            ns == n or (len(n) > 3 and (ns in n or (n in ns and len(ns) < 2 * len(n) + 10)))
            for n in norm_names
        ):
            return True
        return bool(re.fullmatch(r"(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,6}", ns))

    start, end = 0, len(pieces)
    while end - start > 1 and is_site(pieces[end - 1]):
        end -= 1
    # "Title | Site | slogan": what follows the site's name is the site's too.
    end = next((i for i in range(1, end) if is_site(pieces[i])), end)
    while end - start > 1 and is_site(pieces[start]):
        start += 1
    # "Title - Section | Site": one short word left just before the site's name is the section.
    if (
        guess
        and end < len(pieces)
        and end - start > 1
        and seps[end - 2].strip() in _SECTION_SEPS
        and len(pieces[end - 1]) <= 12
        and len(pieces[end - 1].split()) == 1
    ):
        end -= 1
    # No segment named the site: a short last one after " | " or " - " is still most likely
    # it; after an en or em dash it is as often a clause of the title ("KI in der Schule – …").
    if (
        guess
        and (start, end) == (0, len(pieces))
        and seps[-1].strip() in ("|", "-", "::", "·")
        and len(pieces[-1]) <= 40
        and len(pieces[-1]) < len(" ".join(pieces[:-1])) / 1.5
        and not _is_clause(pieces[-1])
    ):
        end -= 1
    out = pieces[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + pieces[i]
    return out.strip()


#: Separators a section name follows in a title: bars and dashes, spaced or between CJK text.
_SECTION_SEPS = frozenset({"|", "｜", "-", "–", "—", "_", "－", "\u3163", "::", "·"})


def _is_clause(segment: str) -> bool:
    """Whether a segment opens in lower case and runs on ("- und wie das Wetter wird"): the
    title's own clause, where a site's name is capitalised or short."""
    return segment[:1].islower() and len(segment.split()) >= 3


def _unescape(text: str) -> str:
    return " ".join(html.unescape(text).split())
