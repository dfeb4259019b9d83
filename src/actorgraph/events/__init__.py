"""Events: sentences in which two or more actors take part.

An event is, for now, one sentence naming at least two actors (type ``COOCCUR``). A place
that only locates the event ("in Astana") becomes its ``location``, not a participant.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import cache

from ..records import Actor, Analysis, Event, Evidence, Mention
from ..resolve import MentionKey, mention_key
from ..resources import load_resource

__all__ = ["event_id", "extract_events"]

_PLACE_TYPES = ("GPE", "LOC")
_LAST_WORD = re.compile(r"(\w+)\W*$")


def event_id(*parts: str) -> str:
    """A stable id derived from content: the same evidence gives the same id."""
    return "ev:" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@cache
def _locatives(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_resource("names", lang).get("locative_prepositions", []))


def _is_locative(mention: Mention, raw: str, sentence_start: int) -> bool:
    if mention.source == "compound":  # "im Ukraine-Konflikt" names a topic, not a place
        return False
    before = raw[max(sentence_start, mention.start - 20) : mention.start]
    match = _LAST_WORD.search(before)
    return bool(match) and match.group(1).lower() in _locatives(mention.lang)


def extract_events(
    analyses: Iterable[Analysis], assignment: Mapping[MentionKey, str], actors: Iterable[Actor]
) -> tuple[Event, ...]:
    """One event per sentence with two or more participating actors, sorted by id."""
    types = {actor.id: actor.type for actor in actors}
    events: list[Event] = []
    for analysis in analyses:
        doc = analysis.document
        by_sentence: dict[int, list[Mention]] = {}
        for m in analysis.mentions:
            if mention_key(m) in assignment:
                by_sentence.setdefault(m.sentence, []).append(m)
        for sentence in analysis.sentences:
            mentions = by_sentence.get(sentence.index, [])
            if len(mentions) < 2:
                continue
            location = None
            participants: list[str] = []
            for m in mentions:
                actor = assignment[mention_key(m)]
                if types.get(actor) in _PLACE_TYPES and _is_locative(m, doc.text_raw, sentence.start):
                    location = location or actor
                elif actor not in participants:
                    participants.append(actor)
            if len(participants) < 2:
                continue
            evidence = Evidence(doc.id, sentence.index, sentence.start, sentence.end, sentence.text)
            events.append(
                Event(
                    id=event_id(doc.id, str(sentence.index)),
                    type="COOCCUR",
                    date=doc.date,
                    date_precision=doc.date_precision,
                    location=location if location not in participants else None,
                    participants=tuple(sorted(participants)),
                    evidence=(evidence,),
                )
            )
    return tuple(sorted(events, key=lambda e: e.id))
