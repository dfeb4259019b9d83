"""Dates at their precision: ``2024``, ``2024-07`` or ``2024-07-03``.

Parsing never consults today's date: absolute forms are read by pattern, and anything
relative needs an explicit ``base``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

__all__ = ["DateValue", "parse_date", "parse_explicit_date"]

# A fixed base keeps dateparser from filling gaps with today's date.
_FIXED_BASE = datetime(1900, 1, 1)


class DateValue(NamedTuple):
    iso: str
    precision: str  # "year" | "month" | "day"


_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")
_WORDY = re.compile(r"[A-Za-zÄÖÜäöüéû.,\s]*\d{1,2}[A-Za-zÄÖÜäöüéû.,\s]+\d{4}|[A-Za-zÄÖÜäöü]+\.?\s+\d{4}")


def _value(year: int, month: int | None = None, day: int | None = None) -> DateValue | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return DateValue(f"{year:04d}", "year")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return DateValue(f"{year:04d}-{month:02d}", "month")
    try:
        date(year, month, day)
    except ValueError:
        return None
    return DateValue(f"{year:04d}-{month:02d}-{day:02d}", "day")


def parse_explicit_date(text: str, *, languages: tuple[str, ...] = ("de", "en")) -> DateValue | None:
    """Parse a date that carries its own year; ``None`` for anything else.

    Examples
    --------
    >>> parse_explicit_date("2024-07")
    DateValue(iso='2024-07', precision='month')
    >>> parse_explicit_date("3. Juli 2024")
    DateValue(iso='2024-07-03', precision='day')
    >>> parse_explicit_date("Besuch") is None
    True
    """
    text = text.strip()
    if match := _ISO.fullmatch(text):
        y, m, d = match.groups()
        return _value(int(y), int(m) if m else None, int(d) if d else None)
    if match := _DOTTED.fullmatch(text):
        d, m, y = match.groups()
        return _value(int(y), int(m), int(d))
    if _WORDY.fullmatch(text):
        return parse_date(text, languages=languages, require_year=True)
    return None


@cache
def _parser(languages: tuple[str, ...], base: datetime, require_year: bool):
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    if require_year:
        settings["REQUIRE_PARTS"] = ["year"]
    return DateDataParser(languages=list(languages), settings=settings)


def parse_date(
    text: str,
    *,
    languages: tuple[str, ...] = ("de", "en"),
    base: datetime | None = None,
    require_year: bool = False,
) -> DateValue | None:
    """Parse ``text`` with dateparser against an explicit ``base``, keeping the precision.

    Without ``base`` only dates that state their year can be read.
    """
    if (require_year or base is None) and not _YEAR.search(text):
        return None  # relative ("last year") or year-less ("3. Juli"): nothing to anchor it to
    parser = _parser(tuple(languages), base or _FIXED_BASE, require_year or base is None)
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    value = data.date_obj
    period = data.period or "day"
    if period == "year":
        return _value(value.year)
    if period == "month":
        return _value(value.year, value.month)
    return _value(value.year, value.month, value.day)
