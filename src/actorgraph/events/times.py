"""Date expressions in a sentence, and their resolution against the document date.

Finding is pattern work over month and weekday names from ``data/lang/<code>/dates.yaml``;
resolution follows explicit rules so that no year is ever invented: an expression without a
year takes the document's year only when the document is dated, and otherwise stays partial
(``--07-03``) until a merged report supplies the year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from ..dates import DateValue, parse_explicit_date
from ..records import TimeExpression
from ..resources import load_resource

__all__ = ["ReportDate", "find_times", "resolve_time"]


class ReportDate(NamedTuple):
    """A report's date: ``iso`` at ``precision``, or a ``partial`` day/month with no year."""

    iso: str | None
    precision: str | None
    partial: str | None  # "--07-03" or "--07"
    kind: str  # explicit | resolved | partial | document | unknown
    basis: str | None = None


UNKNOWN = ReportDate(None, None, None, "unknown")


class _Patterns(NamedTuple):
    months: dict[str, int]
    weekdays: dict[str, int]
    regexes: tuple[re.Pattern, ...]
    #: ``(phrase, its whole-word pattern, year offset)``: "last year" is -1.
    relative_years: tuple[tuple[str, re.Pattern, int], ...]
    #: ``(phrase, its whole-word pattern)``: "the same day".
    same_day: tuple[tuple[str, re.Pattern], ...]
    excluded_before: re.Pattern | None


def _whole_words(phrase: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(phrase)}\b")


@cache
def _patterns(lang: str) -> _Patterns:
    data = load_resource("dates", lang)
    months = {name: i + 1 for i, name in enumerate(data.get("months", []))}
    weekdays = {name: i for i, name in enumerate(data.get("weekdays", []))}
    m = "|".join(sorted((re.escape(n.capitalize()) for n in months), key=len, reverse=True)) or "(?!)"
    w = "|".join(sorted((re.escape(n.capitalize()) for n in weekdays), key=len, reverse=True)) or "(?!)"
    regexes = (
        # 3. Juli 2024 / 3 July 2024 / 3rd of July
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{m})\b(?:,?\s+(?P<year>\d{{4}}))?"
        ),
        # July 3, 2024 / July 3
        re.compile(rf"\b(?P<month>{m})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"),
        # Juli 2024
        re.compile(rf"\b(?P<month>{m})\s+(?P<year>\d{{4}})\b"),
        # im April / in April / Anfang Mai: a bare month needs its preposition ("May we ..." is no date)
        re.compile(rf"\b(?:im|in|anfang|mitte|ende|early|mid|late)\s+(?P<month>{m})\b", re.IGNORECASE),
        # am Mittwoch / on Wednesday
        re.compile(rf"\b(?P<weekday>{w})\b"),
        # in 2019 / im Jahr 2019
        re.compile(r"\b(?:in|im\s+jahre?|im)\s+(?P<year>\d{4})\b", re.IGNORECASE),
        re.compile(r"(?<![\w.])(?P<year>(?:19|20)\d{2})(?![\w.]|\s*%)"),
    )
    deadline_words = load_resource("events", lang).get("not_event_date", [])
    excluded_before = (
        re.compile(r"\b(?:" + "|".join(re.escape(w) for w in deadline_words) + r")\s*$", re.IGNORECASE)
        if deadline_words
        else None
    )
    relative_years = {k.lower(): int(v) for k, v in data.get("relative_years", {}).items()}
    same_day = [s.lower() for s in data.get("same_day", [])]
    return _Patterns(
        months,
        weekdays,
        regexes,
        tuple((phrase, _whole_words(phrase), offset) for phrase, offset in relative_years.items()),
        tuple((phrase, _whole_words(phrase)) for phrase in same_day),
        excluded_before,
    )


def find_times(text: str, lang: str) -> list[TimeExpression]:
    """Date expressions in ``text`` (offsets relative to it), in order, deadlines left out.

    Examples
    --------
    >>> [t.text for t in find_times("Am 12. Dezember, bis 2030 und im April.", "de")]
    ['12. Dezember', 'im April']
    """
    p = _patterns(lang)
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for regex in p.regexes:
        for match in regex.finditer(text):
            start, end = match.span()
            if not free(start, end):
                continue
            taken.append((start, end))
            if p.excluded_before and p.excluded_before.search(text[:start]):
                continue
            groups = match.groupdict()
            month = p.months.get((groups.get("month") or "").lower())
            weekday = p.weekdays.get((groups.get("weekday") or "").lower())
            found.append(
                TimeExpression(
                    text=match.group(),
                    start=start,
                    end=end,
                    year=int(groups["year"]) if groups.get("year") else None,
                    month=month,
                    day=int(groups["day"]) if groups.get("day") else None,
                    weekday=weekday,
                )
            )
    low = text.lower()
    # A phrase that is not in the text cannot match: most sentences skip every pattern.
    for phrase, pattern, offset in p.relative_years:
        if phrase not in low:
            continue
        for match in pattern.finditer(low):
            if free(*match.span()):
                taken.append(match.span())
                found.append(
                    TimeExpression(text[match.start() : match.end()], *match.span(), year_offset=offset)
                )
    for phrase, pattern in p.same_day:
        if phrase not in low:
            continue
        for match in pattern.finditer(low):
            if free(*match.span()):
                taken.append(match.span())
                found.append(TimeExpression(text[match.start() : match.end()], *match.span(), same_day=True))
    return sorted(found, key=lambda t: t.start)


def _date(value: DateValue | None) -> date | None:
    if value is None:
        return None
    parts = [int(x) for x in value.iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def resolve_time(
    time: TimeExpression, *, base: DateValue | None, previous: ReportDate | None = None, lang: str = "en"
) -> ReportDate:
    """The date ``time`` stands for, given the document date ``base``.

    Examples
    --------
    >>> t = TimeExpression("July 3", 0, 6, month=7, day=3)
    >>> resolve_time(t, base=None)
    ReportDate(iso=None, precision=None, partial='--07-03', kind='partial', basis=None)
    >>> resolve_time(t, base=DateValue("2024-07", "month")).iso
    '2024-07-03'
    """
    if time.same_day:
        return previous if previous is not None and previous.iso else UNKNOWN
    if time.year_offset is not None:
        if base is None:
            return UNKNOWN
        year = int(base.iso[:4]) + time.year_offset
        return ReportDate(f"{year:04d}", "year", None, "resolved", "document date")
    if time.weekday is not None:
        if base is None or base.precision != "day":
            return UNKNOWN
        anchor = _date(base)
        back = (anchor.weekday() - time.weekday) % 7
        day = anchor - timedelta(days=back)
        return ReportDate(day.isoformat(), "day", None, "resolved", "document date")
    if time.year is not None:
        value = parse_explicit_date(
            "-".join(
                f"{x:02d}" if i else f"{x:04d}"
                for i, x in enumerate(v for v in (time.year, time.month, time.day) if v)
            ),
            languages=(lang,),
        )
        return ReportDate(value.iso, value.precision, None, "explicit") if value else UNKNOWN
    if time.month is None:
        return UNKNOWN
    partial = f"--{time.month:02d}" + (f"-{time.day:02d}" if time.day else "")
    if base is None:
        return ReportDate(None, None, partial, "partial")
    year = int(base.iso[:4])
    base_month = int(base.iso[5:7]) if base.precision in ("month", "day") else 12
    if time.month > base_month:
        year -= 1  # news reports the past: a later month than the article's is last year's
    iso = f"{year:04d}-{time.month:02d}" + (f"-{time.day:02d}" if time.day else "")
    try:
        date(year, time.month, time.day or 1)
    except ValueError:
        return UNKNOWN
    return ReportDate(iso, "day" if time.day else "month", None, "resolved", "document date")
