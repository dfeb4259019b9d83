"""The shortcuts of the sentence pass give what the slow way gives."""

from __future__ import annotations

import pytest
import spacy

from actorgraph.annotate.lemmas import LemmaCandidates, lemma_candidates
from actorgraph.annotate.mentions import _sentence_doc
from actorgraph.annotate.registry import choose_pipeline
from actorgraph.events.cues import has_trigger, may_have_trigger
from actorgraph.read import read_corpus
from actorgraph.text import inflected_forms, name_variants
from tests.conftest import CORPUS

# Irregular and inflected forms on purpose: "met", "held", "signed", "talks", "visiting".
SENTENCES = [
    "Tokayev met Xi Jinping in Astana on Tuesday.",
    "The ministers held talks and signed a memorandum.",
    "She was visiting Tashkent when the summit began.",
    "Leaders gathered; the foreign ministers spoke, wrote and agreed.",
    "Exports rose by four percent last year.",
    "It wasn't the first time they'd met.",
]


@pytest.fixture(scope="module")
def english_sentence_model():
    return choose_pipeline("en", models="bundled").load_sentence_model()


def _english_texts() -> list[str]:
    texts = [d.text_raw for d in read_corpus(CORPUS) if d.text_raw.count(" the ") > 5]
    assert texts, "the seed corpus has English articles"
    return SENTENCES + texts


def test_every_lemma_the_english_model_gives_is_a_candidate(english_sentence_model):
    candidates = lemma_candidates(english_sentence_model)
    assert candidates is not None
    checked = 0
    for doc in english_sentence_model.pipe(_english_texts()):
        for token in doc:
            possible = candidates(token.lower_) | candidates.assigned
            assert token.lemma_.lower() in possible, (token.text, token.pos_, token.lemma_)
            checked += 1
    assert checked > 500


def test_a_sentence_that_cannot_have_a_trigger_is_told_apart(english_sentence_model):
    candidates = lemma_candidates(english_sentence_model)
    for doc in english_sentence_model.pipe(_english_texts()):
        for sent in doc.sents:
            if has_trigger(sent.as_doc(), lang="en"):
                assert may_have_trigger(sent, lang="en", lemmas=candidates), sent.text
    tagged = english_sentence_model("Exports rose by four percent last year.")
    assert not has_trigger(tagged, lang="en")
    assert not may_have_trigger(tagged, lang="en", lemmas=candidates)


def test_only_a_rule_lemmatizer_has_candidates():
    german = choose_pipeline("de", models="bundled").load_sentence_model()
    assert lemma_candidates(german) is None  # a lookup table: cheap already, nothing to predict
    assert lemma_candidates(spacy.blank("en")) is None


def test_candidates_cover_rules_exceptions_and_assigned_lemmas():
    forms = LemmaCandidates({"verb": [["ed", ""]], "noun": [["s", ""]]}, {"verb": {"met": ["meet"]}}, ["Be"])
    assert forms("met") == {"met", "meet"}
    assert forms("talks") == {"talks", "talk"}
    assert forms.assigned == {"be"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_sentence_doc_equals_as_doc(lang):
    nlp = choose_pipeline(lang, models="bundled").load_model()
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    texts = [d.text_raw for d in read_corpus(CORPUS)] + SENTENCES
    compared = 0
    for doc in nlp.pipe(texts):
        for sent in doc.sents:
            fast, slow = _sentence_doc(sent), sent.as_doc()
            assert fast.text == slow.text
            assert [t.norm_ for t in fast] == [t.norm_ for t in slow]
            assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in slow]
            compared += 1
    assert compared > 40


def test_a_lemma_any_word_may_get_makes_every_sentence_a_candidate(english_sentence_model):
    doc = english_sentence_model.make_doc("Exports rose by four percent.")
    meets = LemmaCandidates({}, {}, ["meet"])
    assert may_have_trigger(doc, lang="en", lemmas=meets)
    assert not may_have_trigger(doc[:0], lang="en", lemmas=meets)
    assert not may_have_trigger(doc, lang="en", lemmas=LemmaCandidates({}, {}, []))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_inflected_forms_are_the_words_with_a_variant_in_the_list(lang):
    listed = {"ministerium", "regierung", "government", "ministry", "army"}
    forms = inflected_forms(listed, lang)
    words = [
        "Außenministeriums",
        "ministeriums",
        "Regierungen",
        "regierung",
        "Governments",
        "ministry",
        "armys",
        "arm",
        "ministeriumsen",
        "Haus",
        "ministries",
    ]
    for word in words:
        low = word.lower()
        assert (low in forms) == any(v in listed for v in name_variants(low, lang)), word


def test_a_batch_of_documents_gives_what_each_gives_alone(index):
    from actorgraph.annotate import Pipelines, split_chunks
    from actorgraph.annotate.mentions import extract, extract_batch
    from actorgraph.engines import Settings, prepare

    settings = Settings("auto", "bundled", frozenset())
    pipelines = Pipelines(models="bundled", index=index)
    documents = [prepare(d, settings) for d in read_corpus(CORPUS)]
    checked = 0
    for lang in sorted({d.language for d in documents if not d.skipped}):
        mine = [d for d in documents if d.language == lang and not d.skipped]
        nlp, sentence_nlp = pipelines.get(lang), pipelines.sentence_pipeline(lang)
        chunks = [[(off, nlp(piece)) for off, piece in split_chunks(d.text)] for d in mine]
        together = extract_batch(
            list(zip(mine, chunks, strict=True)), lang=lang, index=index, sentence_nlp=sentence_nlp
        )
        alone = [
            extract(d, c, lang=lang, index=index, sentence_nlp=sentence_nlp)
            for d, c in zip(mine, chunks, strict=True)
        ]
        assert together == alone
        checked += sum(len(cues) for _, _, cues in together)
    assert checked > 20


def test_the_model_pass_size_does_not_change_an_analysis(index, monkeypatch):
    import actorgraph.annotate as annotate_module
    from actorgraph.annotate import Pipelines, annotate
    from actorgraph.engines import Settings, prepare

    settings = Settings("auto", "bundled", frozenset())
    pipelines = Pipelines(models="bundled", index=index)
    documents = [prepare(d, settings) for d in read_corpus(CORPUS)]
    passes = annotate_module._passes

    def analyses(chars: int) -> tuple[list, list[int]]:
        sizes = []

        def sized(items, *, most):
            for run in passes(items, most=most, chars=chars):
                sizes.append(len(run))
                yield run

        monkeypatch.setattr(annotate_module, "_passes", sized)
        return list(annotate(documents, pipelines, batch_size=64)), sizes

    whole, one_per_language = analyses(10**9)
    alone, one_per_article = analyses(1)
    assert whole == alone
    assert len(one_per_language) == 2 and one_per_article == [1] * len(documents)
    assert sum(len(a.mentions) for a in whole) > 50


def test_lemmatizing_only_the_words_that_may_become_triggers_finds_the_same_triggers(english_sentence_model):
    from actorgraph.annotate.mentions import _trigger_lemmatizer
    from actorgraph.events.cues import _trigger, lexicon

    lemmatize = _trigger_lemmatizer(english_sentence_model, ["parser"])
    assert lemmatize is not None
    lex = lexicon("en")
    texts = _english_texts()
    full = list(english_sentence_model.pipe(texts, disable=["parser"]))
    short = [lemmatize(d) for d in english_sentence_model.pipe(texts, disable=["parser", "lemmatizer"])]
    triggers = left = words = 0
    for slow, fast in zip(full, short, strict=True):
        assert [_trigger(t, lex, False) for t in fast] == [_trigger(t, lex, False) for t in slow]
        triggers += sum(_trigger(t, lex, False) is not None for t in slow)
        for theirs, mine in zip(slow, fast, strict=True):
            assert mine.lemma_ in ("", theirs.lemma_)
            left += not mine.lemma_
            words += 1
    assert triggers > 20 and left > words / 2  # the same triggers, most words not lemmatized


def test_a_lookup_lemmatizer_lemmatizes_every_word():
    from actorgraph.annotate.mentions import _trigger_lemmatizer

    german = choose_pipeline("de", models="bundled").load_sentence_model()
    assert _trigger_lemmatizer(german, []) is None
