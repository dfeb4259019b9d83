"""``actorgraph eval``: actor and event quality of a built graph against hand-made gold annotations.

The gold format and the matching rules are described in ``docs/quality.md``. In short:

Actors
    A system actor *matches* a gold actor when one of its aliases equals one of the gold
    actor's surfaces (NFC, case-folded, whitespace collapsed). Recall is the share of gold
    actors matched by at least one system actor, precision the share of system actors that
    match some gold actor. A gold actor matched by more than one system actor is *split*; a
    system actor matching more than one gold actor is *over-merged*; a matched gold actor whose
    matching system actors do not between them cover all its gold documents is *incomplete*.
    System actors with an alias on the gold ``junk`` list are *junk*; system actors that match
    no gold actor are *unmatched* (junk is usually a subset of them).

Events
    System event participants are mapped to gold actors through the actor matching. A gold
    event is *found* by a system event whose mapped participants include all gold participants
    (all but one when the gold event has three or more) and whose evidence includes one of the
    gold documents. For each found gold event the best such system event (same type first,
    then not ``COOCCUR``, then most gold documents covered, then fewest other participants) is
    checked for type, CONSULT mode, date and location agreement; a found event is *merged* when
    one system event covers all its gold documents. A system event that finds two or more gold
    events is listed as *over-merged*. A system event is *correct* when it finds some gold event; precision
    is reported over all system events and over those that are not ``COOCCUR``.

The last line of the report is meant for scripts::

    actors P=0.900 R=0.850 F1=0.874 events P=0.400 R=0.600 F1=0.480 typed P=0.700 R=0.300

``events P`` is over all system events, ``typed P`` over the events that are not ``COOCCUR``,
and ``typed R`` counts gold events found by a system event of the gold type.

Run it as ``actorgraph eval GRAPH_JSON GOLD`` or ``python -m actorgraph.evaluate.quality``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CONSULT_MODES",
    "EVENT_TYPES",
    "GOLD_ACTOR_TYPES",
    "Gold",
    "GoldActor",
    "GoldEvent",
    "add_arguments",
    "evaluate",
    "format_report",
    "load_gold",
    "load_graph_json",
    "main",
    "normalize",
    "parse_gold",
    "run",
    "score_line",
]

GOLD_ACTOR_TYPES = ("PERSON", "ORG", "GPE", "LOC")
#: The event types the gold uses (after PLOVER/CAMEO), all of which actorgraph extracts; a gold
#: records what an analyst sees, and a system without such a type never agrees on it.
EVENT_TYPES = (
    "CONSULT",
    "SUMMIT_OR_CONFERENCE",
    "STATEMENT",
    "SUPPORT",
    "AGREE",
    "REQUEST",
    "SANCTION",
    "REJECT",
    "ACCUSE",
)
CONSULT_MODES = ("visit", "host", "meeting", "phone", "online")
COOCCUR = "COOCCUR"

_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
_SPACE = re.compile(r"\s+")


class GoldError(ValueError):
    """The gold file is malformed."""


def normalize(text: str) -> str:
    """The matching key of a surface or alias: NFC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldActor:
    key: str
    type: str
    label: str
    surfaces: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    key: str
    type: str
    participants: tuple[str, ...]
    documents: tuple[str, ...]
    date: str | None = None
    location: str | None = None
    mode: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Gold:
    actors: dict[str, GoldActor]
    events: tuple[GoldEvent, ...]
    junk: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)


def _date_text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _DATE.match(text):
        raise GoldError(f"{where}: date {text!r} is not YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD or null")
    return text


def _strings(value: Any, where: str, *, required: bool = True) -> tuple[str, ...]:
    if value is None:
        if required:
            raise GoldError(f"{where} is missing")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise GoldError(f"{where} must be a list of strings")
    items = tuple(dict.fromkeys(str(v) for v in value))
    if required and not items:
        raise GoldError(f"{where} is empty")
    return items


def parse_gold(data: Mapping[str, Any]) -> Gold:
    """Validate a gold mapping (as read from YAML) into a :class:`Gold`."""
    if not isinstance(data, Mapping):
        raise GoldError("the gold file must be a mapping with 'actors' and 'events'")
    raw_actors = data.get("actors") or {}
    if isinstance(raw_actors, list):  # a list of mappings with an 'id' each
        raw_actors = {str(a.get("id")): a for a in raw_actors if isinstance(a, Mapping)}
    if not isinstance(raw_actors, Mapping) or not raw_actors:
        raise GoldError("'actors' must be a non-empty mapping of key -> actor")
    actors: dict[str, GoldActor] = {}
    for key, body in raw_actors.items():
        where = f"actor {key!r}"
        if not isinstance(body, Mapping):
            raise GoldError(f"{where} must be a mapping")
        kind = str(body.get("type", "")).upper()
        if kind not in GOLD_ACTOR_TYPES:
            raise GoldError(f"{where}: type {body.get('type')!r} is not one of {', '.join(GOLD_ACTOR_TYPES)}")
        surfaces = _strings(body.get("surfaces"), f"{where}: surfaces")
        label = str(body.get("label") or surfaces[0])
        actors[str(key)] = GoldActor(
            str(key), kind, label, surfaces, _strings(body.get("documents"), f"{where}: documents")
        )
    owners: dict[str, str] = {}
    for actor in actors.values():
        for surface in actor.surfaces:
            other = owners.setdefault(normalize(surface), actor.key)
            if other != actor.key:
                raise GoldError(f"surface {surface!r} belongs to both {other!r} and {actor.key!r}")

    events: list[GoldEvent] = []
    for i, body in enumerate(data.get("events") or [], 1):
        if not isinstance(body, Mapping):
            raise GoldError(f"event {i} must be a mapping")
        key = str(body.get("id") or f"e{i:02d}")
        where = f"event {key!r}"
        kind = str(body.get("type", "")).upper()
        if kind not in EVENT_TYPES:
            raise GoldError(f"{where}: type {body.get('type')!r} is not one of {', '.join(EVENT_TYPES)}")
        mode = body.get("mode")
        if mode is not None and (kind != "CONSULT" or mode not in CONSULT_MODES):
            raise GoldError(
                f"{where}: mode {mode!r} needs type CONSULT and one of {', '.join(CONSULT_MODES)}"
            )
        participants = _strings(body.get("participants"), f"{where}: participants")
        if len(participants) < 2:
            raise GoldError(f"{where}: an event needs at least two participants")
        location = body.get("location")
        for ref in (*participants, *([location] if location is not None else [])):
            if ref not in actors:
                raise GoldError(f"{where}: unknown actor {ref!r}")
        if location is not None and location in participants:
            raise GoldError(f"{where}: the location {location!r} is also a participant")
        events.append(
            GoldEvent(
                key,
                kind,
                participants,
                _strings(body.get("documents"), f"{where}: documents"),
                _date_text(body.get("date"), where),
                None if location is None else str(location),
                mode,
                body.get("note"),
            )
        )
    if len({e.key for e in events}) != len(events):
        raise GoldError("event ids must be unique")

    junk = _strings(data.get("junk"), "junk", required=False)
    for text in junk:
        if normalize(text) in owners:
            raise GoldError(f"junk {text!r} is also a surface of {owners[normalize(text)]!r}")
    documents = _strings(data.get("documents"), "documents", required=False)
    if not documents:
        documents = tuple(
            sorted(
                {d for a in actors.values() for d in a.documents} | {d for e in events for d in e.documents}
            )
        )
    meta = {k: v for k, v in data.items() if k not in ("actors", "events", "junk", "documents")}
    return Gold(actors, tuple(events), junk, documents, meta)


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold YAML file."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise GoldError(f"gold file {path} is not valid YAML: {exc}") from exc
    return parse_gold(data)


def load_graph_json(path: str | Path) -> dict[str, Any]:
    """Read ``graph.json`` (or the build folder holding it) as a plain dict."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot read graph {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path} is not JSON: {exc}") from exc


# --------------------------------------------------------------------------- scoring


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _restrict(gold: Gold, scope: set[str]) -> tuple[Gold, list[str]]:
    """Gold limited to the documents the graph holds; also the gold documents it lacks."""
    missing = sorted(set(gold.documents) - scope)
    if not missing:
        return gold, []
    actors = {
        k: GoldActor(a.key, a.type, a.label, a.surfaces, tuple(d for d in a.documents if d in scope))
        for k, a in gold.actors.items()
        if any(d in scope for d in a.documents)
    }
    events = tuple(
        GoldEvent(
            e.key,
            e.type,
            e.participants,
            tuple(d for d in e.documents if d in scope),
            e.date,
            e.location if e.location in actors else None,
            e.mode,
            e.note,
        )
        for e in gold.events
        if any(d in scope for d in e.documents) and all(p in actors for p in e.participants)
    )
    docs = tuple(d for d in gold.documents if d in scope)
    return Gold(actors, events, gold.junk, docs, gold.meta), missing


def _date_agrees(gold: str, system: str | None) -> tuple[bool, bool]:
    """(exact, compatible): compatible when one date is a prefix of the other (precision differs)."""
    if system is None:
        return False, False
    if gold.startswith("--"):
        ok = system.endswith(gold[1:]) and len(system) == 10
        return ok, ok
    exact = system == gold
    return exact, exact or system.startswith(gold) or gold.startswith(system)


def _needed(participants: Sequence[str]) -> int:
    return len(participants) - 1 if len(participants) >= 3 else len(participants)


def evaluate(graph: Mapping[str, Any], gold: Gold) -> dict[str, Any]:
    """Score ``graph`` (the parsed ``graph.json``) against ``gold``; a JSON-able report."""
    documents = graph.get("documents") or []
    scope = {d["id"] for d in documents} if documents else set(gold.documents)
    gold, missing_docs = _restrict(gold, scope)

    surface_owner = {normalize(s): a.key for a in gold.actors.values() for s in a.surfaces}
    junk = {normalize(j) for j in gold.junk}
    sys_actors = sorted(graph.get("actors") or [], key=lambda a: a["id"])

    # ---- actors
    matches: dict[str, list[str]] = {}  # system id -> gold keys
    matched_by: dict[str, list[str]] = {k: [] for k in gold.actors}  # gold key -> system ids
    junk_actors, unmatched = [], []
    for actor in sys_actors:
        aliases = actor.get("aliases") or [actor.get("label", "")]
        keys = sorted({surface_owner[n] for n in map(normalize, aliases) if n in surface_owner})
        matches[actor["id"]] = keys
        for key in keys:
            matched_by[key].append(actor["id"])
        if any(normalize(a) in junk for a in aliases):
            junk_actors.append(actor["id"])
        if not keys:
            unmatched.append(actor["id"])
    by_id = {a["id"]: a for a in sys_actors}

    def describe(actor_id: str) -> dict[str, Any]:
        a = by_id[actor_id]
        return {
            "id": actor_id,
            "label": a.get("label"),
            "type": a.get("type"),
            "aliases": a.get("aliases", []),
        }

    found_actors = [k for k, ids in matched_by.items() if ids]
    correct_actors = [i for i, keys in matches.items() if keys]
    a_p = _ratio(len(correct_actors), len(sys_actors))
    a_r = _ratio(len(found_actors), len(gold.actors))
    split = [
        {"gold": k, "label": gold.actors[k].label, "system": ids}
        for k, ids in matched_by.items()
        if len(ids) > 1
    ]
    over_merged = [{**describe(i), "gold": keys} for i, keys in matches.items() if len(keys) > 1]
    incomplete = []
    for key in found_actors:
        covered = {d for i in matched_by[key] for d in by_id[i].get("documents", [])}
        lacking = [d for d in gold.actors[key].documents if d not in covered]
        if lacking:
            incomplete.append({"gold": key, "label": gold.actors[key].label, "missing_documents": lacking})
    missed_actors = [
        {"gold": k, "label": a.label, "type": a.type} for k, a in gold.actors.items() if not matched_by[k]
    ]
    type_agree = sum(
        1
        for k in found_actors
        if any(by_id[i].get("type") == gold.actors[k].type for i in matched_by[k])
        or (
            gold.actors[k].type in ("GPE", "LOC")
            and any(by_id[i].get("type") in ("GPE", "LOC") for i in matched_by[k])
        )
    )

    # ---- events
    sys_events = sorted(graph.get("events") or [], key=lambda e: e["id"])

    def mapped(ids: Iterable[str]) -> set[str]:
        return {k for i in ids for k in matches.get(i, [])}

    prepared = [
        (
            e,
            mapped(e.get("participants") or []),
            {ev["document"] for ev in e.get("evidence") or []},
            mapped([e["location"]]) if e.get("location") else set(),
        )
        for e in sys_events
    ]

    def finds(gold_event: GoldEvent, parts: set[str], docs: set[str]) -> bool:
        hit = len(set(gold_event.participants) & parts)
        return hit >= _needed(gold_event.participants) and bool(docs & set(gold_event.documents))

    correct_events: set[str] = set()
    finds_gold: dict[str, list[str]] = {}
    event_rows = []
    for ge in gold.events:
        candidates = [(e, parts, docs, loc) for e, parts, docs, loc in prepared if finds(ge, parts, docs)]
        correct_events.update(e["id"] for e, *_ in candidates)
        for e, *_ in candidates:
            finds_gold.setdefault(e["id"], []).append(ge.key)
        row: dict[str, Any] = {
            "gold": ge.key,
            "type": ge.type,
            "participants": list(ge.participants),
            "documents": list(ge.documents),
            "found": bool(candidates),
            "candidates": len(candidates),
        }
        if candidates:
            gdocs = set(ge.documents)
            best, _, bdocs, bloc = max(
                candidates,
                key=lambda c: (
                    c[0]["type"] == ge.type,
                    c[0]["type"] != COOCCUR,
                    len(c[2] & gdocs),
                    -len(c[1] - set(ge.participants)),  # the most specific event
                    c[0]["id"],
                ),
            )
            row.update(
                system=best["id"],
                system_type=best["type"],
                type_ok=best["type"] == ge.type,
                typed=any(c[0]["type"] == ge.type for c in candidates),
                merged=any(gdocs <= c[2] for c in candidates),
                covered_documents=sorted(bdocs & gdocs),
            )
            if ge.mode is not None:
                row["mode_ok"] = best.get("mode") == ge.mode
            if ge.date is not None:
                exact, compatible = _date_agrees(ge.date, best.get("date"))
                row.update(
                    date=ge.date, system_date=best.get("date"), date_ok=exact, date_compatible=compatible
                )
            if ge.location is not None:
                row.update(
                    location=ge.location,
                    system_location=best.get("location"),
                    location_ok=ge.location in bloc,
                )
        event_rows.append(row)

    found = [r for r in event_rows if r["found"]]
    typed = [r for r in found if r["typed"]]
    non_cooccur = [e for e in sys_events if e.get("type") != COOCCUR]
    e_p = _ratio(len(correct_events), len(sys_events))
    e_r = _ratio(len(found), len(gold.events))
    t_p = _ratio(sum(e["id"] in correct_events for e in non_cooccur), len(non_cooccur))
    t_r = _ratio(len(typed), len(gold.events))
    multi = [r for r in found if len(r["documents"]) > 1]

    def count(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
        assessed = [r for r in rows if key in r]
        return {"agree": sum(bool(r[key]) for r in assessed), "assessed": len(assessed)}

    return {
        "documents": {"gold": len(gold.documents), "missing_from_graph": missing_docs},
        "actors": {
            "gold": len(gold.actors),
            "system": len(sys_actors),
            "found": len(found_actors),
            "correct": len(correct_actors),
            "precision": a_p,
            "recall": a_r,
            "f1": _f1(a_p, a_r),
            "type_agree": type_agree,
            "missed": missed_actors,
            "split": split,
            "over_merged": over_merged,
            "incomplete": incomplete,
            "junk": [describe(i) for i in junk_actors],
            "unmatched": [describe(i) for i in unmatched],
        },
        "events": {
            "gold": len(gold.events),
            "system": len(sys_events),
            "system_non_cooccur": len(non_cooccur),
            "found": len(found),
            "correct": len(correct_events),
            "correct_non_cooccur": sum(e["id"] in correct_events for e in non_cooccur),
            "precision": e_p,
            "recall": e_r,
            "f1": _f1(e_p, e_r),
            "typed_precision": t_p,
            "typed_recall": t_r,
            "typed_found": len(typed),
            "typed_f1": _f1(t_p, t_r),
            "type": count(found, "type_ok"),
            "mode": count(found, "mode_ok"),
            "date": count(found, "date_ok"),
            "date_compatible": count(found, "date_compatible"),
            "location": count(found, "location_ok"),
            "merged": {"merged": sum(r["merged"] for r in found), "found": len(found)},
            "merged_multi_document": {"merged": sum(r["merged"] for r in multi), "found": len(multi)},
            "over_merged": [
                {"system": i, "gold": keys} for i, keys in sorted(finds_gold.items()) if len(keys) > 1
            ],
            "rows": event_rows,
        },
    }


# --------------------------------------------------------------------------- report


def score_line(report: Mapping[str, Any]) -> str:
    """The last line of the report: ``actors P=… R=… F1=… events P=… R=… F1=… typed P=… R=…``."""
    a, e = report["actors"], report["events"]
    return (
        f"actors P={a['precision']:.3f} R={a['recall']:.3f} F1={a['f1']:.3f} "
        f"events P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} "
        f"typed P={e['typed_precision']:.3f} R={e['typed_recall']:.3f}"
    )


def _names(items: list[dict[str, Any]]) -> str:
    return "; ".join(f"{i['id']} {i.get('aliases') or [i.get('label')]}" for i in items) or "-"


def format_report(report: Mapping[str, Any], *, verbose: bool = False) -> str:
    """The human-readable report; its last line is :func:`score_line`."""
    a, e = report["actors"], report["events"]
    lines = []
    if report["documents"]["missing_from_graph"]:
        lines.append(
            "warning: gold documents not in the graph (ignored): "
            + ", ".join(report["documents"]["missing_from_graph"])
        )
    lines += [
        f"actors: {a['gold']} gold, {a['system']} system",
        f"  recall     {a['recall']:.3f}  ({a['found']}/{a['gold']} gold actors matched)",
        f"  precision  {a['precision']:.3f}  ({a['correct']}/{a['system']} system actors match a gold actor)",
        f"  F1         {a['f1']:.3f}",
        f"  type agrees for {a['type_agree']}/{a['found']} matched gold actors (GPE/LOC interchangeable)",
        f"  missed ({len(a['missed'])}): "
        + (", ".join(f"{m['gold']} ({m['type']})" for m in a["missed"]) or "-"),
        f"  split ({len(a['split'])}): "
        + ("; ".join(f"{s['gold']} -> {', '.join(s['system'])}" for s in a["split"]) or "-"),
        f"  over-merged ({len(a['over_merged'])}): "
        + ("; ".join(f"{o['id']} -> {', '.join(o['gold'])}" for o in a["over_merged"]) or "-"),
        f"  incomplete ({len(a['incomplete'])}): "
        + (
            "; ".join(f"{i['gold']} lacks {', '.join(i['missing_documents'])}" for i in a["incomplete"])
            or "-"
        ),
        f"  junk ({len(a['junk'])}): {_names(a['junk'])}",
        f"  unmatched ({len(a['unmatched'])}): {_names(a['unmatched'])}",
        f"events: {e['gold']} gold, {e['system']} system ({e['system_non_cooccur']} not COOCCUR)",
        f"  recall     {e['recall']:.3f}  ({e['found']}/{e['gold']} gold events found)",
        f"  precision  {e['precision']:.3f}  ({e['correct']}/{e['system']} system events find a gold event)",
        f"  F1         {e['f1']:.3f}",
        f"  precision, not COOCCUR  {e['typed_precision']:.3f}  "
        f"({e['correct_non_cooccur']}/{e['system_non_cooccur']})",
        f"  recall, type agrees     {e['typed_recall']:.3f}  "
        f"({e['typed_found']}/{e['gold']} found by an event of the gold type)",
    ]
    for key, title in (
        ("type", "type"),
        ("mode", "CONSULT mode"),
        ("date", "date (exact)"),
        ("date_compatible", "date (compatible precision)"),
        ("location", "location"),
    ):
        lines.append(f"  {title} agrees: {e[key]['agree']}/{e[key]['assessed']} found events")
    lines.append(
        f"  merged: {e['merged']['merged']}/{e['merged']['found']} found events are one system event "
        f"covering all their gold documents ({e['merged_multi_document']['merged']}/"
        f"{e['merged_multi_document']['found']} of those reported by several documents)"
    )
    lines.append(
        f"  over-merged ({len(e['over_merged'])}): "
        + ("; ".join(f"{o['system']} finds {len(o['gold'])} gold events" for o in e["over_merged"]) or "-")
    )
    missed = [r["gold"] for r in e["rows"] if not r["found"]]
    lines.append(f"  missed ({len(missed)}): {', '.join(missed) or '-'}")
    if verbose:
        lines.append("event details:")
        for r in e["rows"]:
            if not r["found"]:
                lines.append(f"  {r['gold']} {r['type']} {r['participants']}: not found")
                continue
            checks = [f"type {r['system_type']}{'' if r['type_ok'] else ' (wrong)'}"]
            for key, name in (("mode_ok", "mode"), ("date_ok", "date"), ("location_ok", "location")):
                if key in r:
                    checks.append(f"{name} {'ok' if r[key] else 'wrong'}")
            checks.append(
                "merged" if r["merged"] else f"covers {len(r['covered_documents'])}/{len(r['documents'])}"
            )
            lines.append(
                f"  {r['gold']} {r['type']} -> {r['system']} ({r['candidates']} candidates): "
                + ", ".join(checks)
            )
    lines.append(score_line(report))
    return "\n".join(lines)


# --------------------------------------------------------------------------- command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``eval``'s arguments to ``parser``."""
    parser.add_argument("graph", metavar="GRAPH_JSON", help="graph.json of a build (or the build folder)")
    parser.add_argument("gold", metavar="GOLD", help="gold annotations (YAML, see docs/quality.md)")
    parser.add_argument("--json", dest="json_out", metavar="PATH", help="also write the full report as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every gold event's outcome")


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the report; 0 on success, 2 on unreadable input."""
    try:
        report = evaluate(load_graph_json(args.graph), load_gold(args.gold))
    except GoldError as exc:
        print(f"actorgraph: error: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "json_out", None):
        Path(args.json_out).write_text(
            json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(format_report(report, verbose=getattr(args, "verbose", False)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actorgraph.evaluate.quality", description="Score a graph against gold annotations."
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
