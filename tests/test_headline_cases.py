"""Which heading is the story's title, and how its parts are joined, on real-world layouts."""

from scraper import extract


def page(head: str, body: str) -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


ARTICLE = "<p>" + "The council met on Tuesday to debate the new budget for the city. " * 4 + "</p>"


def test_theme_switch_naming_the_sidebar_off_does_not_make_the_article_chrome() -> None:
    html = page(
        "<meta property='og:title' content='Decanting wine: everything worth knowing'>",
        "<div class='post-wrap sidebar-off'><div class='hero'><h1 class='entry-title'>"
        "Decanting wine: everything worth knowing about a special step</h1></div>"
        "<div class='content'><article><h2>Decanting wine: steps and tips</h2>"
        f"{ARTICLE}<h2>Which wines gain from decanting?</h2>{ARTICLE}</article></div></div>",
    )
    assert extract(html, "https://wine.example/decanting").headline == (
        "Decanting wine: everything worth knowing about a special step"
    )


def test_slider_of_related_titles_is_not_the_headline_even_when_one_matches_the_meta() -> None:
    slides = "".join(
        f"<div class='slide'><h3 class='slide-entry-title entry-title'><a href='/{n}'>{t}</a>"
        "</h3></div>"
        for n, t in enumerate(
            ["Ultium Cells raises gigafactory capacity", "VW looks for a plant site"] * 2
            + ["Lithium refinery construction starts", "New battery test centre opens"]
        )
    )
    html = page(
        "<meta property='og:title' content='Ultium Cells raises gigafactory capacity'>",
        "<main><article><h1>Ultium Cells raises gigafactory capacity in Tennessee</h1>"
        f"{ARTICLE}</article><div class='slider'>{slides}</div></main>",
    )
    assert extract(html, "https://battery.example/ultium").headline == (
        "Ultium Cells raises gigafactory capacity in Tennessee"
    )


def test_heading_that_opens_the_title_tag_wins_over_the_subtitle_after_the_dash() -> None:
    html = page(
        "<title>Ground truths - Ann Cotten weaves the local and the global into her new book"
        " of instructions : review.example</title>",
        "<div><h1>Ground truths</h1><h2>Ann Cotten weaves the local and the global into her"
        f" new book of instructions</h2>{ARTICLE}</div>",
    )
    assert extract(html, "https://review.example/cotten").headline == "Ground truths"


def test_lower_case_clause_after_a_dash_is_part_of_the_title_not_a_site_name() -> None:
    html = page(
        "<meta property='og:title' content='The ice saints of 2024 arrive next week: when"
        " exactly they are - and what the weather will do'>",
        f"<div>{ARTICLE}</div>",
    )
    assert extract(html, "https://ruhr.example/ice-saints").headline == (
        "The ice saints of 2024 arrive next week: when exactly they are"
        " - and what the weather will do"
    )


def test_colon_the_layout_leaves_out_between_title_parts_is_taken_from_the_meta_title() -> None:
    html = page(
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle",'
        ' "headline": "The ice saints 2024: When they are and what the weather will do"}'
        "</script>",
        "<article><h2 class='article__title'><span class='article__catch-title'>The ice saints"
        " 2024</span> <span class='article__sub-title'>When they are and what the weather will"
        f" do</span></h2>{ARTICLE}</article>",
    )
    assert extract(html, "https://ruhr.example/ice-saints").headline == (
        "The ice saints 2024: When they are and what the weather will do"
    )


def test_hidden_colon_between_kicker_and_title_is_read_when_the_heading_is_kept_whole() -> None:
    html = page(
        "<meta property='og:title' content='Arms exports: complaint filed'>",
        "<article><h1><span class='reader__subline'>Arms exports<span class='visually-hidden'>:"
        "</span></span> <span class='reader__topline'>Palestinian files a constitutional"
        f" complaint</span></h1>{ARTICLE}</article>",
    )
    assert extract(html, "https://law.example/a/1").headline == (
        "Arms exports: Palestinian files a constitutional complaint"
    )


def test_hidden_dash_before_the_title_does_not_bring_a_section_kicker_back() -> None:
    html = page(
        "<meta property='og:title' content='Pandemic - “It also matters how people die”'>",
        "<article><h1 itemprop='headline'><span class='teaser__kicker'>Pandemic</span>"
        "<span class='visually-hidden'> - </span><span class='h1'>“It also matters how people"
        f" die”</span></h1>{ARTICLE}</article>",
    )
    assert extract(html, "https://mag.example/a/2").headline == "“It also matters how people die”"


def test_korean_section_and_site_name_joined_without_spaces_are_dropped() -> None:
    html = (
        "<!doctype html><html lang='ko'><head><meta property='og:site_name' content='한국일보'>"
        "<meta property='og:title' content='여야, 예산안 합의 불발… \"협상 계속\"-정치ㅣ한국일보'>"
        f"</head><body><div>{ARTICLE}</div></body></html>"
    )
    assert extract(html, "https://news.example.kr/a/1").headline == (
        '여야, 예산안 합의 불발… "협상 계속"'
    )


def test_one_word_section_before_the_site_name_is_not_part_of_the_title() -> None:
    html = page(
        "<title>Council approves the budget after a long night - Politics | Gazette</title>"
        "<meta property='og:site_name' content='Gazette'>",
        f"<div>{ARTICLE}</div>",
    )
    assert extract(html, "https://gazette.example/a/2").headline == (
        "Council approves the budget after a long night"
    )


def test_date_run_into_the_heading_is_not_part_of_the_headline() -> None:
    html = page(
        "<meta property='og:title' content='23.01.2022 - Wierer celebrates at the season finale'>",
        "<article><h2 class='headline'>23.01.2022 - Wierer celebrates at the season finale</h2>"
        f"{ARTICLE}</article>",
    )
    assert extract(html, "https://biathlon.example/news/9").headline == (
        "Wierer celebrates at the season finale"
    )


def test_highline_above_the_title_is_a_kicker() -> None:
    html = page(
        "<meta property='og:title' content='Sick child? What employers need to know now'>",
        "<article><div class='title' itemprop='headline'><span class='highline'>Sick child</span>"
        f" What employers need to know about parents' rights</div>{ARTICLE}</article>",
    )
    assert extract(html, "https://biz.example/a/3").headline == (
        "What employers need to know about parents' rights"
    )
