"""What a sentence says about events: triggers (on lemmas), roles, dates, back-references.

Runs inside annotation while the spaCy ``Doc`` exists, on the few sentences that can carry an
event. Where the pipeline has a dependency parser, the subjects of a trigger are its sources
and its objects the targets; otherwise word order decides (documented in docs/events.md):
actors after "mit"/"with"/"an" are targets, persons before them sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Token

from ..records import Cue, TimeExpression, Trigger
from ..resources import load_resource
from .times import find_times

if TYPE_CHECKING:
    from ..annotate.lemmas import LemmaCandidates

__all__ = [
    "EventLexicon",
    "could_become_trigger",
    "has_trigger",
    "lexicon",
    "may_have_trigger",
    "sentence_cue",
]

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "sb"}
_OBJECTS = {"dobj", "dative", "attr", "oprd", "pobj", "obj", "iobj", "oa", "da", "obl"}
_TARGET_WORDS = {"mit", "with", "an", "zwischen", "between", "to", "gegenüber", "gegen", "against"}


class EventLexicon(NamedTuple):
    triggers: dict[str, tuple[str, str | None, str | None]]
    compound_heads: tuple[str, ...]
    refers_back: re.Pattern | None
    time_shift: re.Pattern | None
    future: re.Pattern | None
    gathering_words: re.Pattern | None


def _alternation(patterns: Sequence[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@cache
def lexicon(lang: str) -> EventLexicon:
    data = load_resource("events", lang)
    triggers = {k.lower(): tuple(v) for k, v in data.get("triggers", {}).items()}
    gatherings = set(load_resource("events", "common").get("gatherings", []))
    heads = tuple(sorted((k for k in triggers if len(k) >= 5 and "-" not in k), key=len, reverse=True))
    gathering_words = [re.escape(k) for k, v in triggers.items() if v[0] in gatherings]
    triggers = {k: (v[0] or "", v[1], v[2]) for k, v in triggers.items()}
    return EventLexicon(
        triggers,
        heads,
        _alternation(data.get("refers_back", [])),
        _alternation(data.get("time_shift", [])),
        _alternation(data.get("future", [])),
        re.compile("|".join(gathering_words), re.IGNORECASE) if gathering_words else None,
    )


def _trigger(token: Token, lex: EventLexicon, compounds: bool) -> tuple[str, tuple] | None:
    return _trigger_in(token, (token.lemma_.lower(), token.lower_), lex, compounds)


def _trigger_in(token: Token | None, forms, lex: EventLexicon, compounds: bool) -> tuple[str, tuple] | None:
    """The trigger among ``forms`` of ``token``; ``token`` is only read for compounds."""
    for form in forms:
        if form in lex.triggers:
            return form, lex.triggers[form]
        tail = form.rsplit("-", 1)[-1]
        if tail in lex.triggers:
            return tail, lex.triggers[tail]
        if compounds and form.endswith(lex.compound_heads) and token.is_alpha and token.text[:1].isupper():
            for head in lex.compound_heads:
                if form.endswith(head) and len(form) > len(head) + 2:
                    return head, lex.triggers[head]
    return None


def has_trigger(doc: Doc, *, lang: str) -> bool:
    """Whether any word of the lemmatized ``doc`` names an event: only then is its parse used."""
    lex = lexicon(lang)
    return any(_trigger(t, lex, compounds=lang == "de") is not None for t in doc)


def could_become_trigger(
    token: Token, *, lang: str, lemmas: LemmaCandidates, also: tuple[str, ...] = ()
) -> bool:
    """Whether a lemma the rule lemmatizer may give ``token`` (or one of ``also``) names an
    event: a token for which this is false has no trigger however it is lemmatized, and need
    not be (see ``annotate.lemmas``)."""
    return _trigger_in(token, (*lemmas(token.lower_), *also), lexicon(lang), lang == "de") is not None


def may_have_trigger(words: Iterable[Token], *, lang: str, lemmas: LemmaCandidates) -> bool:
    """Whether any word could name an event once lemmatized, given every lemma ``lemmas`` says
    it may get: when not, tagging the sentence cannot find a trigger (see ``annotate.lemmas``)."""
    lex = lexicon(lang)
    compounds = lang == "de"
    words = list(words)
    if words and _trigger_in(None, lemmas.assigned, lex, compounds=False) is not None:
        return True  # a lemma any word may get names an event
    extra = (
        tuple(lemmas.assigned)
        if compounds and any(f.endswith(lex.compound_heads) for f in lemmas.assigned)
        else ()
    )
    return any(could_become_trigger(t, lang=lang, lemmas=lemmas, also=extra) for t in words)


def _parse_roles(doc: Doc, triggers: list[Token], spans: list[tuple[int, int]]):
    """Sources and targets (indices into ``spans``, token ranges) from the dependency parse."""
    subject_tokens: set[int] = set()
    object_tokens: set[int] = set()
    for trigger in triggers:
        verb = trigger
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            if child.dep_ in _SUBJECTS or child.dep_ == "agent":
                subject_tokens.update(t.i for t in child.subtree)
            elif child.dep_ in _OBJECTS or child.dep_ == "prep":
                object_tokens.update(t.i for t in child.subtree)
        if trigger.i != verb.i:
            for child in trigger.children:
                if child.dep_ in ("prep", "poss", "compound", "pobj", "nmod"):
                    object_tokens.update(t.i for t in child.subtree)
    sources, targets = [], []
    for n, (start, end) in enumerate(spans):
        root = doc[start:end].root.i
        if root in subject_tokens:
            sources.append(n)
        elif root in object_tokens:
            targets.append(n)
    return sources, targets


def _order_roles(doc: Doc, spans: list[tuple[int, int]], labels: list[str]):
    """Word-order roles where there is no parse: after "mit"/"with" is a target; persons act."""
    targets = [
        n
        for n, (start, _) in enumerate(spans)
        if any(t.lower_ in _TARGET_WORDS for t in doc[max(0, start - 3) : start])
    ]
    rest = [n for n in range(len(spans)) if n not in targets]
    persons = [n for n in rest if labels[n] == "PERSON"]
    sources = persons or rest[:1]
    return sources, targets


def sentence_cue(
    index: int,
    doc: Doc,
    mentions: Sequence[tuple[int, int, str, tuple[int, int]]],
    *,
    lang: str,
    parsed: bool,
    to_raw: Callable[[int, int], tuple[int, int]],
) -> Cue:
    """The cue of one sentence.

    Parameters
    ----------
    index : int
        The sentence's index in the document.
    doc : Doc
        The sentence as its own ``Doc`` (with lemmas, and a parse when ``parsed``).
    mentions : sequence of (start_char, end_char, label, raw span)
        The sentence's mentions, character offsets relative to ``doc.text``.
    to_raw : callable
        Maps character offsets relative to ``doc.text`` to raw document offsets.
    """
    lex = lexicon(lang)
    inside = {i for start, end, _, _ in mentions for i in range(start, end)}
    found = [(t, _trigger(t, lex, compounds=lang == "de")) for t in doc if t.idx not in inside]
    found = [(t, hit) for t, hit in found if hit is not None]  # "Konferenz" in "Konferenz über …" is a name
    triggers = tuple(
        Trigger(lemma, kind, mode, cameo, *to_raw(t.idx, t.idx + len(t.text)))
        for t, (lemma, (kind, mode, cameo)) in found
    )
    spans: list[tuple[int, int]] = []
    for start_char, end_char, _, _ in mentions:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        spans.append((span.start, span.end) if span is not None else (0, 0))
    labels = [label for _, _, label, _ in mentions]
    sources: list[int] = []
    targets: list[int] = []
    if parsed and found:
        sources, targets = _parse_roles(doc, [t for t, _ in found], spans)
    if not sources and not targets:
        sources, targets = _order_roles(doc, spans, labels)
        parsed = False
    text = doc.text
    times = tuple(_shift(t, to_raw) for t in find_times(text, lang))
    return Cue(
        sentence=index,
        triggers=triggers,
        sources=tuple(mentions[n][3] for n in sources),
        targets=tuple(mentions[n][3] for n in targets),
        times=times,
        refers_back=_first(lex.refers_back, text),
        future=bool(lex.future and lex.future.search(text)),
        time_shift=bool(lex.time_shift and lex.time_shift.search(text)),
        parsed=parsed,
    )


def _first(pattern: re.Pattern | None, text: str) -> str:
    match = pattern.search(text) if pattern is not None else None
    return match.group().lower() if match else ""


def _shift(time: TimeExpression, to_raw: Callable[[int, int], tuple[int, int]]) -> TimeExpression:
    start, end = to_raw(time.start, time.end)
    return replace(time, start=start, end=end)
