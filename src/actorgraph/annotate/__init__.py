"""Annotate clean documents with spaCy, one pipeline per language, in batches.

Each document's spaCy ``Doc`` lives only until its sentences and mentions are extracted;
what leaves this stage is an :class:`~actorgraph.records.Analysis`. Long articles are cut
into chunks at paragraph breaks, so a 50 MB file is processed, not rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import Any

from ..records import Analysis, Document
from .registry import MODEL_CHOICES, PipelineInfo, Pipelines, choose_pipeline, forget_models

__all__ = [
    "ANALYSIS_REVISION",
    "MODEL_CHOICES",
    "PipelineInfo",
    "Pipelines",
    "annotate",
    "choose_pipeline",
    "forget_models",
    "split_chunks",
]

#: Raised whenever the same document and models come to give a different analysis: it is part
#: of the document store's key, so a store never hands back what the current code would not make.
#: 2: a KB name several entries share is matched without a KB id (``annotate.kbruler``).
#: 3: honorifics ("Mr", "Frau") are no part of a person's name.
#: 4: KB names with an apostrophe are matched with a typographic one too ("Côte d’Ivoire").
#: 5: KB names of several words are matched without their accents too ("Cote d'Ivoire").
#: 6: a common word is a name where the text uses it as a full name's surname ("Kern").
#: 7: a span ends at a spaced dash or a bracket's edge; an institution half translated keeps a key in
#:    its own language; a day or a month is no institution's topic.
#: 8: a German compound of a common noun is no name ("Sozialleistungen", ``common_tails.txt``);
#:    a span that goes on past a closing bracket in lower case is a clause; a bracket left open
#:    at a span's end goes ("Hallwang (Flachgau").
#: 9: a one-word place that is the surname of a full name in the text is that person, unless the
#:    text also puts it after a locative ("in Piräus").
#: 10: a person's span that stops at a particle of the surname takes the surname ("Alexander Van"
#:     of "Alexander Van der Bellen").
#: 11: a span of several capitalised words that are all common nouns or compounds of one is no
#:     name ("Klima, Nahrungsmittelkrise").
#: 12: a span with a host name and a path ("pic.twitter.com/…"), or with more lower-case words
#:     than capitalised ones (at least three), is no name.
#: 13: an institution's name takes two modifiers joined by "and" ("Securities and Exchange
#:     Commission").
#: 14: inflected adjectives the model cut before a noun that makes them a thing are no name
#:     ("Transkaspischen Internationalen" of "… Transportroute").
#: 15: a hard-wrapped text is cleaned into paragraphs, not lines, and a line that stops in
#:     mid-sentence joins the next when that goes on in lower case; a mention's text has single
#:     spaces.
#: 16: the knowledge-base ruler leaves a one-word place name that is a common noun to the
#:     model ("einige Male" is no Malé).
#: 17: a MISC span after a noun of its kind is an organisation or a person ("dem Fernsehsender
#:     Silk Way").
#: 18: the same for a person's or an organisation's span ("oil firm Yukos"), with ``source``
#:     "class".
#: 19: German class nouns are capitalised and may be genitives; "maker", "broadcaster" and
#:     "Dienst" are none.
#: 20: a work's noun makes a span a work ("the comedy Sideways").
#: 21: a class noun corrects a place tag the knowledge base does not back ("gas giant Gazprom").
#: 22: an office and a full name the German model took for a body are a person ("Burgenlands
#:     Landeshauptmann Hans Niessl"); a genitive opens an office; "Niessls Gunst" is Niessl; a
#:     surname after "bei" or a possessive full name is still that person.
#: 23: a person's span of three words or more loses a describing noun that opens it
#:     ("Broadcaster Chris Evans").
#: 24: so does a German common noun that is no office ("Innenverteidiger Christopher Dibon").
#: 25: cleaning makes spacing inside a line one plain space ("Stavros  Theodorakis").
#: 26: a person's or a place's span is cut at its slashes ("Wien/Kiew", "Khol/Hundstorfer").
#: 27: a result, a time or an age a span ran into is no part of the name ("Soriano0:2").
#: 28: nor, in German, a hyphenated noun before one more word ("Graz-Coach Foda").
#: 29: a span that lists names with commas is cut into them ("Chris Martin, Dido").
#: 30: a word of ``not_actors`` after an article or a possessive is none ("The Government").
#: 31: a place's name of several words that opens an organisation's is left to the model
#: ("Pacific Islands Forum").
#: 32: a German thing's name also inflected ("des Kalten Krieges").
#: 34: a name the model cut out of a thing's ("Non-Proliferation of Nuclear Weapons" of "the
#: Treaty on the …", "Almaty Programme" of "… of Action") is none.
#: 35: a gathering named by its occurrence or scope ("Third International Conference on …",
#: "Summit of the Americas") is none.
#: 36: nor is a name that ends in a thing's tail ("Beijing Platform for Action").
ANALYSIS_REVISION = 36
#: Characters per spaCy call; long enough for any normal article, short enough to bound memory.
MAX_CHUNK_CHARS = 100_000
#: Characters the model takes in one pass. What a pass allocates grows with its words, not with
#: its documents: 32 speeches of 12,000 characters cost a worker 400 MiB more than 32 news
#: articles did. A pass ends at this many characters, or at the batch size, whichever comes
#: first. The results do not depend on it; passes half this long were 8 % slower on news
#: articles (``benchmarks/passes.py``).
PASS_CHARS = 40_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` chunks of at most ``max_chars`` at natural breaks.

    Examples
    --------
    >>> split_chunks("aa\\n\\nbb cc", max_chars=5)
    [(0, 'aa'), (4, 'bb cc')]
    """
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = None
        for pattern in _BREAKS:
            found = [m for m in pattern.finditer(window) if m.start() > 0]
            if found:
                cut = found[-1]
                break
        end, resume = (cut.start(), cut.end()) if cut else (max_chars, max_chars)
        chunks.append((start, window[:end]))
        start += resume
    chunks.append((start, text[start:]))
    return [(offset, piece) for offset, piece in chunks if piece.strip()] or [(0, text)]


def _passes(items: list[tuple[str, Any]], *, most: int, chars: int | None = None) -> Iterator[list]:
    """``items`` (text, context) in order, cut into runs of at most ``most`` texts and, unless one
    text alone is longer, ``chars`` characters (by default :data:`PASS_CHARS`, read at each call).

    Examples
    --------
    >>> [len(run) for run in _passes([("a" * 4, 0)] * 5, most=3, chars=10)]
    [2, 2, 1]
    >>> [len(run) for run in _passes([("a" * 40, 0), ("b", 1)], most=3, chars=10)]
    [1, 1]
    """
    chars = PASS_CHARS if chars is None else chars
    run: list = []
    size = 0
    for item in items:
        if run and (size + len(item[0]) > chars or len(run) >= most):
            yield run
            run, size = [], 0
        run.append(item)
        size += len(item[0])
    if run:
        yield run


def annotate(
    documents: Iterable[Document], pipelines: Pipelines, *, batch_size: int = 64
) -> Iterator[Analysis]:
    """Annotate ``documents`` (clean, with a language), yielding one Analysis each, in order.

    Skipped documents pass through with no sentences or mentions.
    """
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _annotate_batch(batch, pipelines, batch_size)
            batch = []
    if batch:
        yield from _annotate_batch(batch, pipelines, batch_size)


def _annotate_batch(batch: list[Document], pipelines: Pipelines, batch_size: int) -> list[Analysis]:
    from .mentions import extract_batch  # imports spaCy, which choosing a pipeline does not need

    results: dict[int, Analysis] = {}
    by_lang: dict[str, list[int]] = {}
    for i, document in enumerate(batch):
        if document.skipped or not document.text.strip():
            results[i] = Analysis(document)
        else:
            by_lang.setdefault(document.language, []).append(i)
    for lang, positions in sorted(by_lang.items()):
        nlp = pipelines.get(lang)
        sentence_nlp = pipelines.sentence_pipeline(lang)
        items = [(piece, (i, offset)) for i in positions for offset, piece in split_chunks(batch[i].text)]
        # Strings and lexemes that a batch adds to the vocabularies are freed after it, so a
        # long-running process does not grow with every new word it has seen. Nothing made in
        # the zone (Docs, Tokens, Spans) outlives it: the results are plain records. A sentence
        # model that shares the vocabulary is in its zone already (zones must not be nested).
        own_vocab = sentence_nlp is not None and sentence_nlp.vocab is not nlp.vocab
        with nlp.memory_zone(), sentence_nlp.memory_zone() if own_vocab else nullcontext():
            chunks: dict[int, list] = {i: [] for i in positions}
            for group in _passes(items, most=batch_size):
                for doc, (i, offset) in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
                    chunks[i].append((offset, doc))
            extracted = extract_batch(
                [(batch[i], chunks.pop(i)) for i in positions],
                lang=lang,
                index=pipelines.index,
                sentence_nlp=sentence_nlp,
            )
            for i, (sentences, mentions, cues) in zip(positions, extracted, strict=True):
                results[i] = Analysis(batch[i], sentences, mentions, cues)
    return [results[i] for i in range(len(batch))]
