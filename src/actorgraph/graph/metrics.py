"""Centralities of actors: degree, strength, and (sampled on big graphs) betweenness.

Betweenness comes from :mod:`.betweenness` (the same values as networkx's, several times faster).
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from .adjacency import Adjacency, as_adjacency
from .betweenness import betweenness as _betweenness

__all__ = ["BETWEENNESS_EXACT_LIMIT", "centralities"]

#: Above this many actors betweenness is estimated from a seeded sample of sources.
BETWEENNESS_EXACT_LIMIT = 1000
BETWEENNESS_SAMPLES = 200


def centralities(graph: Adjacency | nx.Graph, *, seed: int = 42) -> dict[Hashable, tuple[int, float, float]]:
    """``{actor: (degree, strength, betweenness)}``; betweenness is normalised and rounded.

    Degree counts neighbours (a self-loop twice, as networkx does); strength sums the weights
    of the actor's edges.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> centralities(g)["b"]
    (2, 2, 1.0)
    """
    graph = as_adjacency(graph)
    matrix = graph.matrix
    k = None if len(graph.nodes) <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_SAMPLES
    betweenness = _betweenness(graph, k=k, seed=seed)
    loops = matrix.diagonal() != 0
    degrees = (np.diff(matrix.indptr) + loops).tolist()
    strengths = matrix.sum(axis=1).tolist()
    return {
        node: (degrees[i], strengths[i], round(betweenness.get(node, 0.0), 6))
        for i, node in enumerate(graph.nodes)
    }
