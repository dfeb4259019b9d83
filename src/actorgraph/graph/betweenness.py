"""Betweenness centrality by breadth-first search over many sources at once, in sparse matrices.

Brandes' algorithm, level by level: a batch of sources is a block of columns, each BFS level
one sparse-matrix product, so the work runs in compiled code instead of a Python loop per edge.
The results equal :func:`networkx.betweenness_centrality` (unweighted, ``endpoints=False``,
``normalized=True``) for the same sources, including its rescaling of a sample, and cost a
fraction of its time on graphs of thousands of actors.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from .adjacency import Adjacency, as_adjacency

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["betweenness"]

#: Sources per block of columns. Memory is about 8 dense (actors × block) arrays; blocks of 16
#: took no longer than blocks of 64 (``benchmarks/bigraph.py --betweenness-blocks``).
BLOCK = 16


def _dependencies(adjacency: sparse.csr_array, sources: np.ndarray) -> np.ndarray:
    """Sum over ``sources`` of each node's dependency δ_s(v) (Brandes 2001), sources excluded.

    Arrays are updated in place where the values allow it, so a block holds about five
    (nodes × block) arrays at once instead of a dozen.
    """
    n = adjacency.shape[0]
    columns = np.arange(len(sources))
    dist = np.full((n, len(sources)), -1, dtype=np.int32)
    sigma = np.zeros((n, len(sources)))
    dist[sources, columns] = 0
    sigma[sources, columns] = 1.0
    frontier = sigma.copy()
    depth = 0
    while True:
        reached = adjacency @ frontier
        new = dist < 0
        new &= reached > 0
        if not new.any():
            break
        depth += 1
        dist[new] = depth
        sigma[new] = reached[new]
        reached[~new] = 0.0  # what remains is sigma on the new level: the next frontier
        frontier = reached
    del frontier, reached, new
    delta = np.zeros_like(sigma)
    coefficient = np.empty_like(sigma)
    with np.errstate(divide="ignore", invalid="ignore"):  # off-level cells, zeroed right after
        for level in range(depth, 0, -1):
            off_level = dist != level
            np.add(1.0, delta, out=coefficient)
            np.divide(coefficient, sigma, out=coefficient)
            coefficient[off_level] = 0.0
            upstream = adjacency @ coefficient
            np.multiply(sigma, upstream, out=upstream)
            upstream[dist != level - 1] = 0.0
            delta += upstream
    delta[sources, columns] = 0.0
    return delta.sum(axis=1)


def _steps(matrix: sparse.csr_array) -> sparse.csr_array:
    """Every edge of ``matrix`` (canonical CSR) as one step, whatever its weight; self-loops,
    which lead nowhere, left out. Made from the CSR arrays directly, so nothing the size of the
    edges is held beside it while betweenness runs."""
    n = matrix.shape[0]
    rows = np.repeat(np.arange(n, dtype=matrix.indices.dtype), np.diff(matrix.indptr))
    loops = rows == matrix.indices
    loops_per_row = np.bincount(rows[loops], minlength=n)
    del rows
    indices = matrix.indices[~loops]
    indptr = np.r_[0, np.cumsum(np.diff(matrix.indptr) - loops_per_row)].astype(matrix.indptr.dtype)
    return sparse.csr_array((np.ones(len(indices)), indices, indptr), shape=(n, n))


def betweenness(
    graph: Adjacency | nx.Graph, *, k: int | None = None, seed: int = 42
) -> dict[Hashable, float]:
    """Normalised betweenness of every node, exact or estimated from ``k`` sampled sources.

    Parameters
    ----------
    graph : Adjacency or networkx.Graph
        Undirected; edge weights are ignored (every edge is one step).
    k : int, optional
        Sources to sample (``random.Random(seed).sample`` of the nodes, as networkx does);
        ``None`` or at least the number of nodes: every node is a source.
    seed : int

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> betweenness(g)["b"]
    1.0
    """
    graph = as_adjacency(graph)
    nodes: Sequence[Hashable] = graph.nodes
    n = len(nodes)
    adjacency = _steps(graph.matrix)
    if n < 3 or not adjacency.nnz:
        return dict.fromkeys(nodes, 0.0)
    if k is not None and k >= n:
        k = None
    position = {node: i for i, node in enumerate(nodes)}
    chosen = nodes if k is None else random.Random(seed).sample(nodes, k)
    sources = np.array([position[s] for s in chosen])
    total = np.zeros(n)
    for start in range(0, len(sources), BLOCK):
        total += _dependencies(adjacency, sources[start : start + BLOCK])
    # networkx's rescaling with endpoints=False: pairs (s, t) with s ≠ t ≠ v
    if k is None:
        scale = np.full(n, 1.0 / ((n - 1) * (n - 2)))
    else:
        scale = np.full(n, 1.0 / (k * (n - 2)))
        if k > 1:
            scale[sources] = 1.0 / ((k - 1) * (n - 2))
        else:
            scale[sources] = np.nan
    values = total * scale
    return {node: float(values[i]) for i, node in enumerate(nodes)}
