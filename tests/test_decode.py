"""Bytes are decoded by the page's own declarations; mojibake is a bug."""

import pytest

from scraper import NotHTMLError, extract
from scraper.extract.decode import decode_html

TEXT = "Bình Dương: người dân đón Tết – Grüße aus Köln"


def html_bytes(encoding: str, meta: str = "") -> bytes:
    return (
        f"<html><head>{meta}<title>{TEXT}</title></head><body><p>{TEXT}</p></body></html>".encode(
            encoding
        )
    )


def test_meta_charset_declared_late_in_head_is_honoured() -> None:
    text = "Größere Straßenbahnen für Köln"
    filler = "<meta name='x' content='y'>" * 50
    data = f"<html><head>{filler}<meta charset='iso-8859-1'><title>{text}</title></head></html>"
    assert text in decode_html(data.encode("cp1252"))


def test_header_charset_wins_when_the_page_declares_none() -> None:
    data = "<html><body><p>Привет, мир: новости дня</p></body></html>".encode("cp1251")
    assert "Привет, мир" in decode_html(data, content_type="text/html; charset=windows-1251")


def test_latin1_label_decodes_as_windows_1252_like_browsers() -> None:
    data = "<html><head><meta charset='latin1'></head><body><p>„Zitat“ – €5</p></body></html>"
    assert "„Zitat“ – €5" in decode_html(data.encode("cp1252"))


def test_stale_legacy_label_on_a_utf8_page_does_not_make_mojibake() -> None:
    data = html_bytes(
        "utf-8", "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
    )
    assert TEXT in decode_html(data)


def test_utf8_bom_is_dropped() -> None:
    assert decode_html(b"\xef\xbb\xbf" + html_bytes("utf-8")).startswith("<html>")


def test_undeclared_legacy_bytes_are_detected() -> None:
    text = "Die Bürgerinnen und Bürger der Stadt äußerten große Zweifel an den Plänen für "
    data = f"<html><body><p>{text * 20}</p></body></html>".encode("cp1252")
    assert text in decode_html(data)


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", b'{"json": true}'])
def test_non_html_input_is_refused(data: bytes) -> None:
    with pytest.raises(NotHTMLError):
        extract(data, "https://news.example/x")


def test_vietnamese_combining_tone_marks_are_composed() -> None:
    decomposed = "Bi\u0300nh Dương"  # windows-1258 has ư and ơ, but tones only as marks
    data = (
        f"<html><head><meta charset='windows-1258'><title>{decomposed} grows</title></head>"
        f"<body><article><h1>{decomposed} grows</h1><p>{decomposed} "
        + "welcomes new investment projects this year. " * 4
        + "</p></article></body></html>"
    )
    article = extract(data.encode("cp1258"), "https://news.example/vn")
    assert article.headline == "Bình Dương grows"
    assert article.body_text.startswith("Bình Dương")
