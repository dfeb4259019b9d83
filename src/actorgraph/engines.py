"""Where per-document work runs: in this process, in worker processes, or on a Dask cluster.

Every engine does the same thing to a batch (prepare, annotate) and returns the batches' results
in input order, so the graph is byte-identical whichever engine built it. Each worker process
loads its spaCy pipelines once and keeps them for every batch it is given. Results come back
encoded (:mod:`.codec`), one blob per document, ready for the document store: the main process
never decodes what it only stores.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from . import codec, errors
from .annotate import Pipelines, annotate, forget_models
from .clean import clean
from .dedup import document_signature
from .detect import detect_date, detect_language
from .errors import UsageError
from .kbindex import default_index
from .records import Analysis, Document, OffsetMap

__all__ = [
    "KEEP_MODELS_BELOW",
    "DaskEngine",
    "LocalEngine",
    "ProcessEngine",
    "Settings",
    "make_engine",
    "prepare",
    "process_batch",
    "process_batch_encoded",
    "release_pipelines",
    "slim",
]


class Settings(NamedTuple):
    """Everything a worker needs to process documents the way the build does."""

    lang: str
    models: str
    repeated: frozenset[str]
    text_column: str = "text"


#: Pipelines per model choice, loaded once per process (each worker keeps its own).
_PIPELINES: dict[str, Pipelines] = {}


def pipelines_for(models: str) -> Pipelines:
    if models not in _PIPELINES:
        _PIPELINES[models] = Pipelines(models=models, index=default_index())
    return _PIPELINES[models]


def release_pipelines() -> None:
    """Free the models this process loaded, and give what they held back to the system.

    The next build in this process loads them again.
    """
    _PIPELINES.clear()
    forget_models()
    gc.collect()  # a pipeline and its components refer to each other
    _trim_heap()


def _trim_heap() -> None:
    """Return the C heap's free pages to the system: glibc's ``malloc_trim``, nothing elsewhere.

    Freed model arrays stay in glibc's free lists, still resident, unless they sit at the top of
    the heap; a trim hands back the free pages wherever they are.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


def _skip(doc: Document, reason: str) -> Document:
    return replace(doc, skipped=True, skip_reason=reason)


def prepare(doc: Document, settings: Settings) -> Document:
    """Language, cleaning and document date for one read document."""
    if doc.skipped:
        return doc
    pipelines = pipelines_for(settings.models)
    language = doc.language if settings.lang == "auto" else settings.lang
    if language is None:
        language = detect_language(doc.text_raw).language
        if language is None:
            return _skip(doc, errors.UNKNOWN_LANGUAGE)
    if not pipelines.supports(language):
        return _skip(replace(doc, language=language), errors.UNSUPPORTED_LANGUAGE.format(lang=language))
    doc = clean(doc, language=language, repeated=settings.repeated)
    if not doc.text.strip():
        return _skip(doc, errors.EMPTY)
    if doc.date is None and (found := detect_date(doc.text, language=language)):
        doc = replace(doc, date=found.iso, date_precision=found.precision)
    return doc


def process_batch(documents: Sequence[Document], settings: Settings) -> list[Analysis]:
    """Prepare and annotate read documents (the unit of work every engine runs)."""
    prepared = [prepare(doc, settings) for doc in documents]
    analyses = annotate(prepared, pipelines_for(settings.models))
    return [replace(a, signature=document_signature(a.document)) for a in analyses]


def slim(analysis: Analysis) -> Analysis:
    """What later stages need of a document: its raw text, metadata and results, not the clean copy."""
    return replace(analysis, document=replace(analysis.document, text="", offsets=OffsetMap()))


def process_batch_encoded(documents: Sequence[Document], settings: Settings) -> list[bytes]:
    """:func:`process_batch`, each document's slimmed analysis encoded for the store."""
    return [codec.dumps(slim(a)) for a in process_batch(documents, settings)]


def _process_encoded(payload: bytes, settings: Settings) -> list[bytes]:
    return process_batch_encoded(codec.loads(payload), settings)


#: Corpora of fewer documents keep the models a build loaded in its own process, for the next
#: build there (a notebook, a test session). A larger corpus's build frees them once annotation
#: is over: its later stages hold state that grows with the corpus, and loading the models
#: again takes seconds, little next to such a build.
KEEP_MODELS_BELOW = 1_000


class LocalEngine:
    """Everything in this process.

    Parameters
    ----------
    release : bool
        Free the models when the engine is closed, if it annotated anything
        (:func:`release_pipelines`).
    """

    name = "local"

    def __init__(self, *, release: bool = False):
        self.release = release
        self.annotated = False

    def run(self, batches: Iterable[Sequence[Document]], settings: Settings) -> Iterator[list[bytes]]:
        for batch in batches:
            self.annotated = True
            yield process_batch_encoded(batch, settings)

    def close(self) -> None:
        if self.release and self.annotated:
            self.annotated = False
            release_pipelines()


def _init_worker() -> None:
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")


class ProcessEngine:
    """``jobs`` worker processes on this machine; batches are dispatched in order."""

    name = "processes"

    def __init__(self, jobs: int):
        self.pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker)

    def run(self, batches: Iterable[Sequence[Document]], settings: Settings) -> Iterator[list[bytes]]:
        """Results in order; the workers start on the batches at once, before the first is asked for."""
        payloads = (codec.dumps(tuple(batch)) for batch in batches)
        return self.pool.imap(_Task(settings), payloads)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


class _Task:
    """A picklable callable carrying the settings to the workers."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, payload: bytes) -> list[bytes]:
        return _process_encoded(payload, self.settings)


class DaskEngine:
    """Coarse tasks on a Dask cluster: a scheduler address, or a local cluster of ``jobs`` workers.

    Each task is a batch of read documents in and their compressed analyses out, a few hundred
    kilobytes either way, so workers spend their time annotating (docs/scaling.md).
    """

    name = "dask"

    def __init__(self, *, scheduler: str | None = None, jobs: int = 2):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)

    def run(self, batches: Iterable[Sequence[Document]], settings: Settings) -> Iterator[list[bytes]]:
        """Results in order; every batch is submitted at once, before the first is asked for."""
        futures = [
            self.client.submit(_process_encoded, codec.dumps(tuple(b)), settings, pure=False) for b in batches
        ]
        return (future.result() for future in futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(
    engine: str,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    batches: int | None = None,
    documents: int = 0,
):
    """The engine for ``jobs`` workers; a local one opens no more processes than ``batches``.

    ``documents`` is the size of the corpus: from :data:`KEEP_MODELS_BELOW` on, an engine that
    annotates in this process frees the models when it is closed.
    """
    if engine == "dask":
        return DaskEngine(scheduler=scheduler, jobs=max(jobs, 2) if scheduler is None else jobs)
    if jobs > 1:
        if "fork" not in multiprocessing.get_all_start_methods():
            raise UsageError(errors.NO_FORK.format(jobs=jobs))
        return ProcessEngine(jobs if batches is None else max(1, min(jobs, batches)))
    return LocalEngine(release=documents >= KEEP_MODELS_BELOW)
