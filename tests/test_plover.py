"""PLOVER export: one JSON record per exportable event, with PLOVER categories and actor codes."""

from __future__ import annotations

import json

import pytest

from actorgraph.outputs.plover import PLOVER_CATEGORIES, plover_category, plover_records, write_plover
from actorgraph.records import Actor, Document, Event, Evidence, Graph

ACTORS = (
    Actor("capital:KAZ", "Astana", "GPE", kb_id="capital:KAZ"),
    Actor("igo:sco", "Shanghai Cooperation Organisation", "ORG", kb_id="igo:sco"),
    Actor("iso:CHN", "China", "GPE", kb_id="iso:CHN"),
    Actor("iso:KAZ", "Kazakhstan", "GPE", kb_id="iso:KAZ"),
    Actor(
        "ungdc:kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "PERSON", kb_id="ungdc:kassym-jomart-tokayev"
    ),
    Actor("x:akorda", "Akorda", "ORG"),
    Actor("x:pamir", "Pamir", "LOC"),
)
DOCUMENTS = (
    Document("000_a", "a.txt", "", title="Summit opens", url="https://example.org/a", language="en"),
    Document("001_b", "b.txt", "", title="Gipfel", language="de", source="Steppe Post", duplicate_of="000_a"),
)


def evidence(doc: str, sentence: int, text: str) -> Evidence:
    return Evidence(doc, sentence, 10 * sentence, 10 * sentence + len(text), text)


def event(event_id: str, kind: str, participants, **kwargs) -> Event:
    kwargs.setdefault("evidence", (evidence("000_a", 1, f"{kind} sentence."),))
    date, location = kwargs.pop("date", "2024-07-03"), kwargs.pop("location", None)
    return Event(event_id, kind, date, "day", location, tuple(participants), **kwargs)


def graph(*events: Event) -> Graph:
    return Graph(meta={}, documents=DOCUMENTS, actors=ACTORS, events=events, edges=())


def records(*events: Event) -> dict[str, dict]:
    return {r["id"]: r for r in plover_records(graph(*events))}


def test_writes_sorted_json_lines(tmp_path):
    g = graph(
        event("ev:b", "CONSULT", ["iso:KAZ", "iso:CHN"]),
        event("ev:a", "SUMMIT_OR_CONFERENCE", ["iso:KAZ", "igo:sco"]),
        event("ev:c", "COOCCUR", ["iso:KAZ", "iso:CHN"]),
    )
    out = tmp_path / "events.plover.jsonl"
    write_plover(g, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["ev:a", "ev:b"]
    assert out.read_text(encoding="utf-8").endswith("\n")
    write_plover(g, tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").read_bytes() == out.read_bytes()


def test_empty_graph_writes_an_empty_file(tmp_path):
    out = tmp_path / "events.plover.jsonl"
    write_plover(graph(), out)
    assert out.read_text(encoding="utf-8") == ""


def test_cooccurrences_and_statements_are_not_exported():
    result = records(
        event("ev:1", "COOCCUR", ["iso:KAZ", "iso:CHN"]),
        event("ev:2", "STATEMENT", ["iso:KAZ"], source=("iso:KAZ",)),
        event("ev:3", "SOMETHING_NEW", ["iso:KAZ", "iso:CHN"]),
    )
    assert result == {}


@pytest.mark.parametrize(
    ("kind", "mode", "cameo", "expected"),
    [
        ("CONSULT", None, None, ("CONSULT", None, False)),
        ("CONSULT", "visit", "042", ("CONSULT", "visit", False)),
        ("CONSULT", "host", "043", ("CONSULT", "visit", True)),
        ("CONSULT", "phone", None, ("CONSULT", "phone", False)),
        ("CONSULT", "online", None, ("CONSULT", "phone", False)),
        ("CONSULT", "meeting", None, ("CONSULT", None, False)),
        ("CONSULT", None, "041", ("CONSULT", "phone", False)),
        ("SUMMIT_OR_CONFERENCE", None, None, ("CONSULT", "multilateral", False)),
        ("SUMMIT_OR_CONFERENCE", "meeting", "040", ("CONSULT", "multilateral", False)),
        ("CONSULT", "meeting", "046", ("CONSULT", None, False)),
        ("AGREE", None, "057", ("AGREE", None, False)),
        ("SUPPORT", None, "051", ("SUPPORT", None, False)),
        ("REQUEST", None, "020", ("REQUEST", None, False)),
        ("VISIT", None, None, ("CONSULT", "visit", False)),
        ("MEET", None, None, ("CONSULT", None, False)),
        ("AGREEMENT", None, None, ("SUPPORT", None, False)),
        ("SANCTION", None, None, ("SANCTION", None, False)),
        ("AID", "economic", None, ("AID", "economic", False)),
        ("DEMAND", None, None, ("REQUEST", None, False)),
        ("UNKNOWN", None, "112", ("ACCUSE", None, False)),
        ("UNKNOWN", None, "086", ("RETREAT", None, False)),
        ("UNKNOWN", None, "081", ("CONCEDE", None, False)),
        ("UNKNOWN", None, "190", ("ASSAULT", None, False)),
        ("UNKNOWN", None, "010", None),
        ("UNKNOWN", None, None, None),
        ("STATEMENT", None, "010", None),
        ("COOCCUR", None, None, None),
    ],
)
def test_category_mapping(kind, mode, cameo, expected):
    assert plover_category(event("ev:1", kind, ["iso:KAZ"], mode=mode, cameo=cameo)) == expected


def test_every_category_is_a_plover_category():
    assert len(PLOVER_CATEGORIES) == 16
    for name in PLOVER_CATEGORIES:
        category = plover_category(event("ev:1", name, ["iso:KAZ"]))
        assert category is not None and category[0] == name


def test_actor_codes():
    record = records(
        event(
            "ev:1",
            "CONSULT",
            ["capital:KAZ", "igo:sco", "iso:CHN", "ungdc:kassym-jomart-tokayev", "x:akorda"],
        )
    )["ev:1"]
    by_id = {a["id"]: a for a in record["source"]}
    assert by_id["iso:CHN"] == {
        "actor_text": "China",
        "code": "CHN",
        "identifier_id": "iso:CHN",
        "identifier_text": "China",
        "id": "iso:CHN",
    }
    assert by_id["capital:KAZ"]["code"] == "KAZ" and by_id["capital:KAZ"]["sector"] == "GOV"
    assert by_id["igo:sco"]["code"] == "IGO" and by_id["igo:sco"]["igo"] == "SCO"
    person = by_id["ungdc:kassym-jomart-tokayev"]
    assert person["code"] is None and person["identifier_id"] == "ungdc:kassym-jomart-tokayev"
    assert person["actor_text"] == "Kassym-Jomart Tokayev"
    local = by_id["x:akorda"]
    assert local["code"] is None and local["identifier_id"] is None and local["actor_text"] == "Akorda"
    assert "sector" not in local


def test_undirected_event_puts_every_participant_in_source():
    record = records(event("ev:1", "CONSULT", ["iso:CHN", "iso:KAZ"]))["ev:1"]
    assert [a["id"] for a in record["source"]] == ["iso:CHN", "iso:KAZ"]
    assert record["target"] == [] and record["recipient"] == []


def test_directed_event_keeps_source_and_target():
    record = records(
        event("ev:1", "SANCTION", ["iso:CHN", "iso:KAZ"], source=("iso:KAZ",), target=("iso:CHN",))
    )["ev:1"]
    assert [a["code"] for a in record["source"]] == ["KAZ"]
    assert [a["code"] for a in record["target"]] == ["CHN"]
    assert record["recipient"] == record["target"]


def test_hosted_visit_makes_the_visitor_the_source():
    hosted = event(
        "ev:1", "CONSULT", ["iso:CHN", "iso:KAZ"], source=("iso:KAZ",), target=("iso:CHN",), mode="host"
    )
    record = records(hosted)["ev:1"]
    assert record["event"] == "CONSULT" and record["mode"] == "visit"
    assert [a["code"] for a in record["source"]] == ["CHN"]
    assert [a["code"] for a in record["target"]] == ["KAZ"]


def test_target_only_puts_the_other_participants_in_source():
    record = records(event("ev:1", "ACCUSE", ["iso:CHN", "iso:KAZ"], target=("iso:CHN",)))["ev:1"]
    assert [a["code"] for a in record["source"]] == ["KAZ"]
    assert [a["code"] for a in record["target"]] == ["CHN"]


def test_summit_record_fields():
    summit = event(
        "ev:1",
        "SUMMIT_OR_CONFERENCE",
        ["igo:sco", "iso:CHN", "iso:KAZ"],
        location="capital:KAZ",
        evidence=(
            evidence("000_a", 2, "The SCO summit opened in Astana."),
            evidence("001_b", 0, "Der SCO-Gipfel begann in Astana."),
            evidence("000_a", 5, "China and Kazakhstan met at the summit."),
        ),
        cameo="043",
        confidence=0.8,
        num_documents=1,
        num_mentions=3,
    )
    record = records(summit)["ev:1"]
    assert record["date"] == "2024-07-03" and record["date_precision"] == "day"
    assert record["event"] == "CONSULT" and record["mode"] == "multilateral"
    assert record["quad_code"] == 1
    assert record["event_loc"] == {"id": "capital:KAZ", "name": "Astana", "code": "KAZ", "cc3": "KAZ"}
    assert record["event_text"] == "The SCO summit opened in Astana."
    assert record["text_info"] == [
        {"document": "000_a", "sentence": 2, "start": 20, "end": 52},
        {"document": "001_b", "sentence": 0, "start": 0, "end": 32},
        {"document": "000_a", "sentence": 5, "start": 50, "end": 89},
    ]
    assert record["cite_info"] == [
        {
            "document": "000_a",
            "title": "Summit opens",
            "url": "https://example.org/a",
            "language": "en",
            "publication": None,
            "duplicate_of": None,
        },
        {
            "document": "001_b",
            "title": "Gipfel",
            "url": None,
            "language": "de",
            "publication": "Steppe Post",
            "duplicate_of": "000_a",
        },
    ]
    assert record["confidence"] == 0.8 and record["num_documents"] == 1 and record["num_mentions"] == 3
    assert record["actorgraph_type"] == "SUMMIT_OR_CONFERENCE" and record["cameo"] == "043"


def test_undated_event_and_region_location():
    record = records(event("ev:1", "CONSULT", ["iso:CHN", "iso:KAZ"], date=None, location="x:pamir"))["ev:1"]
    assert record["date"] is None
    assert record["event_loc"] == {"id": "x:pamir", "name": "Pamir", "code": None, "cc3": None}


def test_unknown_actor_ids_fall_back_to_the_id():
    record = records(event("ev:1", "CONSULT", ["iso:UZB", "x:nobody"]))["ev:1"]
    by_id = {a["id"]: a for a in record["source"]}
    assert by_id["iso:UZB"]["code"] == "UZB" and by_id["iso:UZB"]["actor_text"] == "iso:UZB"
    assert by_id["x:nobody"]["code"] is None


def test_unicode_is_written_as_is(tmp_path):
    out = tmp_path / "events.plover.jsonl"
    sentence = evidence("001_b", 0, "Präsident Tokajew empfing Xi.")
    write_plover(graph(event("ev:1", "CONSULT", ["iso:KAZ", "iso:CHN"], evidence=(sentence,))), out)
    assert "Präsident" in out.read_text(encoding="utf-8")
