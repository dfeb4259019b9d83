"""The build: every stage in order, from a corpus path to the output folder.

This is the only module that knows the order of the stages; each stage stays a plain function
of records. Documents stream through in two passes: the first reads the corpus to find
boilerplate lines repeated across it; the second prepares and annotates whatever the document
store doesn't already hold, batch by batch, on the chosen engine.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, NamedTuple

from tqdm import tqdm

from . import __version__, errors
from .clean import normalize_line, repeated_line_candidates, select_repeated_lines
from .curation import apply_curation, load_curation
from .dedup import find_duplicates
from .engines import Settings, make_engine, pipelines_for
from .errors import InputError
from .events import extract_events
from .graph import build_graph
from .kbindex import KBIndex, default_index
from .outputs import DEFAULT_FORMATS, write_outputs
from .read import read_corpus
from .records import Analysis, Document, Graph, OffsetMap
from .resolve import mention_key, resolve
from .store import AnalysisStore, default_cache_dir, document_key, pipeline_fingerprint

__all__ = ["BATCH_SIZE", "STAGES", "BuildResult", "Summary", "build"]

#: Documents per unit of work sent to an engine.
BATCH_SIZE = 32
STAGES = ("read", "clean+annotate", "resolve", "events", "graph", "outputs")


class Summary(NamedTuple):
    documents: int
    skipped: dict[str, int]
    actors: int
    events: int
    edges: int
    seconds: float
    warnings: tuple[str, ...] = ()
    #: Documents prepared and annotated in this run (the rest came from the document store).
    annotated: int = 0
    #: Seconds spent per stage (see :data:`STAGES`).
    stage_seconds: tuple[tuple[str, float], ...] = ()

    def lines(self) -> list[str]:
        return [
            f"documents: {self.documents} read, {sum(self.skipped.values())} skipped, "
            f"{self.annotated} annotated, {self.documents - self.annotated} from the store",
            *(f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())),
            f"actors: {self.actors}  events: {self.events}  edges: {self.edges}",
            f"seconds: {self.seconds:.1f}",
            *(f"warning: {w}" for w in self.warnings),
        ]


class BuildResult(NamedTuple):
    graph: Graph
    summary: Summary


class _Timer:
    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    @contextmanager
    def __call__(self, stage: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def timed(self, stage: str, items: Iterable) -> Iterator:
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.seconds[stage] += time.perf_counter() - started
                return
            self.seconds[stage] += time.perf_counter() - started
            yield item


def _source(corpus: str | Path, text_column: str, stdin: IO[str] | None) -> Callable[[], Iterator[Document]]:
    """A re-readable corpus: files are read again in the second pass, stdin is kept."""
    if str(corpus) == "-":
        documents = list(read_corpus("-", text_column=text_column, stdin=stdin))
        return lambda: iter(documents)
    return lambda: read_corpus(corpus, text_column=text_column)


def _slim(analysis: Analysis) -> Analysis:
    """What later stages need of a document: its raw text, metadata and results, not the clean copy."""
    return replace(analysis, document=replace(analysis.document, text="", offsets=OffsetMap()))


def _cache_path(cache: str | Path | bool | None) -> Path | None:
    if cache is None or cache is False:
        return None
    root = default_cache_dir() if cache is True else Path(cache)
    return root / "analyses.sqlite"


def _resolved_mentions(analyses: Iterable[Analysis], resolution) -> tuple:
    """Every kept mention with its actor; nationalities and bare offices take their actor's type."""
    types = {a.id: a.type for a in resolution.actors}
    out = []
    for analysis in analyses:
        for m in analysis.mentions:
            actor = resolution.assignment.get(mention_key(m))
            if actor is not None:
                retype = m.label == "NORP" or (m.source == "role" and types[actor] != "PERSON")
                out.append(replace(m, actor=actor, label=types[actor] if retype else m.label))
    return tuple(out)


def build(
    corpus: str | Path,
    *,
    out: str | Path | None = "graph",
    lang: str = "auto",
    models: str = "auto",
    formats: Iterable[str] = DEFAULT_FORMATS,
    min_weight: int = 1,
    text_column: str = "text",
    max_nodes: int = 1500,
    curation: str | Path | None = None,
    cache: str | Path | bool | None = True,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    stdin: IO[str] | None = None,
    index: KBIndex | None = None,
) -> BuildResult:
    """Build the actor graph of ``corpus`` and write it to ``out``.

    Parameters
    ----------
    corpus : path or ``"-"``
        A file, a folder, or ``-`` for JSON Lines on standard input.
    out : path, optional
        Output folder; ``None`` builds in memory only.
    lang : {"auto", "de", "en"}
        ``auto`` detects each document's language; a code forces it.
    models : {"auto", "bundled"}
        See :func:`actorgraph.annotate.choose_pipeline`.
    formats : iterable of str
        Output formats (see :data:`actorgraph.outputs.FORMATS`).
    min_weight : int
        Event edges shared by fewer events are left out; the events stay.
    curation : path, optional
        The analyst's YAML file of aliases, merges, splits and blocked names (docs/curation.md),
        applied after automatic resolution.
    cache : path, bool or None
        Folder of the document store (``True``: the user cache directory, ``None``/``False``:
        no store). Unchanged documents are not annotated again.
    jobs : int
        Worker processes (or Dask workers of a local cluster).
    engine : {"local", "dask"}
        ``dask`` runs the per-document work as tasks on a Dask cluster (``scheduler``, or a
        local cluster of ``jobs`` workers).
    batch_size : int
        Documents per unit of work; each finished batch is committed to the store.

    Raises
    ------
    InputError
        If the corpus is missing, empty, or nothing in it could be read.

    Examples
    --------
    >>> result = build("corpus", out=None, models="bundled")  # doctest: +SKIP
    >>> result.summary.actors  # doctest: +SKIP
    """
    started = time.perf_counter()
    timer = _Timer()
    curated = load_curation(curation) if curation is not None else None
    index = index or default_index()
    source = _source(corpus, text_column, stdin)

    # Pass 1: which short lines repeat across the corpus (site furniture), and is anything readable?
    line_counts: Counter[str] = Counter()
    total = readable = 0
    reasons: set[str] = set()
    for doc in timer.timed("read", source()):
        total += 1
        if doc.skipped:
            reasons.add(doc.skip_reason or "")
            continue
        readable += 1
        line_counts.update(repeated_line_candidates(doc.text_raw))
    if not readable:
        detail = f" ({'; '.join(sorted(reasons))})" if reasons else ""
        raise InputError(errors.EMPTY_INPUT.format(path=corpus) + detail)
    repeated = select_repeated_lines(line_counts, readable)

    settings = Settings(lang, models, repeated, text_column)
    pipelines = pipelines_for(models)
    infos = {code: pipelines.info(code) for code in ("de", "en")}
    fingerprint = pipeline_fingerprint(
        {code: info.fingerprint() for code, info in infos.items() if info is not None}, (lang, models)
    )
    store = AnalysisStore(_cache_path(cache))
    runner = make_engine(engine, jobs=jobs, scheduler=scheduler)
    analyses: dict[int, Analysis] = {}
    annotated = 0
    try:
        pending: deque[list[tuple[int, str]]] = deque()

        def batches() -> Iterator[list[Document]]:
            batch: list[Document] = []
            keys: list[tuple[int, str]] = []
            for position, doc in enumerate(timer.timed("read", source())):
                present = repeated & {normalize_line(line) for line in doc.text_raw.splitlines()}
                key = document_key(doc, fingerprint, present)
                cached = store.get(key)
                if cached is not None:
                    analyses[position] = cached
                    continue
                batch.append(doc)
                keys.append((position, key))
                if len(batch) >= batch_size:
                    pending.append(keys)
                    yield batch
                    batch, keys = [], []
            if batch:
                pending.append(keys)
                yield batch

        bar = tqdm(total=total, disable=not progress, unit="doc", desc="annotate", leave=False)
        with timer("clean+annotate"):
            for results in runner.run(batches(), settings):
                keys = pending.popleft()
                slim = [_slim(a) for a in results]
                store.put_many((key, a) for (_, key), a in zip(keys, slim, strict=True))
                for (position, _), analysis in zip(keys, slim, strict=True):
                    analyses[position] = analysis
                annotated += len(results)
                bar.update(len(results))
            bar.update(total - bar.n)
        bar.close()
    finally:
        runner.close()
        store.close()
    ordered = [analyses[i] for i in range(total)]
    models_used = sorted(
        {a.document.language for a in ordered if not a.document.skipped and a.document.language}
    )

    with timer("resolve"):
        duplicates = find_duplicates(a.document for a in ordered)
        ordered = [
            replace(a, document=replace(a.document, duplicate_of=duplicates[a.document.id]))
            if a.document.id in duplicates
            else a
            for a in ordered
        ]
        resolution = resolve(ordered, index=index)
        warnings: tuple[str, ...] = ()
        if curated is not None:
            resolution, warnings = apply_curation(
                resolution, [m for a in ordered for m in a.mentions], curated
            )
    with timer("events"):
        events = extract_events(ordered, resolution.assignment, resolution.actors, duplicates=duplicates)
    with timer("graph"):
        actors, edges = build_graph(resolution.actors, events, min_weight=min_weight)
        meta = {
            "actorgraph_version": __version__,
            "built_from": str(corpus),
            "models": pipelines.describe_languages(models_used),
            "documents": total,
        }
        documents = tuple(a.document for a in ordered)
        graph = Graph(meta, documents, actors, events, edges, _resolved_mentions(ordered, resolution))
    if out is not None:
        with timer("outputs"):
            write_outputs(graph, out, formats=formats, max_nodes=max_nodes)
    skipped = Counter(d.skip_reason or "" for d in documents if d.skipped)
    summary = Summary(
        total,
        dict(skipped),
        len(actors),
        len(events),
        len(edges),
        time.perf_counter() - started,
        warnings,
        annotated,
        tuple((stage, round(timer.seconds[stage], 3)) for stage in STAGES),
    )
    return BuildResult(graph, summary)
