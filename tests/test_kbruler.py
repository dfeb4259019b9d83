"""The KB ruler against spaCy's EntityRuler, and what it does differently on purpose."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.attrs import ORTH

from actorgraph.annotate import kbruler  # noqa: F401  (registers the factory)
from actorgraph.annotate.kbruler import _name_tokenizer
from actorgraph.annotate.registry import _ruler_patterns
from actorgraph.engines import pipelines_for

#: Names with nested, overlapping and hyphenated forms, a prefix of another's first word
#: ("Al" / "Al-Qaida" / "Albania") and acronyms.
FIRST = [
    ("ORG", "United Nations", "igo:un"),
    ("ORG", "United Nations Security Council", "igo:unsc"),
    ("ORG", "Security Council", "organ:sc"),
    ("GPE", "United States", "iso:USA"),
    ("ORG", "Al-Qaida", "org:aq"),
    ("ORG", "EU", "igo:eu"),
    ("ORG", "Council of the EU", "igo:council"),
    ("PERSON", "Kassym-Jomart Tokayev", "p:tokayev"),
    ("GPE", "New Delhi", "capital:IND"),
]
SECOND = [
    ("GPE", "Albania", "iso:ALB"),
    ("GPE", "Al", "x:al"),
    ("GPE", "Tokayev", "x:tokayev"),
    ("GPE", "Council", "x:council"),
    ("GPE", "Delhi", "city:delhi"),
    ("GPE", "Kasachstan", "iso:KAZ"),
    ("GPE", "Kasachstans", "iso:KAZ"),
]
FILLER = ["the", "of", "met", "in", "and", ",", ".", "-", "(", ")", "New", "United", "Nations", "Security"]


def _words() -> list[str]:
    words = list(FILLER)
    for _, name, _ in FIRST + SECOND:
        words += name.replace("-", " - ").split()
    return words


def _pipelines(factory: str, first: list, second: list):
    nlp = spacy.blank("en")
    for name, patterns in (("first", first), ("second", second)):
        config = {"validate": False} if factory == "entity_ruler" else {}
        ruler = nlp.add_pipe(factory, name=name, config=config)
        ruler.add_patterns([{"label": label, "pattern": text, "id": id_} for label, text, id_ in patterns])
    return nlp


def _ents(doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def test_matches_what_the_entity_ruler_matches():
    rng = random.Random(7)
    words = _words()
    texts = []
    for _ in range(400):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 30))]
        texts.append("".join(w + rng.choice([" ", " ", " ", "", "  "]) for w in picked))
    texts += [
        "Talks at the United Nations Security Council on Kassym-Jomart Tokayev's visit to New Delhi.",
        "The Security Council of the EU met.",  # the longer match wins, though it starts later
        "United Nations Security Council of the EU",
    ]
    ours = _pipelines("actorgraph_kb_ruler", FIRST, SECOND)
    theirs = _pipelines("entity_ruler", FIRST, SECOND)
    compared = [(_ents(a), _ents(b)) for a, b in zip(ours.pipe(texts), theirs.pipe(texts), strict=True)]
    assert all(a == b for a, b in compared)
    assert sum(bool(a) for a, _ in compared) > 300  # the texts do name things
    found = {e for a, _ in compared for e in a}
    assert {label for _, _, label, _ in found} == {"ORG", "GPE", "PERSON"}
    assert any(end - start >= 4 for start, end, _, _ in found)  # "United Nations Security Council"


def test_tokenizes_only_names_a_document_could_start():
    nlp = _pipelines("actorgraph_kb_ruler", FIRST, SECOND)
    first = nlp.get_pipe("first")
    doc = nlp("Talks in New Delhi ended.")
    assert _ents(doc) == [(2, 4, "GPE", "capital:IND")]
    tokenized = {name for name, done in zip(first._names, first._tokenized, strict=True) if done}
    assert tokenized == {"New Delhi"}
    assert not any(nlp.get_pipe("second")._tokenized[:1])  # "Al…" names: no word starts so


def test_matches_across_memory_zones():
    nlp = _pipelines("actorgraph_kb_ruler", FIRST, SECOND)
    text = "The EU and Albania met in Kasachstans capital."
    with nlp.memory_zone():
        inside = _ents(nlp(text))
    assert (
        inside
        == _ents(nlp(text))
        == [
            (1, 2, "ORG", "igo:eu"),
            (3, 4, "GPE", "iso:ALB"),
            (6, 7, "GPE", "iso:KAZ"),
        ]
    )


def test_a_name_of_several_entries_is_left_to_resolution():
    shared = [
        ("GPE", "Singapore", "iso:SGP"),
        ("GPE", "Singapore", "capital:SGP"),
        ("GPE", "Santa Cruz", "city:santa-cruz"),
        ("PERSON", "Santa Cruz", "person:santa-cruz"),
        ("GPE", "Cruz", "city:cruz"),
    ]
    nlp = _pipelines("actorgraph_kb_ruler", shared, [])
    doc = nlp("Singapore and Santa Cruz agreed.")
    # One label, two entries: an entity without a KB id; two labels: no entity, and the
    # one-word name inside it is not matched either.
    assert _ents(doc) == [(0, 1, "GPE", "")]


def test_takes_phrase_patterns_only():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("actorgraph_kb_ruler")
    with pytest.raises(TypeError):
        ruler.add_patterns([{"label": "ORG", "pattern": [{"LOWER": "un"}]}])


def test_names_split_as_the_model_splits_them(index):
    """The ruler's own tokenizer gives every KB name of the bundled English model its words."""
    nlp = pipelines_for("bundled").get("en")  # the build's pipeline, loaded once per process
    names = sorted({p["pattern"] for p in _ruler_patterns(index, "en")})
    tokenize = _name_tokenizer(nlp)
    assert tokenize is not nlp.make_doc
    ours = [tuple(tokenize(name).to_array(ORTH).tolist()) for name in names]
    assert ours == [tuple(doc.to_array(ORTH).tolist()) for doc in nlp.tokenizer.pipe(names)]
    assert sum(len(words) > 1 for words in ours) > 1000


def test_a_name_is_matched_with_a_typeset_apostrophe_and_without_accents(index):
    forms = {p["pattern"] for p in _ruler_patterns(index, "en") if p["id"] == "iso:CIV"}
    assert {"Côte d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire", "Cote d’Ivoire"} <= forms


def test_a_place_name_that_is_a_common_noun_is_left_to_the_model(index):
    """German "einige Male" (several times) is no Malé; the model's tag decides."""
    german = {p["pattern"] for p in _ruler_patterns(index, "de") if p["id"] == "capital:MDV"}
    assert "Male" not in german
    assert "Malta" in {p["pattern"] for p in _ruler_patterns(index, "de") if p["id"] == "iso:MLT"}
    assert "Sicherheitsrat" in {p["pattern"] for p in _ruler_patterns(index, "de") if p["id"] == "igo:unsc"}


def test_a_place_name_that_opens_an_organisations_name_is_left_to_the_model():
    """ "Pacific Islands Forum" is no "Pacific Islands"; the "World Bank Group" is the World
    Bank, and a lowercase "forum" continues nothing."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("actorgraph_kb_ruler", config={"continuations": ["forum", "group"]})
    names = [("LOC", "Pacific Islands", "loc:pi"), ("ORG", "World Bank", "igo:wb")]
    ruler.add_patterns([{"label": label, "pattern": text, "id": kb_id} for label, text, kb_id in names])
    doc = nlp("The Pacific Islands Forum, the World Bank Group and a Pacific Islands forum met.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("World Bank", "igo:wb"),
        ("Pacific Islands", "loc:pi"),
    ]
