"""The actor graph as one sparse matrix: what the metrics and communities are computed on.

A dict-of-dicts graph costs about a kilobyte per edge, and the graph stage of a large corpus
has hundreds of thousands of edges; a CSR matrix costs twelve bytes per edge and direction.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from scipy import sparse

if TYPE_CHECKING:  # a build never makes a networkx graph, so it never imports networkx
    import networkx as nx

__all__ = ["Adjacency", "adjacency", "as_adjacency"]


class Adjacency(NamedTuple):
    """An undirected weighted graph over a fixed order of nodes.

    ``matrix`` is symmetric, in canonical CSR form (each row's columns ascending), and holds
    the summed weight of the edges between two nodes; a self-loop sits on the diagonal once.
    """

    nodes: tuple[Hashable, ...]
    matrix: sparse.csr_array

    @property
    def number_of_edges(self) -> int:
        upper = sparse.triu(self.matrix, format="coo")
        return int(upper.nnz)


def adjacency(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable, float]]) -> Adjacency:
    """The :class:`Adjacency` of ``nodes`` with weighted ``edges`` ``(u, v, weight)``; repeated
    pairs add up.

    Examples
    --------
    >>> a = adjacency(["a", "b", "c"], [("a", "b", 2), ("c", "b", 1)])
    >>> a.matrix.toarray().tolist()
    [[0, 2, 0], [2, 0, 1], [0, 1, 0]]
    """
    nodes = tuple(nodes)
    position = {node: i for i, node in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    weights: list[float] = []
    for u, v, weight in edges:
        rows.append(position[u])
        cols.append(position[v])
        weights.append(weight)
    data = np.array(weights) if weights else np.zeros(0, dtype=np.int64)
    return adjacency_of_positions(nodes, np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), data)


def adjacency_of_positions(
    nodes: Sequence[Hashable], rows: np.ndarray, cols: np.ndarray, weights: np.ndarray
) -> Adjacency:
    """:func:`adjacency` of edges given as arrays of node positions and weights.

    Examples
    --------
    >>> import numpy as np
    >>> a = adjacency_of_positions(["a", "b"], np.array([0]), np.array([1]), np.array([3]))
    >>> a.matrix.toarray().tolist()
    [[0, 3], [3, 0]]
    """
    n = len(nodes)
    # Positions as 32-bit integers where they fit, as scipy's own index arrays would be.
    index = np.int32 if n < 2**31 else np.int64
    row = np.asarray(rows, dtype=index)
    col = np.asarray(cols, dtype=index)
    data = np.asarray(weights)
    off_diagonal = row != col
    # Both directions of every edge, a self-loop once.
    row, col = np.concatenate([row, col[off_diagonal]]), np.concatenate([col, row[off_diagonal]])
    data = np.concatenate([data, data[off_diagonal]])
    matrix = sparse.csr_array((data, (row, col)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.sort_indices()
    return Adjacency(tuple(nodes), matrix)


def as_adjacency(graph: Adjacency | nx.Graph, *, weight: str = "weight") -> Adjacency:
    """``graph`` itself, or a networkx graph (any kind, unweighted edges count 1) converted."""
    if isinstance(graph, Adjacency):
        return graph
    return adjacency(list(graph.nodes), ((u, v, d.get(weight, 1)) for u, v, d in graph.edges(data=True)))
