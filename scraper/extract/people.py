"""Authors and the source credit (wire agency), kept apart.

A byline names people; a credit such as ``VNA`` or ``(dpa)`` names the agency
the story came from. Users filter on both, so neither may swallow the other.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import HEURISTIC, JSON_LD, META, PROFILE, SiteProfile
from .dom import ancestors, class_id, node_text
from .structured import Structured

_BY = re.compile(
    r"^\s*(by|von|vom|par|por|di|da|door|av|af|przez|от|tác giả|bởi|text|texte|texto|autor|"
    r"autorin|author|written by|reporting by|posted by|redakce|verfasst von|ein beitrag von|"
    r"geschrieben von|publié par|escrito por|scritto da)\b\s*[:\-]?\s*",
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
    r"https?://|www\.|@|\d|^\W+$|^[a-z0-9]+(?:[-_][a-z0-9]+)+$|\b(images?|photos?|fotos?|bild|getty|istock|shutterstock|"
    r"reuters/|picture alliance|imago|keystone|copyright|©)\b",
    re.IGNORECASE,
)
_GLUED_BY = re.compile(r"^(By|Von|Par|Por)(?=[A-ZÄÖÜÉ])")
_PARTICLES = frozenset(
    "von van der den de del della di da du la le el bin ibn al y zu ten ter dos das do mc".split()
)
_NOT_NAME_WORDS = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch "
        "donnerstag freitag samstag sonntag january february march april june july august "
        "september october november december januar februar märz juni juli oktober dezember "
        "posted updated published share teilen themen redakteur chefredakteur editor reporter "
        "correspondent korrespondent kommentare comments more mehr"
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
        value = _GLUED_BY.sub("", " ".join(value.split()))
        value = _BY.sub("", value)
        for name in _SPLIT.split(value):
            name = _TRAILER.sub("", name.strip())
            name = _BY.sub("", name).strip(" .,:;-–—()[]\"'*|•·")
            if not name or len(name) > 60 or len(name) < 2 or _NOT_NAME.search(name):
                continue
            if len(name.split()) > 5:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


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
    fallback: tuple[list[str], str | None] = ([], None)
    article = found.article or {}
    candidates: list[tuple[list[str], str]] = [
        (clean_person_list(_ld_people(article.get("author") or article.get("creator"))), JSON_LD),
        (
            clean_person_list([m for m in _meta_authors(found) if not m.startswith("http")]),
            META,
        ),
    ]
    for names, source in candidates:
        people = [n for n in names if _key(n) not in sites]
        if people:
            return people, source
        if names and not fallback[0]:
            fallback = (names, source)
    names = _byline(tree)
    people = [n for n in names if _key(n) not in sites]
    if people:
        return people, HEURISTIC
    return fallback


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


def _byline(tree: LexborHTMLParser) -> list[str]:
    for selector in _BYLINE_SELECTORS:
        for node in tree.css(selector):
            if node.tag in ("meta", "link", "script", "style", "img", "body", "html", "article"):
                continue
            text = node_text(node)
            if not text or len(text) > 100:
                continue
            if _in_chrome(node):
                continue
            names = [n for n in clean_person_list([text]) if _looks_like_person(n)]
            if names:
                return names
    return _byline_line(tree)


_NAME = r"[A-ZÄÖÜÉÈÁÍÓÚÅØÆŁŚŻ][\w.'’-]+"
_BYLINE_LINE = re.compile(
    rf"^(?:By|BY|Von|VON|Par|PAR|Por|POR|Door|Av|Af|Di|Przez|Autor|Autorin|Author|Text|Texto)"
    rf"\s*:?\s+({_NAME}(?:\s+(?:{_NAME}|von|van|de|der|del|di|da|la|le)){{0,3}}"
    rf"(?:\s*(?:,|und|and|&|et|y|e)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*)"
)


def _byline_line(tree: LexborHTMLParser) -> list[str]:
    """A short line "By Jane Doe" / "Von Max Muster und Erika Muster" that no markup names."""
    for node in tree.css("p, span, address, small, em, strong, li, div.meta, time"):
        text = node.text(deep=True, separator=" ")
        if not text or len(text) > 120:
            continue
        match = _BYLINE_LINE.match(" ".join(text.split()))
        if match is None or _in_chrome(node):
            continue
        names = [n for n in clean_person_list([match.group(1)]) if _looks_like_person(n)]
        if names:
            return names
    return []


def _in_chrome(node: LexborNode) -> bool:
    """Inside comments, teasers, footers or widgets (body classes aside: they describe the page)."""
    for depth, parent in enumerate(ancestors(node)):
        if parent.tag in ("body", "html") or depth > 10:
            return False
        if parent.tag in ("footer", "aside", "nav") or _NOT_BYLINE_CONTEXT.search(class_id(parent)):
            return True
    return False


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


_CREDIT = re.compile(
    r"^\s*(?:\(|\[)?\s*(?:source|nguồn|quelle|fuente|fonte|źródło|kilde|källa)?\s*[:\-]?\s*"
    r"([A-ZĐ][A-Za-zĐđ/&.\- ]{1,24}?)\s*(?:\)|\])?\s*(?:/\.)?\s*$"
)


def find_source(
    tree: LexborHTMLParser, found: Structured, body: object, profile: SiteProfile | None
) -> tuple[str | None, str | None]:
    """A wire or credit line (``VNA``, ``(dpa)``, ``Source: Reuters``) near the end of the story."""
    selector = profile.selectors.get("source") if profile else None
    if selector:
        node = tree.css_first(selector)
        text = node_text(node)
        if text:
            match = _CREDIT.match(text)
            return (match.group(1).strip() if match else text), PROFILE
    return None, None


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
