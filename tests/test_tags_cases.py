"""Tag cases seen on real news pages: entities, quotes, labels, links in prose, clouds."""

from scraper import extract

BODY = "<p>" + "The city council voted on the new tram line late on Tuesday evening. " * 4 + "</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_escaped_ampersand_in_keywords_is_not_a_separator() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tram",'
        ' "keywords": "Cooperative Governance &amp; Traditional Affairs, Gauteng"}</script>',
        f"<article><h1>Tram</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/a").tags == (
        "Cooperative Governance & Traditional Affairs",
        "Gauteng",
    )


def test_quotes_a_theme_prints_around_tags_are_not_part_of_them() -> None:
    html = page(
        "",
        f"<article><h1>Tram</h1>{BODY}<p class='tags'>"
        "<a href='/tag/review/' rel='tag'>„Review”</a> "
        "<a href='/tag/technik/' rel='tag'>„Technik”</a></p></article>",
    )
    assert extract(html, "https://blog.example/b").tags == ("Review", "Technik")


def test_label_of_a_tag_list_is_not_a_tag() -> None:
    html = page(
        "",
        f"<article><h1>Tram</h1>{BODY}<p class='category keywords'>"
        "<a href='/themen/'>Themen:</a> <a href='/themen/pressefreiheit/'>Pressefreiheit</a>"
        "</p></article>",
    )
    assert extract(html, "https://verband.example/c").tags == ("Pressefreiheit",)


def test_chinese_keywords_separated_by_spaces_are_several_tags() -> None:
    html = page(
        '<meta name="keywords" content="深空探测 探月工程 航天技术">',
        f"<article><h1>Tram</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/d").tags == ("深空探测", "探月工程", "航天技术")


def test_topic_link_inside_a_sentence_is_not_a_tag() -> None:
    html = page(
        "",
        "<article><h1>Tram</h1><div class='article-body'><p>The lawmakers asked "
        "<a href='/category/tech/topics/fbi'>what steps the FBI is taking</a> to protect the "
        "records, and they want an answer before the end of the month.</p></div></article>",
    )
    assert extract(html, "https://news.example/e").tags == ()


def test_mail_link_in_a_tag_section_is_not_a_tag() -> None:
    html = page(
        '<meta name="keywords" content="Notbetrieb, Schulen, Hitze">',
        f"<article><h1>Tram</h1>{BODY}<section class='tabs t-tag'><p>Diese Zusammenfassung "
        "wurde automatisch erzeugt. Wir freuen uns über "
        "<a href='mailto:feedback@zeitung.example'>Ihr Feedback</a>.</p></section></article>",
    )
    assert extract(html, "https://zeitung.example/f").tags == ("Notbetrieb", "Schulen", "Hitze")


def test_sidebar_tag_cloud_is_not_the_articles_tags() -> None:
    cloud = "".join(f"<a href='/tag/t{n}/' rel='tag'>Thema {n}</a>" for n in range(20))
    html = page(
        "",
        f"<article><h1>Tram</h1>{BODY}<footer class='entry-meta'>"
        "<a href='/tag/tram/' rel='tag'>Tram</a></footer></article>"
        f"<aside><div class='widget_tag_cloud'><div class='tagcloud'>{cloud}</div></div></aside>",
    )
    assert extract(html, "https://blog.example/g").tags == ("Tram",)


def test_paragraph_starting_with_a_tag_word_is_not_a_labelled_tag_list() -> None:
    html = page(
        "",
        "<article><h1>Zinsen</h1><p>Tagesgeld bringt wieder Zinsen, schreibt die "
        "<a href='/verbraucher/'>Verbraucherzentrale</a> in ihrer neuen Übersicht.</p>"
        f"{BODY}</article>",
    )
    assert extract(html, "https://news.example/h").tags == ()


def test_topic_navigation_in_the_article_footer_is_its_tag_list() -> None:
    html = page(
        "",
        "<header><nav><a href='/thema/politik' rel='tag'>Politik</a></nav></header>"
        f"<article><h1>Tram</h1>{BODY}<footer><nav class='inline'><ul>"
        "<li><a href='/thema/temu' rel='tag'>Temu</a></li>"
        "<li><a href='/thema/amazon' rel='tag'>Amazon</a></li></ul></nav></footer></article>",
    )
    assert extract(html, "https://news.example/i").tags == ("Temu", "Amazon")


def test_cms_internals_in_jsonld_keywords_lose_to_tags_two_sources_agree_on() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tram",'
        ' "keywords": ["gear", "camping", "travel", "_commerce", "paywall exclude",'
        ' "textaboveleftsmall", "web"]}</script>'
        '<meta name="news_keywords" content="camping,travel,sleep">',
        f"<article><h1>Tram</h1>{BODY}<div class='tags'><a href='/tag/camping'>Camping</a>"
        "<a href='/tag/travel'>Travel</a><a href='/tag/sleep'>Sleep</a></div></article>",
    )
    record = extract(html, "https://magazine.example/j")
    assert record.tags == ("camping", "travel", "sleep")
    assert record.provenance["tags"] == "meta"


def test_seo_news_keywords_lose_to_visible_tags_the_keywords_meta_repeats() -> None:
    html = page(
        '<meta name="news_keywords" content="need, know, cvs health">'
        '<meta name="keywords" content="CVS Health, CVS Pharmacy, Healthcare">',
        f"<article><h1>Tram</h1>{BODY}<p class='post-tags'>Tags: "
        "<a href='/tags/cvs-health'>CVS Health</a>, <a href='/tags/cvs-pharmacy'>CVS Pharmacy</a>, "
        "<a href='/tags/healthcare'>Healthcare</a></p></article>",
    )
    record = extract(html, "https://jobs.example/k")
    assert record.tags == ("CVS Health", "CVS Pharmacy", "Healthcare")
    assert record.provenance["tags"] == "heuristic"


def test_one_declared_tag_list_is_taken_as_it_is() -> None:
    html = page(
        '<meta property="article:tag" content="Tram"><meta property="article:tag" content="Council">',
        f"<article><h1>Tram</h1>{BODY}<div class='tags'><a href='/tag/tram'>Tram</a></div></article>",
    )
    assert extract(html, "https://news.example/l").tags == ("Tram", "Council")
