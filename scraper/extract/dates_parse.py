"""Read one short date string: ISO and numeric forms by regex, month names by dateparser.

dateparser is slow (about half a millisecond a call, more without a language),
so it only ever sees a short span already cut out by a regex, and only when the
span holds a month *name*. Numeric dates are read here, with the day-month
order taken from the weekday name when there is one (it must agree with the
date), else from the site profile, else from the separator and language.
A two-digit year is read as the last field unless the profile says YMD:
``22-12-25`` is never 2022-12-25.

Everything in this module works on plain strings; the page search lives in
``dates_page`` and the cascade in ``dates``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as dt_timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MIN_YEAR = 1990
MAX_YEAR = 2100

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:(?:[.,]|:(?=\d{3}))(\d{1,9}))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.ASCII | re.IGNORECASE,
)
_COMPACT = re.compile(
    r"(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?", re.A
)
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
#: 1-4 digits, a separator, 1-2 digits, the same separator, 2-4 digits ("26 | 01 | 2022" too).
_NUMERIC = re.compile(
    r"(?<![\d.,/-])(\d{1,4})(\.\s?|/|-|\s\|\s)(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./]\d|-\d+(?![:\d]))"
)
_CJK = re.compile(r"(\d{4})\s*(?:年|년)\s*(\d{1,2})\s*(?:月|월)\s*(\d{1,2})\s*(?:日|일)?")
_THAI_MONTHS = (
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม "
    "พฤศจิกายน ธันวาคม".split(),
    "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split(),
)
_THAI_MONTH = {name: i + 1 for names in _THAI_MONTHS for i, name in enumerate(names)}
#: "15 ม.ค. 2567", "22 ธันวาคม 2568": Thai months, Buddhist-era years (CE + 543) or CE.
_THAI = re.compile(
    r"(?<!\d)(\d{1,2})\s*("
    + "|".join(re.escape(n) for n in sorted(_THAI_MONTH, key=len, reverse=True))
    + r")\s*(\d{4})(?!\d)"
)
_VI_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
#: A time of day right after a date: "19:20", "4:45pm", "19h20", "19.20 Uhr", "um 14:37".
_TIME = re.compile(
    r"^[\s,;|•·@\-–—(]*(?:[^\W\d_]{1,5}\.?\s+)?(\d{1,2})"
    r"(?::|h|時|\.(?=\d{2}\s*(?:uhr|h\b)))(\d{2})"
    r"(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
#: A time of day written just before the date: "11:30 PM, 23 June 2025", "14:25 15.03.2024".
_TIME_BEFORE = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?(?:\s*uhr)?[\s,|/–-]*$",
    re.IGNORECASE,
)
_OFFSET = re.compile(
    r"^\s*(?i:uhr\s*)?\(?\s*(?:(?i:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|([Zz])\b|([+-])(\d{2}):?(\d{2})"
    r"|([A-Z]{2,5})\b)"
)
#: Zone abbreviations news pages print after a time. A fixed offset where the
#: abbreviation names one (EST, IST); a zone where it names a region (ET).
_ZONE_NAMES: dict[str, str | int] = {
    "GMT": 0,
    "UTC": 0,
    "UT": 0,
    "WET": 0,
    "BST": 60,
    "IST": 330,
    "CET": 60,
    "MEZ": 60,
    "CEST": 120,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "PKT": 300,
    "WIB": 420,
    "ICT": 420,
    "SGT": 480,
    "HKT": 480,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "ART": -180,
    "BRT": -180,
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_WORD = r"[^\W\d_]{3,12}\.?"
#: "19. Oktober 2019", "4 de mayo de 2022", "30 Aug 2023", "2nd of March, 2021".
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|e|º|ª)?\.?\s*(?:de\s+|of\s+)?({_WORD})\s*,?\s*(?:de\s+)?(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
#: "October 19, 2019", "Sept. 3rd 2020".
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![^\W\d_])({_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: The first day of a range, just before the date read: "14. - ", "14.–", "3 to ".
_RANGE_START = re.compile(r"(?<![\d.:])\d{1,2}\.?\s*(?:[-–—]|bis|to|au|al)\s*$", re.IGNORECASE)

#: Weekday names (casefolded) and their number, Monday = 0.
_WEEKDAYS: dict[str, int] = {}
for _names in (
    "monday tuesday wednesday thursday friday saturday sunday",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "lunes martes miércoles jueves viernes sábado domingo",
    "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "poniedziałek wtorek środa czwartek piątek sobota niedziela",
    "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira _ _",
    "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "måndag tisdag _ _ _ lördag _",
    "pazartesi salı çarşamba perşembe cuma cumartesi pazar",
    "thứ_hai thứ_ba thứ_tư thứ_năm thứ_sáu thứ_bảy chủ_nhật",
    "thứ_2 thứ_3 thứ_4 thứ_5 thứ_6 thứ_7 _",
    "mon tue wed thu fri sat sun",
    "mo di mi do fr sa so",
):
    for _i, _name in enumerate(_names.split()):
        if _name != "_":
            _WEEKDAYS.setdefault(_name.replace("_", " "), _i)
_WEEKDAYS.update({"miercoles": 2, "sabado": 5, "sonnabend": 5, "thứ bốn": 2, "chủ nhựt": 6})
_WEEKDAY_RE = re.compile(
    r"(?<![^\W\d_])("
    + "|".join(sorted((re.escape(n) for n in _WEEKDAYS if len(n) > 3), key=len, reverse=True))
    + r"|(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)(?=\.?,))(?![^\W\d_])",
    re.IGNORECASE,
)

#: Words that mark a date as relative to the moment the page was fetched.
_RELATIVE_HINT = re.compile(
    r"\b(?:ago|vor|yesterday|today|gestern|heute|hace|il y a|hier|fa|geleden|temu|önce|"
    r"hôm qua|hôm nay|trước|just now|minutes?|hours?|days?|weeks?)\b|\d+\s*(?:min|h|std|d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What the caller knows about the dates of a page; all optional."""

    languages: tuple[str, ...] = ()
    date_order: str | None = None  # "DMY", "MDY" or "YMD": from the site profile only
    fetched_at: datetime | None = None
    #: ``find_in_text`` answers by input text. A context lives for one page, whose
    #: date lines are read several times over (headline walk, container, meta).
    found: dict[str, tuple[datetime, int] | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )


def parse_date(
    text: str,
    *,
    languages: list[str] | tuple[str, ...] | None = None,
    date_order: str | None = None,
    timezone: str | tzinfo | None = None,
    fetched_at: datetime | None = None,
) -> datetime | None:
    """Read one date string into a timezone-aware datetime, or None.

    A zone written in the string wins; a naive value gets ``timezone``; with no
    zone at all the value is taken as UTC (so callers that know better must
    pass a zone). Relative dates ("2 hours ago", "hôm qua") and dates without
    a year count from ``fetched_at``; without it they are not dates.
    """
    ctx = ParseContext(tuple(languages or ()), date_order, fetched_at)
    value = parse_naive(text, ctx)
    if value is None:
        return None
    return attach_zone(value, to_tzinfo(timezone) or UTC)


def to_tzinfo(value: str | tzinfo | None) -> tzinfo | None:
    if value is None or isinstance(value, tzinfo):
        return value
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def attach_zone(value: datetime, zone: tzinfo) -> datetime:
    """Give a naive value ``zone``; an aware value keeps its own offset."""
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def parse_structured(text: str, ctx: ParseContext) -> datetime | None:
    """A value from JSON-LD or meta: ISO first (no dateparser), then the general reader."""
    raw = text.strip()
    if not raw:
        return None
    return parse_machine(raw) or parse_naive(raw, ctx)


def parse_machine(text: str) -> datetime | None:
    """A machine-written timestamp (ISO 8601, compact ISO, epoch seconds); never dateparser."""
    raw = text.strip()
    match = _ISO.fullmatch(raw)
    if match:
        return _from_iso(match)
    match = _COMPACT.fullmatch(raw)
    if match and not _EPOCH.fullmatch(raw):
        y, mo, d, hh, mi, ss, off = match.groups()
        iso = f"{y}-{mo}-{d}" + (f"T{hh}:{mi}:{ss or '00'}{off or ''}" if hh else "")
        match = _ISO.fullmatch(iso)
        return _from_iso(match) if match else None
    if _EPOCH.fullmatch(raw):
        seconds = int(raw[:10])
        value = datetime.fromtimestamp(seconds, tz=UTC)
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    match = _ISO.match(raw)  # "2024-05-03T10:00:00+02:00[Europe/Berlin]", trailing junk
    if match and match.group(4):
        return _from_iso(match)
    return None


def parse_naive(text: str, ctx: ParseContext) -> datetime | None:
    """The first date in a short string; naive unless the string names a zone."""
    found = find_in_text(text, ctx)
    return found[0] if found else None


def find_in_text(text: str, ctx: ParseContext) -> tuple[datetime, int] | None:
    """(value, start position) of the first absolute date in ``text``, else a relative one."""
    if text in ctx.found:
        return ctx.found[text]
    hit = ctx.found[text] = _find_in_text(" ".join(text.split()), ctx)
    return hit


def _find_in_text(text: str, ctx: ParseContext) -> tuple[datetime, int] | None:
    if not text or len(text) > 400:
        return None
    best: tuple[datetime, int] | None = None
    for reader in (_find_iso, _find_numeric, _find_cjk, _find_named):
        hit = reader(text, ctx)
        if hit is not None and (best is None or hit[1] < best[1]):
            best = hit
    if best is not None:
        if _RANGE_START.search(text, max(0, best[1] - 12), best[1]):
            return None  # "14. - 20. Januar 2022": a period, not the day it was written
        return _time_before(best, text)
    if len(text) <= 60 and not _YEAR.search(text):
        value = _relative(text, ctx)
        if value is not None:
            return value, 0
    return None


def _time_before(hit: tuple[datetime, int], text: str) -> tuple[datetime, int]:
    """A date read without a time takes the time written just before it, if any."""
    value, start = hit
    if start == 0 or value.hour or value.minute or value.second:
        return hit
    match = _TIME_BEFORE.search(text[max(0, start - 24) : start])
    clock = _clock(match) if match else None
    if clock is None:
        return hit
    return value.replace(hour=clock[0], minute=clock[1], second=clock[2]), start


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a time match (groups: h, m, s?, a/p?), None if impossible."""
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    ampm = (match.group(4) or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _find_iso(text: str, ctx: ParseContext) -> tuple[datetime, int] | None:
    for match in _ISO.finditer(text):
        if match.start() > 0 and text[match.start() - 1].isdigit():
            continue
        value = _from_iso(match)
        if value is not None:
            return value, match.start()
    return None


def _from_iso(match: re.Match[str]) -> datetime | None:
    y, mo, d, hh, mi, ss, frac, off = match.groups()
    try:
        value = datetime(
            int(y),
            int(mo),
            int(d),
            int(hh or 0),
            int(mi or 0),
            int(ss or 0),
            int((frac or "0")[:6].ljust(6, "0")),
        )
    except ValueError:
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    zone = _zone_from_text(off) if off and hh is not None else None
    return value.replace(tzinfo=zone) if zone is not None else value


def _zone_from_text(off: str) -> tzinfo | None:
    off = off.strip().upper()
    if off in ("Z", "UTC", "GMT"):
        return UTC
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", off)
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return dt_timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


def _find_numeric(text: str, ctx: ParseContext) -> tuple[datetime, int] | None:
    for match in _NUMERIC.finditer(text):
        a, sep, b, c = match.group(1), match.group(2).strip(), match.group(3), match.group(4)
        readings = _numeric_readings(a, sep, b, c, text, ctx)
        day = _settle(readings, text, ctx)
        if day is None:
            continue
        return _with_time(day, text[match.end() :]), match.start()
    return None


def _numeric_readings(a: str, sep: str, b: str, c: str, text: str, ctx: ParseContext) -> list[date]:
    """Every calendar reading of a-b-c the order rules allow, most likely first."""
    if len(a) == 4:
        return _valid([(int(a), int(b), int(c))]) if len(c) <= 2 else []
    if len(a) == 3:
        return []
    if len(c) == 2:
        year = 2000 + int(c) if int(c) < 70 else 1900 + int(c)
        if ctx.date_order == "YMD":
            return _valid([(2000 + int(a), int(b), int(c))])
    else:
        year = int(c)
    dmy = (year, int(b), int(a))
    mdy = (year, int(a), int(b))
    if ctx.date_order == "MDY":
        order = [mdy, dmy]
    elif ctx.date_order == "DMY" or sep == ".":
        order = [dmy, mdy]
    elif _prefers_month_first(ctx.languages):
        order = [mdy, dmy]
    else:
        order = [dmy, mdy]
    return _valid(order)


def numeric_readings(raw: str) -> tuple[date, date] | None:
    """Both readings of an ambiguous numeric date ("03/12/2024"), else None."""
    match = _NUMERIC.search(raw)
    if not match or len(match.group(1)) > 2:
        return None
    a, b, c = int(match.group(1)), int(match.group(3)), match.group(4)
    if a == b or a > 12 or b > 12:
        return None
    year = int(c) if len(c) == 4 else 2000 + int(c)
    readings = _valid([(year, a, b), (year, b, a)])
    return (readings[0], readings[1]) if len(readings) == 2 else None


def _prefers_month_first(languages: tuple[str, ...]) -> bool:
    """US English writes month first; with no profile, plain ``en`` is read that way too."""
    return bool(languages) and languages[0].lower() in ("en", "en-us", "en_us")


def _valid(triples: list[tuple[int, int, int]]) -> list[date]:
    out: list[date] = []
    for y, m, d in triples:
        try:
            value = date(y, m, d)
        except ValueError:
            continue
        if MIN_YEAR <= y <= MAX_YEAR and value not in out:
            out.append(value)
    return out


def weekday_in(text: str) -> int | None:
    """The weekday a string names (Monday = 0), or None."""
    match = _WEEKDAY_RE.search(text)
    if not match:
        return None
    name = " ".join(match.group(1).casefold().split())
    return _WEEKDAYS.get(name)


def _settle(readings: list[date], text: str, ctx: ParseContext) -> date | None:
    """The reading a weekday name agrees with; with no weekday, the most likely one."""
    if not readings:
        return None
    weekday = weekday_in(text)
    if weekday is None:
        return readings[0]
    for reading in readings:
        if reading.weekday() == weekday:
            return reading
    return None  # the weekday contradicts every reading: not a date we can trust


def _with_time(day: date, rest: str) -> datetime:
    value = datetime(day.year, day.month, day.day)
    match = _TIME.match(rest)
    clock = _clock(match) if match else None
    if match is None or clock is None:
        return value
    value = value.replace(hour=clock[0], minute=clock[1], second=clock[2])
    return _with_zone(value, rest[match.end() :])


def _with_zone(value: datetime, rest: str) -> datetime:
    """``value`` with the zone written right after its time, if any."""
    zone = _OFFSET.match(rest)
    if zone:
        if zone.group(4):
            return value.replace(tzinfo=UTC)
        if zone.group(8):
            named = _ZONE_NAMES.get(zone.group(8))
            if isinstance(named, int):
                return value.replace(tzinfo=dt_timezone(timedelta(minutes=named)))
            if isinstance(named, str):
                return value.replace(tzinfo=ZoneInfo(named))
            return value
        sign, hh, mm = (
            (zone.group(1), zone.group(2), zone.group(3))
            if zone.group(1)
            else (zone.group(5), zone.group(6), zone.group(7))
        )
        tz = _zone_from_text(f"{sign}{int(hh):02d}:{mm or '00'}")
        if tz is not None:
            value = value.replace(tzinfo=tz)
    return value


def _find_cjk(text: str, ctx: ParseContext) -> tuple[datetime, int] | None:
    for pattern in (_CJK, _VI_WORDS, _THAI):
        for match in pattern.finditer(text):
            if pattern is _CJK:
                triple = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
            elif pattern is _THAI:
                year = int(match.group(3))
                year = year - 543 if year > 2400 else year
                triple = (year, _THAI_MONTH[match.group(2)], int(match.group(1)))
            else:
                triple = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
            day = _settle(_valid([triple]), text, ctx)
            if day is not None:
                return _with_time(day, text[match.end() :]), match.start()
    return None


def _find_named(text: str, ctx: ParseContext) -> tuple[datetime, int] | None:
    """A date with a month name: cut the span out by regex, let dateparser read it."""
    if not any(map(str.isalpha, text)):
        return None
    spans: list[tuple[int, int]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end()))
            break
    for start, end in sorted(spans):
        time_match = _TIME.match(text[end:])
        span = text[start:end]
        if time_match:
            span = text[start : end + time_match.end()]
        value = _named_day(span, ctx)
        if value is None and time_match:
            # "3. Mai 2024, 17:47": the plain date read as above, the clock by ``_TIME``.
            day = _named_day(text[start:end], ctx)
            if day is not None and _clock(time_match) is not None:
                value = _with_time(day.date(), text[end:])
                value = value.replace(tzinfo=None)  # a zone after it is read below
        if value is None:
            value = _dateparser(span, ctx, absolute=True)
        if value is None and time_match:
            value = _named_day(text[start:end], ctx) or _dateparser(
                text[start:end], ctx, absolute=True
            )
        if value is None:
            continue
        weekday = weekday_in(text[: start + 1] if start else text)
        if weekday is not None and value.weekday() != weekday:
            continue
        if value.tzinfo is None:
            zone = _OFFSET.match(text[end + (time_match.end() if time_match else 0) :])
            if zone and time_match:
                value = _with_time(value.date(), text[end:])
        return value, start
    return None


#: "19. Oktober 2019", "30 Aug 2023" and "October 19, 2019", "May 04 2022": the plain
#: forms most pages write, read without dateparser (see ``_named_day``).
_PLAIN_DAY_MONTH = re.compile(r"(\d{1,2})\.? ([^\W\d_]{3,12}) (\d{4})")
_PLAIN_MONTH_DAY = re.compile(r"([^\W\d_]{3,12}) (\d{1,2}),? (\d{4})")


def _named_day(span: str, ctx: ParseContext) -> datetime | None:
    """A plain "day month year" span whose month word names one month in the page's first
    language, as dateparser would read it (it tries that language first, with the same
    month words); None when the span is anything else, for dateparser to read."""
    match = _PLAIN_DAY_MONTH.fullmatch(span)
    if match is not None:
        day, word, year = match.groups()
    else:
        match = _PLAIN_MONTH_DAY.fullmatch(span)
        if match is None:
            return None
        word, day, year = match.groups()
    month = _month_words(_supported(ctx.languages)[0]).get(word.lower())
    if month is None or not MIN_YEAR <= int(year) <= MAX_YEAR:
        return None
    try:
        return datetime(int(year), month, int(day))
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _month_words(language: str) -> dict[str, int]:
    """Month words of a dateparser language (its own data), lower case, to their month;
    a word that names two months is left out."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(language).info
    months: dict[str, set[int]] = {}
    for number, name in enumerate(_MONTH_KEYS, start=1):
        for word in info.get(name, ()):
            months.setdefault(word.lower(), set()).add(number)
    return {word: next(iter(found)) for word, found in months.items() if len(found) == 1}


_MONTH_KEYS = (
    "january february march april may june july august september october november december"
).split()


def _relative(text: str, ctx: ParseContext) -> datetime | None:
    """ "2 hours ago", "vor 3 Stunden", "hôm qua": only with a fetch time to count from."""
    if ctx.fetched_at is None or not _RELATIVE_HINT.search(text):
        return None
    value = _dateparser(text, ctx, absolute=False)
    if value is None:
        return None
    base = ctx.fetched_at
    if value.tzinfo is None and base.tzinfo is not None:
        value = value.replace(tzinfo=base.tzinfo)
    if value.tzinfo is not None and base.tzinfo is None:
        value = value.replace(tzinfo=None)
    if value > base + timedelta(minutes=5) or value < base - timedelta(days=400):
        return None
    return value


def _dateparser(span: str, ctx: ParseContext, *, absolute: bool) -> datetime | None:
    languages = _supported(ctx.languages)
    order = ctx.date_order if ctx.date_order in ("DMY", "MDY", "YMD") else None
    base = ctx.fetched_at
    try:
        if absolute:
            data = _absolute_parser(languages, order).get_date_data(span)
        else:
            assert base is not None
            if base.tzinfo is not None:
                base = base.astimezone(UTC).replace(tzinfo=None)
            data = _build_parser(languages, order, base).get_date_data(span)
    except (ValueError, OverflowError, TypeError):
        return None
    result = data.date_obj if data else None
    if result is None:
        return None
    if not absolute and ctx.fetched_at is not None and ctx.fetched_at.tzinfo is not None:
        result = result.replace(tzinfo=UTC).astimezone(ctx.fetched_at.tzinfo)
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        return None
    return result


@lru_cache(maxsize=64)
def _absolute_parser(languages: tuple[str, ...], order: str | None) -> Any:
    """A dateparser reader per language set and order. Memoised: building one costs
    tens of milliseconds and it keeps no per-page state."""
    return _build_parser(languages, order, None)


def _build_parser(languages: tuple[str, ...], order: str | None, base: datetime | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
    }
    if order:
        settings["DATE_ORDER"] = order
    if base is None:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        settings["RELATIVE_BASE"] = datetime(2000, 1, 1)  # never read "now" off the clock
    else:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=list(languages) or None, settings=settings)


#: Tried, in this order, when a page declares no language: the languages of
#: most news sites. Letting dateparser detect the language among all of its
#: ~200 locales costs ~15 ms a call, more than the rest of a page's extraction.
_UNDECLARED = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ru", "tr", "vi", "id")


@lru_cache(maxsize=256)
def _supported(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages dateparser knows, primary subtags, with English as a last resort."""
    from dateparser.data import language_locale_dict

    if not languages:
        languages = _UNDECLARED
    out: list[str] = []
    for lang in (*languages, "en"):
        code = lang.lower().replace("_", "-").split("-")[0]
        if code in language_locale_dict and code not in out:
            out.append(code)
    return tuple(out)
