"""Every export of the seed build: schema-valid JSON, Gephi-ready GraphML/GEXF, CSV, Neo4j."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace

import jsonschema
import networkx as nx
import pytest

from actorgraph.outputs.atomic import atomic_open
from actorgraph.resources import data_path

pytestmark = pytest.mark.slow


def test_graph_json_follows_the_schema(corpus_build):
    _, out = corpus_build
    schema = json.loads(data_path("graph.schema.json").read_text(encoding="utf-8"))
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    for key in ("documents", "actors", "events"):
        ids = [item["id"] for item in data[key]]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for edge in data["edges"]:
        assert edge["source"] < edge["target"]
        assert edge["weight"] == (len(edge["events"]) if edge["kind"] == "event" else 1)
    assert {e["kind"] for e in data["edges"]} == {"event", "affiliation"}
    actor_ids = {a["id"] for a in data["actors"]}
    for event in data["events"]:
        assert set(event["participants"]) <= actor_ids
        assert event["location"] is None or event["location"] in actor_ids


def test_schema_rejects_a_broken_file(corpus_build):
    _, out = corpus_build
    schema = json.loads(data_path("graph.schema.json").read_text(encoding="utf-8"))
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    data["actors"][0]["type"] = "FRUIT"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_graphml_has_declaration_and_rereads(corpus_build):
    result, out = corpus_build
    text = (out / "graph.graphml").read_text(encoding="utf-8")
    assert text.startswith("<?xml version=")
    g = nx.read_graphml(out / "graph.graphml")
    assert g.number_of_nodes() == len(result.graph.actors)
    node = next(iter(g.nodes(data=True)))[1]
    assert isinstance(json.loads(node["aliases"]), list)


def test_gexf_loads_and_has_no_build_date(corpus_build):
    _, out = corpus_build
    text = (out / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert nx.read_gexf(out / "graph.gexf").number_of_nodes() > 0


def test_csv_tables(corpus_build):
    result, out = corpus_build
    with (out / "actors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(result.graph.actors)
    assert all(isinstance(json.loads(r["aliases"]), list) for r in rows)
    with (out / "mentions.csv").open(encoding="utf-8") as handle:
        mentions = list(csv.DictReader(handle))
    assert mentions and all(m["actor"] for m in mentions)
    assert {"source", "target", "kind", "weight", "events"} <= set(
        next(csv.DictReader((out / "edges.csv").open()))
    )


def test_neo4j_import_headers(corpus_build):
    _, out = corpus_build
    folder = out / "neo4j"
    headers = {p.name: next(csv.reader(p.open(encoding="utf-8"))) for p in folder.glob("*.csv")}
    assert headers["actors.csv"][0] == "id:ID(Actor)"
    assert headers["events.csv"][0] == "id:ID(Event)"
    for name in ("participants.csv", "edges.csv", "evidence.csv", "locations.csv"):
        assert re.match(r":START_ID", headers[name][0]) and re.match(r":END_ID", headers[name][1])
        assert headers[name][-1] == ":TYPE"


def test_neo4j_array_columns_keep_their_delimiter_for_themselves():
    from actorgraph.outputs.neo4j import _a

    assert _a(()) == "" and _a(["a"]) == "a" and _a(("ev:1", "ev:2")) == "ev:1;ev:2"
    assert _a(["a;b", "c", 3]) == "a,b;c;3"
    assert _a([";"]) == ","


def test_tables_written_together_are_all_or_nothing(tmp_path):
    from actorgraph.outputs.tables import csv_writers

    with csv_writers((tmp_path / "a.csv", ["x"]), (tmp_path / "b.csv", ["y", "z"])) as (a, b):
        a.writerow([1])
        b.writerows([[2, "t;u"], [3, 'say "hi"']])
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "x\n1\n"
    assert (tmp_path / "b.csv").read_text(encoding="utf-8") == 'y,z\n2,t;u\n3,"say ""hi"""\n'
    with (
        pytest.raises(RuntimeError),
        csv_writers((tmp_path / "c.csv", ["x"]), (tmp_path / "a.csv", ["w"])) as (c, a),
    ):
        c.writerow([1])
        raise RuntimeError("disk full")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "x\n1\n"


def test_index_html_is_offline(corpus_build):
    _, out = corpus_build
    html = (out / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"""@import\s+["']?(https?:)?//""", html, re.IGNORECASE)


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def _as_tuples(g: nx.MultiGraph) -> tuple:
    nodes = sorted((n, tuple(sorted(d.items()))) for n, d in g.nodes(data=True))
    edges = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_reread_as_the_multigraph(corpus_build, tmp_path, fmt):
    """networkx reads the streamed files back as exactly :func:`to_multigraph`, even with
    characters XML must escape."""
    from dataclasses import replace

    from actorgraph.outputs.networkx_formats import to_multigraph, write_gexf, write_graphml

    result, _ = corpus_build
    graph = result.graph
    tricky = replace(graph.actors[0], label='A & B <"x">\tline\nnext', aliases=("Ä'&", "<b>"))
    graph = replace(graph, actors=(tricky, *graph.actors[1:]))
    path = tmp_path / f"g.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(graph, path)
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    expected = to_multigraph(graph)
    if fmt == "gexf":  # GEXF numbers its edges; networkx reads the number back as an attribute
        for _, _, data in read.edges(data=True):
            del data["id"]
    assert _as_tuples(read) == _as_tuples(expected)
    # List-valued attributes are the text json.dumps gives, whichever way they were written.
    events = {
        (e.source, e.target, e.kind): json.dumps(list(e.events), ensure_ascii=False) for e in graph.edges
    }
    assert events and all(
        data["events"] == events[(min(u, v), max(u, v), key)]
        for u, v, key, data in read.edges(keys=True, data=True)
    )
    node = read.nodes[tricky.id]
    assert node["aliases"] == json.dumps(list(tricky.aliases), ensure_ascii=False)


def test_graph_json_is_written_record_by_record_as_json_dumps_would(corpus_build):
    from actorgraph.outputs.jsonfile import dumps, to_dict

    graph = corpus_build[0].graph
    whole = json.dumps(to_dict(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert dumps(graph) == whole
    empty = replace(graph, documents=(), actors=(), events=(), edges=(), mentions=())
    assert dumps(empty) == json.dumps(to_dict(empty), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("chunk", [1, 7, 1 << 16])
def test_viewer_data_written_in_pieces_equals_the_whole(chunk):
    from actorgraph.outputs.html import _JSON_ESCAPE_RE, _JSON_ESCAPES, iter_script_json

    payload = {"b": [{"x": "</script>\u2028"}, 1], "a": {"z": 1, "y": "<&>"}, "c": "x", "d": [], "e": {}}
    whole = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    escaped = _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], whole)
    assert "".join(iter_script_json(payload, chunk=chunk)) == escaped
    assert "</script>" not in escaped


def test_outputs_written_by_two_processes_equal_a_serial_write(corpus_build, tmp_path):
    from actorgraph.outputs import write_outputs

    graph, serial = corpus_build[0].graph, corpus_build[1]
    write_outputs(graph, tmp_path / "parallel", jobs=2)
    files = sorted(p.relative_to(serial).as_posix() for p in serial.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(tmp_path / "parallel").as_posix()
        for p in (tmp_path / "parallel").rglob("*")
        if p.is_file()
    )
    for name in files:
        assert (tmp_path / "parallel" / name).read_bytes() == (serial / name).read_bytes(), name


def test_an_unknown_format_is_refused_before_anything_is_written(corpus_build, tmp_path):
    from actorgraph.outputs import write_outputs

    with pytest.raises(KeyError):
        write_outputs(corpus_build[0].graph, tmp_path / "g", formats=("json", "nope"), jobs=2)
    assert not (tmp_path / "g" / "graph.json").exists()
