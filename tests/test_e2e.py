"""End to end on the bundled corpus: one node per real-world actor, no junk, a reproducible build."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from actorgraph import load_graph

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _actor_with(graph, surface):
    found = [a for a in graph.actors if surface in a.aliases]
    assert len(found) == 1, f"{surface!r} is in {len(found)} actors: {[a.id for a in found]}"
    return found[0]


@pytest.mark.parametrize(
    "spellings",
    [("Tokajew", "Tokayev"), ("SOZ", "SCO"), ("Vereinten Nationen", "UN"), ("Kasachstan", "Kazakhstan")],
)
def test_spellings_are_one_actor(corpus_build, spellings):
    graph = corpus_build[0].graph
    actors = {_actor_with(graph, s).id for s in spellings}
    assert len(actors) == 1


def test_tokajew_resolves_to_the_speaker_list_entry(corpus_build):
    graph = corpus_build[0].graph
    tokayev = _actor_with(graph, "Tokajew")
    assert tokayev.kb_id == "ungdc:kassym-jomart-tokayev"
    assert tokayev.label == "Kassym-Jomart Tokayev"
    assert len(tokayev.documents) >= 3


def test_people_not_in_the_kb_are_found_by_extraction(corpus_build):
    graph = corpus_build[0].graph
    guterres = _actor_with(graph, "António Guterres")
    assert guterres.id == "x:antonio-guterres"
    assert guterres.kb_id is None  # the speaker list's Guterreses are other people
    assert len(guterres.documents) == 2


def test_no_boilerplate_line_becomes_an_actor(corpus_build):
    graph = corpus_build[0].graph
    surfaces = {alias.lower() for a in graph.actors for alias in a.aliases}
    for junk in (
        "acm cyprus",
        "esta construction",
        "pools plus cyprus",
        "commvisory",
        "eu reporter",
        "share",
        "trending",
        "pressekontakt",
        "frieden",
        "donnerstag",
        "mittwoch",
        "rolle",
        "plattform",
    ):
        assert not any(junk in s for s in surfaces), junk


def test_mentions_point_into_the_raw_text(corpus_build):
    graph = corpus_build[0].graph
    raw = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    for m in graph.mentions:
        assert raw[m.doc_id][m.start : m.end] == m.text or (
            m.source == "compound" and raw[m.doc_id][m.start : m.end]
        )
    for event in graph.events:
        for ev in event.evidence:
            assert raw[ev.document][ev.start : ev.end].split()[0] == ev.text.split()[0]


def test_events_have_two_participants_and_locations_are_not_participants(corpus_build):
    graph = corpus_build[0].graph
    assert graph.events
    for event in graph.events:
        assert len(event.participants) >= 2
        assert event.location not in event.participants


def test_load_graph_round_trips(corpus_build):
    from actorgraph.outputs.jsonfile import dumps

    result, out = corpus_build
    loaded = load_graph(out / "graph.json")
    assert dumps(loaded) == (out / "graph.json").read_text(encoding="utf-8")
    assert loaded.actors == result.graph.actors
    assert loaded.events == result.graph.events
    assert loaded.edges == result.graph.edges


def test_committed_graph_is_a_byte_identical_rebuild(corpus_build):
    """graph/ in the repository is exactly what the bundled models build from corpus/."""
    _, out = corpus_build
    committed = ROOT / "graph"
    built = sorted(p.relative_to(out).as_posix() for p in Path(out).rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(committed, out, built, shallow=False)
    assert not mismatch and not errors, mismatch + errors


def test_graph_json_meta(corpus_build):
    _, out = corpus_build
    meta = json.loads((out / "graph.json").read_text(encoding="utf-8"))["meta"]
    assert meta["schema_version"] == 1
    assert meta["built_from"] == "corpus/"
    assert set(meta["models"]) == {"de", "en"}
    assert meta["documents"] == 5


def _events_with(graph, *actor_ids):
    return [e for e in graph.events if set(actor_ids) <= set(e.participants)]


def test_the_guterres_tokayev_meeting_is_one_event_in_astana(corpus_build):
    graph = corpus_build[0].graph
    found = _events_with(graph, "x:antonio-guterres", "ungdc:kassym-jomart-tokayev")
    meetings = [e for e in found if e.type == "CONSULT"]
    assert len(meetings) == 1
    meeting = meetings[0]
    assert meeting.location == "capital:KAZ"
    assert {"000_32da6777cb459286", "002_af52a0a4b4611f5f"} <= {ev.document for ev in meeting.evidence}
    assert (meeting.date, meeting.date_precision) == ("2024-07-03", "day")
    assert meeting.date_inferred and meeting.num_documents == 2


def test_the_ashgabat_forum_is_one_event(corpus_build):
    """One gathering; what the presidents declared there is an event of its own, at the forum."""
    graph = corpus_build[0].graph
    found = _events_with(graph, "ungdc:kassym-jomart-tokayev", "ungdc:serdar-berdimuhamedov")
    gatherings = [e for e in found if e.type in ("SUMMIT_OR_CONFERENCE", "CONSULT")]
    assert len(gatherings) == 1
    assert all(e.location == "capital:TKM" for e in found)


def test_the_first_central_asia_g7_ministerial_is_one_event(corpus_build):
    graph = corpus_build[0].graph
    found = _events_with(graph, "x:roman-wassilenko", "igo:g7", "x:josep-borrell")
    assert len(found) == 1
    assert found[0].type in ("SUMMIT_OR_CONFERENCE", "CONSULT")


def test_actors_against_the_gold(corpus_build):
    """Every gold actor is exactly one node covering all its documents; none is merged with
    another, and nothing on the gold's junk list appears."""
    from actorgraph.evaluate.quality import evaluate, load_gold, load_graph_json

    _, out = corpus_build
    report = evaluate(load_graph_json(out / "graph.json"), load_gold(ROOT / "tests" / "gold" / "corpus.yaml"))
    actors = report["actors"]
    assert not actors["missed"] and not actors["split"] and not actors["incomplete"]
    assert not actors["over_merged"] and not actors["junk"]
    assert actors["recall"] == 1.0 and actors["precision"] >= 0.9


def test_german_articles_yield_no_common_noun_or_weekday_actors(corpus_build):
    from actorgraph.resources import load_wordlist

    graph = corpus_build[0].graph
    junk = load_wordlist("common_nouns", "de") | {"montag", "dienstag", "mittwoch", "donnerstag", "freitag"}
    german = {d.id for d in graph.documents if d.language == "de"}
    for m in graph.mentions:
        if m.doc_id in german and m.source != "role":  # a bare office ("der Präsident") is its holder
            assert m.text.lower() not in junk, m
