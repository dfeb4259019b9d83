"""Which lemmas a model's rule lemmatizer could give a word, before anything is tagged.

The English sentence model tags a sentence only to lemmatize it, and the lemmas are only used
to look for event triggers. spaCy's rule lemmatizer picks a lemma by the word's part of speech
from a few suffix rules and exception lists, so the set of lemmas a word can get under *any*
part of speech is small and known in advance. A sentence none of whose words can become a
trigger under any tag has no trigger however it is tagged, and needs no tagger at all.
"""

from __future__ import annotations

from functools import cache, lru_cache

from spacy.language import Language
from spacy.pipeline import Lemmatizer

from ..text import WORD_MEMO

__all__ = ["LemmaCandidates", "lemma_candidates"]

#: Words whose candidates are kept (each word's, a set, takes about 480 bytes with the word).
_REMEMBERED = WORD_MEMO


class LemmaCandidates:
    """Every lemma a word may get from one model, whatever its part of speech.

    Parameters
    ----------
    rules : dict
        ``lemma_rules`` of the lemmatizer: per part of speech, ``(old suffix, new suffix)`` pairs.
    exceptions : dict
        ``lemma_exc``: per part of speech, word → lemmas.
    assigned : iterable of str
        Lemmas that components before the lemmatizer (the attribute ruler) may set on any word.

    Examples
    --------
    >>> forms = LemmaCandidates({"verb": [["ed", ""], ["ing", ""]]}, {"verb": {"met": ["meet"]}}, ["be"])
    >>> sorted(forms("met"))
    ['meet', 'met']
    >>> sorted(forms("visited"))
    ['visit', 'visited']
    >>> sorted(forms.assigned)
    ['be']
    """

    def __init__(self, rules: dict, exceptions: dict, assigned):
        self._rules = [(old, new) for pairs in rules.values() for old, new in pairs]
        self._exceptions = [table for table in exceptions.values() if table]
        #: Lemmas any word may get, whatever it is (kept apart: the same for every word).
        self.assigned = frozenset(lemma.lower() for lemma in assigned)
        self._remembered = lru_cache(maxsize=_REMEMBERED)(self._forms)

    def __call__(self, lower: str) -> frozenset[str]:
        """The lower-case lemmas the word ``lower`` may get: itself, and what the rules and
        exceptions make of it. Any word may also get one of :attr:`assigned`."""
        return self._remembered(lower)

    def _forms(self, lower: str) -> frozenset[str]:
        forms = {lower}
        for old, new in self._rules:
            if lower.endswith(old):
                forms.add(lower[: len(lower) - len(old)] + new)
        for table in self._exceptions:
            forms.update(form.lower() for form in table.get(lower, ()))
        return frozenset(forms)


@cache
def lemma_candidates(nlp: Language) -> LemmaCandidates | None:
    """The candidates of ``nlp``'s lemmatizer, or ``None`` when they can't be known untagged.

    Only spaCy's own rule lemmatizer qualifies (as in ``en_core_web_*``). A lookup or trainable
    lemmatizer, or a pipeline with any other component that may set lemmas, returns ``None``:
    such sentences are always tagged.
    """
    names = list(nlp.pipe_names)
    if "lemmatizer" not in names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if (
        not isinstance(lemmatizer, Lemmatizer)
        or lemmatizer.mode != "rule"
        or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize
    ):
        return None
    assigned: list[str] = []
    for name in names:
        if name in ("tok2vec", "tagger", "parser", "morphologizer", "lemmatizer"):
            continue
        if name != "attribute_ruler":
            return None  # an unknown component might set lemmas of its own
        for pattern in nlp.get_pipe(name).patterns:
            lemma = pattern.get("attrs", {}).get("LEMMA")
            if lemma is not None:
                assigned.append(str(lemma))
    lookups = lemmatizer.lookups
    return LemmaCandidates(lookups.get_table("lemma_rules", {}), lookups.get_table("lemma_exc", {}), assigned)
