"""Centralities of actors: degree, strength, and (sampled on big graphs) betweenness.

Betweenness comes from :mod:`.betweenness` (the same values as networkx's, several times faster).
"""

from __future__ import annotations

import networkx as nx

from .betweenness import betweenness as _betweenness

__all__ = ["BETWEENNESS_EXACT_LIMIT", "centralities"]

#: Above this many actors betweenness is estimated from a seeded sample of sources.
BETWEENNESS_EXACT_LIMIT = 1000
BETWEENNESS_SAMPLES = 200


def centralities(graph: nx.Graph, *, seed: int = 42) -> dict[str, tuple[int, float, float]]:
    """``{actor: (degree, strength, betweenness)}``; betweenness is normalised and rounded.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> centralities(g)["b"]
    (2, 2, 1.0)
    """
    k = None if graph.number_of_nodes() <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_SAMPLES
    betweenness = _betweenness(graph, k=k, seed=seed)
    result = {}
    for node in graph.nodes:
        strength = sum(data.get("weight", 1) for _, _, data in graph.edges(node, data=True))
        result[node] = (graph.degree(node), strength, round(betweenness.get(node, 0.0), 6))
    return result
