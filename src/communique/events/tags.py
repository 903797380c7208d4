"""ConfliBERT's word tags for an event's participants: reading its files, and the spans the tags mark.

Shared by the tagger, its training and its evaluation; it imports nothing of theirs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PARTICIPANT_LABELS = {"S": "SOURCE", "T": "TARGET", "R": "RECIPROCAL"}  # word-tag letter -> span label
WORD_TAGS = ("O", *(f"{part}-{label}" for label in PARTICIPANT_LABELS.values() for part in "BI"))


@dataclass(frozen=True)
class Tagged:
    """A sentence's words and their BIO tags (S source, T target, R reciprocal): what the participant tagger learns."""

    words: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def read_tagged(text: str) -> list[Tagged]:
    """ConfliBERT's word-tag files: 'word TAG' lines, a blank line between sentences."""
    sentences: list[Tagged] = []
    words: list[str] = []
    tags: list[str] = []
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if not line.strip():
            if words:
                sentences.append(Tagged(tuple(words), tuple(tags)))
            words, tags = [], []
            continue
        word, _, tag = line.rstrip().rpartition(" ")
        if not word or not re.fullmatch(r"O|[BI]-[STR]", tag):
            raise ValueError(f"line {number} is not 'word TAG' with TAG O, B-S, I-S, B-T, I-T, B-R or I-R")
        words.append(word)
        tags.append(tag)
    return sentences


def tagged_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """The (start, end, label) word spans of BIO tags ('B-SOURCE', 'I-SOURCE', 'O'); an 'I-' tag that
    follows no span of its label starts one."""
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        part, _, label = tag.partition("-")
        if part == "I" and spans and spans[-1][1] == i and spans[-1][2] == label:
            spans[-1] = (spans[-1][0], i + 1, label)
        elif part in ("B", "I"):
            spans.append((i, i + 1, label))
    return spans
