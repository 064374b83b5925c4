"""Date lines in layout containers whose class names sound like chrome but are not."""

from __future__ import annotations

from datetime import date

from scraper import extract

URL = "https://news.example.org/story/wetlands"

BODY = """<p>The council approved the plan to restore the wetlands along the river after a long
debate about costs, access for anglers and the future of the old pumping station.</p>
<p>Work starts in spring and should be finished before the migratory birds return.</p>"""


def _page(main: str, *, after: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head><title>Wetlands</title></head><body>
<header class="site-header"><nav><a href="/">Home</a></nav></header>
{main}
{after}
<footer class="site-footer"><p>© 2024 Example News</p></footer>
</body></html>"""


def _published_day(html: str) -> date | None:
    article = extract(html, URL)
    return article.published_at.date() if article.published_at else None


def test_drupal_promoted_node_still_gives_its_date() -> None:
    html = _page(
        """<div class="main-content"><h1 class="page-title">Council restores the wetlands</h1>
<div class="region"><article class="node node-article node-promoted">
<header class="node-header"><p class="submitted">Submitted by anna on
<time datetime="2019-07-07T18:44:31+02:00">7 July 2019 - 18:44</time></p></header>
<div class="field-body">"""
        + BODY
        + '</div><div class="field-more">'
        + BODY
        + "</div></article></div></div>"
    )
    assert _published_day(html) == date(2019, 7, 7)


def test_page_builder_widgets_are_not_sidebar_widgets() -> None:
    html = _page(
        """<div class="elementor-section"><div class="elementor-widget-wrap">
<div class="elementor-element elementor-widget elementor-widget-heading">
<div class="elementor-widget-container"><h1>Council restores the wetlands</h1></div></div>
<div class="elementor-element elementor-widget elementor-widget-post-info">
<div class="elementor-widget-container"><ul><li><span>19 October 2019</span></li></ul></div></div>
<div class="elementor-element elementor-widget elementor-widget-theme-post-content">
<div class="elementor-widget-container">"""
        + BODY
        + "</div></div></div></div>"
    )
    assert _published_day(html) == date(2019, 10, 19)


def test_main_column_of_a_sidebar_layout_is_the_article() -> None:
    html = _page(
        """<main><div class="lay"><h1>Council restores the wetlands</h1></div>
<div class="lay-sidebar"><div class="sidebar__main"><span class="mod-date">
<time class="com-date">3 May 2022</time> <time class="com-hour">21:25</time></span>
<div class="article-body">"""
        + BODY
        + """</div></div><div class="sidebar__aside"><h2>Latest</h2><ul>
<li><a href="/a">Another story</a> <span class="date">4 May 2022</span></li></ul></div>
</div></main>"""
    )
    assert _published_day(html) == date(2022, 5, 3)


def test_a_real_sidebar_widget_date_is_still_ignored() -> None:
    html = _page(
        """<main><h1>Council restores the wetlands</h1><div class="content">"""
        + BODY
        + """</div></main>""",
        after="""<div class="sidebar"><div class="box-recent">
<span>4 May 2022</span><a href="/b">Other news</a></div></div>""",
    )
    assert _published_day(html) is None


def test_attachment_in_a_download_list_does_not_date_the_article() -> None:
    html = _page(
        """<main><h1>Council restores the wetlands</h1>
<div class="docdata news"><span class="value">18.10.2021</span></div><div class="text">"""
        + BODY
        + """<p><span class="c-download-list__li"><a class="publication" href="/letter.pdf">
Information letter of 14 October 2021</a></span></p></div></main>"""
    )
    assert _published_day(html) == date(2021, 10, 18)


def test_photo_caption_date_is_not_the_publication_date() -> None:
    html = _page(
        """<main><h1>Council restores the wetlands</h1><div class="picbox full">
<img src="/river.jpg" alt=""><p>Anglers on the river bank at Millford, 24 April 2023</p></div>
<div class="longtext">"""
        + BODY
        + "</div></main>"
    )
    assert _published_day(html) is None


def test_reference_list_dates_are_not_the_publication_date() -> None:
    html = _page(
        """<main><h1>Council restores the wetlands</h1><div class="text">"""
        + BODY
        + """</div><dl class="lemma-reference"><dd><ul class="reference-list">
<li class="reference-item"><span>City news, wetlands plan [accessed 2013-10-22]</span></li>
</ul></dd></dl></main>"""
    )
    assert _published_day(html) is None
