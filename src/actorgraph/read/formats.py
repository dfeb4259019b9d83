"""One parser per input format. Each turns decoded content into Documents.

Parsers never raise for a bad record: they yield a skipped Document with the reason, so
the rest of the corpus is still built.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .. import errors
from ..dates import parse_explicit_date
from ..records import Document
from .header import parse_header

__all__ = [
    "RECORD_FIELDS",
    "parse_csv",
    "parse_html",
    "parse_json",
    "parse_jsonl",
    "parse_jsonl_lines",
    "parse_text",
]

RECORD_FIELDS = ("id", "title", "date", "url", "lang", "source", "author")


def _dated(fields: dict[str, Any]) -> tuple[str | None, str | None]:
    raw = fields.get("date")
    if raw in (None, ""):
        return None, None
    value = parse_explicit_date(str(raw))
    return (value.iso, value.precision) if value else (None, None)


def _skip(doc_id: str, path: str, reason: str, text: str = "") -> Document:
    return Document(id=doc_id, path=path, text_raw=text, skipped=True, skip_reason=reason)


def _document(doc_id: str, path: str, text: str, fields: dict[str, Any], meta=()) -> Document:
    if not text.strip():
        return _skip(doc_id, path, errors.EMPTY, text)
    date, precision = _dated(fields)
    lang = fields.get("lang") or fields.get("language")
    return Document(
        id=doc_id,
        path=path,
        text_raw=text,
        language=str(lang).lower() if lang else None,
        date=date,
        date_precision=precision,
        title=_str(fields.get("title")),
        url=_str(fields.get("url")),
        source=_str(fields.get("source")),
        author=_str(fields.get("author")),
        meta=tuple(meta),
    )


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def parse_text(doc_id: str, path: str, text: str) -> Iterator[Document]:
    """A ``.txt``/``.md`` article with optional header lines."""
    header = parse_header(text)
    meta = [("body_start", header.body_start)]
    if header.title_span:
        meta.append(("title_span", header.title_span))
    yield _document(doc_id, path, text, header.fields, meta)


def parse_html(doc_id: str, path: str, text: str) -> Iterator[Document]:
    """An HTML page: the raw text is the main text trafilatura extracts."""
    import trafilatura

    result = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    body = (data.get("text") or "").strip()
    if not body:
        yield _skip(doc_id, path, errors.HTML_NO_TEXT)
        return
    fields = {k: data.get(k) for k in ("title", "date", "url", "author")}
    fields["source"] = data.get("sitename")
    yield _document(doc_id, path, body, fields)


def _record(doc_id: str, path: str, record: Any, where: int, text_field: str) -> Document:
    rid = record.get("id") if isinstance(record, dict) else None
    record_id = str(rid) if rid not in (None, "") else f"{doc_id}:{where}"
    if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
        return _skip(record_id, path, errors.NO_TEXT_FIELD.format(line=where, field=text_field))
    return _document(record_id, path, record[text_field], record)


def parse_jsonl(doc_id: str, path: str, text: str, *, text_field: str = "text") -> Iterator[Document]:
    """JSON Lines: one record per line; a malformed line is skipped with its line number."""
    return parse_jsonl_lines(doc_id, path, text.split("\n"), text_field=text_field)


def parse_jsonl_lines(
    doc_id: str, path: str, lines: Iterable[str], *, text_field: str = "text"
) -> Iterator[Document]:
    """:func:`parse_jsonl` over lines already split at ``\n`` (a file read line by line).

    Only ``\n`` ends a record: JSON text may hold U+2028 or a form feed inside a string.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _skip(f"{doc_id}:{number}", path, errors.MALFORMED_JSON.format(line=number, error=exc.msg))
            continue
        yield _record(doc_id, path, record, number, text_field)


def parse_json(doc_id: str, path: str, text: str, *, text_field: str = "text") -> Iterator[Document]:
    """A JSON file holding one record or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _skip(doc_id, path, errors.MALFORMED_JSON.format(line=exc.lineno, error=exc.msg))
        return
    if isinstance(data, dict):
        data = data.get("records", data.get("documents", [data]))
    if not isinstance(data, list):
        yield _skip(doc_id, path, errors.NO_TEXT_FIELD.format(line=1, field=text_field))
        return
    for number, record in enumerate(data, start=1):
        yield _record(doc_id, path, record, number, text_field)


def parse_csv(doc_id: str, path: str, text: str, *, text_field: str = "text") -> Iterator[Document]:
    """A CSV file with a header row; rows are numbered from 1 after the header."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames or text_field not in reader.fieldnames:
        yield _skip(doc_id, path, errors.CSV_NO_COLUMN.format(column=text_field))
        return
    for number, row in enumerate(reader, start=1):
        yield _record(doc_id, path, row, number, text_field)
