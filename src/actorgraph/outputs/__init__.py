"""Writers, one module per format. Each output file is written whole (temp file, then rename).

``FORMATS`` maps a ``--formats`` name to a function ``(graph, out_dir, options) -> None``. A
writer's module is imported when it writes: they need the graph libraries, which a build that
finds its output folder up to date never loads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..records import Graph

__all__ = ["DEFAULT_FORMATS", "FORMATS", "load_graph", "write_outputs"]

Writer = Callable[["Graph", Path, dict[str, Any]], None]


def load_graph(path: str | Path) -> Graph:
    """Read ``graph.json`` back into records; see :func:`actorgraph.outputs.jsonfile.load_graph`."""
    from .jsonfile import load_graph as load

    return load(path)


def _html(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .html import write_html

    max_nodes, positions = options.get("max_nodes", 1500), options.get("positions")
    write_html(graph, out / "index.html", max_nodes=max_nodes, positions=positions)


def _json(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .jsonfile import write_json

    write_json(graph, out / "graph.json")


def _graphml(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .networkx_formats import write_graphml

    write_graphml(graph, out / "graph.graphml")


def _gexf(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .networkx_formats import write_gexf

    write_gexf(graph, out / "graph.gexf")


def _csv(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .tables import write_csv

    write_csv(graph, out)


def _neo4j(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .neo4j import write_neo4j

    write_neo4j(graph, out / "neo4j")


def _plover(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    from .plover import write_plover

    write_plover(graph, out / "events.plover.jsonl")


FORMATS: dict[str, Writer] = {
    "html": _html,
    "json": _json,
    "graphml": _graphml,
    "gexf": _gexf,
    "csv": _csv,
    "neo4j": _neo4j,
    "plover": _plover,
}
DEFAULT_FORMATS = tuple(FORMATS)


#: Formats roughly from the slowest to write to the quickest, so parallel writers end together.
_SLOWEST_FIRST = ("html", "json", "csv", "gexf", "graphml", "neo4j", "plover")

#: What a forked writer process writes: set once in each worker by :func:`_adopt`.
_worker_job: tuple[Graph, Path, dict[str, Any]] | None = None


def _adopt(graph: Graph, out: Path, options: dict[str, Any]) -> None:
    global _worker_job
    _worker_job = (graph, out, options)


def _write_in_worker(name: str) -> str:
    assert _worker_job is not None
    graph, out, options = _worker_job
    FORMATS[name](graph, out, options)
    return name


def write_outputs(
    graph: Graph, out: str | Path, *, formats: Iterable[str] = DEFAULT_FORMATS, jobs: int = 1, **options: Any
) -> None:
    """Write ``graph`` in each of ``formats`` into the folder ``out``.

    With ``jobs`` > 1 the formats are written by that many forked processes at once; they
    inherit the graph rather than receiving a copy, and each file is the same as a serial
    write gives. ``options`` are the writers' own: ``max_nodes`` and ``positions`` for the page
    (see :func:`actorgraph.outputs.html.write_html`).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    names = list(dict.fromkeys(formats))
    for name in names:
        if name not in FORMATS:
            raise KeyError(name)
    if jobs <= 1 or len(names) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for name in names:
            FORMATS[name](graph, out, options)
        return
    names.sort(key=lambda n: _SLOWEST_FIRST.index(n) if n in _SLOWEST_FIRST else len(_SLOWEST_FIRST))
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(names)), initializer=_adopt, initargs=(graph, out, options)) as pool:
        for _ in pool.imap_unordered(_write_in_worker, names):
            pass
