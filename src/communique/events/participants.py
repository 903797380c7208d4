"""The trained participant tagger: which words of a sentence are its event's source, target, or
reciprocal parties (ConfliBERT's word tags), for sentences whose grammar the coder cannot read."""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Doc, Span

from .classifier import TrainedModel, load_trained


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
