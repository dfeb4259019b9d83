"""actorgraph: news articles in, an evidence-backed graph of political actors out.

Examples
--------
>>> import actorgraph
>>> result = actorgraph.build("corpus", out="graph")  # doctest: +SKIP
>>> graph = actorgraph.load_graph("graph/graph.json")  # doctest: +SKIP
>>> actorgraph.show(graph)  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "build", "load_graph", "show"]


def build(corpus, **options):
    """Build the actor graph of ``corpus``; see :func:`actorgraph.pipeline.build`."""
    from .pipeline import build as _build

    return _build(corpus, **options)


def load_graph(path):
    """Read ``graph.json`` back into records; see :func:`actorgraph.outputs.jsonfile.load_graph`."""
    from .outputs.jsonfile import load_graph as _load

    return _load(path)


def show(graph_or_path, *, max_nodes: int = 1500):
    """An object Jupyter renders as the interactive viewer (a Graph, ``graph.json`` or build folder)."""
    from .outputs.html import Viewer
    from .records import Graph

    graph = graph_or_path if isinstance(graph_or_path, Graph) else load_graph(graph_or_path)
    return Viewer(graph, max_nodes=max_nodes)
