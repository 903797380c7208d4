"""The trained participant tagger: which words of a sentence are its event's source, target, or
reciprocal parties (ConfliBERT's word tags), for sentences whose grammar the coder cannot read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span

from .classifier import TrainedModel, load_trained

PARTICIPANT_LABELS = {"S": "SOURCE", "T": "TARGET", "R": "RECIPROCAL"}  # word-tag letter -> span label
WORD_TAGS = ("O", *(f"{part}-{label}" for label in PARTICIPANT_LABELS.values() for part in "BI"))


class Tagger(Protocol):
    """What the event stage asks of a participant tagger, whatever its backend."""

    resources: dict[str, str]

    def spans(self, sentence: Span) -> list[tuple[int, int, str]]:
        """(start, end, label) token offsets into the document `sentence` belongs to."""


def load_tagger(source: str) -> Tagger:
    """The participant tagger of a model folder, with the backend it was trained with."""
    tagger: Tagger = load_trained(source, ParticipantTagger, "TransformerTagger")
    return tagger


class ParticipantTagger(TrainedModel):
    """Source, target and reciprocal spans of a sentence from a spaCy `ner`."""

    component = "ner"

    def spans(self, sentence: Span) -> list[tuple[int, int, str]]:
        """(start, end, label) token offsets into the document `sentence` belongs to."""
        doc = self.nlp(Doc(self.nlp.vocab, words=[t.text for t in sentence]))
        return [(sentence.start + s.start, sentence.start + s.end, s.label_) for s in doc.ents]


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
