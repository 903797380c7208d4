"""`communique train` on a stream set: the event decision, learnt from whole annotated articles.

A stream set (`docs.jsonl`, `sentences.jsonl`, `gold.jsonl`, as `shared/devsets/stream_dev`) annotates
every sentence of each article, those with no event too: the negatives the sentence benchmarks lack.
The pipeline proposes its events on each article (with no decision), each proposal is labelled by
the stream scorer's own matching — `reported` when its sentence holds a gold event of its quad class
(asserted where the proposal is), `right` when that event also has its source and target country —
and two logistic models learn them. Cross-validation by article (an article's proposals are never
judged by a model that saw it), repeated over several assignments of articles to folds, measures the
whole stream score out of fold, calibrates each head (Platt scaling on the out-of-fold scores), and
picks `keep_at`; then both heads are fitted on every article and written with a notice. No text is
stored: the features are grammar and actor facts.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language

from . import __version__
from .errors import TrainingError
from .events.decision import (
    DECISION,
    HEADS,
    Decision,
    Features,
    Logistic,
    Proposal,
    decide,
)
from .events.repeats import merge_repeats
from .model import Event
from .pipeline import parse
from .stream_score import Scored, StreamSet, gold_side, modality, quad, score, side

Progress = Callable[[str], None]
L2 = 1.0  # the penalty on each weight (a few hundred proposals train it; 0.5-8 measured alike out of fold)
KEEP_AT = tuple(n / 20 for n in range(1, 13))  # the cuts the cross-validation tries: 0.05 ... 0.6
PRECISION_WEIGHT = 0.5  # the cut maximises F-beta with this beta: precision counts twice as much as recall
TRUSTED, TRUST_SUPPORT = 0.8, 10  # a confidence cut worth counting relations at: 80% right, on 10 events or more
Heads = tuple[Logistic, Logistic]  # (reported, right)
REPEATS = 5  # fold assignments the cross-validation averages over: on 46 articles one assignment's figures swing


@dataclass(frozen=True)
class Judged:
    """One proposal of a stream article with what the annotation says of it."""

    article: str
    proposal: Proposal
    headline: bool
    labels: tuple[int, int]  # (reported, right)

    @property
    def features(self) -> Features:
        return self.proposal.features


def stream_proposals(nlp: Language, stream: StreamSet, progress: Progress) -> list[Judged]:
    """Every event the pipeline (run with no decision) proposes in the stream's articles, labelled."""
    if nlp.meta["communique"]["events"].get("decision"):
        raise TrainingError("E023", source="[events] decision", detail="train the decision with none configured")
    articles = stream.articles()
    judged: list[Judged] = []
    for n, article in enumerate(articles, 1):
        doc, title = parse(nlp, [article])[0]
        sentences = stream.sentences.get(article.id, [])
        for proposal in doc._.proposals:
            event = proposal.event
            where = next((s["sent"] for s in sentences if s["start"] <= event.start < s["end"]), None)
            gold = stream.gold.get((article.id, where), []) if where is not None else []
            judged.append(Judged(article.id, proposal, False, labels_of(event, gold)))
        judged.extend(Judged(article.id, p, True, (0, 0)) for p in (title._.proposals if title is not None else []))
        progress(f"article {n}/{len(articles)}")
    return judged


def labels_of(event: Event, gold: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """(reported, right) for a proposed event against its sentence's gold events, by the scorer's rules."""
    asserted = modality(event.modality) == "asserted"
    same = [
        g
        for g in gold
        if quad(g["cameo"]) == quad(event.cameo) and (modality(g.get("modality")) == "asserted") == asserted
    ]
    sides = (side(event.source), side(event.target))
    right = any((gold_side(g.get("source")), gold_side(g.get("target"))) == sides for g in same)
    return int(bool(same)), int(right)


@dataclass(frozen=True)
class Settings:
    folds: int = 5
    seed: int = 0  # the first fold assignment's; repeat r shuffles with seed + r
    l2: float = L2
    repeats: int = REPEATS


def train_decision(
    nlp: Language, folder: Path, licence: str, output: Path, settings: Settings, progress: Progress
) -> dict[str, Any]:
    """Cross-validate by article, calibrate, pick the cut, fit on everything, write the model folder; then the
    whole procedure again on each half of the articles, scored on the other half."""
    try:
        stream = StreamSet.read(folder)
    except (OSError, ValueError, KeyError) as error:
        raise TrainingError("E023", source=str(folder), detail=f"not a stream set ({error})") from error
    judged = stream_proposals(nlp, stream, progress)
    fitted = fit_decision(stream, judged, settings)
    scored = fitted.cuts[fitted.keep_at]
    trust_at = trusted_cut(scored.tables["confidence at least"])
    halves = [found for half in (1, 2) if (found := by_half(stream, judged, settings, half)) is not None]
    progress("written")
    meta = {
        "name": "event-decision",
        "task": "decision",
        "backend": "logistic",
        "language": "en",
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "communique": __version__,
        "keep_at": fitted.keep_at,
        "trust_at": trust_at,
        "settings": dict(settings.__dict__),
        "training_files": [_set_file(folder, licence, len(stream.docs), fitted.proposals)],
        "cross_validation": {
            "folds": settings.folds,
            "by": "article",
            "articles": len(stream.docs),
            "proposals": fitted.proposals,
            "figures": {name: round(value, 4) for name, value in scored.figures.items()},
            "by_cut": {str(cut): _headline(s.figures) for cut, s in fitted.cuts.items()},
            "two_fold": scored.tables["two-fold by article"],
            "reliability": scored.tables["reliability of confidence"],
            "confidence_at_least": scored.tables["confidence at least"],
        },
        "trained_on_one_half": halves,
    }
    output.mkdir(parents=True, exist_ok=True)
    body = {
        "keep_at": fitted.keep_at,
        **{head: model.to_dict() for head, model in zip(HEADS, fitted.heads, strict=True)},
    }
    (output / DECISION).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    (output / "communique-model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (output / "NOTICE.md").write_text(notice(meta), encoding="utf-8")
    return meta


@dataclass(frozen=True)
class Fitted:
    """A decision learnt from some articles: its calibrated heads, its cut, and the out-of-fold scores at each cut."""

    heads: Heads
    keep_at: float
    cuts: dict[float, Scored]
    proposals: int


def fit_decision(stream: StreamSet, judged: Sequence[Judged], settings: Settings) -> Fitted:
    """Cross-validation by article on `stream`'s articles, once for each of `settings.repeats` assignments of
    articles to folds: the figures at each cut are the mean over the assignments (the tables the first one's) and
    the cut is chosen on them, so no one lucky split picks it; both heads are then fitted on every article and
    calibrated on the out-of-fold scores of every assignment."""
    learnt = [j for j in judged if not j.headline]
    if sum(j.labels[0] for j in learnt) < settings.folds or len({j.article for j in learnt}) < settings.folds:
        raise TrainingError("E023", source="the stream set", detail="too few articles or reported events to train on")
    articles = sorted({j.article for j in judged})
    runs = [
        cross_validate(stream, judged, article_folds(articles, settings.folds, settings.seed + r), settings)
        for r in range(settings.repeats)
    ]
    cuts = {cut: Scored(_mean([run.cuts[cut].figures for run in runs]), runs[0].cuts[cut].tables) for cut in KEEP_AT}
    calibration = platt_heads([pair for run in runs for pair in run.held])
    reported, right = (calibrated(head, calibration[h]) for h, head in enumerate(fit_heads(learnt, settings.l2)))
    return Fitted((reported, right), choose_cut(cuts), cuts, len(learnt))


@dataclass(frozen=True)
class Run:
    """One cross-validation: the out-of-fold stream score at each cut, and each proposal with the uncalibrated
    heads of the fold that never saw its article."""

    cuts: dict[float, Scored]
    held: list[tuple[Heads, Judged]]


def cross_validate(stream: StreamSet, judged: Sequence[Judged], fold_of: dict[str, int], settings: Settings) -> Run:
    """Heads fitted without each fold, Platt-calibrated on the scores they give the fold they left out."""
    learnt = [j for j in judged if not j.headline]
    raw = [fit_heads([j for j in learnt if fold_of[j.article] != fold], settings.l2) for fold in range(settings.folds)]
    held = [(raw[fold_of[j.article]], j) for j in learnt]
    calibration = platt_heads(held)
    folds = [(calibrated(reported, calibration[0]), calibrated(right, calibration[1])) for reported, right in raw]
    return Run({cut: out_of_fold(stream, judged, folds, fold_of, cut) for cut in KEEP_AT}, held)


def platt_heads(held: Sequence[tuple[Heads, Judged]]) -> list[tuple[float, float]]:
    """Each head's Platt calibration, from the scores held-out heads gave and what the annotation says."""
    return [platt([heads[h].score(j.features) for heads, j in held], [j.labels[h] for _, j in held]) for h in (0, 1)]


def _mean(figures: Sequence[dict[str, float]]) -> dict[str, float]:
    return {name: sum(f[name] for f in figures) / len(figures) for name in figures[0]}


def by_half(stream: StreamSet, judged: Sequence[Judged], settings: Settings, half: int) -> dict[str, Any] | None:
    """The whole procedure (cross-validation, calibration, cut) on the articles outside `half`, scored on
    `half`: how a decision tuned on some articles does on others; beside it, that half with no decision
    (None where the other half is too small to train on)."""
    held = {d["id"] for d in stream.docs if stream.half(d["id"]) == half}
    learnt = [j for j in judged if j.article not in held]
    try:
        fitted = fit_decision(stream.only({j.article for j in learnt}), learnt, settings)
    except TrainingError:
        return None
    decision = Decision(*fitted.heads, keep_at=fitted.keep_at, resources={})
    unseen = [j for j in judged if j.article in held]
    figures = {
        "decision": score(stream.only(held), coded(unseen, decision)).figures,
        "no decision": score(stream.only(held), coded(unseen, None)).figures,
    }
    return {"scored_half": half, "keep_at": fitted.keep_at} | {
        name: _headline(values) for name, values in figures.items()
    }


def trusted_cut(rows: Sequence[dict[str, Any]]) -> float | None:
    """The lowest `min_confidence` at which, out of fold, at least `TRUSTED` of the events kept are right with
    both sides, over at least `TRUST_SUPPORT` events (None: no cut is that sure on this data)."""
    return next((row["cut"] for row in rows if row["events"] >= TRUST_SUPPORT and row["right"] >= TRUSTED), None)


def article_folds(articles: Sequence[str], folds: int, seed: int) -> dict[str, int]:
    """A fold for each article (seeded shuffle, then round robin): an article's proposals stay together."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    return {article: n % folds for n, article in enumerate(order)}


def fit_heads(learnt: Sequence[Judged], l2: float) -> Heads:
    rows = [j.features for j in learnt]
    reported = fit_logistic(rows, [j.labels[0] for j in learnt], l2=l2)
    right = fit_logistic(rows, [j.labels[1] for j in learnt], l2=l2)
    return reported, right


def calibrated(head: Logistic, calibration: tuple[float, float]) -> Logistic:
    return Logistic(head.weights, head.bias, *calibration)


def out_of_fold(
    stream: StreamSet,
    judged: Sequence[Judged],
    folds: Sequence[Heads],
    fold_of: dict[str, int],
    keep_at: float,
) -> Scored:
    """The stream score of the articles, each coded with the decision of the fold that never saw it."""
    events: dict[str, list[Event]] = {}
    for fold, heads in enumerate(folds):
        decision = Decision(*heads, keep_at=keep_at, resources={})
        events |= coded([j for j in judged if fold_of[j.article] == fold], decision)
    return score(stream, events)


def coded(judged: Sequence[Judged], decision: Decision | None) -> dict[str, list[Event]]:
    """Each article's events as the pipeline would store them, with `decision` judging its proposals."""
    by_article: dict[str, list[Judged]] = {}
    for j in judged:
        by_article.setdefault(j.article, []).append(j)
    events: dict[str, list[Event]] = {}
    for article, mine in by_article.items():
        text = decide([j.proposal for j in mine if not j.headline], decision)
        title = decide([j.proposal for j in mine if j.headline], decision)
        events[article] = merge_repeats([e.model_copy(update={"part": "title"}) for e in title] + text)
    return events


def choose_cut(cuts: dict[float, Any]) -> float:
    """The cut with the best out-of-fold F-beta (`PRECISION_WEIGHT`): a false event costs a user more than a miss."""

    def f_beta(cut: float) -> float:
        precision, recall = cuts[cut].figures["stream_precision"], cuts[cut].figures["stream_recall"]
        beta2 = PRECISION_WEIGHT**2
        return (1 + beta2) * precision * recall / (beta2 * precision + recall) if precision + recall else 0.0

    return max(cuts, key=lambda cut: (f_beta(cut), -cut))  # of equals, the cut that keeps more


def _headline(figures: dict[str, float]) -> dict[str, float]:
    names = ("precision", "triple_precision", "dyad_precision", "recall", "false_per_100")
    return {name: round(figures[f"stream_{name}"], 4) for name in names}


def _set_file(folder: Path, licence: str, articles: int, proposals: int) -> dict[str, Any]:
    digest = hashlib.sha256()
    for name in ("docs.jsonl", "sentences.jsonl", "gold.jsonl"):
        digest.update((folder / name).read_bytes())
    return {
        "file": folder.name,
        "sha256": digest.hexdigest(),
        "articles": articles,
        "proposals": proposals,
        "licence": licence,
    }


def notice(meta: dict[str, Any]) -> str:
    cv = meta["cross_validation"]
    figures = cv["figures"]
    lines = [
        f"# {meta['name']} ({meta['trained']})",
        "",
        f"Two logistic models over grammar and actor features (no words of any text), trained by `communique train` "
        f"{meta['communique']} (seed {meta['settings']['seed']}) on:",
        "",
        *(
            f"- `{f['file']}` ({f['articles']} articles, {f['proposals']} proposed events, sha256 {f['sha256'][:12]}): "
            f"{f['licence']}"
            for f in meta["training_files"]
        ),
        "",
        f"{cv['folds']}-fold cross-validation by article (the mean of {meta['settings']['repeats']} assignments of "
        f"articles to folds), cut keep_at {meta['keep_at']}: stream precision "
        f"{figures['stream_precision']:.3f}, triple precision {figures['stream_triple_precision']:.3f}, "
        f"recall {figures['stream_recall']:.3f}, {figures['stream_false_per_100']:.1f} false events per 100 sentences "
        "that report none.",
        "",
    ]
    return "\n".join(lines)


def fit_logistic(rows: Sequence[Features], labels: Sequence[int], *, l2: float) -> Logistic:
    """Maximum-likelihood logistic weights with an L2 penalty (not on the bias): deterministic."""
    names = sorted({name for row in rows for name in row})
    index = {name: i for i, name in enumerate(names)}
    x = numpy.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for r, row in enumerate(rows):
        for name, value in row.items():
            x[r, index[name]] = value
    penalty = numpy.full(len(names) + 1, l2)
    penalty[-1] = 0.0
    beta = _newton(x, numpy.asarray(labels, dtype=float), penalty, numpy.zeros(len(names) + 1))
    return Logistic({name: float(beta[i]) for name, i in index.items()}, float(beta[-1]))


def platt(scores: Sequence[float], labels: Sequence[int], *, prior: float = 1.0) -> tuple[float, float]:
    """The (scale, shift) that calibrate raw scores into probabilities (Platt 1999, with his smoothed targets),
    pulled towards the identity (1, 0) by `prior`, so that a few scores cannot send them to infinity."""
    positives = sum(labels)
    high, low = (positives + 1) / (positives + 2), 1 / (len(labels) - positives + 2)
    targets = numpy.where(numpy.asarray(labels) > 0, high, low)
    x = numpy.column_stack([numpy.asarray(scores, dtype=float), numpy.ones(len(scores))])
    scale, shift = _newton(x, targets, numpy.full(2, prior), numpy.array([1.0, 0.0]))
    return float(scale), float(shift)


def _newton(x: numpy.ndarray, y: numpy.ndarray, penalty: numpy.ndarray, centre: numpy.ndarray) -> numpy.ndarray:
    """The logistic coefficients minimising log loss plus penalty * (beta - centre)^2 / 2, by Newton's method."""
    beta = centre.copy()
    for _ in range(100):
        p = 0.5 * (1 + numpy.tanh(x @ beta / 2))  # the sigmoid, with no overflow
        gradient = x.T @ (p - y) + penalty * (beta - centre)
        hessian = (x * (p * (1 - p))[:, None]).T @ x + numpy.diag(penalty + 1e-9)
        step = numpy.linalg.solve(hessian, gradient)
        beta -= step
        if numpy.abs(step).max() < 1e-10:
            break
    return beta
