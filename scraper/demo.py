"""The bundled demo news portal, served on 127.0.0.1 so ``scrape crawl --demo`` needs no internet.

``DemoPortal`` serves ``fixtures/demo-portal/site/`` (The Riverside Chronicle,
a fictional regional portal written by ``fixtures/demo-portal/build.py``) from
a real threaded HTTP server, with the behaviours a polite, incremental crawl
must cope with::

    with DemoPortal() as portal:          # ephemeral port; portal.base_url has no trailing slash
        profile = portal.profile()        # a SiteProfile for this server
        ...crawl...
        portal.bump()                     # the developing story gets its next revision
        assert portal.hits[PRIVATE_PATH] == 0

Behaviours (paths are module constants):

- every file has a content-hash ETag and a Last-Modified date from the build
  manifest; a matching ``If-None-Match`` (or, without one, a not-older
  ``If-Modified-Since``) gets 304;
- ``CHANGING_PATH`` changes with the revision counter (``revision=`` at start,
  ``bump()`` later): revision *n* shows the story's first *n* updates and a
  later dateModified, cycling back to revision 0 after the last update, so
  consecutive revisions always differ (``scrape crawl --demo`` can pass its run
  number as ``revision``);
- ``REDIRECT_PATH`` (an old URL linked from the homepage) 301s to an article;
- ``FAIL_ONCE_PATH`` (an article) answers 500 to its first request, then 200;
- ``THROTTLED_PATH`` (an article) answers 429 with ``Retry-After: 1`` to its
  first request, then 200 (``reset()`` re-arms both);
- ``/slow/...`` answers after ``slow_seconds`` (linked from the sidebar);
- ``LOOP_PATH`` and its partner redirect to each other forever (linked from
  the footer);
- ``PRIVATE_PATH`` is disallowed by robots.txt and linked from the footer;
  ``hits`` counts every request by path, so a test can assert it was never
  fetched.

Absolute URLs in the files use the placeholder origin of the build; the server
rewrites them to its own ``base_url``, so sitemaps, feeds and canonical links
point back at it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from .errors import ScraperError
from .models import SiteProfile
from .profiles import profile_from_dict

__all__ = [
    "CHANGING_PATH",
    "FAIL_ONCE_PATH",
    "LOOP_PATH",
    "PRIVATE_PATH",
    "REDIRECT_PATH",
    "SITE_DIR",
    "SLOW_PATH",
    "THROTTLED_PATH",
    "DemoPortal",
    "DemoSiteMissingError",
]

#: Where the built site lives in a source checkout.
SITE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "demo-portal" / "site"

CHANGING_PATH = "/local/2025/03/17/wend-flood-alert-river-levels-rising/"
REDIRECT_PATH = "/news/2025/03/quay-road-bridge-repairs.html"
FAIL_ONCE_PATH = "/business/2025/03/14/garage-chain-sold/"
THROTTLED_PATH = "/sport/2025/03/16/angling-match-canal/"
SLOW_PATH = "/slow/traffic-cameras/"
LOOP_PATH = "/loop/a/"
LOOP_PARTNER_PATH = "/loop/b/"
PRIVATE_PATH = "/private/staff-rota/"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".gz": "application/gzip",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
}
_SPECIAL_TYPES = {
    "/feed.xml": "application/rss+xml; charset=utf-8",
    "/culture/atom.xml": "application/atom+xml; charset=utf-8",
}
_SLOW_PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    b"<title>Live traffic cameras</title></head><body><h1>Live traffic cameras</h1>"
    b"<p>Camera images refresh every minute.</p></body></html>\n"
)


class DemoSiteMissingError(ScraperError):
    """The demo portal's built files are not where the server looks for them."""


@dataclass(frozen=True, slots=True)
class _Resource:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime


class DemoPortal:
    """A running demo portal; see the module docstring for the paths that misbehave.

    ``base_url`` is ``http://127.0.0.1:PORT`` (no trailing slash) once started.
    Starts on ``__enter__`` or ``start()``; ``stop()`` shuts it down.
    """

    def __init__(
        self,
        site_dir: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        revision: int = 0,
        slow_seconds: float = 3.0,
    ) -> None:
        self.site_dir = Path(site_dir) if site_dir is not None else SITE_DIR
        manifest_path = self.site_dir / "_manifest.json"
        if not manifest_path.is_file():
            raise DemoSiteMissingError(
                f"{self.site_dir}: the demo portal is not built here (no _manifest.json); "
                "run `python fixtures/demo-portal/build.py` in a source checkout"
            )
        self._manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        self.slow_seconds = slow_seconds
        self._revision = revision
        self._lock = threading.Lock()
        self._hits: Counter[str] = Counter()
        self._armed: set[str] = set()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.base_url = f"http://{host}:{self._server.server_address[1]}"
        self._resources = self._load()
        self.reset()

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> DemoPortal:
        """Serve from a background thread; returns self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="demo-portal", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port; slow requests in flight are cut short."""
        self._stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> DemoPortal:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- state a test or the demo drives ----------------------------------

    @property
    def revision(self) -> int:
        return self._revision

    def bump(self) -> int:
        """Move the developing story (``CHANGING_PATH``) to its next revision; returns it."""
        with self._lock:
            self._revision += 1
            return self._revision

    @property
    def hits(self) -> Counter[str]:
        """Requests so far per URL path (query strings dropped); a snapshot."""
        with self._lock:
            return Counter(self._hits)

    def reset(self) -> None:
        """Clear the hit counters and re-arm the fail-once and throttled pages."""
        with self._lock:
            self._hits.clear()
            self._armed = {FAIL_ONCE_PATH, THROTTLED_PATH}

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base_url + path

    @property
    def article_paths(self) -> list[str]:
        """Paths of every article page, newest first as the build listed them."""
        pattern = re.compile(self._article_path_pattern())
        return sorted((p for p in self._manifest["lastmod"] if pattern.match(p)), reverse=True)

    def profile(self) -> SiteProfile:
        """A site profile for this server: discovery keys pointing at ``base_url``."""
        base = self.base_url
        sections = self._manifest["sections"]
        return profile_from_dict(
            {
                "name": "demo-portal",
                "title": "The Riverside Chronicle (demo portal)",
                "domains": ["127.0.0.1"],
                "lang": "en",
                "timezone": "Europe/London",
                "date_order": "DMY",
                "start_urls": [f"{base}/"],
                "sitemaps": [f"{base}/sitemap.xml", f"{base}/sitemaps/news.xml"],
                "feeds": [f"{base}/feed.xml", f"{base}/culture/atom.xml"],
                "sections": [f"{base}/{name}/" for name in sections],
                "article_url_pattern": "^" + re.escape(base) + self._article_path_pattern()[1:],
                "ignore": [".header-clock", ".topbar-weather"],
            },
            source="<demo portal>",
        )

    # -- serving -----------------------------------------------------------

    def _article_path_pattern(self) -> str:
        names = "|".join(re.escape(s) for s in self._manifest["sections"])
        return rf"^/(?:{names})/\d{{4}}/\d{{2}}/\d{{2}}/[a-z0-9-]+/$"

    def _load(self) -> dict[str, _Resource]:
        """Read every served file once, with the placeholder origin rewritten to base_url."""
        lastmod = self._manifest["lastmod"]
        resources: dict[str, _Resource] = {}
        for path, stamp in lastmod.items():
            resources[path] = self._resource(path, _file_for(path), datetime.fromisoformat(stamp))
        for path, stamps in self._manifest["revisions"].items():
            for n, stamp in enumerate(stamps[1:], start=1):
                name = f"_revisions{path}{n}.html"
                resources[f"{path}#{n}"] = self._resource(path, name, datetime.fromisoformat(stamp))
        return resources

    def _resource(self, path: str, name: str, modified: datetime) -> _Resource:
        data = (self.site_dir / name).read_bytes()
        origin = self._manifest["origin"].encode()
        if name.endswith(".gz"):
            text = gzip.decompress(data).replace(origin, self.base_url.encode())
            buffer = io.BytesIO()
            with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
                handle.write(text)
            data = buffer.getvalue()
        else:
            data = data.replace(origin, self.base_url.encode())
        suffix = Path(name).suffix
        content_type = _SPECIAL_TYPES.get(path) or _TYPES.get(suffix, "application/octet-stream")
        etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
        return _Resource(data, content_type, etag, modified)

    def _current(self, path: str) -> _Resource | None:
        revisions = self._manifest["revisions"].get(path)
        if revisions:
            n = self._revision % len(revisions)
            if n:
                return self._resources[f"{path}#{n}"]
        return self._resources.get(path)

    def _count(self, path: str) -> bool:
        """Record a hit; True when this is the armed first request of a fail-once path."""
        with self._lock:
            self._hits[path] += 1
            if path in self._armed:
                self._armed.discard(path)
                return True
            return False


def _file_for(path: str) -> str:
    name = path.lstrip("/")
    return name + "index.html" if path.endswith("/") else name


def _not_modified(resource: _Resource, headers: Any) -> bool:
    tags = headers.get("If-None-Match")
    if tags is not None:
        wanted = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in wanted or resource.etag in wanted
    since = headers.get("If-Modified-Since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            return False
        return resource.last_modified.replace(microsecond=0) <= when
    return False


def _handler_for(portal: DemoPortal) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "RiversideCMS/2.4"
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in two writes

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Silent: a crawl makes hundreds of requests."""

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def _answer(self, *, send_body: bool) -> None:
            path = urlsplit(self.path).path or "/"
            first_try = portal._count(path)
            if path == FAIL_ONCE_PATH and first_try:
                return self._plain(500, b"Internal Server Error\n", send_body)
            if path == THROTTLED_PATH and first_try:
                return self._plain(429, b"Too Many Requests\n", send_body, {"Retry-After": "1"})
            if path.startswith("/slow/"):
                portal._stopping.wait(portal.slow_seconds)
                return self._plain(200, _SLOW_PAGE, send_body, content_type=_TYPES[".html"])
            if path in (LOOP_PATH, LOOP_PARTNER_PATH):
                target = LOOP_PARTNER_PATH if path == LOOP_PATH else LOOP_PATH
                return self._redirect(302, target, send_body)
            target = portal._manifest["redirects"].get(path)
            if target:
                return self._redirect(301, target, send_body)
            resource = portal._current(path) if not path.startswith("/_") else None
            if resource is None and not path.endswith("/") and portal._current(path + "/"):
                return self._redirect(301, path + "/", send_body)
            if resource is None:
                return self._plain(404, b"Not Found\n", send_body)
            validators = {
                "ETag": resource.etag,
                "Last-Modified": format_datetime(
                    resource.last_modified.astimezone(UTC), usegmt=True
                ),
                "Cache-Control": "max-age=60",
            }
            if _not_modified(resource, self.headers):
                self.send_response(304)
                for key, value in validators.items():
                    self.send_header(key, value)
                self.end_headers()
                return None
            return self._plain(
                200, resource.body, send_body, validators, content_type=resource.content_type
            )

        def _redirect(self, status: int, target: str, send_body: bool) -> None:
            self._plain(status, b"Moved\n", send_body, {"Location": portal.base_url + target})

        def _plain(
            self,
            status: int,
            body: bytes,
            send_body: bool,
            headers: dict[str, str] | None = None,
            *,
            content_type: str = "text/plain; charset=utf-8",
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    return Handler
