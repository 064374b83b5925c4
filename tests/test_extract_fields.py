"""Section, summary, canonical URL and language, each from the page's own signals."""

from scraper import extract

BODY = "<p>" + "Farmers brought their harvest to the market square early on Sunday. " * 4 + "</p>"


def page(head: str, body: str, lang: str = "") -> str:
    return f"<html{lang}><head>{head}</head><body>{body}</body></html>"


def test_section_from_the_breadcrumb_trail() -> None:
    html = page(
        "",
        "<div id='topicpath'><a href='/'>トップ</a> &gt; <a href='/news/'>ニュース</a> &gt; "
        f"<a href='/news/society/'>社会</a></div><article><h1>収穫祭</h1>{BODY}</article>",
    )
    assert extract(html, "https://np.example/news/society/123.html").section == "社会"


def test_section_from_a_jsonld_breadcrumb_list() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": ['
        '{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://np.example/"},'
        '{"@type": "ListItem", "position": 2, "name": "Economy", "item": "https://np.example/economy"},'
        '{"@type": "ListItem", "position": 3, "name": "Harvest", "item": "https://np.example/economy/harvest"}'
        "]}</script>",
        f"<article><h1>Harvest</h1>{BODY}</article>",
    )
    assert extract(html, "https://np.example/economy/harvest").section == "Economy"


def test_menu_links_are_not_the_section() -> None:
    html = page(
        "",
        "<nav><a class='category' href='/city'>City</a><a class='category' href='/sport'>Sport</a></nav>"
        f"<article><h1>Harvest</h1>{BODY}</article>",
    )
    assert extract(html, "https://np.example/x/harvest").section is None


def test_canonical_on_another_site_is_not_ours() -> None:
    html = page(
        "<link rel='canonical' href='https://wire.example/story/1'>",
        f"<article><h1>Harvest</h1>{BODY}</article>",
    )
    assert extract(html, "https://np.example/harvest?utm_source=x").canonical_url is None


def test_canonical_on_the_same_site_is_kept() -> None:
    html = page(
        "<link rel='canonical' href='/harvest'>", f"<article><h1>Harvest</h1>{BODY}</article>"
    )
    assert extract(html, "https://www.np.example/harvest?utm_source=x").canonical_url == (
        "https://www.np.example/harvest"
    )


def test_language_from_the_html_element() -> None:
    html = page("", f"<article><h1>Harvest</h1>{BODY}</article>", lang=" lang='pt-BR'")
    assert extract(html, "https://np.example/a").lang == "pt"
