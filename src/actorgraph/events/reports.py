"""Per-document reports: one per sentence that can carry an event, grouped into gatherings.

A report is what one sentence says: its type (from trigger lemmas), participants, location and
date. Within an article, reports are grouped the way news is written: a gathering (a meeting,
visit, summit or forum) opens a frame; later sentences join it when they refer back to it
("bei dem Treffen", "the sides"), or when they share an actor with it and don't move to another
time ("zuvor", "earlier", an explicit other date). A frame that names fewer than two actors takes
them from the next sentence ("A forum took place. President X and his colleague Y ...").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from ..dates import DateValue
from ..records import Analysis, Cue, Mention
from ..resolve import MentionKey, mention_key
from ..resources import load_resource
from .times import ReportDate, resolve_time

__all__ = ["Report", "document_reports"]

_PLACE_TYPES = ("GPE", "LOC")
_LAST_WORD = re.compile(r"(\w+)\W*$")
_NO_CUE = Cue(sentence=-1)


@dataclass
class Report:
    """A sentence's account of an event, or a frame of several sentences about one gathering."""

    document: str
    sentences: list[int]
    type: str
    mode: str | None
    cameo: str | None
    participants: list[str]
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    #: Places that locate the report ("in Astana"), in order; the event picks its venue from them.
    locations: list[str] = field(default_factory=list)
    dates: list[ReportDate] = field(default_factory=list)
    own_time: bool = False
    parsed: bool = False
    #: The actors that define a gathering frame; sentences joining it don't extend it.
    core: list[str] = field(default_factory=list)

    def add(self, other: Report, *, extend_core: bool = False) -> None:
        if extend_core:
            self.core.extend(a for a in other.participants if a not in self.core)
        for attr in ("participants", "sources", "targets"):
            values = getattr(self, attr)
            values.extend(a for a in getattr(other, attr) if a not in values)
        self.sentences.extend(s for s in other.sentences if s not in self.sentences)
        self.locations.extend(other.locations)
        self.dates.extend(other.dates)
        self.parsed = self.parsed or other.parsed
        if self.mode is None:
            self.mode = other.mode


@cache
def _common() -> dict:
    return load_resource("events", "common")


@cache
def _locatives(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_resource("names", lang).get("locative_prepositions", []))


def _is_locative(mention: Mention, raw: str, sentence_start: int) -> bool:
    if mention.source == "compound":  # "im Ukraine-Konflikt" names a topic, not a place
        return False
    match = _LAST_WORD.search(raw[max(sentence_start, mention.start - 20) : mention.start])
    return bool(match) and match.group(1).lower() in _locatives(mention.lang)


_COORDINATION = re.compile(r"\s*(?:,|und|and|sowie|&)\s*$", re.IGNORECASE)


def _coordinated(previous: Mention, mention: Mention, raw: str) -> bool:
    """ "in Almaty und Astana": a place joined to a locative place is locative too."""
    return bool(_COORDINATION.fullmatch(raw[previous.end : mention.start]))


def _choose_type(cue: Cue) -> tuple[str, str | None, str | None]:
    priority = _common()["type_priority"]
    ranked = sorted(
        cue.triggers, key=lambda t: (priority.index(t.type) if t.type in priority else 99, t.start)
    )
    if not ranked:
        return "COOCCUR", None, None
    best = ranked[0]
    modes = [t.mode for t in ranked if t.type == best.type and t.mode and t.mode != "meeting"]
    return best.type, modes[0] if modes else best.mode, best.cameo


def _base_date(analysis: Analysis) -> DateValue | None:
    doc = analysis.document
    return DateValue(doc.date, doc.date_precision) if doc.date and doc.date_precision else None


def document_reports(
    analysis: Analysis, assignment: Mapping[MentionKey, str], types: Mapping[str, str]
) -> list[Report]:
    """The event reports of one document, gatherings already grouped into frames."""
    doc = analysis.document
    lang = doc.language or "en"
    gatherings = set(_common()["gatherings"])
    base = _base_date(analysis)
    cues = {c.sentence: c for c in analysis.cues}
    by_sentence: dict[int, list[Mention]] = {}
    dateline: str | None = None
    for m in analysis.mentions:
        actor = assignment.get(mention_key(m))
        if actor is None:
            continue
        if m.source == "dateline":
            dateline = dateline or actor
            continue
        by_sentence.setdefault(m.sentence, []).append(m)
    frames: list[Report] = []
    reports: list[Report] = []
    previous_date: ReportDate | None = None
    open_frame: Report | None = None
    for sentence in analysis.sentences:
        cue = cues.get(sentence.index, _NO_CUE)
        mentions = by_sentence.get(sentence.index, [])
        if not mentions and not cue.triggers:
            continue
        kind, mode, cameo = _choose_type(cue)
        participants: list[str] = []
        locations: list[str] = []
        previous: Mention | None = None
        for m in mentions:
            actor = assignment[mention_key(m)]
            place = types.get(actor) in _PLACE_TYPES
            if place and (
                _is_locative(m, doc.text_raw, sentence.start)
                or (previous is not None and _coordinated(previous, m, doc.text_raw))
            ):
                locations.append(actor)
                previous = m
            elif actor not in participants:
                participants.append(actor)
                previous = None
        locations = [loc for loc in locations if loc not in participants]
        span_actor = {(m.start, m.end): assignment[mention_key(m)] for m in mentions}
        dates = []
        for time in cue.times:
            resolved = resolve_time(time, base=base, previous=previous_date, lang=lang)
            if resolved.kind != "unknown" or time.weekday is not None or time.year_offset is not None:
                dates.append(resolved)
                break
        if dates and dates[0].iso:
            previous_date = dates[0]
        report = Report(
            document=doc.id,
            sentences=[sentence.index],
            type=kind,
            mode=mode,
            cameo=cameo,
            participants=participants,
            sources=[span_actor[s] for s in cue.sources if s in span_actor and span_actor[s] in participants],
            targets=[span_actor[s] for s in cue.targets if s in span_actor and span_actor[s] in participants],
            locations=locations,
            dates=[d for d in dates if d.kind != "unknown"],
            own_time=bool(dates) or cue.time_shift,
            parsed=cue.parsed,
        )
        is_gathering = kind in gatherings
        absorbs = open_frame is not None and len(open_frame.participants) < 2
        if absorbs and not report.own_time and participants:
            # "A forum took place. President X and his colleague Y ..."
            open_frame.add(report, extend_core=True)
            open_frame = None
            continue
        open_frame = None
        target = _frame_for(report, cue, frames, is_gathering, types)
        if target is not None:
            target.add(report)
        elif is_gathering:
            report.core = list(participants)
            frames.append(report)
            open_frame = report if len(report.participants) < 2 else None
        elif len(participants) >= 2:
            reports.append(report)
    for report in frames + reports:
        if not report.locations and dateline is not None and dateline not in report.participants:
            report.locations.append(dateline)
        if not report.dates and not report.own_time and base is not None:
            report.dates.append(ReportDate(base.iso, base.precision, None, "document", "document date"))
    return [r for r in frames + reports if len(r.participants) >= 2]


def shares_enough(a: Sequence[str], b: Sequence[str], types: Mapping[str, str]) -> bool:
    """Two actors in common, one of them a person. States and organisations co-occur all the
    time, so sharing only those says little about whether two reports are one event."""
    shared = set(a) & set(b)
    return len(shared) >= 2 and any(types.get(x) == "PERSON" for x in shared)


def _frame_for(
    report: Report, cue: Cue, frames: list[Report], is_gathering: bool, types: Mapping[str, str]
) -> Report | None:
    """The gathering frame a report belongs to, if any (the most recent that fits).

    A report joins when it refers back to the gathering, or when it shares a person with the
    frame's core actors and doesn't move to another time.
    """
    if not frames:
        return None
    if cue.refers_back and not cue.time_shift:
        return frames[-1]
    if cue.time_shift or (report.own_time and any(d.iso for d in report.dates)):
        return None
    gatherings = set(_common()["gatherings"])
    for frame in reversed(frames):
        if is_gathering and frame.type != report.type and {frame.type, report.type} != gatherings:
            continue
        shared = set(frame.core) & set(report.participants)
        if any(types.get(a) == "PERSON" for a in shared):
            return frame
    return None
