"""URL tests for teaser links: same site, article-like, and the page's own URL.

A teaser points to another article of the same portal. Section fronts, tag
and author pages, search, login and off-site links are not teasers; a URL is
article-like when its path carries a slug of several words, a numeric id or a
date, not just a section name.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:", "whatsapp:", "#")
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
#: Second-level labels under which a country code registers domains (co.uk, com.vn).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "ne", "or", "go", "gv"})
# fmt: off
#: Path segments of pages that list or serve articles rather than being one.
_NOT_ARTICLE_SEGMENTS = frozenset(
    {
        "tag", "tags", "topic", "topics", "author", "authors", "autor", "autoren", "category",
        "categories", "kategorie", "search", "suche", "login", "logout", "register", "signin",
        "signup", "account", "user", "users", "profile", "feed", "rss", "page", "wp-login.php",
        "cart", "checkout", "newsletter", "subscribe", "abo", "shop", "contact", "kontakt",
        "impressum", "imprint", "datenschutz", "privacy", "terms", "about", "cookies",
        "tim-kiem", "tac-gia", "chu-de", "comment", "comments", "share", "print", "redirect",
    }
)
# fmt: on
_FILE_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp3|mp4|docx?|xlsx?|pptx?|css|js|xml|json)$", re.I
)
_PAGE_EXT = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cms|amp)$", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")
_DIGITS = re.compile(r"\d+")
_ID_KEYS = frozenset({"p", "id", "aid", "nid", "sid", "article", "articleid", "story", "newsid"})
_TAIL_ID = re.compile(r"(?:^|[^a-z])([a-z]{0,2})\d+$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


#: (scheme, netloc, lower-case host, path, query) of a link: all the filter reads.
_Parts = tuple[str, str, str, str, str]


def resolve(base: str, href: str) -> str | None:
    """The absolute http(s) URL of a link, fragment dropped; None for script/mail links."""
    parts = _split(base, _origin(base), href)
    return _join(parts) if parts is not None else None


def _origin(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def _split(base: str, origin: str, href: str) -> _Parts | None:
    href = href.strip()
    # (lower-casing a prefix is enough to compare it with the short scheme names)
    if not href or href[:12].lower().startswith(_SKIP_SCHEMES):
        return None
    absolute = href.startswith(("https://", "http://"))
    if absolute or (href[0] == "/" and not href.startswith("//")):
        url = href if absolute else origin + href
        fast = _fast_split(url)
        if fast is not None:
            return fast
    try:
        if absolute:
            parts = urlsplit(href)
        elif href.startswith("/") and not href.startswith("//"):
            parts = urlsplit(origin + href)
        else:
            parts = urlsplit(urljoin(base, href))
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return (parts.scheme, parts.netloc, host, parts.path, parts.query)


def _fast_split(url: str) -> _Parts | None:
    """``urlsplit`` for the common plain ``http(s)://host/path?query`` link, in one regex
    match; None when the URL has anything urlsplit treats specially (ports, user info,
    IPv6, non-ASCII hosts, tabs or newlines), which then takes the slow path."""
    match = _PLAIN_URL.match(url)
    if match is None:
        return None
    scheme, netloc, path, query = match.groups()
    if not netloc.isascii():
        return None
    return (scheme, netloc, netloc.lower(), path, query or "")


#: scheme, host, path, query and fragment of a URL with none of ``:@[]`` in its host
#: and no tab or newline anywhere.
_PLAIN_URL = re.compile(
    r"(https?)://([^/?#:@\[\]\t\n\r]+)((?:/[^?#\t\n\r]*)?)(?:\?([^#\t\n\r]*))?(?:#[^\t\n\r]*)?\Z"
)


def _join(parts: _Parts) -> str:
    """The URL as linked, without its fragment (query kept: it may select the article)."""
    scheme, netloc, _, path, query = parts
    if not path.startswith("/"):
        path = "/" + path
    return f"{scheme}://{netloc}{path}?{query}" if query else f"{scheme}://{netloc}{path}"


_UNSEEN = "\x00"  # never a host


class TargetFilter:
    """Turns a page's hrefs into teaser targets: same site, article-like, not the page itself."""

    def __init__(self, base: str, own: set[str], sites: set[str]) -> None:
        self.base = base
        self.origin = _origin(base)
        self.own = own
        self.sites = sites
        # host -> its bare form when on the site, None when off it
        self.hosts: dict[str, str | None] = {}

    def __call__(self, href: str) -> str | None:
        """The link's absolute URL when it points to another article of the same site."""
        # (the plain absolute or root-relative link, nearly all of them, is split here
        # by one regex match; anything else takes ``_split``)
        stripped = href.strip()
        if stripped.startswith(("https://", "http://")):
            match = _PLAIN_URL.match(stripped)
        elif stripped[:1] == "/" and stripped[1:2] != "/":
            match = _PLAIN_URL.match(self.origin + stripped)
        else:
            match = None
        if match is not None and match.group(2).isascii():
            scheme, netloc, path, query = match.groups()
            host = netloc.lower()
            query = query or ""
        else:
            parts = _split(self.base, self.origin, href)
            if parts is None:
                return None
            scheme, netloc, host, path, query = parts
        if not path.startswith("/"):
            path = "/" + path
        bare = self.hosts.get(host, _UNSEEN)
        if bare is _UNSEEN:
            bare = self.hosts[host] = _bare_host(host) if site_key(host) in self.sites else None
        if bare is None or not _article_path(path, query):
            return None
        if _bare_page_key(bare, path, query) in self.own:
            return None
        return f"{scheme}://{netloc}{path}?{query}" if query else f"{scheme}://{netloc}{path}"


def same_page_key(url: str) -> str:
    """A key equal for two spellings of one page (scheme, www, trailing slash, case of host)."""
    parts = urlsplit(url)
    return _page_key(parts.hostname or "", parts.path, parts.query)


def _page_key(host: str, path: str, query: str) -> str:
    return _bare_page_key(_bare_host(host), path, query)


def _bare_page_key(host: str, path: str, query: str) -> str:
    path = unquote(path).rstrip("/") or "/"
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def site_key(host: str) -> str:
    """The registrable part of a host, approximately (no public-suffix list needed)."""
    labels = _bare_host(host).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def is_article_like(url: str) -> bool:
    """Whether the URL looks like one article rather than a section, tag or service page."""
    parts = urlsplit(url)
    return _article_path(parts.path, parts.query)


def _article_path(path: str, query: str) -> bool:
    if "%" in path:
        segments = [unquote(s) for s in path.split("/") if s]
        if not _NOT_ARTICLE_SEGMENTS.isdisjoint(s.lower() for s in segments):
            return False
        last = segments[-1] if segments else ""
        joined = "/".join(segments)
    else:  # the common case: the path as it is, no per-segment decoding
        if not _NOT_ARTICLE_SEGMENTS.isdisjoint(path.lower().split("/")):
            return False
        last = path.rstrip("/").rpartition("/")[2]  # the last non-empty segment
        joined = path
    if "." in last and _FILE_EXT.search(last):
        return False
    if query:
        for key, value in parse_qsl(query):
            if key.lower() in _ID_KEYS and value.isdigit():
                return True
    if not last:
        return False
    if "." in last:
        last = _PAGE_EXT.sub("", last)
    if len(_WORD.findall(last)) >= 3 or len(_CJK.findall(last)) >= 4:
        return True
    # digit runs never cross a "/", so one search over the whole path finds them all
    runs = [len(r) for r in _DIGITS.findall(joined)]
    if any(n >= 5 for n in runs):
        return True
    # a short id beside letters in the last segment ("a3456", "1234-title") or a dated path
    if any(len(r) >= 3 for r in _DIGITS.findall(last)) and _WORD.search(last):
        return True
    return len(runs) >= 2 and 4 in runs and bool(_WORD.search(last))


def url_shape(url: str) -> tuple[int, str, str, str]:
    """Path depth, extension and how the last segment starts and ends: same-section URLs agree."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return (0, "", "", "")
    last = segments[-1].lower()
    ext = _PAGE_EXT.search(last)
    stem = last[: ext.start()] if ext else last
    lead = "0" if stem[:1].isdigit() else "a"
    tail = _TAIL_ID.search(stem)
    end = f"{tail.group(1)}0" if tail else "a"
    return (len(segments), ext.group(0) if ext else "", lead, end)
