"""Read a corpus: a file, a folder (recursive), ``.gz`` files, or ``-`` for JSONL on stdin.

``read_corpus`` yields :class:`~actorgraph.records.Document` records in a stable order
(sorted paths). Unreadable files become skipped documents; only a missing or empty input
is an error.

Examples
--------
>>> docs = list(read_corpus("corpus"))  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO, TypeVar

from .. import errors
from ..errors import InputError, Skip
from ..records import Document
from .encoding import decode, decoded_lines
from .formats import parse_csv, parse_html, parse_json, parse_jsonl, parse_jsonl_lines, parse_text

__all__ = ["SUFFIXES", "discover", "read_corpus", "read_file"]

Parser = Callable[[str, str, str], Iterator[Document]]
T = TypeVar("T")

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".csv")
_IGNORED = {".DS_Store", "Thumbs.db"}


def _parser(suffix: str, text_column: str) -> Parser | None:
    return {
        ".txt": parse_text,
        ".md": parse_text,
        ".html": parse_html,
        ".htm": parse_html,
        ".jsonl": partial(parse_jsonl, text_field=text_column),
        ".json": partial(parse_json, text_field=text_column),
        ".csv": partial(parse_csv, text_field=text_column),
    }.get(suffix)


def _suffixes(path: Path) -> tuple[str, bool]:
    """The format suffix of ``path`` and whether it is gzipped."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


def discover(root: Path) -> list[tuple[Path, str]]:
    """All files under ``root`` with their document ids, sorted by path.

    An id is the path relative to the root without its extension; where two files would
    collide (``a.txt`` and ``a.html``) both keep their extension.
    """
    if root.is_file():
        files = [root]
        base = root.parent
    else:
        files = sorted(
            p
            for p in root.rglob("*")
            if p.is_file()
            and p.name not in _IGNORED
            and not any(part.startswith(".") for part in p.relative_to(root).parts)
        )
        base = root
    stems = []
    for path in files:
        rel = path.relative_to(base).as_posix()
        suffix, gz = _suffixes(path)
        cut = len(suffix) + (3 if gz else 0)
        stems.append((rel, rel[: len(rel) - cut] if cut else rel))
    counts = Counter(stem for _, stem in stems)
    return [
        (path, stem if counts[stem] == 1 else (rel[:-3] if rel.endswith(".gz") else rel))
        for path, (rel, stem) in zip(files, stems, strict=True)
    ]


def read_file(path: Path, doc_id: str, text_column: str = "text") -> Iterator[Document]:
    """The documents of one file (several for JSON Lines, JSON and CSV); failures become skips."""
    shown = str(path)
    suffix, gz = _suffixes(path)
    parser = _parser(suffix, text_column)
    if parser is None:
        yield Document(
            doc_id,
            shown,
            "",
            skipped=True,
            skip_reason=errors.UNSUPPORTED_FORMAT.format(suffix=suffix or "(none)"),
        )
        return
    reason = None
    if suffix == ".jsonl":  # often one large file: read line by line, never whole
        opener = partial(gzip.open, path, "rb") if gz else partial(open, path, "rb")
        lines, reason = _attempt(lambda: decoded_lines(opener))
        if lines is not None:
            yield from parse_jsonl_lines(doc_id, shown, lines, text_field=text_column)
            return
    if reason is None:  # not JSON Lines, or UTF-16 ones: decoded whole
        text, reason = _attempt(lambda: decode(_read_bytes(path, gz)))
    if reason is not None:
        yield Document(doc_id, shown, "", skipped=True, skip_reason=reason)
        return
    yield from parser(doc_id, shown, text)


def _read_bytes(path: Path, gz: bool) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if gz else data


def _attempt(read: Callable[[], T]) -> tuple[T | None, str | None]:
    """What ``read`` returns, or why the file can't be read (the reason a skip gives)."""
    try:
        return read(), None
    except Skip as exc:
        return None, str(exc)
    except (OSError, EOFError, zlib.error) as exc:
        return None, errors.UNREADABLE.format(error=getattr(exc, "strerror", None) or exc)


def _unique(docs: Iterator[Document]) -> Iterator[Document]:
    """Records may repeat an ``id``; later ones get ``~2``, ``~3`` so ids stay unique."""
    seen: Counter[str] = Counter()
    for doc in docs:
        seen[doc.id] += 1
        if seen[doc.id] > 1:
            doc = replace(doc, id=f"{doc.id}~{seen[doc.id]}")
        yield doc


def read_corpus(
    source: str | os.PathLike, *, text_column: str = "text", stdin: IO[str] | None = None
) -> Iterator[Document]:
    """Yield the documents of a corpus.

    Parameters
    ----------
    source : path or ``"-"``
        A file, a folder (read recursively), or ``-`` for JSON Lines on standard input.
    text_column : str
        The field or CSV column that holds the article text.
    stdin : file, optional
        Stream to read for ``-`` (defaults to ``sys.stdin``).

    Raises
    ------
    InputError
        If the path does not exist or holds no files.
    """
    if str(source) == "-":
        text = (stdin or sys.stdin).read()
        if not text.strip():
            raise InputError(errors.EMPTY_STDIN)
        yield from _unique(parse_jsonl("stdin", "-", text, text_field=text_column))
        return
    root = Path(source)
    if not root.exists():
        raise InputError(errors.MISSING_INPUT.format(path=source))
    files = discover(root)
    if not files:
        raise InputError(errors.EMPTY_INPUT.format(path=source))
    yield from _unique(doc for path, doc_id in files for doc in read_file(path, doc_id, text_column))
