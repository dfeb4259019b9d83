"""Names of institutions and named buildings, found by their head noun.

Statistical models often miss a long institution name or cut it short ("the UN Regional
Centre", "SDGs für Zentralasien und"), and a knowledge-base ruler that claims "UN" first keeps
the model from seeing "UN Plaza" at all. A name is recognised by its *head noun* (from the
language's ``institution_heads`` and ``facility_heads``), the capitalised words before it,
an optional parent organisation ("UN-", "UNESCO") and an optional topic after a connector
("für nachhaltige Entwicklung", "for SDGs"):

* ``UN-Regionalzentrum für die SDGs``, ``UN Regional Centre for SDGs``
* ``UNESCO Central Asian Regional Glaciological Centre``
* ``UN Plaza``

A head alone ("das Zentrum", "the UN Regional Centre") names nothing: it needs a topic or a
capitalised modifier besides its parent (a building needs a parent or a modifier).

Each name gets a language-neutral ``canonical`` key built from the parent, the English head
and the topic's English label (``topics.yaml``), so "UN-Regionalzentrums für nachhaltige
Entwicklung" and "UN Regional Centre for SDGs" become one actor. Places after the topic
("für Zentralasien und Afghanistan") stay mentions of their own; an acronym defined after them
("… in Zentralasien (UNRCA)") is remembered for the name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from ..kbindex import KBIndex
from ..resources import load_resource
from ..text import fold, name_variants

__all__ = ["Institution", "find_institutions", "topic_label"]

_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9]{1,9})\)")
_PLACE_LABELS = ("GPE", "LOC")


class Institution(NamedTuple):
    """An institution or building name found in a ``Doc``.

    ``start``/``end`` are token indices of the name (topic included, places after it not);
    ``parent`` is the knowledge-base id of the organisation it belongs to and
    ``parent_chars`` where that organisation is named inside the name.
    """

    start: int
    end: int
    label: str
    canonical: str | None
    parent: str | None
    parent_chars: tuple[int, int] | None
    acronym: str | None


class _Words:
    def __init__(self, lang: str):
        names = load_resource("names", lang)
        self.lang = lang
        self.institution_heads = {k.lower(): v for k, v in names.get("institution_heads", {}).items()}
        self.facility_heads = {k.lower(): v for k, v in names.get("facility_heads", {}).items()}
        self.connectors = frozenset(w.lower() for w in names.get("institution_connectors", []))
        self.scope_words = self.connectors | frozenset(
            w.lower() for w in names.get("locative_prepositions", [])
        )
        self.determiners = frozenset(w.lower() for w in names.get("determiners", []))
        #: Every language's "and": English names are quoted in German articles.
        self.conjunctions = frozenset(w.lower() for w in load_resource("names").get("name_conjunctions", []))
        dates = load_resource("dates", lang)
        #: "Brixton Academy on Tuesday": a day or a month is when, never a topic.
        self.calendar = frozenset(w.lower() for key in ("weekdays", "months") for w in dates.get(key, []))
        #: Words inside an English topic ("Study of Democracy", "Peace & Security").
        self.joiners = frozenset(("of", "&")) if lang == "en" else frozenset()
        self.endings = tuple(
            sorted(
                {*names.get("adjective_endings", []), *names.get("inflection_suffixes", []), "s"},
                key=len,
                reverse=True,
            )
        )
        self.heads = {**self.institution_heads, **self.facility_heads}
        self.english_heads = frozenset(self.heads.values())
        self.compound_endings = tuple(h for h in self.heads if " " not in h)
        self.head_length = max((len(k.split()) for k in self.institution_heads), default=1)
        #: First words of the multi-word heads: no other word can start one.
        self.head_firsts = frozenset(k.split(" ", 1)[0] for k in self.institution_heads if " " in k)
        topics = load_resource("topics", lang).get("topics", {})
        self.topics = {
            self.topic_key(surface.split()): label
            for label, surfaces in topics.items()
            for surface in surfaces
        }

    def stem(self, word: str) -> str:
        """A word without its inflection, for matching topics ("nachhaltigen" → "nachhaltig")."""
        word = fold(word)
        for ending in self.endings:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
        return word

    def topic_key(self, words: list[str]) -> str:
        return " ".join(self.stem(w) for w in words if w.lower() not in self.determiners)

    def head(self, text: str, *, compound: bool) -> str | None:
        """The English head for ``text`` if it is an institution or building head noun.

        Called for every capitalised token, so the compound test is one ``str.endswith``.
        """
        for variant in name_variants(text, self.lang):
            if (english := self.heads.get(variant.lower())) is not None:
                return english
        lowered = text.lower()
        # "Handelszentrum": a German compound ending in a head, keyed as written
        compound = compound and lowered.endswith(self.compound_endings)
        if compound and any(lowered.endswith(h) and len(lowered) > len(h) + 2 for h in self.compound_endings):
            return text
        return None

    def base_head(self, text: str) -> str:
        """``text``, a head noun as written, uninflected ("Instituts" → "Institut")."""
        for variant in name_variants(text, self.lang):
            if variant.lower() in self.heads:
                return variant
        return text

    def translates(self, head: str) -> bool:
        """Is ``head`` (from :meth:`head`) an English head, not a compound kept as written?"""
        return head in self.english_heads

    def is_facility(self, head: str) -> bool:
        return head in self.facility_heads.values() or any(
            head.lower().endswith(h) for h in self.facility_heads
        )


@cache
def _words(lang: str) -> _Words:
    return _Words(lang)


def topic_label(words: list[str], lang: str) -> str | None:
    """The English label of a policy topic ("nachhaltige Entwicklung" → "Sustainable Development")."""
    vocabulary = _words(lang)
    return vocabulary.topics.get(vocabulary.topic_key(words))


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and (token.is_alpha or text.replace("-", "").isalpha())


def _organisation(text: str, index: KBIndex) -> str | None:
    """KB id of the organisation ``text`` names ("UN", "UNESCO"), if exactly one."""
    ids = {e.id for e in [*index.exact(text), *index.acronym(text)] if e.type == "ORG"}
    return ids.pop() if len(ids) == 1 else None


def _is_place(token: Token, index: KBIndex, lang: str) -> bool:
    if token.ent_type_ in _PLACE_LABELS:
        return True
    return any(e.type in _PLACE_LABELS for v in name_variants(token.text, lang) for e in index.exact(v))


class _Finder:
    def __init__(self, doc: Doc, lang: str, index: KBIndex):
        self.doc = doc
        self.lang = lang
        self.index = index
        self.words = _words(lang)
        self.persons = {t.i for ent in doc.ents if ent.label_ in ("PER", "PERSON") for t in ent}
        self.known = [(ent.start, ent.end) for ent in doc.ents if ent.ent_id_]
        #: Whether each token starts with a capital: a head must, and most tokens don't. Read from
        #: an array, as making a Token object per word costs more than the test.
        strings = doc.vocab.strings
        self.upper_first = [strings[orth][:1].isupper() for orth in doc.to_array(ORTH).tolist()]

    def head_at(self, i: int) -> tuple[str, int, str | None] | None:
        """``(english_head, end, compound_prefix)`` of a head noun starting at token ``i``."""
        if not self.upper_first[i]:
            return None
        doc, words = self.doc, self.words
        token = doc[i]
        if not _capitalised(token):
            return None
        first = token.lower_
        longest = min(words.head_length, len(doc) - i) if first in words.head_firsts or " " in first else 1
        for n in range(longest, 1, -1):
            tokens = doc[i : i + n]
            if all(_capitalised(t) for t in tokens):
                key = " ".join(t.lower_ for t in tokens)
                if key in words.institution_heads:
                    return words.institution_heads[key], i + n, None
        text = token.text
        if "-" in text.strip("-"):
            prefix, tail = text.rsplit("-", 1)
            if tail[:1].isupper() and (head := words.head(tail, compound=self.lang == "de")):
                return head, i + 1, prefix
            return None
        head = words.head(text, compound=self.lang == "de")
        return (head, i + 1, None) if head else None

    def modifiers(self, head_start: int) -> int:
        """First token of the capitalised words before the head ("UN Regional", "Zentralasiatisches"),
        two of them joined by "and" too ("Securities and Exchange Commission"; not a place or an
        organisation: "Britain and European Commission", "Weltbank und Internationaler
        Währungsfonds")."""
        doc = self.doc
        j = head_start
        while j > 0:
            if self._modifier(j - 1):
                j -= 1
            elif (
                j < head_start
                and j >= 2
                and doc[j - 1].lower_ in self.words.conjunctions
                and self._modifier(j - 2)
                and not _is_place(doc[j - 2], self.index, self.lang)
                and not _organisation(doc[j - 2].text, self.index)
            ):
                j -= 2
            else:
                break
        return j

    def _modifier(self, k: int) -> bool:
        token, words = self.doc[k], self.words
        if k in self.persons or not _capitalised(token) or token.is_stop or token.lower_ in words.determiners:
            return False
        # German capitalises nouns: only adjectives ("Europäisches") and parents join.
        return (
            self.lang != "de" or _organisation(token.text, self.index) or token.lower_.endswith(words.endings)
        )

    def topic(self, head_end: int) -> int:
        """End of the topic after the head ("für nachhaltige Entwicklung", "for SDGs"), or ``head_end``."""
        doc, words = self.doc, self.words
        if head_end >= len(doc) or doc[head_end].lower_ not in words.connectors:
            return head_end
        k, end = head_end + 1, head_end
        if k < len(doc) and doc[k].lower_ in words.determiners:
            k += 1
        expecting = True  # at the start or after "und": adjectives may come before the noun
        while k < len(doc):
            token = doc[k]
            if _is_place(token, self.index, self.lang) or k in self.persons or token.lower_ in words.calendar:
                break
            if _capitalised(token):
                end, expecting = k + 1, False
            elif expecting and self.lang == "de" and token.is_lower and token.is_alpha and not token.is_stop:
                pass  # "nachhaltige"
            elif end == k and token.lower_ in words.conjunctions | words.joiners:
                expecting = True
            else:
                break
            k += 1
        return end if end > head_end + 1 else head_end

    def acronym_after(self, end: int) -> str | None:
        """An acronym in brackets after the name or after the places that follow it."""
        doc, words = self.doc, self.words
        k = end
        if k < len(doc) and doc[k].lower_ in words.scope_words:
            k += 1
            while k < len(doc) and (
                _is_place(doc[k], self.index, self.lang)
                or doc[k].lower_ in words.conjunctions
                or doc[k].text == ","
                or (  # "Central Asia": a place of two words
                    _capitalised(doc[k]) and k + 1 < len(doc) and _is_place(doc[k + 1], self.index, self.lang)
                )
            ):
                k += 1
        if k >= len(doc):
            return None
        match = _ACRONYM.match(doc.text, doc[k - 1].idx + len(doc[k - 1].text))
        return match.group(1) if match else None

    def known_name(self, start: int, end: int) -> bool:
        """Is the name, or a name containing it, a knowledge-base name the ruler already tagged?"""
        text = self.doc[start:end].text
        return text in self.index or any(s <= start and end <= e for s, e in self.known)

    def find(self) -> list[Institution]:
        found: list[Institution] = []
        i = 0
        while i < len(self.doc):
            head = self.head_at(i)
            if head is None:
                i += 1
                continue
            english_head, head_end, prefix = head
            start = i if prefix is not None else self.modifiers(i)
            institution = self.build(start, i, english_head, head_end, prefix)
            if institution is None:
                i = head_end  # "the UN Regional Centre": "Centre" alone is no new head
                continue
            found.append(institution)
            i = institution.end
        return found

    def build(
        self, start: int, head_start: int, english_head: str, head_end: int, prefix: str | None
    ) -> Institution | None:
        doc, words = self.doc, self.words
        if self.persons & set(range(start, head_end)):
            return None
        parent = parent_chars = parent_name = None
        modifiers = list(doc[start:head_start])
        if prefix is not None:
            parent = _organisation(prefix, self.index)
            if parent is None:
                return None  # "Handels-Zentrum": no organisation in front
            parent_name, parent_chars = prefix, (doc[head_start].idx, doc[head_start].idx + len(prefix))
        elif modifiers and (parent := _organisation(modifiers[0].text, self.index)):
            first = modifiers.pop(0)
            parent_name, parent_chars = first.text, (first.idx, first.idx + len(first.text))
        if parent_name and not parent_name.isupper():
            parent_name = self.index.kb[parent].label
        end = self.topic(head_end)
        topic = [t.text for t in doc[head_end + 1 : end] if t.lower_ not in words.determiners]
        facility = words.is_facility(english_head)
        if not (topic or modifiers or (facility and parent)):
            return None  # "das Zentrum", "the UN Regional Centre": a head, not a name
        if self.lang == "de" and not topic and not parent:
            return None  # a capitalised German adjective before a noun may just open the sentence
        if self.known_name(start, end):
            return None
        canonical = None
        label = topic_label(topic, self.lang) if topic else None
        if self.lang == "en" or (
            not modifiers and words.translates(english_head) and (label is not None or not topic)
        ):
            parts = [parent_name, *(t.text for t in modifiers), english_head]
            if topic:
                parts += ["for", label or " ".join(topic)]
            canonical = " ".join(p for p in parts if p)
        elif not modifiers:
            # Half translated, "Institute for Virologie" would become the actor's label, and it
            # could join no English name anyway: the key stays in the text's language, with the
            # head uninflected, so "Instituts für Virologie" still joins "Institut für Virologie".
            head = words.base_head(doc[head_start:head_end].text.rsplit("-", 1)[-1])
            if parent_name:
                head = f"{parent_name}-{head}" if prefix is not None else f"{parent_name} {head}"
            canonical = f"{head} {doc[head_end:end].text}" if topic else head
        return Institution(
            start=start,
            end=end,
            label="LOC" if facility else "ORG",
            canonical=canonical,
            parent=parent,
            parent_chars=parent_chars,
            acronym=self.acronym_after(end),
        )


def find_institutions(doc: Doc, *, lang: str, index: KBIndex) -> list[Institution]:
    """Institution and building names in ``doc``, left to right, not overlapping.

    Parameters
    ----------
    doc : Doc
        A document with entities (their PERSON spans are never part of a name).
    lang : str
        Language code; its ``names.yaml`` and ``topics.yaml`` give the head nouns and topics.
    index : KBIndex
        Knowledge base: parents ("UN") and names it already knows.

    Examples
    --------
    >>> import spacy
    >>> from actorgraph.kbindex import default_index
    >>> doc = spacy.blank("en")("He visited the UN Regional Centre for SDGs in Almaty.")
    >>> names = find_institutions(doc, lang="en", index=default_index())
    >>> [(doc[i.start : i.end].text, i.canonical) for i in names]
    [('UN Regional Centre for SDGs', 'UN Regional Centre for Sustainable Development')]
    """
    if not _words(lang).institution_heads:
        return []
    return _Finder(doc, lang, index).find()
