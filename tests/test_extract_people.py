"""Authors are people; the wire credit and the site's own name are not authors."""

from scraper import extract

BODY = (
    "<p>" + "Residents gathered outside the town hall on Monday evening to protest. " * 4 + "</p>"
)


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_jsonld_authors_are_split_into_people() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Protest",'
        ' "author": [{"@type": "Person", "name": "Anna Berg"}, {"@type": "Person", "name": "Jan Holm"}]}'
        "</script>",
        f"<article><h1>Protest</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/a").authors == ("Anna Berg", "Jan Holm")


def test_publisher_named_as_author_gives_way_to_the_byline() -> None:
    html = page(
        '<meta property="og:site_name" content="Town Courier">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Protest",'
        ' "author": {"@type": "Organization", "name": "Town Courier"}}</script>',
        f"<article><h1>Protest</h1><p class='byline'>By Maria Lopez</p>{BODY}</article>",
    )
    assert extract(html, "https://towncourier.example/a").authors == ("Maria Lopez",)


def test_site_author_kept_when_no_person_is_named() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Protest",'
        ' "author": {"@type": "Organization", "name": "ORF.at"}}</script>',
        f"<article><h1>Protest</h1>{BODY}</article>",
    )
    assert extract(html, "https://orf.at/stories/1").authors == ("ORF.at",)


def test_byline_line_with_two_names() -> None:
    html = page(
        "",
        f"<article><h1>Protest</h1><p>Von Roland Brockmann und Sebastian Drescher</p>{BODY}</article>",
    )
    assert extract(html, "https://news.example/b").authors == (
        "Roland Brockmann",
        "Sebastian Drescher",
    )


def test_comment_authors_are_not_article_authors() -> None:
    html = page(
        "",
        f"<article><h1>Protest</h1>{BODY}</article>"
        "<section class='comments'><div class='comment-author'>Burnsy</div><p>Great piece</p></section>",
    )
    assert extract(html, "https://news.example/c").authors == ()


def test_photo_credit_and_profile_slugs_are_not_authors() -> None:
    html = page(
        '<meta name="author" content="Emma Mackenzie">'
        '<meta property="article:author" content="emma-mackenzie">'
        '<meta name="parsely-author" content="Image: Getty Images">',
        f"<article><h1>Protest</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/d").authors == ("Emma Mackenzie",)


def test_yoast_written_by_card_names_the_author() -> None:
    html = page(
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Timo Shihepo">',
        f"<article><h1>Protest</h1>{BODY}</article>",
    )
    assert extract(html, "https://news.example/e").authors == ("Timo Shihepo",)
