"""Generate ``src/actorgraph/data/lang/de/lowercase_words.txt``: the German words written in
lower case (adjectives, adverbs, verbs, function words), from the lemmas of the bundled German
model's lookup table (spacy-lookups-data 1.0.5, ``de_lemma_lookup``, MIT; see docs/ner.md).

German capitalises a word only for a noun, a name or a sentence's first word. A one-word
"person" that is such a word at the start of a sentence ("Möglich", "Gefordert", "Stimmt") is
the model reading the capital as a name; resolution gives it no actor (docs/resolution.md).

Run from the repository root, with the package installed::

    python scripts/lowercase_words_de.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

from actorgraph.annotate.lookups import read_lookups

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "src" / "actorgraph" / "data" / "models" / "de"
DEFAULT_OUT = ROOT / "src" / "actorgraph" / "data" / "lang" / "de" / "lowercase_words.txt"

HEADER = """\
# German words written in lower case: the lemmas of the German model's lookup table
# (spacy-lookups-data 1.0.5, de_lemma_lookup, MIT), by scripts/lowercase_words_de.py.
"""


def lowercase_lemmas(model: Path) -> list[str]:
    """The table's lemmas that are lower-case words, sorted."""
    table = read_lookups(model / "lemmatizer" / "lookups").get_table("lemma_lookup")
    return sorted({lemma for lemma in dict.values(table) if lemma.isalpha() and lemma.islower()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    words = lowercase_lemmas(args.model)
    args.out.write_text(HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"wrote {len(words)} words to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
