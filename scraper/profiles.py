"""Load and validate site profiles (``scraper/sites/*.toml``).

A profile is data, not code: adding a portal means adding a file. A bad file
fails loudly with its path and the offending key, never half-loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ProfileError
from .models import SELECTOR_FIELDS, SiteProfile

BUILTIN_DIR = Path(__file__).parent / "sites"

_LIST_KEYS = ("domains", "start_urls", "sitemaps", "feeds", "sections", "ignore")
_TEXT_KEYS = ("name", "title", "lang", "timezone", "date_order", "article_url_pattern")
_DATE_ORDERS = ("DMY", "MDY", "YMD")


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

    known = set(_LIST_KEYS) | set(_TEXT_KEYS) | {"selectors"}
    for key in data:
        if key not in known:
            raise fail(key, f"unknown key (known keys: {', '.join(sorted(known))})")
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
        try:
            re.compile(values["article_url_pattern"])
        except re.error as exc:
            raise fail("article_url_pattern", f"not a valid regular expression: {exc}") from exc
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
