"""scraper: news-portal scraper and archive ingester."""

from .errors import NotHTMLError, ProfileError, ScraperError
from .extract import extract
from .models import Article, SiteProfile, Teaser
from .profiles import load_profile, load_profiles, profile_for_url

__version__ = "0.1.0"

__all__ = [
    "Article",
    "NotHTMLError",
    "ProfileError",
    "ScraperError",
    "SiteProfile",
    "Teaser",
    "extract",
    "load_profile",
    "load_profiles",
    "profile_for_url",
]
