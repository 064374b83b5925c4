"""Scope and schedule decisions over plain values: which URLs a profile's crawl follows, when.

The profile says it in data (``allowed_domains``, ``exclude_url_patterns``,
``article_url_pattern``, ``revisit_after``); without an article pattern the
generic URL-shape test shared with teaser extraction decides.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from ..archive.canonical import canonical_url
from ..extract.teasers_urls import is_article_like
from ..models import SiteProfile


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _host_in(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def in_scope(url: str, profile: SiteProfile) -> bool:
    """Whether the crawl of ``profile`` may fetch ``url``.

    True for an http(s) URL on one of the profile's allowed domains (or their
    subdomains) that no ``exclude_url_patterns`` entry matches, in the URL as
    given or in its canonical form.
    """
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not _host_in(host, profile.scope_domains):
        return False
    if not profile.exclude_url_patterns:
        return True
    forms = (url, canonical_url(url))
    return not any(_regex(p).search(form) for p in profile.exclude_url_patterns for form in forms)


def is_article_url(url: str, profile: SiteProfile) -> bool:
    """Whether ``url`` is an in-scope article page of ``profile`` (not a section, tag, feed...).

    With ``article_url_pattern`` the pattern decides (searched in the URL as
    given or in its canonical form); without one, the generic URL-shape test.
    """
    if not in_scope(url, profile):
        return False
    if profile.article_url_pattern:
        pattern = _regex(profile.article_url_pattern)
        return bool(pattern.search(url) or pattern.search(canonical_url(url)))
    return is_article_like(url)


def next_revisit(
    first_seen: datetime, last_checked: datetime, profile: SiteProfile
) -> datetime | None:
    """When an article first seen at ``first_seen`` is next due for an update check.

    The first point of ``profile.revisit_after`` (ages since first seen) later
    than ``last_checked``; None once the schedule is used up (never again).
    A check that ran late does not shift the later points.
    """
    for age in profile.revisit_after:
        due = first_seen + age
        if due > last_checked:
            return due
    return None
