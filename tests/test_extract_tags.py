"""Tags come from metadata and tag lists; CMS internals and menus are not tags."""

from scraper import extract

BODY = "<p>" + "The museum opened its new wing to visitors on Saturday morning. " * 4 + "</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_article_tags_from_opengraph_in_order() -> None:
    html = page(
        '<meta property="article:tag" content="Museums"><meta property="article:tag" content="Art">'
        '<meta property="article:tag" content="museums">',
        f"<article><h1>New wing</h1>{BODY}</article>",
    )
    record = extract(html, "https://news.example/a")
    assert record.tags == ("Museums", "Art")
    assert record.provenance["tags"] == "opengraph"


def test_cms_internal_values_are_not_tags() -> None:
    html = page(
        '<meta property="article:tag" content="26157981-b4f7-4929-adc1-e860c6f03636">'
        '<meta property="article:tag" content="Category: Travel">'
        '<meta property="article:tag" content="NLP Category: General">'
        '<meta property="article:tag" content="o.canada.com">'
        '<meta property="article:tag" content="Fairmont Jasper park">',
        f"<article><h1>New wing</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/b").tags == ("Fairmont Jasper park",)


def test_jsonld_keywords_string_is_split() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "New wing",'
        ' "keywords": "museum, art,  city life"}</script>',
        f"<article><h1>New wing</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/c").tags == ("museum", "art", "city life")


def test_tag_list_links_in_the_article_footer() -> None:
    html = page(
        "",
        "<nav><a href='/themen/'>Alle Themen</a><a href='/tag/politik/'>Politik</a></nav>"
        f"<article><h1>New wing</h1>{BODY}<footer class='entry-footer'><span class='tags-links'>"
        "<a href='/tag/museum/' rel='tag'>Museum</a> <a href='/tag/kunst/' rel='tag'>Kunst</a>"
        "</span></footer></article>",
    )
    assert extract(html, "https://news.example/d").tags == ("Museum", "Kunst")


def test_menu_links_to_topic_pages_are_not_tags() -> None:
    html = page(
        "",
        "<header><nav class='menu'><a href='/themen/'>Alle Themen</a>"
        "<a href='/thema/politik/'>Politik</a></nav></header>"
        f"<article><h1>New wing</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/e").tags == ()


def test_labelled_tag_box_without_tag_urls() -> None:
    html = page(
        "",
        f"<article><h1>New wing</h1>{BODY}<div class='field field--name-field-tags'>"
        "<div class='field__label'>Mots-clés</div><a href='/taxonomy/term/112'>Grenoble</a>"
        "<a href='/taxonomy/term/87'>Bus</a></div></article>",
    )
    assert extract(html, "https://news.example/f").tags == ("Grenoble", "Bus")


def test_wordpress_category_link_is_the_section_not_a_tag() -> None:
    html = page(
        "",
        f"<article><h1>New wing</h1>{BODY}<footer><span class='cat-links'>"
        "<a href='/category/culture/' rel='category tag'>Culture</a></span> <span class='tags-links'>"
        "<a href='/tag/museum/' rel='tag'>Museum</a></span></footer></article>",
    )
    record = extract(html, "https://news.example/g")
    assert record.tags == ("Museum",)
    assert record.section == "Culture"


def test_related_news_list_labelled_tin_lien_quan_is_teasers_not_tags() -> None:
    html = """<!doctype html><html lang="vi"><head><title>Mưa lớn gây ngập ở Huế</title></head>
<body><article><h1>Mưa lớn gây ngập ở Huế</h1>
<p>Mưa lớn kéo dài từ đêm qua khiến nhiều tuyến phố ở trung tâm thành phố Huế ngập sâu,
giao thông ách tắc.</p>
<p>Chính quyền địa phương đã huy động lực lượng hỗ trợ người dân di dời tài sản.</p>
<div class="related"><p><strong>Tin liên quan:</strong>
<a href="/xa-hoi/lu-tren-song-huong-len-nhanh-4673200.html">Lũ trên sông Hương lên nhanh</a>,
<a href="/xa-hoi/hue-cho-hoc-sinh-nghi-hoc-4673190.html">Huế cho học sinh nghỉ học</a></p>
</div></article></body></html>"""
    record = extract(html, "https://tinnhanh.example.vn/xa-hoi/mua-lon-o-hue-4673210.html")
    assert record.tags == ()
    assert [t.title for t in record.teasers] == [
        "Lũ trên sông Hương lên nhanh",
        "Huế cho học sinh nghỉ học",
    ]
