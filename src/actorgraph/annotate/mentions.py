"""Entity spans → :class:`~actorgraph.records.Mention` records.

Spans are trimmed to the name: leading determiners and titles go (titles are kept as the
mention's ``role``), possessives and punctuation at the end go. A hyphenated compound whose
first part is a known actor ("SOZ-Gipfels", "EU-Kommission") yields that actor. Weekdays,
months and capitalised common nouns listed in the language's ``not_actors`` never become
mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..events.cues import lexicon, sentence_cue
from ..kbindex import KBIndex
from ..records import Cue, Document, Mention, Sentence
from ..resources import data_path, load_resource
from ..text import fold, name_variants
from .components import TitleWords

__all__ = ["extract"]

_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE_PUNCT = " \t\n.,;:!?\"'“”„«»‚‘’()[]{}–—-/"
_URLISH = re.compile(r"@|://|www\.|\d{3,}")


@cache
def _labels() -> dict[str, str]:
    import yaml

    return yaml.safe_load(data_path("labels.yaml").read_text(encoding="utf-8"))


class _Rules:
    def __init__(self, lang: str):
        names = load_resource("names", lang)
        self.lang = lang
        self.determiners = frozenset(w.lower() for w in names.get("determiners", []))
        self.words = TitleWords(
            names.get("titles", []), names.get("title_suffixes", []), names.get("title_modifiers", [])
        )
        self.is_title = self.words.is_title_word
        self.not_actors = frozenset(fold(w) for w in names.get("not_actors", []))


@cache
def _rules(lang: str) -> _Rules:
    return _Rules(lang)


def _trim(
    tokens: list[Token], rules: _Rules, index: KBIndex, *, person: bool
) -> tuple[list[Token], list[Token]]:
    """Split leading determiners, and for persons titles (with a nationality before them), from the name."""
    role: list[Token] = []
    while tokens:
        word = tokens[0].text
        if word.lower() in rules.determiners:
            tokens = tokens[1:]
        elif not person:
            break
        elif rules.is_title(word) or (
            len(tokens) > 1 and rules.is_title(tokens[1].text) and _names_a_place(word, rules.lang, index)
        ):
            role.append(tokens[0])
            tokens = tokens[1:]
        else:
            break
    while tokens and (tokens[-1].is_punct or _POSSESSIVE.fullmatch(tokens[-1].text)):
        tokens = tokens[:-1]
    return tokens, role


def _names_a_place(word: str, lang: str, index: KBIndex) -> bool:
    """A nationality ("Kazakh") or a place, possibly inflected ("Kasachstans")."""
    if index.adjective(word):
        return True
    return any(e.type in ("GPE", "LOC") for v in name_variants(word, lang) for e in index.exact(v))


class _Emitter:
    """Builds mentions for one chunk of one document."""

    def __init__(
        self,
        document: Document,
        doc: Doc,
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
        #: Character offsets of each mention within the chunk's text, for the event cues.
        self.chunk_spans: dict[Mention, tuple[int, int]] = {}

    def mention(self, start_char: int, end_char: int, label: str, token_i: int, **extra) -> Mention | None:
        text = self.doc.text[start_char:end_char]
        stripped = text.strip(_EDGE_PUNCT)
        if not stripped:
            return None
        start_char += text.index(stripped)
        end_char = start_char + len(stripped)
        if stripped.endswith(("’s", "'s")) and len(stripped) > 3:
            stripped, end_char = stripped[:-2], end_char - 2
        if not self._is_name(stripped):
            return None
        raw_start, raw_end = self.document.raw_span(self.offset + start_char, self.offset + end_char)
        mention = Mention(
            doc_id=self.document.id,
            sentence=self.sentence_of.get(token_i, 0),
            start=raw_start,
            end=raw_end,
            text=stripped,
            label=label,
            lang=self.lang,
            **extra,
        )
        self.chunk_spans[mention] = (start_char, end_char)
        return mention

    def _is_name(self, text: str) -> bool:
        folded = fold(text)
        if len(folded) < 2 or folded in self.rules.not_actors or not any(c.isupper() for c in text):
            return False
        if _URLISH.search(text) or not any(c.isalpha() for c in text):
            return False
        return not all(self.rules.is_title(w) or w.lower() in self.rules.determiners for w in text.split())

    def _is_office(self, tokens: list[Token]) -> bool:
        """ "Kazakh President": a nationality and titles name an office, not an organisation."""
        rest = tokens[1:] if _names_a_place(tokens[0].text, self.lang, self.index) else tokens
        return bool(rest) and all(self.rules.is_title(t.text) for t in rest)

    def compound(self, token: Token, *, label: str | None = None, role: str | None = None) -> Mention | None:
        """The actor inside a hyphenated compound, if its first part is a known one."""
        head = token.text.split("-", 1)[0]
        entries = self.index.exact(head) if len(head) >= 2 else []
        if not entries:
            return None
        kb_label = entries[0].type if len({e.type for e in entries}) == 1 else (label or "ORG")
        return self.mention(token.idx, token.idx + len(head), kb_label, token.i, source="compound", role=role)

    def from_entities(self) -> Iterable[Mention]:
        covered: set[int] = set()
        labels = _labels()
        for ent in self.doc.ents:
            label = labels.get(ent.label_)
            covered.update(range(ent.start, ent.end))
            if label is None:
                continue
            tokens, role_tokens = _trim(list(ent), self.rules, self.index, person=label == "PERSON")
            if not tokens or (label != "PERSON" and self._is_office(tokens)):
                continue
            role = " ".join(t.text for t in role_tokens) or None
            kb_id = ent.ent_id_ or None
            source = "ruler" if kb_id else "model"
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
        for token in self.doc:
            if token.i not in covered and "-" in token.text.strip("-") and token.text[:1].isupper():
                if self.rules.is_title(token.text):
                    continue
                found = self.compound(token)
                if found is not None:
                    yield found


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
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    cues: list[Cue] = []
    gathering = lexicon(lang).gathering_words
    for offset, doc in chunks:
        sentence_of: dict[int, int] = {}
        spans = []
        for sent in doc.sents:
            text = sent.text.strip()
            if text:
                lead = sent.text.index(text)
                start = offset + sent.start_char + lead
                raw_start, raw_end = document.raw_span(start, start + len(text))
                sentences.append(Sentence(len(sentences), raw_start, raw_end, text))
                spans.append((len(sentences) - 1, sent))
            for token in sent:
                sentence_of[token.i] = max(len(sentences) - 1, 0)
        emitter = _Emitter(document, doc, offset, sentence_of, lang, index)
        found = list(emitter.from_entities())
        mentions.extend(found)
        cues.extend(_cues(document, offset, spans, found, emitter.chunk_spans, gathering, lang, sentence_nlp))
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(sentences), tuple(mentions), tuple(sorted(cues, key=lambda c: c.sentence))


def _cues(document, offset, spans, found, chunk_spans, gathering, lang, sentence_nlp) -> list[Cue]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in found:
        by_sentence.setdefault(m.sentence, []).append(m)
    selected = [
        (i, sent)
        for i, sent in spans
        if i in by_sentence or (gathering is not None and gathering.search(sent.text))
    ]
    docs = [sent.as_doc() for _, sent in selected]
    parsed = sentence_nlp is not None and sentence_nlp.has_pipe("parser")
    if sentence_nlp is not None and docs:
        docs = list(sentence_nlp.pipe(docs))
    cues = []
    for (i, sent), sent_doc in zip(selected, docs, strict=True):
        base = sent.start_char
        items = [
            (chunk_spans[m][0] - base, chunk_spans[m][1] - base, m.label, (m.start, m.end))
            for m in by_sentence.get(i, [])
        ]

        def to_raw(start: int, end: int, base: int = base) -> tuple[int, int]:
            return document.raw_span(offset + base + start, offset + base + end)

        cues.append(sentence_cue(i, sent_doc, items, lang=lang, parsed=parsed, to_raw=to_raw))
    return cues
