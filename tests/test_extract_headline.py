"""The headline is what the page shows, not the SEO title with the site's name."""

from scraper import extract


def page(head: str, body: str) -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


ARTICLE = "<p>" + "The council met on Tuesday to debate the new budget for the city. " * 4 + "</p>"


def test_site_name_is_dropped_from_the_title_tag() -> None:
    html = page(
        "<title>Council approves budget | Springfield Gazette</title>"
        "<meta property='og:site_name' content='Springfield Gazette'>",
        f"<main>{ARTICLE}</main>",
    )
    assert (
        extract(html, "https://gazette.example/news/budget").headline == "Council approves budget"
    )


def test_visible_headline_wins_over_an_seo_title() -> None:
    html = page(
        "<title>Budget 2025: everything you need to know - Gazette</title>"
        "<meta property='og:title' content='Budget 2025: everything you need to know'>",
        "<header><a href='/'><h1 class='logo'>Gazette</h1></a></header>"
        f"<article><h1>Council approves the 2025 budget after a long night</h1>{ARTICLE}</article>",
    )
    record = extract(html, "https://gazette.example/news/budget")
    assert record.headline == "Council approves the 2025 budget after a long night"


def test_site_logo_heading_is_not_the_headline() -> None:
    html = page(
        "<title>Nach viel zu langer Zeit mal wieder | Ein Hundetagebuch</title>",
        "<div id='site'><header><hgroup><h1>Ein Hundetagebuch</h1></hgroup></header>"
        "<article><header class='post-title'><h1>Nach viel zu langer Zeit mal wieder</h1></header>"
        f"{ARTICLE}</article>"
        "<aside><h1 class='widget-title'>Archiv</h1></aside></div>",
    )
    assert extract(html, "https://blog.example/2020/01/post").headline == (
        "Nach viel zu langer Zeit mal wieder"
    )


def test_menu_entry_with_the_title_is_not_the_headline() -> None:
    html = page(
        "<title>Fire in Lichterfelde: toxic smoke warning</title>",
        "<nav><ul><li><h1>Fire in Lichterfelde: toxic smoke warning</h1></li></ul></nav>"
        f"<main><article><h2>Fire in Lichterfelde: warning of toxic fumes</h2>{ARTICLE}</article></main>",
    )
    assert extract(html, "https://news.example/a/1").headline == (
        "Fire in Lichterfelde: warning of toxic fumes"
    )


def test_kicker_inside_the_heading_is_not_part_of_the_headline() -> None:
    html = page(
        "<meta property='og:title' content='Drilling until it gets hot'>",
        "<article><h1><span class='article-kicker'>Climate</span>"
        f"<span class='article-title'>Drilling until it gets hot</span></h1>{ARTICLE}</article>",
    )
    assert extract(html, "https://news.example/a/2").headline == "Drilling until it gets hot"


def test_kicker_kept_where_the_publisher_counts_it_as_part_of_the_title() -> None:
    html = page(
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle",'
        ' "headline": "Climate: Drilling until it gets hot"}</script>',
        "<article><h1><span class='kicker'>Climate</span>"
        f"<span>Drilling until it gets hot</span></h1>{ARTICLE}</article>",
    )
    assert (
        extract(html, "https://news.example/a/3").headline == "Climate: Drilling until it gets hot"
    )


def test_headline_from_meta_when_the_page_has_no_heading() -> None:
    html = page(
        "<meta property='og:title' content='Harbour reopens after storm – Coast News'>"
        "<meta property='og:site_name' content='Coast News'>",
        f"<div>{ARTICLE}</div>",
    )
    record = extract(html, "https://coast.example/harbour")
    assert record.headline == "Harbour reopens after storm"
    assert record.provenance["headline"] == "opengraph"


def test_screen_reader_label_inside_the_heading_is_not_the_headline() -> None:
    html = page(
        "<title>Energy transition and social change</title>",
        "<article><h1 class='document-title'><div><span class='visuallyhidden'>Headline:</span>"
        f" Energy transition and social change</div></h1>{ARTICLE}</article>",
    )
    assert extract(html, "https://inst.example/news/1").headline == (
        "Energy transition and social change"
    )


def test_theme_arrows_around_the_heading_are_dropped() -> None:
    html = page("", f"<article><h1>[&gt; Jens Weber</h1>{ARTICLE}</article>")
    assert extract(html, "https://studio.example/team/weber").headline == "Jens Weber"


def test_quotes_and_brackets_that_belong_to_the_title_stay() -> None:
    html = page("", f"<article><h1>»Haltet unsere Gewässer sauber!«</h1>{ARTICLE}</article>")
    assert extract(html, "https://club.example/a").headline == "»Haltet unsere Gewässer sauber!«"


def test_site_name_joined_without_spaces_in_a_chinese_title() -> None:
    html = page(
        "<title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>"
        "<meta property='og:site_name' content='新华网'>",
        f"<div>{ARTICLE}</div>",
    )
    assert extract(html, "https://xinhua.example/c_1.htm").headline == (
        "武汉的声音：有英勇的你，才有英雄的城！"
    )


def test_hidden_colon_between_kicker_and_title_is_kept_where_the_title_has_it() -> None:
    html = page(
        "<meta property='og:title' content='North Atlantic: “Oceans are overheating”'>",
        "<article><h1><span data-ob='kicker'>North Atlantic</span>"
        "<span class='visually-hidden'>:</span> <span>“Oceans are overheating”</span></h1>"
        f"{ARTICLE}</article>",
    )
    assert extract(html, "https://news.example/a/4").headline == (
        "North Atlantic: “Oceans are overheating”"
    )


def test_unmarked_kicker_span_is_dropped_where_og_title_leaves_it_out() -> None:
    html = page(
        "<meta property='og:title' content='Trump talks about ground operations'>"
        "<title>“It will begin soon”: Trump talks about ground operations - TV News</title>",
        "<article><h2><span class='t-red'>“It will begin soon”</span>"
        f"<span class='t-xxl'>Trump talks about ground operations</span></h2>{ARTICLE}</article>",
    )
    assert extract(html, "https://tv.example/a/5").headline == (
        "Trump talks about ground operations"
    )


def test_title_set_in_two_spans_stays_whole_when_no_meta_title_splits_it() -> None:
    html = page(
        "<title>Harbour news</title>",
        "<article><h1><span>Harbour reopens</span> <span>after the storm</span></h1>"
        f"{ARTICLE}</article>",
    )
    assert extract(html, "https://coast.example/a/6").headline == (
        "Harbour reopens after the storm"
    )


def test_clause_after_an_en_dash_is_part_of_the_title_not_a_site_name() -> None:
    html = page(
        "<meta property='og:title' content='Artificial intelligence in school – “They learn faster”'>",
        f"<div>{ARTICLE}</div>",
    )
    assert extract(html, "https://daily.example/a/7").headline == (
        "Artificial intelligence in school – “They learn faster”"
    )


def test_date_line_under_the_title_inside_the_heading_is_not_part_of_it() -> None:
    html = page(
        "<meta property='og:title' content='Spectators return to the arenas'>",
        "<article><h1>Spectators return to the arenas<br><small>02.02.2022 • Clubs, Press</small>"
        f"</h1>{ARTICLE}</article>",
    )
    assert extract(html, "https://league.example/news/7").headline == (
        "Spectators return to the arenas"
    )


def test_label_inside_a_linked_heading_is_not_part_of_the_title() -> None:
    html = page(
        "<meta property='og:title' content='Patch notes - Version 4.47 bugfix build'>"
        '<script type=\'application/ld+json\'>{"@type": "Article",'
        ' "headline": "Version 4.47 bugfix build"}</script>',
        "<main><h1><a href='/threads/4-47'><span class='label'>Patch notes</span>"
        f"Version 4.47 bugfix build</a></h1>{ARTICLE}</main>",
    )
    assert extract(html, "https://forum.example/threads/4-47").headline == (
        "Version 4.47 bugfix build"
    )


def test_category_and_comment_links_in_the_title_box_are_not_part_of_the_headline() -> None:
    html = page(
        "<title>What is viral marketing? | Dimi's Blog</title>",
        "<div class='post'><div class='post-title'><h2><a href='/2008/07/viral'>"
        "What is viral marketing?</a></h2><span class='post-cat'><a href='/c/media'>Media</a>"
        f"</span> <span><a href='#respond'>Comment</a></span></div>{ARTICLE}</div>",
    )
    assert extract(html, "https://blog.example/2008/07/viral").headline == (
        "What is viral marketing?"
    )


def test_emphasised_kicker_before_a_hyphenated_title_is_dropped_where_og_title_omits_it() -> None:
    html = page(
        "<meta property='og:title' content='Remembering the victims'>",
        "<article><h1><em>Remembrance day </em>Re&shy;mem&shy;ber&shy;ing the vic&shy;tims</h1>"
        f"{ARTICLE}</article>",
    )
    assert extract(html, "https://chamber.example/a/8").headline == "Remembering the victims"


def test_styled_line_after_a_break_in_the_heading_is_a_subtitle() -> None:
    html = page(
        "<meta property='og:title' content='Leslie Clio presents her new album'>",
        "<article><h1>Leslie Clio<br> <span style='font-style:italic'>Brave New Woman</span></h1>"
        f"{ARTICLE}</article>",
    )
    assert extract(html, "https://music.example/clio").headline == "Leslie Clio"


def test_title_broken_over_two_lines_stays_whole_where_the_meta_title_has_both() -> None:
    html = page(
        "<meta property='og:title' content='Leslie Clio Brave New Woman'>",
        "<article><h1>Leslie Clio<br> <span style='font-style:italic'>Brave New Woman</span></h1>"
        f"{ARTICLE}</article>",
    )
    assert extract(html, "https://music.example/clio").headline == "Leslie Clio Brave New Woman"


def test_heading_that_only_links_to_the_front_page_is_the_blog_name() -> None:
    html = page(
        "<title>Four Years Remaining » Blog Archive » Interning of small integers</title>",
        "<div id='header'><h1><a href='http://fouryears.example'>Four Years Remaining</a></h1></div>"
        f"<div class='post'><h2>Interning of small integers</h2>{ARTICLE}</div>",
    )
    assert extract(html, "http://fouryears.example/2020/interning").headline == (
        "Interning of small integers"
    )


def test_title_that_mentions_the_site_name_is_not_taken_for_the_site_name() -> None:
    html = page(
        "<title>Loan rates: how Kreditwerk works out your costs | KW</title>"
        "<meta name='application-name' content='Kreditwerk'>",
        f"<div>{ARTICLE}</div>",
    )
    assert extract(html, "https://kw.example/rates").headline == (
        "Loan rates: how Kreditwerk works out your costs"
    )


def test_slogan_after_the_site_name_in_the_title_goes_with_it() -> None:
    html = page(
        "<meta property='og:title' content='Christmas gift guide | Journelles | Discover now!'>"
        "<meta property='og:site_name' content='Journelles'>",
        f"<div>{ARTICLE}</div>",
    )
    assert extract(html, "https://journelles.example/gifts").headline == "Christmas gift guide"


def test_style_element_of_a_css_in_js_theme_does_not_hide_the_kicker() -> None:
    html = page(
        "<title>Boosters remain available everywhere until February</title>"
        "<meta property='og:title' content='Press releases'>",
        "<main><h1><style>.k{color:#707070}</style><span class='css-k'>Press release of the"
        " health department <span class='css-clip'>:</span></span>Boosters remain available"
        f" everywhere until February</h1>{ARTICLE}</main>",
    )
    assert extract(html, "https://canton.example/news/1").headline == (
        "Boosters remain available everywhere until February"
    )


def test_layout_box_named_after_its_sidebar_is_not_chrome() -> None:
    html = page(
        "<meta property='og:title' content='Company cars: lease or buy? What pays off?'>",
        "<article class='post'><div class='sidebar-wrapper'><div class='content'><header>"
        "<h1 class='entry-title'>Company cars: leasing or financing?</h1></header>"
        f"{ARTICLE}</div><aside class='sidebar'><h2>Newsletter</h2></aside></div></article>",
    )
    assert extract(html, "https://fin.example/company-cars").headline == (
        "Company cars: leasing or financing?"
    )


def test_ruby_readings_over_kanji_are_not_part_of_the_headline() -> None:
    html = (
        "<!doctype html><html lang='ja'><head><title>子どもへの体罰を禁止する法律ができる"
        " | NEWS WEB EASY</title></head><body><article><h1><ruby>子<rt>こ</rt></ruby>どもへの"
        "<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>を禁止する法律ができる</h1>"
        f"{ARTICLE}</article></body></html>"
    )
    record = extract(html, "https://easy.example/k100")
    assert record.headline == "子どもへの体罰を禁止する法律ができる"
