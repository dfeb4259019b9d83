"""Centralities of actors: degree, strength, and (sampled on big graphs) betweenness.

Betweenness comes from :mod:`.betweenness` (the same values as networkx's, several times faster).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np

from .adjacency import Adjacency, as_adjacency
from .betweenness import betweenness as _betweenness

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["BETWEENNESS_EXACT_LIMIT", "betweenness_scores", "centralities", "degrees_and_strengths"]

#: Above this many actors betweenness is estimated from a seeded sample of sources.
BETWEENNESS_EXACT_LIMIT = 1000
BETWEENNESS_SAMPLES = 200


def centralities(graph: Adjacency | nx.Graph, *, seed: int = 42) -> dict[Hashable, tuple[int, float, float]]:
    """``{actor: (degree, strength, betweenness)}``; betweenness is normalised and rounded.

    Degree counts neighbours (a self-loop twice, as networkx does); strength sums the weights
    of the actor's edges.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> centralities(g)["b"]
    (2, 2, 1.0)
    """
    graph = as_adjacency(graph)
    scores = betweenness_scores(graph, seed=seed)
    degrees, strengths = degrees_and_strengths(graph)
    return {node: (degrees[i], strengths[i], scores[node]) for i, node in enumerate(graph.nodes)}


def betweenness_scores(graph: Adjacency, *, seed: int = 42) -> dict[Hashable, float]:
    """``{node: betweenness}``, normalised and rounded to 6 decimals; estimated from
    :data:`BETWEENNESS_SAMPLES` seeded sources above :data:`BETWEENNESS_EXACT_LIMIT` nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_scores(as_adjacency(nx.path_graph(["a", "b", "c"])))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    k = None if len(graph.nodes) <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_SAMPLES
    scores = _betweenness(graph, k=k, seed=seed)
    return {node: round(scores.get(node, 0.0), 6) for node in graph.nodes}


def degrees_and_strengths(graph: Adjacency) -> tuple[list[int], list[float]]:
    """Each node's degree and strength, in the order of ``graph.nodes``: what
    :func:`centralities` gives without betweenness, at a fraction of its cost.

    Examples
    --------
    >>> import networkx as nx
    >>> degrees_and_strengths(as_adjacency(nx.Graph([("a", "b", {"weight": 3})])))
    ([1, 1], [3, 3])
    """
    matrix = graph.matrix
    loops = matrix.diagonal() != 0
    return (np.diff(matrix.indptr) + loops).tolist(), matrix.sum(axis=1).tolist()
