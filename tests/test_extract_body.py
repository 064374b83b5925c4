"""The article body: what a reader sees as the story, and nothing the page wraps around it."""

from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser

from scraper import extract
from scraper.extract.body import find_body
from scraper.extract.structured import read_structured
from scraper.models import HEURISTIC, JSON_LD, PROFILE, SiteProfile

URL = "https://news.example.org/society/kols-national-image-123.html"

STORY = [
    "Vietnam is experiencing a rapid expansion of its digital economy, with over 70 million "
    "people actively engaging on social media platforms every single day.",
    "KOLs have demonstrated their power to connect, helping to create new, innovative "
    "approaches to reach both domestic and global audiences across the region.",
    "A notable campaign, launched in celebration of the National Day, garnered widespread "
    "support from the youth and the general public across the whole country.",
    "On TikTok, hashtags spread rapidly, amassing more than 60,000 videos and 10,000 "
    "instances using video templates featuring the national flag of the country.",
]


def page(article: str, *, head: str = "", around: str = "") -> str:
    """A portal page: header chrome, the article, a sidebar and a footer."""
    return f"""<!doctype html><html lang="en"><head><title>Role of KOLs | Portal</title>{head}</head>
<body>
<header class="site-header"><div class="hotline">Hotline: 0274 383 347</div>
<div class="clock">Monday, 22-12-25 13:04:09</div>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/society">Society</a></li>
<li><a href="/economy">Economy</a></li><li><a href="/sports">Sports</a></li></ul></nav></header>
<main>{article}</main>
{around}
<aside class="sidebar"><h3>Enterprise - Brand</h3><ul>
<li><a href="/c/1">Company Social Media Net</a></li><li><a href="/c/2">Company VIETNAMNAY</a></li>
</ul></aside>
<footer class="site-footer"><p>Copyright 2025 Example Portal. All rights reserved.</p></footer>
</body></html>"""


def story_html(extra_inside: str = "", *, lead: bool = False) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in STORY)
    standfirst = (
        '<p class="article-sapo">The role of key opinion leaders in promoting the national '
        "image is growing, officials said at a conference this week.</p>"
        if lead
        else ""
    )
    return f"""<article><div class="article-header"><span class="cat">Society</span>
<h1>Role of KOLs leveraged in national image promotion campaigns</h1>{standfirst}</div>
<div class="article-content">{paragraphs}{extra_inside}</div></article>"""


def body_of(html: str) -> list[str]:
    return list(extract(html, URL).body_paragraphs)


def test_story_paragraphs_are_the_body() -> None:
    article = extract(page(story_html()), URL)
    assert list(article.body_paragraphs) == STORY
    assert article.body_text == "\n\n".join(STORY)


def test_headline_and_page_chrome_are_not_body() -> None:
    text = extract(page(story_html()), URL).body_text
    assert "Role of KOLs leveraged" not in text
    assert "Hotline" not in text
    assert "13:04:09" not in text
    assert "Enterprise - Brand" not in text
    assert "Copyright" not in text


def test_share_bar_is_not_body() -> None:
    share = (
        '<div class="share-buttons"><span>Share</span><a href="https://facebook.com/x">Facebook'
        '</a><a href="https://twitter.com/x">Twitter</a><a href="mailto:?x">E-mail</a></div>'
    )
    paragraphs = body_of(page(story_html(share)))
    assert paragraphs == STORY


def test_tag_line_is_not_body() -> None:
    tags = '<p>Tags: <a href="/tag/survey">a survey</a>, <a href="/tag/kol">KOL</a></p>'
    paragraphs = body_of(page(story_html("<p>Tags: digital economy, campaigns</p>" + tags)))
    assert paragraphs == STORY


def test_source_credit_at_the_end_is_not_body() -> None:
    for credit in ("VNA", "(dpa)", "AFP/Reuters"):
        paragraphs = body_of(page(story_html(f"<p>{credit}</p>")))
        assert paragraphs == STORY, credit


def test_related_block_is_not_body() -> None:
    related = """<section class="box-news"><h2>Related news</h2>
<div class="item"><h3><a href="/a/1">More than 17,000 candidates complete procedures</a></h3>
<p>Over 17,000 candidates in Binh Duong went to examination sites to complete their exam
registration procedures and listen to examination regulations.</p></div>
<div class="item"><h3><a href="/a/2">Joining hands to promote a civilized way of life</a></h3>
<p>In 2025, the operations and movements of the Farmers' Union at all levels have been
creatively integrated with the promotion of cultural lifestyles.</p></div></section>"""
    text = extract(page(story_html(related)), URL).body_text
    assert "17,000 candidates" not in text
    assert "Farmers' Union" not in text
    assert STORY[-1] in text


def test_related_teasers_after_the_article_are_not_body() -> None:
    teasers = "".join(
        f'<div class="story"><h3><a href="/a/{i}">Teaser headline number {i} about the '
        f"province</a></h3><p>Summary {i}: a short line about another article.</p></div>"
        for i in range(8)
    )
    text = extract(page(story_html(), around=f"<div>{teasers}</div>"), URL).body_text
    assert "Teaser headline" not in text
    assert text.startswith(STORY[0])


def test_in_body_read_more_card_is_not_body() -> None:
    card = (
        '<p>Read more: <a href="/a/9">Law on Teachers enacted to enhance teaching '
        "motivation</a></p>"
    )
    story = "".join(f"<p>{t}</p>" for t in STORY[:2]) + card
    story += "".join(f"<p>{t}</p>" for t in STORY[2:])
    html = page(f"<article><h1>Role of KOLs</h1><div class='body'>{story}</div></article>")
    assert body_of(html) == STORY


def test_vietnamese_related_heading_ends_the_body() -> None:
    related = (
        '<div class="tinlienquan"><h3>Tin liên quan</h3><ul><li><a href="/b/1">Bài viết khác '
        'về kinh tế số</a></li><li><a href="/b/2">Chiến dịch quảng bá hình ảnh</a></li></ul></div>'
    )
    assert body_of(page(story_html(related))) == STORY


def test_lead_paragraph_is_kept() -> None:
    paragraphs = body_of(page(story_html(lead=True)))
    assert paragraphs[0].startswith("The role of key opinion leaders")
    assert paragraphs[1:] == STORY


def test_list_items_are_paragraphs() -> None:
    items = "<ul><li>Digital economy growth</li><li>Youth participation</li></ul>"
    paragraphs = body_of(page(story_html("<h2>Key points</h2>" + items)))
    assert paragraphs[-3:] == ["Key points", "Digital economy growth", "Youth participation"]


def test_table_rows_are_text() -> None:
    table = (
        "<table><tr><th>Platform</th><th>Videos</th></tr>"
        "<tr><td>TikTok</td><td>60,000</td></tr></table>"
    )
    paragraphs = body_of(page(story_html(table)))
    assert "Platform Videos" in paragraphs
    assert "TikTok 60,000" in paragraphs


def test_comments_are_not_body() -> None:
    comments = """<section id="comments" class="comments-area"><h2>3 comments</h2>
<div class="comment"><p>This is a really long reader comment that talks at length about the
campaign and why the reader thinks it was a very good idea for the country.</p></div>
<div class="comment"><p>Another long reader comment that disagrees with the previous one and
argues that the money should have been spent on something else entirely.</p></div></section>"""
    text = extract(page(story_html(), around=comments), URL).body_text
    assert "reader comment" not in text
    assert text.startswith(STORY[0])


def test_captions_and_credits_are_not_body() -> None:
    figure = (
        '<figure><img src="/a.jpg"><figcaption>Members of the Youth Union take part in the '
        "campaign. Photo: VNA</figcaption></figure><p>Photo: Nguyen Van A</p>"
    )
    text = extract(page(story_html(figure)), URL).body_text
    assert "Youth Union" not in text
    assert "Nguyen Van A" not in text


def test_hidden_elements_are_not_body() -> None:
    hidden = (
        '<div style="display: none"><p>Subscribe now to read everything we ever wrote.</p></div>'
    )
    assert body_of(page(story_html(hidden))) == STORY


def test_markup_words_do_not_hide_a_wrapped_article() -> None:
    """A layout wrapper named like chrome (``sidebar-grid``) still yields its article."""
    html = page(f'<div class="sidebar-grid">{story_html()}</div>')
    assert body_of(html) == STORY


def test_tree_is_not_modified() -> None:
    html = page(story_html("<p>Tags: survey</p><div class='share'>Share</div>"))
    tree = LexborHTMLParser(html)
    before = tree.html
    found = read_structured(tree, URL)
    result = find_body(tree, found=found, profile=None, headline=None)
    assert result.paragraphs
    assert tree.html == before


def test_root_is_the_article_container() -> None:
    tree = LexborHTMLParser(page(story_html()))
    result = find_body(tree, found=read_structured(tree, URL), profile=None, headline=None)
    assert result.root is not None
    assert result.root.tag in ("div", "article")
    assert "Enterprise - Brand" not in (result.root.text() or "")
    assert result.source == HEURISTIC


def test_profile_selector_wins() -> None:
    profile = SiteProfile(
        name="example", domains=("example.org",), selectors={"body": "div.article-content"}
    )
    article = extract(page(story_html(lead=True)), URL, profile=profile)
    assert list(article.body_paragraphs) == STORY
    assert article.provenance.get("body") == PROFILE


def test_json_ld_article_body_stands_in_for_a_script_rendered_page() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Role of KOLs",
        "articleBody": "\n".join(STORY),
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    html = page('<div id="app">Loading…</div>', head=head)
    article = extract(html, URL)
    assert list(article.body_paragraphs) == STORY
    assert article.provenance.get("body") == JSON_LD


def test_photo_credit_beside_an_image_is_not_body() -> None:
    photo = (
        '<div class="img_wrapper"><img src="/dam.jpg" alt="Dam">'
        "<span>File photo: the reservoir at dawn. (Photo by Wang Peng)</span></div>"
    )
    assert body_of(page(story_html(photo))) == STORY


def test_paragraph_holding_an_inline_image_stays() -> None:
    inline = '<p><img src="/chart.png" alt="">Growth was fastest among users under 25.</p>'
    assert body_of(page(story_html(inline)))[-1] == "Growth was fastest among users under 25."


def test_editor_and_view_count_lines_are_not_body() -> None:
    desk = "<p>责任编辑：王磊</p><p>อ่าน 12,304 ครั้ง</p><p>1.234 Aufrufe</p>"
    assert body_of(page(story_html(desk))) == STORY


def test_heading_over_a_box_of_links_is_not_body() -> None:
    box = (
        '<div class="events"><h2>Key events</h2><ul><li><a href="#b3">13:05 Rate cut confirmed'
        '</a></li><li><a href="#b2">12:31 Speech begins</a></li></ul></div>'
    )
    story = "".join(f"<p>{t}</p>" for t in STORY[:2]) + box
    story += "".join(f"<p>{t}</p>" for t in STORY[2:])
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == STORY


def test_closing_call_to_subscribe_is_not_body() -> None:
    closing = (
        "<p>Never miss the latest news: sign up for our free morning newsletter today.</p>"
        "<p>Follow us on Facebook and Instagram.</p>"
    )
    assert body_of(page(story_html(closing))) == STORY


def test_newsletter_mentioned_inside_the_story_stays() -> None:
    story = "".join(f"<p>{t}</p>" for t in STORY[:2])
    story += "<p>The ministry said its newsletter reached two million readers last year.</p>"
    story += "".join(f"<p>{t}</p>" for t in STORY[2:])
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert "The ministry said its newsletter reached two million readers last year." in body_of(
        html
    )


def test_repeated_embed_placeholder_is_not_body() -> None:
    stub = "<div class='embed'><p>External content not available</p></div>"
    story = "".join(f"<p>{t}</p>{stub}" for t in STORY)
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == STORY


def test_story_cut_into_sections_named_like_ads_is_body() -> None:
    """Each section alone is small; together they are the story, whatever their class."""
    sections = "".join(
        f'<section class="report__section report__section--ads"><h2>Part {i}</h2><p>{t}</p>'
        "</section>"
        for i, t in enumerate(STORY * 2)
    )
    html = page(f"<article class='report'><h1>Role of KOLs</h1>{sections}</article>")
    text = extract(html, URL).body_text
    assert all(t in text for t in STORY)


def test_page_hidden_until_its_script_loads_still_has_a_body() -> None:
    """Some apps wrap the whole server-rendered page in ``<div hidden>`` and reveal it by script."""
    html = page(f"<div hidden>{story_html()}</div>")
    assert body_of(html) == STORY


def test_post_tag_and_category_classes_do_not_hide_the_story() -> None:
    """WordPress names a post's tags and categories in its classes (``tag-…``, ``category-…``)."""
    comment = (
        "<div class='comment'><p>A long reader comment that goes on about the campaign, the "
        "budget, the ministry and what the reader would have done instead of all this.</p></div>"
    )
    comments = f"<section id='comments' class='comments-area'>{comment * 4}</section>"
    post = (
        "<div class='post-12 post type-post category-kommentar tag-wirtschaft tag-social-media'>"
        f"<h1>Role of KOLs</h1><div class='entry'>{''.join(f'<p>{t}</p>' for t in STORY)}</div>"
        "</div>"
    )
    assert body_of(page(post, around=comments)) == STORY


def test_page_builder_widget_blocks_are_story_text() -> None:
    """Page builders wrap every block, story included, in ``elementor-widget-container``."""
    blocks = "".join(
        "<div class='elementor-widget elementor-widget-text-editor'>"
        f"<div class='elementor-widget-container'><p>{t}</p></div></div>"
        for t in STORY
    )
    share = (
        "<div class='elementor-widget elementor-widget-share-buttons'><div class='"
        "elementor-widget-container'><a href='https://facebook.com/x'>Facebook</a></div></div>"
    )
    html = page(f"<div class='elementor-section'><h1>Role of KOLs</h1>{blocks}{share}</div>")
    assert body_of(html) == STORY


def test_sentence_paragraph_with_many_links_stays() -> None:
    linked = (
        '<p>He previously spent four years as <a href="/o/1">spokesman of the national '
        'retailers association</a> and of <a href="/o/2">the chamber of commerce and industry '
        "in the capital city</a>, before joining.</p>"
    )
    teaser = (
        '<p><a href="/a/7">Another story about the national image campaign and the youth '
        "union that ran it across the provinces this year.</a></p>"
    )
    paragraphs = body_of(page(story_html(linked + teaser)))
    assert paragraphs[-1].startswith("He previously spent four years")
    assert not any("Another story" in p for p in paragraphs)


def test_read_also_line_in_a_short_story_does_not_cut_it() -> None:
    """When story text follows the "Read also" line in its box, the box is the story's
    own (a short part of it): only the line and its link are dropped."""
    long = [t + " " + t for t in STORY]  # paragraphs long enough to read as story text
    part = "".join(f"<p>{t}</p>" for t in long[:2])
    part += '<p>Read also:</p><div><a href="/a/5">Another story about the campaign</a></div>'
    part += f"<p>{long[2]}</p>"
    story = f"<div class='part'>{part}</div><div class='part'><p>{long[3]}</p></div>"
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == long


def test_box_toggle_labels_and_live_entry_stamps_are_not_body() -> None:
    noise = "<p>Box aufklappen Box zuklappen</p><p>21:00Antony Clements</p><p>20:42KEY EVENT</p>"
    assert body_of(page(story_html(noise))) == STORY


def test_sign_up_form_in_the_story_is_not_body() -> None:
    form = (
        "<form action='/signup'><p>Get our award-winning daily news email featuring exclusive "
        "stories, opinion and expert analysis</p><label>* FIRST NAME</label><input name='f'>"
        "<p>Registration is a free and easy way to support our journalism and our reporters.</p>"
        "</form>"
    )
    story = "".join(f"<p>{t}</p>" for t in STORY[:2]) + form
    story += "".join(f"<p>{t}</p>" for t in STORY[2:])
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == STORY


def test_paywall_and_consent_notices_are_not_body() -> None:
    notices = (
        "<p>Il vous reste 57% de cet article à lire. La suite est réservée aux abonnés.</p>"
        "<p>Ich bin damit einverstanden, dass mir Inhalte von YouTube angezeigt werden.</p>"
    )
    story = "".join(f"<p>{t}</p>" for t in STORY[:2]) + notices
    story += "".join(f"<p>{t}</p>" for t in STORY[2:])
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == STORY


def test_ruby_readings_are_not_spliced_into_the_text() -> None:
    line = (
        "<p><ruby>外国人<rt>がいこくじん</rt></ruby>の"
        "<ruby>皆<rp>(</rp><rt>みな</rt><rp>)</rp></ruby>さんのためのニュースです。</p>"
    )
    assert "外国人の皆さんのためのニュースです。" in body_of(page(story_html(line)))


def test_story_after_a_related_heading_with_links_resumes() -> None:
    """The link list under "Related" ends where prose starts, even prose with a link in it."""
    related = (
        '<h4>Related</h4><div><a href="/a/3">Youth union praised for campaign</a></div>'
        '<div><a href="/a/4">Provinces join national image drive</a></div>'
    )
    linked = STORY[2].replace("National Day", "<a href='/tag/day'>National Day</a>")
    story = "".join(f"<p>{t}</p>" for t in STORY[:2]) + related + f"<p>{linked}</p>"
    story += f"<p>{STORY[3]}</p>"
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == STORY


def test_author_box_named_like_content_is_not_body() -> None:
    """``entry-content`` inside an author box or related-posts teaser is still that box."""
    box = (
        "<section class='author-box'><div class='data-entry-content'><p>After many years "
        "abroad the author returned home and now writes about media, marketing and the "
        "digital economy for several magazines.</p></div></section>"
        "<div class='related-posts'><div class='related-post-content'><p>Another story about "
        "colours of the season: marsala, terracotta and ochre are back in living rooms.</p>"
        "</div></div>"
    )
    text = extract(page(story_html(box)), URL).body_text
    assert "returned home" not in text
    assert "marsala" not in text
    assert text.startswith(STORY[0])


def test_teaser_cards_inside_the_story_are_not_body() -> None:
    card = (
        "<article class='card'><h3><a href='/a/8'>Province launches its own youth campaign"
        "</a></h3><p>The provincial youth union has launched a campaign of its own, modelled "
        "on the national one, officials said.</p></article>"
    )
    story = "".join(f"<p>{t}</p>" for t in STORY[:2]) + card
    story += "".join(f"<p>{t}</p>" for t in STORY[2:])
    html = page(
        f"<article><h1>Role of KOLs</h1><div class='article-content'>{story}</div></article>"
    )
    assert body_of(html) == STORY


def test_story_whose_own_headline_is_a_link_is_kept() -> None:
    """Blogs link the post's own headline: that article is the story, not a teaser card."""
    post = (
        "<article><h2><a href='/kols'>Role of KOLs</a></h2>"
        f"<div class='entry'>{''.join(f'<p>{t}</p>' for t in STORY)}</div></article>"
    )
    assert body_of(page(f"<div class='posts'>{post}</div>")) == STORY


def _body_with_headline(heading: str, headline: str) -> list[str]:
    article = f"""<article><div class="article-content"><h1>{heading}</h1>
{"".join(f"<p>{text}</p>" for text in STORY)}</div></article>"""
    tree = LexborHTMLParser(page(article))
    found = read_structured(tree, URL)
    return find_body(tree, found=found, profile=None, headline=headline).paragraphs


def test_heading_line_with_a_kicker_is_not_body_when_the_headline_lacks_it() -> None:
    heading = (
        '<span class="kicker">"It will begin soon"</span>'
        "<span>Digital economy grows as influencers reach millions</span>"
    )
    body = _body_with_headline(heading, "Digital economy grows as influencers reach millions")
    assert body == STORY


def test_heading_line_is_not_body_when_the_headline_adds_a_kicker() -> None:
    body = _body_with_headline(
        "Digital economy grows as influencers reach millions",
        "Society: Digital economy grows as influencers reach millions",
    )
    assert body == STORY


def test_heading_that_only_shares_a_short_name_with_the_headline_stays() -> None:
    body = _body_with_headline("Bee Simulator multiplayer and split screen", "Bee Simulator")
    assert body[0] == "Bee Simulator multiplayer and split screen"


def _split_story(second_box: str) -> str:
    first = "".join(f"<p>{text}</p>" for text in STORY[:3])
    links = "".join(
        f'<li><a href="/n/{n}">Another headline of the portal, number {n} of the list</a></li>'
        for n in range(12)
    )
    return page(
        f"""<article><h1>Role of KOLs leveraged in national image promotion campaigns</h1>
<div class="layout"><div class="story-col wide">{first}</div>
<aside class="rail"><a href="/a">Most read one</a><a href="/b">Most read two</a></aside></div>
<div class="box"><ul>{links}</ul></div>
<div class="layout">{second_box}</div></article>"""
    )


def test_story_broken_off_by_a_widget_continues_in_a_box_like_its_own() -> None:
    rest = "".join(f"<p>{text}</p>" for text in STORY[3:] * 2)
    html = _split_story(f'<div class="story-col wide">{rest}</div>')
    assert body_of(html) == STORY + STORY[3:]


def test_teasers_in_a_box_like_the_storys_are_not_its_continuation() -> None:
    summary = (
        "Another story entirely: a summary of a different article on another subject that "
        "the portal wants the reader to click on, long enough to look like a paragraph."
    )
    teasers = f'<p>{summary}</p><p><a href="/x">Read more</a></p>' * 2
    html = _split_story(f'<div class="story-col wide">{teasers}</div>')
    assert body_of(html) == STORY[:3]


def test_next_story_an_endless_page_appends_is_not_body() -> None:
    other = [
        "The football club has opened talks with its former manager about a return to the "
        "dugout, according to several reports published in the country's press today.",
        "Supporters were divided on social media, with many welcoming the news and others "
        "asking whether the club had learned anything from the last ten difficult years.",
    ]
    main = "".join(f"<p>{text}</p>" for text in STORY)
    nxt = "".join(f"<p>{text}</p>" for text in other * 2)
    html = page(
        f"""<article><h1>Role of KOLs leveraged in national image promotion campaigns</h1>
<div class="bodytext">{main}</div></article>
<div class="under-article"><article><h1>Former manager in talks about a return</h1>
<div class="bodytext">{nxt}</div></article></div>"""
    )
    assert body_of(html) == STORY
