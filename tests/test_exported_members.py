"""The public surface is pinned: a change to it is a decision, not an accident."""

import scraper


def test_public_api() -> None:
    assert sorted(scraper.__all__) == [
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
    for name in scraper.__all__:
        assert hasattr(scraper, name), name
