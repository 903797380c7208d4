"""Whether the text really reports an event the patterns or the classifier proposed.

Verb patterns and the sentence classifier propose events; most sentences of a news stream hold none,
and a proposal says nothing of that. The decision reads each proposal as a handful of general
features — who coded it and how sure the classifier was, whether its sides are the trigger's own
arguments and political actors, its modality, its clause, and how political the whole article is
(a match report names no government) — and a logistic model learnt from whole annotated articles
(`communique train` on a stream set) turns them into two calibrated probabilities: that the sentence
reports an event of that class (`reported`: below `keep_at`, the proposal is dropped), and that the
event is right with both its sides (`right`: the event's `confidence`).

No word of any training sentence is a feature, nor the event's class (how much of the news is conflict is a
matter of the news, not of the text): the model knows grammar and actors, not vocabulary.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span, Token

from ..actors.table import ActorTable
from ..clauses import clauses_of
from ..dictionaries.sources import SourceReader
from ..errors import ConfigError
from ..model import Actor, Event
from .coding import Coding, Side
from .combiner import Verdict

Features = dict[str, float]

DECISION = "decision.json"
# Sectors of actors whose acts are politics (CAMEO's actor codebook): a side of one of these, or a state.
POLITICAL_SECTORS = frozenset("GOV MIL REB OPP PTY COP JUD SPY LEG ELI INS UAF IGO NGO HRI".split())
SUBORDINATE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "pcomp", "csubj"})
MODALITIES = ("asserted", "intended", "planned", "negated", "hypothetical")
HEADS = ("reported", "right")


class Proposal(NamedTuple):
    """An event as proposed, with the features the decision reads."""

    event: Event
    features: Features


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says about how political it is, read once per document."""

    political_share: float  # of sentences naming a political actor
    countries: int  # distinct countries its actors belong to
    sentences: int

    @classmethod
    def of(cls, doc: Doc, table: ActorTable) -> ArticleContext:
        sentences = list(doc.sents)
        political = sum(1 for sent in sentences if any(_political(table.get(table.by_token.get(t.i))) for t in sent))
        countries = {a.country for a in table.actors if a.country}
        return cls(political / max(1, len(sentences)), len(countries), len(sentences))


def _political(actor: Actor | None) -> bool:
    if actor is None:
        return False
    return actor.kind == "country" or (actor.sector or "") in POLITICAL_SECTORS or actor.code.startswith("IGO")


def candidate_features(
    coding: Coding,
    sent: Span,
    number: int,
    table: ActorTable,
    verdict: Verdict | None,
    article: ArticleContext,
    *,
    claimed: bool,
    modality: str,
) -> Features:
    """The features of one proposed event (the verb `coding.verb` in sentence `number`)."""
    verb = coding.verb
    label = verdict.scheme.label_of(coding.entry.code) if verdict else None
    features: Features = {
        f"coded_by_{coding.coded_by}": 1.0,
        f"modality_{modality}": 1.0,
        "label_probability": verdict.probability(label) if verdict else 0.0,
        "label_is_verdict": float(verdict is not None and label == verdict.label),
        "statement_probability": verdict.probabilities[0] if verdict else 0.0,
        "no_verdict": float(verdict is None),
        "trigger_noun": float(verb.pos_ in ("NOUN", "PROPN")),
        "trigger_past": float(verb.tag_ in ("VBD", "VBN")),
        "trigger_present": float(verb.tag_ in ("VBZ", "VBP")),
        "trigger_gerund": float(verb.tag_ == "VBG"),
        "trigger_root": float(verb.dep_ == "ROOT"),
        "trigger_subordinate": float(verb.dep_ in SUBORDINATE_DEPS),
        "claimed": float(claimed),
        "first_sentence": float(number == 0),
        "sentence_words": min(len(sent), 80) / 40,
        "sentence_actors": min(len({table.by_token[t.i] for t in sent if t.i in table.by_token}), 8) / 4,
        "sentence_quoted": float(any(t.text in ('"', "“", "”") for t in sent)),
        "article_political": article.political_share,
        "article_countries": math.log1p(article.countries),
        "article_short": float(article.sentences < 6),
    }
    clauses = clauses_of(sent.doc)
    own = clauses[verb.i]
    chain = list(clauses.chain(verb.i))
    features["trigger_reported"] = float(next(clauses.reporters(verb), None) is not None)
    features["trigger_condition"] = float(any(c.condition for c in chain))
    features["trigger_future"] = float(own.tense == "future")
    subjects = {i for c in chain for i in (c.subject, c.patient) if i is not None}
    features.update(_side_features("source", coding.source, verb, sent, table, subjects))
    features["source_inherited"] = float(
        features.get("source_argument", 0.0) == 1.0 and own.subject is None and own.patient is None
    )
    if coding.target is None:
        features["target_none"] = 1.0
    else:
        objects = {*own.objects, *own.obliques, *([own.patient] if own.patient is not None else [])}
        features.update(_side_features("target", coding.target, verb, sent, table, objects))
        features["same_country"] = float(
            coding.source.country is not None and coding.source.country == coding.target.country
        )
    return {name: value for name, value in features.items() if value}


def _side_features(name: str, side: Side, verb: Token, sent: Span, table: ActorTable, arguments: set[int]) -> Features:
    """Who a side is and how it hangs on the trigger: one of `arguments` (token indexes of its clause
    frame), a word of one ('Israeli' in 'Israeli troops'), or an actor named elsewhere."""
    actor = table.get(side.actor)
    tokens = [t for t in sent if side.actor is not None and table.by_token.get(t.i) == side.actor]
    hops = min((_hops(t, verb) for t in tokens), default=None)
    return {
        f"{name}_country": float(side.country is not None),
        f"{name}_political": float(_political(actor) or (side.sector or "") in POLITICAL_SECTORS),
        f"{name}_person": float(actor is not None and actor.kind == "person"),
        f"{name}_place": float(actor is not None and actor.kind in ("country", "region") and not side.sector),
        f"{name}_outside_sentence": float(not tokens),
        f"{name}_argument": float(any(_in_argument(t, arguments) for t in tokens)),
        f"{name}_far": float(hops is None or hops > 3),
        f"{name}_place_mention": float(any(t.i in table.places for t in tokens)),
    }


def _in_argument(token: Token, arguments: set[int]) -> bool:
    """The token is an argument, a conjunct of one, or words inside one ('Iran's army', 'troops from Chad')."""
    return any(t.i in arguments or any(c.i in arguments for c in t.conjuncts) for t in [token, *token.ancestors][:3])


def _hops(token: Token, verb: Token) -> int:
    """How many heads up from `token` the trigger is (99: not above it)."""
    for hops, ancestor in enumerate(token.ancestors, start=1):
        if ancestor.i == verb.i:
            return hops
    return 99


@dataclass(frozen=True)
class Logistic:
    """A logistic model over named features, with Platt scaling fitted on out-of-fold scores."""

    weights: Mapping[str, float]
    bias: float
    scale: float = 1.0  # Platt: p = sigmoid(scale * score + shift)
    shift: float = 0.0

    def score(self, features: Features) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Features) -> float:
        return _sigmoid(self.scale * self.score(features) + self.shift)

    def to_dict(self) -> dict[str, Any]:
        weights = {name: round(w, 6) for name, w in sorted(self.weights.items())}
        return {
            "weights": weights,
            "bias": round(self.bias, 6),
            "scale": round(self.scale, 6),
            "shift": round(self.shift, 6),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Logistic:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["scale"]), float(data["shift"]))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


@dataclass(frozen=True)
class Decision:
    """A decision model folder: the `reported` and `right` heads and where to cut."""

    reported: Logistic
    right: Logistic
    keep_at: float
    resources: dict[str, str]

    def judge(self, event: Event, features: Features) -> float | None:
        """The event's confidence (the probability it is right), or None where an asserted event is not
        reported. An announced, negated or hypothetical event is kept: its modality already says it did not
        happen, and relations do not count it."""
        if event.modality == "asserted" and self.reported.probability(features) < self.keep_at:
            return None
        return self.right.probability(features)


def decide(proposals: Sequence[Proposal], decision: Decision | None) -> list[Event]:
    """The proposed events the decision keeps, each with its confidence (all of them, unchanged, without one)."""
    if decision is None:
        return [proposal.event for proposal in proposals]
    kept: list[Event] = []
    for event, features in proposals:
        confidence = decision.judge(event, features)
        if confidence is not None:
            kept.append(event.model_copy(update={"id": f"e{len(kept) + 1}", "confidence": round(confidence, 3)}))
    return kept


def load_decision(source: str) -> Decision:
    """The decision model of a folder written by `communique train` on a stream set, with the cut it chose."""
    reader = SourceReader()
    path = reader.folder(source, inside=DECISION)
    try:
        data = json.loads((path / DECISION).read_text(encoding="utf-8"))
        reported, right = (Logistic.from_dict(data[head]) for head in HEADS)
        keep_at = float(data["keep_at"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError("E022", source=source, detail=f"{DECISION} is not a decision model ({error})") from error
    return Decision(reported, right, keep_at=keep_at, resources=reader.hashes)
