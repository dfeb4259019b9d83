"""The knowledge base's names as entities: an exact phrase matcher that compiles as it goes.

spaCy's ``EntityRuler`` turns every phrase pattern into a ``Doc`` of the model's vocabulary when
the pipeline is loaded: tens of thousands of KB names (with their German inflected forms) cost
1–2 s per language and process, though an article names a few dozen of them.
:class:`KnowledgeBaseRuler` matches the same token sequences (``ORTH``, as the phrase matcher
does) and keeps the ruler's rules for which match wins, but tokenizes a name only when a
document holds a word its text starts with (a name's first token is a prefix of its text), and
with a copy of the tokenizer whose vocabulary computes no lexical attributes. A build of a few
articles tokenizes a fraction of the names; a long one all of them, in about half the time.

One rule differs: where one name belongs to several KB entries ("Singapore": the state and
its capital; "Charles Michel" as two speakers), the ruler picked one by the order of a hash
set. Here the span gets the label they share and no KB id, so resolution chooses by the
document's context; a name whose entries differ in label is left to the model.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

__all__ = ["KnowledgeBaseRuler"]

#: What a span gets: ``(label, KB id)``; an empty id for a name several entries share, ``None``
#: for one whose entries differ in label (the tokens are claimed, no entity is set).
_Target = tuple[str, str] | None
#: Labels of the places whose names may open an organisation's.
_PLACE_LABELS = frozenset({"GPE", "LOC"})
#: Words remembered as starting no KB name before the memory is cleared: a few hundred KiB per
#: ruler, and a word forgotten costs a string lookup, not a tokenization.
_MAX_MISSES = 1 << 14


@Language.factory("actorgraph_kb_ruler", default_config={"overwrite_ents": False, "continuations": []})
def make_kb_ruler(
    nlp: Language, name: str, overwrite_ents: bool, continuations: list[str]
) -> KnowledgeBaseRuler:
    return KnowledgeBaseRuler(nlp, overwrite_ents=overwrite_ents, continuations=continuations)


class KnowledgeBaseRuler:
    """Set ``doc.ents`` from KB names, as an ``EntityRuler`` of phrase patterns would.

    Matches are taken longest first, then leftmost; a match touching a token that already has
    an entity type is skipped unless ``overwrite_ents``, and one that overlaps a match already
    taken is dropped. So is a place's name followed by a capitalised word of ``continuations``:
    it opens an organisation's name ("Pacific Islands Forum", "Pacific Ocean Alliance"), which
    the model is left to find.

    Parameters
    ----------
    nlp : Language
        Its tokenizer splits the names, so they match the words of its documents.
    overwrite_ents : bool
        Replace entities found before this component.
    continuations : list of str
        Head nouns, lowercase, that make a name before them part of an organisation's name.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("actorgraph_kb_ruler")
    >>> ruler.add_patterns([{"label": "GPE", "pattern": "New Delhi", "id": "capital:IND"}])
    >>> [(e.text, e.label_, e.ent_id_) for e in nlp("Talks in New Delhi ended.").ents]
    [('New Delhi', 'GPE', 'capital:IND')]
    """

    def __init__(self, nlp: Language, *, overwrite_ents: bool = False, continuations: Iterable[str] = ()):
        self.nlp = nlp
        self.overwrite = overwrite_ents
        self.continuations = frozenset(word.lower() for word in continuations)
        self._targets: dict[str, set[tuple[str, str]]] = {}
        #: Every name's text, sorted, and whether it has been tokenized yet.
        self._names: list[str] = []
        self._tokenized: list[bool] = []
        self._starts: frozenset[str] = frozenset()
        #: Names by their first token: token sequence (``ORTH`` ids) → target, and their lengths.
        self._by_first: dict[int, tuple[dict[tuple[int, ...], _Target], set[int]]] = {}
        #: Words whose names are all tokenized (``_by_first`` is complete for them), and words
        #: no name starts with.
        self._ready: set[int] = set()
        self._misses: set[int] = set()
        self._tokenize: Callable[[str], Doc] | None = None
        #: Threads sharing the pipeline (a Dask worker's) tokenize names one at a time: a name
        #: marked tokenized must be in ``_by_first`` before another thread reads that table.
        self._preparing = threading.Lock()

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add ``{"label", "pattern", "id"}`` phrase patterns (the ``EntityRuler``'s form)."""
        for pattern in patterns:
            text = pattern["pattern"]
            if not isinstance(text, str):
                raise TypeError(f"{type(self).__name__} takes phrase patterns only, not {text!r}")
            if text:
                self._targets.setdefault(text, set()).add((pattern["label"], pattern.get("id") or ""))
        self._names = sorted(self._targets)
        self._tokenized = [False] * len(self._names)
        self._starts = frozenset(name[0] for name in self._names)
        self._by_first.clear()
        self._ready.clear()
        self._misses.clear()

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        entities = list(doc.ents)
        found = []
        seen: set[int] = set()
        continued = self.continuations
        for start, end, target in matches:
            if not self.overwrite and any(t.ent_type for t in doc[start:end]):
                continue
            if (
                continued
                and target is not None
                and target[0] in _PLACE_LABELS
                and end < len(doc)
                and doc[end].is_title
                and doc[end].lower_ in continued
            ):
                continue
            if start in seen or end - 1 in seen:
                continue
            seen.update(range(start, end))
            if target is None:
                continue
            label, kb_id = target
            found.append(Span(doc, start, end, label=label, span_id=kb_id or 0))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
        doc.ents = entities + found
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, _Target]]:
        """Every ``(start, end, target)`` a name matches, longest first, then leftmost."""
        orths = doc.to_array(ORTH).tolist()
        strings = doc.vocab.strings
        by_first, ready, misses = self._by_first, self._ready, self._misses
        matches = []
        size = len(orths)
        for i, orth in enumerate(orths):
            if orth not in ready:
                if orth in misses:
                    continue
                word = strings[orth]
                if not word or word[0] not in self._starts or not self._prepare(word):
                    if len(misses) >= _MAX_MISSES:
                        misses.clear()
                    misses.add(orth)
                    continue
                ready.add(orth)
            names = by_first.get(orth)
            if names is None:
                continue
            table, lengths = names
            for n in lengths:
                if i + n <= size:
                    target = table.get(tuple(orths[i : i + n]), False)
                    if target is not False:
                        matches.append((i, i + n, target))
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        return matches

    def _prepare(self, word: str) -> bool:
        """Tokenize every name starting with ``word`` not tokenized yet; whether any starts so."""
        with self._preparing:
            return self._prepare_names(word)

    def _prepare_names(self, word: str) -> bool:
        names, tokenized = self._names, self._tokenized
        k = bisect_left(names, word)
        if k == len(names) or not names[k].startswith(word):
            return False
        if self._tokenize is None:
            self._tokenize = _name_tokenizer(self.nlp)
        tokenize = self._tokenize
        while k < len(names) and names[k].startswith(word):
            if not tokenized[k]:
                tokenized[k] = True
                name = names[k]
                orths = tuple(tokenize(name).to_array(ORTH).tolist())
                table, lengths = self._by_first.setdefault(orths[0], ({}, set()))
                table[orths] = _combine(table.get(orths, False), _target(self._targets[name]))
                lengths.add(len(orths))
            k += 1
        return True


def _name_tokenizer(nlp: Language) -> Callable[[str], Doc]:
    """``nlp``'s tokenizer with a vocabulary of its own that computes no lexical attributes.

    It splits text as ``nlp.tokenizer`` does (the same special cases and affix rules), and the
    ``ORTH`` ids of its tokens are the same, as they are hashes of the text; making a lexeme for
    each new word of a name costs next to nothing, and the names' words stay out of the model's
    vocabulary. A tokenizer of another class is used as it is.
    """
    tokenizer = nlp.tokenizer
    if type(tokenizer) is not Tokenizer:
        return nlp.make_doc
    return Tokenizer(
        Vocab(),
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )


def _target(targets: set[tuple[str, str]]) -> _Target:
    """One name's target: its entry, or the label its entries share with no id, or ``None``."""
    if len(targets) == 1:
        return next(iter(targets))
    labels = {label for label, _ in targets}
    return (labels.pop(), "") if len(labels) == 1 else None


def _combine(old: _Target | bool, new: _Target) -> _Target:
    """Two names that split into the same words: one target if they agree, else as ambiguous."""
    if old is False or old == new:
        return new
    if old is None or new is None or old[0] != new[0]:
        return None
    return (old[0], "")
