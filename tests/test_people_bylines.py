"""Bylines as CMSs print them: WordPress, Blogger, Yoast graphs, date lines, handles."""

from scraper import extract

BODY = "<p>" + "The council voted on the new budget after a long debate in the hall. " * 4 + "</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_yoast_graph_author_reference_names_the_person() -> None:
    html = page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Article", "headline": "Budget", "author": {"@id": "https://city.example/#/person/1"}},'
        '{"@type": "Person", "@id": "https://city.example/#/person/1", "name": "Tatyana Turner"}]}'
        "</script>",
        f"<article><h1>Budget</h1>{BODY}</article>",
    )
    assert extract(html, "https://city.example/a").authors == ("Tatyana Turner",)


def test_blogger_post_footer_byline_is_the_author() -> None:
    html = page(
        "",
        "<div class='widget Blog'><div class='post hentry'><h3>Budget</h3>"
        f"<div class='post-body'>{BODY}</div>"
        "<div class='post-footer'><div class='post-footer-line'><span class='post-author vcard'>"
        "Posted by <span class='fn'><a rel='author' href='/profile/1'>T. V. Raman</a></span>"
        "</span></div></div></div></div>"
        "<div class='comments'><span class='comment-author'>Someone Else</span></div>",
    )
    assert extract(html, "https://blog.example/2019/10/budget.html").authors == ("T. V. Raman",)


def test_date_before_by_is_not_part_of_the_name() -> None:
    html = page(
        "",
        "<article><h1>Budget</h1>"
        "<div class='post-meta-author'>Posted on September 21, 2020 by Adi Tzlil</div>"
        f"{BODY}</article>",
    )
    assert extract(html, "https://news.example/b").authors == ("Adi Tzlil",)


def test_weekday_after_a_glued_by_is_cut_from_the_name() -> None:
    html = page(
        "",
        "<article><h1>Budget</h1><div data-testid='prism-byline'><span>By</span>"
        "<a href='/team/alex'>Alex Bozarjian</a> Thursday, November 9, 2023 4:41AM</div>"
        f"{BODY}</article>",
    )
    assert extract(html, "https://news.example/c").authors == ("Alex Bozarjian",)


def test_user_handles_with_digits_or_underscores_are_names() -> None:
    html = page(
        "",
        "<article><h1>Budget</h1><p class='byline'>von <a rel='author' href='/u/1'>freeman1984</a>"
        f"</p>{BODY}</article>",
    )
    assert extract(html, "https://blog.example/d").authors == ("freeman1984",)


def test_german_cms_phrases_before_the_name_are_dropped() -> None:
    html = page(
        "",
        "<article><h1>Budget</h1><span class='documentAuthor'>erstellt von "
        f"<a href='/author/dominique'>Dominique</a> —</span>{BODY}</article>",
    )
    assert extract(html, "https://news.example/e").authors == ("Dominique",)


def test_blog_signed_with_its_own_name_keeps_that_name() -> None:
    html = page(
        '<meta property="og:site_name" content="surfguard">',
        "<article><h1>Budget</h1><span class='byline'><span class='author vcard'>"
        f"<a class='url fn n' href='/author/surfguard/'>surfguard</a></span></span>{BODY}</article>",
    )
    assert extract(html, "https://surfguard.example/f").authors == ("surfguard",)


def test_site_named_byline_gives_way_to_a_later_person_byline() -> None:
    html = page(
        '<meta property="og:site_name" content="Krimiblog">',
        "<header><span class='author'>Krimiblog</span></header>"
        f"<article><h1>Budget</h1><span class='byline'>By Jane Miller</span>{BODY}</article>",
    )
    assert extract(html, "https://krimiblog.example/g").authors == ("Jane Miller",)


def test_registered_organisation_in_meta_gives_way_to_the_byline() -> None:
    html = page(
        '<meta name="author" content="Hanns-Seidel-Stiftung e.V.">',
        f"<article><h1>Budget</h1><p class='author'>Uta Staschewski</p>{BODY}</article>",
    )
    assert extract(html, "https://foundation.example/h").authors == ("Uta Staschewski",)


def test_outlet_and_agency_credit_path_is_not_an_author() -> None:
    html = page(
        "",
        f"<article><h1>Budget</h1>{BODY}<p class='byline'>red, ORF.at/Agenturen</p></article>",
    )
    assert extract(html, "https://news.example/i").authors == ()


def test_lower_case_von_line_above_the_text_names_the_author() -> None:
    html = page(
        "",
        f"<article><h1>Budget</h1><p><i>von Daniela Obers</i></p>{BODY}</article>",
    )
    assert extract(html, "https://magazin.example/j").authors == ("Daniela Obers",)
