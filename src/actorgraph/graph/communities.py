"""Louvain communities with a fixed seed, numbered by descending size."""

from __future__ import annotations

import networkx as nx

__all__ = ["communities"]


def communities(graph: nx.Graph, *, seed: int = 42) -> dict[str, int]:
    """``{actor: community}``; community 0 is the largest, ties broken by smallest member id.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> communities(g)
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    if graph.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: number for number, members in enumerate(ordered) for node in members}
