"""The per-document store: each document's analysis in SQLite, keyed by what produced it.

A key hashes the document (id, text and metadata), the boilerplate lines that affect its
cleaning, the build options, and a fingerprint of the pipeline (actorgraph's version, the
analysis revision, the storage layout, the models and every data file). Adding one article to a
corpus therefore re-annotates only that article, and a run that is interrupted resumes where it
stopped: results are committed batch by batch. Where the corpus lies is not part of the key: a
corpus that is moved, or named by a relative path one day and its absolute path the next, finds
its analyses, and the build gives each analysis the path it read the document from. The store
never lives in the output folder.

The build also reads its analyses back from the store, pass by pass, rather than holding them in
memory; without a cache folder it uses a temporary store that is deleted afterwards.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from . import __version__, codec
from .annotate import ANALYSIS_REVISION
from .records import Analysis, Document
from .resources import data_path

__all__ = ["AnalysisStore", "default_cache_dir", "document_key", "pipeline_fingerprint"]


def default_cache_dir() -> Path:
    """``$ACTORGRAPH_CACHE``, else the user cache directory (``~/.cache/actorgraph``)."""
    if env := os.environ.get("ACTORGRAPH_CACHE"):
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("actorgraph", appauthor=False))


@cache
def _data_digest() -> str:
    digest = hashlib.sha256()
    root = data_path()
    for path in sorted(
        p for p in root.rglob("*") if p.is_file() and "models" not in p.relative_to(root).parts
    ):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline_fingerprint(models: dict[str, str], options: Iterable[str]) -> str:
    """What a cached analysis depends on besides the document itself."""
    parts = [
        __version__,
        f"analysis {ANALYSIS_REVISION}",
        codec.FORMAT,
        _data_digest(),
        *(f"{k}={v}" for k, v in sorted(models.items())),
        *options,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def document_key(doc: Document, fingerprint: str, repeated: Iterable[str] = ()) -> str:
    """The store key of ``doc``: everything its analysis depends on, which is not its path."""
    fields = [
        fingerprint,
        doc.id,
        doc.text_raw,
        *map(str, (doc.title, doc.date, doc.url, doc.language)),
    ]
    fields.extend(sorted(repeated))
    fields.extend(f"{k}={v}" for k, v in doc.meta)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


class AnalysisStore:
    """Analyses in a SQLite file; safe to interrupt (WAL journal, one commit per batch).

    Parameters
    ----------
    path : path or None
        The SQLite file; ``None`` keeps nothing (every lookup misses).
    """

    def __init__(self, path: str | os.PathLike | None, *, _create: bool = True):
        self.path = Path(path) if path is not None else None
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if self.path is not None:
            if _create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # Worker engines read the store from a feeder thread while results are written from
            # the main thread: one connection, shared, with every use under a lock.
            self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            if _create:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
                )
                self._db.commit()

    def reopened(self) -> AnalysisStore:
        """Another connection to the same store, to read it from a forked process: SQLite's
        connections must not be used across a fork."""
        return AnalysisStore(self.path, _create=False)

    def __contains__(self, key: object) -> bool:
        if self._db is None:
            return False
        with self._lock:
            return self._db.execute("SELECT 1 FROM analyses WHERE key = ?", (key,)).fetchone() is not None

    def iter_analyses(
        self, keys: Sequence[str], *, chunk: int = 256, without: frozenset[str] = frozenset()
    ) -> Iterator[Analysis]:
        """The analyses of ``keys``, in that order, decoded ``chunk`` at a time (every key must be
        stored); the fields named in ``without`` are left empty (see :func:`actorgraph.codec.loads`)."""
        if self._db is None:
            raise KeyError("the store keeps nothing")
        for begin in range(0, len(keys), chunk):
            wanted = keys[begin : begin + chunk]
            unique = sorted(set(wanted))
            marks = ",".join("?" * len(unique))
            with self._lock:
                found = dict(
                    self._db.execute(f"SELECT key, data FROM analyses WHERE key IN ({marks})", unique)
                )
            for key in wanted:
                yield codec.loads(found[key], without=without)

    def put_encoded(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store analyses already encoded with :func:`actorgraph.codec.dumps`."""
        if self._db is None:
            return
        rows = list(items)
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO analyses (key, data) VALUES (?, ?)", rows)
            self._db.commit()

    def __len__(self) -> int:
        return 0 if self._db is None else self._db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> AnalysisStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
