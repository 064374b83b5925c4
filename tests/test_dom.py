"""Visible text of a subtree, as the field extractors read it."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.dom import node_text


def _first(html: str, selector: str) -> LexborNode:
    node = LexborHTMLParser(html).css_first(selector)
    assert node is not None
    return node


def test_inline_markup_joins_words_and_blocks_separate_them() -> None:
    node = _first("<div><p>Bin<b>h</b> Duong</p><p>Hotline<br>0274</p></div>", "div")
    assert node_text(node) == "Binh Duong Hotline 0274"


def test_comments_scripts_and_styles_are_not_text() -> None:
    html = "<div>Role<!-- KOL --> of <script>var x = 1;</script><style>p{}</style>KOLs</div>"
    assert node_text(_first(html, "div")) == "Role of KOLs"


def test_skipped_parts_are_left_out_but_the_node_itself_is_read() -> None:
    node = _first('<h2 class="kicker">Society <span class="kicker">VNA</span> news</h2>', "h2")

    def is_kicker(element: LexborNode) -> bool:
        return "kicker" in (element.attributes.get("class") or "")

    assert node_text(node, skip=is_kicker) == "Society news"


def test_zero_width_characters_and_runs_of_spaces_are_dropped() -> None:
    node = _first("<p>  Thu\u200bDau   Mot\n city </p>", "p")
    assert node_text(node) == "ThuDau Mot city"
