"""The build: every stage in order, from a corpus path to the output folder.

This is the only module that knows the order of the stages; each stage stays a plain function
of records. Documents stream through in two passes: the first reads the corpus to find
boilerplate lines repeated across it; the second prepares and annotates whatever the document
store doesn't already hold, batch by batch, on the chosen engine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TypeVar

from tqdm import tqdm

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

# Only what reading the corpus and checking the output folder need is imported here; the stages'
# modules (spaCy, numpy, scipy, networkx) are imported where they run, so a build that finds its
# folder up to date is over in about the time Python takes to start.
from . import __version__, errors
from .annotate import choose_pipeline
from .clean import normalize_line, repeated_line_candidates, select_repeated_lines
from .collector import fewer_collections
from .errors import InputError
from .manifest import InputDigest, forget, manifest_path, options_of, read_current, record
from .outputs import DEFAULT_FORMATS
from .read import read_corpus
from .records import Actor, Analysis, Document, Graph, Mention
from .store import AnalysisStore, default_cache_dir, document_key, pipeline_fingerprint
from .workers import AUTO, Forked, ForkedItems, can_fork, resolve_jobs

if TYPE_CHECKING:
    from .curation import Curation
    from .engines import Settings
    from .events import ArticleEvents
    from .graph import EdgeTable
    from .kbindex import KBIndex
    from .resolve import MentionKey
    from .spill import EventSpill, MentionSpill

__all__ = ["BATCH_SIZE", "STAGES", "BuildResult", "Summary", "build"]

T = TypeVar("T")

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
    #: The process's peak resident memory (MiB) when each stage ended: which stage raised it.
    stage_peak_mib: tuple[tuple[str, float], ...] = ()
    #: The output folder already held this build's outputs, so nothing after reading was run
    #: (the counts are those recorded when it was written).
    reused: bool = False

    def lines(self) -> list[str]:
        return [
            f"documents: {self.documents} read, {sum(self.skipped.values())} skipped, "
            + (
                "outputs up to date"
                if self.reused
                else f"{self.annotated} annotated, {self.documents - self.annotated} from the store"
            ),
            *(
                f"  skipped {n}: {reason}" + (f" ({hint})" if (hint := errors.SKIP_HINTS.get(reason)) else "")
                for reason, n in sorted(self.skipped.items())
            ),
            f"actors: {self.actors}  events: {self.events}  edges: {self.edges}",
            f"seconds: {self.seconds:.1f}",
            *(f"warning: {w}" for w in self.warnings),
        ]


class BuildResult(NamedTuple):
    #: ``None`` when the outputs were up to date and ``reuse_outputs`` let the build stop early.
    graph: Graph | None
    summary: Summary


def _peak_rss_mib() -> float:
    """Peak resident memory of this process so far (0 where the platform doesn't say)."""
    if resource is None:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20  # KiB on Linux, bytes on macOS


class _Timer:
    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.peak_mib: dict[str, float] = {}
        self._open: list[str] = []

    @contextmanager
    def __call__(self, stage: str):
        started = time.perf_counter()
        self._open.append(stage)
        try:
            yield
        finally:
            self._open.pop()
            elapsed = time.perf_counter() - started
            self.seconds[stage] += elapsed
            if self._open:  # a stage timed within another is not the other's time
                self.seconds[self._open[-1]] -= elapsed
            self.peak_mib[stage] = round(_peak_rss_mib(), 1)

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


def _cache_path(cache: str | Path | bool | None) -> Path | None:
    if cache is None or cache is False:
        return None
    root = default_cache_dir() if cache is True else Path(cache)
    return root / "analyses.sqlite"


class _Annotation:
    """Annotation of what the document store lacks, and how far it has come.

    ``keys`` and ``paths`` are every document's store key and path in input order. When the
    corpus has been read to its end while a worker still annotates its last batch, the build
    goes on to its first pass over the store at once, and :meth:`wait_for` stores the worker's
    results when that pass reaches their documents: after one article is added to a large
    corpus, the stored articles are resolved while the worker loads its models.
    """

    def __init__(
        self,
        keys: list[str],
        paths: list[str],
        store: AnalysisStore,
        runner: Any,
        results: Iterator[list[bytes]],
        pending: deque[list[str]],
        *,
        timer: _Timer,
        bar: tqdm,
        total: int,
    ):
        self.keys, self.paths = keys, paths
        #: Documents annotated so far.
        self.annotated = 0
        self._store, self._runner, self._results, self._pending = store, runner, results, pending
        self._timer, self._bar, self._total = timer, bar, total
        self._waiting = {key for batch_keys in pending for key in batch_keys}

    def _store_next(self) -> bool:
        """Store the next batch's results; ``False`` when there are none left."""
        blobs = next(self._results, None)
        if blobs is None:
            return False
        batch_keys = self._pending.popleft()
        self._store.put_encoded(zip(batch_keys, blobs, strict=True))
        self._waiting.difference_update(batch_keys)
        self.annotated += len(blobs)
        self._bar.update(len(blobs))
        return True

    def ready(self, keys: Sequence[str]) -> int:
        """How many of ``keys``, from the first, are in the store already: a pass reads those
        before it waits for the rest."""
        if not self._waiting:
            return len(keys)
        return next((n for n, key in enumerate(keys) if key in self._waiting), len(keys))

    def wait_for(self, keys: Iterable[str]) -> None:
        """Store results until none of ``keys`` is still being annotated."""
        if self._waiting and not self._waiting.isdisjoint(keys):
            with self._timer("clean+annotate"):
                while not self._waiting.isdisjoint(keys) and self._store_next():
                    pass
            if not self._waiting:  # the worker's models are freed before the later stages
                self.finish()

    def finish(self) -> None:
        """Store every result still to come, then close the engine."""
        if self._runner is None:
            return
        try:
            with self._timer("clean+annotate"):
                while self._store_next():
                    pass
            self._bar.update(self._total - self._bar.n)
        finally:
            self.close()

    def close(self) -> None:
        """Stop annotating (an error elsewhere ended the build); what is stored stays stored."""
        if self._runner is not None:
            self._bar.close()
            self._runner.close()
            self._runner = None


class _Stored:
    """The corpus's analyses in input order, read back from the document store on each pass.

    Only one chunk of decoded analyses is in memory at a time, so what the build holds grows
    with the mentions and the graph, not with the text of the corpus. Store keys leave out where
    a document was read from, so each analysis gets this build's path back.
    """

    #: Documents read from the store at a time.
    CHUNK = 256

    def __init__(
        self,
        store: AnalysisStore,
        annotation: _Annotation,
        without: frozenset[str] = frozenset(),
        span: tuple[int, int | None] = (0, None),
    ):
        self.store = store
        self.annotation = annotation
        self.without = without
        #: The part of the corpus read: ``(begin, end)`` of the documents in input order.
        self.span = span
        self._taps: list[Callable[[Analysis], object]] = []

    def without_fields(self, *names: str) -> _Stored:
        """The same analyses, with the fields ``names`` left empty: for a pass (and its taps)
        that does not read them, which then decodes less."""
        view = _Stored(self.store, self.annotation, frozenset(names), self.span)
        view._taps, self._taps = self._taps, []
        return view

    def part(self, begin: int, end: int, store: AnalysisStore | None = None) -> _Stored:
        """The documents ``begin:end`` of these (all stored already), read from ``store``."""
        first, _ = self.span
        return _Stored(store or self.store, self.annotation, self.without, (first + begin, first + end))

    def __len__(self) -> int:
        return len(self.annotation.keys[slice(*self.span)])

    def tap_next_pass(self, observer: Callable[[Analysis], object]) -> None:
        """Show every analysis of the next pass to ``observer`` too, so it needs no pass of its own."""
        self._taps.append(observer)

    def __iter__(self) -> Iterator[Analysis]:
        taps, self._taps = self._taps, []
        keys, paths = self.annotation.keys[slice(*self.span)], self.annotation.paths[slice(*self.span)]
        for begin, end in self._spans(keys):
            chunk = keys[begin:end]
            self.annotation.wait_for(chunk)
            stored = self.store.iter_analyses(chunk, chunk=self.CHUNK, without=self.without)
            for analysis, path in zip(stored, paths[begin:end], strict=True):
                if analysis.document.path != path:
                    analysis = replace(analysis, document=replace(analysis.document, path=path))
                for observer in taps:
                    observer(analysis)
                yield analysis

    def _spans(self, keys: Sequence[str]) -> Iterator[tuple[int, int]]:
        """``(begin, end)`` of each chunk of ``keys`` to read at once. A chunk that holds a
        document still being annotated is cut before it, so that the documents stored before it
        are read while the worker annotates (decided as each chunk is reached)."""
        for begin in range(0, len(keys), self.CHUNK):
            end = min(begin + self.CHUNK, len(keys))
            cut = begin + self.annotation.ready(keys[begin:end])
            if begin < cut < end:
                yield begin, cut
                begin = cut
            yield begin, end


def _annotate(
    source: Callable[[], Iterator[Document]],
    *,
    total: int,
    repeated: frozenset[str],
    fingerprint: str,
    store: AnalysisStore,
    settings: Settings,
    open_runner: Callable[[int, bool], Any],
    batch_size: int,
    progress: bool,
    timer: _Timer,
) -> _Annotation:
    """Annotate what the store lacks.

    ``open_runner`` is given the number of batches to annotate, counted up to two (reading stops
    there until annotation starts), and whether the store holds documents that come before the
    first to annotate; it returns the engine that annotates them. When reading is over before
    a worker engine annotates anything, the annotation is left running: see
    :class:`_Annotation`.
    """
    pending: deque[list[str]] = deque()
    keys: list[str] = []
    paths: list[str] = []

    def batches() -> Iterator[list[Document]]:
        batch: list[Document] = []
        batch_keys: list[str] = []
        queued: set[str] = set()
        for doc in timer.timed("read", source()):
            # Where no line repeats (most corpora), no line need be normalised: half of reading
            # a stored corpus again.
            present = (
                repeated & {normalize_line(line) for line in doc.text_raw.splitlines()} if repeated else ()
            )
            key = document_key(doc, fingerprint, present)
            keys.append(key)
            paths.append(doc.path)
            if key in queued or key in store:
                continue
            queued.add(key)
            batch.append(doc)
            batch_keys.append(key)
            if len(batch) >= batch_size:
                pending.append(batch_keys)
                yield batch
                batch, batch_keys = [], []
        if batch:
            pending.append(batch_keys)
            yield batch

    work = batches()
    ahead = list(islice(work, 2))
    read_to_end = len(ahead) < 2
    stored_first = bool(pending) and keys[0] not in pending[0]
    # Opened before the progress bar, whose monitor thread a forked worker must not inherit.
    runner = open_runner(len(ahead), read_to_end and stored_first)
    try:
        bar = tqdm(total=total, disable=not progress, unit="doc", desc="annotate", leave=False)
        results = runner.run(chain(ahead, work), settings)
    except BaseException:
        runner.close()
        raise
    annotation = _Annotation(keys, paths, store, runner, results, pending, timer=timer, bar=bar, total=total)
    if not (read_to_end and runner.name != "local"):
        annotation.finish()
    return annotation


def _article(
    analysis: Analysis,
    *,
    assignment: Mapping[MentionKey, str],
    types: Mapping[str, str],
    duplicates: Mapping[str, str],
) -> tuple[Document, tuple[str, bytes, int] | None, ArticleEvents]:
    """What the events pass keeps of one article: its document without its text, its mentions
    that name an actor (a block of :meth:`MentionSpill.resolved_block`) and its events."""
    from .events import article_events
    from .resolve import mention_key
    from .spill import MentionSpill

    doc = analysis.document
    # A kept mention gets its actor; nationalities and bare offices take their actor's type.
    kept, resolved = [], []
    for m in analysis.mentions:
        actor = assignment.get(mention_key(m))
        if actor is not None:
            retype = m.label == "NORP" or (m.source == "role" and types[actor] != "PERSON")
            kept.append(m)
            resolved.append((actor, types[actor] if retype else m.label))
    return (
        replace(doc, text_raw="", duplicate_of=duplicates.get(doc.id)),
        MentionSpill.resolved_block(kept, resolved),
        article_events(analysis, assignment, types, duplicates=duplicates),
    )


#: The fewest documents a pass is split over two processes for: fewer are read before the
#: second process would have started.
TWO_PART_DOCUMENTS = 2 * _Stored.CHUNK
#: The share of the documents the build's own process reads when a pass is split: the forked
#: process also pickles what it made, so the two end together when it reads a little less.
FIRST_PART_SHARE = 0.55


def _in_two_parts(analyses: _Stored, read: Callable[[Analysis], T], *, workers: int) -> Iterator[T]:
    """``read`` of each analysis, in order. With two workers or more, a forked process reads
    the later part of the corpus (what :data:`FIRST_PART_SHARE` leaves) while this one reads
    the first."""
    total = len(analyses)
    if workers < 2 or total < TWO_PART_DOCUMENTS or not can_fork():
        yield from map(read, analyses)
        return
    split = round(total * FIRST_PART_SHARE)

    def later_part() -> Iterator[T]:
        store = analyses.store.reopened()
        try:
            yield from map(read, analyses.part(split, total, store))
        finally:
            store.close()

    later = ForkedItems(later_part)
    try:
        yield from map(read, analyses.part(0, split))
    except BaseException:
        later.cancel()
        raise
    yield from later


class _CorpusWide(NamedTuple):
    actors: tuple[Actor, ...]
    #: Sorted by id, on disk until read.
    events: EventSpill
    #: Each document's metadata, without its text.
    documents: list[Document]
    #: The mentions that name an actor, with the actor filled in (on disk until written).
    mentions: MentionSpill
    warnings: tuple[str, ...]


def _resolve_and_extract(
    analyses: _Stored, *, index: KBIndex, curated: Curation | None, timer: _Timer, workers: int
) -> _CorpusWide:
    """Resolution and events: two passes over the store.

    What only these stages need (the actor of every mention, the near-duplicate signatures)
    is dropped on return, before the graph stage allocates its own.
    """
    from .curation import apply_curation
    from .dedup import DuplicateFinder
    from .events import merge_events
    from .resolve import resolve
    from .spill import EventSpill, MentionSpill

    with timer("resolve"):
        finder = DuplicateFinder()
        analyses.tap_next_pass(lambda analysis, add=finder.add: add(analysis.document, analysis.signature))
        every_mention: list[Mention] = []
        if curated is not None:  # curation needs the mentions; collect them in the same pass
            analyses.tap_next_pass(lambda analysis, extend=every_mention.extend: extend(analysis.mentions))
        # Resolution and its taps read each analysis's document, mentions and signature only.
        resolution = resolve(analyses.without_fields("sentences", "cues"), index=index)
        duplicates = finder.duplicates()
        del finder
        warnings: tuple[str, ...] = ()
        if curated is not None:
            resolution, warnings = apply_curation(resolution, every_mention, curated)
            del every_mention
    with timer("events"):
        # One more pass: events, and what the graph keeps of each document and mention.
        documents: list[Document] = []
        mentions = MentionSpill()
        types = {a.id: a.type for a in resolution.actors}
        read = partial(_article, assignment=resolution.assignment, types=types, duplicates=duplicates)

        def articles() -> Iterator[tuple[str, ArticleEvents]]:
            for document, block, found in _in_two_parts(analyses, read, workers=workers):
                documents.append(document)
                mentions.append_block(block)
                yield document.id, found

        events = EventSpill(merge_events(articles(), types, duplicates=duplicates))
    return _CorpusWide(resolution.actors, events, documents, mentions, warnings)


#: What a build's manifest keeps of its summary, to report it again when the outputs are reused.
_RECORDED_COUNTS = ("documents", "skipped", "actors", "events", "edges", "warnings")


def _reused_summary(recorded: dict, started: float, timer: _Timer) -> Summary:
    counts = {name: recorded[name] for name in _RECORDED_COUNTS}
    return Summary(
        **{**counts, "warnings": tuple(counts["warnings"])},
        seconds=time.perf_counter() - started,
        stage_seconds=(("read", round(timer.seconds["read"], 3)),),
        reused=True,
    )


@fewer_collections()
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
    jobs: int | str = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    stdin: IO[str] | None = None,
    index: KBIndex | None = None,
    reuse_outputs: bool = False,
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
    jobs : int or "auto"
        Worker processes for annotation and the output files (or Dask workers of a local
        cluster). ``"auto"``: :func:`actorgraph.workers.auto_workers` of them, and annotation
        in this process when there is at most one batch to annotate and no stored document
        comes before it. One batch goes to one worker, which the build does not wait for
        until its first pass over the store reaches the batch's documents.
    engine : {"local", "dask"}
        ``dask`` runs the per-document work as tasks on a Dask cluster (``scheduler``, or a
        local cluster of ``jobs`` workers).
    batch_size : int
        Documents per unit of work; each finished batch is committed to the store.
    reuse_outputs : bool
        Stop after reading the corpus when ``out`` already holds what this build would write:
        the same documents, options, models and code, and every file as that build left it
        (:mod:`actorgraph.manifest`; the record lives beside the document store, so this needs
        ``cache``). The result's ``graph`` is then ``None``.

    Raises
    ------
    InputError
        If the corpus is missing, empty, or nothing in it could be read.
    UsageError
        If ``jobs`` is neither a positive number nor ``"auto"``.

    Notes
    -----
    The build runs, and forks its workers, with fewer garbage collections
    (:func:`actorgraph.collector.fewer_collections`); the caller's settings come back after it.

    Examples
    --------
    >>> result = build("corpus", out=None, models="bundled")  # doctest: +SKIP
    >>> result.summary.actors  # doctest: +SKIP
    """
    started = time.perf_counter()
    timer = _Timer()
    workers = resolve_jobs(jobs)
    curated = None
    if curation is not None:
        from .curation import load_curation

        curated = load_curation(curation)
    source = _source(corpus, text_column, stdin)
    formats = tuple(formats)  # read twice: for the manifest, then by the writers
    inputs = InputDigest()

    # Pass 1: which short lines repeat across the corpus (site furniture), and is anything readable?
    line_counts: Counter[str] = Counter()
    total = readable = 0
    reasons: set[str] = set()
    for doc in timer.timed("read", source()):
        total += 1
        inputs.add(document_key(doc, ""), doc.path, doc.skip_reason)
        if doc.skipped:
            reasons.add(doc.skip_reason or "")
            continue
        readable += 1
        line_counts.update(repeated_line_candidates(doc.text_raw))
    if not readable:
        detail = f" ({'; '.join(sorted(reasons))})" if reasons else ""
        raise InputError(errors.EMPTY_INPUT.format(path=corpus) + detail)
    repeated = select_repeated_lines(line_counts, readable)

    infos = {code: choose_pipeline(code, models=models) for code in ("de", "en")}
    fingerprint = pipeline_fingerprint(
        {code: info.fingerprint() for code, info in infos.items() if info is not None}, (lang, models)
    )
    cache_path = _cache_path(cache)
    manifest = inputs_digest = None
    # A folder's manifest is kept whenever there is a store to keep it beside; a custom index is
    # not something the digest can see, so its builds keep none.
    if cache_path is not None and out is not None and index is None:
        manifest = manifest_path(cache_path.parent, out)
        options = {"fingerprint": fingerprint, "built_from": str(corpus), "formats": sorted(set(formats))}
        options |= {"min_weight": min_weight, "max_nodes": max_nodes, "text_column": text_column}
        inputs_digest = inputs.hexdigest(options_of({**options, "curation": curated}.items()))
        recorded = read_current(manifest, inputs_digest, out) if reuse_outputs else None
        if recorded is not None and all(name in recorded for name in _RECORDED_COUNTS):
            return BuildResult(None, _reused_summary(recorded, started, timer))
    from .engines import Settings, make_engine, pipelines_for
    from .kbindex import default_index
    from .outputs import write_outputs

    settings = Settings(lang, models, repeated, text_column)
    index = index or default_index()
    scratch = tempfile.TemporaryDirectory(prefix="actorgraph-") if cache_path is None else None
    store = AnalysisStore(cache_path if scratch is None else Path(scratch.name) / "analyses.sqlite")

    def open_runner(batches: int, stored_first: bool):
        if batches == 0:
            return make_engine("local")
        if jobs == AUTO and engine == "local" and batches < 2 and not stored_first:
            # A worker would load the same models as this process; it pays only when this
            # process has stored documents to resolve before the batch's while it does.
            return make_engine("local", documents=total)
        return make_engine(engine, jobs=workers, scheduler=scheduler, batches=batches, documents=total)

    annotation = None
    try:
        annotation = _annotate(
            source,
            total=total,
            repeated=repeated,
            fingerprint=fingerprint,
            store=store,
            settings=settings,
            open_runner=open_runner,
            timer=timer,
            batch_size=batch_size,
            progress=progress,
        )
        # Imported once a worker that annotates has been forked, which does not need it: while
        # this process waits for the worker, not before the worker starts.
        from .graph import build_graph

        corpus_wide = _resolve_and_extract(
            _Stored(store, annotation), index=index, curated=curated, timer=timer, workers=workers
        )
        annotation.finish()
    finally:
        if annotation is not None:
            annotation.close()
        store.close()
        if scratch is not None:
            scratch.cleanup()

    actors, events, documents, mentions, warnings = corpus_wide
    layout_jobs: list[Forked] = []

    def lay_out(actors: tuple[Actor, ...], edges: EdgeTable) -> None:
        # The viewer's layout reads degree and strength only: with a core to spare, it is
        # computed while betweenness and communities are.
        if out is not None and "html" in formats and workers > 1 and can_fork():
            from .outputs.html import viewer_positions

            layout_jobs.append(Forked(viewer_positions, actors, edges, max_nodes=max_nodes))

    with timer("graph"):
        try:
            actors, edges = build_graph(actors, events, min_weight=min_weight, on_degrees=lay_out)
            positions = layout_jobs.pop().result() if layout_jobs else None
        finally:
            for job in layout_jobs:  # left only if the stage failed
                job.cancel()
        models_used = sorted({d.language for d in documents if not d.skipped and d.language})
        meta = {
            "actorgraph_version": __version__,
            "built_from": str(corpus),
            "models": pipelines_for(models).describe_languages(models_used),
            "documents": total,
        }
        graph = Graph(meta, tuple(documents), actors, events, edges, mentions)
    if out is not None:
        if manifest is not None:
            forget(manifest)
        with timer("outputs"):
            write_outputs(graph, out, formats=formats, max_nodes=max_nodes, jobs=workers, positions=positions)
    skipped = Counter(d.skip_reason or "" for d in documents if d.skipped)
    summary = Summary(
        total,
        dict(skipped),
        len(actors),
        len(events),
        len(edges),
        time.perf_counter() - started,
        warnings,
        annotation.annotated,
        tuple((stage, round(timer.seconds[stage], 3)) for stage in STAGES),
        tuple((stage, timer.peak_mib[stage]) for stage in STAGES if stage in timer.peak_mib),
    )
    if manifest is not None and inputs_digest is not None and out is not None:
        record(manifest, inputs_digest, out, {name: getattr(summary, name) for name in _RECORDED_COUNTS})
    return BuildResult(graph, summary)
