"""``graph/index.html``: one self-contained, offline viewer for a :class:`~actorgraph.records.Graph`.

The page is built from the project's own template (``actorgraph/viewer/template.html``), its
script and style sheet, and the copy of vis-network shipped inside the pyvis package; all of them
are inlined, so the file opens from ``file://`` with no network. The graph travels as one JSON
payload in a ``<script type="application/json">`` element, escaped so that no string in it can
end that element. A Content-Security-Policy allows only the two inlined scripts (by hash) and no
network at all.

Node positions are computed here (:func:`viewer_positions`, a seeded
:func:`actorgraph.graph.layout.layout`), or beforehand by a build that has a core to spare, and
the page draws them with physics off, so the same graph always gives the same bytes and the same
picture.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import math
import os
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from actorgraph.graph.edgetable import links
from actorgraph.graph.layout import layout
from actorgraph.outputs.atomic import atomic_open, atomic_write_text
from actorgraph.outputs.jsonfile import event_to_dict
from actorgraph.outputs.jsontext import compact
from actorgraph.records import ACTOR_TYPES, Graph
from actorgraph.spill import event_ids

__all__ = [
    "EDGES_PER_DRAWN_ACTOR",
    "MAX_EVIDENCE",
    "Viewer",
    "iter_html",
    "render_html",
    "viewer_positions",
    "write_html",
]

#: Links drawn at first per actor drawn (``max_edges`` = this × ``max_nodes``): the strongest are
#: drawn, so a dense graph (states that every speech names) stays quick to draw and to click.
EDGES_PER_DRAWN_ACTOR = 4
#: Evidence sentences embedded per event; the rest stay in ``graph.json``.
MAX_EVIDENCE = 3

#: Each actor's position in the viewer, by id.
Positions = dict[str, tuple[float, float]]

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Z_]+)\s*\}\}")
_SAFE_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def write_html(
    graph: Graph,
    path: str | os.PathLike,
    *,
    max_nodes: int = 1500,
    seed: int = 42,
    positions: Positions | None = None,
) -> None:
    """Write the offline viewer for ``graph`` to ``path`` (atomically).

    Parameters
    ----------
    graph : Graph
        The graph to show.
    path : str or os.PathLike
        Output file, usually ``graph/index.html``. Parent folders are created.
    max_nodes : int, optional
        Most actors drawn at first, by default 1500; the strongest are shown and a notice says
        how many are left out (search and filters bring them in).
    seed : int, optional
        Seed of the layout, by default 42.
    positions : dict, optional
        The layout, if it was computed beforehand: :func:`viewer_positions` of the graph's
        actors and edges with the same ``max_nodes`` and ``seed``. ``None`` computes it here.

    Returns
    -------
    None

    See Also
    --------
    render_html : The same page as a string.
    """
    with atomic_open(path) as handle:
        handle.writelines(iter_html(graph, max_nodes=max_nodes, seed=seed, positions=positions))


def render_html(graph: Graph, *, max_nodes: int = 1500, seed: int = 42) -> str:
    """Render the offline viewer page for ``graph`` as one HTML string.

    Parameters
    ----------
    graph : Graph
        The graph to show.
    max_nodes : int, optional
        Most actors drawn at first, by default 1500.
    seed : int, optional
        Seed of the layout, by default 42.

    Returns
    -------
    str
        A complete HTML document with every script, style sheet and the data inlined. The same
        graph and options always give the same string.
    """
    return "".join(iter_html(graph, max_nodes=max_nodes, seed=seed))


def iter_html(
    graph: Graph, *, max_nodes: int = 1500, seed: int = 42, positions: Positions | None = None
) -> Iterator[str]:
    """The text of :func:`render_html` piece by piece, so the page is never whole in memory
    (``positions``: see :func:`write_html`)."""
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    payload = _payload(graph, max_nodes=max_nodes, seed=seed, positions=positions)
    vis_js, vis_css = _vis_assets()
    viewer_js = _inline_script(_viewer_asset("viewer.js"))
    vis_js = _inline_script(vis_js)
    title = payload.get("title") or "actorgraph"
    total = len(payload["actors"])
    notice = (
        f"Showing the {max_nodes:,} strongest of {total:,} actors (max_nodes={max_nodes:,}). "
        "Search or narrow the filters to bring in the others."
        if total > max_nodes
        else ""
    )
    parts = {
        "TITLE": html.escape(str(title), quote=True),
        "CSP": html.escape(_csp(vis_js, viewer_js), quote=True),
        "VIS_CSS": _inline_style(vis_css),
        "VIEWER_CSS": _inline_style(_viewer_asset("viewer.css")),
        "VIS_JS": vis_js,
        "VIEWER_JS": viewer_js,
        "NOTICE": html.escape(notice),
        "NOTICE_HIDDEN": "" if notice else " hidden",
    }
    template = _viewer_asset("template.html")
    at = 0
    for match in _PLACEHOLDER.finditer(template):
        yield template[at : match.start()]
        if match.group(1) == "DATA":
            yield from iter_script_json(payload)
        else:
            yield parts[match.group(1)]
        at = match.end()
    yield template[at:]


class Viewer:
    """The viewer page held in memory; Jupyter shows it inline.

    Parameters
    ----------
    graph : Graph
        The graph to show.
    max_nodes : int, optional
        Most actors drawn at first, by default 1500.
    seed : int, optional
        Seed of the layout, by default 42.
    height : int, optional
        Height of the notebook frame in pixels, by default 650.

    Examples
    --------
    >>> viewer = Viewer(graph)  # doctest: +SKIP
    >>> viewer.save("graph/index.html")  # doctest: +SKIP
    """

    def __init__(self, graph: Graph, *, max_nodes: int = 1500, seed: int = 42, height: int = 650) -> None:
        self.html = render_html(graph, max_nodes=max_nodes, seed=seed)
        self.height = int(height)

    def __str__(self) -> str:
        return self.html

    def save(self, path: str | os.PathLike) -> None:
        """Write the page to ``path`` atomically."""
        atomic_write_text(path, self.html)

    def _repr_html_(self) -> str:
        srcdoc = html.escape(self.html, quote=True)
        return (
            f'<iframe srcdoc="{srcdoc}" style="width:100%;height:{self.height}px;border:0" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            'title="actorgraph viewer"></iframe>'
        )


# --------------------------------------------------------------------------- payload


def build_payload(graph: Graph, *, max_nodes: int = 1500, seed: int = 42) -> dict[str, Any]:
    """The JSON-ready data the viewer script reads (see ``viewer.js``).

    Parameters
    ----------
    graph : Graph
        The graph to show.
    max_nodes : int, optional
        Most actors drawn at first, by default 1500.
    seed : int, optional
        Seed of the layout, by default 42.

    Returns
    -------
    dict
        ``actors`` (strongest first, with ``x``/``y``), ``events`` (evidence capped at
        :data:`MAX_EVIDENCE`, ``evidence_total`` tells how many there are), ``edges``,
        ``documents`` (by id) and a few settings.

    See Also
    --------
    iter_html : Writes the same data without holding it: each actor, event, link and
        document is made as it is written.
    """
    return {
        key: dict(value) if isinstance(value, Members) else list(value) if isinstance(value, Rows) else value
        for key, value in _payload(graph, max_nodes=max_nodes, seed=seed).items()
    }


class Rows:
    """A JSON array made member by member each time it is iterated.

    A big graph's viewer data is mostly its events and links (hundreds of thousands on a
    corpus of 20,000 articles); made as objects all at once they took several times the
    memory of the whole build before the page was written.
    """

    def __init__(self, make: Callable[[], Iterator[Any]], length: int | None = None) -> None:
        self._make, self._length = make, length

    def __iter__(self) -> Iterator[Any]:
        return self._make()

    def __len__(self) -> int:
        if self._length is None:
            raise TypeError("the length of these rows is not known before they are made")
        return self._length


class Members(Rows):
    """A JSON object made member by member: ``(name, value)`` pairs, names in sorted order."""


def viewer_positions(
    actors: Sequence, edges: Sequence, *, max_nodes: int = 1500, seed: int = 42
) -> Positions:
    """The viewer's node positions: the ``max_nodes`` strongest actors laid out by force, the
    others placed beside their neighbours (:func:`actorgraph.graph.layout.layout`).

    Reads each actor's ``id``, ``degree`` and ``strength`` only, so a build computes it in
    another process while betweenness and communities are computed, and passes the result to
    :func:`write_html` as ``positions``.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> pos = viewer_positions([NS(id="a"), NS(id="b")], [NS(source="a", target="b", kind="event", weight=1)])
    >>> sorted(pos)
    ['a', 'b']
    """
    edge_links = links(edges)
    order, _ = _strongest_first(actors, edge_links)
    return _laid_out(actors, edge_links, order[:max_nodes], seed=seed)


def _laid_out(actors: Sequence, edge_links: Sequence, drawn: list[int], *, seed: int) -> Positions:
    """Force layout for the actors drawn first (positions into ``actors``); the rest are placed
    beside their neighbours."""
    return layout(actors, edge_links, seed=seed, core={actors[n].id for n in drawn})


def _strongest_first(actors: Sequence, edge_links: Sequence) -> tuple[list[int], list[tuple[int, float]]]:
    """Positions into ``actors`` by strength, then degree, then id; and each actor's
    ``(degree, strength)``, counted from the links where the actor holds none."""
    actor_ids = {a.id for a in actors}
    degree: dict[str, int] = defaultdict(int)
    strength: dict[str, float] = defaultdict(float)
    for edge in edge_links:
        if edge.source in actor_ids and edge.target in actor_ids and edge.source != edge.target:
            for end in (edge.source, edge.target):
                degree[end] += 1
                strength[end] += _num(edge.weight)
    measures = [
        (
            int(getattr(actor, "degree", 0) or 0) or degree[actor.id],
            _round(_num(getattr(actor, "strength", 0) or 0) or strength[actor.id]),
        )
        for actor in actors
    ]
    order = sorted(range(len(actors)), key=lambda n: (-measures[n][1], -measures[n][0], actors[n].id))
    return order, measures


def _payload(
    graph: Graph, *, max_nodes: int, seed: int, positions: Positions | None = None
) -> dict[str, Any]:
    """:func:`build_payload` with its actors, events, links and documents as :class:`Rows` and
    :class:`Members`, made when they are written."""
    actors = graph.actors if isinstance(graph.actors, Sequence) else tuple(graph.actors)
    actor_ids = {a.id for a in actors}
    edge_links = links(graph.edges)  # what the degree count and the layout read
    order, measures = _strongest_first(actors, edge_links)
    if positions is None:
        positions = _laid_out(actors, edge_links, order[:max_nodes], seed=seed)

    def actor_rows() -> Iterator[dict[str, Any]]:
        for n in order:
            actor = actors[n]
            deg, stren = measures[n]
            x, y = positions.get(actor.id, (0.0, 0.0))
            yield {
                "id": actor.id,
                "label": actor.label,
                "type": actor.type,
                "aliases": list(getattr(actor, "aliases", ()) or ()),
                "kb_id": getattr(actor, "kb_id", None),
                "mentions": int(getattr(actor, "mentions", 0) or 0),
                "documents": list(getattr(actor, "documents", ()) or ()),
                "roles": [list(r) for r in (getattr(actor, "roles", ()) or ())],
                "affiliations": list(getattr(actor, "affiliations", ()) or ()),
                "degree": deg,
                "strength": stren,
                "community": getattr(actor, "community", None),
                "x": x,
                "y": y,
            }

    def event_rows() -> Iterator[dict[str, Any]]:
        for event in graph.events:
            # The evidence is cut short below, so the whole of it is not converted first.
            item = {k: _jsonable(v) for k, v in event_to_dict(event).items() if k != "evidence"}
            item["evidence"] = [
                {"document": ev.document, "sentence": ev.sentence, "text": ev.text}
                for ev in event.evidence[:MAX_EVIDENCE]
            ]
            item["evidence_total"] = len(event.evidence)
            yield item

    # Links are the bulk of a big payload (hundreds of thousands when every speech names dozens of
    # states), so each is a row of positions into ``actors`` and ``events`` rather than an object
    # of ids: [source, target, kind, weight, [event, ...]].
    def edge_rows() -> Iterator[list[Any]]:
        actor_at = {actors[n].id: at for at, n in enumerate(order)}
        event_at = _positions([str(i) for i in event_ids(graph.events)])
        for e in graph.edges:
            if e.source in actor_ids and e.target in actor_ids:
                events = [at for i in (getattr(e, "events", ()) or ()) if (at := event_at(i)) is not None]
                yield [actor_at[e.source], actor_at[e.target], e.kind, _round(_num(e.weight)), events]

    def document_members() -> Iterator[tuple[str, dict[str, Any]]]:
        documents = graph.documents
        last = {doc.id: n for n, doc in enumerate(documents)}  # a repeated id keeps its last document
        for doc_id in sorted(last):
            doc = documents[last[doc_id]]
            url = getattr(doc, "url", None)
            yield (
                doc_id,
                {
                    "title": getattr(doc, "title", None),
                    "date": getattr(doc, "date", None),
                    "url": url if isinstance(url, str) and _SAFE_URL.match(url.strip()) else None,
                    "source": getattr(doc, "source", None),
                },
            )

    meta = graph.meta if isinstance(graph.meta, dict) else {}
    title = meta.get("title")
    return {
        "format": 2,
        "title": title if isinstance(title, str) else None,
        "actor_types": list(ACTOR_TYPES),
        "max_nodes": int(max_nodes),
        "max_edges": EDGES_PER_DRAWN_ACTOR * int(max_nodes),
        "max_evidence": MAX_EVIDENCE,
        "actors": Rows(actor_rows, len(order)),
        "events": Rows(event_rows),
        "edges": Rows(edge_rows),
        "documents": Members(document_members),
    }


def _positions(ids: list[str]) -> Callable[[str], int | None]:
    """Where each of ``ids`` is (a repeated id: its last place); ``None`` for any other.

    The events of a build come in id order, each once, so their places are found by bisection
    in the list rather than in a table of every id.
    """
    if all(a < b for a, b in pairwise(ids)):

        def position(i: str) -> int | None:
            at = bisect_left(ids, i)
            return at if at < len(ids) and ids[at] == i else None

        return position
    return {i: n for n, i in enumerate(ids)}.get


def _escape_for_script(text: str) -> str:
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def iter_script_json(payload: dict[str, Any], *, chunk: int = 1 << 16) -> Iterator[str]:
    """JSON for a ``<script type="application/json">`` element, in pieces of about ``chunk`` characters.

    Keys are sorted and separators compact, so equal data gives equal text. ``<``, ``>`` and
    ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (they can only occur inside JSON
    strings, so ``JSON.parse`` restores them) and U+2028/U+2029 are escaped too: no value can
    close the element or start a comment in it.

    The top-level lists and dicts are written one member at a time, so only one piece of the
    text exists at once; the escapes are of single characters, so escaping piece by piece gives
    the same text as escaping the whole.
    """
    pieces: list[str] = []
    size = 0

    def piece(text: str) -> Iterator[str]:
        nonlocal size
        pieces.append(text)
        size += len(text)
        if size >= chunk:
            yield _escape_for_script("".join(pieces))
            pieces.clear()
            size = 0

    yield from piece("{")
    for n, key in enumerate(sorted(payload)):
        value = payload[key]
        yield from piece(("," if n else "") + compact(key) + ":")
        if isinstance(value, Members):
            yield from piece("{")
            for i, (name, member) in enumerate(value):
                yield from piece(("," if i else "") + compact(name) + ":" + compact(member))
            yield from piece("}")
        elif isinstance(value, list | Rows):
            yield from piece("[")
            for i, item in enumerate(value):
                yield from piece(("," if i else "") + compact(item))
            yield from piece("]")
        elif isinstance(value, dict):
            yield from piece("{")
            for i, name in enumerate(sorted(value)):
                yield from piece(("," if i else "") + compact(name) + ":" + compact(value[name]))
            yield from piece("}")
        else:
            yield from piece(compact(value))
    pieces.append("}")
    yield _escape_for_script("".join(pieces))


# --------------------------------------------------------------------------- assets


def _viewer_asset(name: str) -> str:
    return (resources.files("actorgraph") / "viewer" / name).read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    """vis-network's standalone script and style sheet, as shipped inside pyvis.

    The package is found, not imported: importing pyvis sets up its Jupyter and template
    machinery (traitlets, jinja2), which a page made of two static files does not need.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the pyvis package, which ships vis-network, is not installed")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
    candidates = sorted(
        (p for p in lib.glob("vis-*/vis-network.min.js")), key=lambda p: _version_key(p.parent.name)
    )
    if not candidates:
        raise FileNotFoundError(f"vis-network.min.js not found under {lib}")
    folder = candidates[-1].parent
    return (
        (folder / "vis-network.min.js").read_text(encoding="utf-8"),
        (folder / "vis-network.css").read_text(encoding="utf-8"),
    )


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


def _inline_script(code: str) -> str:
    # No source-map comment (dev tools would try to load the map from beside the file), and
    # "</script" can never appear inside an inline script; "<\/" means the same in JS strings.
    code = re.sub(r"^\s*//[#@] sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _inline_style(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _csp(*scripts: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'; object-src 'none'"
    )


# --------------------------------------------------------------------------- helpers


def _num(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _round(value: float) -> float | int:
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def _jsonable(value: Any) -> Any:
    kind = type(value)
    if kind is str or value is None or kind is int or kind is bool:  # the common cases, quickly
        return value
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)
