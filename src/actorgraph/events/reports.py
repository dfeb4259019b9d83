"""Per-document reports: one per sentence that can carry an event, grouped into gatherings.

A report is what one sentence says: its type (from trigger lemmas), participants, places and
date. Within an article, reports are grouped the way news is written (docs/events.md):

- a gathering (a meeting, visit, summit or forum) opens a frame, unless it is one still to
  come ("am künftigen Gipfel teilzunehmen");
- a sentence naming the same gathering again ("Ministertreffen" … "am ersten Ministertreffen"),
  or referring back to it ("bei dem Treffen", "das Forum", "the sides"), joins it;
- a sentence that shares a person with a frame, or any actor with the frame just reported,
  joins it, unless it moves to another time ("zuvor", "earlier", an explicit other date);
- a frame that names fewer than two actors takes them from the next sentence ("A forum took
  place. President X and his colleague Y …").

The actors of the sentences that report the gathering itself are the frame's *core*; the
cross-article merge compares cores, not every actor a joined sentence mentions in passing.

What an actor said or did (a statement, support, a request, an agreement) is also an *act* of
its own, whether or not its sentence joined a frame, as PLOVER and PETRARCH code each: an
article keeps an act of one type once for the actors it first names, and an act said at a
gathering without a time or place of its own takes the gathering's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from ..dates import DateValue
from ..records import Analysis, Cue, Mention, Trigger
from ..resolve import MentionKey, mention_key
from ..resources import load_resource
from .times import ReportDate, resolve_time

__all__ = ["Report", "document_reports", "shares_enough"]

_PLACE_TYPES = ("GPE", "LOC")
_COORDINATION = re.compile(r"\s*(?:,|und|and|sowie|&)\s*", re.IGNORECASE)
_NO_CUE = Cue(sentence=-1)
_ARTICLES = frozenset({"the", "der", "dem", "die", "den"})
#: A sentence this close to a frame's last sentence joins it by sharing any core actor.
NEAR_SENTENCES = 6


#: The list fields a report grows while its article is read; :meth:`Report.settled` freezes them.
_GROWING = frozenset(
    {"sentences", "participants", "sources", "targets", "locations", "venues", "dates", "core"}
)


@dataclass(slots=True)
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
    #: Places that locate the report ("in Astana"), in order.
    locations: list[str] = field(default_factory=list)
    #: Places named in the sentences about the gathering itself: the venue comes from these.
    venues: list[str] = field(default_factory=list)
    dates: list[ReportDate] = field(default_factory=list)
    own_time: bool = False
    parsed: bool = False
    #: The actors that define a gathering; sentences merely joining it don't extend it.
    core: list[str] = field(default_factory=list)
    #: Trigger lemmas of the gathering ("treffen", "forum"), to recognise it when named again.
    lemmas: set[str] = field(default_factory=set)

    def settled(self) -> Report:
        """A copy for the corpus-wide merge, which only reads it: its lists become tuples (an
        empty one costs nothing), and the trigger lemmas, which only the article's own frames
        compare, are left out. The merge holds every report of the corpus at once, so this
        keeps about a third of the memory."""
        lists = {name: tuple(getattr(self, name)) for name in _GROWING}
        return replace(self, **lists, lemmas=frozenset())

    def add(self, other: Report, *, about_gathering: bool = False) -> None:
        """Take in ``other``; ``about_gathering`` when it reports the gathering itself."""
        for attr in ("participants", "sources", "targets"):
            values = getattr(self, attr)
            values.extend(a for a in getattr(other, attr) if a not in values)
        if about_gathering:
            self.core.extend(a for a in other.participants if a not in self.core)
            self.venues.extend(other.locations)
            self.lemmas |= other.lemmas
        self.sentences.extend(s for s in other.sentences if s not in self.sentences)
        self.locations.extend(other.locations)
        self.dates.extend(other.dates)
        self.parsed = self.parsed or other.parsed
        if self.mode in (None, "meeting") and other.mode not in (None, "meeting"):
            self.mode = other.mode


@cache
def _common() -> dict:
    return load_resource("events", "common")


@cache
def _locatives(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_resource("names", lang).get("locative_prepositions", []))


def _is_locative(mention: Mention, raw: str, sentence_start: int) -> bool:
    """Is the place preceded by "in"/"at" (allowing an article: "in the Kazakh capital")?"""
    if mention.source == "compound":  # "im Ukraine-Konflikt" names a topic, not a place
        return False
    before = raw[max(sentence_start, mention.start - 30) : mention.start].lower().split()
    locatives = _locatives(mention.lang)
    return bool(before) and (
        before[-1] in locatives or (len(before) > 1 and before[-1] in _ARTICLES and before[-2] in locatives)
    )


def _rank(trigger: Trigger) -> tuple[int, int]:
    """Triggers by the priority of their type (``type_priority``), then by position."""
    priority = _common()["type_priority"]
    return (priority.index(trigger.type) if trigger.type in priority else 99, trigger.start)


def _choose_type(cue: Cue) -> tuple[str, str | None, str | None, set[str]]:
    """Type, mode, CAMEO code and gathering lemmas of a sentence; a gathering still to come
    ("am künftigen Gipfel teilzunehmen") doesn't make the sentence a gathering."""
    gatherings = set(_common()["gatherings"])
    typed = [t for t in cue.triggers if t.type and not (cue.future and t.type in gatherings)]
    modes = [t.mode for t in cue.triggers if t.mode and t.mode != "meeting"]
    if not typed:
        return "COOCCUR", None, None, set()
    best = min(typed, key=_rank)
    lemmas = {t.lemma for t in typed if t.type in gatherings} if best.type in gatherings else set()
    return best.type, modes[0] if modes else best.mode, best.cameo, lemmas


def _act(cue: Cue) -> tuple[str, str | None] | None:
    """Type and CAMEO code of what the sentence says an actor did (a statement, support, a
    request, an agreement), whatever gathering it also names: "X praised Y at the meeting"
    reports the meeting and the praise."""
    gatherings = set(_common()["gatherings"])
    acts = [t for t in cue.triggers if t.type and t.type not in gatherings]
    if not acts:
        return None
    best = min(acts, key=_rank)
    return best.type, best.cameo


def _as_act(report: Report, kind: str, cameo: str | None) -> Report:
    """A copy of a sentence's report as the act it names, with lists of its own."""
    lists = {name: list(getattr(report, name)) for name in _GROWING - {"venues", "core"}}
    return replace(report, **lists, type=kind, cameo=cameo, mode=None, venues=[], core=[], lemmas=set())


def _base_date(analysis: Analysis) -> DateValue | None:
    doc = analysis.document
    return DateValue(doc.date, doc.date_precision) if doc.date and doc.date_precision else None


def shares_enough(a: Sequence[str], b: Sequence[str], types: Mapping[str, str]) -> bool:
    """Two actors in common, one of them a person. States and organisations co-occur all the
    time, so sharing only those says little about whether two reports are one event."""
    shared = set(a) & set(b)
    return len(shared) >= 2 and any(types.get(x) == "PERSON" for x in shared)


class _Builder:
    """Groups one document's sentence reports into frames, acts and co-occurrences."""

    def __init__(self, types: Mapping[str, str]):
        self.types = types
        self.gatherings = set(_common()["gatherings"])
        self.frames: list[Report] = []
        self.reports: list[Report] = []
        #: What actors said or did (statements, support, requests, agreements), each once.
        self.acts: list[Report] = []
        #: ``{i: frame}``: ``acts[i]`` was said at the gathering of ``frame``.
        self.act_frames: dict[int, Report] = {}
        self.open_frame: Report | None = None

    def add(self, report: Report, cue: Cue) -> None:
        act = _act(cue)
        frame = self._join(report, cue)
        if act is None:
            if frame is None and len(report.participants) >= 2:
                report.core = list(report.participants)
                self.reports.append(report)
        elif frame is not None or report.type != act[0]:
            self._add_act(_as_act(report, *act), frame)
        else:
            self._add_act(report, None)

    def _join(self, report: Report, cue: Cue) -> Report | None:
        """Add ``report`` to a gathering's frame, or open one with it: the frame, else None."""
        is_gathering = report.type in self.gatherings
        frame = self.open_frame
        self.open_frame = None
        if frame is not None and len(frame.participants) < 2 and not report.own_time and report.participants:
            frame.add(report, about_gathering=True)  # "A forum took place. President X and …"
            return frame
        target, about = self._frame_for(report, cue, is_gathering)
        if target is not None:
            target.add(report, about_gathering=about)
            return target
        if is_gathering:
            report.core = list(report.participants)
            report.venues = list(report.locations)
            self.frames.append(report)
            self.open_frame = report if len(report.participants) < 2 else None
            return report
        return None

    def _add_act(self, report: Report, frame: Report | None) -> None:
        """Keep each act once per article, as PETRARCH keeps a (source, target, code) once per
        story: a later report of the same type sharing two actors with the first, one a
        person, joins it. An act reported at a gathering happened when and where it did."""
        if len(report.participants) < 2:
            return
        for earlier in reversed(self.acts):
            if earlier.type == report.type and shares_enough(earlier.core, report.participants, self.types):
                earlier.add(report)
                return
        report.core = list(report.participants)
        report.venues = list(report.locations)
        self.acts.append(report)
        if frame is not None:
            self.act_frames[len(self.acts) - 1] = frame

    def settle_acts(self) -> None:
        """Give an act said at a gathering, with no time or place of its own, the gathering's."""
        for i, frame in self.act_frames.items():
            act = self.acts[i]
            if not act.own_time:
                act.dates.extend(frame.dates)
            if not act.locations:
                act.locations.extend(frame.venues or frame.locations)
                act.venues.extend(act.locations)

    def _frame_for(self, report: Report, cue: Cue, is_gathering: bool) -> tuple[Report | None, bool]:
        """The frame a report joins, and whether it reports the gathering itself."""
        if not self.frames:
            return None, False
        if cue.refers_back and not cue.time_shift:
            named = [f for f in self.frames if any(lemma in cue.refers_back for lemma in f.lemmas)]
            return (named or self.frames)[-1], True
        if cue.time_shift or (report.own_time and any(d.iso for d in report.dates)):
            return None, False
        if is_gathering:
            for frame in reversed(self.frames):
                if report.lemmas & frame.lemmas:
                    return frame, True  # the same gathering named again
        for frame in reversed(self.frames):
            if is_gathering and not self._compatible(frame.type, report.type):
                continue
            shared = set(frame.core) & set(report.participants)
            if any(self.types.get(a) == "PERSON" for a in shared):
                return frame, is_gathering
        latest = self.frames[-1]
        near = report.sentences[0] - max(latest.sentences) <= NEAR_SENTENCES
        if near and not is_gathering and set(latest.core) & set(report.participants):
            return latest, False
        return None, False

    def _compatible(self, a: str, b: str) -> bool:
        return a == b or {a, b} <= self.gatherings


def _places(mentions: list[Mention], assignment, types, raw: str, sentence_start: int):
    """Split a sentence's actors into participants and the places that locate it."""
    participants: list[str] = []
    locations: list[str] = []
    previous: Mention | None = None
    for m in mentions:
        actor = assignment[mention_key(m)]
        coordinated = previous is not None and _COORDINATION.fullmatch(raw[previous.end : m.start])
        if types.get(actor) in _PLACE_TYPES and (_is_locative(m, raw, sentence_start) or coordinated):
            locations.append(actor)
            previous = m
        else:
            if actor not in participants:
                participants.append(actor)
            previous = None
    return participants, [loc for loc in locations if loc not in participants]


def document_reports(
    analysis: Analysis, assignment: Mapping[MentionKey, str], types: Mapping[str, str]
) -> list[Report]:
    """The event reports of one document, gatherings already grouped into frames."""
    doc = analysis.document
    lang = doc.language or "en"
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
        else:
            by_sentence.setdefault(m.sentence, []).append(m)
    builder = _Builder(types)
    previous_date: ReportDate | None = None
    for sentence in analysis.sentences:
        cue = cues.get(sentence.index, _NO_CUE)
        mentions = by_sentence.get(sentence.index, [])
        if not mentions and not cue.triggers:
            continue
        kind, mode, cameo, lemmas = _choose_type(cue)
        participants, locations = _places(mentions, assignment, types, doc.text_raw, sentence.start)
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
            sources=[span_actor[s] for s in cue.sources if span_actor.get(s) in participants],
            targets=[span_actor[s] for s in cue.targets if span_actor.get(s) in participants],
            locations=locations,
            dates=[d for d in dates if d.kind != "unknown"],
            own_time=bool(dates) or cue.time_shift,
            parsed=cue.parsed,
            lemmas=lemmas,
        )
        builder.add(report, cue)
    builder.settle_acts()
    found = builder.frames + builder.reports + builder.acts
    for report in found:
        if not report.locations and dateline is not None and dateline not in report.participants:
            report.locations.append(dateline)
            report.venues.append(dateline)
        if not report.dates and not report.own_time and base is not None:
            report.dates.append(ReportDate(base.iso, base.precision, None, "document", "document date"))
    return [r for r in found if len(r.participants) >= 2]
