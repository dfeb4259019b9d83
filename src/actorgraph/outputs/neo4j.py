"""CSV files for ``neo4j-admin database import full``.

Nodes: Actor, Event, Document. Relationships: PARTICIPATED_IN (actor → event), LOCATED_IN
(event → place), REPORTED_IN (event → document, one per piece of evidence), and one
relationship per graph edge (SHARES_EVENTS, AFFILIATED_WITH). Array columns use ``;``, the
importer's default array delimiter.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..graph.edgetable import in_edge_order
from ..records import Graph
from ..spill import in_id_order
from .atomic import atomic_write_text
from .tables import csv_writers, write_rows

__all__ = ["write_neo4j"]

_EDGE_TYPES = {"event": "SHARES_EVENTS", "affiliation": "AFFILIATED_WITH"}

IMPORT_COMMAND = """# Import into an empty database (Neo4j 5):
neo4j-admin database import full neo4j \\
  --nodes=Actor=actors.csv --nodes=Event=events.csv --nodes=Document=documents.csv \\
  --relationships=participants.csv --relationships=locations.csv \\
  --relationships=evidence.csv --relationships=edges.csv
"""


def _a(values) -> str:
    """An array column: the values joined by ``;``, any ``;`` inside a value made a ``,``."""
    items = list(map(str, values))
    joined = ";".join(items)
    if joined.count(";") == max(len(items) - 1, 0):  # no value holds one: the usual case
        return joined
    return ";".join(item.replace(";", ",") for item in items)


def _s(value) -> str:
    return "" if value is None else str(value)


def _role(event, actor: str) -> str:
    return "source" if actor in event.source else "target" if actor in event.target else "participant"


def write_neo4j(graph: Graph, folder: str | os.PathLike) -> None:
    folder = Path(folder)
    actors = sorted(graph.actors, key=lambda a: a.id)
    write_rows(
        folder / "actors.csv",
        [
            "id:ID(Actor)",
            "label",
            "type",
            "kb_id",
            "aliases:string[]",
            "mentions:int",
            "degree:int",
            "strength:float",
            "betweenness:float",
            "community:int",
        ],
        (
            [
                a.id,
                a.label,
                a.type,
                _s(a.kb_id),
                _a(a.aliases),
                a.mentions,
                a.degree,
                a.strength,
                a.betweenness,
                _s(a.community),
            ]
            for a in actors
        ),
    )
    write_rows(
        folder / "documents.csv",
        ["id:ID(Document)", "path", "title", "url", "language", "date", "skipped:boolean", "skip_reason"],
        (
            [
                d.id,
                d.path,
                _s(d.title),
                _s(d.url),
                _s(d.language),
                _s(d.date),
                str(d.skipped).lower(),
                _s(d.skip_reason),
            ]
            for d in sorted(graph.documents, key=lambda d: d.id)
        ),
    )
    # The events are read from disk once, for the four tables made from them.
    with csv_writers(
        (folder / "events.csv", ["id:ID(Event)", "type", "date", "date_precision", "evidence:int"]),
        (folder / "participants.csv", [":START_ID(Actor)", ":END_ID(Event)", "role", ":TYPE"]),
        (folder / "locations.csv", [":START_ID(Event)", ":END_ID(Actor)", ":TYPE"]),
        (
            folder / "evidence.csv",
            [
                ":START_ID(Event)",
                ":END_ID(Document)",
                "sentence:int",
                "start:int",
                "end:int",
                "text",
                ":TYPE",
            ],
        ),
    ) as (event_rows, participant_rows, location_rows, evidence_rows):
        for e in in_id_order(graph.events):
            event_rows.writerow([e.id, e.type, _s(e.date), _s(e.date_precision), len(e.evidence)])
            participant_rows.writerows(
                [actor, e.id, _role(e, actor), "PARTICIPATED_IN"] for actor in e.participants
            )
            if e.location:
                location_rows.writerow([e.id, e.location, "LOCATED_IN"])
            evidence_rows.writerows(
                [e.id, ev.document, ev.sentence, ev.start, ev.end, ev.text, "REPORTED_IN"]
                for ev in e.evidence
            )
    write_rows(
        folder / "edges.csv",
        [":START_ID(Actor)", ":END_ID(Actor)", "kind", "weight:float", "events:string[]", ":TYPE"],
        (
            [e.source, e.target, e.kind, e.weight, _a(e.events), _EDGE_TYPES.get(e.kind, e.kind.upper())]
            for e in in_edge_order(graph.edges)
        ),
    )
    atomic_write_text(folder / "import.sh", IMPORT_COMMAND)
