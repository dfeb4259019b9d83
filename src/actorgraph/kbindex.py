"""Lookup tables over the knowledge base: exact names, acronyms, transliteration keys, surnames.

Built once per knowledge base and shared by annotation (hyphenated compounds) and resolution.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, cached_property
from typing import NamedTuple

from .kb import OTHER_LANGUAGES, KBEntry, KnowledgeBase, load_kb
from .text import fold, translit_key

__all__ = ["KBIndex", "default_index"]

#: Languages whose KB names are indexed under their own spelling rules.
_NAME_LANGS = ("en", "de", "ru")


class _Spellings(NamedTuple):
    """Knowledge-base ids by transliteration key (:func:`actorgraph.text.translit_key`)."""

    #: Every name.
    keys: defaultdict[str, set[str]]
    #: A person's last name.
    surnames: defaultdict[str, set[str]]
    #: A person's name of three words or more without its last word ("Raúl Castro" of
    #: "Raúl Castro Ruz"): Spanish and Portuguese names drop the second surname.
    shortened: defaultdict[str, set[str]]


class KBIndex:
    """Find knowledge-base entries by a surface form.

    Parameters
    ----------
    kb : KnowledgeBase
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._acronyms: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, set[str]] = defaultdict(set)
        self._adjectives: dict[str, set[str]] = defaultdict(set)
        self._other_names: dict[str, set[str]] = defaultdict(set)
        for entry in kb:
            for lang, acronyms in entry.acronyms.items():
                for acronym in acronyms:
                    if lang == "ru" and len(acronym) < 4:
                        continue
                    self._acronyms[acronym].add(entry.id)
                    if len(acronym) >= 4 and acronym.isalpha():
                        self._names[fold(acronym)].add(entry.id)  # "Unesco", "Nato"
            for lang, names in entry.names.items():
                if lang == OTHER_LANGUAGES:
                    for name in names:
                        self._other_names[fold(name)].add(entry.id)
                    continue
                for name in names:
                    folded = fold(name)
                    if entry.type == "PERSON" and len(folded.split()) < 2:
                        continue  # a bare surname in the source could be anyone of that name
                    self._names[folded].add(entry.id)
            for adjectives in entry.adjectives.values():
                for adjective in adjectives:
                    self._adjectives[fold(adjective)].add(entry.id)

    @cached_property
    def _spellings(self) -> _Spellings:
        """The tables by transliteration key, built when resolution first looks a name up in
        them. Annotation never does, so a build forks its annotation workers (and a rebuild the
        one that annotates a new article) before they are built, and the workers never build
        them."""
        spellings = _Spellings(defaultdict(set), defaultdict(set), defaultdict(set))
        for entry in self.kb:
            for lang, names in entry.names.items():
                if lang == OTHER_LANGUAGES:
                    continue
                rules = lang if lang in _NAME_LANGS else None
                for name in names:
                    parts = fold(name).split()
                    if entry.type == "PERSON" and len(parts) < 2:
                        continue
                    spellings.keys[translit_key(name, rules)].add(entry.id)
                    if entry.type == "PERSON":
                        spellings.surnames[translit_key(parts[-1], rules)].add(entry.id)
                        if len(parts) >= 3:
                            spellings.shortened[translit_key(" ".join(parts[:-1]), rules)].add(entry.id)
        return spellings

    def load_spellings(self) -> None:
        """Build the tables by transliteration key now rather than at the first look-up:
        resolution does so before its pass over the corpus, while a worker may still be
        annotating a new article."""
        self._spellings  # noqa: B018 - a cached property, built by reading it

    def __contains__(self, surface: str) -> bool:
        return surface in self._acronyms or fold(surface) in self._names

    def _entries(self, ids: set[str]) -> list[KBEntry]:
        return [self.kb[i] for i in sorted(ids)]

    def exact(self, surface: str) -> list[KBEntry]:
        """Entries with this exact acronym, or this name up to case, accents and punctuation."""
        ids = set(self._acronyms.get(surface, ()))
        if not ids or not surface.isupper():
            ids |= self._names.get(fold(surface), set())
        return self._entries(ids)

    def other_name(self, surface: str) -> list[KBEntry]:
        """Entries with this name in another language, up to case, accents and punctuation
        ("Peking", "Kiew"): looser than :meth:`exact`, so a caller wants support from context."""
        return self._entries(self._other_names.get(fold(surface), set()))

    def acronym(self, surface: str) -> list[KBEntry]:
        return self._entries(self._acronyms.get(surface, set()))

    def transliterated(self, surface: str, lang: str | None) -> list[KBEntry]:
        """Entries whose name shares the transliteration key of ``surface``."""
        return self._entries(self._spellings.keys.get(translit_key(surface, lang), set()))

    def by_surname(self, surname: str, lang: str | None) -> list[KBEntry]:
        """Persons whose last name shares the transliteration key of ``surname``."""
        return self._entries(self._spellings.surnames.get(translit_key(surname, lang), set()))

    def without_last_name(self, surface: str, lang: str | None) -> list[KBEntry]:
        """Persons whose name of three words or more, without its last word, is ``surface`` up to
        transliteration ("Raúl Castro" for "Raúl Castro Ruz")."""
        return self._entries(self._spellings.shortened.get(translit_key(surface, lang), set()))

    def adjective(self, word: str) -> list[KBEntry]:
        """States whose nationality adjective (a lemma) is ``word``."""
        return self._entries(self._adjectives.get(fold(word), set()))


@cache
def default_index() -> KBIndex:
    """The index over the packaged knowledge base."""
    return KBIndex(load_kb())
