"""Writers, one module per format. Each output file is written whole (temp file, then rename).

``FORMATS`` maps a ``--formats`` name to a function ``(graph, out_dir, options) -> None``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..records import Graph
from .jsonfile import load_graph, write_json
from .neo4j import write_neo4j
from .networkx_formats import write_gexf, write_graphml
from .plover import write_plover
from .tables import write_csv

__all__ = ["DEFAULT_FORMATS", "FORMATS", "load_graph", "write_outputs"]

Writer = Callable[[Graph, Path, dict[str, Any]], None]


def _html(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .html import write_html

    write_html(graph, out / "index.html", max_nodes=options.get("max_nodes", 1500))


FORMATS: dict[str, Writer] = {
    "html": _html,
    "json": lambda graph, out, options: write_json(graph, out / "graph.json"),
    "graphml": lambda graph, out, options: write_graphml(graph, out / "graph.graphml"),
    "gexf": lambda graph, out, options: write_gexf(graph, out / "graph.gexf"),
    "csv": lambda graph, out, options: write_csv(graph, out),
    "neo4j": lambda graph, out, options: write_neo4j(graph, out / "neo4j"),
    "plover": lambda graph, out, options: write_plover(graph, out / "events.plover.jsonl"),
}
DEFAULT_FORMATS = tuple(FORMATS)


def write_outputs(
    graph: Graph, out: str | Path, *, formats: Iterable[str] = DEFAULT_FORMATS, **options: Any
) -> None:
    """Write ``graph`` in each of ``formats`` into the folder ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in formats:
        FORMATS[name](graph, out, options)
