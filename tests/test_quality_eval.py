"""``actorgraph eval``: actor and event quality against gold annotations, on hand-made graphs."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

quality = importlib.import_module("actorgraph.evaluate.quality")

D1, D2, D3 = "d1", "d2", "d3"


def gold_dict() -> dict:
    return {
        "actors": {
            "guterres": {
                "type": "PERSON",
                "label": "António Guterres",
                "surfaces": ["António Guterres", "Guterres"],
                "documents": [D1, D2],
            },
            "tokayev": {
                "type": "PERSON",
                "label": "Kassym-Jomart Tokayev",
                "surfaces": ["Tokajew", "Tokayev", "Kassym-Jomart Tokayev"],
                "documents": [D1, D2],
            },
            "kaz": {
                "type": "GPE",
                "label": "Kazakhstan",
                "surfaces": ["Kasachstan", "Kasachstans", "Kazakhstan"],
                "documents": [D1, D2, D3],
            },
            "astana": {"type": "GPE", "label": "Astana", "surfaces": ["Astana"], "documents": [D1, D2]},
            "un": {"type": "ORG", "label": "UN", "surfaces": ["UN", "Vereinten Nationen"], "documents": [D1]},
            "sco": {"type": "ORG", "label": "SCO", "surfaces": ["SOZ", "SCO"], "documents": [D1, D2]},
            "berdi": {
                "type": "PERSON",
                "label": "Serdar Berdimuhamedov",
                "surfaces": ["Berdimuhamedov"],
                "documents": [D3],
            },
        },
        "events": [
            {  # found, merged across both documents, type/mode/date/location right
                "id": "meeting",
                "type": "CONSULT",
                "mode": "visit",
                "participants": ["guterres", "tokayev"],
                "date": "2024-07-03",
                "location": "astana",
                "documents": [D1, D2],
            },
            {  # found only as COOCCUR in one document of two (partially merged)
                "id": "summit",
                "type": "SUMMIT_OR_CONFERENCE",
                "participants": ["guterres", "sco", "kaz"],
                "date": "2024-07",
                "location": "astana",
                "documents": [D1, D2],
            },
            {  # not found: no system event has Berdimuhamedov
                "id": "forum",
                "type": "SUMMIT_OR_CONFERENCE",
                "participants": ["tokayev", "berdi"],
                "date": "--12-12",
                "location": None,
                "documents": [D3],
            },
        ],
        "junk": ["Mittwoch", "Brückenbauer"],
    }


def actor(id_, aliases, documents, type_="PERSON"):
    return {"id": id_, "label": aliases[0], "type": type_, "aliases": aliases, "documents": documents}


def event(id_, type_, participants, docs, date=None, location=None, mode=None):
    evidence = [{"document": d, "sentence": 0, "start": 0, "end": 1, "text": "."} for d in docs]
    return {
        "id": id_,
        "type": type_,
        "mode": mode,
        "date": date,
        "location": location,
        "participants": participants,
        "evidence": evidence,
    }


def graph_dict() -> dict:
    return {
        "documents": [{"id": d} for d in (D1, D2, D3)],
        "actors": [
            actor("x:guterres", ["António Guterres", "Guterres"], [D1, D2]),
            # split: Tokayev is two system actors
            actor("x:tokajew", ["Tokajew"], [D1]),
            actor("x:tokayev", ["Tokayev"], [D2]),
            # incomplete: Kazakhstan is never found in d3
            actor("iso:KAZ", ["Kasachstan", "Kazakhstan"], [D1, D2], "GPE"),
            # over-merged: Astana and the SCO in one actor
            actor("x:astana", ["Astana", "SOZ"], [D1, D2], "GPE"),
            actor("igo:un", ["UN"], [D1], "ORG"),
            # junk (on the list) and unmatched
            actor("x:mittwoch", ["Mittwoch"], [D1], "MISC"),
            actor("x:silk", ["Silk Way"], [D1], "ORG"),
        ],
        "events": [
            event(
                "ev:1",
                "CONSULT",
                ["x:guterres", "x:tokajew", "x:tokayev"],
                [D1, D2],
                "2024-07-03",
                "x:astana",
                "visit",
            ),
            event("ev:2", "COOCCUR", ["x:guterres", "iso:KAZ"], [D1]),  # 2 of 3 summit participants
            event("ev:3", "STATEMENT", ["igo:un", "x:silk"], [D1]),  # matches nothing
            event("ev:4", "COOCCUR", ["x:guterres", "x:tokayev"], [D3]),  # right actors, wrong document
        ],
        "edges": [],
    }


@pytest.fixture
def report():
    return quality.evaluate(graph_dict(), quality.parse_gold(gold_dict()))


def test_actor_recall_precision(report):
    a = report["actors"]
    assert (a["gold"], a["system"]) == (7, 8)
    # every gold actor but Berdimuhamedov is matched
    assert a["found"] == 6 and a["recall"] == pytest.approx(6 / 7)
    # six system actors match a gold actor; Mittwoch and Silk Way do not
    assert a["correct"] == 6 and a["precision"] == pytest.approx(6 / 8)
    assert a["f1"] == pytest.approx(2 * (6 / 8) * (6 / 7) / (6 / 8 + 6 / 7))
    assert [m["gold"] for m in a["missed"]] == ["berdi"]


def test_split_over_merged_incomplete(report):
    a = report["actors"]
    assert a["split"] == [
        {"gold": "tokayev", "label": "Kassym-Jomart Tokayev", "system": ["x:tokajew", "x:tokayev"]}
    ]
    assert [(o["id"], o["gold"]) for o in a["over_merged"]] == [("x:astana", ["astana", "sco"])]
    # the split Tokayev covers d1 and d2 between his two actors, so he is not incomplete
    assert a["incomplete"] == [{"gold": "kaz", "label": "Kazakhstan", "missing_documents": [D3]}]


def test_junk_and_unmatched(report):
    a = report["actors"]
    assert [j["id"] for j in a["junk"]] == ["x:mittwoch"]
    assert [u["id"] for u in a["unmatched"]] == ["x:mittwoch", "x:silk"]


def test_event_found_merged_and_agreement(report):
    e = report["events"]
    rows = {r["gold"]: r for r in e["rows"]}
    meeting = rows["meeting"]
    # the split Tokayev actors both map to the gold Tokayev
    assert meeting["found"] and meeting["system"] == "ev:1" and meeting["merged"]
    assert meeting["type_ok"] and meeting["mode_ok"] and meeting["date_ok"] and meeting["location_ok"]


def test_event_partially_merged(report):
    summit = {r["gold"]: r for r in report["events"]["rows"]}["summit"]
    # ev:2 (Guterres, Kasachstan) holds 2 of 3 participants; ev:1 has Astana+SOZ only as its location
    assert summit["found"] and summit["candidates"] == 1 and summit["system"] == "ev:2"
    assert not summit["type_ok"] and not summit["merged"]
    assert summit["covered_documents"] == [D1]
    assert not summit["date_ok"] and not summit["location_ok"]


def test_event_not_found(report):
    forum = {r["gold"]: r for r in report["events"]["rows"]}["forum"]
    assert not forum["found"] and forum["candidates"] == 0


def test_event_wrong_document_does_not_count():
    gold = gold_dict()
    gold["events"] = [{**gold["events"][0], "documents": [D3]}]
    gold["actors"]["tokayev"]["documents"] = [D1, D2, D3]
    graph = graph_dict()
    graph["events"] = [e for e in graph["events"] if e["id"] != "ev:4"]
    report = quality.evaluate(graph, quality.parse_gold(gold))
    assert report["events"]["found"] == 0


def test_event_precision_and_recall(report):
    e = report["events"]
    assert (e["gold"], e["system"], e["system_non_cooccur"]) == (3, 4, 2)
    assert e["found"] == 2 and e["recall"] == pytest.approx(2 / 3)
    # ev:1 and ev:2 find gold events; ev:3 matches nothing; ev:4 is in the wrong document
    assert e["correct"] == 2 and e["precision"] == pytest.approx(2 / 4)
    assert e["typed_precision"] == pytest.approx(1 / 2)  # ev:1 of ev:1, ev:3
    assert e["typed_recall"] == pytest.approx(1 / 3)  # only the meeting is found with its type
    assert e["merged"] == {"merged": 1, "found": 2}
    assert e["merged_multi_document"] == {"merged": 1, "found": 2}
    assert e["date"] == {"agree": 1, "assessed": 2}
    assert e["location"] == {"agree": 1, "assessed": 2}
    assert e["mode"] == {"agree": 1, "assessed": 1}
    assert e["over_merged"] == []


def test_event_over_merged():
    gold = gold_dict()
    gold["events"].append({**gold["events"][0], "id": "statement", "type": "STATEMENT", "mode": None})
    report = quality.evaluate(graph_dict(), quality.parse_gold(gold))
    assert report["events"]["over_merged"] == [{"system": "ev:1", "gold": ["meeting", "statement"]}]
    assert "over-merged (1): ev:1 finds 2 gold events" in quality.format_report(report)


def test_all_but_one_needs_three_participants():
    gold = gold_dict()
    gold["events"] = [{**gold["events"][0], "participants": ["guterres", "tokayev"]}]
    graph = graph_dict()
    graph["events"] = [event("ev:x", "CONSULT", ["x:guterres", "igo:un"], [D1])]
    assert quality.evaluate(graph, quality.parse_gold(gold))["events"]["found"] == 0


def test_matching_is_case_insensitive_and_nfc():
    gold = gold_dict()
    graph = graph_dict()
    # decomposed "ó" and upper case still match "António Guterres"
    graph["actors"][0]["aliases"] = ["ANTO\u0301NIO GUTERRES"]
    report = quality.evaluate(graph, quality.parse_gold(gold))
    assert "guterres" not in [m["gold"] for m in report["actors"]["missed"]]


def test_date_forms():
    assert quality._date_agrees("--12-12", "2025-12-12") == (True, True)
    assert quality._date_agrees("--12-12", "2025-12") == (False, False)
    assert quality._date_agrees("2024-07-03", "2024-07") == (False, True)
    assert quality._date_agrees("2024-07", None) == (False, False)


def test_gold_documents_missing_from_graph_are_ignored():
    graph = graph_dict()
    graph["documents"] = [{"id": D1}, {"id": D2}]
    report = quality.evaluate(graph, quality.parse_gold(gold_dict()))
    assert report["documents"]["missing_from_graph"] == [D3]
    assert report["actors"]["gold"] == 6  # Berdimuhamedov is only in d3
    assert [r["gold"] for r in report["events"]["rows"]] == ["meeting", "summit"]
    assert "warning: gold documents not in the graph" in quality.format_report(report)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g["actors"]["kaz"].update(type="COUNTRY"), "type"),
        (lambda g: g["events"][0].update(participants=["guterres", "nobody"]), "unknown actor"),
        (lambda g: g["events"][0].update(type="MEET"), "type"),
        (lambda g: g["events"][1].update(mode="visit"), "mode"),
        (lambda g: g["events"][0].update(date="3 July"), "date"),
        (lambda g: g["events"][0].update(location="guterres"), "also a participant"),
        (lambda g: g["actors"]["un"]["surfaces"].append("SCO"), "belongs to both"),
        (lambda g: g["junk"].append("Tokajew"), "also a surface"),
    ],
)
def test_bad_gold_is_rejected(change, message):
    gold = gold_dict()
    change(gold)
    with pytest.raises(quality.GoldError, match=message):
        quality.parse_gold(gold)


def test_yaml_dates_are_read_as_iso(tmp_path):
    gold = gold_dict()
    text = yaml.safe_dump(gold, allow_unicode=True).replace("'2024-07-03'", "2024-07-03")
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    assert quality.load_gold(path).events[0].date == "2024-07-03"


def test_report_last_line(report):
    text = quality.format_report(report, verbose=True)
    last = text.splitlines()[-1]
    assert last.startswith("actors P=0.750 R=0.857 F1=0.800 events P=0.500 R=0.667 F1=0.571")
    assert "split (1): tokayev -> x:tokajew, x:tokayev" in text
    assert "over-merged (1): x:astana -> astana, sco" in text
    assert "forum SUMMIT_OR_CONFERENCE ['tokayev', 'berdi']: not found" in text


def test_run_and_module_entry_point(tmp_path, capsys):
    graph_path = tmp_path / "graph.json"
    graph_path.write_text(json.dumps(graph_dict()), encoding="utf-8")
    gold_path = tmp_path / "gold.yaml"
    gold_path.write_text(yaml.safe_dump(gold_dict(), allow_unicode=True), encoding="utf-8")
    parser = argparse.ArgumentParser()
    quality.add_arguments(parser)
    args = parser.parse_args([str(tmp_path), str(gold_path), "--json", str(tmp_path / "r.json")])
    assert quality.run(args) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("actors P=0.750")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["events"]["found"] == 2
    assert quality.run(parser.parse_args([str(tmp_path / "none.json"), str(gold_path)])) == 2

    proc = subprocess.run(
        [sys.executable, "-m", "actorgraph.evaluate.quality", str(graph_path), str(gold_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("actors P=0.750")


@pytest.mark.parametrize("name", ["corpus.yaml", "unseen.yaml"])
def test_shipped_golds_are_valid(name):
    gold = quality.load_gold(ROOT / "tests" / "gold" / name)
    assert len(gold.actors) >= 10 and len(gold.events) >= 5
    for actor in gold.actors.values():
        assert set(actor.documents) <= set(gold.documents)
    for ev in gold.events:
        assert set(ev.documents) <= set(gold.documents)


def test_corpus_gold_known_events():
    gold = quality.load_gold(ROOT / "tests" / "gold" / "corpus.yaml")
    events = {e.key: e for e in gold.events}
    meeting = events["guterres_tokayev_meeting"]
    assert meeting.type == "CONSULT" and meeting.date == "2024-07-03" and meeting.location == "astana"
    assert {d[:3] for d in meeting.documents} == {"000", "002"}
    assert set(events["ashgabat_forum"].participants) == {"tokayev", "berdimuhamedov"}
    assert set(events["central_asia_g7_ministerial"].participants) == {"wassilenko", "g7", "borrell"}
    corpus_ids = {p.stem for p in Path(ROOT / "corpus").glob("*.txt")}
    assert set(gold.documents) == corpus_ids
