"""Site profiles load, validate with clear errors, and match URLs by domain."""

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper import ProfileError, load_profile, load_profiles, profile_for_url
from scraper.cli import main
from scraper.profiles import KNOWN_KEYS, profile_from_dict


def test_bundled_profiles_load() -> None:
    names = [p.name for p in load_profiles()]
    assert "binhduong-en" in names


def test_example_portal_profile_has_its_time_zone_and_date_order() -> None:
    profile = profile_for_url("https://baobinhduong.vn/en/some-story-a1.html", load_profiles())
    assert profile is not None
    assert (profile.timezone, profile.date_order, profile.lang) == ("Asia/Ho_Chi_Minh", "DMY", "en")


def test_unknown_host_has_no_profile() -> None:
    assert profile_for_url("https://elsewhere.example/a", load_profiles()) is None


def test_most_specific_domain_wins() -> None:
    broad = profile_from_dict({"name": "broad", "domains": ["example.com"]})
    narrow = profile_from_dict({"name": "narrow", "domains": ["en.example.com"]})
    assert profile_for_url("https://en.example.com/x", [broad, narrow]) is narrow
    assert profile_for_url("https://www.example.com/x", [broad, narrow]) is broad


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('name = "x"\ndomains = ["a.example"]\ntimezone = "Mars/Olympus"\n', "timezone"),
        ('name = "x"\ndomains = ["a.example"]\ndate_order = "DDMM"\n', "date_order"),
        ('name = "x"\ndomains = ["a.example"]\nstart_url = "https://a.example/"\n', "start_url"),
        ('name = "x"\n', "domains"),
        ('name = "x"\ndomains = ["a.example"]\n[selectors]\nbyline = ".by"\n', "selectors.byline"),
        (
            'name = "x"\ndomains = ["a.example"]\narticle_url_pattern = "(["\n',
            "article_url_pattern",
        ),
    ],
)
def test_bad_profile_error_names_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(path) in str(info.value)
    assert repr(key) in str(info.value)


def test_invalid_toml_is_a_profile_error(tmp_path: Path) -> None:
    path = write(tmp_path, "name = \n")
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(path)


def test_duplicate_profile_names_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('name = "same"\ndomains = ["a.example"]\n')
    (tmp_path / "b.toml").write_text('name = "same"\ndomains = ["b.example"]\n')
    with pytest.raises(ProfileError, match="also used by"):
        load_profiles(tmp_path)


def test_crawl_settings_default_when_absent() -> None:
    profile = profile_from_dict({"name": "x", "domains": ["a.example"]})
    assert profile.pagination == 2
    assert profile.allowed_domains == ("a.example",)
    assert (profile.delay_seconds, profile.concurrency, profile.respect_robots) == (1.0, 2, True)
    assert profile.user_agent is None
    assert profile.revisit_after == (
        timedelta(hours=1),
        timedelta(hours=6),
        timedelta(days=1),
        timedelta(days=3),
    )
    assert profile.listing_revisit == timedelta(0)


def test_crawl_settings_are_read_into_typed_values() -> None:
    profile = profile_from_dict(
        {
            "name": "x",
            "domains": ["a.example"],
            "allowed_domains": ["A.example", "cdn.example"],
            "pagination": 5,
            "delay_seconds": 2,
            "concurrency": 1,
            "user_agent": "ArchiveBot/1.0 (+https://archive.example/bot)",
            "respect_robots": False,
            "revisit_after": ["30m", "1h30m", "2d", "1w"],
            "listing_revisit": "15m",
        }
    )
    assert profile.allowed_domains == ("a.example", "cdn.example")
    assert profile.delay_seconds == 2.0 and isinstance(profile.delay_seconds, float)
    assert profile.revisit_after == (
        timedelta(minutes=30),
        timedelta(minutes=90),
        timedelta(days=2),
        timedelta(weeks=1),
    )
    assert profile.listing_revisit == timedelta(minutes=15)
    assert (profile.pagination, profile.concurrency, profile.respect_robots) == (5, 1, False)


def test_an_empty_revisit_list_means_never_recheck() -> None:
    profile = profile_from_dict({"name": "x", "domains": ["a.example"], "revisit_after": []})
    assert profile.revisit_after == ()


BASE = 'name = "x"\ndomains = ["a.example"]\n'


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('revisit_after = ["1h", "soon"]\n', "revisit_after"),
        ('revisit_after = ["1d", "6h"]\n', "revisit_after"),
        ('revisit_after = "1h"\n', "revisit_after"),
        ("revisit_after = [3600]\n", "revisit_after"),
        ('listing_revisit = "hourly"\n', "listing_revisit"),
        ("delay_seconds = -1\n", "delay_seconds"),
        ('delay_seconds = "1s"\n', "delay_seconds"),
        ("concurrency = 0\n", "concurrency"),
        ("concurrency = 1.5\n", "concurrency"),
        ("pagination = 0\n", "pagination"),
        ('respect_robots = "no"\n', "respect_robots"),
        ('exclude_url_patterns = ["(unclosed"]\n', "exclude_url_patterns"),
        ('feeds = ["/feed.xml"]\n', "feeds"),
        ('sections = ["https://elsewhere.example/news/"]\n', "sections"),
        ('user_agent = ""\n', "user_agent"),
    ],
)
def test_bad_crawl_setting_names_file_and_key(tmp_path: Path, extra: str, key: str) -> None:
    path = write(tmp_path, BASE + extra)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(path) in str(info.value)
    assert repr(key) in str(info.value)


def test_feeds_may_live_on_another_host_but_sections_may_not() -> None:
    profile = profile_from_dict(
        {"name": "x", "domains": ["a.example"], "feeds": ["https://feeds.cdn.example/a.rss"]}
    )
    assert profile.feeds == ("https://feeds.cdn.example/a.rss",)


def test_every_bundled_profile_has_somewhere_to_start_the_crawl() -> None:
    for profile in load_profiles():
        assert profile.start_urls or profile.sitemaps or profile.feeds or profile.sections, (
            profile.name
        )


def test_scrape_sites_lists_the_bundled_profiles() -> None:
    result = CliRunner().invoke(main, ["sites"])
    assert result.exit_code == 0, result.output
    assert "binhduong-en" in result.output
    assert "baobinhduong.vn" in result.output


def test_scrape_sites_exits_2_with_the_bad_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(BASE, encoding="utf-8")
    (tmp_path / "bad.toml").write_text(
        'name = "bad"\ndomains = ["b.example"]\ndelay_seconds = -2\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["sites", "--sites", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad.toml" in result.output and "'delay_seconds'" in result.output


def test_scrape_sites_exits_2_on_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sites", "--sites", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such profile folder" in result.output


DOCS = Path(__file__).resolve().parent.parent / "docs" / "PROFILES.md"


def test_the_documented_example_profile_is_valid() -> None:
    text = DOCS.read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    profile = profile_from_dict(tomllib.loads(example), source="docs/PROFILES.md")
    assert profile.sections and profile.feeds and profile.sitemaps


def test_every_profile_key_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [key for key in KNOWN_KEYS if f"| `{key}` |" not in text and key != "selectors"]
    assert missing == []
    assert "| `[selectors]` |" in text
