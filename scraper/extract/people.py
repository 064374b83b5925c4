"""Authors and the source credit (wire agency), kept apart.

A byline names people; a credit such as ``VNA`` or ``(dpa)`` names the agency
the story came from. Users filter on both, so neither may swallow the other.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, PROFILE, SiteProfile
from .dom import ancestors, class_id, node_text
from .structured import Structured

_BY = re.compile(
    r"^\s*(by|von|vom|par|por|di|da|door|av|af|przez|от|tác giả|bởi|text|texte|texto|autor|"
    r"autorin|author|written by|reporting by|posted by|redakce|verfasst von|ein beitrag von|"
    r"geschrieben von|publié par|escrito por|scritto da|erstellt von|eingestellt von|"
    r"gespeichert von|veröffentlicht von|beitrag von|rezept von|text von|post author by|"
    r"post author|posted|redaktion(?=\s*:)|auteur|auteurs|autores|autori|autore|créé par|"
    r"publicado por|pubblicato da|geplaatst door|skrevet av|lagt ut av|interview(?=\s*:))\b"
    r"\s*[:\-]?\s*",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\bog\b|\boch\b|\bva\b|"
    r"\bvà\b|\bsowie\b)\s*",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"\s*(\(.*|\bat\s+\d.*|\bam\s+\d.*|\bon\s+\w+\s+\d.*|\bupdated\b.*|\bpublished\b.*|"
    r"\bveröffentlicht\b.*|\baktualisiert\b.*|\s[-–|•·]\s.*)$",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(
    r"https?://|www\.|@|^\W+$|(?-i:^[a-z0-9]+(?:[-_][a-z0-9]+)+$)|\b(images?|photos?|fotos?|bild|"
    r"getty|istock|shutterstock|reuters/|picture alliance|imago|keystone|copyright)\b|©|"
    r"^(?:admin|administrator|wordpressadmin|webmaster|no author|follow|folgen)$",
    re.IGNORECASE,
)
#: A user handle with digits ("freeman1984", "Bo2man"): one word, mostly letters.
_HANDLE = re.compile(r"^(?=(?:\d*[^\W\d_]){3})[^\W\d_][\w.]*$")
#: "Hanns-Seidel-Stiftung e.V.", "Nordex SE": a registered organisation, one name, not a person.
_ORG_SUFFIX = re.compile(
    r"\s(?:e\.\s?V|GmbH|gGmbH|AG|SE|KG|Inc|Ltd|LLC|S\.A|S\.L|B\.V|N\.V|plc)\.?$"
)
_GLUED_BY = re.compile(r"^(By|Von|Par|Por)(?=[A-ZÄÖÜÉ])")
_PARTICLES = frozenset(
    "von van der den de del della di da du la le el bin ibn al y zu ten ter dos das do mc".split()
)
_DATE_WORDS = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch "
        "donnerstag freitag samstag sonntag january february march april june july august "
        "september october november december januar februar märz juni juli oktober dezember "
        "posted updated published publié mis publicado actualizado pubblicato aggiornato "
        "veröffentlicht aktualisiert gepubliceerd"
    ).split()
)
_NOT_NAME_WORDS = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch "
        "donnerstag freitag samstag sonntag january february march april june july august "
        "september october november december januar februar märz juni juli oktober dezember "
        "posted updated published share teilen themen redakteur chefredakteur editor reporter "
        "correspondent korrespondent kommentare comments more mehr publié mis publicado "
        "actualizado pubblicato aggiornato veröffentlicht aktualisiert gepubliceerd staff "
        "writer red"
    ).split()
)
_BYLINE_SELECTORS = (
    '[itemprop~="author"] [itemprop="name"]',
    '[itemprop~="author"]',
    '[rel~="author"]',
    '[class*="byline"]',
    '[class*="author"]',
    '[class*="autor"]',
    '[class*="Author"]',
    '[class*="Byline"]',
    ".vcard .fn",
    '[data-testid*="author"]',
    '[data-testid*="byline"]',
)
_NOT_BYLINE_CONTEXT = re.compile(
    r"comment|kommentar|related|teaser|recommend|footer|sidebar|widget|newsletter|share|social"
)


def clean_person_list(values: list[str]) -> list[str]:
    """Split joined bylines into names; drop prefixes, dates, URLs, slugs, photo credits."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if "&" in value and ";" in value:  # an entity escaped twice: "Redacci&oacute;n"
            value = html.unescape(value)
        value = _GLUED_BY.sub("", " ".join(value.split()))
        value = _after_dated_by(value)
        value = _BY.sub("", value)
        parts = [value] if _ORG_SUFFIX.search(value) else _SPLIT.split(value)
        for name in parts:
            name = _TRAILER.sub("", name.strip())
            name = _keep_initial_dot(name, _BY.sub("", name).strip(" .,:;-–—()[]\"'*|•·"))
            if _DEGREE.match(name):
                continue  # "Grant Tinsley, PhD": the degree after the comma is no one
            if not name or len(name) > 60 or len(name) < 2 or _NOT_NAME.search(name):
                continue
            if any(c.isdigit() for c in name) and not _HANDLE.match(name):
                continue
            if len(name.split()) > 5:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


#: Academic and professional degrees that follow a name after a comma.
_DEGREE = re.compile(r"^(?:Ph\.?\s?D|M\.?D|MBA|MPH|MSc|BSc|RDN?|LDN|CPT|DrPH|FACP)\.?$")
#: "Joe S.", "Juan Carlos Muñoz C.", "Perry Bacon Jr.": the dot belongs to the name.
_LAST_INITIAL = re.compile(r"(?:^|\s)(?:[^\W\d_]|Jr|Sr)$")


def _keep_initial_dot(raw: str, name: str) -> str:
    """Put back the dot after a closing initial or "Jr" that punctuation stripping removed."""
    if _LAST_INITIAL.search(name) and raw.rstrip(" ,;:|)]*\"'").endswith(name + "."):
        return name + "."
    return name


_INNER_BY = re.compile(r"\b(?:by|By|BY|von|Von|par|Par|por|Por|door|Door|av|af)\s+(?=\S)")
_LEAD_FILLER = frozenset("on am le el the at um · - – | , posted".split())


def _after_dated_by(value: str) -> str:
    """ "Posted on September 21, 2020 by Adi Tzlil" -> "Adi Tzlil": a date line that names the
    author after it. Only a preface of dates and filler words is dropped, never a name."""
    match = _INNER_BY.search(value)
    if match is None or match.start() == 0:
        return value
    for word in value[: match.start()].split():
        low = word.casefold().strip(".,:;·|")
        keep = low and low not in _LEAD_FILLER and low not in _NOT_NAME_WORDS
        if keep and not any(c.isdigit() for c in low):
            return value
    return value[match.end() :]


def find_authors(
    tree: LexborHTMLParser,
    found: Structured,
    body_root: LexborNode | None,
    profile: SiteProfile | None,
    *,
    site_names: list[str] = (),  # type: ignore[assignment]
) -> tuple[list[str], str | None]:
    """Authors from the profile, JSON-LD, meta, then the visible byline.

    An "author" that is only the site's own name (JSON-LD often names the
    publisher as author) gives way to a person named in the byline.
    """
    selector = profile.selectors.get("authors") if profile else None
    if selector:
        names = clean_person_list([node_text(n) for n in tree.css(selector)])
        if names:
            return names, PROFILE
    sites = {_key(n) for n in site_names if n}
    sites |= {_key(n) for n in _org_names(found)}
    agencies = {_key(n) for n in agency_authors(found)}
    fallback: tuple[list[str], str | None] = ([], None)
    candidates: list[tuple[list[str], str]] = [
        (clean_person_list(_ld_people(_ld_author(found))), JSON_LD),
        (
            clean_person_list([m for m in _meta_authors(found) if not m.startswith("http")]),
            META,
        ),
    ]
    for names, source in candidates:
        names = [n for n in names if _key(n) not in agencies]  # the source credit, not authors
        people = [n for n in names if _key(n) not in sites]
        if people:
            return people, source
        if names and not fallback[0]:
            fallback = (names, source)
    names = _byline(tree, sites) or _closing_signature(body_root)
    people = [n for n in names if _key(n) not in sites]
    if people:
        return people, HEURISTIC
    if not fallback[0] and names:  # a blog signed with its own name: that is its author
        return names, HEURISTIC
    return fallback


def _org_names(found: Structured) -> list[str]:
    """Registered organisations named as author in the meta: like the site's own name, a
    fallback when no person is named."""
    return [m for m in _meta_authors(found) if _ORG_SUFFIX.search(m.strip())]


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold()).removesuffix("de").removesuffix("com")


def _looks_like_person(name: str) -> bool:
    """A visible byline name: capitalised words (particles aside), no calendar or UI words."""
    words = name.split()
    if not 1 <= len(words) <= 4:
        return False
    lower = 0
    for word in words:
        low = word.casefold()
        if low in _NOT_NAME_WORDS:
            return False
        if low not in _PARTICLES and word[0].isalpha() and not word[0].isupper():
            lower += 1
    # A lower-case handle ("gizzmo") is a name; lower-case prose is not.
    return lower == 0 or len(words) == 1


def _byline(tree: LexborHTMLParser, sites: set[str]) -> list[str]:
    """The first byline markup that names a person. A byline naming only the site itself is
    kept as a last resort: a later one ("vom Krimiblogger") may name the person."""
    site_only: list[str] = []
    for selector in _BYLINE_SELECTORS:
        for node in tree.css(selector):
            if node.tag in ("meta", "link", "script", "style", "img", "body", "html", "article"):
                continue
            text = node_text(node)
            if not text or len(text) > 100:
                continue
            if _in_chrome(node):
                continue
            names = [_cut_at_date_word(n) for n in clean_person_list([text])]
            names = [n for n in names if n and not _credit_path(n) and _looks_like_person(n)]
            if any(_key(n) not in sites for n in names):
                return names
            site_only = site_only or names
    return _byline_line(tree) or site_only


_NAME = r"[A-ZÄÖÜÉÈÁÍÓÚÅØÆŁŚŻ][\w.'’-]+"
#: The words that open a byline line. Longer phrases first: "Ein Artikel von" before "von".
_LINE_LABEL = (
    r"(?:(?:Ein |Blog[- ]?)?(?:Beitrag|Artikel) von|Blogbeitrag von|(?:Posted|Written|Story|Words) "
    r"by|(?:Geschrieben|Verfasst|Erstellt) von|By|BY|by|Von|VON|von|Par|PAR|par|Por|POR|por|Door|"
    r"Av|Af|Di|Przez|Autoren|Autorin|Autor|Author|Auteur|Text von|Text|Texto)"
)
#: A label standing alone on its line ("Autor:", "| By"), the name in the next element. A
#: noun needs its colon: "Autoren" alone is a menu entry.
_LABEL_ALONE = re.compile(
    r"^[|•·–—-]?\s*((?:(?:Ein |Blog[- ]?)?(?:Beitrag|Artikel) |(?:Posted|Written) |Text )?"
    r"(?:by|By|BY|von|Von|par|Par|por|Por)\b|(?:Autor|Autorin|Author|Auteur|Text|Texto)(?=\s*:))"
    r"\s*:?$"
)
_BYLINE_LINE = re.compile(
    rf"^{_LINE_LABEL}"
    rf"\s*:?\s+({_NAME}(?:\s+(?:{_NAME}|von|van|de|der|del|di|da|la|le)){{0,3}}"
    rf"(?:\s*(?:,|und|and|&|et|y|e)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*)"
)


#: "김서연 기자", "(서울=연합뉴스) 박지훈 기자 =", "山田太郎記者": a name before "reporter".
_REPORTER = re.compile(r"(?:^|[\s)=])([가-힣]{2,4})\s?기자(?:\s|$|=)|([\u4e00-\u9fff]{2,5})\s?記者")
_LINE_SELECTOR = (
    "p, span, address, small, em, strong, li, time, div[class*=meta], div[class*=byline], "
    "div[class*=submitted], div[class*=info], div[class*=author], div[class*=auteur]"
)


def _closing_signature(root: LexborNode | None) -> list[str]:
    """A name signed in bold or flush right as the story's last line, as many Vietnamese and
    other Asian portals print the author ("<p style='text-align:right'><b>Hữu Nghĩa</b>")."""
    if root is None:
        return []
    seen = 0
    for block in reversed(root.css("p, div")):
        text = " ".join((block.text(deep=True) or "").split())
        if not text:
            continue
        seen += 1
        if seen > 3:
            break
        if len(text) > 40 or any(n.mem_id != block.mem_id for n in block.css("p, div")):
            continue  # (lexbor's css() matches the node itself too)
        bold = block.css_first("strong, b")
        right = "right" in (block.attributes.get("style") or "") + class_id(block)
        if not right and (bold is None or " ".join(bold.text().split()) != text):
            continue
        names = [n for n in clean_person_list([text]) if _looks_like_person(n)]
        if names and all(2 <= len(n.split()) <= 4 for n in names):
            return names
    return []


def _credit_path(name: str) -> bool:
    """ "ORF.at/Agenturen", "AFP/dpa": an outlet or agency credit, not a person."""
    return "/" in name and ("." in name or _is_agency(name.split("/")[-1].strip()))


def _cut_at_date_word(text: str) -> str:
    """ "Alex Bozarjian Thursday" -> "Alex Bozarjian": a byline runs into its date line.
    (A role word such as "Staff" is left for ``_looks_like_person`` to reject.)"""
    words = text.split()
    for index, word in enumerate(words):
        if word.casefold().strip(".,:") in _DATE_WORDS:
            return " ".join(words[:index])
    return text


def _cut_at_stop_word(text: str) -> str:
    """ "Claire Dubois Publié le ..." -> "Claire Dubois": a byline runs into the date line."""
    words = text.split()
    for index, word in enumerate(words):
        if word.casefold().strip(".,:") in _NOT_NAME_WORDS:
            return " ".join(words[:index])
    return text


def _ink(text: str) -> int:
    """Characters that are not layout whitespace (spaces, tabs, newlines)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t")


def _labelled_line(lines: list[str]) -> str:
    """The byline among a node's text lines: its first line if that is a whole byline, else a
    label set in its own element ("<h5>Autor:</h5> Peter Maahn", "| By <span>Cara Stiles")
    with the line after it, else all lines joined."""
    if lines and _BYLINE_LINE.match(lines[0] + " "):
        return lines[0]
    for index, line in enumerate(lines[:-1]):
        label = _LABEL_ALONE.match(line) if len(line) < 24 else None
        if label:
            return f"{label.group(1)} {lines[index + 1]}"
    return " ".join(lines)


def _byline_line(tree: LexborHTMLParser) -> list[str]:
    """A short line "By Jane Doe" / "Von Max Muster und Erika Muster" / "김서연 기자" that no
    markup names as the author. Only its first line counts: titles follow on the next."""
    for node in tree.css(_LINE_SELECTOR):
        text = node.text(deep=True, separator="\n")
        if not text or len(text) > 160 and (len(text) > 600 or _ink(text) > 140):
            continue  # (indented markup pads a short line with whitespace)
        lines = [" ".join(part.split()) for part in text.splitlines()]
        lines = [line for line in lines if line]
        line = _labelled_line(lines)
        match = _BYLINE_LINE.match(line)
        reporter = None if match else _REPORTER.search(line)
        if (match is None and reporter is None) or _in_chrome(node):
            continue
        raw = match.group(1) if match else (reporter.group(1) or reporter.group(2))  # type: ignore[union-attr]
        raw = _cut_at_stop_word(raw)
        names = [n for n in clean_person_list([raw]) if _looks_like_person(n)]
        if names:
            return names
    return []


#: Class words that contain a chrome word but mark the story itself: a post's own footer
#: line (WordPress, Blogger), a layout that has a sidebar, a page builder's widget wrapper.
_STORY_CLASS = re.compile(
    r"\b(?:post|entry|article|story|node|group-article|content)[-_]footer[\w-]*|"
    r"\b(?:has|with|no|one|two)[-_]sidebars?\b[\w-]*|\bsidebar[-_](?:included|left|right|first|"
    r"second)\b[\w-]*|"
    r"\belementor-widget[\w-]*|\bwidget blog\b|\b(?:tag|category|format)-[\w-]+"
)
#: An ancestor that is the story's own container: no chrome above it counts.
_STORY_CONTAINER = re.compile(r"(?:^|\s)(?:hentry|type-post|h-entry)(?:\s|$)")


def _in_chrome(node: LexborNode) -> bool:
    """Inside comments, teasers, widgets, or a page footer/sidebar. The article's own footer
    and the body's classes (they describe the whole page) do not count."""
    in_chrome_tag = False
    for depth, parent in enumerate(ancestors(node)):
        if parent.tag in ("body", "html") or depth > 12:
            break
        if parent.tag in ("article", "main"):
            return False
        cid = class_id(parent)
        if _STORY_CONTAINER.search(cid):
            return False
        if _NOT_BYLINE_CONTEXT.search(_STORY_CLASS.sub(" ", cid)):
            return True
        if parent.tag in ("footer", "aside", "nav"):
            in_chrome_tag = True
    return in_chrome_tag


_META_AUTHOR_KEY = re.compile(r"(?:^|[:._])(?:author|creator|byl|byline)s?$")


def _meta_authors(found: Structured) -> list[str]:
    """Author meta under any vendor prefix (``dcsext.author``, ``parsely-author``...), plus
    the "Written by" label/data pairs that Yoast writes into Twitter cards."""
    values: list[str] = []
    for key, contents in found.meta.items():
        if _META_AUTHOR_KEY.search(key) or key in ("parsely-author", "sailthru.author"):
            values.extend(c for c in contents if c and c.strip())
    for n in range(1, 5):
        label, _ = found.meta_first(f"twitter:label{n}")
        if label and re.search(r"written by|author|autor|verfasst", label, re.IGNORECASE):
            data, _ = found.meta_first(f"twitter:data{n}")
            if data:
                values.append(data)
    return values


#: Wire services and agencies whose names are credits wherever they stand. General
#: knowledge about the news trade, not about any one site.
WIRE_AGENCIES = frozenset(
    (
        "ap afp reuters dpa epd kna sid apa sda ats keystone-sda ansa efe europa press lusa "
        "anp belga ntb tt ritzau stt čtk ctk pap mti bta agerpres tanjug hina sta aa iha dha "
        "xinhua kyodo jiji yonhap newsis bernama antara pti ians ani aap cp upi tass ria "
        "interfax ukrinform vna ttxvn vnexpress pna mena wafa irna anadolu "
        "新华社 中新社 共同通信 時事通信 연합뉴스 뉴시스 ттхвн"
    ).split()
)
_CREDIT_LABEL = re.compile(
    r"^\s*(?:source|sources|nguồn|theo|quelle|fuente|fonte|źródło|kilde|källa|sumber|"
    r"出典|出处|来源|來源|출처|источник)\s*[:：]\s*(.{2,40}?)\s*$",
    re.IGNORECASE,
)
_CREDIT_ALONE = re.compile(r"^[\s(\[—–-]*([^\W\d_][\w&./ -]{0,30}?)[\s)\]]*(?:/\.)?\s*$")
_DATELINE = re.compile(r"^[^()]{0,60}?\(([^()=]{2,30}=)?([^()]{2,30})\)\s*[-–—=]")


def _credit_name(text: str) -> str | None:
    """The agency a short credit line names ("VNA", "(dpa)", "Source: Reuters", "来源：新华社")."""
    text = " ".join(text.split())
    if not text or len(text) > 50:
        return None
    label = _CREDIT_LABEL.match(text)
    if label:
        return label.group(1).strip(" .)(")
    alone = _CREDIT_ALONE.match(text)
    if alone:
        name = alone.group(1).strip(" ./")
        if _is_agency(name):
            return name
    return None


def _is_agency(name: str) -> bool:
    """A known wire service, or a short all-capitals acronym such as "VNA" (several: "AFP/dpa")."""
    parts = [p.strip() for p in re.split(r"[/,&]| and ", name) if p.strip()]
    return bool(parts) and all(
        p.casefold() in WIRE_AGENCIES or (p.isupper() and p.isalpha() and 2 <= len(p) <= 6)
        for p in parts
    )


def find_source(
    tree: LexborHTMLParser,
    found: Structured,
    body_root: LexborNode | None,
    first_paragraph: str | None,
    profile: SiteProfile | None,
) -> tuple[str | None, str | None]:
    """The wire or credit line: a closing "VNA" / "(dpa)" / "Source: Reuters" line, a
    "Berlin (dpa) -" dateline, or a news agency given as the JSON-LD author."""
    selector = profile.selectors.get("source") if profile else None
    if selector:
        text = node_text(tree.css_first(selector))
        if text:
            return _credit_name(text) or text, PROFILE
    if body_root is not None:
        closing = _closing_credit(body_root)
        if closing:
            return closing, HEURISTIC
    for node in tree.css(_SOURCE_MARKUP):
        text = node.text(deep=True)
        name = _credit_name(text) if text and len(text) <= 50 and not _in_chrome(node) else None
        if name:
            return name, HEURISTIC
    if first_paragraph:
        match = _DATELINE.match(first_paragraph)
        if match and _is_agency(match.group(2).strip()):
            return match.group(2).strip(), HEURISTIC
        if match and match.group(1):  # "(서울=연합뉴스)": the agency after the city
            return match.group(2).strip(), HEURISTIC
    for name in agency_authors(found):
        return name, JSON_LD
    return None, None


_SOURCE_MARKUP = (
    '[class*="source"], [class*="Source"], [class*="agency"], [class*="nguon"], '
    '[class*="quelle"], [class*="fuente"], [itemprop="sourceOrganization"]'
)


def _closing_credit(root: LexborNode) -> str | None:
    """The last short credit line inside the article container or just after it."""
    found: str | None = None
    # The last line wins, so walk backwards and stop at the first credit. A node
    # holding a line longer than 50 characters is longer still: its ancestors are
    # marked and skipped without reading their (whole-article) text.
    long_ids: set[int] = set()
    for node in reversed(root.css("p, div, span, strong, b, em, small, footer")):
        if node.mem_id in long_ids:
            continue
        if node.child is not None and node.child.next is None and not node.child.is_text_node:
            continue  # the same line is seen through its only child
        text = node.text(deep=True)
        if text and len(text) <= 50:
            name = _credit_name(text)
            if name:
                found = name
                break
        elif text:
            parent = node.parent
            while parent is not None and parent.mem_id not in long_ids:
                long_ids.add(parent.mem_id)
                parent = parent.parent
    sibling = root.next
    hops = 0
    while found is None and sibling is not None and hops < 4:
        if sibling.is_element_node:
            hops += 1
            text = sibling.text(deep=True)
            if text and len(text) <= 50:
                found = _credit_name(text)
        sibling = sibling.next
    return found


def _ld_author(found: Structured) -> object:
    """The article's JSON-LD author, with ``{"@id": ...}`` references resolved: Yoast and
    other graph writers name the Person once in ``@graph`` and point at it from the article."""
    article = found.article or {}
    raw = article.get("author") or article.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    if not any(isinstance(i, dict) and "name" not in i and i.get("@id") for i in items):
        return raw
    by_id = {o.get("@id"): o for o in found.jsonld if isinstance(o.get("@id"), str) and "name" in o}
    return [
        by_id.get(i.get("@id"), i) if isinstance(i, dict) and "name" not in i else i for i in items
    ]


def agency_authors(found: Structured) -> list[str]:
    """Organizations named as JSON-LD author that are news agencies, not the site itself."""
    raw = _ld_author(found)
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item.get("@type") in (
            "Organization",
            "NewsMediaOrganization",
        ):
            name = item.get("name")
            if isinstance(name, str) and _is_agency(name.strip()):
                out.append(name.strip())
    return out


def _ld_people(raw: object) -> list[str]:
    """Names from a JSON-LD author value: strings, Person/Organization objects or lists of them."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str):
                out.append(name)
            elif isinstance(item.get("givenName"), str):
                out.append(f"{item.get('givenName')} {item.get('familyName') or ''}".strip())
    return out
