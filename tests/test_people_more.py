"""Bylines whose label and name sit in separate elements, longer byline phrases, and
page layouts whose class names mention a sidebar."""

from scraper import extract

BODY = "<p>" + "The council voted on the new budget after a long debate in the hall. " * 4 + "</p>"


def page(body: str) -> str:
    return f"<html><head></head><body>{body}</body></html>"


def test_label_in_its_own_element_names_the_author_after_it() -> None:
    html = page(
        "<article><h1>Budget</h1>"
        "<div class='article_meta_info'><span class='trend'>new!</span>"
        "<span class='screen-reader-text'>| By </span>\n      <span>Cara Stiles</span> | "
        "<time>April 13, 2020</time></div>"
        f"{BODY}</article>"
    )
    assert extract(html, "https://news.example/a").authors == ("Cara Stiles",)


def test_bold_autor_label_then_linked_name_is_the_author() -> None:
    html = page(
        f"<article><h1>Budget</h1>{BODY}"
        "<p><strong>Autor:</strong> <a href='/profil/207'>Klausmartin Friedrich</a><br/>"
        "<strong>Tags:</strong> <a href='/tag/1907'>1907</a></p></article>"
    )
    assert extract(html, "https://news.example/a").authors == ("Klausmartin Friedrich",)


def test_author_menu_entry_is_not_a_label() -> None:
    html = page(
        "<nav><div class='meta__container'><ul><li>Themen</li><li>Autoren</li>"
        "<li>Gerichte</li></ul></div></nav>"
        f"<article><h1>Budget</h1>{BODY}</article>"
    )
    assert extract(html, "https://news.example/a").authors == ()


def test_blog_post_and_posted_by_phrases_name_the_author() -> None:
    blog = page(
        f"<article><h1>Budget</h1><p>Blog Beitrag von Margarita Koreneva</p>{BODY}</article>"
    )
    posted = page(
        "<article><h1>Budget</h1><span class='category'>Posted by Konstantin</span>"
        f"{BODY}</article>"
    )
    assert extract(blog, "https://blog.example/a").authors == ("Margarita Koreneva",)
    assert extract(posted, "https://blog.example/a").authors == ("Konstantin",)


def test_french_auteurs_class_names_the_author() -> None:
    html = page(
        "<div class='cartouche'><h1>Turpitude</h1>"
        "<div class='dates_auteurs'> par <span class='auteurs'>Didier Roy</span>, 21 juin 2018"
        f"</div></div><div class='texte'>{BODY}</div>"
    )
    assert extract(html, "https://blog.example/a").authors == ("Didier Roy",)


def test_one_sidebar_layout_class_is_not_a_sidebar() -> None:
    html = page(
        "<div class='panel-display zen-one-sidebar-second'><div class='signature'>"
        "<span class='field-contributor'>Par&nbsp;<a href='/node/mh'>Matthieu Hy</a></span>"
        f"</div><h1>Raoult</h1>{BODY}</div>"
    )
    assert extract(html, "https://news.example/a").authors == ("Matthieu Hy",)


def byline_page(byline: str) -> str:
    return page(f"<article><h1>Budget</h1><div class='byline'>{byline}</div>{BODY}</article>")


def test_closing_initial_and_jr_keep_their_dot() -> None:
    initial = extract(byline_page("By Juan Carlos Muñoz C."), "https://news.example/a")
    junior = extract(byline_page("By Perry Bacon Jr."), "https://news.example/a")
    plain = extract(byline_page("By Rodolfo Costa."), "https://news.example/a")
    assert initial.authors == ("Juan Carlos Muñoz C.",)
    assert junior.authors == ("Perry Bacon Jr.",)
    assert plain.authors == ("Rodolfo Costa",)


def test_degree_after_the_name_is_not_a_second_author() -> None:
    html = byline_page("By Grant Tinsley, PhD")
    assert extract(html, "https://news.example/a").authors == ("Grant Tinsley",)


def test_interview_label_is_not_part_of_the_name() -> None:
    html = byline_page("Interview: Julia Lauter")
    assert extract(html, "https://news.example/a").authors == ("Julia Lauter",)


def test_cms_login_names_and_buttons_are_not_authors() -> None:
    for label in ("admin", "wordpressadmin", "No Author", "Follow"):
        html = byline_page(label)
        assert extract(html, "https://news.example/a").authors == (), label


def test_copyright_line_is_a_photo_credit_not_the_author() -> None:
    html = byline_page("© Kathrin Führes")
    assert extract(html, "https://news.example/a").authors == ()


def test_twice_escaped_entity_in_meta_author_is_decoded() -> None:
    html = (
        "<html><head><meta name='author' content='Redacci&amp;oacute;n Diario Siete'></head>"
        f"<body><article><h1>Budget</h1>{BODY}</article></body></html>"
    )
    assert extract(html, "https://news.example/a").authors == ("Redacción Diario Siete",)
