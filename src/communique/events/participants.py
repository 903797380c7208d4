"""The trained participant tagger: which words of a sentence are its event's source, target, or
reciprocal parties (ConfliBERT's word tags), for sentences whose grammar the coder cannot read."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .classifier import TrainedModel

PARTICIPANT_LABELS = {"S": "SOURCE", "T": "TARGET", "R": "RECIPROCAL"}  # word-tag letter -> span label


class ParticipantTagger(TrainedModel):
    """Source, target and reciprocal spans of a sentence, as token ranges of that sentence."""

    component = "ner"

    def spans(self, sentence: Span) -> list[tuple[int, int, str]]:
        """(start, end, label) token offsets into the document `sentence` belongs to."""
        doc = self.nlp(Doc(self.nlp.vocab, words=[t.text for t in sentence]))
        return [(sentence.start + s.start, sentence.start + s.end, s.label_) for s in doc.ents]
