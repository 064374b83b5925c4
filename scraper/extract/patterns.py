"""Alternations of many words, compiled so the regex engine searches them fast.

Python's regex engine tries every alternative of ``a|b|c`` at every position of
a text. Grouped by first letter (``c(?:omment|ookie)|k(?:...)``) it tries one
group per position; the matches are the same. The chrome, gate and label
vocabularies run on every class word and many lines of every page.
"""

from __future__ import annotations

import re


def word_start(alternatives: str, *, before: str = "", after: str = "") -> re.Pattern[str]:
    """A regex for any of ``alternatives`` (``a|b|c``) starting a word part."""
    return re.compile(rf"(?<![a-z0-9]){before}(?:{alternation(alternatives)}){after}")


def grouped(alternatives: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(alternatives, flags)``, regrouped to search faster."""
    return re.compile(alternation(alternatives, fold=bool(flags & re.IGNORECASE)), flags)


def alternation(alternatives: str, *, fold: bool = False) -> str:
    """``alternatives`` regrouped by first letter (case-folded with ``fold``).

    A leading ``(?:x|y)z`` is spelt out as ``xz|yz`` first; alternatives that start
    with anything but a letter stay as they are.
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in _expand(alternatives):
        if alternative[:1].isalpha():
            first = alternative[0].lower() if fold else alternative[0]
            groups.setdefault(first, []).append(alternative[1:])
        else:
            others.append(alternative)
    parts = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return "|".join(parts + others)


def _expand(alternatives: str) -> list[str]:
    """Top-level alternatives, with a leading group distributed over what follows it."""
    out: list[str] = []
    for alternative in _split_top(alternatives):
        if alternative.startswith("(?:"):
            inner, rest = _group_end(alternative)
            if not rest.startswith(("?", "*", "+", "{")):  # not a repeated group
                out.extend(_expand("|".join(a + rest for a in _split_top(inner))))
                continue
        out.append(alternative)
    return out


def _split_top(pattern: str) -> list[str]:
    """``pattern`` cut at the ``|`` outside any group or character class."""
    parts: list[str] = []
    depth, start, index = 0, 0, 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _group_end(alternative: str) -> tuple[str, str]:
    """(inside, after) of the ``(?:...)`` group that opens ``alternative``."""
    depth = 0
    for index, char in enumerate(alternative):
        if char == "(" and alternative[index - 1 : index] != "\\":
            depth += 1
        elif char == ")" and alternative[index - 1 : index] != "\\":
            depth -= 1
            if depth == 0:
                return alternative[3:index], alternative[index + 1 :]
    raise ValueError(f"unbalanced {alternative!r}")
