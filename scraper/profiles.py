"""Load and validate site profiles (``scraper/sites/*.toml``).

A profile is data, not code: adding a portal means adding a file. A bad file
fails loudly with its path and the offending key, never half-loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ProfileError
from .models import SELECTOR_FIELDS, SiteProfile

BUILTIN_DIR = Path(__file__).parent / "sites"

_LIST_KEYS = (
    "domains",
    "start_urls",
    "sitemaps",
    "feeds",
    "sections",
    "ignore",
    "allowed_domains",
    "exclude_url_patterns",
)
_TEXT_KEYS = (
    "name",
    "title",
    "lang",
    "timezone",
    "date_order",
    "article_url_pattern",
    "user_agent",
)
#: Keys holding absolute http(s) URLs.
_URL_KEYS = ("start_urls", "sitemaps", "feeds", "sections")
#: URL keys whose pages must lie inside the crawl's scope (sitemaps and feeds may sit on a CDN).
_SCOPED_URL_KEYS = ("start_urls", "sections")
_NUMBER_KEYS = ("pagination", "delay_seconds", "concurrency", "respect_robots")
_DURATION_KEYS = ("revisit_after", "listing_revisit")
_DATE_ORDERS = ("DMY", "MDY", "YMD")
#: Every top-level key a profile may have (docs/PROFILES.md documents each).
KNOWN_KEYS = frozenset((*_LIST_KEYS, *_TEXT_KEYS, *_NUMBER_KEYS, *_DURATION_KEYS, "selectors"))
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_DURATION_WHOLE = re.compile(r"(?:\d+(?:\.\d+)?\s*[smhdw]\s*)+")


def parse_duration(text: str) -> timedelta:
    """A duration such as ``"90s"``, ``"30m"``, ``"6h"``, ``"1d"``, ``"2w"`` or ``"1h30m"``.

    Raise ValueError on anything else: a bare number would leave the unit to guesswork.
    """
    compact = text.strip().lower()
    if not _DURATION_WHOLE.fullmatch(compact):
        raise ValueError(f'{text!r} is not a duration such as "30m", "6h" or "1d"')
    seconds = sum(float(n) * _DURATION_UNITS[unit] for n, unit in _DURATION.findall(compact))
    return timedelta(seconds=seconds)


def load_profile(path: str | Path) -> SiteProfile:
    """Read one profile file; raise ProfileError naming the file and key on any problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    return profile_from_dict(data, source=str(path), default_name=path.stem)


def profile_from_dict(
    data: dict[str, Any], *, source: str = "<profile>", default_name: str | None = None
) -> SiteProfile:
    """Validate a parsed profile mapping into a SiteProfile."""

    def fail(key: str, problem: str) -> ProfileError:
        return ProfileError(f"{source}: key {key!r}: {problem}")

    for key in data:
        if key not in KNOWN_KEYS:
            raise fail(key, f"unknown key (known keys: {', '.join(sorted(KNOWN_KEYS))})")
    values: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                raise fail(key, "must be a non-empty string")
            values[key] = data[key].strip()
    for key in _LIST_KEYS:
        if key in data:
            items = data[key]
            if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
                raise fail(key, "must be a list of non-empty strings")
            values[key] = tuple(items)
    values.setdefault("name", default_name)
    if not values.get("name"):
        raise fail("name", "is required")
    domains = tuple(d.lower().strip(".") for d in values.get("domains", ()))
    if not domains:
        raise fail("domains", "is required: the hosts this profile covers")
    values["domains"] = domains
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise fail("timezone", f"unknown time zone {values['timezone']!r}") from exc
    if "date_order" in values:
        values["date_order"] = values["date_order"].upper()
        if values["date_order"] not in _DATE_ORDERS:
            raise fail("date_order", f"must be one of {', '.join(_DATE_ORDERS)}")
    if "article_url_pattern" in values:
        _check_regex(values["article_url_pattern"], lambda p: fail("article_url_pattern", p))
    for pattern in values.get("exclude_url_patterns", ()):
        _check_regex(pattern, lambda problem: fail("exclude_url_patterns", problem))
    values.update(_crawl_values(data, domains, fail))
    for key in _URL_KEYS:
        for url in values.get(key, ()):
            _check_url(url, key, values["allowed_domains"], fail)
    selectors = data.get("selectors", {})
    if not isinstance(selectors, dict):
        raise fail("selectors", "must be a table of field = CSS selector")
    for field_name, selector in selectors.items():
        if field_name not in SELECTOR_FIELDS:
            raise fail(
                f"selectors.{field_name}", f"no such field (fields: {', '.join(SELECTOR_FIELDS)})"
            )
        if not isinstance(selector, str) or not selector.strip():
            raise fail(f"selectors.{field_name}", "must be a non-empty CSS selector string")
    return SiteProfile(
        **values, selectors=dict(selectors), source_path=None if source == "<profile>" else source
    )


_Fail = Callable[[str, str], ProfileError]


def _check_regex(pattern: str, fail: Callable[[str], ProfileError]) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise fail(f"{pattern!r} is not a valid regular expression: {exc}") from exc


def _check_url(url: str, key: str, scope: tuple[str, ...], fail: _Fail) -> None:
    """A discovery URL must be absolute http(s); start and section pages must be in scope."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(key, f"{url!r} is not an absolute http(s) URL")
    host = parts.hostname.lower()
    if key in _SCOPED_URL_KEYS and not any(host == d or host.endswith("." + d) for d in scope):
        raise fail(key, f"{url!r} is outside the profile's domains ({', '.join(scope)})")


def _crawl_values(data: dict[str, Any], domains: tuple[str, ...], fail: _Fail) -> dict[str, Any]:
    """The typed politeness, scope and revisit settings, defaults filled in."""
    values: dict[str, Any] = {}
    allowed = data.get("allowed_domains")
    values["allowed_domains"] = tuple(d.lower().strip(".") for d in allowed) if allowed else domains
    if "pagination" in data:
        values["pagination"] = _whole(data, "pagination", 1, fail)
    if "concurrency" in data:
        values["concurrency"] = _whole(data, "concurrency", 1, fail)
    if "delay_seconds" in data:
        delay = data["delay_seconds"]
        if isinstance(delay, bool) or not isinstance(delay, int | float) or not delay >= 0:
            raise fail("delay_seconds", "must be a number of seconds, 0 or more (e.g. 1.5)")
        values["delay_seconds"] = float(delay)
    if "respect_robots" in data:
        if not isinstance(data["respect_robots"], bool):
            raise fail("respect_robots", "must be true or false")
        values["respect_robots"] = data["respect_robots"]
    if "revisit_after" in data:
        raw = data["revisit_after"]
        if not isinstance(raw, list) or not all(isinstance(i, str) for i in raw):
            raise fail("revisit_after", 'must be a list of durations, e.g. ["1h", "6h", "1d"]')
        try:
            ages = tuple(parse_duration(i) for i in raw)
        except ValueError as exc:
            raise fail("revisit_after", str(exc)) from exc
        if any(age <= timedelta(0) for age in ages):
            raise fail("revisit_after", "durations must be longer than zero")
        if any(later <= earlier for earlier, later in zip(ages, ages[1:], strict=False)):
            raise fail(
                "revisit_after", "durations must grow (ages since the article was first seen)"
            )
        values["revisit_after"] = ages
    if "listing_revisit" in data:
        raw = data["listing_revisit"]
        if not isinstance(raw, str):
            raise fail("listing_revisit", 'must be a duration such as "30m" ("0s": every run)')
        try:
            values["listing_revisit"] = parse_duration(raw)
        except ValueError as exc:
            raise fail("listing_revisit", str(exc)) from exc
    return values


def _whole(data: dict[str, Any], key: str, minimum: int, fail: _Fail) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise fail(key, f"must be a whole number, {minimum} or more")
    return value


def load_profiles(directory: str | Path | None = None) -> list[SiteProfile]:
    """Every profile in a folder (the bundled ones by default), sorted by name."""
    folder = Path(directory) if directory is not None else BUILTIN_DIR
    if not folder.is_dir():
        raise ProfileError(f"{folder}: no such profile folder")
    profiles = [load_profile(p) for p in sorted(folder.glob("*.toml"))]
    names: dict[str, str] = {}
    for profile in profiles:
        if profile.name in names:
            other = names[profile.name]
            raise ProfileError(
                f"{profile.source_path}: key 'name': {profile.name!r} is also used by {other}"
            )
        names[profile.name] = str(profile.source_path)
    return sorted(profiles, key=lambda p: p.name)


def profile_for_url(url: str, profiles: Iterable[SiteProfile]) -> SiteProfile | None:
    """The profile whose domains cover the URL's host (the most specific one), else None."""
    host = (urlsplit(url).hostname or "").lower()
    best: SiteProfile | None = None
    best_len = -1
    for profile in profiles:
        for domain in profile.domains:
            if (host == domain or host.endswith("." + domain)) and len(domain) > best_len:
                best, best_len = profile, len(domain)
    return best
