"""``events.plover.jsonl``: the events as PLOVER records, one JSON object per line.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance,
https://github.com/openeventdata/PLOVER) is CAMEO's successor: 16 event categories, with the
detail of CAMEO's 3- and 4-digit codes moved to ``mode`` and ``context``, and a set of standard
JSON field names. The manual recommends newline-delimited JSON, one event per line.

Categories
----------
The 16 categories (with the POLECAT naming, where the manual's DEMAND became REQUEST), with
their ``quad_code``:

* 1, verbal cooperation: AGREE, CONSULT, SUPPORT, CONCEDE
* 2, material cooperation: COOPERATE, AID, RETREAT
* 3, verbal conflict: REQUEST, ACCUSE, REJECT, THREATEN
* 4, material conflict: PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT

Mapping of actorgraph event types
---------------------------------
=======================  ==========  ================================================================
actorgraph ``type``      ``event``   ``mode``
=======================  ==========  ================================================================
CONSULT                  CONSULT     from ``Event.mode``: visit → visit; host → visit, with source and
                                     target swapped (PLOVER: the visitor is the source, the host the
                                     recipient); phone, online → phone; meeting → null
MEET, MEETING            CONSULT     as CONSULT
VISIT                    CONSULT     visit
HOST                     CONSULT     visit (source and target swapped)
PHONE_CALL               CONSULT     phone
SUMMIT_OR_CONFERENCE     CONSULT     multilateral (PLOVER's mode for "a meeting in a multilateral
SUMMIT, CONFERENCE                   context, typically an alliance or IGO"; PLOVER has no "summit")
AGREE                    AGREE       ``Event.mode`` as given (actorgraph's AGREE also covers signing,
                                     which PLOVER would code SUPPORT; the type is kept as it stands)
SUPPORT                  SUPPORT     ``Event.mode`` as given
REQUEST                  REQUEST     ``Event.mode`` as given (appeals included, as in POLECAT, although
                                     the manual drops CAMEO 02 "appeal")
AGREEMENT                SUPPORT     null (PLOVER codes signing or ratifying an agreement as SUPPORT;
                                     promising to sign one is AGREE)
DEMAND                   REQUEST     null
any other PLOVER         itself      ``Event.mode`` as given
category
STATEMENT                —           not exported: PLOVER drops CAMEO 01 "make public statement"
COOCCUR                  —           not exported: co-occurrence in a sentence is not an event
anything else            by CAMEO    ``Event.cameo``'s cue category (below), else not exported
=======================  ==========  ================================================================

CAMEO cue categories (PLOVER manual, "CAMEO to PLOVER translation"): 03 AGREE, 04 CONSULT (041
phone, 042 visit, 043 host → visit swapped, 044 third-party), 05 SUPPORT, 06 COOPERATE, 07 AID,
081–083 CONCEDE, 084–087 RETREAT, 09 ACCUSE, 10 REQUEST, 11 ACCUSE, 12 REJECT, 13 THREATEN,
14 PROTEST, 15 MOBILIZE, 16 SANCTION, 17 COERCE, 18–20 ASSAULT; 01 and 02 are dropped.

Record
------
``id``, ``date`` (actorgraph's date at its precision, ``2024``, ``2024-07`` or ``2024-07-03``, or
null) and ``date_precision``, ``event`` (one category), ``mode`` (or null), ``quad_code``,
``source`` and ``target`` (lists of actor objects; an event without a source/target split has
every participant in ``source`` and an empty ``target``, as PLOVER does for symmetric
consultations), ``recipient`` (the same list as ``target``: the manual's current name for it),
``event_loc``, ``event_text`` (the first evidence sentence), ``text_info`` (one
``{document, sentence, start, end}`` per piece of evidence, offsets into the raw text),
``cite_info`` (one ``{document, title, url, language, publication, duplicate_of}`` per evidence
document), ``context`` (empty: not coded), ``confidence``, ``num_documents``, ``num_mentions``,
``cameo`` and ``actorgraph_type``.

An actor object is ``{"actor_text", "code", "identifier_id", "identifier_text", "id"}``, plus
``sector`` and ``igo`` where they apply: ``actor_text`` is the actor's canonical label; ``code`` is
the ISO alpha-3 code of a state (``iso:KAZ`` → ``KAZ``), the state's code for its capital (with
``sector: "GOV"``, CAMEO's reading of a capital as its government), ``IGO`` for an international
organisation (its short name in ``igo``: ``igo:sco`` → ``SCO``), null otherwise;
``identifier_id``/``identifier_text`` are the KB id and label when the knowledge base backs the
actor, else null; ``id`` is the actorgraph actor id. ``event_loc`` is
``{"id", "name", "code", "cc3"}`` for the location actor (``cc3`` only for states and capitals) or
null.
"""

from __future__ import annotations

import os
from typing import Any

from ..records import Actor, Document, Event, Graph
from ..spill import in_id_order
from .atomic import atomic_open
from .jsontext import plain

__all__ = ["PLOVER_CATEGORIES", "QUAD_CODES", "plover_category", "plover_records", "write_plover"]

QUAD_CODES: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
PLOVER_CATEGORIES = tuple(QUAD_CODES)

#: Swap source and target: the actorgraph event names the host first, PLOVER the visitor.
_SWAP = "swap"
#: Take the mode from ``Event.mode`` through ``_CONSULT_MODES``.
_FROM_EVENT = "from-event"

#: actorgraph type → (PLOVER category, mode or _FROM_EVENT, swap?).
_TYPES: dict[str, tuple[str, str | None, bool]] = {
    "CONSULT": ("CONSULT", _FROM_EVENT, False),
    "MEET": ("CONSULT", _FROM_EVENT, False),
    "MEETING": ("CONSULT", _FROM_EVENT, False),
    "VISIT": ("CONSULT", "visit", False),
    "HOST": ("CONSULT", "visit", True),
    "PHONE_CALL": ("CONSULT", "phone", False),
    "SUMMIT_OR_CONFERENCE": ("CONSULT", "multilateral", False),
    "SUMMIT": ("CONSULT", "multilateral", False),
    "CONFERENCE": ("CONSULT", "multilateral", False),
    "AGREEMENT": ("SUPPORT", None, False),
    "DEMAND": ("REQUEST", None, False),
}
#: Types that are deliberately not exported.
_DROPPED = frozenset({"COOCCUR", "STATEMENT"})

#: ``Event.mode`` of a consultation → PLOVER CONSULT mode and whether to swap source/target.
_CONSULT_MODES: dict[str, tuple[str | None, bool]] = {
    "visit": ("visit", False),
    "host": ("visit", True),
    "phone": ("phone", False),
    "online": ("phone", False),
    "meeting": (None, False),
    "third-party": ("third-party", False),
    "multilateral": ("multilateral", False),
    "summit": ("multilateral", False),
    "conference": ("multilateral", False),
}

#: CAMEO cue category (two digits) → PLOVER category; 01 and 02 are dropped by PLOVER.
_CAMEO: dict[str, str] = {
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
#: CAMEO 3-digit consultation codes → PLOVER CONSULT mode and swap.
_CAMEO_CONSULT: dict[str, tuple[str | None, bool]] = {
    "041": ("phone", False),
    "042": ("visit", False),
    "043": ("visit", True),
    "044": ("third-party", False),
}


def plover_category(event: Event) -> tuple[str, str | None, bool] | None:
    """``(category, mode, swap)`` of ``event`` in PLOVER, or None if it is not exported.

    ``swap`` says that the event's source and target must be exchanged (a hosted visit).

    Examples
    --------
    >>> e = Event("ev:1", "SUMMIT_OR_CONFERENCE", None, None, None, ("iso:KAZ", "igo:sco"))
    >>> plover_category(e)
    ('CONSULT', 'multilateral', False)
    >>> plover_category(Event("ev:2", "STATEMENT", None, None, None, ("iso:KAZ",))) is None
    True
    """
    kind = event.type.upper()
    if kind in _DROPPED:
        return None
    if kind in _TYPES:
        category, mode, swap = _TYPES[kind]
        if mode == _FROM_EVENT:
            mode, swap = _consult_mode(event)
        return category, mode, swap
    if kind in QUAD_CODES:
        return kind, event.mode, False
    return _from_cameo(event.cameo)


def _consult_mode(event: Event) -> tuple[str | None, bool]:
    if event.mode:
        return _CONSULT_MODES.get(event.mode.lower(), (None, False))
    if event.cameo:
        return _CAMEO_CONSULT.get(event.cameo[:3], (None, False))
    return None, False


def _from_cameo(cameo: str | None) -> tuple[str, str | None, bool] | None:
    if not cameo or len(cameo) < 2 or cameo[:2] not in _CAMEO:
        return None
    category = _CAMEO[cameo[:2]]
    if category == "CONCEDE" and cameo[:3] in ("084", "085", "086", "087"):
        category = "RETREAT"
    if category == "CONSULT":
        return (category, *_CAMEO_CONSULT.get(cameo[:3], (None, False)))
    return category, None, False


def _kb_code(actor_id: str) -> tuple[str | None, dict[str, str]]:
    """PLOVER ``code`` of a (KB) actor id, and extra fields (``sector``, ``igo``)."""
    prefix, _, rest = actor_id.partition(":")
    if prefix == "iso" and rest:
        return rest.upper(), {}
    if prefix == "capital" and rest:
        return rest.upper(), {"sector": "GOV"}
    if prefix == "igo" and rest:
        return "IGO", {"igo": rest.upper()}
    return None, {}


def _actor(actor_id: str, actors: dict[str, Actor]) -> dict[str, Any]:
    actor = actors.get(actor_id)
    kb_id = actor.kb_id if actor is not None else None
    label = actor.label if actor is not None else actor_id
    code, extra = _kb_code(kb_id or actor_id)
    return {
        "actor_text": label,
        "code": code,
        "identifier_id": kb_id,
        "identifier_text": label if kb_id else None,
        "id": actor_id,
        **extra,
    }


def _location(actor_id: str | None, actors: dict[str, Actor]) -> dict[str, Any] | None:
    if actor_id is None:
        return None
    actor = actors.get(actor_id)
    code, _ = _kb_code((actor.kb_id if actor is not None else None) or actor_id)
    return {
        "id": actor_id,
        "name": actor.label if actor is not None else actor_id,
        "code": code,
        "cc3": code if code not in (None, "IGO") else None,
    }


def _sides(event: Event, swap: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    source, target = event.source, event.target
    if not source and not target:
        return event.participants, ()
    if not source:
        source = tuple(p for p in event.participants if p not in target)
    if swap and target:
        source, target = target, source
    return source, target


def _cite(doc_id: str, documents: dict[str, Document]) -> dict[str, Any]:
    doc = documents.get(doc_id)
    return {
        "document": doc_id,
        "title": doc.title if doc else None,
        "url": doc.url if doc else None,
        "language": doc.language if doc else None,
        "publication": doc.source if doc else None,
        "duplicate_of": doc.duplicate_of if doc else None,
    }


def plover_records(graph: Graph) -> list[dict[str, Any]]:
    """The PLOVER record of every exported event of ``graph``, sorted by event id."""
    actors = {a.id: a for a in graph.actors}
    documents = {d.id: d for d in graph.documents}
    records: list[dict[str, Any]] = []
    for event in in_id_order(graph.events):
        category = plover_category(event)
        if category is None or not event.participants:
            continue
        name, mode, swap = category
        source, target = _sides(event, swap)
        targets = [_actor(a, actors) for a in target]
        records.append(
            {
                "id": event.id,
                "date": event.date,
                "date_precision": event.date_precision,
                "event": name,
                "mode": mode,
                "quad_code": QUAD_CODES[name],
                "source": [_actor(a, actors) for a in source],
                "target": targets,
                "recipient": targets,
                "event_loc": _location(event.location, actors),
                "event_text": event.evidence[0].text if event.evidence else None,
                "text_info": [
                    {"document": ev.document, "sentence": ev.sentence, "start": ev.start, "end": ev.end}
                    for ev in event.evidence
                ],
                "cite_info": [_cite(d, documents) for d in sorted({ev.document for ev in event.evidence})],
                "context": [],
                "confidence": event.confidence,
                "num_documents": event.num_documents,
                "num_mentions": event.num_mentions,
                "cameo": event.cameo,
                "actorgraph_type": event.type,
            }
        )
    return records


def write_plover(graph: Graph, path: str | os.PathLike) -> None:
    """Write the events of ``graph`` as PLOVER JSON lines to ``path`` (temp file, then rename)."""
    with atomic_open(path, "w") as handle:
        for record in plover_records(graph):
            handle.write(plain(record))
            handle.write("\n")
