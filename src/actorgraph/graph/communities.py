"""Louvain communities with a fixed seed, numbered by descending size.

The algorithm is networkx's ``louvain_communities`` step for step (same node order, same
shuffles of one seeded ``random.Random``, same arithmetic), so it finds the same communities;
it works on the sparse :class:`~.adjacency.Adjacency` instead of copies of a dict-of-dicts
graph, which made Louvain the largest use of memory in a big build.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING

from .adjacency import Adjacency, as_adjacency

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["communities", "louvain"]

#: Louvain stops when a level improves modularity by no more than this (networkx's default).
THRESHOLD = 1e-7
#: networkx's default resolution, kept an int so that every product is computed as networkx does.
RESOLUTION = 1

_Neighbours = Callable[[int], Iterable[tuple[int, float]]]


def _edges(n: int, neighbours: _Neighbours) -> Iterable[tuple[int, int, float]]:
    """Each edge once, in the order networkx's ``Graph.edges`` gives it."""
    for u in range(n):
        for v, weight in neighbours(u):
            if v >= u:
                yield u, v, weight


def _degrees(n: int, neighbours: _Neighbours) -> list[float]:
    """Weighted degrees; a self-loop counts twice."""
    result = []
    for u in range(n):
        total = 0
        loop = 0
        for v, weight in neighbours(u):
            total += weight
            if v == u:
                loop = weight
        result.append(total + loop)
    return result


def _modularity(n: int, neighbours: _Neighbours, degrees: list[float], community: list[int]) -> float:
    """Modularity of the partition ``community`` (node → index), summed community by community."""
    deg_sum = sum(degrees)
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    internal: dict[int, float] = defaultdict(int)
    degree_sums: dict[int, float] = defaultdict(int)
    for u in range(n):
        degree_sums[community[u]] += degrees[u]
    for u, v, weight in _edges(n, neighbours):
        if community[u] == community[v]:
            internal[community[u]] += weight
    return sum(
        internal[c] / m - RESOLUTION * degree_sums[c] * degree_sums[c] * norm for c in sorted(degree_sums)
    )


def _one_level(
    n: int, neighbours: _Neighbours, degrees: list[float], m: float, rng: random.Random
) -> tuple[list[int], bool]:
    """Move nodes to the neighbouring community that gains most until none moves: each node's
    community, numbered from 0 in order of the lowest original community index."""
    community = list(range(n))
    totals = list(degrees)
    order = list(range(n))
    rng.shuffle(order)
    two_m_squared = 2 * m**2
    improvement = False
    moves = 1
    while moves > 0:
        moves = 0
        for u in order:
            best_gain = 0
            best = community[u]
            to_community: defaultdict[int, float] = defaultdict(float)
            for v, weight in neighbours(u):
                if v != u:
                    to_community[community[v]] += weight
            degree = degrees[u]
            totals[best] -= degree
            remove_cost = -to_community[best] / m + RESOLUTION * (totals[best] * degree) / two_m_squared
            for candidate, weight in to_community.items():
                gain = remove_cost + weight / m - RESOLUTION * (totals[candidate] * degree) / two_m_squared
                if gain > best_gain:
                    best_gain = gain
                    best = candidate
            totals[best] += degree
            if best != community[u]:
                community[u] = best
                improvement = True
                moves += 1
    renumber = {c: i for i, c in enumerate(sorted(set(community)))}
    return [renumber[c] for c in community], improvement


def _aggregate(n: int, neighbours: _Neighbours, community: list[int]) -> list[dict[int, float]]:
    """The graph of communities, its adjacency in the order networkx's ``_gen_graph`` builds."""
    size = max(community) + 1 if community else 0
    graph: list[dict[int, float]] = [{} for _ in range(size)]
    for u, v, weight in _edges(n, neighbours):
        a, b = community[u], community[v]
        total = graph[a].get(b, 0) + weight
        graph[a][b] = total
        graph[b][a] = total
    return graph


def _neighbours_of(graph: list[dict[int, float]]) -> _Neighbours:
    return lambda u: graph[u].items()


def louvain(graph: Adjacency, *, seed: int = 42) -> list[int]:
    """The community index of every node of ``graph`` (in ``graph.nodes`` order).

    Examples
    --------
    >>> from actorgraph.graph.adjacency import adjacency
    >>> louvain(adjacency("abcd", [("a", "b", 1), ("c", "d", 1)]))
    [0, 0, 1, 1]
    """
    n = len(graph.nodes)
    matrix = graph.matrix
    if matrix.nnz == 0:
        return list(range(n))
    indptr = matrix.indptr.tolist()
    indices, data = matrix.indices, matrix.data

    def first_level(u: int) -> Iterable[tuple[int, float]]:
        start, end = indptr[u], indptr[u + 1]
        return zip(indices[start:end].tolist(), data[start:end].tolist(), strict=True)

    rng = random.Random(seed)
    neighbours: _Neighbours = first_level
    degrees = _degrees(n, neighbours)
    m = sum(degrees) / 2
    mod = _modularity(n, neighbours, degrees, list(range(n)))
    membership = list(range(n))  # original node -> node of the current level
    level_n = n
    community, improvement = _one_level(level_n, neighbours, degrees, m, rng)
    while True:
        membership = [community[node] for node in membership]
        new_mod = _modularity(level_n, neighbours, degrees, community)
        if new_mod - mod <= THRESHOLD:
            break
        mod = new_mod
        aggregated = _aggregate(level_n, neighbours, community)
        level_n = len(aggregated)
        neighbours = _neighbours_of(aggregated)
        degrees = _degrees(level_n, neighbours)
        community, improvement = _one_level(level_n, neighbours, degrees, m, rng)
        if not improvement:
            break
    return membership


def communities(graph: Adjacency | nx.Graph, *, seed: int = 42) -> dict[Hashable, int]:
    """``{actor: community}``; community 0 is the largest, ties broken by smallest member id.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> communities(g)
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    graph = as_adjacency(graph)
    if not graph.nodes:
        return {}
    groups: dict[int, list] = defaultdict(list)
    for node, index in zip(graph.nodes, louvain(graph, seed=seed), strict=True):
        groups[index].append(node)
    ordered = sorted((sorted(members) for members in groups.values()), key=lambda c: (-len(c), c[0]))
    return {node: number for number, members in enumerate(ordered) for node in members}
