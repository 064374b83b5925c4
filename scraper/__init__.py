"""scraper: news-portal scraper and archive ingester."""

from .errors import FetchError, NotHTMLError, ProfileError, ScraperError
from .extract import extract
from .models import Article, Page, SiteProfile, Teaser
from .profiles import load_profile, load_profiles, profile_for_url

__version__ = "0.1.0"

__all__ = [
    "Article",
    "FetchError",
    "NotHTMLError",
    "Page",
    "ProfileError",
    "ScraperError",
    "SiteProfile",
    "Teaser",
    "extract",
    "load_profile",
    "load_profiles",
    "profile_for_url",
]
