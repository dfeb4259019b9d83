"""An attribute ruler that finds its one-token rules by dictionary lookup.

A model's attribute ruler (``en_core_web_sm``'s has 179 rules) maps tags to parts of speech and
fixes the attributes of a few words. spaCy's ``Matcher`` tries every rule at every token, and
checks a set of values (``{"LOWER": {"IN": [...]}}``) by calling a Python predicate: the ruler
cost more than tagging the sentences it ran on, about 45 µs a word. Nearly all of its rules
look at one token and compare attributes for equality, so they can be looked up instead: one
dictionary per combination of attributes, keyed by the token's values. The few other rules
(two-token phrases, regular expressions) still go through a ``Matcher`` of their own.

:class:`IndexedAttributeRuler` is spaCy's ``AttributeRuler`` with only ``match`` replaced, and
its ``match`` returns the very list spaCy's does, so it sets the same attributes.
"""

from __future__ import annotations

import re
from itertools import product
from typing import NamedTuple

from spacy.attrs import DEP, IDS, LEMMA, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["IndexedAttributeRuler", "plain_patterns", "with_indexed_rules"]

#: Plain patterns one pattern may become, at most; a larger product stays a set pattern.
MOST_VARIANTS = 1_000
#: Attributes a looked-up rule may compare: those whose ``Doc.to_array`` value is what the
#: ``Matcher`` compares (a string's hash, or a flag's 0 or 1).
_STRING_ATTRS = frozenset({ORTH, LOWER, NORM, TAG, DEP, LEMMA})
_FLAG_ATTRS = frozenset(IDS[name] for name in IDS if name.startswith("IS_") and name != "IS_SENT_START")
#: Combinations of a token's values whose rules are remembered, at most.
_SEEN = 200_000


def plain_patterns(pattern: list[dict], *, most: int = MOST_VARIANTS) -> list[list[dict]]:
    """The patterns without value sets that together match what the token ``pattern`` matches.

    A token's attribute has one value, so ``{"IN": [a, b]}`` matches exactly where ``a`` or
    ``b`` does. Patterns with repeated tokens (``"OP"``), other operators than ``IN``, or sets
    of other things than strings are returned as they are.

    Parameters
    ----------
    pattern : list of dict
        A ``Matcher`` token pattern.
    most : int
        Largest number of patterns to make; beyond it, ``[pattern]`` is returned.

    Examples
    --------
    >>> plain_patterns([{"LOWER": {"IN": ["ca", "wo"]}, "TAG": "MD"}])
    [[{'LOWER': 'ca', 'TAG': 'MD'}], [{'LOWER': 'wo', 'TAG': 'MD'}]]
    >>> plain_patterns([{"LOWER": {"REGEX": "^n'?t$"}}])
    [[{'LOWER': {'REGEX': "^n'?t$"}}]]
    >>> plain_patterns([{"LOWER": {"IN": ["a", "b"]}, "OP": "+"}])
    [[{'LOWER': {'IN': ['a', 'b']}, 'OP': '+'}]]
    """
    choices: list[list[dict]] = []
    for token in pattern:
        if "OP" in token:
            return [pattern]  # "a or b, repeated" is not "a repeated or b repeated"
        variants: list[dict] = [{}]
        for key, value in token.items():
            if isinstance(value, dict) and set(value) == {"IN"}:
                values = value["IN"]
                if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
                    return [pattern]
                variants = [{**v, key: item} for v in variants for item in dict.fromkeys(values)]
            else:
                variants = [{**v, key: value} for v in variants]
        choices.append(variants)
    count = 1
    for variants in choices:
        count *= len(variants)
    if count > most:
        return [pattern]
    return [list(tokens) for tokens in product(*choices)]


def _attr_id(key) -> int | None:
    name = key.upper() if isinstance(key, str) else key
    if isinstance(name, str):
        return IDS.get("ORTH" if name == "TEXT" else name)
    return name


class _Check(NamedTuple):
    """A test of one attribute that is not an equality, made by hand as the ``Matcher`` makes it."""

    attr: int
    operator: str  # "IN", "NOT_IN" or "REGEX"
    values: frozenset[int] | re.Pattern

    def __call__(self, value: int, strings) -> bool:
        if self.operator == "IN":
            return value in self.values
        if self.operator == "NOT_IN":
            return value not in self.values
        return bool(self.values.search(strings[value]))


def _one_token_rule(pattern: list[dict], strings) -> tuple[tuple[int, ...], tuple[int, ...], tuple] | None:
    """``(attributes, values, checks)`` of a one-token pattern: the equalities, sorted by
    attribute, with their values as the ``Matcher`` compares them, and the other tests; ``None``
    for a pattern this can't read (longer, repeated, other operators or attributes)."""
    if len(pattern) != 1 or not pattern[0] or "OP" in pattern[0]:
        return None
    equal: dict[int, int] = {}
    checks = []
    for key, value in pattern[0].items():
        attr = _attr_id(key)
        if attr in _FLAG_ATTRS and isinstance(value, bool):
            equal[attr] = int(value)
        elif attr not in _STRING_ATTRS:
            return None
        elif isinstance(value, str):
            equal[attr] = strings.add(value)
        elif isinstance(value, dict) and len(value) == 1:
            (operator, operand), *_ = value.items()
            if operator in ("IN", "NOT_IN") and isinstance(operand, list):
                if not all(isinstance(v, str) for v in operand):
                    return None
                checks.append(_Check(attr, operator, frozenset(get_string_id(v) for v in operand)))
            elif operator == "REGEX" and isinstance(operand, str):
                checks.append(_Check(attr, operator, re.compile(operand)))
            else:
                return None
        else:
            return None
    attrs = tuple(sorted(equal))
    return attrs, tuple(equal[a] for a in attrs), tuple(checks)


def _anchor(pattern: list[dict], strings) -> tuple[int, int] | None:
    """One ``(attribute, value)`` that a token of every match of ``pattern`` has, if any."""
    for token in pattern:
        if token.get("OP", "1") not in ("1", "+"):
            continue  # a token that may be absent, or must not match, is no anchor
        for key, value in token.items():
            attr = _attr_id(key)
            if attr in _STRING_ATTRS and isinstance(value, str):
                return attr, strings.add(value)
    return None


class _RuleIndex:
    """The rules of one ruler: one-token rules in lookup tables, the rest in a ``Matcher`` that
    runs only on a sentence with a word every match of one of them needs."""

    def __init__(self, ruler: AttributeRuler):
        strings = ruler.vocab.strings
        self.strings = strings
        tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, tuple]]]] = {}
        self.rest = Matcher(ruler.vocab, validate=False)
        anchors: set[tuple[int, int]] | None = set()  # None: the Matcher runs on every sentence
        self.rule_of: dict[int, int] = {}
        columns: set[int] = set()
        for i, entry in enumerate(ruler.patterns):
            match_id = strings.add(str(i))  # the ruler's own key for rule i
            self.rule_of[match_id] = i
            for pattern in entry["patterns"]:
                for plain in plain_patterns(pattern):
                    rule = _one_token_rule(plain, strings)
                    if rule is None:
                        self.rest.add(match_id, [plain])
                        anchor = _anchor(plain, strings)
                        anchors = None if anchor is None or anchors is None else anchors | {anchor}
                        continue
                    attrs, values, checks = rule
                    columns.update(attrs)
                    columns.update(check.attr for check in checks)
                    tables.setdefault(attrs, {}).setdefault(values, []).append((match_id, checks))
        self.rest_always = anchors is None
        columns.update(attr for attr, _ in anchors or ())
        self.columns = sorted(columns)
        at = {attr: k for k, attr in enumerate(self.columns)}
        self.lookups = [(tuple(at[a] for a in attrs), table) for attrs, table in sorted(tables.items())]
        anchor_values: dict[int, set[int]] = {}
        for attr, value in anchors or ():
            anchor_values.setdefault(at[attr], set()).add(value)
        self.anchor_at = sorted((k, frozenset(values)) for k, values in anchor_values.items())
        self.at = at
        #: The rules each combination of values seen so far matched: most words come again.
        self.known: dict[tuple[int, ...], tuple[int, ...]] = {}

    def match(self, doc: Doc) -> set[tuple[int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        rows = doc.to_array(self.columns).reshape(len(doc), -1).tolist() if self.columns and len(doc) else []
        if len(self.rest) and (self.rest_always or self._anchored(rows)):
            found.update(self.rest(doc, allow_missing=True, as_spans=False))
        known = self.known
        if len(known) > _SEEN:
            known.clear()
        for i, row in enumerate(rows):
            values = tuple(row)
            hits = known.get(values)
            if hits is None:
                hits = known[values] = self._hits(values)
            found.update((match_id, i, i + 1) for match_id in hits)
        return found

    def _hits(self, values: tuple[int, ...]) -> tuple[int, ...]:
        """The one-token rules a token with these attribute values matches."""
        hits = []
        for positions, table in self.lookups:
            for match_id, checks in table.get(tuple(values[p] for p in positions), ()):
                if all(check(values[self.at[check.attr]], self.strings) for check in checks):
                    hits.append(match_id)
        return tuple(hits)

    def _anchored(self, rows: list[list[int]]) -> bool:
        return any(row[k] in values for row in rows for k, values in self.anchor_at)


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler``, finding its one-token rules by lookup (see the module)."""

    _index: _RuleIndex | None = None

    def add(self, patterns, attrs, index=0) -> None:
        super().add(patterns, attrs, index)
        self._index = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def match(self, doc: Doc):
        """The matches spaCy's ``AttributeRuler.match`` gives: ``(rule, match id, start, end)``,
        sorted, so that later rules are applied last."""
        if self._index is None:
            self._index = _RuleIndex(self)
        rule_of = self._index.rule_of
        found = self._index.match(doc)
        return sorted((rule_of[match_id], match_id, start, end) for match_id, start, end in found)


@Language.factory("actorgraph_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def with_indexed_rules(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace ``nlp``'s attribute ruler ``name`` by an :class:`IndexedAttributeRuler` with the
    same rules. The old component object is left as it was, for any other pipeline sharing it.
    Nothing happens if ``nlp`` has no spaCy attribute ruler of that name."""
    if name not in nlp.component_names or type(nlp.get_pipe(name)) is not AttributeRuler:
        return
    rules = nlp.get_pipe(name).patterns
    disabled = name in nlp.disabled
    ruler = nlp.replace_pipe(name, "actorgraph_attribute_ruler")
    ruler.add_patterns(rules)
    if disabled:
        nlp.disable_pipe(name)
