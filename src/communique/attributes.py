"""The spaCy model's attribute ruler, applied as a table: the same coarse tags, morphology and lemma
exceptions, token for token, in a quarter of the time on words it has not met and a tenth on words
it has (`bench/components.py`).

en_core_web_sm's `attribute_ruler` maps each fine-grained tag to a coarse part of speech and
morphology and fixes some words ("'s" as "be", "n't" as "not") with 179 Matcher patterns, run at
every token of every document: 8% of communique's time. All but a handful test one token's tag,
lower-case form, dependency label or whether it is a space, so their outcome is a function of those
four values (a word no pattern names counts as any such word): it is worked out once per combination
met and cached. A pattern over several tokens ("gon" "na", "there" "are") is tried only where a
token matches its first. As in the ruler, every pattern is matched against the tokens as they were
before it ran, and later patterns win.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, cast

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what a pattern the table resolves may test
SET = ("POS", "MORPH", "LEMMA", "TAG", "DEP")  # what it may set
OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})  # how it may test a value, besides equality
Key = tuple[int, int, int, int]  # a token's KEYS; the lower-case form 0 when no pattern can test it
Applied = list[tuple[int, dict[int, int]]]  # (pattern number, column in SET -> value), in the order applied


class AttributeTable:
    """Does what an `AttributeRuler` does, from its patterns; `supports` says whether it can."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.patterns: list[tuple[list[list[dict[str, Any]]], int, dict[int, int]]] = [
            (
                pattern["patterns"],
                pattern["index"],
                {_COLUMN[name]: ruler.attrs[number][IDS[name]] for name in pattern["attrs"]},
            )
            for number, pattern in enumerate(_rules(ruler))
        ]
        lowers = [test.get("LOWER") for tokens, _, _ in self.patterns for alt in tokens for test in alt]
        self.words = {self.strings.add(word) for test in lowers for word in _words(test)}
        self.expressions = [re.compile(test["REGEX"]) for test in lowers if isinstance(test, dict) and "REGEX" in test]
        # lower-case form -> itself when a pattern may test it, else 0 (grows with the vocabulary, as spaCy's does)
        self.tested: dict[int, int] = {}
        # key -> what the one-token patterns set, and the longer patterns whose first token it matches
        self.resolved: dict[Key, tuple[tuple[tuple[int, int], ...], list[int]]] = {}

    @staticmethod
    def supports(ruler: AttributeRuler) -> bool:
        """Whether every pattern tests only KEYS, with equality or OPERATORS, and sets only what SET names."""
        for pattern in _rules(ruler):
            tests = [test for alternative in pattern["patterns"] for token in alternative for test in token.items()]
            if not set(pattern["attrs"]) <= set(SET) or any(name not in KEYS for name, _ in tests):
                return False
            if any(isinstance(test, dict) and not set(test) <= OPERATORS for _, test in tests):
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = [self._key(*row) for row in doc.to_array(list(KEYS)).tolist()]
        resolved = [self._resolved(key) for key in keys]
        spanning = self._spanning(keys, [starting for _, starting in resolved])
        values = doc.to_array(list(SET)).tolist()
        for i, (key, (setting, _)) in enumerate(zip(keys, resolved, strict=True)):
            if i in spanning:
                setting = _merged(sorted(self._matching(key) + spanning[i], key=lambda applied: applied[0]))
            row = values[i]
            for column, value in setting:
                row[column] = value
        # spaCy types the array as thinc's Ints2d; to_array gives, and from_array reads, uint64
        doc.from_array(list(SET), numpy.array(values, dtype="uint64"))  # type: ignore[arg-type]
        return doc

    def _key(self, tag: int, lower: int, dep: int, space: int) -> Key:
        word = self.tested.get(lower)
        if word is None:
            form = self.strings[lower]
            tested = lower in self.words or any(expression.search(form) for expression in self.expressions)
            word = self.tested[lower] = lower if tested else 0
        return tag, word, dep, space

    def _resolved(self, key: Key) -> tuple[tuple[tuple[int, int], ...], list[int]]:
        """What the one-token patterns set on a token with this key, and which longer patterns may start there."""
        found = self.resolved.get(key)
        if found is None:
            token = self._token(key)
            starting = [
                n
                for n, (tokens, _, _) in enumerate(self.patterns)
                if any(len(alt) > 1 and _matches(alt[0], token) for alt in tokens)
            ]
            found = self.resolved[key] = (_merged(self._matching(key)), starting)
        return found

    def _token(self, key: Key) -> dict[str, Any]:
        """A token's values as the patterns test them (LOWER None: a form no pattern names or matches)."""
        tag, lower, dep, space = key
        return {
            "TAG": self.strings[tag],
            "LOWER": self.strings[lower] if lower else None,
            "DEP": self.strings[dep],
            "IS_SPACE": bool(space),
        }

    def _matching(self, key: Key) -> Applied:
        """The patterns of one token a token with this key matches, in order, with what each sets."""
        token = self._token(key)
        return [
            (number, attrs)
            for number, (tokens, _, attrs) in enumerate(self.patterns)
            if any(len(alt) == 1 and _matches(alt[0], token) for alt in tokens)
        ]

    def _spanning(self, keys: list[Key], starting: list[list[int]]) -> dict[int, Applied]:
        """What the patterns over several tokens set, by token (rare: "gon na", "there are"); `starting`
        holds, per token, the patterns whose first token it matches."""
        found: dict[int, Applied] = defaultdict(list)
        for start, numbers in enumerate(starting):
            for number in numbers:
                tokens, index, attrs = self.patterns[number]
                for alt in tokens:
                    end = start + len(alt)
                    if (
                        len(alt) > 1
                        and end <= len(keys)
                        and all(_matches(test, self._token(keys[start + n])) for n, test in enumerate(alt))
                    ):
                        found[(start if index >= 0 else end) + index].append((number, attrs))
        return found


def _rules(ruler: AttributeRuler) -> list[dict[str, Any]]:
    """The ruler's patterns in the order it applies them: token tests, what they set, at which token."""
    return cast(list[dict[str, Any]], ruler.patterns)


def _merged(applied: Applied) -> tuple[tuple[int, int], ...]:
    """What patterns applied in order leave set: the last value for each column."""
    final: dict[int, int] = {}
    for _, attrs in applied:
        final.update(attrs)
    return tuple(final.items())


def _words(test: Any) -> list[str]:
    """The lower-case forms a LOWER test names."""
    if isinstance(test, str):
        return [test]
    return list(test.get("IN", [])) + list(test.get("NOT_IN", [])) if isinstance(test, dict) else []


def _matches(tests: dict[str, Any], token: dict[str, Any]) -> bool:
    return all(_holds(test, token[name]) for name, test in tests.items())


def _holds(test: Any, value: Any) -> bool:
    """A Matcher token test on one attribute's value (None: a word no pattern names or matches)."""
    if not isinstance(test, dict):
        return bool(test == value)
    if "IN" in test and value not in test["IN"]:
        return False
    if "NOT_IN" in test and value in test["NOT_IN"]:
        return False
    return "REGEX" not in test or (value is not None and re.search(test["REGEX"], value) is not None)


_COLUMN = {name: n for n, name in enumerate(SET)}


@Language.factory("communique_attributes", assigns=[f"token.{name.lower()}" for name in SET])
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """Built after the model's `attribute_ruler`, from its patterns (the pipeline then drops the ruler)."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return AttributeTable(ruler)
