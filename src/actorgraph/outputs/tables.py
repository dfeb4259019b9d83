"""Flat CSV tables for pandas and spreadsheets: actors, events, edges, mentions.

List-valued columns hold JSON arrays (``json.loads`` reads them back).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from ..graph.edgetable import in_edge_order
from ..records import Graph
from ..spill import in_document_order, in_id_order
from .atomic import atomic_open
from .jsontext import plain, plain_list

__all__ = ["csv_writers", "write_csv", "write_rows"]


@contextmanager
def csv_writers(*tables: tuple[str | os.PathLike, Sequence[str]]) -> Iterator[list[Any]]:
    """CSV writers for several files at once, ``(path, header)`` each, so that one pass over
    records read from disk (such as the events) can fill several tables. Each file is written
    whole (temp file, then rename) when the block ends, and none if it fails."""
    with ExitStack() as stack:
        writers = []
        for path, header in tables:
            writer = csv.writer(stack.enter_context(atomic_open(path, "w")), lineterminator="\n")
            writer.writerow(header)
            writers.append(writer)
        yield writers


def write_rows(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write one CSV file whole (temp file, then rename)."""
    with csv_writers((path, header)) as (writer,):
        writer.writerows(rows)


def _s(value) -> str:
    return "" if value is None else str(value)


def write_csv(graph: Graph, folder: str | os.PathLike) -> None:
    """``actors.csv``, ``events.csv``, ``edges.csv`` and ``mentions.csv`` in ``folder``."""
    folder = Path(folder)
    write_rows(
        folder / "actors.csv",
        [
            "id",
            "label",
            "type",
            "kb_id",
            "aliases",
            "mentions",
            "documents",
            "roles",
            "affiliations",
            "degree",
            "strength",
            "betweenness",
            "community",
        ],
        (
            [
                a.id,
                a.label,
                a.type,
                _s(a.kb_id),
                plain_list(a.aliases),
                a.mentions,
                plain_list(a.documents),
                plain([list(r) for r in a.roles]),
                plain_list(a.affiliations),
                a.degree,
                a.strength,
                a.betweenness,
                _s(a.community),
            ]
            for a in sorted(graph.actors, key=lambda a: a.id)
        ),
    )
    write_rows(
        folder / "events.csv",
        [
            "id",
            "type",
            "date",
            "date_precision",
            "location",
            "participants",
            "source",
            "target",
            "documents",
            "evidence",
        ],
        (
            [
                e.id,
                e.type,
                _s(e.date),
                _s(e.date_precision),
                _s(e.location),
                plain_list(e.participants),
                plain_list(e.source),
                plain_list(e.target),
                plain_list(sorted({ev.document for ev in e.evidence})),
                len(e.evidence),
            ]
            for e in in_id_order(graph.events)
        ),
    )
    write_rows(
        folder / "edges.csv",
        ["source", "target", "kind", "weight", "events"],
        ([e.source, e.target, e.kind, e.weight, plain_list(e.events)] for e in in_edge_order(graph.edges)),
    )
    write_rows(
        folder / "mentions.csv",
        ["document", "sentence", "start", "end", "text", "label", "lang", "source", "kb_id", "role", "actor"],
        (
            [
                m.doc_id,
                m.sentence,
                m.start,
                m.end,
                m.text,
                m.label,
                m.lang,
                m.source,
                _s(m.kb_id),
                _s(m.role),
                _s(m.actor),
            ]
            for m in in_document_order(graph.mentions)
        ),
    )
