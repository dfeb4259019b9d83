"""Mentions → actors: one actor per real-world entity.

Resolution links what it can to the knowledge base (:mod:`.link`), then clusters the rest:
within a document by surname coreference ("Guterres" → "António Guterres") and by acronyms
the text defines ("… in Zentralasien (UNRCA)"); across documents by transliteration keys
("Tokajew" ≈ "Tokayev"), inflection ("Kasachstans" → "Kasachstan") and compatible first
names. Clustering is a union–find over mentions, blocked by key, so it never compares all
pairs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise
from typing import NamedTuple

import numpy as np

from ..kb import KBEntry
from ..kbindex import KBIndex
from ..records import Actor, Analysis, Mention
from ..resources import load_resource
from ..text import fold, name_variants, place_names, slug, translit_key
from ..titles import head_titles
from ..unionfind import UnionFind
from .assignment import Assignment, MentionKey
from .columns import MentionColumns
from .link import PLACE_LABELS, PLACE_WORD_LABELS, Linker, similar_first_names
from .names import (
    acronym_key,
    company_name,
    given_names,
    is_surname_only,
    key_form,
    key_words,
    lowercase_word,
    name_key,
    noun_ending,
    plain_name,
    regnal,
    surname_key,
    surname_shaped,
    without_article,
    without_prefix,
)
from .shortforms import short_forms

__all__ = ["MentionKey", "Resolution", "mention_key", "resolve"]

_BODY_KINDS = ("state", "igo", "organ", "agency", "forum", "group")
_WORD = re.compile(r"[\w-]+")
_NAME_PARTS = re.compile(r"[\s\-‐–]+")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-ZÄÖÜ][A-Za-zÄÖÜ0-9&]{1,11})\s*\)")
#: A Roman numeral of two letters or more, up to 39 (see :func:`_roman_numerals`).
_ROMAN_NUMERAL = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")
_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "MISC")

#: The votes for its type of a mention where a noun before the name said what it names.
CLASS_VOTES = 10

#: How many different surnames a word must open in the corpus's full person names before a
#: MISC-tagged name that opens with it counts as a person's.
GIVEN_NAME_SURNAMES = 3


#: Mentions made at a time while actors are formed (:meth:`_Resolver._cluster_members`).
PICKED_MENTIONS = 4096


class Resolution(NamedTuple):
    actors: tuple[Actor, ...]
    #: ``(doc_id, start, end)`` of every kept mention → its actor id.
    assignment: Mapping[MentionKey, str]


def mention_key(mention: Mention) -> MentionKey:
    return (mention.doc_id, mention.start, mention.end)


#: Marks a surname's key as spelled, under no language's rules, beside the keys under its
#: language's rules in one table.
_SPELLED = "\x00"


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


class _Article(NamedTuple):
    """What resolution needs of one document besides its mentions (so the text can go)."""

    year: int | None
    #: The document's mentions, as indices into the corpus's mention list.
    mention_ids: range
    #: ``{"UNRCA": i}``: acronyms the text defines right after mention ``i``.
    acronyms: dict[str, int]
    #: The states the document names (KB ids), which help pick between namesakes.
    context: frozenset[str]
    #: The surname keys of the persons it names in full.
    named_in_full: frozenset[str]


class _Resolver:
    def __init__(self, analyses: Iterable[Analysis], index: KBIndex):
        self.index = index
        self.linker = Linker(index)
        self.mentions = MentionColumns()
        #: Acronyms the corpus uses for things, not actors ("GDP", "COVID").
        self.things: set[str] = set()
        self.articles: list[_Article] = []
        #: One-word names that are common words (:func:`_capitalised_words`): a cluster of
        #: nothing else is no actor.
        self.capitalised_words: set[int] = set()
        #: Country codes after an athlete's name ("Dominic Thiem (AUT)"): no actor.
        self.nationality_codes: set[int] = set()
        #: Roman numerals that number something (:func:`_roman_numerals`): no actor.
        self.numerals: set[int] = set()
        #: Things' whole names that go on past a preposition (:func:`_thing_names`): no actor.
        self.thing_names: set[int] = set()
        self.pending_surnames: list[int] = []
        #: A pending surname that opens one full name of its article ("Ray" of "Ray Charles",
        #: "Xi" of "Xi Jinping") → that name's mention: the person, unless the corpus has a full
        #: name whose surname it is.
        self.first_names: dict[int, int] = {}
        #: A pending surname whose article names it in full only under another tag ("Bernie
        #: Ebbers" an ORG) → that name's mention: the person, if its first word opens a full name
        #: the corpus tags a person (:meth:`_opens_a_name`).
        self.untyped_full_names: dict[int, int] = {}
        #: A one-word name tagged ORG or MISC that its article names a person by in full ("Campbell"
        #: after "Alastair Campbell") → that full name's mention: the person, unless the corpus
        #: names the word mostly without such a person ("Ford", "Disney": companies).
        self.org_surnames: dict[int, int] = {}
        #: The word as written (folded: "Foxx" is not "Fox" here, though its surname key is) →
        #: the articles that tag it alone ORG or MISC, and of those the ones that also name a
        #: person of that surname in full.
        self.org_word_articles: Counter[str] = Counter()
        self.org_word_articles_with_person: Counter[str] = Counter()
        #: Mentions whose model tag is not what they name: a surname tagged ORG that joined its
        #: article's person votes for a person ("Campbell", tagged ORG ten times, of "Alastair
        #: Campbell").
        self.person_votes: set[int] = set()
        #: Full names that open with a word describing the person ("Sprinter Kelly Holmes"),
        #: joined to the name without it: never the actor's label (:meth:`_described_names`).
        self.described: set[int] = set()
        #: Full names of three or four words whose first word is no surname of their article,
        #: and the first words of the corpus's two-word names (:meth:`_described_names`).
        self.maybe_described: list[int] = []
        self.two_word_openers: set[str] = set()
        #: A full name and the article's fuller name that ends with it ("Peña Nieto", "Enrique
        #: Peña Nieto"), joined after the described names are found (:meth:`_fuller_names`).
        self.fuller_names: list[tuple[int, int]] = []
        #: The first words of the corpus's full person names, folded ("billy" of "Billy Bob
        #: Thornton"), each with the surnames it opens (:meth:`_person_named`).
        self.given_names: defaultdict[str, set[str]] = defaultdict(set)
        #: The first parts of the two-part compounds in persons' offices, folded ("gazprom" of
        #: "Gazprom-Chef"): a name among them is a body someone holds an office in.
        self.office_words: set[str] = set()
        self.acronyms: dict[str, int] = {}
        #: Mentions that name no actor (a nationality that is not a state's).
        self.dropped: set[int] = set()
        #: Offices named without a name ("der UN-Generalsekretär"), resolved within their article.
        self.roles: set[int] = set()
        #: A place's name in another language → the KB place an article that names its state
        #: linked it to ("peking" → Beijing); it links the name where no state is named.
        self.other_names: dict[str, KBEntry] = {}
        #: The mentions of the document being resolved, by position.
        self.current: dict[int, Mention] = {}
        #: Organisations named with their legal form ("Sony Corporation"), each with its name
        #: without it ("Sony"), joined across the corpus by :meth:`_company_names`.
        self.company_forms: list[tuple[int, str]] = []
        #: The name keys of places the model tagged and the knowledge base does not know
        #: ("Burgenland"): no company's name without its legal form ("Burgenland AG") joins them.
        self.place_keys: set[str] = set()
        codes = _country_codes(index)
        #: Each mention's KB entry, linked as its article is read: a link needs nothing of other
        #: articles, and a rebuild reads the stored ones while a new article is still being
        #: annotated.
        self.linked: list[KBEntry | None] = []
        for analysis in analyses:  # the one pass over the corpus's documents
            doc = analysis.document
            year = _year(doc.date)
            ids = self.mentions.extend(analysis.mentions)
            context, named_in_full = self._link_article(ids, analysis.mentions, year)
            self.capitalised_words.update(_capitalised_words(doc.text_raw, ids, analysis.mentions))
            self.nationality_codes.update(_nationality_codes(doc.text_raw, ids, analysis.mentions, codes))
            defined = _acronym_definitions(doc.text_raw, analysis.mentions, ids.start)
            self.articles.append(_Article(year, ids, defined, context, named_in_full))
            brackets = list(_BRACKETED.finditer(doc.text_raw))
            bracketed = list(_defined(doc.text_raw, brackets))
            self.things |= _thing_acronyms(bracketed, doc.language or "en")
            self.things |= _thing_name_acronyms(doc.text_raw, brackets, doc.language or "en")
            self.thing_names.update(_thing_names(ids, analysis.mentions, doc.language or "en"))
            self.numerals.update(_roman_numerals(ids, analysis.mentions, bracketed))
        self.uf = UnionFind(len(self.mentions))

    def _link_article(
        self, ids: range, mentions: Sequence[Mention], year: int | None
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Link an article's mentions (``ids``) to the KB: first the names that are no person's,
        then places named in another language and persons, which the states those name help
        pick. Offices named without a name are left to the article's persons; organs named by
        rule ("Ministry of Foreign Affairs of Kazakhstan") are not linked. The article's states
        and the surname keys of the persons it names in full."""
        link = self.linker.link
        linked: list[KBEntry | None] = [
            None if m.label == "PERSON" or m.source == "role" or m.canonical else link(m, year=year)
            for m in mentions
        ]
        context = frozenset(
            entry.part_of if entry.kind == "capital" and entry.part_of else entry.id
            for entry in linked
            if entry is not None and entry.type == "GPE"
        )
        for n, m in enumerate(mentions):
            if linked[n] is None and not m.canonical and m.source != "role":
                entry = self.linker.other_name(m, context_states=context, year=year)
                if entry is not None:
                    linked[n] = entry
                    self.other_names.setdefault(fold(m.text), entry)
        self.dropped.update(
            ids[n]
            for n, m in enumerate(mentions)
            if m.label == "NORP" and linked[n] is None and m.source != "role"
        )
        named_in_full = frozenset(
            surname_key(m.text, m.lang)
            for m in mentions
            if m.label == "PERSON" and m.source != "role" and not is_surname_only(m.label, m.text, m.lang)
        )
        for n, m in enumerate(mentions):
            if m.label == "PERSON" and m.source != "role":
                entry = link(m, context_states=context, year=year)
                if entry is not None and entry.type != "PERSON" and self._surname_of(m, named_in_full):
                    entry = None  # "Hamilton" after "Lewis Hamilton" is he, not Bermuda's capital
                linked[n] = entry
        self.linked.extend(linked)
        return context, named_in_full

    def run(self) -> Resolution:
        texts, sources = self.mentions.column("text"), self.mentions.column("source")
        self.dropped.update(
            i
            for i, (text, source) in enumerate(zip(texts, sources, strict=True))
            if text in self.things and source != "ruler"
        )
        self.dropped |= self.nationality_codes | self.numerals | self.thing_names
        for article in self.articles:
            self._document(article)
        self._corpus()
        return self._actors()

    # -- within one document -------------------------------------------------------------
    def _document(self, article: _Article) -> None:
        year = article.year
        all_ids = article.mention_ids
        self.current = dict(zip(all_ids, self.mentions.make(all_ids), strict=True))
        role_ids = [i for i in all_ids if self.current[i].source == "role"]
        self.roles.update(role_ids)
        ids = [i for i in all_ids if self.current[i].source != "role"]
        context, named_in_full = article.context, article.named_in_full  # linked in the first pass
        local_acronyms = article.acronyms
        for acronym, i in local_acronyms.items():
            self.acronyms.setdefault(acronym, i)
        # "the Bank" after "the Reserve Bank of Australia": that bank, not every "Bank" of the corpus.
        short = short_forms(
            (i for i in ids if i not in self.dropped and self.current[i].text not in local_acronyms),
            self.current.__getitem__,
            self.linked.__getitem__,
            lang=self.current[ids[0]].lang if ids else "en",
        )
        self.dropped |= short.unnamed
        full_names: dict[str, list[int]] = defaultdict(list)
        #: Full names the model tagged something else ("Bernie Ebbers" an ORG), by surname.
        full_names_untyped: dict[str, list[int]] = defaultdict(list)
        #: A full name's first word → the full names of the article it opens.
        given: dict[str, set[int]] = defaultdict(set)
        for i in ids:
            m = self.current[i]
            if i in self.dropped:
                continue
            if self.linked[i] is not None:
                self.uf.union_key(("kb", self.linked[i].id), i)
            elif i in short.joined:
                self.uf.union(i, short.joined[i])
                continue
            elif m.canonical:
                self.uf.union_key(("canonical", m.canonical), i)
                if m.text.isupper():  # an acronym the article defined for an institution ("UNRCA")
                    self.acronyms.setdefault(m.text, i)
                else:  # the same name as a model finds it elsewhere ("Federal Communications Commission")
                    self.uf.union_key(self._spelled_key(m), i)
            elif m.text in local_acronyms and local_acronyms[m.text] != i:
                self.uf.union(i, local_acronyms[m.text])
            elif not is_surname_only(m.label, m.text, m.lang) and (
                # a one-word name tagged ORG that the article names a person by is keyed below
                m.text in local_acronyms or not self._org_surname(m, named_in_full)
            ):
                for key in self._name_keys(m):
                    self.uf.union_key(key, i)
                if m.label == "ORG" and (company := company_name(m.text)) != m.text:
                    self.company_forms.append((i, company))
                elif m.label in PLACE_LABELS:
                    self.place_keys.add(name_key(m.text, m.lang))
            if m.role:
                self.office_words.update(_office_bodies(m.role))
            if (
                m.label != "PERSON"
                and self.linked[i] is None
                and not m.canonical
                and 2 <= len(m.text.split()) <= 3
                and plain_name(m.text, m.lang)
            ):
                full_names_untyped[surname_key(m.text, m.lang)].append(i)
            if m.label == "PERSON" and not is_surname_only(m.label, m.text, m.lang):
                full_names[surname_key(m.text, m.lang)].append(i)
                words = m.text.split()
                if plain_name(m.text, m.lang):
                    given[words[0]].add(i)
                    self.given_names[fold(words[0])].add(surname_key(m.text, m.lang))
                if len(words) == 2:
                    self.two_word_openers.add(fold(words[0]))
                elif (
                    3 <= len(words) <= 4
                    and self.linked[i] is None
                    # "Kickl Norbert Hofer" opens with a surname of the article: not described
                    and surname_key(words[0], m.lang) not in named_in_full
                ):
                    self.maybe_described.append(i)
        for word, key in {
            (fold(m.text), surname_key(m.text, m.lang))
            for m in (self.current[i] for i in ids)
            if m.label in ("ORG", "MISC") and surname_shaped(m.text, m.lang) and not m.canonical
        }:
            self.org_word_articles[word] += 1
            self.org_word_articles_with_person[word] += key in named_in_full
        self._fuller_names([i for named in full_names.values() for i in named], named_in_full)
        regnal_names = {
            m.text
            for m in (self.current[i] for i in ids)
            if is_surname_only(m.label, m.text, m.lang) and regnal(m.role, m.lang)
        }
        for i in ids:
            m = self.current[i]
            if self.linked[i] is not None or i in self.dropped or i in short.joined:
                continue
            if m.text in local_acronyms:
                continue
            if not is_surname_only(m.label, m.text, m.lang):
                if m.canonical or not self._org_surname(m, named_in_full):
                    continue
                # Models often tag a bare surname as ORG; the article's full name decides, unless
                # the corpus mostly names it without that person (see _corpus).
                namesakes = full_names.get(surname_key(m.text, m.lang), [])
                if len({self.uf.find(j) for j in namesakes}) == 1:
                    self.org_surnames[i] = namesakes[0]
                else:
                    for key in self._name_keys(m):
                        self.uf.union_key(key, i)
                continue
            # The surname as written, else uninflected ("Kerns Rede", "Van der Bellens").
            keys = [surname_key(variant, m.lang) for variant in name_variants(m.text, m.lang)]
            if regnal(m.role, m.lang) or (m.text in regnal_names and not any(k in full_names for k in keys)):
                self._given_name(i, given.get(m.text, set()), context, year)
                continue
            namesakes = next((full_names[k] for k in keys if k in full_names), [])
            roots = {self.uf.find(j) for j in namesakes}
            if len(roots) == 1:
                self.uf.union(i, roots.pop())
            elif roots:
                # Several full names share the surname ("Tony Blair", "Cherie Blair"): the one the
                # article names first is the one it goes on to call by surname. Left apart, each
                # "Blair" would be an actor of its own.
                self.uf.union(i, min(namesakes, key=lambda j: (self.current[j].start, j)))
            elif entry := self.linker.surname(m.text, m.lang, context, year):
                self.linked[i] = entry
                self.uf.union_key(("kb", entry.id), i)
            else:
                self.pending_surnames.append(i)
                if len(openers := {self.uf.find(j) for j in given.get(m.text, ())}) == 1:
                    self.first_names[i] = openers.pop()
                untyped = next((full_names_untyped[k] for k in keys if k in full_names_untyped), [])
                if len({self.uf.find(j) for j in untyped}) == 1:
                    self.untyped_full_names[i] = untyped[0]
        for i in role_ids:
            holder = self._role_holder(i, ids)
            if holder is not None:
                self.uf.union(i, holder)
                continue
            # An office nobody in the article holds stands for its institution: "die G7-Außenminister".
            m = self.current[i]
            entries = {
                e.id: e
                for w in _WORD.findall(m.text)
                for e in self._affiliation_entries(w.split("-")[0], m.lang)
            }
            if len(entries) == 1:
                entry = next(iter(entries.values()))
                self.linked[i] = entry
                self.uf.union_key(("kb", entry.id), i)
            else:
                self.dropped.add(i)

    def _fuller_names(self, full_names: list[int], named_in_full: set[str]) -> None:
        """Find the article's fuller name that a full name ends, which it joins: "Peña Nieto"
        is its "Enrique Peña Nieto", "Saumarez Smith" its "Charles Saumarez Smith". A name of
        two words also joins the fuller name that puts middle names between them: "Sergej
        Netschajew" is the article's "Sergej Jurjewitsch Netschajew", "Anna Day" its "Anna
        Therese Day". The join waits for :meth:`_described_names`, which must see "Richard
        Lugner" apart from the "Baumeister Richard Lugner" of his article.

        The words the fuller name adds must be capitalised, and none of them a surname of the
        article's persons: "Kickl Van der Bellen", two names the model ran together, is neither
        Kickl nor Van der Bellen; "Jakob von Gunten von Robert Walser" is a novel and its author.
        """
        words = {i: self.current[i].text.split() for i in full_names}

        def added(j: int, extra: list[str]) -> bool:
            lang = self.current[j].lang
            return all(w[:1].isupper() and surname_key(w, lang) not in named_in_full for w in extra)

        for i in full_names:
            short, entry = words[i], self.linked[i]
            roots = {
                self.uf.find(j)
                for j in full_names
                if len(words[j]) > len(short)
                # "George Bush" and "George W. Bush": the knowledge base knows two persons
                and (entry is None or self.linked[j] is None or self.linked[j].id == entry.id)
                and (
                    (words[j][-len(short) :] == short and added(j, words[j][: -len(short)]))
                    or (
                        len(short) == 2
                        and words[j][0] == short[0]
                        and words[j][-1] == short[-1]
                        and added(j, words[j][1:-1])
                    )
                )
            }
            if len(roots) == 1:
                self.fuller_names.append((i, roots.pop()))

    def _given_name(self, i: int, opened: set[int], context: frozenset[str], year: int | None) -> None:
        """Resolve mention ``i``, a name after a regnal title ("Prince Charles") or the
        article's same name after it: a given name, which joins no "Ray Charles", but the one
        full name of the article it opens (``opened``: "Prince Saud" is "Saud al-Faisal"), a
        knowledge-base person the article's context backs, or the same name after such a title
        elsewhere."""
        if len(openers := {self.uf.find(j) for j in opened}) == 1:
            self.uf.union(i, openers.pop())
            return
        m = self.current[i]
        entry = self.linker.surname(m.text, m.lang, context, year)
        if entry is not None:
            self.linked[i] = entry
        self.uf.union_key(("kb", entry.id) if entry else ("regnal", translit_key(m.text, None)), i)

    @staticmethod
    def _org_surname(m: Mention, named_in_full: set[str]) -> bool:
        """Is ``m`` a one-word name tagged ORG or MISC that its article names a person by in full?"""
        return (
            m.label in ("ORG", "MISC")
            and surname_shaped(m.text, m.lang)
            and surname_key(m.text, m.lang) in named_in_full
        )

    @staticmethod
    def _surname_of(m: Mention, named_in_full: set[str]) -> bool:
        """Is ``m`` a bare surname of a full name in ``named_in_full`` (surname keys)?"""
        return is_surname_only(m.label, m.text, m.lang) and any(
            surname_key(v, m.lang) in named_in_full for v in name_variants(m.text, m.lang)
        )

    def _affiliations(
        self, actor_id: str, kind: str, members: list[Mention], entry: KBEntry | None
    ) -> tuple[str, ...]:
        """Whom an actor acts for: states and organisations named in a person's roles
        ("Kasachstans Präsident", "UN Secretary-General"), the states of a KB person's offices,
        and the parent of a KB organ (the General Assembly is part of the UN)."""
        found: set[str] = set()
        if kind == "PERSON":
            for m in members:
                if m.role:
                    found |= self._role_bodies(m.role, m.lang)
            if entry is not None:
                found.update(o.state for o in entry.offices if o.state and o.state in self.index.kb)
        elif entry is not None and entry.part_of and entry.kind in ("organ", "agency"):
            found.add(entry.part_of)
        found.update(m.part_of for m in members if m.part_of)
        found.discard(actor_id)
        return tuple(sorted(found))

    def _role_bodies(self, role: str, lang: str) -> set[str]:
        """The states and organisations an office phrase names ("Vizepräsident der Europäischen
        Kommission" → the European Commission): every KB name among its word n-grams."""
        words = _WORD.findall(role)
        found: set[str] = set()
        for k, word in enumerate(words):
            for part in dict.fromkeys((word, word.split("-")[0])):
                found.update(e.id for e in self._affiliation_entries(part, lang))
            for n in range(2, 5):
                gram = words[k : k + n]
                if len(gram) < n:
                    break
                for last in name_variants(gram[-1], lang):
                    phrase = " ".join([*gram[:-1], last])
                    found.update(e.id for e in self.index.exact(phrase) if e.kind in _BODY_KINDS)
        return found

    def _affiliation_entries(self, word: str, lang: str) -> list[KBEntry]:
        if len(word) < 2 or (not word[:1].isupper() and not self.index.adjective(word)):
            return []
        entries = list(self.index.adjective(word))
        for variant in name_variants(word, lang):
            entries.extend(e for e in self.index.exact(variant) if e.kind in _BODY_KINDS)
        return entries

    def _role_holder(self, i: int, ids: list[int]) -> int | None:
        """The person a bare office refers to: the nearest earlier (else later) person of the
        article with that office ("UN-Generalsekretär António Guterres … der UN-Generalsekretär")."""
        m = self.current[i]
        heads = head_titles(m.text, m.lang)
        bodies = self._role_bodies(m.text, m.lang)
        holders = [
            j
            for j in ids
            if self.current[j].label == "PERSON"
            and self.current[j].role
            and (self.linked[j] is None or self.linked[j].type == "PERSON")
            and j not in self.dropped
            and heads & head_titles(self.current[j].role, m.lang)
            # "die G7-Außenminister" are not Kazakhstan's deputy foreign minister
            and (not bodies or bodies & self._role_bodies(self.current[j].role, m.lang))
        ]
        if len({self.uf.find(j) for j in holders}) > 1:
            earlier = [j for j in holders if self.current[j].start < m.start]
            holders = earlier[-1:] or holders[:1]
        return holders[0] if holders else None

    @staticmethod
    def _name_keys(m: Mention) -> tuple[tuple, ...]:
        """The keys a name joins others by: its transliteration key under its language's
        spelling rules ("Tokajew" = "Tokayev"), and its key as spelled, under no language's
        rules. German rules read "John", "Amazon" and "Deutsche" as transliterations; the same
        name written the same way in an English article must still meet them.

        Persons and other actors are kept apart by the language's key, and by the spelled key
        for one word ("Jordan" the country, "Jordan" the footballer); a name of several words
        spelled alike is one entity whichever the model tagged it ("Cate Blanchett" a person in
        one article and an organisation in the next)."""
        group = "person" if m.label == "PERSON" else "other"
        return ("name", group, name_key(m.text, m.lang)), _Resolver._spelled_key(m)

    @staticmethod
    def _spelled_key(m: Mention) -> tuple:
        """The key of a name as spelled (see :meth:`_name_keys`)."""
        spelled = acronym_key(m.text) or translit_key(key_form(m.text), None)
        group = "" if " " in spelled else "person" if m.label == "PERSON" else "other"
        return ("spelling", group, spelled)

    # -- across documents ----------------------------------------------------------------
    def _corpus(self) -> None:
        uf = self.uf
        self._company_names()
        for i, j in self.org_surnames.items():
            m = self.mentions[i]
            word = fold(m.text)
            if 2 * self.org_word_articles_with_person[word] >= self.org_word_articles[word]:
                uf.union(i, j)
                self.person_votes.add(i)
            else:  # "Ford" beside "Bill Ford": the company most articles name without him
                for key_of_name in self._name_keys(m):
                    uf.union_key(key_of_name, i)
        pending = set(self.pending_surnames)
        for i, text in enumerate(self.mentions.column("text")):
            if i in self.roles:
                continue
            if self.linked[i] is None and text in self.acronyms and uf.find(i) == i and i not in pending:
                uf.union(i, self.acronyms[text])
        labels = list(self.mentions.column("label"))
        fields = labels, self.mentions.column("text"), self.mentions.column("lang")
        for i, (label, text, lang) in enumerate(zip(*fields, strict=True)):
            if self.linked[i] is None and label in PLACE_LABELS and i not in self.dropped:
                # A name an article that names its state linked ("Peking"), here without one.
                entry = self.other_names.get(fold(text)) if self.other_names else None
                if entry is not None:
                    self.linked[i] = entry
                    uf.union_key(("kb", entry.id), i)
            if self.linked[i] is None and label != "PERSON" and i not in self.dropped and i not in self.roles:
                place = label in PLACE_LABELS
                for variant in name_variants(text, lang)[1:]:
                    # An inflected form joins a name of its kind ("Bayerns" the state joins
                    # "Bayern", but "Bayern" is no form of "Bayer" the company); a genitive
                    # joins whatever the model tagged it ("Microsofts", often a place), and a
                    # German full name's the person ("Frank Stronachs" tagged ORG).
                    j = uf.by_key.get(("name", "other", name_key(variant, lang)))
                    if j is None and lang == "de" and " " in text and text.endswith("s"):
                        j = uf.by_key.get(("name", "person", name_key(variant, lang)))
                    if j is not None and ((labels[j] in PLACE_LABELS) == place or text.endswith("s")):
                        uf.union(j, i)
                        break
                else:
                    self._join_derived_place(i, label, text, lang)
            elif (
                self.linked[i] is None
                and label == "PERSON"
                and lang == "de"
                and " " in text
                and i not in self.dropped
                and i not in self.roles
            ):
                # A German full name in the genitive is the name: "Heinz-Christian Straches",
                # and "Ridley Scotts" the "Ridley Scott" tagged ORG
                for variant in name_variants(text, lang)[1:]:
                    key = name_key(variant, lang)
                    j = uf.by_key.get(("name", "person", key), uf.by_key.get(("name", "other", key)))
                    if j is not None:
                        uf.union(j, i)
                        break
        self._described_names()
        for i, j in self.fuller_names:  # after the described names: see _fuller_names
            uf.union(i, j)
        # Surname → {cluster root: the (text, language) of its first full name}
        by_surname: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
        fields = self.mentions.column("label"), self.mentions.column("text"), self.mentions.column("lang")
        for i, (label, text, lang) in enumerate(zip(*fields, strict=True)):
            if (
                label == "PERSON"
                and not is_surname_only(label, text, lang)
                and i not in self.roles
                and i not in self.dropped
            ):
                root = uf.find(i)
                by_surname[surname_key(text, lang)].setdefault(root, (text, lang))
                by_surname[_SPELLED + surname_key(text, None)].setdefault(root, (text, lang))
        kb_of: dict[int, set[str]] = defaultdict(set)
        for i, entry in enumerate(self.linked):
            if entry is not None:
                kb_of[uf.find(i)].add(entry.id)
        offices_of: dict[int, set[str]] = defaultdict(set)
        for i, role in enumerate(self.mentions.column("role")):
            if role:
                offices_of[uf.find(i)].add(role.lower())
        for block in by_surname.values():
            roots = sorted(block)
            for a_pos, a in enumerate(roots):
                for b in roots[a_pos + 1 :]:
                    ra, rb = uf.find(a), uf.find(b)
                    conflict = kb_of[ra] and kb_of[rb] and kb_of[ra] != kb_of[rb]
                    # A name with middle names is a knowledge-base person's without them ("Sam
                    # Kahamba Kutesa", "Sam Kutesa"), or a person's who holds an office the
                    # shorter name holds too ("John William Ashe", "John Ashe", both "President
                    # of the General Assembly"), but no namesake's ("Jerry Lee Lewis" and
                    # "Jerry Lewis").
                    middle = bool(kb_of[ra] or kb_of[rb] or offices_of[ra] & offices_of[rb])
                    if ra != rb and not conflict and _same_person(block[a], block[b], middle_names=middle):
                        uf.union(ra, rb)
                        root = uf.find(ra)
                        kb_of[root] = kb_of[ra] | kb_of[rb]
                        offices_of[root] = offices_of[ra] | offices_of[rb]
        for i in self.pending_surnames:
            if (j := self.untyped_full_names.get(i)) is not None and self._opens_a_name(j):
                uf.union(i, j)  # the article's "Bernie Ebbers", though the corpus has a Bernard
                continue
            m = self.mentions[i]
            namesakes = {**by_surname.get(surname_key(m.text, m.lang), {})}
            namesakes.update(by_surname.get(_SPELLED + surname_key(m.text, None), {}))
            roots = {uf.find(r) for r in namesakes}
            if len(roots) == 1:
                uf.union(i, roots.pop())
            elif not roots and i in self.first_names:
                uf.union(i, self.first_names[i])
            else:
                bare = without_prefix(m.text)  # "ex-Yukos" is Yukos
                uf.union_key(("name", "person", acronym_key(bare) or translit_key(bare, m.lang)), i)
                uf.union_key(("spelling", "person", acronym_key(bare) or translit_key(bare, None)), i)
                if not roots and (royal := uf.by_key.get(("regnal", translit_key(bare, None)))) is not None:
                    uf.union(royal, i)  # "Philip" where the corpus has "Prince Philip" and no "… Philip"
        self._bare_names_across_types(by_surname)

    def _company_names(self) -> None:
        """Join an organisation named with its legal form to its name without it: "Sony
        Corporation" is the corpus's "Sony", "Oil & Natural Gas Corp" its "Oil and Natural Gas
        Corporation", "Warner Bros" its "Warner Brothers" (:func:`~.names.company_name`).

        Not when what is left is a name the corpus tags a place: "Burgenland AG" is not the
        Burgenland. (A place the knowledge base knows, such as the Minsk of "Minsk Group", is
        joined by its entry, not by its name.)
        """
        uf = self.uf
        for i, company in self.company_forms:
            key = name_key(company, self.mentions[i].lang)
            if key in self.place_keys:
                continue
            uf.union_key(("company", key), i)
            if (j := uf.by_key.get(("name", "other", key))) is not None:
                uf.union(j, i)

    def _described_names(self) -> None:
        """Join "Sprinter Kelly Holmes" to the corpus's "Kelly Holmes", and "Briton Clive Owen",
        "Innenverteidiger Christopher Dibon" and "Youtuber Senad Hasani" to their names.

        The first word of such a name describes the person: it opens no two-word person's name
        in the corpus, and fewer than :data:`GIVEN_NAME_SURNAMES` full names at all, where a
        given name opens many ("Hans Christian Andersen" keeps his "Hans", which opens "Hans
        Niessl"); and it is no surname of the article's persons. What follows it must be a full
        name the corpus names alone.
        """
        uf = self.uf
        joins = []
        for i in self.maybe_described:
            m = self.mentions[i]
            first, *rest = m.text.split()
            folded = fold(first)
            given_name = len(self.given_names.get(folded, ())) >= GIVEN_NAME_SURNAMES
            if given_name or folded in self.two_word_openers:
                continue
            name = " ".join(rest)
            if not name[:1].isupper() or not plain_name(name, m.lang):
                continue
            j = uf.by_key.get(("name", "person", name_key(name, m.lang)))
            if j is not None and uf.find(j) != uf.find(i):
                joins.append((i, j))
        # Decided before any joins, so that every mention of "Baumeister Richard Lugner" counts
        # as described, not only the first.
        for i, j in joins:
            uf.union(i, j)
            self.described.add(i)

    def _join_derived_place(self, i: int, label: str, word: str, lang: str) -> None:
        """Join a place's adjective or inhabitants' noun to the place the corpus names
        ("Salzburger" → "Salzburg", "Kärntner" → "Kärnten"), when that name is tagged a place."""
        if label not in PLACE_WORD_LABELS:
            return
        uf = self.uf
        for place in place_names(word, lang):
            j = uf.by_key.get(("name", "other", name_key(place, lang)))
            if j is not None and self.mentions[j].label in PLACE_LABELS:
                uf.union(j, i)
                return

    def _bare_names_across_types(self, full_names: Mapping[str, object]) -> None:
        """A name the model tags a person in some articles and an organisation or a place in
        others is one actor ("Yuganskneftegas" PERSON 14 times, ORG 12, GPE 4), of the type
        most of its mentions give (:func:`_majority_type`), unless the corpus names a person of
        that surname in full ("Tony Blair" keeps his "Blair") or either side is in the
        knowledge base ("Glasgow" the city stays apart from a "Glasgow" tagged PERSON).

        ``full_names`` are the surname keys of the corpus's full person names.
        """
        uf = self.uf
        linked = {uf.find(i) for i, entry in enumerate(self.linked) if entry is not None}
        bare = sorted((key[2], i) for key, i in uf.by_key.items() if key[:2] == ("spelling", "person"))
        for spelled, i in bare:
            # "van der bellen" is Bellen's surname; "mikl leitner" is Mikl-Leitner's.
            if _SPELLED + spelled in full_names or _SPELLED + spelled.split()[-1] in full_names:
                continue
            # A one-word name's key is grouped by type; one with particles is not ("Der Spiegel").
            other = uf.by_key.get(("spelling", "other", spelled), uf.by_key.get(("spelling", "", spelled)))
            if other is None:
                continue
            a, b = uf.find(i), uf.find(other)
            if a != b and a not in linked and b not in linked:
                uf.union(a, b)

    # -- actors --------------------------------------------------------------------------
    def _clusters(self) -> Iterator[list[int]]:
        """The kept mentions of each cluster, in order, clusters in the order the corpus first
        names them: by their earliest (document, start), ties by their first mention.

        Grouped by sorting arrays, where a dict of lists would hold an int object (28 bytes)
        for every mention of the corpus.
        """
        n = len(self.mentions)
        kept = np.ones(n, dtype=bool)
        kept[np.fromiter(self.dropped, dtype=np.int64, count=len(self.dropped))] = False
        ids = np.flatnonzero(kept).astype(np.int32)
        del kept
        if not len(ids):
            return
        find = self.uf.find
        roots = np.fromiter(map(find, ids.tolist()), dtype=np.int32, count=len(ids))
        order = np.argsort(roots, kind="stable")  # each cluster's mentions stay in corpus order
        ids, roots = ids[order], roots[order]
        del order
        starts = np.flatnonzero(np.r_[True, roots[1:] != roots[:-1]])
        ends = np.r_[starts[1:], len(ids)]
        document, start = self.mentions.ranks("doc_id")[ids], self.mentions.integers("start")[ids]
        earliest = np.lexsort((start, document, roots))[starts]  # each cluster's earliest mention
        del roots
        for c in np.lexsort((ids[starts], start[earliest], document[earliest])).tolist():
            yield ids[starts[c] : ends[c]].tolist()

    def _cluster_members(self) -> Iterator[tuple[list[int], list[Mention]]]:
        """Each cluster of :meth:`_clusters` with its mentions, made for a run of clusters of
        at least :data:`PICKED_MENTIONS` mentions at a time: most clusters have one or two, and
        a call that makes so few costs more than making them does."""
        run: list[list[int]] = []
        size = 0
        for ids in self._clusters():
            run.append(ids)
            size += len(ids)
            if size >= PICKED_MENTIONS:
                yield from self._with_members(run)
                run, size = [], 0
        yield from self._with_members(run)

    def _with_members(self, clusters: list[list[int]]) -> Iterator[tuple[list[int], list[Mention]]]:
        members = self.mentions.pick(i for ids in clusters for i in ids)
        begin = 0
        for ids in clusters:
            yield ids, members[begin : begin + len(ids)]
            begin += len(ids)

    def _opens_a_name(self, i: int) -> bool:
        """Does mention ``i`` open with a word that opens a full name the corpus tags a person?
        "Bernie Ebbers", tagged an organisation here, does; "Hurricane Mitch" does not."""
        return fold(self.mentions[i].text.split()[0]) in self.given_names

    def _person_named(self, label: str, lang: str) -> bool:
        """Does ``label``, a name most of whose mentions the model tagged MISC, name a person:
        two to four name words, the first of them a given name? A word counts as a given name
        when the corpus's full person names open with it before at least
        :data:`GIVEN_NAME_SURNAMES` different surnames: the models also tag a few titles as
        persons ("Finding Neverland", "Sex Pistols"), but no title word opens many names."""
        words = label.split()
        function_words = frozenset().union(*key_words())
        return (
            2 <= len(words) <= 4
            and len(self.given_names.get(fold(words[0]), ())) >= GIVEN_NAME_SURNAMES
            and plain_name(label, lang)
            # a title's capitalised "The" or "And" ("Sex And The City")
            and not any(w.istitle() and w.lower() in function_words for w in words[1:])
        )

    def _actors(self) -> Resolution:
        used: Counter[str] = Counter()
        taken: set[str] = set()
        actors: list[Actor] = []
        assignment = Assignment()
        for ids, members in self._cluster_members():
            named_ids = [(i, m) for i, m in zip(ids, members, strict=True) if m.source != "role"]
            named_ids = named_ids or list(zip(ids, members, strict=True))
            named = [m for _, m in named_ids]
            kb_ids = Counter(self.linked[i].id for i in ids if self.linked[i] is not None)
            entry = self.index.kb[min(kb_ids, key=lambda k: (-kb_ids[k], k))] if kb_ids else None
            if entry is not None:
                actor_id, label, kind = entry.id, entry.label, entry.type
            elif all(i in self.capitalised_words for i, _ in named_ids):
                continue  # "Gefordert wurde …": no one
            else:
                kind = _majority_type(
                    [replace(m, label="PERSON") if i in self.person_votes else m for i, m in named_ids]
                )
                canonical = sorted({m.canonical for m in named if m.canonical})
                # "Kelly Holmes", not "Sprinter Kelly Holmes"
                undescribed = [m for i, m in named_ids if i not in self.described]
                label = canonical[0] if canonical else _canonical_label(undescribed or named)
                if kind == "MISC":
                    works = sum(m.source == "class" and m.label == "MISC" for m in named)
                    persons = sum(m.source != "class" and m.label == "PERSON" for m in named)
                    if self._person_named(label, named[0].lang) and persons >= works:
                        # "Billy Bob Thornton", which the model took for a title; "Günther Jauch",
                        # whom a "Sendung Günther Jauch" names too
                        kind = "PERSON"
                    elif works:
                        continue  # "the comedy Sideways": a work, whatever else the models said
                    elif fold(label) in self.office_words:
                        kind = "ORG"  # "Gazprom" of a "Gazprom-Chef"
                    else:
                        continue  # a work, a product, a festival: no actor (docs/resolution.md)
                base = f"x:{slug(label)}"
                used[base] += 1
                actor_id = base if used[base] == 1 else f"{base}-{used[base]}"
                while actor_id in taken:  # "Angry Birds" twice, then "Angry Birds 2"
                    used[base] += 1
                    actor_id = f"{base}-{used[base]}"
            taken.add(actor_id)
            documents = tuple(sorted({m.doc_id for m in members}))
            roles = tuple(sorted({(m.role, m.doc_id) for m in members if m.role})) if kind == "PERSON" else ()
            actors.append(
                Actor(
                    id=actor_id,
                    label=label,
                    type=kind,
                    aliases=tuple(sorted({m.text for m in named})),
                    kb_id=entry.id if entry else None,
                    mentions=len(members),
                    documents=documents,
                    roles=roles,
                    affiliations=self._affiliations(actor_id, kind, members, entry),
                )
            )
            for m in members:
                assignment.add(mention_key(m), actor_id)
        return Resolution(tuple(sorted(actors, key=lambda a: a.id)), assignment)


#: Acronyms in brackets, "(SDGs)". The word before each is found from the bracket: a pattern
#: that starts with the word is tried, and fails, at nearly every word of every article.
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z0-9]{1,9})\s*\)")
_WORD_BEFORE = re.compile(r"(\w+)\s*\Z")


#: What may come right before a sentence's first word: its end, a quote, a bracket, a dash.
_BEFORE_SENTENCE = frozenset(".!?:;\"'„“”»«‚‘’(–—-\n")


def _capitalised_words(raw: str, ids: range, mentions: Sequence[Mention]) -> Iterator[int]:
    """The ids of the model's one-word names that are common words written with a capital: a
    German word the language writes in lower case, at a sentence's start ("Möglich",
    "Gefordert") or before a colon ("Fraglich: Trauner"), a word with a common noun's ending
    ("Hausdurchsuchungen"), and an English word the same article writes in lower case too
    ("the authority … Authority", "a ticket … Ticket"). An English name that is also a word
    ("Rice", "Bush") is kept by the full name, or the knowledge-base entry, of its cluster."""
    for i, m in zip(ids, mentions, strict=True):
        if m.label == "NORP" or m.source != "model":
            continue
        # "Möglich ist das", and a list's heading: "Fraglich: Trauner, Hart"
        placed_as_capitalised = _opens_sentence(raw, m.start) or raw[m.end : m.end + 1] == ":"
        if (
            (placed_as_capitalised and lowercase_word(m.text, m.lang))
            or noun_ending(m.text, m.lang)
            or (m.lang == "en" and m.text.isalpha() and not m.text.isupper() and _in_lower_case(raw, m.text))
        ):
            yield i


def _roman_numerals(
    ids: range, mentions: Sequence[Mention], bracketed: Sequence[tuple[str, str]]
) -> Iterator[int]:
    """The ids of Roman numerals that number a session, a chapter or a resolution ("resolution
    1514 (XV)", "Chapter VII"): no actor. A numeral the article writes in brackets after a word
    of its first letter (``bracketed``, from :func:`_defined`) is that word's acronym
    ("Industriellenvereinigung (IV)"). Numerals with L, C, D or M are left alone: "MCI" and
    "CDU" read as numerals too."""
    acronyms = {acronym for word, acronym in bracketed if len(word) >= 3 and word[0].upper() == acronym[0]}
    for i, m in zip(ids, mentions, strict=True):
        if m.source != "ruler" and m.text not in acronyms and _ROMAN_NUMERAL.fullmatch(m.text):
            yield i


def _country_codes(index: KBIndex) -> frozenset[str]:
    """The codes that stand for a state in sports results: the knowledge base's ISO codes and
    the sports bodies' own (``country_codes.yaml``)."""
    iso = {e.codes["iso3"] for e in index.kb.by_kind("state") if "iso3" in e.codes}
    return frozenset(iso | set(load_resource("country_codes").get("sports_codes", {})))


#: What lies between an athlete's name and the country code in brackets after it.
_BEFORE_CODE = re.compile(r"\s*\(\s*")


def _nationality_codes(
    raw: str, ids: range, mentions: Sequence[Mention], codes: frozenset[str]
) -> Iterator[int]:
    """The ids of the country codes in brackets right after a person's name: "Dominic Thiem
    (AUT)" says where he is from, and names no actor; "ENG gewann" names England's team. After
    an organisation's name such a code is its acronym ("Champions Hockey League (CHL)")."""
    # An analysis holds its mentions in the order of the text.
    for (_, person), (i, code) in pairwise(zip(ids, mentions, strict=True)):
        if (
            person.label == "PERSON"
            and code.text in codes
            and _BEFORE_CODE.fullmatch(raw, person.end, code.start)
            and raw[code.end : code.end + 1] in (")", "/", "-", ",")
        ):
            yield i


def _in_lower_case(raw: str, word: str) -> bool:
    """Does ``raw`` hold ``word`` in lower case as a word of its own (not "lawyer" for "Law")?"""
    lower = word.lower()
    at = raw.find(lower)
    while at >= 0:
        end = at + len(lower)
        if not (at and raw[at - 1].isalpha()) and not (end < len(raw) and raw[end].isalpha()):
            return True
        at = raw.find(lower, end)
    return False


def _opens_sentence(raw: str, start: int) -> bool:
    """Does the word at ``start`` open a sentence, a line or a quotation? A full stop after a
    number ends none: "(61. Berget)" is a substitution in a team's line-up."""
    before = raw[max(0, start - 20) : start].rstrip(" \t\u00a0")
    if before.endswith(".") and before[-2:-1].isdigit():
        return False
    return not before or before[-1] in _BEFORE_SENTENCE


def _defined(raw: str, brackets: Iterable[re.Match[str]] | None = None) -> Iterator[tuple[str, str]]:
    """``(word, acronym)`` for every ``word (ACRONYM)`` in ``raw``, in order: the word is the
    whole run of word characters before the bracket (and its spaces), the acronym a capital
    and 1–9 letters or digits. ``brackets``: the text's ``_BRACKETED`` matches, when the
    caller has them already.

    Examples
    --------
    >>> list(_defined("Goals (SDGs), (GDP) and the Fund(IMF)."))
    [('Goals', 'SDGs'), ('Fund', 'IMF')]
    """
    for match in _BRACKETED.finditer(raw) if brackets is None else brackets:
        start = match.start()
        reach = 64
        while True:  # the whole word before the bracket, however long
            begin = max(0, start - reach)
            word = _WORD_BEFORE.search(raw, begin, start)
            if word is None or word.start() > begin or begin == 0:
                break
            reach *= 4
        if word is not None:
            yield word.group(1), match.group(1)


def _acronym_definitions(raw: str, mentions: Sequence[Mention], first: int) -> dict[str, int]:
    """``{"UNRCA": i}`` where mention ``i`` (numbered from ``first``) is followed by ``(UNRCA)``."""
    found: dict[str, int] = {}
    for i, m in enumerate(mentions, start=first):
        if m.source == "role" or m.label == "PERSON":
            continue
        match = _ACRONYM_AFTER.match(raw, m.end)
        if match and _defines(m, match.group(1)):
            found.setdefault(match.group(1), i)
    return found


def _thing_acronyms(bracketed: Iterable[tuple[str, str]], lang: str) -> set[str]:
    """Acronyms a text defines for things ("Sustainable Development Goals (SDGs)"), of its
    ``(word, acronym)`` pairs (:func:`_defined`): a mention of them anywhere in the corpus
    names no actor."""
    rules = _thing_rules(lang)
    return {acronym for word, acronym in bracketed if _headed_by(word.lower(), rules.not_actor_heads, rules)}


class _ThingRules(NamedTuple):
    """A language's words for things' names (names.yaml), lower-case."""

    #: ``not_actor_heads``: the last word of a thing's name ("Sustainable Development Goals").
    not_actor_heads: tuple[str, ...]
    #: ``thing_name_heads``: a word that a thing's name goes on from ("Treaty on …").
    heads: tuple[str, ...]
    prepositions: frozenset[str]
    determiners: frozenset[str]
    connectors: frozenset[str]
    conjunctions: frozenset[str]
    continuations: frozenset[str]
    #: Whether the language writes a thing's head at the end of a compound ("Freihandelsabkommen").
    compounds: bool


@cache
def _thing_rules(lang: str) -> _ThingRules:
    names = load_resource("names", lang)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in names.get(key, []))

    return _ThingRules(
        tuple(w.lower() for w in names.get("not_actor_heads", [])),
        tuple(w.lower() for w in names.get("thing_name_heads", [])),
        words("thing_prepositions"),
        words("determiners"),
        words("thing_name_connectors"),
        words("name_conjunctions"),
        words("name_continuations"),
        lang == "de",
    )


#: How far before a bracket a thing's name is looked for, in characters.
_THING_NAME_REACH = 240


def _headed_by(word: str, heads: tuple[str, ...], rules: _ThingRules) -> bool:
    """Is the lower-case ``word`` one of ``heads``? In German also a compound's end
    ("EU-USA-Abkommen", "Atomwaffensperrvertrag")."""
    return word in heads or (
        rules.compounds and any(word.endswith(h) and len(word) > len(h) + 3 for h in heads)
    )


def _names_a_thing(words: Sequence[str], rules: _ThingRules) -> bool:
    """Do ``words``, a run of capitalised words and connectors, end in a thing's name that goes
    on past a preposition ("the United Nations Framework Convention on Climate Change")?

    The name runs from the last head followed by a preposition and a capitalised word, with
    the capitalised words before that head. A thing named inside another name, after a
    connector ("the Conference of the Parties to the … Convention on Climate Change"), is not
    what the run names; nor is a body named after the thing ("… and the Organization for …").
    """
    heads = [
        h
        for h in range(len(words) - 2)
        if words[h + 1].lower() in rules.prepositions and _headed_by(words[h].lower(), rules.heads, rules)
    ]
    if not heads:
        return False
    head = heads[-1]
    rest = list(words[head + 2 :])
    if rest and rest[0] in rules.determiners:
        rest = rest[1:]
    opening = list(words[:head])
    while opening and (opening[-1][:1].isupper() or opening[-1] in rules.conjunctions):
        opening.pop()  # the head's own words ("United Nations Framework")
    if opening and opening[-1] in rules.determiners:
        opening.pop()
    return (
        bool(rest)
        and rest[0][:1].isupper()
        and not (opening and opening[-1] in rules.connectors)
        and not any(w.lower() in rules.continuations for w in rest)
    )


def _thing_name_acronyms(raw: str, brackets: Iterable[re.Match[str]], lang: str) -> set[str]:
    """Acronyms in brackets right after a thing's name that goes on past a preposition (see
    :func:`_names_a_thing`): "the Treaty on the Non-Proliferation of Nuclear Weapons (NPT)",
    "Vertrag über die Nichtverbreitung von Kernwaffen (NVV)". The word before the bracket is no
    thing's head there, as :func:`_thing_acronyms` needs; the name is the run of capitalised
    words and ``thing_name_connectors`` before the bracket. ``brackets``: the text's
    ``_BRACKETED`` matches.

    Examples
    --------
    >>> def acronyms(text):
    ...     return sorted(_thing_name_acronyms(text, _BRACKETED.finditer(text), "en"))
    >>> acronyms("Under the Treaty on the Non-Proliferation of Weapons (NPT).")
    ['NPT']
    >>> acronyms("the Parties to the Convention on Climate Change (COP27)")
    []
    >>> acronyms("the Organization for Security and Co-operation (OSCE)")
    []
    """
    rules = _thing_rules(lang)
    if not rules.heads or not rules.prepositions:
        return set()
    found = set()
    for match in brackets:
        begin = max(0, match.start() - _THING_NAME_REACH)
        words = raw[begin : match.start()].split()
        if begin > 0:
            words = words[1:]  # perhaps cut
        run: list[str] = []
        for word in reversed(words):
            if not word[-1].isalnum() or not (word[:1].isupper() or word.lower() in rules.connectors):
                break
            run.append(word)
        run.reverse()
        if _names_a_thing(run, rules):
            found.add(match.group(1))
    return found


def _thing_names(ids: range, mentions: Sequence[Mention], lang: str) -> Iterator[int]:
    """The ids of names that are a thing's whole name going on past a preposition (see
    :func:`_names_a_thing`), whatever the model tagged them: "Convention on Cluster
    Munitions", "Sendai Framework for Disaster Risk Reduction". A name the knowledge base
    matched is left alone."""
    rules = _thing_rules(lang)
    if not rules.heads or not rules.prepositions:
        return
    for i, m in zip(ids, mentions, strict=True):
        if m.label == "PERSON" or m.source == "ruler":
            continue
        words = m.text.split()
        if len(words) >= 3 and _names_a_thing(words, rules):
            yield i


def _defines(long_form: Mention, acronym: str) -> bool:
    """Can ``acronym`` abbreviate ``long_form``? An ORG span of several words may abbreviate
    across languages ("Konferenz … (CICA)"); other spans must start with the acronym's first
    letter and contain its letters in order, so "Zentralasien (UNRCA)" defines nothing, nor
    does the model's "Kurdistans" of "Arbeiterpartei Kurdistans (PKK)"."""
    if acronym == long_form.text or sum(c.isupper() for c in acronym) < 2:
        return False
    if long_form.label == "ORG" and " " in long_form.text.strip():
        return True
    letters = fold(long_form.text).replace(" ", "")
    wanted = fold(acronym).replace(" ", "")
    if not letters or letters[0] != wanted[0]:
        return False
    position = 0
    for ch in wanted:
        position = letters.find(ch, position) + 1
        if position == 0:
            return False
    return True


def _same_person(a: tuple[str, str], b: tuple[str, str], *, middle_names: bool = False) -> bool:
    """Are two full names of one surname, each ``(text, language)``, the same person's by first
    name? With ``middle_names``, also when one adds middle names to the other's one first name."""
    (text_a, lang_a), (text_b, lang_b) = a, b
    given_a, given_b = given_names(text_a), given_names(text_b)
    if similar_first_names(given_a, given_b, lang_a, lang_b):  # "Kassym-Schomart", "Kassym-Jomart"
        return True
    # One name adds middle names to the other's one first name: "Sam Kahamba Kutesa", "Sam Kutesa"
    first_a, first_b = given_a.split(), given_b.split()
    return (
        middle_names
        and bool(first_a and first_b)
        and (len(first_a) == 1) != (len(first_b) == 1)
        and any(
            translit_key(first_a[0], rules_a) == translit_key(first_b[0], rules_b)
            for rules_a, rules_b in ((lang_a, lang_b), (None, None))
        )
    )


def _office_bodies(role: str) -> Iterator[str]:
    """The folded first parts of the two-part compounds of an office phrase that open with a
    capitalised word of three letters or more: "Gazprom-Chef" gives "gazprom", "Pro-forma-Minister"
    and "French President" nothing.

    Examples
    --------
    >>> list(_office_bodies("Gazprom-Chef und OMV-Generaldirektor")), list(_office_bodies("UN-Chef"))
    (['gazprom', 'omv'], [])
    """
    for word in _WORD.findall(role):
        parts = word.split("-")
        if len(parts) == 2 and len(parts[0]) >= 3 and parts[0][:1].isupper():
            yield fold(parts[0])


def _majority_type(members: list[Mention]) -> str:
    """A person if at least half the mentions say so; else the commonest other type. Models
    confuse organisations and places with each other more than with persons: "Yuganskneftegas"
    tagged PERSON 14 times, ORG 12 and GPE 4 is an organisation. A mention where a noun before
    the name said what it is ("oil firm Yukos") counts :data:`CLASS_VOTES` times: the English
    model calls "Yukos" a person 160 times, and 19 times a noun says it is a firm; one garbled
    "der neue Trainer Red Bull Salzburg" does not make a club of 15 other mentions a person.
    No one is named with an article: a name the models tag otherwise with its article, however
    often they call it a person, is a group: an organisation where they call it a person more
    often than a work ("The Scissor Sisters", "The Lib Dems", tagged MISC with the article)."""
    counts: Counter[str] = Counter()
    for m in members:
        counts[m.label] += CLASS_VOTES if m.source == "class" else 1
    persons = counts.pop("PERSON", 0)
    group = any(m.label != "PERSON" and without_article(m.text) != m.text for m in members)
    if persons and persons >= sum(counts.values()) and not group:
        return "PERSON"
    kind = min(counts, key=lambda t: (-counts[t], _TYPE_ORDER.index(t) if t in _TYPE_ORDER else 99))
    # "The Da Vinci Code", a work more often than anyone, stays one
    return "ORG" if group and kind == "MISC" and persons > counts["MISC"] else kind


def _canonical_label(members: list[Mention]) -> str:
    """The fullest name form seen, then the most frequent: "Kassym-Jomart Tokayev" over
    "Tokayev", "Yukos" over a rarer "ex-Yukos". A form that is, in every language it occurs
    in, an inflected copy of another ("Zentralasiens") or derived from it ("Salzburger") is
    never chosen; "General Motors" in English is no German genitive of "General Motor"."""
    forms = Counter(m.text for m in members)
    if len(forms) == 1:  # most actors
        return members[0].text
    languages: dict[str, set[str]] = defaultdict(set)
    for m in members:
        languages[m.text].add(m.lang)

    def derived(form: str, lang: str) -> bool:
        return any(base in forms for base in [*name_variants(form, lang)[1:], *place_names(form, lang)])

    inflected = {f for f, langs in languages.items() if all(derived(f, lang) for lang in langs)}
    candidates = [f for f in forms if f not in inflected] or list(forms)
    # "Bank of England" over "The Bank of England", which opens sentences; "Sony" over "Sony
    # Corporation", an organisation's name with its legal form.
    bare = {f: without_article(f) for f in candidates}
    companies = {m.text for m in members if m.label == "ORG"}
    plain = {f: company_name(bare[f]) if f in companies else bare[f] for f in candidates}
    return min(
        candidates,
        key=lambda f: (-_name_words(plain[f]), bare[f] != f, plain[f] != bare[f], -forms[f], -len(f), f),
    )


def _name_words(form: str) -> int:
    """Capitalised words of a name form, not its decorations: "ex-Yukos", "Oscars -" and
    "Google+" have one, "Kassym-Jomart Tokayev" three, "Bank of England" two."""
    return sum(1 for word in _NAME_PARTS.split(form) if word[:1].isupper() or word[:1].isdigit())


def resolve(analyses: Iterable[Analysis], *, index: KBIndex) -> Resolution:
    """Cluster the mentions of ``analyses`` into actors.

    Parameters
    ----------
    analyses : iterable of Analysis
        Every annotated document of the corpus, in a stable order; read once.
    index : KBIndex
        The knowledge base to link to.

    Returns
    -------
    Resolution
        Actors sorted by id, and the actor of every mention.
    """
    resolver = _Resolver(analyses, index)
    try:
        return resolver.run()
    finally:
        resolver.linker.forget()
