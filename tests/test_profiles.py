"""Site profiles load, validate with clear errors, and match URLs by domain."""

from pathlib import Path

import pytest

from scraper import ProfileError, load_profile, load_profiles, profile_for_url
from scraper.profiles import profile_from_dict


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
