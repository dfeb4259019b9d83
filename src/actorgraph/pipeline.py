"""The build: every stage in order, from a corpus path to the output folder.

This is the only module that knows the order of the stages; each stage stays a plain
function of records.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, NamedTuple

from tqdm import tqdm

from . import __version__, errors
from .annotate import Pipelines, annotate
from .clean import clean, find_repeated_lines
from .curation import apply_curation, load_curation
from .dedup import find_duplicates
from .detect import detect_date, detect_language
from .errors import InputError
from .events import extract_events
from .graph import build_graph
from .kbindex import KBIndex, default_index
from .outputs import DEFAULT_FORMATS, write_outputs
from .read import read_corpus
from .records import Analysis, Document, Graph
from .resolve import mention_key, resolve

__all__ = ["BuildResult", "Summary", "build"]


class Summary(NamedTuple):
    documents: int
    skipped: dict[str, int]
    actors: int
    events: int
    edges: int
    seconds: float
    warnings: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        out = [
            f"documents: {self.documents} read, {sum(self.skipped.values())} skipped",
            *(f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())),
            f"actors: {self.actors}  events: {self.events}  edges: {self.edges}",
            f"seconds: {self.seconds:.1f}",
            *(f"warning: {w}" for w in self.warnings),
        ]
        return out


class BuildResult(NamedTuple):
    graph: Graph
    summary: Summary


def _skip(doc: Document, reason: str) -> Document:
    return replace(doc, skipped=True, skip_reason=reason)


def _prepare(doc: Document, *, lang: str, pipelines: Pipelines, repeated: frozenset[str]) -> Document:
    """Language, cleaning and document date for one read document."""
    if doc.skipped:
        return doc
    language = doc.language if lang == "auto" else lang
    if language is None:
        language = detect_language(doc.text_raw).language
        if language is None:
            return _skip(doc, errors.UNKNOWN_LANGUAGE)
    if not pipelines.supports(language):
        return _skip(replace(doc, language=language), errors.UNSUPPORTED_LANGUAGE.format(lang=language))
    doc = clean(doc, language=language, repeated=repeated)
    if not doc.text.strip():
        return _skip(doc, errors.EMPTY)
    if doc.date is None and (found := detect_date(doc.text, language=language)):
        doc = replace(doc, date=found.iso, date_precision=found.precision)
    return doc


def _resolved_mentions(analyses: Iterable[Analysis], resolution) -> tuple:
    """Every kept mention with its actor; a nationality takes its state's type."""
    types = {a.id: a.type for a in resolution.actors}
    out = []
    for analysis in analyses:
        for m in analysis.mentions:
            actor = resolution.assignment.get(mention_key(m))
            if actor is not None:
                label = (
                    types[actor]
                    if m.label == "NORP" or (m.source == "role" and types[actor] != "PERSON")
                    else m.label
                )
                out.append(replace(m, actor=actor, label=label))
    return tuple(out)


def _progress(items: Iterable[Analysis], total: int, enabled: bool) -> Iterator[Analysis]:
    yield from tqdm(items, total=total, disable=not enabled, unit="doc", desc="annotate", leave=False)


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
    curated = load_curation(curation) if curation is not None else None
    index = index or default_index()
    pipelines = Pipelines(models=models, index=index)
    documents = list(read_corpus(corpus, text_column=text_column, stdin=stdin))
    if not any(not d.skipped for d in documents):
        reasons = "; ".join(sorted({d.skip_reason for d in documents if d.skip_reason}))
        raise InputError(errors.EMPTY_INPUT.format(path=corpus) + (f" ({reasons})" if reasons else ""))
    repeated = find_repeated_lines(d.text_raw for d in documents if not d.skipped)
    prepared = [_prepare(d, lang=lang, pipelines=pipelines, repeated=repeated) for d in documents]
    duplicates = find_duplicates(prepared)
    prepared = [replace(d, duplicate_of=duplicates[d.id]) if d.id in duplicates else d for d in prepared]
    analyses = list(_progress(annotate(prepared, pipelines), len(prepared), progress))
    resolution = resolve(analyses, index=index)
    warnings: tuple[str, ...] = ()
    if curated is not None:
        resolution, warnings = apply_curation(resolution, [m for a in analyses for m in a.mentions], curated)
    events = extract_events(analyses, resolution.assignment, resolution.actors, duplicates=duplicates)
    actors, edges = build_graph(resolution.actors, events, min_weight=min_weight)
    mentions = _resolved_mentions(analyses, resolution)
    meta = {
        "actorgraph_version": __version__,
        "built_from": str(corpus),
        "models": pipelines.describe(),
        "documents": len(documents),
    }
    graph = Graph(meta, tuple(a.document for a in analyses), actors, events, edges, mentions)
    if out is not None:
        write_outputs(graph, out, formats=formats, max_nodes=max_nodes)
    skipped = Counter(d.skip_reason or "" for d in graph.documents if d.skipped)
    summary = Summary(
        len(documents),
        dict(skipped),
        len(actors),
        len(events),
        len(edges),
        time.perf_counter() - started,
        warnings,
    )
    return BuildResult(graph, summary)
