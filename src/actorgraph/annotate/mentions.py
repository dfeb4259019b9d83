"""Entity spans → :class:`~actorgraph.records.Mention` records.

Spans are trimmed to the name: leading determiners and titles go (titles are kept as the
mention's ``role``), possessives and punctuation at the end go. A hyphenated compound whose
first part is a known actor ("SOZ-Gipfels", "EU-Kommission") yields that actor. Weekdays,
months and capitalised common nouns listed in the language's ``not_actors`` never become
mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from itertools import dropwhile, pairwise, takewhile

from spacy.attrs import LOWER, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..events.cues import could_become_trigger, has_trigger, lexicon, may_have_trigger, sentence_cue
from ..kbindex import KBIndex
from ..records import Cue, Document, Mention, Sentence
from ..resources import data_path, load_resource, load_wordlist
from ..text import compound_head, fold, inflected_forms, name_variants
from ..titles import TitleWords
from .institutions import find_institutions
from .lemmas import lemma_candidates

__all__ = ["extract"]

#: Labels a bare surname gets from the models, and resolution joins to the article's full name.
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "MISC"})
#: The model's labels a noun before the name may correct to a person or an organisation; a place
#: only where the knowledge base does not know its name ("gas giant Gazprom", tagged GPE). A
#: work's noun corrects any label ("the comedy Sideways").
_CLASSIFIED_LABELS = frozenset({"PERSON", "ORG", "MISC"})

_POSSESSIVE = re.compile(r"['’]s?$")
#: Dashes that, with a space on each side, part a sentence ("Jerry Springer - The Opera");
#: a name's own hyphen has none ("Kassym-Jomart").
_DASHES = frozenset({"-", "–", "—"})
_EDGE_PUNCT = " \t\n.,;:!?\"'“”„«»‚‘’()[]{}–—-/"
_DATELINE = re.compile(r"([A-ZÄÖÜ][\w.\-]*(?:[ ][A-ZÄÖÜ][\w.\-]*){0,2})(?:,[^–—\n]{1,40})?[ ]+[–—][ ]")
_ACRONYM_DEFINITION = re.compile(r"\(([A-Z][A-Z0-9]{1,9})\)")
#: An address, a handle or a long number; a host name only with a path after it, since
#: "Booking.com" names a company and "pic.twitter.com/Z9NhykaTPv" nothing.
_URLISH = re.compile(r"@|://|www\.|\d{3,}|[a-z]\.[a-z]{2,}/\w")
#: A result, a time or an age the span ran into: "Soriano0:2", "TPS Turku 2:3 n.V", "Franz
#: Josef Rehrl 2:51,7", "Natalie Appleton,31". A plain number is a name's own ("Radio 1").
_FIGURE_TAIL = re.compile(r"(?<=[^\W\d_]{2})(?: ?\d+[:.,]\d[\w:.,]*(?: n\. ?V\.?)?|,\d{1,3})$")
#: The capitalised word right after a span.
_NEXT_WORD = re.compile(r"\s+([A-ZÄÖÜ][\w-]*)")


@cache
def _labels() -> dict[str, str]:
    import yaml

    return yaml.safe_load(data_path("labels.yaml").read_text(encoding="utf-8"))


class _Rules:
    def __init__(self, lang: str):
        names = load_resource("names", lang)
        self.lang = lang
        self.determiners = frozenset(w.lower() for w in names.get("determiners", []))
        self.honorifics = frozenset(w.lower().rstrip(".") for w in names.get("honorifics", []))
        self.openers = frozenset(w.lower() for w in names.get("sentence_openers", []))
        self.descriptive = frozenset(w.lower() for w in names.get("descriptive_nouns", []))
        self.connectors = frozenset(w.lower() for w in names.get("role_connectors", []))
        self.words = TitleWords(
            names.get("titles", []), names.get("title_suffixes", []), names.get("title_modifiers", [])
        )
        self.is_head_title = self.words.is_title
        self.is_title = self.words.is_title_word
        self.not_actors = frozenset(fold(w) for w in names.get("not_actors", []))
        #: What may open a mention of one of ``not_actors``: "The Government", "our Organization".
        self.not_actor_openers = self.determiners | frozenset(
            w.lower() for w in names.get("possessive_determiners", [])
        )
        self.common_nouns = load_wordlist("common_nouns", lang)
        #: Nouns that compounds ending in them name nothing ("Kreuzbandriss", "Sozialleistungen").
        self.common_tails = load_wordlist("common_tails", lang)
        self.languages = load_wordlist("languages", lang)
        self.thing_heads = tuple(w.lower() for w in names.get("not_actor_heads", []))
        #: Gatherings named by their occurrence or scope (:meth:`_Emitter._is_gathering`).
        self.gathering_heads = tuple(w.lower() for w in names.get("gathering_heads", []))
        self.gathering_openers = frozenset(w.lower() for w in names.get("gathering_openers", []))
        self.gathering_first_heads = frozenset(w.lower() for w in names.get("gathering_first_heads", []))
        #: Heads of things whose names go on after a preposition ("Treaty on the …").
        self.thing_name_heads = tuple(w.lower() for w in names.get("thing_name_heads", []))
        #: "<such a head> <preposition> [determiner]" just before a name: the rest of the thing's name.
        prepositions = "|".join(re.escape(w) for w in names.get("thing_prepositions", []))
        determiners = "|".join(re.escape(w) for w in names.get("determiners", []))
        self.thing_before = (
            re.compile(rf"(\w+)\s+(?:{prepositions})\s+(?:(?:{determiners})\s+)?$", re.IGNORECASE)
            if prepositions
            else None
        )
        #: What, after a name, makes it the first part of a thing's name ("… of Action").
        self.thing_tails = tuple(" ".join(w.split()) for w in names.get("thing_tails", []))
        #: How a name that is a whole thing's ends ("Beijing Platform for Action").
        self.thing_tail_ends = tuple(" " + tail for tail in self.thing_tails)
        #: What institutions' and buildings' names end in ("Stiftung", "Friedenspalast").
        self.body_heads = tuple(
            w.lower() for w in (*names.get("institution_heads", {}), *names.get("facility_heads", {}))
        )
        self.locatives = frozenset(w.lower() for w in names.get("locative_prepositions", []))
        self.trailing = self.determiners | self.connectors | self.locatives
        #: Prepositions that put a name in a place only ("in"), not beside a person ("bei").
        self.place_prepositions = frozenset(w.lower() for w in names.get("place_prepositions", []))
        self.capital_words = frozenset(w.lower() for w in names.get("capital_words", []))
        self.particles = frozenset(w.lower() for w in names.get("name_particles", []))
        self.particles_after = frozenset(w.lower() for w in names.get("name_particles_after", []))
        self.any_particle = self.particles | self.particles_after
        self.adjective_endings = tuple(names.get("adjective_endings", []))
        self.ignored_tails = frozenset(w.lower() for w in names.get("compound_tails_not_actors", []))
        #: A noun that says what kind of actor the name after it is → that type.
        self.class_nouns = {
            **{w.lower(): "MISC" for w in names.get("work_nouns", [])},
            **{w.lower(): "PERSON" for w in names.get("person_nouns", [])},
            **{w.lower(): "ORG" for w in names.get("organisation_nouns", [])},
        }
        #: Words seen before names repeat: each is looked up once (bounded, for long runs).
        self.name_class = lru_cache(maxsize=50_000)(self._name_class)
        self.organs = {k.lower(): v for k, v in names.get("organs", {}).items()}
        self.organ_length = max((len(k.split()) for k in self.organs), default=0)
        # Every organ phrase ends in one of these words, maybe inflected: only there can a search
        # for one succeed.
        self.organ_end_forms = inflected_forms({k.rsplit(" ", 1)[-1] for k in self.organs}, lang)

    def _name_class(self, word: str) -> str | None:
        """The actor type a noun before a name gives it ("Gaskonzern" → ORG, "actor" → PERSON),
        or None. German compounds count by their last part."""
        lower = word.lower()
        if self.lang == "de" and not word[:1].isupper():
            return None  # a German noun is capitalised: "verband" is a verb, "Verband" a body
        kind = self.class_nouns.get(lower)
        if kind is not None or self.lang != "de":
            return kind
        stems = (lower, lower[:-1]) if lower.endswith("s") else (lower,)  # "des Recyclingunternehmens"
        return next(
            (
                kind
                for noun, kind in self.class_nouns.items()
                for stem in stems
                if stem.endswith(noun) and len(stem) > len(noun) + 2
            ),
            None,
        )


@cache
def _rules(lang: str) -> _Rules:
    return _Rules(lang)


def _role_word(token: Token, rules: _Rules, index: KBIndex) -> bool:
    """Can ``token`` be part of an office phrase ("UN Secretary-General", "Außenminister Kasachstans")?"""
    text = token.text
    if text.lower().rstrip(".") in rules.honorifics:
        return False  # "President Mr Smith": the office ends before the form of address
    # "Secretary-General" is three tokens in English; the hyphen joins two title words
    attached_hyphen = (
        text == "-"
        and 0 < token.i < len(token.doc) - 1
        and rules.is_title(token.nbor(-1).text)
        and rules.is_title(token.nbor(1).text)
    )
    return (
        rules.is_title(text)
        or token.ent_type_ in ("ORG", "GPE", "LOC", "NORP")  # "Vizepräsident der Europäischen Kommission"
        or attached_hyphen
        or text.lower() in rules.connectors
        or (text.lower() in rules.determiners and text.islower())
        or _names_a_place(text, rules.lang, index)
        or bool(index.acronym(text))
    )


def _role_prefix(tokens: list[Token], rules: _Rules, index: KBIndex) -> int:
    """Length of the office phrase that opens ``tokens`` (0 if none): it must hold a real title
    and be followed by a capitalised name, so "General Motors" keeps its first word."""
    best = 0
    has_title = False
    # "Burgenlands Landeshauptmann Hans Niessl": the genitive of whatever the office is of
    possessor = (
        rules.lang == "de"
        and len(tokens) > 2
        and _genitive_of_name(tokens[0].text)
        and rules.is_head_title(tokens[1].text)
    )
    for k, token in enumerate(tokens[:-1]):
        if not (_role_word(token, rules, index) or (k == 0 and possessor)):
            break
        has_title = has_title or rules.is_head_title(token.text)
        following = tokens[k + 1]
        if has_title and following.text[:1].isupper() and not _role_word(following, rules, index):
            best = k + 1
    return best


def _genitive_of_name(word: str) -> bool:
    """A capitalised German word in the genitive of a name ("Burgenlands", "Niessls")."""
    return len(word) > 3 and word[:1].isupper() and word.endswith("s") and word[:-1].isalpha()


def _trim(
    tokens: list[Token], rules: _Rules, index: KBIndex, *, person: bool
) -> tuple[list[Token], list[Token]]:
    """Split the name from what surrounds it: determiners, and for persons honorifics ("Mr",
    "Frau"), which name nobody, and the office phrase before the name, which becomes the
    mention's role; possessives and punctuation at the end."""
    role: list[Token] = []
    tokens = _one_phrase(tokens, rules)
    while tokens and tokens[0].text.istitle() and tokens[0].text.lower() in rules.openers:
        tokens = tokens[1:]  # "Apropos Tesla": the sentence's first word
    while tokens and tokens[0].text.lower() in rules.determiners:
        rest = [t.text for t in tokens[1:]]
        if not (tokens[0].text.islower() or person or (rest and " ".join(rest) in index)):
            break
        tokens = tokens[1:]
    if person:
        tokens = _without_honorifics(tokens, rules)
        if len(tokens) > 2 and tokens[0].text.lower() in rules.descriptive and tokens[1].text[:1].isupper():
            tokens = tokens[1:]  # "Broadcaster Chris Evans", at a sentence's start
        cut = _role_prefix(tokens, rules, index)
        role, tokens = tokens[:cut], _without_honorifics(tokens[cut:], rules)
        if not role and 3 <= len(tokens) <= 4 and _german_describing_noun(tokens, rules):
            tokens = tokens[1:]  # "Innenverteidiger Christopher Dibon"
    if (
        len(tokens) == 2
        and "-" in tokens[0].text
        and _title_case(tokens[1].text)
        and _german_describing_noun(tokens, rules)
    ):
        tokens = tokens[1:]  # "Graz-Coach Foda", "Top-Duo Slowakei": a noun's compound
    tokens = _without_trailing(tokens)
    while person and len(tokens) > 1 and _names_a_state(tokens[-1].text, rules.lang, index):
        tokens = tokens[:-1]  # "bekräftigte Attleeu Kasachstans Unterstützung"
    return tokens, role


def _german_describing_noun(tokens: list[Token], rules: _Rules) -> bool:
    """Does a German common noun that is no office open the name ("Lega-Spitzenpolitiker
    Roberto Calderoli", "Gründungschefredakteur Helmut Markwort")? Such a noun, or the noun its
    compound ends in, is one of the words that are almost never names (``common_nouns.txt``)."""
    if rules.lang != "de" or not all(t.text[:1].isupper() for t in tokens[1:2] + tokens[-1:]):
        return False
    word = tokens[0].text.rsplit("-", 1)[-1].lower()
    nouns = rules.common_nouns
    return (word in nouns or compound_head(word, nouns) is not None) and tokens[1].text.lower() not in nouns


def _one_phrase(tokens: list[Token], rules: _Rules) -> list[Token]:
    """The part of a span that the model ran across a spaced dash or a bracket's edge.

    "Moazzam Begg - have", "Jerry Springer - The Opera", "arm - Diageo Chateau & Estate
    Wines": the first part that starts with a capital (none if none does); a dash between
    two titles ("Secretary - General", as tokenized text spells it) joins them. "Science (AAAS"
    loses the bracket it opens, "Aufbautraining) Mattersburg" what comes before the bracket it
    closes.
    """
    parts: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        spaced = token.whitespace_ and (k == 0 or tokens[k - 1].whitespace_)
        joins_titles = (
            0 < k < len(tokens) - 1
            and rules.is_title(tokens[k - 1].text)
            and rules.is_title(tokens[k + 1].text)
        )
        if token.text in _DASHES and spaced and not joins_titles:
            parts.append([])
        else:
            parts[-1].append(token)
    if len(parts) > 1:
        tokens = next((part for part in parts if part and part[0].text[:1].isupper()), [])
    closing = next((k for k, t in enumerate(tokens) if t.text == ")"), None)
    opening = next((k for k, t in enumerate(tokens) if t.text == "("), None)
    if closing is not None and (opening is None or opening > closing):
        tokens = tokens[closing + 1 :]
        if tokens and not tokens[0].text[:1].isupper():
            return []  # "…partnerschaft) in die Phase treten": a clause
        opening = next((k for k, t in enumerate(tokens) if t.text == "("), None)
    if opening is not None and all(t.text != ")" for t in tokens[opening:]):
        tokens = tokens[:opening]
    return tokens


def _without_trailing(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the possessives and punctuation that end them ("Blair's", "Blair,")."""
    while tokens and (tokens[-1].is_punct or _POSSESSIVE.fullmatch(tokens[-1].text)):
        tokens = tokens[:-1]
    return tokens


def _without_honorifics(tokens: list[Token], rules: _Rules) -> list[Token]:
    """``tokens`` without the honorifics that open them: "Mr Blair" is "Blair", a surname that
    joins the article's full name, not a full name of its own; "Sir" alone names nobody."""
    while tokens and tokens[0].text.lower().rstrip(".") in rules.honorifics:
        tokens = tokens[1:]
        if tokens and tokens[0].text == ".":  # "Mr ." where the tokenizer split the abbreviation
            tokens = tokens[1:]
    return tokens


def _addressed(tokens: list[Token], rules: _Rules) -> bool:
    """Is the span a form of address and a short name ("Mr Ebbers", "Dame Judi Dench")? Then it
    names a person, whatever label the model gave it; "Mr Brown's Finance Facility" does not."""
    tokens = _without_trailing(tokens)
    name = _without_honorifics(tokens, rules)
    return (
        0 < len(name) <= 3
        and len(name) < len(tokens)
        and name[-1].text[:1].isupper()
        and not any(t.is_punct or _POSSESSIVE.fullmatch(t.text) for t in name)
    )


#: Labels of spans that may be two names joined by a slash ("Wien/Kiew", "Khol/Hundstorfer");
#: an organisation's or a work's slash is more often its own ("AC/DC", "Speakerboxxx/The Love Below").
_SLASH_SPLIT_LABELS = frozenset({"PERSON", "LOC", "GPE"})
_COMMA_SPLIT_LABELS = frozenset({"PERSON", "LOC", "GPE", "ORG"})


def _listed_parts(ent: Span, label: str) -> list[Span]:
    """The model's span cut into the names it lists, at its slashes or its commas, when every
    part opens with a capitalised word.

    A line-up or a route writes two names with a slash between them ("Wien/Kiew", "Jamie
    Murray/John Peers", "Saalfelden / Zell am See"), and the model tags them as one. A part
    that opens with an acronym or a lower-case word ("HIV/AIDS", "Frühling/sommer") keeps the
    span whole, and so does an organisation's slash ("Columbia/Sony Pictures").

    A list of names with commas between them is tagged as one too ("Chris Martin, Dido",
    "Blur, Oasis", "Hasenhüttl, Hinterseer"). A span with a lower-case word keeps its commas:
    "Ministry of Economy, Trade and Industry" is one name.
    """
    if ent.ent_id_:
        return [ent]
    if label in _SLASH_SPLIT_LABELS and (cuts := [t.i for t in ent if t.text == "/"]):
        return _parts(ent, cuts)
    if label not in _COMMA_SPLIT_LABELS or "," not in ent.text:
        return [ent]
    if any(t.is_alpha and t.text[0].islower() for t in ent):
        return [ent]
    return _parts(ent, [t.i for t in ent if t.text == ","])


def _parts(ent: Span, cuts: list[int]) -> list[Span]:
    """``ent`` without the tokens at ``cuts``, as the spans between them; or ``[ent]`` unless
    every one of them opens with a capitalised word."""
    bounds = [ent.start, *cuts, ent.end]
    parts = [(a if a == ent.start else a + 1, b) for a, b in pairwise(bounds)]
    doc = ent.doc
    if any(b <= a or not _title_case(doc[a].text) for a, b in parts):
        return [ent]
    return [Span(doc, a, b, label=ent.label) for a, b in parts]


def _title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1].islower()


def _span_text(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    return "".join(t.text_with_ws for t in tokens).strip()


def _names_a_state(word: str, lang: str, index: KBIndex) -> bool:
    """A state's name, possibly inflected ("Kasachstans"); cities don't count (surnames like
    "Miyazaki" or "Leon" are city names too)."""
    return any(e.kind == "state" for v in name_variants(word, lang) for e in index.exact(v))


def _names_a_place(word: str, lang: str, index: KBIndex) -> bool:
    """A nationality ("Kazakh") or a place, possibly inflected ("Kasachstans")."""
    if index.adjective(word):
        return True
    return any(e.type in ("GPE", "LOC", "ORG") for v in name_variants(word, lang) for e in index.exact(v))


class _Emitter:
    """Builds mentions for one chunk of one document."""

    def __init__(
        self,
        document: Document,
        doc: Doc,
        text: str,
        tokens: _ChunkTokens,
        offset: int,
        sentence_of: dict[int, int],
        lang: str,
        index: KBIndex,
    ):
        self.document = document
        self.doc = doc
        self.offset = offset
        self.lang = lang
        self.index = index
        self.rules = _rules(lang)
        self.sentence_of = sentence_of
        self.text = text  # doc.text, read once per chunk: Doc.text joins every token
        #: Each token's text and lower-case form, read once: several rules scan every token.
        self.words, self.lowers = tokens.words, tokens.lowers
        #: Character offsets of each mention within the chunk's text, for the event cues.
        self.chunk_spans: dict[Mention, tuple[int, int]] = {}
        #: Acronyms defined for an institution name ("UNRCA"), with the name's canonical key.
        self.institution_acronyms: dict[str, str] = {}
        #: The chunk's full person names, without a possessive or punctuation that ends them.
        self._full_names = [
            name
            for ent in doc.ents
            if ent.label_ in ("PER", "PERSON") and len(name := _without_trailing(list(ent))) > 1
        ]
        #: Their last words: "Kurz" and "Kern" name the people "Sebastian Kurz" and "Christian
        #: Kern" here, though elsewhere they are common words.
        self.surnames = frozenset(name[-1].text for name in self._full_names)
        #: The same, from full names whose other words name no place (made when first asked).
        self._person_surnames: frozenset[str] | None = None

    def mention(self, start_char: int, end_char: int, label: str, token_i: int, **extra) -> Mention | None:
        text = self.text[start_char:end_char]
        stripped = text.strip(_EDGE_PUNCT)
        if not stripped:
            return None
        start_char += text.index(stripped)
        end_char = start_char + len(stripped)
        if stripped.count("(") > stripped.count(")"):
            # "Hallwang (Flachgau)" lost its closing bracket above: the bracket only qualifies
            stripped = stripped[: stripped.rfind("(")].rstrip(_EDGE_PUNCT)
            if not stripped:
                return None
            end_char = start_char + len(stripped)
        if stripped.endswith(("’s", "'s")) and len(stripped) > 3:
            stripped, end_char = stripped[:-2], end_char - 2
        if figure := _FIGURE_TAIL.search(stripped):
            stripped, end_char = stripped[: figure.start()], end_char - len(figure.group())
        words = stripped.split(" ")
        while len(words) > 1 and words[-1].lower() in self.rules.trailing:
            words.pop()  # "Horn of", "Organization on the": a span the model cut short
        if len(words) < len(stripped.split(" ")):
            stripped = " ".join(words)
            end_char = start_char + len(stripped)
        if not self._is_name(stripped, label) or (
            label != "PERSON" and (self._is_thing(stripped) or self._is_gathering(stripped))
        ):
            return None
        if label != "PERSON" and self._adjectives_of_a_thing(stripped, end_char):
            return None
        if label not in ("PERSON", "GPE") and self._part_of_a_thing(stripped, start_char, end_char):
            return None
        return self._record(start_char, end_char, stripped, label, token_i, **extra)

    def _part_of_a_thing(self, text: str, start_char: int, end_char: int) -> bool:
        """A span the model cut out of a thing's name: after "Treaty on the" ("Non-Proliferation
        of Nuclear Weapons"), or before "of Action" ("Almaty Programme"). A name the knowledge
        base knows is an actor wherever it stands ("the Agreement on Ukraine"); after a prize
        ("the Academy Awards on the BBC") a name is none of its own."""
        rules = self.rules
        head = None
        if rules.thing_before is not None:
            before = rules.thing_before.search(self.text, max(0, start_char - 60), start_char)
            head = before.group(1) if before is not None and before.group(1)[:1].isupper() else None
        after_a_thing = head is not None and self._headed_by(head, rules.thing_name_heads)
        after = " ".join(self.text[end_char : end_char + 40].split())
        before_a_tail = bool(rules.thing_tails) and after.startswith(rules.thing_tails)
        return (after_a_thing or before_a_tail) and not self.index.exact(text)

    def _adjectives_of_a_thing(self, text: str, end_char: int) -> bool:
        """A span of inflected adjectives that the model cut before the noun they qualify, when
        that noun makes the whole a thing: "Transkaspischen Internationalen" of "… Transportroute".
        One word is left alone: a surname in the genitive looks the same ("Zschäpes Erklärung")."""
        endings = self.rules.adjective_endings
        words = text.split()
        if not endings or len(words) < 2:
            return False
        if not all(w[:1].isupper() and w.lower().endswith(endings) for w in words):
            return False
        following = _NEXT_WORD.match(self.text, end_char)
        return following is not None and self._is_thing(f"{text} {following.group(1)}")

    def _record(
        self, start_char: int, end_char: int, text: str, label: str, token_i: int, **extra
    ) -> Mention:
        """The mention of chunk characters ``[start_char, end_char)``, remembered for the event cues.

        Its text has single spaces: a name that a page break cut in two ("Revolutionary Armed",
        then "Forces of Colombia" after a blank line) is one name."""
        text = " ".join(text.split())
        if text in self.institution_acronyms and not extra.get("kb_id") and not extra.get("canonical"):
            extra["canonical"], label = self.institution_acronyms[text], "ORG"
        raw_start, raw_end = self.document.raw_span(self.offset + start_char, self.offset + end_char)
        mention = Mention(
            doc_id=self.document.id,
            sentence=self.sentence_of.get(token_i, 0),
            start=raw_start,
            end=raw_end,
            text=text,
            label=label,
            lang=self.lang,
            **extra,
        )
        self.chunk_spans[mention] = (start_char, end_char)
        return mention

    def _surname_end(self, start: int, end: int) -> int:
        """Where a person's span ``[start, end)`` really ends, if the model stopped at a particle
        of the surname: "Alexander Van" of "Alexander Van der Bellen", "Ursula von" of "Ursula von
        der Leyen". Only a span that ends in a particle is extended, through more particles, to the
        capitalised word after them: "Angela Merkel von der CDU" stays "Angela Merkel"."""
        lowers, words, particles = self.lowers, self.words, self.rules.particles
        if lowers[end - 1] not in particles and not (
            end - start > 1 and lowers[end - 1] in self.rules.particles_after and lowers[end - 2] in particles
        ):
            return end
        k = end
        while k < len(words) and words[k].islower() and lowers[k] in self.rules.any_particle:
            k += 1
        if k < len(words) and words[k][:1].isupper() and words[k].isalpha() and k - end <= 2:
            return k + 1
        return end

    def _classified(self, ent: Span, label: str) -> tuple[Span, str, bool]:
        """The span, label and whether a noun said what it names: a span after such a noun, or
        opening with one, names an organisation, a person or a work, whatever the model made of
        it ("der Gaskonzern [Gazprom]", "oil firm [Yukos]", "dem [Fernsehsender Silk Way]",
        "[Choreograf Vincent Paterson]", "the comedy [Sideways]"). An English noun must be lower
        case, and a noun that opens the span must be a German compound or name a person: "Bank
        of England", "Group of Eight" and "Bank Austria" are names."""

        # A place the knowledge base knows stays a place ("die Bank Austria": "Austria" is no bank).
        corrected = label in _CLASSIFIED_LABELS or not self.index.exact(ent.text)

        def name_class(word: str) -> str | None:
            kind = self.rules.name_class(word)
            return kind if kind == "MISC" or corrected else None

        first = ent[0].text
        if len(ent) > 1 and ent[1].text[:1].isupper() and (kind := name_class(first)):
            compound = self.lang == "de" and first.lower() not in self.rules.class_nouns
            if (first.islower() or compound or kind == "PERSON") and not self.rules.is_title(first):
                return self.doc[ent.start + 1 : ent.end], kind, True
        if ent.start > 0:
            before = self.doc[ent.start - 1].text
            if (self.lang == "de" or before.islower()) and (kind := name_class(before)):
                return ent, kind, True
        return ent, label, False

    def _titled_name(self, ent: Span) -> int:
        """Where the name starts in a German span the model took for a body that is an office
        and a full name ("Burgenlands Landeshauptmann Hans Niessl"); 0 if it is none. English
        bodies are named after offices too ("Queen Mary University", "King Digital")."""
        if self.lang != "de":
            return 0
        rules = self.rules
        tokens = _without_trailing(list(ent))
        for k, token in enumerate(tokens):
            if rules.is_head_title(token.text):
                name = [t.text for t in tokens[k + 1 :]]
                plain = all(
                    w[:1].isupper()
                    and not w.isupper()
                    and w.replace("-", "").isalpha()
                    and not rules.is_title(w)
                    and rules.name_class(w) is None
                    and not w.lower().endswith(rules.body_heads + rules.thing_heads)
                    and not self._common(w)
                    and not _names_a_place(w, self.lang, self.index)
                    for w in name
                )
                return k + 1 if 2 <= len(name) <= 3 and plain else 0
        return 0

    def _without_possessed(self, tokens: list[Token]) -> list[Token]:
        """A person's span that runs on from a surname in the genitive to what is that person's:
        "Niessls Gunst" names Niessl, "Niessls Stellvertreter" someone it leaves unnamed. Only
        the surname of a full name in the chunk counts: "Thomas Koch" is a name."""
        if len(tokens) != 2 or not _genitive_of_name(tokens[0].text):
            return tokens
        if not any(v in self.surnames for v in name_variants(tokens[0].text, self.lang)[1:]):
            return tokens
        if self.rules.is_title(tokens[1].text):
            return []
        return tokens[:1] if self._common(tokens[1].text) else tokens

    def _surname_not_place(self, word: str) -> bool:
        """Is ``word`` the surname of a person this chunk names in full, and no place the knowledge
        base knows or the chunk puts a place's preposition before ("in Salzburg")? A full name
        whose other words name a place ("Manchester United", which the model may call a person)
        lends its last word to nobody."""
        if self._person_surnames is None:
            self._person_surnames = frozenset(
                name[-1].text
                for name in self._full_names
                if not any(_names_a_place(t.text, self.lang, self.index) for t in name[:-1])
            )
        if not any(v in self._person_surnames for v in name_variants(word, self.lang)):
            return False
        if _names_a_place(word, self.lang, self.index):
            return False
        # "in Salzburg" elsewhere in the text: a place, whatever the model made of "… Salzburg";
        # "bei Ibrahimovic" and "at Gervais" are said of persons too.
        words, lowers, locatives = self.words, self.lowers, self.rules.place_prepositions
        return not any(words[i] == word and lowers[i - 1] in locatives for i in range(1, len(words)))

    def _is_name(self, text: str, label: str) -> bool:
        folded = fold(text)
        if len(folded) < 2 or folded in self.rules.not_actors or not any(c.isupper() for c in text):
            return False
        opener, _, rest = folded.partition(" ")
        if opener in self.rules.not_actor_openers and rest in self.rules.not_actors:
            return False  # "The Government", "My Government"
        if _URLISH.search(text) or not any(c.isalpha() for c in text):
            return False
        if self.index.exact(text):
            return True  # a knowledge-base name is a name, whatever else the word means
        words = text.split()
        lower = sum(w[:1].islower() for w in words)
        if lower >= 3 and lower > sum(w[:1].isupper() for w in words):
            return False  # a clause or a quotation the model took for a title ("Die Welt ist für uns …")
        if (
            len(words) == 1
            and label in _SURNAME_LABELS
            and any(v in self.surnames for v in name_variants(text, self.lang))
        ):
            return True  # the surname of a person the text names in full ("Kerns Rede")
        if folded in self.rules.languages and not self.index.adjective(text):
            return False  # "Pashto", "Bulgarisch": a language, not an actor ("Kazakh" names a state)
        nouns = [self._common(w) for w in words]
        if all(nouns):
            return False  # "Klima", "Plattform": capitalised, but no actor
        # A word made of a common noun and more: alone, among common nouns, or beside a place
        # ("Kairo Geschäftsabschlüsse"). A name of several words may well hold one ("Verein für
        # Konsumenteninformation").
        nouns = [noun or self._common_compound(w) for noun, w in zip(nouns, words, strict=True)]
        if all(noun and w[:1].isupper() for noun, w in zip(nouns, words, strict=True)):
            return False  # "Kreuzbandriss", "Sozialleistungen", "Klima, Nahrungsmittelkrise"
        particles = self.rules.any_particle
        if any(n and w not in particles for n, w in zip(nouns, words, strict=True)) and any(
            _names_a_place(w, self.lang, self.index) for w in words
        ):
            return False  # "Kasachstans Bemühungen": a place and a common noun ("Van der Bellen" has none)
        return not all(
            self.rules.is_title(w)
            or w.lower() in self.rules.determiners
            or _names_a_place(w, self.lang, self.index)
            for w in words
        ) or (len(words) == 1 and not self.rules.is_title(words[0]))

    def _is_thing(self, text: str) -> bool:
        """ "Sustainable Development Goals", "Transkaspische Transportroute": a plan, a treaty or a
        route, not an actor. German compounds count by their last part, and German words also
        inflected ("des Kalten Krieges", "des Klimagipfels"). A name that ends in a thing's tail
        is the whole thing's ("Beijing Platform for Action")."""
        if self.index.exact(text):
            return False
        words = text.split()
        if self.rules.thing_tail_ends and " ".join(words).endswith(self.rules.thing_tail_ends):
            return True
        return self._headed_by(words[-1], self.rules.thing_heads)

    def _is_gathering(self, text: str) -> bool:
        """ "Third International Conference on Financing for Development", "World Summit on the
        Information Society", "Summit of the Americas": a gathering named by its occurrence or
        its scope, an event rather than an actor. A conference that opens its name is a body's
        ("Conference of the Parties"); names that end in a gathering are :meth:`_is_thing`'s."""
        rules = self.rules
        words = list(dropwhile(lambda w: w.lower() in rules.determiners, text.split()))
        if len(words) < 2:
            return False
        first = words[0].lower()
        if first in rules.gathering_first_heads:
            # "Summit of …", not the company "Summit Entertainment"
            gathering = not words[1][:1].isupper()
        elif first.rsplit("-", 1)[-1] in rules.gathering_openers:  # "Twenty-first"
            lead = takewhile(lambda w: w[:1].isupper(), words[1:])
            gathering = any(self._headed_by(w, rules.gathering_heads) for w in lead)
        else:
            return False
        # Looked up last: nearly every name is ruled out by its first word, without a look-up.
        return gathering and not self.index.exact(text)

    def _headed_by(self, word: str, heads: tuple[str, ...]) -> bool:
        """Is ``word`` one of ``heads``? In German also inflected, or a compound ending in one."""
        if word.lower() in heads:
            return True
        if self.lang != "de":
            return False
        forms = {form.lower() for form in name_variants(word, self.lang)}
        return any(
            form in heads or any(form.endswith(h) and len(form) > len(h) + 3 for h in heads) for form in forms
        )

    def _common(self, word: str) -> bool:
        """A common noun, also inflected ("Bildungsministeriums")."""
        word = word.strip(_EDGE_PUNCT)
        return bool(word) and any(
            v.lower() in self.rules.common_nouns for v in name_variants(word, self.lang)
        )

    def _common_compound(self, word: str) -> bool:
        """A compound whose last noun makes it a common noun too ("Sozialleistungen")."""
        tails = self.rules.common_tails
        return (
            bool(tails) and word.isalpha() and compound_head(word.lower(), self.rules.common_nouns) in tails
        )

    def _is_office(self, tokens: list[Token]) -> bool:
        """ "Kazakh President": a nationality and titles name an office, not an organisation."""
        rest = tokens[1:] if _names_a_place(tokens[0].text, self.lang, self.index) else tokens
        return bool(rest) and all(self.rules.is_title(t.text) for t in rest)

    def _office_before(self, start: int) -> list[Token]:
        """The office phrase just before a name: "Kazakh President [Tokayev]",
        "der stellvertretende Außenminister Kasachstans, [Roman Wassilenko]"."""
        i = start - 1
        if i >= 0 and self.doc[i].text == ",":
            i -= 1
        first = i + 1
        while i >= 0 and self.doc[i].sent_start != 1 and _role_word(self.doc[i], self.rules, self.index):
            first = i
            i -= 1
        if i >= 0 and self.doc[i].sent_start == 1 and _role_word(self.doc[i], self.rules, self.index):
            first = i
        tokens = [t for t in self.doc[first:start] if t.text != ","]
        while tokens and tokens[0].text.lower() in self.rules.determiners | self.rules.connectors:
            tokens = tokens[1:]
        return tokens if any(self.rules.is_head_title(t.text) for t in tokens) else []

    def _office_after(self, end: int) -> list[Token]:
        """An office in apposition after a name: "Kaha Imnadze, dem Sondervertreter des
        UN-Generalsekretärs und Leiter …", "Kairat Umarov, the Permanent Representative …"."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return []
        tokens = []
        for token in doc[end + 1 : end + 16]:
            if (token.is_punct and token.text not in ("-",)) or token.is_sent_start:
                break
            if not _role_word(token, self.rules, self.index):
                break
            tokens.append(token)
        while tokens and tokens[0].text.lower() in self.rules.determiners | self.rules.connectors:
            tokens = tokens[1:]
        while tokens and tokens[-1].text.lower() in self.rules.determiners | self.rules.connectors:
            tokens = tokens[:-1]
        return tokens if tokens and self.rules.is_head_title(tokens[0].text) else []

    def offices(self, covered: set[int]) -> Iterable[Mention]:
        """Offices named without a name ("sagte der UN-Generalsekretär"): role mentions that
        resolution links to the person holding that role in the same article."""
        i = 0
        doc = self.doc
        while i < len(doc):
            if i in covered or not self.rules.is_head_title(self.words[i]):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and j not in covered and self.rules.is_title(self.words[j]):
                j += 1
            following = doc[j] if j < len(doc) else None
            if following is None or not (following.text[:1].isupper() and following.is_alpha):
                first = i
                while (
                    first > 0
                    and first - 1 not in covered
                    and _role_word(doc[first - 1], self.rules, self.index)
                ):
                    if doc[first - 1].text.lower() in self.rules.determiners | self.rules.connectors:
                        break
                    first -= 1
                tokens = list(doc[first:j])
                text = _span_text(tokens)
                start = tokens[0].idx
                yield self._record(start, start + len(text), text, "PERSON", i, source="role", role=text)
            i = j

    def _state(self, token: Token) -> str | None:
        """The state a nationality adjective ("kasachischen") or (genitive) state name stands for."""
        text = token.text.rstrip("’'")
        entries = list(self.index.adjective(text))
        for ending in self.rules.adjective_endings:
            if not entries and text.lower().endswith(ending) and len(text) > len(ending) + 3:
                entries = list(self.index.adjective(text[: -len(ending)]))
        if not entries:
            for variant in name_variants(token.text, self.lang):
                entries.extend(e for e in self.index.exact(variant) if e.kind == "state")
        ids = {e.id for e in entries if e.kind == "state"}
        return ids.pop() if len(ids) == 1 else None

    def _organ_ends(self) -> frozenset[int]:
        """Tokens that may end an organ phrase: the only places an organ search can succeed."""
        # A token is one word (spaCy splits on spaces), so only its own inflected forms can match.
        forms = self.rules.organ_end_forms
        return frozenset(i for i, low in enumerate(self.lowers) if low in forms)

    def _organ_at(self, i: int, ends: frozenset[int]) -> tuple[str, int] | None:
        """The organ phrase starting at token ``i`` ("Foreign Ministry", "Außenministeriums")."""
        doc = self.doc
        for n in range(min(self.rules.organ_length, len(doc) - i), 0, -1):
            if i + n - 1 not in ends:
                continue
            words = [t.lower_ for t in doc[i : i + n]]
            for last in name_variants(words[-1], self.lang):
                name = self.rules.organs.get(" ".join([*words[:-1], last]))
                if name:
                    return name, i + n
        return None

    def _organ(self, i: int, ends: frozenset[int]) -> tuple[str, str, int] | None:
        """``(organ, state, end)`` of an organ phrase starting at token ``i``, if any."""
        doc = self.doc
        if (found := self._organ_at(i + 1, ends)) and (state := self._state(doc[i])):
            return found[0], state, found[1]
        if not (found := self._organ_at(i, ends)):
            return None
        organ, end = found
        if end < len(doc) and (state := self._state(doc[end])):
            return organ, state, end + 1
        if (
            end + 1 < len(doc)
            and doc[end].lower_ in ("of", "der", "des")
            and (state := self._state(doc[end + 1]))
        ):
            return organ, state, end + 2
        return None

    def organs(self, covered: set[int], persons: set[int]) -> Iterable[Mention]:
        """Organs of a state: "des kasachischen Außenministeriums", "the Kazakh Foreign Ministry",
        "das Außenministerium Kasachstans", "the Ministry of Foreign Affairs of Kazakhstan"."""
        ends = self._organ_ends()
        if not ends:
            return
        i, last_end = 0, max(ends)
        while i <= last_end:
            found = self._organ(i, ends)
            if found is None or persons & set(range(i, found[2])):
                i += 1
                continue
            organ, state, end = found
            span = self.doc[i:end]
            covered.update(range(i, end))
            mention = self.mention(
                span.start_char,
                span.end_char,
                "ORG",
                i,
                source="organ",
                canonical=f"{organ} of {self.index.kb[state].label}",
                part_of=state,
            )
            if mention is not None:
                yield mention
            i = end

    def institutions(self, covered: set[int]) -> Iterable[Mention]:
        """Institution and building names the models miss or cut short, with their parent
        organisation as a mention of its own ("UN-Regionalzentrum für die SDGs" → also "UN")."""
        for found in find_institutions(self.doc, lang=self.lang, index=self.index):
            if covered & set(range(found.start, found.end)):
                continue  # an organ of a state already claimed these words
            span = self.doc[found.start : found.end]
            covered.update(range(found.start, found.end))
            if self._part_of_a_thing(span.text, span.start_char, span.end_char):
                continue  # "Almaty Programme" of "the Almaty Programme of Action": no body at all
            canonical = found.canonical or (span.text if found.acronym else None)
            if found.acronym and canonical:
                self.institution_acronyms.setdefault(found.acronym, canonical)
            if found.parent_chars is not None:
                start, end = found.parent_chars
                parent = self.mention(start, end, "ORG", found.start, source="compound")
                if parent is not None:
                    yield parent
            yield self._record(
                span.start_char,
                span.end_char,
                span.text,
                found.label,
                found.start,
                source="rule",
                canonical=canonical,
                part_of=found.parent,
            )

    def acronyms(self, covered: set[int]) -> Iterable[Mention]:
        """Acronyms the text defines ("… in Zentralasien (UNRCA)") wherever they recur."""
        defined = {
            match.group(1)
            for match in _ACRONYM_DEFINITION.finditer(self.text)
            if not self._is_thing(self.text[max(0, match.start() - 60) : match.start()].strip() or "x")
        }  # "Sustainable Development Goals (SDGs)" defines no actor
        if not defined:
            return
        for token in self.doc:
            text = next((t for t in (token.text, token.text[:-1]) if t in defined), None)
            if text and token.i not in covered:
                found = self.mention(token.idx, token.idx + len(text), "ORG", token.i, source="acronym")
                if found is not None:
                    yield found

    def capitals(self, covered: set[int]) -> Iterable[Mention]:
        """ "the Kazakh capital", "der kasachischen Hauptstadt", "the capital of Kazakhstan"."""
        doc = self.doc
        for i, low in enumerate(self.lowers):
            if low not in self.rules.capital_words or i in covered:
                continue
            token = doc[i]
            state, first, last = None, token.i, token.i
            if token.i > 0 and (state := self._state(doc[token.i - 1])):
                first = token.i - 1
            elif (
                token.i + 2 < len(doc)
                and doc[token.i + 1].lower_ == "of"
                and (state := self._state(doc[token.i + 2]))
            ):
                last = token.i + 2
            elif token.i + 1 < len(doc) and (state := self._state(doc[token.i + 1])):
                last = token.i + 1
            capital = state and state.replace("iso:", "capital:")
            if capital and capital in self.index.kb:
                span = doc[first : last + 1]
                found = self.mention(
                    span.start_char, span.end_char, "GPE", first, source="rule", kb_id=capital
                )
                if found is not None:
                    yield found

    def compound(self, token: Token, *, label: str | None = None, role: str | None = None) -> Mention | None:
        """The actor inside a hyphenated compound, if its first part is a known one."""
        head, tail = token.text.split("-", 1)
        if not tail[:1].isupper() or tail.lower() in self.rules.ignored_tails:
            return None  # "EU-weit", "US-Dollar"
        entries = (
            [e for e in self.index.exact(head) if e.kind not in ("city", "person")] if len(head) >= 2 else []
        )
        if not entries:
            return None  # "Barcelona-Sessel", "Stanley-Cup": a city's name in a compound is rarely an actor
        kb_label = entries[0].type if len({e.type for e in entries}) == 1 else (label or "ORG")
        return self.mention(token.idx, token.idx + len(head), kb_label, token.i, source="compound", role=role)

    def dateline(self) -> tuple[int, int] | None:
        """Token range of a dateline place ("ASTANA –", "BERLIN, 3. Juli –") opening a line
        near the start of the text: it locates the article's events, it takes no part in them."""
        for sent in list(self.doc.sents)[:4]:
            match = _DATELINE.match(sent.text)
            if not match:
                continue
            place = match.group(1)
            entries = self.index.exact(place.title() if place.isupper() else place)
            if any(e.type == "GPE" for e in entries):
                span = self.doc.char_span(
                    sent.start_char, sent.start_char + len(place), alignment_mode="expand"
                )
                return (span.start, span.end) if span is not None else None
        return None

    def from_entities(self) -> Iterable[Mention]:
        covered: set[int] = set()
        labels = _labels()
        dateline = self.dateline() if self.offset == 0 else None
        if dateline is not None:
            start, end = dateline
            covered.update(range(start, end))
            head = self.doc[start:end]
            found = self.mention(head.start_char, head.end_char, "GPE", start, source="dateline")
            if found is not None:
                yield found
        persons = {t.i for ent in self.doc.ents if ent.label_ in ("PER", "PERSON") for t in ent}
        extended_to = 0
        organ_tokens: set[int] = set()
        yield from self.organs(organ_tokens, persons)
        yield from self.institutions(organ_tokens)
        covered |= organ_tokens
        for whole in self.doc.ents:
            if dateline is not None and whole.start < dateline[1] and whole.end > dateline[0]:
                continue
            if organ_tokens & set(range(whole.start, whole.end)):
                continue
            model_label = labels.get(whole.label_)
            covered.update(range(whole.start, whole.end))
            if model_label is None:
                continue
            for ent in _listed_parts(whole, model_label):
                label = model_label
                if ent.start < extended_to:
                    continue  # the rest of a surname an earlier span was extended over
                by_class = False
                if not ent.ent_id_:
                    ent, label, by_class = self._classified(ent, label)
                if label == "PERSON" and not ent.ent_id_:
                    end = self._surname_end(ent.start, ent.end)
                    if end > ent.end:
                        ent = self.doc[ent.start : end]
                        extended_to = end
                        covered.update(range(ent.start, ent.end))
                office: list[Token] = []
                if label != "PERSON" and _addressed(list(ent), self.rules):
                    label = "PERSON"  # the model's "Mr Ebbers" ORG
                elif label != "PERSON" and not ent.ent_id_ and (cut := self._titled_name(ent)):
                    label, office, ent = "PERSON", list(ent[:cut]), ent[cut:]
                elif (
                    label in ("LOC", "GPE")
                    and len(ent) == 1
                    and not ent.ent_id_
                    and self._surname_not_place(ent.text)
                ):
                    label = (
                        "PERSON"  # "Hundstorfer" after "Rudolf Hundstorfer", which the model took for a place
                    )
                tokens, role_tokens = _trim(list(ent), self.rules, self.index, person=label == "PERSON")
                if label == "PERSON":
                    tokens = self._without_possessed(tokens)
                if not tokens:
                    continue
                if label != "PERSON" and self._is_office(tokens):
                    # "die G7-Außenminister", "Kazakh President": an office, resolved like one below
                    covered.difference_update(range(ent.start, ent.end))
                    continue
                if label == "PERSON" and not role_tokens:
                    role_tokens = office or self._office_before(ent.start) or self._office_after(ent.end)
                role = _span_text(role_tokens)
                covered.update(
                    t.i for t in role_tokens
                )  # the office is this person's, not a mention of its own
                kb_id = ent.ent_id_ or None
                source = "ruler" if kb_id else "class" if by_class else "model"
                if (
                    len(tokens) == 1
                    and "-" in tokens[0].text.strip("-")
                    and not kb_id
                    and tokens[0].text not in self.index
                ):
                    found = self.compound(tokens[0], label=label, role=role)
                    if found is not None:
                        yield found
                        continue
                    if self.rules.is_title(tokens[0].text):
                        continue
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                found = self.mention(start, end, label, tokens[0].i, source=source, kb_id=kb_id, role=role)
                if found is not None:
                    yield found
        for i, word in enumerate(self.words):
            if i not in covered and "-" in word.strip("-") and word[:1].isupper():
                if self.rules.is_title(word):
                    continue
                found = self.compound(self.doc[i])
                if found is not None:
                    yield found
        yield from self.acronyms(covered)
        yield from self.capitals(covered)
        yield from self.offices(covered)


def extract(
    document: Document,
    chunks: list[tuple[int, Doc]],
    *,
    lang: str,
    index: KBIndex,
    sentence_nlp: Language | None = None,
) -> tuple[tuple[Sentence, ...], tuple[Mention, ...], tuple[Cue, ...]]:
    """Sentences, mentions and event cues of one annotated document.

    Parameters
    ----------
    document : Document
        The cleaned document.
    chunks : list of (offset, Doc)
        The spaCy docs of the document's clean text, with the clean offset each starts at.
    sentence_nlp : Language, optional
        Lemmatizer (and parser, where the language has one) run only on sentences that may
        carry an event: those naming an actor or a gathering.
    """
    return extract_batch([(document, chunks)], lang=lang, index=index, sentence_nlp=sentence_nlp)[0]


def extract_batch(
    items: Sequence[tuple[Document, list[tuple[int, Doc]]]],
    *,
    lang: str,
    index: KBIndex,
    sentence_nlp: Language | None = None,
) -> list[tuple[tuple[Sentence, ...], tuple[Mention, ...], tuple[Cue, ...]]]:
    """:func:`extract` for several documents of one language at once.

    The sentence model then sees the selected sentences of every document in one call: a few
    sentences per document make batches too small for the model to run efficiently.
    """
    gathering = lexicon(lang).gathering_words
    found_per_document = []
    for document, chunks in items:
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        works: list[_SentenceWork] = []
        for offset, doc in chunks:
            sentence_of: dict[int, int] = {}
            spans = []
            chunk_text = doc.text  # Doc.text and Span.text join every token: slice the text instead
            for sent in doc.sents:
                sent_text = chunk_text[sent.start_char : sent.end_char]
                text = sent_text.strip()
                if text:
                    lead = sent_text.index(text)
                    start = offset + sent.start_char + lead
                    raw_start, raw_end = document.raw_span(start, start + len(text))
                    sentences.append(Sentence(len(sentences), raw_start, raw_end, text))
                    spans.append((len(sentences) - 1, sent, sent_text))
                sentence_of.update(dict.fromkeys(range(sent.start, sent.end), max(len(sentences) - 1, 0)))
            tokens = _ChunkTokens(doc)
            emitter = _Emitter(document, doc, chunk_text, tokens, offset, sentence_of, lang, index)
            found = list(emitter.from_entities())
            mentions.extend(found)
            works.append(
                _SentenceWork(
                    document, offset, spans, tokens, found, emitter.chunk_spans, gathering, lang, sentence_nlp
                )
            )
        found_per_document.append((sentences, mentions, works))
    _run_sentence_model([w for _, _, works in found_per_document for w in works], sentence_nlp, lang)
    results = []
    for sentences, mentions, works in found_per_document:
        cues = [cue for work in works for cue in work.cues()]
        mentions.sort(key=lambda m: (m.start, m.end))
        results.append((tuple(sentences), tuple(mentions), tuple(sorted(cues, key=lambda c: c.sentence))))
    return results


class _ChunkTokens:
    """What the rules and the sentence pass read of every token of a chunk, from one array:
    making a Token object per word costs more than what is asked of it."""

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, SPACY, SENT_START, NORM]).tolist()
        self.words = [strings[row[0]] for row in rows]
        self.lowers = [strings[row[1]] for row in rows]
        self.spaces = [bool(row[2]) for row in rows]
        #: As ``Token.is_sent_start``: the array holds 1, 0 or -1 (as an unsigned number).
        self.sent_starts = [None if row[3] == 0 else row[3] == 1 for row in rows]
        self.norms = [row[4] for row in rows]


def _sentence_doc(sent: Span, tokens: _ChunkTokens | None = None) -> Doc:
    """``sent`` as a ``Doc`` of its own: words, spaces, norms and sentence starts, which is all
    the sentence model and the cue read. ``Span.as_doc`` copies every attribute and is several
    times slower. ``tokens`` are those of ``sent.doc``, if already read."""
    tokens = tokens or _ChunkTokens(sent.doc)
    start, end = sent.start, sent.end
    doc = Doc(
        sent.doc.vocab,
        words=tokens.words[start:end],
        spaces=tokens.spaces[start:end],
        sent_starts=tokens.sent_starts[start:end],
    )
    norms = tokens.norms[start:end]
    for k, norm in enumerate(doc.to_array(NORM).tolist()):
        if norm != norms[k]:  # tokenizer exceptions: "n't" → "not"
            doc[k].norm_ = sent.doc.vocab.strings[norms[k]]
    return doc


class _SentenceWork:
    """The sentences of one chunk that may carry an event, on their way to cues.

    ``deep`` are those the sentence model must see (tagging, lemmas); ``parsed_at`` those the
    parser then saw. Only a sentence that can hold an event between actors is worth the parser.
    """

    def __init__(self, document, offset, spans, tokens, found, chunk_spans, gathering, lang, sentence_nlp):
        self.document, self.offset, self.chunk_spans, self.lang = document, offset, chunk_spans, lang
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in found:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.selected = []
        for i, sent, text in spans:
            names_gathering = gathering is not None and bool(gathering.search(text))
            if i in self.by_sentence or names_gathering:
                self.selected.append((i, sent, names_gathering or len(self.by_sentence.get(i, ())) >= 2))
        self.docs = [_sentence_doc(sent, tokens) for _, sent, _ in self.selected]
        has_parser = sentence_nlp is not None and sentence_nlp.has_pipe("parser")
        deep = [k for k, (_, _, worth) in enumerate(self.selected) if worth or not has_parser]
        candidates = lemma_candidates(sentence_nlp) if sentence_nlp is not None else None
        if candidates is not None:
            # A sentence no word of which can be lemmatized to a trigger is not tagged at all.
            deep = [k for k in deep if may_have_trigger(self.selected[k][1], lang=lang, lemmas=candidates)]
        self.deep = deep if sentence_nlp is not None else []
        self.parsed_at: set[int] = set()

    def cues(self) -> list[Cue]:
        cues = []
        for k, ((i, sent, _), sent_doc) in enumerate(zip(self.selected, self.docs, strict=True)):
            base = sent.start_char
            items = [
                (self.chunk_spans[m][0] - base, self.chunk_spans[m][1] - base, m.label, (m.start, m.end))
                for m in self.by_sentence.get(i, [])
            ]

            def to_raw(start: int, end: int, base: int = base) -> tuple[int, int]:
                return self.document.raw_span(self.offset + base + start, self.offset + base + end)

            parsed = k in self.parsed_at
            cues.append(sentence_cue(i, sent_doc, items, lang=self.lang, parsed=parsed, to_raw=to_raw))
        return cues


def _run_sentence_model(works: list[_SentenceWork], sentence_nlp: Language | None, lang: str) -> None:
    """Tag and lemmatize every deep sentence of ``works`` in one pass; then parse, the dearest
    step, only those with a trigger."""
    jobs = [(work, k) for work in works for k in work.deep]
    if sentence_nlp is None or not jobs:
        return
    has_parser = sentence_nlp.has_pipe("parser")
    skipped = ["parser"] if has_parser else []
    lemmatizer = _trigger_lemmatizer(sentence_nlp, skipped)
    if lemmatizer is not None:
        skipped.append("lemmatizer")
    tagged = sentence_nlp.pipe([work.docs[k] for work, k in jobs], disable=skipped)
    for (work, k), processed in zip(jobs, tagged, strict=True):
        work.docs[k] = processed if lemmatizer is None else lemmatizer(processed)
    if has_parser:
        chosen = [(work, k) for work, k in jobs if has_trigger(work.docs[k], lang=lang)]
        parser = sentence_nlp.get_pipe("parser")
        for (work, k), processed in zip(chosen, parser.pipe(work.docs[k] for work, k in chosen), strict=True):
            work.docs[k] = processed
            work.parsed_at.add(k)


def _trigger_lemmatizer(sentence_nlp: Language, skipped: list[str]) -> Callable[[Doc], Doc] | None:
    """Lemmatize only the words that may become a trigger, when that gives the same cues.

    The lemmas are read only to find triggers. Where the lemmatizer is spaCy's rule lemmatizer
    and the last component to run, and its candidates are known (``annotate.lemmas``), a word
    none of whose candidates names an event is left without a lemma: its trigger test then
    reads its lower-case form alone, and the lemma could not have matched. ``None`` otherwise.
    """
    candidates = lemma_candidates(sentence_nlp)
    running = [name for name in sentence_nlp.pipe_names if name not in skipped]
    if candidates is None or not running or running[-1] != "lemmatizer":
        return None
    lemmatizer = sentence_nlp.get_pipe("lemmatizer")
    lang = sentence_nlp.lang
    may_become: dict[str, bool] = {}

    def lemmatize(doc: Doc) -> Doc:
        for token in doc:
            if token.lemma != 0 and not lemmatizer.overwrite:
                continue
            word = token.text  # not the lower-case form: German compounds are told by their case
            wanted = may_become.get(word)
            if wanted is None:
                wanted = may_become[word] = could_become_trigger(token, lang=lang, lemmas=candidates)
            if wanted:
                token.lemma_ = lemmatizer.lemmatize(token)[0]
        return doc

    return lemmatize
