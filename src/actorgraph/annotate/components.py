"""spaCy components registered as factories, so pipelines can be assembled from config."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..titles import TitleWords

__all__ = ["ParagraphBoundaries", "TitledNames"]


@Language.factory("actorgraph_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries()


class ParagraphBoundaries:
    """Start a sentence after every line break: a headline never runs into the next line."""

    def __call__(self, doc: Doc) -> Doc:
        previous = None
        for token in doc:  # one pass, each Token made once
            if previous is not None and (
                "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
            ):
                token.is_sent_start = True
            previous = token
        return doc


@Language.factory(
    "actorgraph_titled_names", default_config={"titles": [], "suffixes": [], "modifiers": [], "stop": []}
)
def make_titled_names(
    nlp: Language, name: str, titles: list[str], suffixes: list[str], modifiers: list[str], stop: list[str]
) -> TitledNames:
    return TitledNames(TitleWords(titles, suffixes, modifiers), stop)


class TitledNames:
    """Tag ``<title> <Capitalised Name>`` as PERSON where no other entity claims the name.

    "Präsident Tokajew", "UN-Generalsekretär António Guterres", "Foreign Minister Lavrov":
    an office word followed by one to three capitalised words is a person, in any language
    whose ``titles`` list is given. Compounds ending in a title ("UN-Generalsekretär")
    count as titles. Modifiers ("stellvertretender", "First") may precede a title but the
    run must end in a real title, so "am ersten Ministertreffen" names nobody.
    """

    MAX_NAME_TOKENS = 3

    def __init__(self, words: TitleWords, stop: list[str]):
        self.words = words
        self.is_title = words.is_title
        self.is_title_word = words.is_title_word
        self.stop = frozenset(s.lower() for s in stop)

    def _is_name_token(self, token) -> bool:
        text = token.text
        return (
            (token.is_alpha or ("-" in text and all(part.isalpha() for part in text.split("-") if part)))
            and text[:1].isupper()
            and not self.is_title_word(text)
            and text.lower() not in self.stop
        )

    def __call__(self, doc: Doc) -> Doc:
        taken = {t.i for ent in doc.ents for t in ent}
        spans = []
        # Every word is asked whether it is a title: read the words from an array, as making a
        # Token object per word costs more than the question.
        strings = doc.vocab.strings
        words = [strings[key] for key in doc.to_array(ORTH).tolist()]
        i = 0
        while i < len(doc):
            if not self.is_title_word(words[i]):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and self.is_title_word(words[j]):
                j += 1
            if not self.is_title(words[j - 1]):
                i = j
                continue
            k = j
            while (
                k < len(doc)
                and k - j < self.MAX_NAME_TOKENS
                and k not in taken
                and self._is_name_token(doc[k])
            ):
                k += 1
            if k > j and (k >= len(doc) or k in taken or not doc[k].text[:1].isupper()):
                spans.append(Span(doc, j, k, label="PERSON"))
            i = max(k, i + 1)
        if spans:
            doc.ents = filter_spans([*doc.ents, *spans])
        return doc
