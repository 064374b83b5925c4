"""The exceptions scraper raises.

    ScraperError
    ├── NotHTMLError          input that is not an HTML document
    └── ProfileError          a site profile that cannot be loaded or is invalid

Third-party errors are translated into these at the module that meets them,
with ``raise ... from exc``, so callers never need to know which library failed.
"""


class ScraperError(Exception):
    """Base class of every error scraper raises on purpose."""


class NotHTMLError(ScraperError):
    """The input does not look like an HTML document."""


class ProfileError(ScraperError):
    """A site profile is missing, unreadable or has an invalid key."""
