"""The story of a page that script renders: article HTML kept in the page's app state.

Next.js (``__NEXT_DATA__``, React server payloads), Nuxt and many in-house apps ship
the article as an HTML string inside an inline script and build the markup in the
browser; the saved page then shows a shell with no story. Such a string holds
``<p>`` paragraphs, JSON-escaped once or twice (``\\u003cp\\u003e``, ``\\"``). The
one with the most paragraph text is the story. Only read when the markup yields
next to nothing, so ordinary pages pay nothing for it.
"""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: A JSON string literal long enough to hold a story (its escapes kept).
_STRING = re.compile(r'"((?:[^"\\]|\\.){400,})"', re.DOTALL)
#: An opening paragraph tag, plain or JSON-escaped.
_PARAGRAPH = re.compile(r"<p[\s>]|\\+u003cp(?:[\s>]|\\+u003e)", re.IGNORECASE)
#: Most escaping levels undone (a JSON document inside a JSON string inside a script).
_MAX_DECODE = 3
#: Fewest ``<p>`` paragraphs that make an HTML string a story.
_MIN_PARAGRAPHS = 3


def script_html(top: LexborNode) -> str | None:
    """The richest story HTML embedded in the inline scripts under ``top``, if any."""
    best: str | None = None
    best_size = 0
    for script in top.css("script"):
        if script.attributes.get("src"):
            continue
        code = script.text(deep=True)
        if len(code) < 400 or not _PARAGRAPH.search(code):
            continue
        for value in _html_strings(code, _MAX_DECODE):
            size = _text_size(value)
            if size > best_size:
                best, best_size = value, size
    return best


def _html_strings(code: str, depth: int) -> list[str]:
    """The values of the JSON string literals in ``code`` that hold paragraphs; a value
    that is itself JSON with escaped markup (a payload inside a string) is read in turn."""
    out: list[str] = []
    for literal in _STRING.finditer(code):
        raw = literal.group(1)
        if not _PARAGRAPH.search(raw):
            continue
        try:
            value = json.loads(f'"{raw}"')
        except ValueError:
            continue
        if depth > 1 and ("\\u003c" in value or '\\"' in value):
            out.extend(_html_strings(value, depth - 1))
        elif len(_PARAGRAPH.findall(value)) >= _MIN_PARAGRAPHS:
            out.append(value)
    return out


def _text_size(value: str) -> int:
    """Characters of paragraph text (tags, and the values of attributes, not counted)."""
    tree = LexborHTMLParser(value)
    return sum(len(p.text(deep=True).strip()) for p in tree.css("p"))
