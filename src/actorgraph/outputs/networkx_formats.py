"""GraphML and GEXF, through networkx. List-valued attributes become JSON strings.

networkx's GraphML writer refuses list attributes, and Gephi needs the XML declaration, so
both are handled here. GEXF's ``lastmodifieddate`` (today's date) is removed so that the
same corpus gives the same bytes.
"""

from __future__ import annotations

import json
import os
import re

import networkx as nx

from ..records import Graph
from .atomic import atomic_write_text

__all__ = ["to_multigraph", "write_gexf", "write_graphml"]

_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"


def _json(value) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def to_multigraph(graph: Graph) -> nx.MultiGraph:
    """Actors with scalar attributes, and one edge per (pair, kind)."""
    g = nx.MultiGraph()
    for a in sorted(graph.actors, key=lambda a: a.id):
        attrs = {
            "label": a.label,
            "type": a.type,
            "kb_id": a.kb_id or "",
            "aliases": _json(a.aliases),
            "mentions": a.mentions,
            "documents": _json(a.documents),
            "degree": a.degree,
            "strength": float(a.strength),
            "betweenness": float(a.betweenness),
            "community": -1 if a.community is None else a.community,
        }
        g.add_node(a.id, **attrs)
    for e in sorted(graph.edges, key=lambda e: (e.source, e.target, e.kind)):
        g.add_edge(
            e.source, e.target, key=e.kind, kind=e.kind, weight=float(e.weight), events=_json(e.events)
        )
    return g


def write_graphml(graph: Graph, path: str | os.PathLike) -> None:
    lines = list(nx.generate_graphml(to_multigraph(graph), encoding="utf-8", prettyprint=True))
    text = "\n".join(lines)
    if not text.startswith("<?xml"):
        text = _XML_DECLARATION + "\n" + text
    atomic_write_text(path, text + "\n")


def write_gexf(graph: Graph, path: str | os.PathLike) -> None:
    text = "\n".join(nx.generate_gexf(to_multigraph(graph), encoding="utf-8", prettyprint=True))
    text = re.sub(r'\s+lastmodifieddate="[^"]*"', "", text, count=1)
    if not text.startswith("<?xml"):
        text = _XML_DECLARATION + "\n" + text
    atomic_write_text(path, text + "\n")
