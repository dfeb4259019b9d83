"""The offline viewer page: deterministic, self-contained, escaped."""

from __future__ import annotations

import html as html_lib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.graph.layout import layout
from actorgraph.outputs.html import MAX_EVIDENCE, Viewer, render_html, viewer_positions, write_html
from actorgraph.records import Actor, Document, Edge, Event, Evidence, Graph

XSS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
)


def sample_graph(n_evidence: int = 5) -> Graph:
    docs = (
        Document(
            id="d1",
            path="d1.txt",
            text_raw="",
            title="Treffen in Astana",
            date="2024-03-05",
            url="https://example.com/a1",
        ),
        Document(
            id="d2", path="d2.txt", text_raw="", title="Gespräch", date="2023-11", url="javascript:alert(1)"
        ),
    )
    actors = (
        Actor(
            id="a_tok",
            label="Kassym-Jomart Tokayev",
            type="PERSON",
            aliases=("Tokajew",),
            roles=(("president", "d1"),),
            affiliations=("o_gov",),
        ),
        Actor(id="a_put", label="Wladimir Putin", type="PERSON"),
        Actor(id="o_gov", label="Regierung Kasachstans", type="ORG"),
        Actor(id="g_rus", label="Russland", type="GPE"),
    )
    evidence = tuple(
        Evidence(document="d1", sentence=i, start=0, end=10, text=f"Satz {i}") for i in range(n_evidence)
    )
    events = (
        Event(
            id="ev1",
            type="CONSULT",
            date="2024-03-05",
            date_precision="day",
            location=None,
            participants=("a_tok", "a_put"),
            evidence=evidence,
        ),
        Event(
            id="ev2",
            type="COOCCUR",
            date=None,
            date_precision=None,
            location=None,
            participants=("a_tok", "g_rus"),
            evidence=evidence[:1],
        ),
    )
    edges = (
        Edge("a_tok", "a_put", "event", 1.0, ("ev1",)),
        Edge("a_tok", "g_rus", "event", 1.0, ("ev2",)),
        Edge("a_tok", "o_gov", "affiliation", 1.0),
    )
    return Graph(meta={"title": "Test"}, documents=docs, actors=actors, events=events, edges=edges)


def xss_graph() -> Graph:
    docs = tuple(
        Document(id=f"d{i}", path=f"d{i}.txt", text_raw="", title=s, date="2024-01-01")
        for i, s in enumerate(XSS)
    )
    actors = tuple(Actor(id=f"x{i}", label=s, type="PERSON", aliases=(s,)) for i, s in enumerate(XSS))
    events = tuple(
        Event(
            id=f"e{i}",
            type="COOCCUR",
            date="2024-01-01",
            date_precision="day",
            location=None,
            participants=(f"x{i}", f"x{(i + 1) % len(XSS)}"),
            evidence=(Evidence(document=f"d{i}", sentence=0, start=0, end=len(s), text=s),),
        )
        for i, s in enumerate(XSS)
    )
    edges = tuple(Edge(f"x{i}", f"x{(i + 1) % len(XSS)}", "event", 1.0, (f"e{i}",)) for i in range(len(XSS)))
    return Graph(meta={"title": XSS[3]}, documents=docs, actors=actors, events=events, edges=edges)


def star_graph(n: int) -> Graph:
    actors = tuple(Actor(id=f"a{i:03d}", label=f"Actor {i}", type="ORG") for i in range(n))
    edges = tuple(Edge("a000", f"a{i:03d}", "event", float(i), ()) for i in range(1, n))
    return Graph(meta={}, documents=(), actors=actors, events=(), edges=edges)


def payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S)
    assert m, "no data element"
    return json.loads(m.group(1))


def script_bodies(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S | re.I)


def test_same_graph_same_bytes(tmp_path):
    a, b = tmp_path / "a" / "index.html", tmp_path / "b.html"
    write_html(sample_graph(), a)
    write_html(sample_graph(), b)
    assert a.read_bytes() == b.read_bytes()
    assert render_html(sample_graph()) == a.read_text(encoding="utf-8")
    assert render_html(sample_graph(), seed=1) != render_html(sample_graph(), seed=2)


def test_nothing_points_to_the_network():
    page = render_html(sample_graph())
    attr = re.compile(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
    css = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I)
    assert not attr.findall(page)
    assert not css.findall(page)
    assert not re.search(r"@import", page)
    assert "vis-network" in page  # the library is inlined
    assert len(script_bodies(page)) == 3  # data, vis-network, viewer: no external scripts
    assert not re.search(r"<script[^>]+\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)


def test_the_page_inlines_vis_network_without_importing_pyvis():
    """pyvis is only where vis-network's files live; its import brings Jupyter's machinery along."""
    check = (
        "import sys\n"
        "from tests.test_html import sample_graph\n"
        "from actorgraph.outputs.html import render_html\n"
        "assert 'vis-network' in render_html(sample_graph())\n"
        "print(sorted(m for m in ('pyvis', 'jinja2', 'traitlets') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True, cwd=root)
    assert done.stdout.strip() == "[]"


def test_embedded_json_round_trips():
    graph = sample_graph()
    data = payload(render_html(graph))
    assert {a["id"] for a in data["actors"]} == {a.id for a in graph.actors}
    tok = next(a for a in data["actors"] if a["id"] == "a_tok")
    assert tok["aliases"] == ["Tokajew"]
    assert tok["roles"] == [["president", "d1"]]
    assert tok["affiliations"] == ["o_gov"]
    assert tok["degree"] == 3
    assert isinstance(tok["x"], float) and isinstance(tok["y"], float)
    assert data["actors"][0]["id"] == "a_tok"  # strongest first
    assert [e[2] for e in data["edges"]] == ["event", "event", "affiliation"]
    # links are rows of positions into the actors and events lists
    for source, target, _, _, events in data["edges"]:
        assert data["actors"][source]["id"] in {a.id for a in graph.actors}
        assert data["actors"][target]["id"] in {a.id for a in graph.actors}
        assert all(0 <= n < len(data["events"]) for n in events)
    assert data["documents"]["d1"]["url"] == "https://example.com/a1"
    assert data["documents"]["d2"]["url"] is None  # javascript: urls are dropped
    assert data["documents"]["d2"]["title"] == "Gespräch"
    events = {e["id"]: e for e in data["events"]}
    assert events["ev2"]["date"] is None
    assert events["ev1"]["cameo"] is None  # every event carries the graph.json fields


def test_event_fields_pass_through():
    rich = Event(
        "ev9",
        "CONSULT",
        "2024",
        "year",
        None,
        ("a_tok", "a_put"),
        cameo="042",
        confidence=0.75,
        date_inferred=True,
    )
    graph = sample_graph()
    graph = Graph(meta={}, documents=graph.documents, actors=graph.actors, events=(rich,), edges=graph.edges)
    event = payload(render_html(graph))["events"][0]
    assert event["cameo"] == "042" and event["confidence"] == 0.75 and event["date_inferred"] is True
    assert event["source"] == [] and event["evidence_total"] == 0


def test_evidence_capped_per_event():
    data = payload(render_html(sample_graph(n_evidence=7)))
    ev1 = next(e for e in data["events"] if e["id"] == "ev1")
    assert len(ev1["evidence"]) == MAX_EVIDENCE == 3
    assert ev1["evidence_total"] == 7
    assert [e["text"] for e in ev1["evidence"]] == ["Satz 0", "Satz 1", "Satz 2"]


def test_xss_strings_are_escaped_inside_scripts():
    page = render_html(xss_graph())
    for s in XSS:
        assert s not in page
    assert "</script><script>alert(1)</script>" not in page
    assert "<svg onload" not in page and "<img src=x" not in page
    data_text = script_bodies(page)[0]
    assert "<" not in data_text and ">" not in data_text and "&" not in data_text
    data = payload(page)
    assert sorted(a["label"] for a in data["actors"]) == sorted(XSS)
    assert {d["title"] for d in data["documents"].values()} == set(XSS)
    # The only script elements are ours, and the page title is HTML-escaped.
    skeleton = re.sub(r"(<script\b[^>]*>).*?</script>", r"\1</script>", page, flags=re.S | re.I)
    assert len(re.findall(r"<script\b", skeleton, re.I)) == 3
    assert "sourceMappingURL" not in page
    assert "<title>" + html_lib.escape(XSS[3]) + "</title>" in page


def test_line_separators_are_escaped():
    graph = sample_graph()
    odd = Actor(id="odd", label="a\u2028b\u2029c", type="MISC")
    graph = Graph(
        meta={},
        documents=graph.documents,
        actors=(*graph.actors, odd),
        events=graph.events,
        edges=graph.edges,
    )
    page = render_html(graph)
    assert "\u2028" not in page and "\u2029" not in page
    assert any(a["label"] == "a\u2028b\u2029c" for a in payload(page)["actors"])


def test_max_nodes_notice():
    page = render_html(star_graph(30), max_nodes=10)
    assert re.search(r'<div id="ag-notice" role="status">Showing the 10 strongest of 30 actors', page)
    assert payload(page)["max_nodes"] == 10
    ids = [a["id"] for a in payload(page)["actors"]]
    assert ids[0] == "a000" and ids[1] == "a029"  # by strength
    quiet = render_html(star_graph(30), max_nodes=30)
    assert '<div id="ag-notice" role="status" hidden></div>' in quiet
    with pytest.raises(ValueError):
        render_html(star_graph(3), max_nodes=0)


def test_viewer_repr_is_an_escaped_iframe():
    viewer = Viewer(xss_graph())
    frame = viewer._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and frame.endswith("</iframe>")
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1)
    assert html_lib.unescape(srcdoc) == viewer.html
    assert "<" not in srcdoc and '"' not in srcdoc


def test_a_layout_computed_beforehand_gives_the_same_page(tmp_path):
    """What a build's graph stage passes as ``positions`` is the layout the page would compute."""
    graph = star_graph(60)
    for max_nodes in (10, 1500):
        positions = viewer_positions(graph.actors, graph.edges, max_nodes=max_nodes)
        write_html(graph, tmp_path / "given.html", max_nodes=max_nodes, positions=positions)
        write_html(graph, tmp_path / "computed.html", max_nodes=max_nodes)
        assert (tmp_path / "given.html").read_bytes() == (tmp_path / "computed.html").read_bytes()
    moved = {actor_id: (x + 1.0, y) for actor_id, (x, y) in positions.items()}
    write_html(graph, tmp_path / "moved.html", positions=moved)
    assert (tmp_path / "moved.html").read_bytes() != (tmp_path / "computed.html").read_bytes()


def test_layout_is_seeded_and_rounded():
    graph = star_graph(40)
    pos = layout(graph.actors, graph.edges, seed=3)
    assert pos == layout(reversed(graph.actors), graph.edges, seed=3)
    assert set(pos) == {a.id for a in graph.actors}
    assert all(round(v, 1) == v for xy in pos.values() for v in xy)
    assert layout([], []) == {}
    assert layout(graph.actors[:1], []) == {"a000": (0.0, 0.0)}


def test_layout_large_graph_uses_grid_and_spreads_nodes():
    n = 400
    actors = tuple(Actor(id=f"n{i}", label=str(i), type="ORG") for i in range(n))
    edges = tuple(Edge(f"n{i}", f"n{(i * 7 + 1) % n}", "event", 1.0) for i in range(n))
    pos = layout(actors, edges, seed=42)
    assert pos == layout(actors, edges, seed=42)
    assert len(set(pos.values())) > 0.95 * n
    xs = [x for x, _ in pos.values()]
    assert max(xs) - min(xs) > 500


def test_show_renders_inline_in_jupyter(tmp_path):
    """``actorgraph.show`` takes a Graph, a graph.json or a build folder."""
    import actorgraph
    from actorgraph.outputs.jsonfile import write_json

    graph = _small_graph_for_show()
    write_json(graph, tmp_path / "graph.json")
    for source in (graph, tmp_path / "graph.json", tmp_path):
        html = actorgraph.show(source)._repr_html_()
        assert html.startswith("<iframe") and "srcdoc=" in html


def _small_graph_for_show():
    from actorgraph.records import Actor, Document, Edge, Event, Evidence, Graph

    doc = Document("d1", "d1.txt", "", title="T", date="2024-07", date_precision="month")
    actors = (Actor("x:a", "A", "PERSON", mentions=1), Actor("x:b", "B", "ORG", mentions=1))
    event = Event(
        "ev:1",
        "CONSULT",
        "2024-07",
        "month",
        None,
        ("x:a", "x:b"),
        evidence=(Evidence("d1", 0, 0, 5, "A met B."),),
    )
    edge = Edge("x:a", "x:b", "event", 1, ("ev:1",))
    meta = {"actorgraph_version": "0", "built_from": "t", "models": {}, "documents": 1}
    return Graph(meta, (doc,), actors, (event,), (edge,))


def test_page_data_is_the_payload_held_whole():
    """The page writes its data member by member; it must say what :func:`build_payload` holds.

    The events come out of id order and one id twice, documents repeat an id, and one link names
    an event that is not in the graph: the places in the page are those of the held payload.
    """
    from dataclasses import replace

    from actorgraph.outputs.html import build_payload

    graph = sample_graph()
    ev1, ev2 = graph.events
    events = (ev2, ev1, replace(ev2, participants=("a_put", "g_rus")))
    edges = (*graph.edges, Edge("a_put", "g_rus", "event", 2.0, ("ev2", "missing")))
    documents = (*graph.documents, replace(graph.documents[0], title="Zweite Fassung"))
    for g in (graph, replace(graph, events=events, edges=edges, documents=documents)):
        held = build_payload(g, max_nodes=2)
        assert payload(render_html(g, max_nodes=2)) == json.loads(json.dumps(held))
    assert held["edges"][-1][-1] == [2]  # "ev2" is last at place 2; "missing" is left out
    assert held["documents"]["d1"]["title"] == "Zweite Fassung"


@pytest.mark.parametrize(
    ("ids", "asked", "expected"),
    [
        (["a", "b", "d"], ["a", "b", "c", "d", "e", ""], [0, 1, None, 2, None, None]),
        (["b", "a", "b"], ["a", "b", "c"], [1, 2, None]),
        ([], ["a"], [None]),
    ],
)
def test_event_places_by_bisection_or_table(ids, asked, expected):
    from actorgraph.outputs.html import _positions

    position = _positions(ids)
    assert [position(i) for i in asked] == expected
