"""The exceptions scraper raises.

    ScraperError
    ├── NotHTMLError          input that is not an HTML document
    ├── ProfileError          a site profile that cannot be loaded or is invalid
    ├── ArchiveError          (scraper.archive) the archive cannot be opened or written
    └── FetchError            a page could not be fetched (``.url`` says which)
        ├── HTTPStatusError   the server's last answer was not 2xx/3xx (``.status``)
        ├── TooLargeError     the response passed the size cap (``.limit``)
        ├── FetchTimeoutError connect, read or whole-attempt time limit passed
        ├── ConnectError      no connection, or it broke before the response was read
        ├── TooManyRedirectsError  a redirect loop or chain longer than allowed
        └── InvalidURLError   a URL that cannot be fetched (malformed, not http/https)

Third-party errors are translated into these at the module that meets them,
with ``raise ... from exc``, so callers never need to know which library failed.
Fetch errors keep their constructor arguments in ``args`` so they pickle and
cross process boundaries intact.
"""

from __future__ import annotations


class ScraperError(Exception):
    """Base class of every error scraper raises on purpose."""


class NotHTMLError(ScraperError):
    """The input does not look like an HTML document."""


class ProfileError(ScraperError):
    """A site profile is missing, unreadable or has an invalid key."""


class FetchError(ScraperError):
    """A page could not be fetched; ``url`` is the URL that was requested."""

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(url, detail)
        self.url = url
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.url}: {self.detail}" if self.detail else self.url


class HTTPStatusError(FetchError):
    """The server answered with an error status (after any retries).

    ``status`` is the last status seen, ``final_url`` the URL that gave it
    (after redirects) and ``retry_after`` the server's requested wait in
    seconds, when it sent one.
    """

    def __init__(
        self,
        url: str,
        status: int,
        final_url: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        FetchError.__init__(self, url, f"HTTP {status}")
        self.args = (url, status, final_url, retry_after)
        self.status = status
        self.final_url = final_url or url
        self.retry_after = retry_after


class TooLargeError(FetchError):
    """The response body is larger than ``limit`` bytes; reading stopped there."""

    def __init__(self, url: str, limit: int) -> None:
        FetchError.__init__(self, url, f"response larger than {limit} bytes")
        self.args = (url, limit)
        self.limit = limit


class FetchTimeoutError(FetchError):
    """Connecting, reading or the whole attempt took longer than allowed."""


class ConnectError(FetchError):
    """The connection could not be made, or broke before the response was complete."""


class TooManyRedirectsError(FetchError):
    """Redirects looped or went on past the allowed number."""


class InvalidURLError(FetchError):
    """The URL is malformed or uses a scheme we do not fetch."""
