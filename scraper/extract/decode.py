"""Turn page bytes into text the way a browser would: declared charset first.

Order: a byte order mark; bytes that are valid UTF-8 (saved pages often
keep a stale legacy declaration); the charset the HTTP header declared
(passed by the caller); a ``<meta charset>`` / ``http-equiv`` declaration in
the first bytes; then statistical detection (charset-normalizer). Labels
are resolved with the WHATWG aliases browsers use (``latin1`` and
``iso-8859-1`` mean windows-1252). Unicode normalisation (NFC) is applied to
the extracted fields, not here: checking a whole page costs more than the
few strings that come out of it.
"""

from __future__ import annotations

import codecs
import re

from ..errors import NotHTMLError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_LOOKS_HTML = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|article|script|link)\b", re.IGNORECASE
)

# WHATWG Encoding Standard: labels that browsers map to a superset codec.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "x-sjis": "cp932",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
}


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: str | bytes, *, content_type: str | None = None) -> str:
    """Decode page bytes to text; str input passes through. Raise NotHTMLError for non-HTML."""
    text = data if isinstance(data, str) else _decode_bytes(data, content_type)
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if not head or not _LOOKS_HTML.search(text[:65536]):
        raise NotHTMLError("input does not look like an HTML document")
    return text.lstrip("\ufeff")


def _decode_bytes(data: bytes, content_type: str | None) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:1024] and not data.startswith(b"<"):
        raise NotHTMLError("input is binary, not an HTML document")
    if not data.isascii():
        # Valid multi-byte UTF-8 almost never arises by accident in a legacy
        # encoding, while pages re-saved as UTF-8 often keep their old
        # declaration: trust the bytes over the label.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for label in (charset_from_content_type(content_type), _meta_charset(data)):
        codec = _codec(label)
        if codec is None:
            continue
        if codec in ("utf-16", "utf-16-le", "utf-16-be"):
            # A page that was parsed as ASCII to find this tag cannot be UTF-16.
            codec = "utf-8"
        if codec == "utf-8":
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                # A false UTF-8 claim is common on legacy sites: let detection decide.
                break
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:16384])
    return match.group(1).decode("ascii", "replace") if match else None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        codec = _codec(best.encoding) or "utf-8"
        return data.decode(codec, errors="replace")
    return data.decode("cp1252", errors="replace")
