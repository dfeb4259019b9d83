"""Flat CSV tables for pandas and spreadsheets: actors, events, edges, mentions.

List-valued columns hold JSON arrays (``json.loads`` reads them back).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..graph.edgetable import in_edge_order
from ..records import Graph
from ..spill import in_document_order, in_id_order
from .atomic import atomic_open
from .jsontext import plain

__all__ = ["write_csv", "write_rows"]


def write_rows(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write one CSV file whole (temp file, then rename)."""
    with atomic_open(path, "w") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _j(value) -> str:
    return plain(list(value))


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
                _j(a.aliases),
                a.mentions,
                _j(a.documents),
                plain([list(r) for r in a.roles]),
                _j(a.affiliations),
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
                _j(e.participants),
                _j(e.source),
                _j(e.target),
                _j(sorted({ev.document for ev in e.evidence})),
                len(e.evidence),
            ]
            for e in in_id_order(graph.events)
        ),
    )
    write_rows(
        folder / "edges.csv",
        ["source", "target", "kind", "weight", "events"],
        ([e.source, e.target, e.kind, e.weight, _j(e.events)] for e in in_edge_order(graph.edges)),
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
