"""Words that tell a related-article block from the lists around it.

Block headings ("Related", "Tin liên quan", "関連記事") and class/id names
("jp-relatedposts", "tin-lien-quan") raise confidence that a list of links is
a related block; site-wide ranking, advertising and navigation words rule a
list out. Kept apart from the detector so the vocabulary can grow without
touching the logic. Everything here is immutable.
"""

from __future__ import annotations

import re
import unicodedata

from .patterns import grouped

# fmt: off
#: Block headings and in-text labels that announce related articles (case-folded).
RELATED_LABELS = (
    # en
    "related", "read more", "read also", "also read", "read next", "more from", "more in ",
    "more on ", "more about", "more stories", "more news", "more articles", "see also",
    "also on ", "you may also like", "you might also like", "you may also be interested",
    "recommended", "further reading", "similar", "in this series", "in other news",
    "more coverage",
    # de
    "lesen sie auch", "lesen sie mehr", "lesen sie dazu", "mehr zum thema", "mehr zu ",
    "mehr aus ", "mehr über", "weitere artikel", "weitere nachrichten", "weitere meldungen",
    "das könnte sie auch interessieren", "das könnte sie interessieren", "auch interessant",
    "ähnliche artikel", "verwandte", "zum thema", "lesetipp", "passend zum thema",
    # fr
    "à lire aussi", "a lire aussi", "lire aussi", "à lire également", "lire également",
    "sur le même sujet", "sur le meme sujet", "voir aussi", "dans la même rubrique",
    "articles similaires", "vous aimerez aussi", "à voir aussi", "pour aller plus loin",
    # es / pt / it / nl / pl / cs / sv / no / da / tr / ru
    "lea también", "lee también", "leer más", "te puede interesar", "relacionad",
    "más noticias", "también te puede", "leia também", "leia mais",
    "veja também", "saiba mais", "mais sobre", "leggi anche", "correlat",
    "potrebbe interessarti", "lees ook", "gerelateerd", "meer over", "czytaj także",
    "czytaj też", "zobacz także", "zobacz też", "powiązane", "související", "čtěte také",
    "läs också", "läs även", "relaterat", "les også", "relatert", "læs også", "relateret",
    "ilgili haber", "ilginizi çekebilir", "читайте также", "по теме", "похожие",
    # vi
    "tin liên quan", "bài liên quan", "xem thêm", "đọc thêm", "tin cùng chuyên mục",
    "cùng chuyên mục", "tin khác", "bài viết khác", "có thể bạn quan tâm",
    # ja / zh / ko
    "関連記事", "関連ニュース", "関連リンク", "あわせて読みたい", "合わせて読みたい",
    "こちらもおすすめ", "この記事も", "相关", "相關", "延伸阅读", "延伸閱讀", "推荐阅读",
    "관련기사", "관련 기사", "관련뉴스",
)

#: Headings of lists that are not about this article: rankings, ads, partner feeds.
UNRELATED_LABELS = (
    "most read", "most-read", "most popular", "most viewed", "most shared", "most commented",
    "most emailed", "popular", "trending", "top stories", "top 10", "top ten", "sponsored",
    "partner content", "paid content", "paid post", "promoted", "advertisement",
    "from the web", "around the web", "recommended by", "ads by", "from our partners",
    "meistgelesen", "meist gelesen", "am meisten gelesen", "meistkommentiert", "beliebt",
    "anzeige", "bezahlter inhalt", "partnerinhalt", "les plus lus", "les plus populaires",
    "populaire", "sponsorisé", "contenu partenaire", "más leíd", "lo más visto",
    "más vistas", "patrocinado", "mais lidas", "mais vistas", "più letti", "più lette",
    "najczęściej", "nejčtenější", "mest läst", "mest lest", "meest gelezen",
    "популярное", "đọc nhiều", "xem nhiều", "quảng cáo", "ランキング", "人気", "よく読まれ",
    "広告", "热门", "熱門", "排行", "많이 본",
)
# fmt: on

#: Class/id fragments that announce a related block.
RELATED_CLASS = grouped(
    r"related|relacionad|correlat|verwandt|similar|recommend|readmore|read-more|read_more|"
    r"alsoread|also-read|seealso|see-also|lienquan|lien-quan|xemthem|xem-them|tinkhac|"
    r"kanren|lesetipp|mehrzum|weiterlesen|further|more-(?:news|stories|articles|from|in)|"
    r"(?:^|[\s_-])(?:more|also|weitere|mehr|aussi|tambem|tambien)(?:$|[\s_-])"
)

#: Class/id fragments of rankings, ads and partner widgets.
UNRELATED_CLASS = grouped(
    r"popular|trending|most-?read|mostread|most-?viewed|meistgelesen|ranking|topnews|"
    r"sponsor|partner|outbrain|taboola|trc_|(?:^|[\s_-])ob-|plista|ligatus|zergnet|"
    r"revcontent|mgid|adsbygoogle|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|promoted|native-ad|"
    r"paid|commercial|anzeige|quangcao|docnhieu|doc-nhieu|xemnhieu|xem-nhieu"
)

#: Class/id fragments of site chrome: menus, navigation, pagination.
NAV_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|submenu|megamenu|breadcrumbs?|pagination|"
    r"pager|post-navigation|nav-links|prev|next|previous|share|sharing|social|tags?|"
    r"tag-list|keywords|comments?)(?:$|[\s_-])"
)

#: Class/id fragments of page header and footer (chrome only outside the article).
HEADER_FOOTER_CLASS = re.compile(
    r"(?:^|[\s_-])(?:header|footer|masthead|topbar|site-header|site-footer|colophon|"
    r"copyright|bottom-bar)(?:$|[\s_-])"
)

#: Class/id fragments of side columns: fine for labelled blocks, not for bare lists.
SIDEBAR_CLASS = grouped(
    r"sidebar|side-bar|(?:^|[\s_-])(?:aside|widget|col-right|right-col|rightcol|"
    r"column-right|rail)(?:$|[\s_-])"
)


def fold(text: str) -> str:
    """Case-folded NFC text with collapsed spaces, for label matching."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex finding any of ``words`` in a text, grouped by first character so the
    engine tries one group per position instead of every label."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile(
        "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
    )


_RELATED_ANYWHERE = _any_of(RELATED_LABELS)
_UNRELATED_ANYWHERE = _any_of(UNRELATED_LABELS)


def is_related_label(text: str) -> bool:
    return _RELATED_ANYWHERE.search(fold(text) + " ") is not None


def is_unrelated_label(text: str) -> bool:
    return _UNRELATED_ANYWHERE.search(fold(text)) is not None


def starts_with_related_label(text: str) -> bool:
    """Whether a short text opens with a "Read more:"-style label (an in-body card)."""
    return (fold(text)[:40] + " ").startswith(RELATED_LABELS)
