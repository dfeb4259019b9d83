"""Link one mention to a knowledge-base entry, or to nothing.

The order runs from the safest evidence to the loosest: the KB ruler's id, the name as
written, the name without German inflection, a nationality adjective's state, the place a
German place adjective or inhabitants' noun derives from ("Wiener" → Vienna), its
transliteration key, and for persons the surname plus a compatible first name. Whatever is
still ambiguous stays unlinked rather than being merged with the wrong entry.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from ..kb import KBEntry
from ..kbindex import KBIndex
from ..records import Mention
from ..text import WORD_MEMO, fold, name_variants, place_names, translit_key
from .names import capitalised_nationalities, key_words, without_article

__all__ = ["PLACE_LABELS", "PLACE_WORD_LABELS", "Linker", "compatible", "similar_first_names"]

#: A first name matches when its transliteration keys are at least this similar.
FIRST_NAME_SIMILARITY = 80


def similar_first_names(a: str, b: str, lang_a: str | None = None, lang_b: str | None = None) -> bool:
    """Are the first names ``a`` and ``b`` (of texts in ``lang_a`` and ``lang_b``) one name's?

    Their transliteration keys, under each language's rules or under none, must be at least
    :data:`FIRST_NAME_SIMILARITY` alike, and so must their first words: a shared patronymic
    or middle name does not make "Salman Bin Abdulaziz" "Abdullah Bin Abdulaziz". A name and
    the same with a feminine "a" are two ("Martin", "Martina"; "Antonio", "Antonia").

    Examples
    --------
    >>> similar_first_names("Kassym-Schomart", "Kassym-Jomart", "de", "en")
    True
    >>> similar_first_names("Ahmed", "Ahmet"), similar_first_names("Giannis", "Yanis")
    (True, True)
    >>> similar_first_names("Martin", "Martina"), similar_first_names("Mario", "Maria")
    (False, False)
    >>> similar_first_names("Salman Bin Abdulaziz", "Abdullah Bin Abdulaziz")
    False
    >>> similar_first_names("Al-Walid bin", "Alwaleed bin"), similar_first_names("Jerry Lee", "Jerry")
    (True, False)

    Two keys that differ in one letter only, a vowel in one where the other has a consonant,
    are two names ("Robbie", "Robin"), though a letter for a like-sounding one is a spelling
    ("Ahmed", "Ahmet"; "Sergej", "Sergei"):

    >>> similar_first_names("Robbie", "Robin"), similar_first_names("Ahmed", "Ahmet")
    (False, True)
    >>> similar_first_names("Sergej", "Sergei", "de", "en")
    True
    """
    words_a, words_b = fold(a).split(), fold(b).split()
    if not words_a or not words_b or _feminine_pair(words_a[0], words_b[0]):
        return False
    pairs = [(a, b)]
    if len(words_a) > 1 and len(words_b) > 1:
        pairs.append((_first_word(words_a), _first_word(words_b)))
    return all(
        any(
            _alike_keys(translit_key(x, rules_x), translit_key(y, rules_y))
            for rules_x, rules_y in ((lang_a, lang_b), (None, None))
        )
        for x, y in pairs
    )


_VOWELS = frozenset("aeiou")
#: Letters that stand for a vowel in one spelling and a consonant in another ("Sergej", "Sergei").
_GLIDES = frozenset("jwy")


def _alike_keys(a: str, b: str) -> bool:
    """Are two first names' transliteration keys one name's (see :func:`similar_first_names`)?"""
    if fuzz.ratio(a, b) < FIRST_NAME_SIMILARITY:
        return False
    if len(a) != len(b):
        return True
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return True
    x, y = differing[0]
    if not (x.isalpha() and y.isalpha()) or x in _GLIDES or y in _GLIDES:
        return True
    return (x in _VOWELS) == (y in _VOWELS)


def _first_word(words: list[str]) -> str:
    """The first of folded given names, joined to the article before it ("al walid" → "alwalid")."""
    return words[0] + words[1] if len(words[0]) <= 2 else words[0]


def _feminine_pair(a: str, b: str) -> bool:
    """Does one folded name end in an "a" the other has not, all else alike ("martin"/"martina")?"""
    if a.endswith("a") == b.endswith("a"):
        return False
    if b.endswith("a"):
        a, b = b, a
    return a[:-1] == b or a[:-1] == b[:-1]


#: Between namesakes with equal evidence, the first of these kinds that one of them has wins.
_PREFERRED_KINDS = ("state", "capital")

_TYPE_GROUPS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "MISC": "misc",
    "NORP": "place",
}


#: Labels of a place's name.
PLACE_LABELS = ("GPE", "LOC")
#: Labels a place's adjective or inhabitants' noun gets; a surname ("Schweizer") is mostly
#: tagged a person or an organisation.
PLACE_WORD_LABELS = ("GPE", "LOC", "NORP", "MISC")
#: What such a word may derive from in the knowledge base.
_DERIVED_PLACE_KINDS = ("state", "capital", "city", "region")


def _lookup_forms(name: str, lang: str) -> list[str]:
    """The forms of a name the knowledge base may list it by: the name's variants
    (:func:`~actorgraph.text.name_variants`), then those of the name without the article that
    opens it and with a word for "&" (any language's: an English name is often quoted in a
    German article): "The World Trade Organisation", "Food & Agriculture Organisation".

    Examples
    --------
    >>> _lookup_forms("The Food & Drink Board", "en")[:3]
    ['The Food & Drink Board', 'Food & Drink Board', 'The Food and Drink Board']
    """
    forms = [name]
    if (bare := without_article(name)) != name:
        forms.append(bare)
    if " & " in name:
        forms += [form.replace(" & ", f" {word} ") for word in sorted(key_words()[1]) for form in forms]
    return [variant for form in forms for variant in name_variants(form, lang)]


def _one_word(name: str) -> bool:
    """A person's name of one word ("Al-Assad") is a surname, and so are the names of the many
    knowledge-base persons the oldest speaker lists give by surname alone: the document's states
    or date must back a link ("Al-Assad" is not the "Al-Asad" who spoke for Oman in 1972–1991,
    nor is "Abe" Japan's foreign minister of 1983)."""
    return " " not in name.strip()


def compatible(label: str, entry: KBEntry) -> bool:
    """May a mention labelled ``label`` refer to ``entry``? MISC may be anything but a person."""
    group, kb_group = _TYPE_GROUPS.get(label, "misc"), _TYPE_GROUPS.get(entry.type, "misc")
    if group == "misc" or kb_group == "misc":
        return "person" not in (group, kb_group)
    return group == kb_group or {group, kb_group} == {"org", "place"}


#: Links remembered by :meth:`Linker.link`: a corpus names the same states and people in
#: article after article.
REMEMBERED_LINKS = WORD_MEMO


class Linker:
    """Links mentions to KB entries; ``context_states`` help pick between namesakes."""

    def __init__(self, index: KBIndex):
        self.index = index
        index.load_spellings()
        self._link = lru_cache(maxsize=REMEMBERED_LINKS)(self._link_name)

    def link(
        self, mention: Mention, *, context_states: frozenset[str] = frozenset(), year: int | None = None
    ) -> KBEntry | None:
        """The KB entry ``mention`` refers to, or ``None``."""
        if mention.kb_id and mention.kb_id in self.index.kb:
            return self.index.kb[mention.kb_id]
        return self._link(mention.text, mention.label, mention.lang, context_states, year)

    def forget(self) -> None:
        """Drop the remembered links. The memo refers to the linker, so once resolution is done
        they would otherwise wait for a full collection, which a build runs rarely."""
        self._link.cache_clear()

    def _link_name(
        self, name: str, label: str, lang: str, context_states: frozenset[str], year: int | None
    ) -> KBEntry | None:
        forms = name_variants(name, lang) if label == "PERSON" else _lookup_forms(name, lang)
        for variant in forms:
            found = [e for e in self.index.exact(variant) if label == "MISC" or compatible(label, e)]
            if found and _one_word(name) and all(e.type == "PERSON" for e in found):
                return self._choose(found, context_states, year, require_support=True)
            if len(found) == 1:
                return found[0]
            if found:
                return self._choose(found, context_states, year)
        if label != "PERSON" and (state := self._adjective(name)):
            return state
        if label in PLACE_WORD_LABELS and (place := self._derived_place(name, lang, context_states, year)):
            return place
        if label == "NORP":
            return None
        if label == "PERSON":
            # A lone capitalised word after a title ("Außenminister Kasachstans") may be a place,
            # and no one's name is exactly "Côte d'Ivoire", "Sri Lanka" or "Boko Haram": models
            # tag them PERSON.
            for variant in name_variants(name, lang):
                found = [
                    e
                    for e in self.index.exact(variant)
                    if e.kind in ("state", "capital", "igo", "region", "sea", "group")
                ]
                chosen = found[0] if len(found) == 1 else found and self._choose(found, context_states, year)
                if chosen:  # "Micronesia": the state before the region of its name
                    return chosen
            # Nor is anyone called "Azerbaijani" or "Georgians": a nationality names its state.
            if " " not in name and capitalised_nationalities(lang):
                state = self._adjective(name) or self._adjective(name.removesuffix("s"))
                if state:
                    return state
        if label != "PERSON":
            for variant in forms:
                found = [e for e in self.index.transliterated(variant, lang) if compatible(label, e)]
                if found:
                    return self._choose(found, context_states, year) if len(found) > 1 else found[0]
            return None
        return self._person(name, lang, context_states, year)

    def other_name(
        self, mention: Mention, *, context_states: frozenset[str], year: int | None = None
    ) -> KBEntry | None:
        """The KB place a place mention names in another language ("Peking", "Kiew"), if its
        article names the place's state: such names are many, and some are other places'
        ("Moria", a camp on Lesbos, is also one of Jerusalem's)."""
        if mention.label not in PLACE_LABELS:
            return None
        for variant in name_variants(mention.text, mention.lang):
            found = self.index.other_name(variant)
            if found:
                return self._choose(found, context_states, year, require_support=True)
        return None

    def _adjective(self, word: str) -> KBEntry | None:
        found = self.index.adjective(word)
        return found[0] if len(found) == 1 else None

    def _derived_place(
        self, word: str, lang: str, context_states: frozenset[str], year: int | None
    ) -> KBEntry | None:
        """The well-known place a place's adjective or inhabitants' noun derives from
        ("Wiener" → Vienna, "Syrer" → Syria); small cities are left out, as "Manninger" is a
        surname and no adjective of a Chinese city that GeoNames also calls "Manning"."""
        found = {
            e.id: e
            for place in place_names(word, lang)
            for e in self.index.exact(place)
            if e.kind in _DERIVED_PLACE_KINDS and not e.is_small_city
        }
        if len(found) <= 1:
            return next(iter(found.values()), None)
        return self._choose([found[k] for k in sorted(found)], context_states, year)

    def _person(
        self, name: str, lang: str, context_states: frozenset[str], year: int | None
    ) -> KBEntry | None:
        parts = fold(name).split()
        if len(parts) < 2:
            return None
        exact = [e for e in self.index.transliterated(name, lang) if e.type == "PERSON"]
        if exact and _one_word(name):
            return self._choose(exact, context_states, year, require_support=True)
        if len(exact) == 1:
            return exact[0]
        namesakes = self.index.by_surname(parts[-1], lang)
        candidates = [e for e in namesakes if self._first_names_match(parts[:-1], lang, e)]
        if candidates:
            return candidates[0] if len(candidates) == 1 else self._choose(candidates, context_states, year)
        if len(parts) == 2 and len(name.split()) == 2:
            # "Recep Erdogan" leaves out the middle name of "Recep Tayyip Erdoğan"; a looser
            # match, so the document's states or date must back it ("Sher Khan" of the Muslim
            # Council of Britain is no "Sher Ali Khan" who spoke for Pakistan in 1969).
            shortened = [e for e in namesakes if _opens_longer_name(parts[0], lang, e)]
            if shortened:
                return self._choose(shortened, context_states, year, require_support=True)
        # "Raúl Castro" leaves out the second surname of "Raúl Castro Ruz": backed by the
        # document's states or date too.
        if without_second_surname := self.index.without_last_name(name, lang):
            return self._choose(without_second_surname, context_states, year, require_support=True)
        return None

    @staticmethod
    def _first_names_match(given: list[str], lang: str, entry: KBEntry) -> bool:
        first = " ".join(given)
        for names in entry.names.values():
            for full in names:
                parts = fold(full).split()
                if len(parts) >= 2 and similar_first_names(first, " ".join(parts[:-1]), lang, "en"):
                    return True
        return False

    def surname(
        self, surname: str, lang: str, context_states: frozenset[str], year: int | None
    ) -> KBEntry | None:
        """The one KB person a bare surname means here: the document's states or date must back it."""
        found = self.index.by_surname(surname, lang)
        return self._choose(found, context_states, year, require_support=True) if found else None

    @staticmethod
    def _choose(
        entries: list[KBEntry],
        context_states: frozenset[str],
        year: int | None,
        *,
        require_support: bool = False,
    ) -> KBEntry | None:
        """Pick the one entry the document's states and date support; ``None`` if still tied."""

        def score(entry: KBEntry) -> int:
            points = 0
            if entry.id in context_states or entry.part_of in context_states:
                points += 2
            for office in entry.offices:
                if office.state in context_states:
                    points += 2
                if year and office.years and office.years[0] - 2 <= year <= office.years[1] + 2:
                    points += 1
            return points

        ranked = sorted(((score(e), e.id, e) for e in entries), key=lambda item: (-item[0], item[1]))
        if require_support and ranked[0][0] == 0:
            return None
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            # Equal evidence: prefer a state over its namesakes (e.g. a capital), then a capital
            # over cities of its name ("New Delhi", "Santiago"), else give up.
            for kind in _PREFERRED_KINDS:
                chosen = [e for e in entries if e.kind == kind]
                if chosen:
                    return chosen[0] if len(chosen) == 1 else None
            return None
        return ranked[0][2]


def _opens_longer_name(first: str, lang: str, entry: KBEntry) -> bool:
    """Does the first name ``first`` (of a text in ``lang``) open one of ``entry``'s names of
    three words or more?"""
    for names in entry.names.values():
        for full in names:
            parts = fold(full).split()
            if len(parts) > 2 and similar_first_names(first, parts[0], lang, "en"):
                return True
    return False
