"""Stories that script renders: the article HTML lives only in the page's app state."""

from __future__ import annotations

import json

from scraper import extract

URL = "https://news.example.org/politics/budget-123"

STORY = [
    "The finance minister allocated four billion to the revenue service in the current "
    "financial year to help it strengthen its capacity to collect more tax revenue.",
    "The tax authority will immediately use the money to hire more than a thousand debt "
    "collectors to claw back up to fifty billion per year in revenue owed to it.",
    "The minister made the announcement when he tabled the budget in parliament on "
    "Wednesday, his third attempt since February, after two earlier proposals failed.",
]

SHELL = """<!doctype html><html lang="en"><head><title>Budget | Portal</title></head><body>
<div id="__next"><header><nav><a href="/">Home</a><a href="/politics">Politics</a></nav></header>
<main><h1>Revenue service gets four billion to hire debt collectors</h1>
<div class="article-body"></div></main><footer>Copyright 2025 Portal</footer></div>
{script}</body></html>"""

STORY_HTML = (
    '<div class="img-box"><img src="/a.jpg"><div class="caption"><p>The minister in '
    "parliament. Photo: Agency</p></div></div>" + "".join(f"<p>{p}</p>" for p in STORY)
)


def test_story_in_next_data_is_the_body_of_an_empty_shell() -> None:
    state = {"props": {"pageProps": {"article": {"title": "Budget", "contentHtml": STORY_HTML}}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    assert list(extract(SHELL.format(script=script), URL).body_paragraphs) == STORY


def test_story_escaped_twice_in_a_server_payload_is_read() -> None:
    inner = json.dumps({"detail": {"contentHtml": STORY_HTML}}).replace("<", "\\u003c")
    script = f"<script>self.__next_f.push([1, {json.dumps(inner)}])</script>"
    assert list(extract(SHELL.format(script=script), URL).body_paragraphs) == STORY


def test_markup_story_wins_over_teasers_in_the_app_state() -> None:
    teasers = "".join(f"<p>Teaser {n}: another story the portal promotes.</p>" for n in range(9))
    state = {"props": {"related": teasers * 3}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    html = SHELL.format(script=script).replace(
        '<div class="article-body"></div>',
        '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in STORY) + "</div>",
    )
    assert list(extract(html, URL).body_paragraphs) == STORY
