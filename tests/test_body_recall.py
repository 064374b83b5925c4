"""The body keeps what a reader sees as the page's main text, not only its long paragraphs."""

from __future__ import annotations

from scraper import extract

URL = "https://blog.example.de/2019/11/hund-vertreibt-einbrecher/"

NEWS = [
    "In der Nacht zu Dienstag versuchten bislang unbekannte Täter, in ein Einfamilienhaus "
    "in der Nordstadt einzudringen, wie die Polizei am Morgen mitteilte.",
    "Als der Hund des Hausbewohners plötzlich anschlug, ließen die Täter von der Tür ab und "
    "flüchteten in Richtung des Bahnhofs. Zeugen werden gebeten, sich zu melden.",
]

CONSENT = [
    "Wir verwenden Technologien wie Cookies, um Geräteinformationen zu speichern und/oder "
    "darauf zuzugreifen. Wir tun dies, um das Browsing-Erlebnis zu verbessern und um "
    "personalisierte Werbung anzuzeigen.",
    "Die technische Speicherung oder der Zugang ist unbedingt erforderlich für den "
    "rechtmäßigen Zweck, die Nutzung eines bestimmten Dienstes zu ermöglichen, der vom "
    "Teilnehmer oder Nutzer ausdrücklich gewünscht wird.",
    "Die technische Speicherung oder der Zugriff ist für den rechtmäßigen Zweck der "
    "Speicherung von Präferenzen erforderlich, die nicht vom Abonnenten oder Nutzer "
    "angefordert wurden.",
    "Die technische Speicherung oder der Zugriff, der ausschließlich zu statistischen "
    "Zwecken erfolgt, ohne Vorladung und ohne freiwillige Zustimmung Ihres Anbieters.",
]


def body_of(html: str, url: str = URL) -> list[str]:
    return list(extract(html, url).body_paragraphs)


def test_cookie_banner_longer_than_a_short_story_is_not_the_body() -> None:
    news = "".join(f"<p>{text}</p>" for text in NEWS)
    banner = "".join(f"<div>{text}</div>" for text in CONSENT)
    html = f"""<html lang="de"><head><title>Hund vertreibt Einbrecher</title></head><body>
<header><a href="/">Hildesheimer Blog</a></header>
<main><article><h1>Hund vertreibt Einbrecher – Zeugenaufruf</h1>
<div class="cm-entry-summary">{news}</div></article></main>
<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner banner-1 optin">
<div class="cmplz-body">{banner}</div>
<button>Akzeptieren</button><button>Ablehnen</button></div></div>
</body></html>"""
    assert body_of(html) == NEWS


def test_standfirst_above_a_long_photo_strip_is_kept() -> None:
    standfirst = (
        "Kompostieren geht auch in der Stadtwohnung: In einer Wurmkiste verwandeln "
        "Kompostwürmer Küchenabfälle in wertvollen Humus für Balkon und Garten."
    )
    steps = [
        "Zuerst sägen Sie die Bretter auf die richtige Länge und schleifen die Kanten glatt, "
        "damit sich später niemand an den Splittern verletzt.",
        "Dann bohren Sie in den Boden der oberen Kiste zahlreiche Löcher, durch welche die "
        "Würmer nach oben wandern können, sobald die untere Kiste voll ist.",
        "Zum Schluss füllen Sie die Kiste mit feuchtem Zeitungspapier, etwas Erde und den "
        "ersten Küchenabfällen und setzen die Würmer hinein.",
    ]
    strip = "".join(
        f'<li><a href="/bild/{n}"><img src="/img/{n}.jpg" alt="">Bild {n} von 60</a></li>'
        for n in range(1, 61)
    )
    body = "".join(f"<p>{text}</p>" for text in steps)
    html = f"""<html lang="de"><head><title>Wurmkiste selber bauen</title></head><body>
<main><article><header><h1>Wurmkiste selber bauen</h1><p>{standfirst}</p></header>
<div class="slider"><ul>{strip}</ul></div>
<section class="typo--editor">{body}</section></article></main>
</body></html>"""
    assert body_of(html) == [standfirst, *steps]


def test_a_baking_blogs_cookie_recipe_box_is_still_the_story() -> None:
    steps = [
        "Butter und Zucker schaumig rühren, dann die Eier einzeln unterrühren, bis eine "
        "glatte, helle Masse entsteht.",
        "Mehl, Backpulver und eine Prise Salz mischen und kurz unter die Buttermasse heben, "
        "zuletzt die gehackte Schokolade einstreuen.",
        "Mit zwei Teelöffeln kleine Häufchen auf das Blech setzen und bei 180 Grad etwa "
        "zwölf Minuten backen, bis die Ränder goldbraun sind.",
    ]
    paragraphs = "".join(f"<p>{text}</p>" for text in steps)
    html = f"""<html lang="de"><head><title>Schoko-Cookies</title></head><body>
<main><h1>Schoko-Cookies wie aus dem Café</h1>
<div class="cookie-recipe">{paragraphs}</div></main>
<aside class="sidebar"><p>Über mich: Ich backe seit zwanzig Jahren.</p></aside>
</body></html>"""
    assert body_of(html) == steps
