"""Optional ``key value`` header lines at the very top of a text article."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..dates import parse_explicit_date

__all__ = ["HEADER_KEYS", "Header", "parse_header"]

HEADER_KEYS = ("date", "title", "url", "lang", "source", "author")
_LINE = re.compile(r"[ \t]*(" + "|".join(HEADER_KEYS) + r")[ \t]*:?[ \t]+(\S.*?)[ \t]*$", re.IGNORECASE)


class Header(NamedTuple):
    fields: dict[str, str]
    #: Raw offset where the body begins (after the header lines).
    body_start: int
    #: Raw span of a title that ran on from a ``date`` line, if any.
    title_span: tuple[int, int] | None


def parse_header(text: str) -> Header:
    """Read the known header keys from the first lines of ``text``.

    A ``date`` line may run on into the title: the date is the first token (or token pair)
    that parses as a date and the rest of the line is the title. Reading stops at the first
    line that is not a header line.

    Examples
    --------
    >>> h = parse_header(" date 2024-07 Besuch in Astana\\n\\nText.")
    >>> h.fields["date"], h.fields["title"], h.title_span
    ('2024-07', 'Besuch in Astana', (14, 30))
    """
    fields: dict[str, str] = {}
    title_span = None
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        match = _LINE.match(line.rstrip("\r"))
        if not line.strip():
            if fields:
                pos = line_end + 1
                continue
            break
        if not match or match.group(1).lower() in fields:
            break
        key, value = match.group(1).lower(), match.group(2)
        if key == "date":
            value, rest = _split_date(value)
            if value is None:
                break
            if rest and "title" not in fields:
                fields["title"] = rest
                start = pos + line.index(rest, match.start(2))
                title_span = (start, start + len(rest))
        fields[key] = value
        pos = line_end + 1
    return Header(fields, min(pos, len(text)) if fields else 0, title_span)


def _split_date(value: str) -> tuple[str | None, str]:
    """Split ``'2024-07 Besuch …'`` into the date and the rest of the line."""
    tokens = value.split()
    for n in (3, 2, 1):
        if len(tokens) >= n and parse_explicit_date(" ".join(tokens[:n])) is not None:
            return " ".join(tokens[:n]), " ".join(tokens[n:])
    return None, value
