"""Per-document reports: gatherings grouped into frames, and what actors said or did at them."""

from __future__ import annotations

import re

from actorgraph.events import extract_events
from actorgraph.events.reports import document_reports
from actorgraph.records import Actor, Analysis, Cue, Document, Mention, Sentence, Trigger
from actorgraph.resolve import mention_key

TYPES = {"a": "PERSON", "b": "PERSON", "c": "PERSON", "kaz": "GPE", "un": "ORG", "astana": "GPE"}
NAMES = {"Aldan": "a", "Boris": "b", "Chen": "c", "Kazakhstan": "kaz", "UN": "un", "Astana": "astana"}
TRIGGERS = {
    "met": ("meet", "CONSULT", "040"),
    "meeting": ("meeting", "CONSULT", "040"),
    "praised": ("praise", "SUPPORT", "051"),
    "said": ("say", "STATEMENT", "010"),
    "urged": ("urge", "REQUEST", "020"),
}


def _reports(*sentences: str):
    """The reports of an article made of ``sentences``."""
    return document_reports(*_article(*sentences), TYPES)


def _article(*sentences: str):
    """The analysis of an article made of ``sentences`` and the actor of each mention; names
    and trigger words come from the tables above, found by their spelling."""
    text = " ".join(sentences)
    mentions, records, cues, assignment = [], [], [], {}
    start = 0
    for index, sentence in enumerate(sentences):
        records.append(Sentence(index, start, start + len(sentence), sentence))
        triggers = []
        for offset, word in _words(sentence, start):
            name = re.match(r"\w*", word).group()
            if name in NAMES:
                end = offset + len(name)
                mention = Mention("d1", index, offset, end, name, TYPES[NAMES[name]], "en")
                mentions.append(mention)
                assignment[mention_key(mention)] = NAMES[name]
            elif name in TRIGGERS:
                lemma, kind, cameo = TRIGGERS[name]
                triggers.append(Trigger(lemma, kind, None, cameo, offset, offset + len(word)))
        if triggers:
            cues.append(Cue(sentence=index, triggers=tuple(triggers)))
        start += len(sentence) + 1
    document = Document("d1", "d1.txt", text, text, language="en", date="2024-07-03", date_precision="day")
    return Analysis(document, tuple(records), tuple(mentions), tuple(cues)), assignment


def _words(sentence: str, start: int):
    offset = start
    for word in sentence.split(" "):
        yield offset, word
        offset += len(word) + 1


def _by_type(reports):
    found: dict[str, list] = {}
    for report in reports:
        found.setdefault(report.type, []).append(report)
    return found


def test_praise_at_a_meeting_is_its_own_event_held_where_the_meeting_was():
    reports = _by_type(_reports("Aldan met Boris in Astana.", "Aldan praised Kazakhstan and Boris."))
    assert set(reports) == {"CONSULT", "SUPPORT"}
    (meeting,), (praise,) = reports["CONSULT"], reports["SUPPORT"]
    assert meeting.sentences == [0, 1]  # the praise is still evidence of the meeting
    assert praise.sentences == [1] and praise.cameo == "051"
    assert praise.locations == ["astana"]


def test_a_sentence_naming_a_meeting_and_a_statement_reports_both():
    reports = _by_type(_reports("Aldan said at the meeting with Boris that Kazakhstan is ready."))
    assert set(reports) == {"CONSULT", "STATEMENT"}
    assert reports["STATEMENT"][0].participants == ["a", "b", "kaz"]


def test_one_sentence_reporting_a_meeting_and_an_act_gives_two_events():
    """Both have the same sentence as their only evidence; their ids still differ."""
    analysis, assignment = _article("Aldan said at the meeting with Boris that Kazakhstan is ready.")
    actors = [Actor(actor, actor, kind) for actor, kind in TYPES.items()]
    events = extract_events([analysis], assignment, actors)
    assert sorted(e.type for e in events) == ["CONSULT", "STATEMENT"]
    assert len({e.id for e in events}) == 2


def test_an_act_is_kept_once_per_article_and_its_first_actors_define_it():
    reports = _reports(
        "Aldan said Kazakhstan is ready.",
        "Aldan said Kazakhstan and Chen agree.",
        "Later Aldan said Chen will come.",
    )
    # The second sentence shares Aldan and Kazakhstan with the first: one statement. The third
    # shares only Aldan with the first's actors, however many the statement has gathered since.
    assert sorted(r.sentences for r in reports) == [[0, 1], [2]]


def test_different_acts_of_one_pair_stay_apart():
    reports = _by_type(
        _reports("Aldan praised Boris.", "Aldan urged Boris to act.", "Aldan praised Boris again.")
    )
    assert [r.sentences for r in reports["SUPPORT"]] == [[0, 2]]
    assert [r.sentences for r in reports["REQUEST"]] == [[1]]


def test_states_alone_do_not_make_two_statements_one():
    reports = _reports("Kazakhstan said the UN is needed.", "Kazakhstan said the UN must reform.")
    assert sorted(r.sentences for r in reports) == [[0], [1]]


def test_sanctions_criticism_and_rejection_are_events_of_their_own_types(tmp_path, index):
    """Conflict is news too: a sanction (CAMEO 163) targets the actor after "gegen"/"against"."""
    from actorgraph.pipeline import build

    (tmp_path / "de.txt").write_text(
        "Die Europäische Union hat am Montag in Luxemburg die Sanktionen gegen Russland um sechs Monate"
        " verlängert. Der russische Außenminister Sergej Lawrow kritisierte die Europäische Union"
        " scharf. Die Regierung in Moskau wies die Vorwürfe der Europäischen Union zurück.\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "The United States imposed new sanctions against Iran on Monday, the Treasury said in"
        " Washington. Iran's foreign minister condemned the United States in a statement, and the"
        " government in Tehran rejected the American demands.\n",
        encoding="utf-8",
    )
    result = build(tmp_path, out=None, models="bundled", cache=None, index=index)
    events = {(e.type, e.source, e.target) for e in result.graph.events}
    types = {kind for kind, _, _ in events}
    assert {"SANCTION", "ACCUSE", "REJECT"} <= types
    assert ("SANCTION", ("igo:eu",), ("iso:RUS",)) in events
    assert any(kind == "SANCTION" and "iso:IRN" in target for kind, _, target in events)
