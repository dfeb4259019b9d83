"""Convert the openly licensed German NER corpora into spaCy DocBin files.

Writes into ``training/corpus/train/`` (all files there are training data) and
``training/corpus/dev/``:

* ``germeval_train.spacy`` – GermEval 2014 train (CC BY 4.0)
* ``mobie.spacy``          – DFKI MobIE train+dev+test (CC BY 4.0)
* ``smartdata.spacy``      – DFKI SmartData v1 train+test (CC BY 4.0)
* ``legal_ler.spacy``      – German LER dev+test (CC BY 4.0; optional, ``--with-ler``)
* ``germeval_dev.spacy``   – GermEval 2014 dev, OUTER column (model selection only)

Label mapping (documented in docs/ner.md):

* GermEval: PER/ORG/LOC -> same, OTH -> MISC, every ``...deriv`` / ``...part`` tag -> O.
* MobIE / SmartData: person -> PER; organization, organization-company -> ORG;
  location, location-city, location-street, location-stop -> LOC; everything else
  (location-route, org-position, date, time, duration, distance, number, money, percent,
  set, disaster-type, event-cause, trigger) -> O.  LOC mentions starting with a lower-case
  letter (adjectives such as "deutschen", which GermEval tags LOCderiv) -> O.
* legal_ler: PER, RR, AN -> PER; ORG, UN, INN, GRT -> ORG; LD, ST, STR, LDS -> LOC;
  everything else (laws, norms, court decisions, literature, brands) -> O.

Sentence-per-line corpora are grouped into multi-sentence docs (``--group`` sentences)
with gold sentence starts so the ``senter`` can learn sentence boundaries.
WikiANN, WikiNEuRal and EuroParl are never read here (evaluation only, licences).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "de"  # ../shared beside the repo
LABELS = ("PER", "ORG", "LOC", "MISC")

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "“", "‘", "'", "...", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "„", "‚"}

GERMEVAL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}
DFKI_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}
LER_MAP = {
    "PER": "PER",
    "RR": "PER",
    "AN": "PER",
    "ORG": "ORG",
    "UN": "ORG",
    "INN": "ORG",
    "GRT": "ORG",
    "LD": "LOC",
    "ST": "LOC",
    "STR": "LOC",
    "LDS": "LOC",
}


def guess_spaces(words: list[str]) -> list[bool]:
    """Cheap detokenisation so that doc.text looks like running text."""
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        sp = nxt is not None and nxt not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER
        spaces.append(sp)
    return spaces


def map_germeval(tag: str) -> str:
    if tag == "O":
        return "O"
    prefix, typ = tag.split("-", 1)
    if typ.endswith("deriv") or typ.endswith("part"):
        return "O"  # deriv/part count as O for training and scoring
    return f"{prefix}-{GERMEVAL_MAP[typ]}"


def map_dfki(tag: str) -> str:
    if tag == "O":
        return "O"
    prefix, typ = tag.split("-", 1)
    lab = DFKI_MAP.get(typ)
    return f"{prefix}-{lab}" if lab else "O"


def map_ler(tag: str) -> str:
    if tag == "O":
        return "O"
    prefix, typ = tag.split("-", 1)
    lab = LER_MAP.get(typ)
    return f"{prefix}-{lab}" if lab else "O"


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO/IOB1 -> (start, end, label); a stray I- opens a new entity."""
    spans, start, label = [], None, None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != label):
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if t != "O":
                start, label = i, t[2:]
    return spans


def make_doc(vocab, sents: list[tuple[list[str], list[str]]], drop_lower_loc: bool = False) -> Doc:
    words, tags, starts = [], [], []
    for toks, tg in sents:
        words.extend(toks)
        tags.extend(tg)
        starts.extend([True] + [False] * (len(toks) - 1))
    doc = Doc(vocab, words=words, spaces=guess_spaces(words), sent_starts=starts)
    ents = []
    for s, e, lab in bio_spans(tags):
        if drop_lower_loc and lab == "LOC" and words[s][:1].islower():
            continue
        ents.append(Span(doc, s, e, label=lab))
    doc.ents = ents
    return doc


def read_columns(
    path: Path, tok_col: int, tag_col: int, sep: str | None, mapper, comments: bool = False
) -> list[list]:
    """Sentence-per-block column files -> list of docs (each a list of sentences).

    ``-DOCSTART-`` lines (MobIE) start a new document; otherwise a single stream.
    """
    docs: list[list] = [[]]
    toks: list[str] = []
    tags: list[str] = []

    def flush():
        if toks:
            docs[-1].append((list(toks), list(tags)))
        toks.clear()
        tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush()
                docs.append([])
                continue
            if comments and line.startswith("#"):
                continue  # GermEval dev comment lines (source/date headers)
            if not line.strip():
                flush()
                continue
            cols = line.split(sep)
            toks.append(cols[tok_col])
            tags.append(mapper(cols[tag_col]))
        flush()
    return [d for d in docs if d]


def group(sents: list, n: int) -> list[list]:
    return [sents[i : i + n] for i in range(0, len(sents), n)]


def iter_json_stream(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    dec = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = dec.raw_decode(text, i)
        yield obj


def smartdata_docs(nlp) -> list[Doc]:
    out = []
    for name in ("v1_20180119_train.json.gz", "v1_20180119_test.json.gz"):
        for d in iter_json_stream(DATA / "smartdata" / name):
            text = d["text"]["string"]
            doc = nlp.make_doc(text)
            ents = []
            mentions = (d.get("conceptMentions") or {}).get("array") or []
            for m in sorted(mentions, key=lambda m: (m["span"]["start"], -m["span"]["end"])):
                lab = DFKI_MAP.get(m["type"])
                if not lab:
                    continue
                s, e = m["span"]["start"], m["span"]["end"]
                surface = text[s:e]
                s += len(surface) - len(surface.lstrip())  # some mentions include
                e -= len(surface) - len(surface.rstrip())  # whitespace/newlines
                surface = text[s:e]
                if not surface:
                    continue
                if lab == "LOC" and surface[:1].islower():
                    continue
                span = doc.char_span(s, e, label=lab, alignment_mode="expand")
                while span is not None and len(span) and (span[0].is_space or span[0].is_punct):
                    span = doc[span.start + 1 : span.end] if len(span) > 1 else None
                while span is not None and len(span) and span[-1].is_space:
                    span = doc[span.start : span.end - 1] if len(span) > 1 else None
                if span is not None:
                    span = Span(doc, span.start, span.end, label=lab)
                if span is None or (ents and span.start < ents[-1].end):
                    continue
                ents.append(span)
            # Tokens outside annotated mentions are O; sentence starts unknown (missing).
            doc.ents = ents
            out.append(doc)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    ap.add_argument("--group", type=int, default=10, help="sentences per doc")
    ap.add_argument("--with-ler", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    random.seed(args.seed)
    nlp = spacy.blank("de")

    (args.out / "train").mkdir(exist_ok=True)
    (args.out / "dev").mkdir(exist_ok=True)

    def save(name: str, docs: list[Doc]) -> None:
        DocBin(docs=docs, store_user_data=False).to_disk(args.out / name)
        n_ents = sum(len(d.ents) for d in docs)
        n_tok = sum(len(d) for d in docs)
        print(f"{name}: {len(docs)} docs, {n_tok} tokens, {n_ents} entities")

    # GermEval 2014 train (TOKEN<TAB>TAG)
    ge = read_columns(DATA / "germeval2014" / "train.bio.tsv", 0, 1, "\t", map_germeval)[0]
    save("train/germeval_train.spacy", [make_doc(nlp.vocab, g) for g in group(ge, args.group)])

    # GermEval 2014 dev (INDEX<TAB>TOKEN<TAB>OUTER<TAB>INNER)
    gd = read_columns(DATA / "germeval2014" / "dev.tsv", 1, 2, "\t", map_germeval, comments=True)[0]
    save("dev/germeval_dev.spacy", [make_doc(nlp.vocab, g) for g in group(gd, args.group)])

    # MobIE (TOKEN<TAB>POS<TAB>CHUNK<TAB>NER, -DOCSTART- separated)
    mob = []
    for split in ("train", "dev", "test"):
        for d in read_columns(DATA / "mobie" / f"{split}.conll2003", 0, 3, "\t", map_dfki):
            mob.append(make_doc(nlp.vocab, d, drop_lower_loc=True))
    save("train/mobie.spacy", mob)

    save("train/smartdata.spacy", smartdata_docs(nlp))

    if args.with_ler:
        ler = []
        for split in ("ler_dev.conll", "ler_test.conll"):
            sents = read_columns(DATA / "legal_ler" / split, 0, 1, " ", map_ler)[0]
            ler.extend(make_doc(nlp.vocab, g) for g in group(sents, args.group))
        save("train/legal_ler.spacy", ler)
    else:
        (args.out / "train" / "legal_ler.spacy").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
