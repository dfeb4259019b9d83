"""Build manifests: whether an output folder already holds what a build would write.

A build is a pure function of its inputs: the documents in order, the options that change the
output, the pipeline (models, language resources) and the code. After writing, the build
records a digest of those inputs, the files of the output folder (size and modification time)
and its summary, in the document store's folder, never in the output folder. A build with the
same inputs finds the record, checks that every file is still as written, and stops there:
rewriting would give the same bytes.

Anything that could change a byte of the output is part of the digest, so a stale folder is
never taken for a current one: the source files of the package and the versions of the
libraries that compute or format the graph are included as well as ``actorgraph.__version__``.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple

from .outputs.atomic import atomic_write_text

__all__ = [
    "InputDigest",
    "Recorded",
    "code_digest",
    "forget",
    "manifest_path",
    "options_of",
    "read_current",
    "record",
]

#: Libraries whose versions can change what a build writes.
_LIBRARIES = ("networkx", "numpy", "rapidfuzz", "scipy", "spacy")
_SCHEMA = 1


@cache
def code_digest() -> str:
    """The package's Python sources and the versions of Python and the libraries it computes with."""
    digest = hashlib.sha256(platform.python_version().encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"\x1f{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"\x1f{name}=-".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\x1f")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class InputDigest:
    """Everything a build reads, folded into one digest as it is read.

    Examples
    --------
    >>> a, b = InputDigest(), InputDigest()
    >>> a.add("doc-1", "corpus/doc-1.txt", None); b.add("doc-1", "corpus/doc-1.txt", None)
    >>> a.hexdigest({"formats": "json"}) == b.hexdigest({"formats": "json"})
    True
    >>> a.hexdigest({"formats": "json"}) == b.hexdigest({"formats": "csv"})
    False
    """

    def __init__(self) -> None:
        self._documents = hashlib.sha256()

    def add(self, document_digest: str, path: str, skip_reason: str | None) -> None:
        """One document's digest, the path it was read from (the outputs name it) and why it was
        skipped (``None``: it was not), in corpus order."""
        self._documents.update(f"{document_digest}\x1f{path}\x1f{skip_reason or ''}\n".encode())

    def hexdigest(self, options: Mapping[str, str]) -> str:
        """The digest of the documents so far with ``options`` and :func:`code_digest`."""
        digest = hashlib.sha256(f"{_SCHEMA}\x1f{code_digest()}\x1f{self._documents.hexdigest()}".encode())
        for key in sorted(options):
            digest.update(f"\x1e{key}\x1f{options[key]}".encode())
        return digest.hexdigest()


class Recorded(NamedTuple):
    """What a manifest keeps of the build that wrote a folder."""

    inputs: str
    files: dict[str, list[int]]
    summary: dict[str, Any]


def manifest_path(cache_dir: str | os.PathLike, out: str | os.PathLike) -> Path:
    """Where the manifest of the output folder ``out`` lives, under ``cache_dir``."""
    folder = hashlib.sha256(str(Path(out).resolve()).encode()).hexdigest()[:32]
    return Path(cache_dir) / "builds" / f"{folder}.json"


def _files(out: Path) -> dict[str, list[int]]:
    """Every file under ``out``: its size and modification time (ns), by relative path."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(out).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return found


def read_current(manifest: Path, inputs: str, out: str | os.PathLike) -> dict[str, Any] | None:
    """The summary recorded for ``out`` if ``inputs`` match and its files are as written, else ``None``.

    An unreadable or foreign manifest counts as none.
    """
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        recorded = Recorded(data["inputs"], data["files"], data["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if recorded.inputs != inputs or not recorded.files or _files(Path(out)) != recorded.files:
        return None
    return recorded.summary


def record(manifest: Path, inputs: str, out: str | os.PathLike, summary: Mapping[str, Any]) -> None:
    """Write the manifest of ``out`` just written from ``inputs`` (atomically)."""
    data = Recorded(inputs, _files(Path(out)), dict(summary))._asdict()
    atomic_write_text(manifest, json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n")


def forget(manifest: Path) -> None:
    """Drop the manifest of a folder about to be rewritten: a build cut short leaves none."""
    manifest.unlink(missing_ok=True)


def options_of(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Options as strings, the form :meth:`InputDigest.hexdigest` takes."""
    return {key: json.dumps(value, sort_keys=True, default=str) for key, value in pairs}
