"""Generic signals that a piece of a page is not article text, in many languages.

Two kinds: markup (tags, ARIA roles, class and id words such as ``share``,
``related``, ``comment``) and the text of a line (``Tags: ...``, ``Read more:``,
``Xem thêm``, a wire credit such as ``(dpa)`` closing the story). None of them
names a site: they are the words portals everywhere use for the same things.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import grouped, word_start

CHROME_TAGS = frozenset({"nav", "aside", "footer", "figcaption", "menu", "form"})
CHROME_ROLES = frozenset(
    [
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "menu",
        "menubar",
        "dialog",
        "alertdialog",
        "toolbar",
        "tablist",
    ]
)


# Class/id words of page chrome, matched from the start of a word part (``-``, ``_`` and
# camelCase humps split words); short words must also end there.
_CHROME_WORDS = (
    r"comment(?!ary)|kommentar|comentario|commentaire|disqus|respond|"
    r"shar(?:e|ing)|social|shariff|addthis|sharethis|"
    r"related|relacionad|correlat|verwandt|recommend|empfehl|more-?(?:stories|articles|news)|"
    r"read-?(?:more|also)|also-?read|outbrain|taboola|plista|"
    r"promo|newsletter|subscri|advert|sponsor|anzeige|werbung|publicidad|reklam|"
    r"sidebar|widget|breadcrumb|navbar|navigation|menu|masthead|topbar|toolbar|"
    r"cookie|consent|gdpr|modal|popup|"
    r"caption|credit|copyright|bildunterschrift|bilduntertitel|"
    r"(?:image|img|photo|foto|bild|picture)-?(?:annotation|description|subtitle|descr?|"
    r"credit|source|metadata)(?![a-z])|"
    r"toc(?:[-_](?:container|list|wrapper|widget|nav))?(?![a-z0-9_-])|ez-toc|"
    r"contact-?(?:box|teaser|person)|captcha|"
    r"tag-?list|tagcloud|keywords|schlagw|"
    r"author-?(?:bio|box|info|card)|byline|"
    r"pagination|skip-?link|sr-only|visually-?hidden|screen-?reader|"
    r"rating|login|signup|print-?only|paywall|regwall|feedback|twitter-tweet|"
    r"disclaimer|affiliate|recirculation|news-?letter|cta(?![a-z])|"
    r"instagram-media|tiktok-embed|(?:video|media|audio)-?player|newsticker|"
    r"(?:ad|ads|adv|nav|tags?|meta|date|time|foot|footer|print|tools|pager|more|topics|"
    r"author|dateline|source)(?![a-z])"
)
_CHROME = word_start(_CHROME_WORDS)
#: Words of a box that is never the story, even when it holds text named as content:
#: related-posts teasers, author boxes, recommendation widgets, comments.
BOX_WORDS = re.compile(
    r"(?<![a-z0-9])(?:related|relacionad|recommend|outbrain|taboola|author-?(?:bio|box|info|card)|"
    r"about-?(?:the-?)?author|comment(?!ary)|kommentar|more-?(?:stories|articles|posts))"
)
#: Words of a comment section: chrome even when it holds most of the page's text.
_COMMENTS = word_start(
    r"comment(?!ary)|kommentar|comentario|commentaire|disqus",
    before=r"(?<!has-)(?<!no-)(?<!with-)",
    after=r"(?!s?-?(?:enabled|open|closed|count|link|number|button|icon|allowed|on|off)\b)",
)
#: Words of a cookie or consent banner: chrome however much legal text it holds (a
#: layout wrapper is never named so), like a comment section.
_CONSENT = word_start(
    r"cookie-?(?:s-?)?(?:banner|notice|consent|bar|law|policy|popup|message|box|wall|layer|"
    r"hint|info|overlay|modal|dialog|container|settings|notification|alert|disclaimer)|"
    r"consent|gdpr|cmplz|onetrust|usercentrics|cookiebot"
)  # (a bare "cookie" may be a baking blog's recipe box)
#: Class/id words of the intro or standfirst above the body.
_LEAD = word_start(
    r"lead|intro|teaser|summary|standfirst|excerpt|chapo|bajada|subtitle|"
    r"subline|dek|sapo|abstract|deck|perex|ingress|entradilla|sottotitolo|description",
    after=r"(?![a-z])",
)
#: A post's tag or category slug as a class (``tag-banken``, ``category-der-kommentar``):
#: it names the post's topic, not what the element is.
_TAXONOMY_START = ("tag-", "category-")
_TAXONOMY = re.compile(
    r"(?:tag|category)-(?!(?:list|cloud|links?|box|wrap|wrapper|container|area|widget|block|"
    r"title|label|heading|nav|menu|items?)(?![a-z]))"
)
#: Page-builder prefixes: every block of such a page, story text included, is an
#: ``elementor-widget``; only the words after the prefix say what the block is.
_BUILDER = re.compile(r"^(?:elementor-(?:widget-?)?|et_pb_|fusion-|wpb_|vc_)")
_BUILDER_START = ("elementor-", "et_pb_", "fusion-", "wpb_", "vc_")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")  # (a literal "-" replaces it without a template)
_HAS_HUMP = re.compile(r"[a-z][A-Z]")
# Class/id words and itemprops of the article text itself; they override the chrome words.
_CONTENT = word_start(
    r"article-?body|article__body|articlebody|article_body|story-?body|storybody|"
    r"entry-?content|entry__content|post-?content|post-?body|article-?content|article__content|"
    r"article-?text|articletext|content-?body|body-?text|rich-?text|richtext|"
    r"main-?content|text-?content|article__text|story-?content|news-?content|"
    r"detail-?content|article-?detail|news-?detail|post-?entry|entry-?body"
)


def is_hidden(attrs: dict[str, str | None]) -> bool:
    """Whether the element is not rendered (``hidden``, ``display:none``, ``aria-hidden``).

    A ``hidden`` class counts only without responsive variants (``hidden md:block``
    shows on wide screens).
    """
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    cls = attrs.get("class")
    if cls and "hidden" in cls or cls and "d-none" in cls:
        words = cls.split()
        if ("hidden" in words or "d-none" in words) and not any(":" in w for w in words):
            return True
    style = attrs.get("style")
    if style and ("none" in style or "hidden" in style):
        squashed = style.replace(" ", "").lower()
        return "display:none" in squashed or "visibility:hidden" in squashed
    return False


def classify_markup(attrs: dict[str, str | None]) -> tuple[int, bool, bool]:
    """(chrome strength, names the article text, names an intro) from class, id, itemprop.

    Chrome strength: 0 none, 1 chrome words, 2 a comment section or consent banner. Content words
    (``article-body``, ``entry-content``) cancel chrome words. No pattern spans
    a space, so each class word is judged on its own (and remembered).
    """
    cls = attrs.get("class")
    ident = attrs.get("id")
    flags = _CONTENT_FLAG if attrs.get("itemprop") == "articleBody" else 0
    if cls:
        for word in cls.split():
            flags |= _word_flags(word)
    if ident:
        flags |= _word_flags(ident)
    lead = bool(flags & _LEAD_FLAG)
    if flags & _CONTENT_FLAG:
        return 0, True, lead
    if not flags & _CHROME_FLAG:
        return 0, False, lead
    return (2 if flags & _COMMENTS_FLAG else 1), False, lead


_CHROME_FLAG, _COMMENTS_FLAG, _CONTENT_FLAG, _LEAD_FLAG = 1, 2, 4, 8


@lru_cache(maxsize=16384)
def _word_flags(word: str) -> int:
    """Which kinds of markup words one class word or id holds, as ``_*_FLAG`` bits.

    The same class words recur all over a page and across sites (``row``,
    ``entry-content``, ``widget``): a memo of this pure function spares the
    regexes, the costliest part of the page walk.
    """
    # (the cheap string tests spare most words a regex that could not match)
    if word.islower() or not _HAS_HUMP.search(word):
        marks = word.lower()
    else:
        marks = _HUMP.sub("-", word).lower()
    if marks.startswith(_TAXONOMY_START) and _TAXONOMY.match(marks):
        return 0
    if marks.startswith(_BUILDER_START):
        marks = _BUILDER.sub("", marks, count=1)
    flags = _CONTENT_FLAG if _CONTENT.search(marks) else 0
    if _LEAD.search(marks):
        flags |= _LEAD_FLAG
    if _CHROME.search(marks):
        # every comment-section word is a chrome word too
        flags |= _CHROME_FLAG
        if _COMMENTS.search(marks) or _CONSENT.search(marks):
            flags |= _COMMENTS_FLAG
    return flags


TAG_LINE = re.compile(
    r"^(?:tags?|schlagw\w*|stichw\w*|themen|topics?|từ khóa|từ khoá|thẻ|etiquetas?|"
    r"palabras clave|mots[- ]cl[ée]s|tagi|emneord|nyckelord|キーワード|タグ|标签|关键词|"
    r"태그|etichette|parole chiave|anahtar kelimeler|etiketler)\s*[:：]",
    re.IGNORECASE,
)
RELATED_LINE = re.compile(
    r"^(?:read more|read also|see also|related|more in|more from|more on|more stories|"
    r"more news|also read|recommended|you (?:might|may) also like|further reading|"
    r"most (?:read|popular)|trending|popular|"
    r"lesen sie (?:auch|mehr|hier)|mehr zum thema|mehr dazu|mehr zu|mehr über|mehr themen|"
    r"auch interessant|das könnte (?:sie|dich) (?:auch )?interessieren|weitere (?:artikel|"
    r"beiträge|themen|informationen|infos|nachrichten|news|meldungen)|weiterlesen|zum thema|"
    r"zum weiterlesen|schon gelesen|beiträge zum thema|verwandte|ähnliche (?:artikel|beiträge)|"
    r"empfohlene (?:artikel|beiträge)|meistgelesen|auch auf|"
    r"xem thêm|tin liên quan|bài liên quan|tin cùng chuyên mục|関連記事|関連ニュース|"
    r"관련기사|관련 기사|相关|延伸阅读|lee también|leer más|lea también|te puede interesar|"
    r"también te puede interesar|noticias relacionadas|artículos relacionados|más noticias|"
    r"lire aussi|à lire aussi|a lire aussi|voir aussi|à lire également|vous aimerez aussi|"
    r"sur le même sujet|leia também|leia mais|leggi anche|temas relacionados|neueste artikel|"
    r"czytaj (?:też|także|również|więcej)|zobacz (?:też|także)|les også|läs också|"
    r"læs også|lue myös|devamını oku|ilgili haberler|bunlar da ilginizi|"
    r"các tin khác|tin khác|other news|more articles|otras noticias|autres articles|"
    r"andere artikel|weitere artikel|其他新闻|更多新闻)\b",
    re.IGNORECASE,
)
#: A short line anywhere in which invites to other articles.
_RELATED_ANYWHERE_WORDS = (
    r"(?:könnte (?:dich|sie) auch interessieren|might also like|may also like|"
    r"te puede interesar|vous aimerez aussi|relacionad[ao]s)"
)
RELATED_ANYWHERE = grouped(_RELATED_ANYWHERE_WORDS, re.IGNORECASE)
#: A call to subscribe, register or follow, which closes many stories.
PROMO_LINE = re.compile(
    r"^(?:subscribe|follow (?:us|the|our)|sign up|join our|get our newsletter|"
    r"abonnieren sie|jetzt (?:abonnieren|anmelden|registrieren)|folgen sie uns|folge uns|"
    r"hazte miembro|suscr[íi]bete|abonnez-vous|inscrivez-vous|iscriviti|zapisz się)",
    re.IGNORECASE,
)
#: Words of a line that closes a page rather than a story: subscribe, follow, get the
#: app, support us, all rights reserved. Only judged on the body's last lines.
_PROMO_TAIL_WORDS = (
    r"newsletter|subscri|suscri|subskryp|abonnier|abonnez|sign(?:ing)? up|"
    r"inscri(?:vez|bete|ba)|posteingang|postfach|your inbox|ios and android|app store|"
    r"google play|follow (?:us|the|our|@)|folgen sie|síguenos|siga-nos|suivez-nous|"
    r"únete|join us|on telegram|de telegram|youtube channel|canal de youtube|youtube-kanal|"
    r"all rights reserved|"
    r"alle rechte vorbehalten|todos los derechos|tous droits|copyrighted|prawa zastrzeżone|"
    r"unterstützen sie|support us|spenden sie|jetzt spenden|donate (?:now|today)|log in to|"
    r"logged in|einloggen|thank you for your support|help us continue|"
    r"straight to your (?:phone|inbox)|abgelegt unter|this entry was posted|"
    r"bookmark the permalink|trackback|kommentare geschlossen|comments are closed|"
    r"in den kommentaren|suggested citation"
)
PROMO_TAIL = grouped(_PROMO_TAIL_WORDS, re.IGNORECASE)
#: A paywall or consent notice standing in for content: "reserved for subscribers",
#: "You have 57% of this article left", "I agree to be shown content from YouTube".
_GATE_WORDS = (
    r"réservée? aux abonnés|reserved for subscribers|subscribers only|nur für abonnenten|"
    r"exklusiv für abonnenten|solo para suscriptores|exclusivo para suscriptores|"
    r"il vous reste \d|de cet article à lire|of this article left|"
    r"ich bin damit einverstanden|externen? inhalte?n? (?:von|nicht)|external content|"
    r"inhalte von (?:youtube|twitter|x|instagram|facebook|tiktok|spotify)|"
    r"(?:accept|akzeptieren sie|allow) (?:all )?cookies|enable (?:the )?cookies"
)
GATE_LINE = grouped(_GATE_WORDS, re.IGNORECASE)
SHARE_LINE = re.compile(
    r"^(?:share|teilen|compartir|partager|condividi|udostępnij|chia sẻ|del|dela)"
    r"(?: (?:this|on|article|artikel|story))?\s*[:!]?$",
    re.IGNORECASE,
)
#: A wire or source credit alone on the story's last line: ``VNA``, ``(dpa)``, ``AFP/Reuters``.
CREDIT_LINE = re.compile(
    r"^(?:\(\s*[\w&.\-]{2,15}(?:\s*[/,]\s*[\w&.\-]{2,15}){0,3}\s*\)|"
    r"(?:(?:source|nguồn|quelle|fuente|fonte|źródło|kilde|källa)\s*:\s*)?"
    r"[A-ZĐ][\w&.\-]{1,12}(?:\s*[/,]\s*[A-ZĐ][\w&.\-]{1,12}){0,3})\s*(?:/\.)?$"
)


_NOISE_START = re.compile(
    r"^(?:©|\(c\)|copyright\b|foto|fotos|bild|bilder|bildrechte|photo|photos|image|credit|"
    r"quelle|source|fuente|fonte|źródło|kilde|källa|crédito|crédits?|grafik|illustration|"
    r"video|audio|stand|erstellt|aktualisiert|updated|published|publiziert|veröffentlicht|"
    r"publié|publicado)\b\s*[:©]?",
    re.IGNORECASE,
)
_AD_WORDS = frozenset(
    (
        "advertisement anzeige werbung publicité publicidad pubblicità reklame reklama "
        "реклама advertising sponsored ad annonse annons mainos"
    ).split()
)
_READ_TIME = grouped(
    r"lesedauer|lesezeit|min read|minutes? read|reading time|temps de lecture|"
    r"tiempo de lectura|^\d+\s*min\.?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:von|by|par|por|di|av|af|door|od|от|від|written by|text)\s+\S", re.IGNORECASE
)
_DATE = re.compile(
    r"\d{1,2}[:.h]\d{2}(?!\d)|\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
_NUMBERS_ONLY = re.compile(r"^[\d\s:/.|,]+$")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


#: An editor's or view-count line: ``责任编辑：王磊``, ``อ่าน 12,304 ครั้ง``, ``1.234 Aufrufe``.
_DESK_LINE = re.compile(
    r"^(?:(?:责任编辑|责编|編輯|编辑|責任編輯|편집)\s*[:：]|"
    r"(?:อ่าน|views?|aufrufe|gelesen|lượt xem|visitas|vues|阅读|浏览|閱讀|조회수?)\s*[:：]?\s*"
    r"[\d.,]+\s*(?:ครั้ง|times|mal|lượt|veces|fois|次|회)?$|"
    r"[\d.,]+\s*(?:views|aufrufe|mal gelesen|lượt xem|visitas|visualizaciones|vues|次阅读|ครั้ง))",
    re.IGNORECASE,
)


#: The labels of a collapsible box's toggle ("Box aufklappen Box zuklappen", "Show more").
_TOGGLE = re.compile(
    r"^(?:[\w-]+ )?(?:aufklappen|zuklappen|ausklappen|einklappen|expand|collapse|show more|"
    r"show less|mehr anzeigen|weniger anzeigen|afficher plus|voir plus|ver más|mostrar más)"
    r"(?: [\w-]+)?(?: (?:aufklappen|zuklappen|ausklappen|einklappen|collapse|show less|"
    r"weniger anzeigen))?$",
    re.IGNORECASE,
)


def is_noise_line(text: str) -> bool:
    """A short line that is page furniture: a date line, byline, credit, ad label, timer.

    Only lines under 80 characters are judged, and only by their shape, so a
    real sentence is never taken for furniture.
    """
    if len(text) >= 80:
        return False
    folded = text.casefold().strip(" :.-–|")
    if folded in _AD_WORDS or _DESK_LINE.match(text) or _TOGGLE.match(text):
        return True
    words = _LETTER_WORD.findall(text)
    if not words:
        return _NUMBERS_ONLY.match(text) is not None
    if _NOISE_START.match(text) and (len(text) < 60 or not text.endswith(".")):
        return True
    if _READ_TIME.search(text):
        return True
    if len(words) <= 6 and _DATE.search(text):
        return True
    if len(text) < 60 and _BYLINE.match(text) and not text.endswith((".", "?", "!", ":")):
        second = text.split()[1] if len(text.split()) > 1 else ""
        return bool(second) and (second[0].isupper() or second.startswith(("t-", "dpa")))
    return False
