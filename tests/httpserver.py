"""A real HTTP server on 127.0.0.1 for tests: fixture files plus small programmable routes.

Modelled on Scrapy's test mock server: each route is one small behaviour a
fetcher, archive or crawl must cope with. The ``http_server`` fixture in
``conftest.py`` hands a running server to a test, with hit counters and added
routes cleared first. Built-in routes (``?query`` options in brackets):

    /status/<code>           that status, a tiny body
    /delay/<seconds>         answers after sleeping that long
    /redirect-to?url=U       302 (or [status]) to U
    /redirect-loop           302 to itself, forever
    /retry-after/<n>         429 (or [status]) with Retry-After [after] seconds, or an
                             HTTP date with [date=1], the first n times; then [page]
    /fail-then-ok/<n>        500 the first n times, then [page]
    /drop/<n>                closes the connection unanswered the first n times, then [page]
    /changing                an article whose body changes after the first fetch
    /etag                    200 with ETag and Last-Modified; 304 to a matching
                             If-None-Match or a not-older If-Modified-Since
    /big                     [size] bytes (default 1 MiB) of HTML, [chunked=1] without length
    /drip                    [chunks] body chunks [seconds] apart (a trickling server)
    /headers                 the request headers as JSON

``[page]`` names a file in ``fixtures/pages`` (default ``PAGE``). Any other path
is a file under ``fixtures/``, e.g. ``/pages/amp-en.html``; an HTML page is sent
with the ``content_type`` its ``.json`` spec declares (the header-only charsets).
Add routes with ``add_route("/article/<slug>", handler)``; the newest match wins.
"""

from __future__ import annotations

import json
import mimetypes
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qsl, urljoin, urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: The page retry routes end with when no ``page`` is given.
PAGE = "opengraph-only-en.html"

#: What ``/etag`` serves as its validators.
ETAG = '"v1"'
LAST_MODIFIED = datetime(2024, 3, 15, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Request:
    """What a handler sees: ``hit`` counts requests to this path so far, this one included."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case keys
    params: dict[str, str]  # the <name> segments of the matched route
    hit: int


@dataclass
class Reply:
    """What a handler answers: ``drop`` closes the connection without a response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False  # no Content-Length: the body is sent in chunks
    drip: float = 0.0  # seconds between body chunks
    chunk_size: int = 16 * 1024
    drop: bool = False


Handler = Callable[[Request], Reply]


def html_reply(body: str | bytes, *, status: int = 200, **headers: str) -> Reply:
    """A UTF-8 HTML reply; ``headers`` use underscores for dashes (``last_modified=``)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    extra = {k.replace("_", "-"): v for k, v in headers.items()}
    return Reply(status, data, {"content-type": "text/html; charset=utf-8", **extra})


def fixture_page(name: str) -> Reply:
    """``fixtures/pages/NAME`` with the Content-Type its spec declares (else plain text/html)."""
    path = FIXTURES / "pages" / name
    return _file_reply(path)


def _file_reply(path: Path) -> Reply:
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    spec = path.with_suffix(".json")
    if path.suffix == ".html" and spec.is_file():
        content_type = json.loads(spec.read_text("utf-8")).get("content_type") or content_type
    return Reply(200, path.read_bytes(), {"content-type": content_type})


def changing_article(version: int) -> str:
    """The ``/changing`` article as first published (1) and after an update (2 or later)."""
    update = version >= 2
    modified = "2024-03-15T12:30:00+00:00" if update else "2024-03-15T09:00:00+00:00"
    closing = (
        "Updated: the council later confirmed the bridge will open to cyclists in 2026, "
        "a year earlier than first announced, after a second vote on Friday afternoon."
        if update
        else "The council did not say when the bridge would open to cyclists, and said "
        "further details would be published once the contracts were signed."
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>River town approves new footbridge | Test Gazette</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "River town approves new footbridge", "datePublished": "2024-03-15T09:00:00+00:00",
"dateModified": "{modified}", "author": {{"@type": "Person", "name": "Ana Reyes"}}}}</script>
</head><body><header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<article><h1>River town approves new footbridge</h1>
<p class="byline">By Ana Reyes</p>
<p>The town council voted on Thursday to build a footbridge across the river, ending a decade
of debate over how pupils from the east bank should reach the new secondary school safely.</p>
<p>The bridge will be paid for from the regional transport fund and a loan that the council
expects to repay over twenty years, the treasurer told members during the two-hour meeting.</p>
<p>Residents who spoke at the meeting welcomed the plan but asked for lighting along the
towpath, which several said they avoid after dark because of the narrow and uneven surface.</p>
<p>{closing}</p>
</article><footer>Test Gazette, all rights reserved.</footer></body></html>
"""


class _QuietServer(ThreadingHTTPServer):
    """Handler threads do not hold up exit; a client hanging up is not an error worth a trace."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _pattern(route: str) -> re.Pattern[str]:
    """``/status/<code>`` → a regex with one named group per ``<name>`` segment."""
    parts = re.split(r"<(\w+)>", route)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


class MockServer:
    """A threaded HTTP/1.1 server on an ephemeral 127.0.0.1 port, run in a background thread.

    ``hits(path)`` counts requests per path (query ignored); ``requests`` lists
    every request received, oldest first. Use as a context manager or
    ``start()``/``stop()``.
    """

    def __init__(self, fixtures: Path = FIXTURES) -> None:
        self.fixtures = fixtures
        self.requests: list[Request] = []
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._builtin: list[tuple[re.Pattern[str], Handler]] = [
            (_pattern(route), handler) for route, handler in self._builtin_routes().items()
        ]
        self._added: list[tuple[re.Pattern[str], Handler]] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> MockServer:
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- what tests use ------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return urljoin(self.base_url + "/", path.lstrip("/"))

    def add_route(self, route: str, handler: Handler) -> None:
        """Serve ``route`` (``<name>`` segments become ``Request.params``) with ``handler``."""
        with self._lock:
            self._added.insert(0, (_pattern(route), handler))

    def hits(self, path: str) -> int:
        """How many requests reached ``path`` (without query) since the last reset."""
        with self._lock:
            return self._hits[path]

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def reset(self) -> None:
        """Forget hits, recorded requests and added routes (between tests)."""
        with self._lock:
            self._hits.clear()
            self.requests.clear()
            self._added.clear()

    # --- dispatch ------------------------------------------------------------------------

    def _dispatch(self, method: str, target: str, headers: dict[str, str]) -> Reply:
        parts = urlsplit(target)
        with self._lock:
            self._hits[parts.path] += 1
            hit = self._hits[parts.path]
        handler, params = self._route(parts.path)
        request = Request(method, parts.path, dict(parse_qsl(parts.query)), headers, params, hit)
        with self._lock:
            self.requests.append(request)
        return handler(request)

    def _route(self, path: str) -> tuple[Handler, dict[str, str]]:
        with self._lock:
            routes = [*self._added, *self._builtin]
        for pattern, handler in routes:
            match = pattern.match(path)
            if match:
                return handler, match.groupdict()
        return self._serve_file, {}

    def _serve_file(self, request: Request) -> Reply:
        root = self.fixtures.resolve()
        path = (root / request.path.lstrip("/")).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return html_reply(f"<h1>Not found: {request.path}</h1>", status=404)
        return _file_reply(path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                self._answer(send_body=True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(send_body=False)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Quiet: tests read ``requests`` instead."""

            def _answer(self, *, send_body: bool) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = server._dispatch(self.command, self.path, headers)
                try:
                    self._write(reply, send_body=send_body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (e.g. its timeout)

            def _write(self, reply: Reply, *, send_body: bool) -> None:
                if reply.drop:
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                headers = {"content-type": "text/html; charset=utf-8"}
                headers.update({k.lower(): v for k, v in reply.headers.items()})
                bodyless = reply.status in (204, 304) or reply.status < 200
                if reply.chunked and not bodyless:
                    headers["transfer-encoding"] = "chunked"
                elif not bodyless:
                    headers["content-length"] = str(len(reply.body))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if not send_body or bodyless:
                    return
                if not reply.chunked:
                    self.wfile.write(reply.body)
                    return
                for start in range(0, len(reply.body), reply.chunk_size):
                    if reply.drip and server._stopping.wait(reply.drip):
                        return
                    chunk = reply.body[start : start + reply.chunk_size]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")

        return _Handler

    # --- built-in routes -----------------------------------------------------------------

    def _builtin_routes(self) -> dict[str, Handler]:
        return {
            "/status/<code>": _status,
            "/delay/<seconds>": self._delay,
            "/redirect-to": _redirect_to,
            "/redirect-loop": lambda r: Reply(302, headers={"location": "/redirect-loop"}),
            "/retry-after/<n>": _retry_after,
            "/fail-then-ok/<n>": _fail_then_ok,
            "/drop/<n>": _drop,
            "/changing": lambda r: html_reply(changing_article(r.hit)),
            "/etag": _etag,
            "/big": _big,
            "/drip": _drip,
            "/headers": lambda r: Reply(
                200, json.dumps(r.headers).encode(), {"content-type": "application/json"}
            ),
        }

    def _delay(self, request: Request) -> Reply:
        self._stopping.wait(float(request.params["seconds"]))
        return html_reply(f"<p>after {request.params['seconds']} s</p>")


def _status(request: Request) -> Reply:
    code = int(request.params["code"])
    return html_reply(f"<h1>status {code}</h1>", status=code)


def _redirect_to(request: Request) -> Reply:
    status = int(request.query.get("status", "302"))
    return Reply(status, headers={"location": request.query["url"]})


def _retry_after(request: Request) -> Reply:
    if request.hit > int(request.params["n"]):
        return fixture_page(request.query.get("page", PAGE))
    seconds = float(request.query.get("after", "1"))
    if request.query.get("date") == "1":
        value = format_datetime(datetime.now(UTC) + timedelta(seconds=seconds), usegmt=True)
    else:
        value = request.query.get("after", "1")
    status = int(request.query.get("status", "429"))
    return html_reply("<h1>slow down</h1>", status=status, retry_after=value)


def _fail_then_ok(request: Request) -> Reply:
    if request.hit > int(request.params["n"]):
        return fixture_page(request.query.get("page", PAGE))
    return html_reply("<h1>internal error</h1>", status=500)


def _drop(request: Request) -> Reply:
    if request.hit > int(request.params["n"]):
        return fixture_page(request.query.get("page", PAGE))
    return Reply(drop=True)


def _etag(request: Request) -> Reply:
    last_modified = format_datetime(LAST_MODIFIED, usegmt=True)
    validators = {"etag": ETAG, "last-modified": last_modified}
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        if ETAG in [tag.strip() for tag in if_none_match.split(",")] or if_none_match == "*":
            return Reply(304, headers=validators)
    elif _not_modified_since(request.headers.get("if-modified-since")):
        return Reply(304, headers=validators)
    page = fixture_page(request.query.get("page", PAGE))
    page.headers.update(validators)
    return page


def _not_modified_since(value: str | None) -> bool:
    if not value:
        return False
    try:
        since = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return False
    return since >= LAST_MODIFIED


def _big(request: Request) -> Reply:
    size = int(request.query.get("size", str(1024 * 1024)))
    body = (b"<html><body><p>" + b"x" * size)[:size]
    return Reply(200, body, chunked=request.query.get("chunked") == "1")


def _drip(request: Request) -> Reply:
    chunks = int(request.query.get("chunks", "10"))
    body = b"<p>drip</p>\n" * chunks
    return Reply(
        200, body, chunked=True, drip=float(request.query.get("seconds", "0.2")), chunk_size=12
    )
