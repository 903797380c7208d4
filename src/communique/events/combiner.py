"""Where the trained classifier meets the patterns.

The lexicon proposes events; the classifier's verdict on their sentence (a probability for each of
its labels: quad classes or PLOVER types, `labels.Scheme`) confirms them, overrules the ones it
contradicts with high confidence, or, where no pattern matched, lets a verb of the sentence be coded
by the model. Each event says which coded it (`coded_by`) and how sure the model was of its label
(`confidence`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .coding import Coding
from .labels import Scheme
from .ontology import CameoCode


@dataclass(frozen=True)
class Verdict:
    """The classifier's probabilities for one sentence, one for each of its scheme's labels."""

    probabilities: tuple[float, ...]
    scheme: Scheme

    @property
    def label(self) -> str:
        return self.scheme.labels[self.probabilities.index(self.confidence)]

    @property
    def confidence(self) -> float:
        return max(self.probabilities)

    def probability(self, label: str | None) -> float:
        """The probability of a label (0 for one the model does not know)."""
        labels = self.scheme.labels
        return self.probabilities[labels.index(label)] if label in labels else 0.0


@dataclass(frozen=True)
class Policy:
    """How sure the model must be (strictly above) to overrule a pattern, or to code a sentence no
    pattern coded; 1.0 never does."""

    overrule_at: float
    fill_at: float


Tag = Callable[[Span], list[tuple[int, int, str]]]  # a sentence's participant spans (participants.py)


@dataclass(frozen=True)
class Judgement:
    """What the trained models bring to one document: the classifier's verdicts on its sentences by
    number, the policy joining them to the patterns, and the participant tagger (if configured)."""

    verdicts: Mapping[int, Verdict]
    policy: Policy
    tag: Tag | None = None


Recode = Callable[[Token, str], CameoCode | None]  # a verb's reading under a label, if it has one


def combine(
    codings: list[Coding], verdict: Verdict, policy: Policy, *, recode: Recode, fill: Callable[[], Iterable[Coding]]
) -> list[Coding]:
    """The sentence's events after the model's verdict (see the module docstring)."""
    holds_event = verdict.scheme.holds_event(verdict.label)
    if not codings:
        if not holds_event or verdict.confidence <= policy.fill_at:
            return []
        return [replace(c, coded_by="model", confidence=verdict.confidence) for c in fill()]
    judged = []
    for coding in codings:
        label = verdict.scheme.label_of(coding.entry.code)
        if label == verdict.label:
            judged.append(replace(coding, coded_by="both", confidence=verdict.confidence))
        elif verdict.confidence <= policy.overrule_at:
            judged.append(replace(coding, confidence=verdict.probability(label)))
        elif holds_event:
            entry = recode(coding.verb, verdict.label)
            if entry is not None:
                judged.append(replace(coding, entry=entry, coded_by="model", confidence=verdict.confidence))
    return judged
