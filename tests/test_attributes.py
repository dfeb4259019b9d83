"""The indexed attribute ruler matches what spaCy's own attribute ruler matches."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from actorgraph.annotate.attributes import IndexedAttributeRuler, with_indexed_rules
from actorgraph.annotate.registry import choose_pipeline
from actorgraph.read import read_corpus
from tests.conftest import CORPUS

# Words the model's few phrase and pattern rules are about, among ordinary ones.
ODD_ENGLISH = [
    "We're gonna meet them, ain't we? Y'all know nothin' about it.",
    "Let's go, c'mon: there is a summit and there were talks; it's not done, isn't it?",
    "They gotta sign it. \n\n  The ministers met in Astana on Tuesday.",
]


def _copy(doc: Doc) -> Doc:
    """A new Doc with ``doc``'s words, tags and parse, and nothing an attribute ruler sets."""
    copy = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    for theirs, mine in zip(doc, copy, strict=True):
        mine.tag_ = theirs.tag_
    if doc.has_annotation("DEP"):
        heads = [t.head.i for t in doc]
        deps = [t.dep_ for t in doc]
        copy = Doc(
            doc.vocab,
            words=[t.text for t in doc],
            spaces=[bool(t.whitespace_) for t in doc],
            tags=[t.tag_ for t in doc],
            heads=heads,
            deps=deps,
        )
    return copy


def _attributes(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def english():
    info = choose_pipeline("en", models="bundled")
    model = info.load_model()
    spacys = model.get_pipe("attribute_ruler")  # loaded with the model, as spaCy loads it
    assert type(spacys) is AttributeRuler
    indexed = IndexedAttributeRuler(model.vocab)
    indexed.add_patterns(spacys.patterns)
    texts = ODD_ENGLISH + [d.text_raw for d in read_corpus(CORPUS) if d.text_raw.count(" the ") > 5]
    return info.load_sentence_model(model), spacys, indexed, texts


@pytest.mark.parametrize("parsed", [False, True], ids=["tagged", "tagged-and-parsed"])
def test_the_english_rules_match_as_spacys(english, parsed):
    nlp, spacys, indexed, texts = english
    disable = ["attribute_ruler", "lemmatizer"] + ([] if parsed else ["parser"])
    docs = list(nlp.pipe(texts, disable=disable))
    assert all(doc.has_annotation("TAG") and doc.has_annotation("DEP") == parsed for doc in docs)
    fired = set()
    for doc in docs:
        theirs = spacys.match(_copy(doc))
        assert indexed.match(_copy(doc)) == theirs
        fired.update(rule for rule, *_ in theirs)
        mine, spacy_doc = indexed(_copy(doc)), spacys(_copy(doc))
        assert _attributes(mine) == _attributes(spacy_doc)
    assert len(fired) > 40, len(fired)  # many rules, not only the tag map
    rules = {str(entry["patterns"]) for entry in spacys.patterns}
    assert any("gon" in r for r in rules) and any("REGEX" in r for r in rules)


def test_every_kind_of_rule_matches_as_spacys():
    nlp = spacy.blank("en")
    rules = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": {"IN": ["ca", "wo"]}, "TAG": "MD"}]], "attrs": {"LEMMA": "will"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}]], "attrs": {"MORPH": "Foo=Bar"}},
        {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}},
        {"patterns": [[{"lower": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADJ"}, "index": -1},
        {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
        {"patterns": [[{"TEXT": "Astana"}], [{"ORTH": "Almaty"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "X"}},  # a later rule wins
        {"patterns": [[{"LENGTH": 3}]], "attrs": {"MORPH": "Len=3"}},  # read by spaCy's Matcher
    ]
    spacys = AttributeRuler(nlp.vocab)
    spacys.add_patterns(rules)
    indexed = IndexedAttributeRuler(nlp.vocab)
    indexed.add_patterns(rules)
    tagged = [
        ("I", "PRP"), ("ca", "MD"), ("n't", "RB"), ("go", "VB"), (",", ","), ("gon", "VBG"), ("na", "TO"),
        ("see", "VB"), ("very", "RB"), ("very", "RB"), ("big", "JJ"), ("Astana", "NNP"), ("and", "CC"),
        ("Almaty", "NNP"), ("cat", "NN"), ("nt", "RB"),
    ]  # fmt: skip

    def doc() -> Doc:
        return Doc(nlp.vocab, words=[w for w, _ in tagged], tags=[t for _, t in tagged])

    matched = spacys.match(doc())
    assert indexed.match(doc()) == matched
    assert {rule for rule, *_ in matched} == set(range(len(rules)))
    assert _attributes(indexed(doc())) == _attributes(spacys(doc()))
    indexed.add(patterns=[[{"LOWER": "cat"}]], attrs={"LEMMA": "feline"})  # rules added later count
    assert indexed(doc())[-2].lemma_ == "feline"


def test_the_sentence_model_looks_its_rules_up_and_leaves_the_models_ruler():
    english = choose_pipeline("en", models="bundled")
    model = english.load_model()
    sentences = english.load_sentence_model(model)
    ours, theirs = sentences.get_pipe("attribute_ruler"), model.get_pipe("attribute_ruler")
    assert type(ours) is IndexedAttributeRuler and type(theirs) is AttributeRuler
    assert ours.patterns == theirs.patterns
    before = sentences.pipe_names
    with_indexed_rules(sentences)  # an indexed ruler is left alone
    assert sentences.get_pipe("attribute_ruler") is ours and sentences.pipe_names == before
