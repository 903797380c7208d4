"""Events scored on whole articles where every sentence is annotated, with events or with none (stream_dev).

The figures are those of `shared/tools/score_dev.py stream`, computed the same way: events of CAMEO
roots 02-20 from the text (statements and headlines left out), each matched one to one with a gold
event of its sentence; asserted events for the headline figures, as relations count them. Beyond
them, where the false events come from: by quad class, by what coded them (pattern, model, both),
by kind of error, by half of the articles (the two halves of a fixed split, so a rule fitted to
one half shows its gap on the other), a reliability table of the events' `confidence`, and how many
events each `min_confidence` would keep and how many of those are right with both sides (#22).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Article, Event

Key = tuple[str, int]  # (article id, sentence number)
CONFIDENCE_BINS = 5
CONFIDENCE_CUTS = tuple(n / 10 for n in range(1, 10))  # what relations would count at each `min_confidence`
QUAD_COUNTS = ("gold", "found", "predicted", "right")  # the by-quad columns, in every row alike


@dataclass
class StreamSet:
    """The articles, their sentences and the gold events of each sentence (roots 02-20)."""

    docs: list[dict[str, Any]]
    sentences: dict[str, list[dict[str, Any]]]
    gold: dict[Key, list[dict[str, Any]]]

    @classmethod
    def read(cls, folder: Path) -> StreamSet:
        docs = [json.loads(line) for line in (folder / "docs.jsonl").read_text("utf-8").splitlines() if line]
        sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for line in (folder / "sentences.jsonl").read_text("utf-8").splitlines():
            if line:
                sentence = json.loads(line)
                sentences[sentence["doc"]].append(sentence)
        gold = {}
        for line in (folder / "gold.jsonl").read_text("utf-8").splitlines():
            if line:
                row = json.loads(line)
                events = [e for e in row["events"] if quad(e.get("cameo")) and str(e["cameo"])[:2] != "01"]
                gold[(row["doc"], row["sent"])] = events
        return cls(docs, dict(sentences), gold)

    def articles(self) -> list[Article]:
        """The set's articles, as the pipeline codes them (with their title, date and outlet)."""
        fields = ("title", "date", "outlet")
        return [Article(id=d["id"], text=d["text"], **{k: d[k] for k in fields if d.get(k)}) for d in self.docs]

    def only(self, articles: set[str]) -> StreamSet:
        """The same set restricted to `articles`: one half scored alone, its gold only."""
        return StreamSet(
            [d for d in self.docs if d["id"] in articles],
            {doc: sentences for doc, sentences in self.sentences.items() if doc in articles},
            {key: events for key, events in self.gold.items() if key[0] in articles},
        )

    def half(self, doc: str) -> int:
        """Which half of the fixed two-fold split by article an article falls in (1 or 2)."""
        return 1 + int(hashlib.sha256(doc.encode()).hexdigest(), 16) % 2


@dataclass
class Tally:
    """Counts behind the stream figures, for all articles or a part of them."""

    predicted: int = 0
    right_class: int = 0
    right_triple: int = 0
    dyadic: int = 0
    right_dyad: int = 0
    gold: int = 0
    found: int = 0
    found_triple: int = 0
    empty: int = 0
    false_in_empty: int = 0
    modality_judged: int = 0
    modality_right: int = 0

    def figures(self, prefix: str = "stream") -> dict[str, float]:
        precision, recall = _ratio(self.right_class, self.predicted), _ratio(self.found, self.gold)
        return {
            f"{prefix}_precision": precision,
            f"{prefix}_triple_precision": _ratio(self.right_triple, self.predicted),
            f"{prefix}_dyad_precision": _ratio(self.right_dyad, self.dyadic),
            f"{prefix}_recall": recall,
            f"{prefix}_triple_recall": _ratio(self.found_triple, self.gold),
            f"{prefix}_f1": _ratio(2 * precision * recall, precision + recall),
            f"{prefix}_false_per_100": 100 * _ratio(self.false_in_empty, self.empty),
            f"{prefix}_modality_accuracy": _ratio(self.modality_right, self.modality_judged),
        }


@dataclass
class Scored:
    """The stream's figures, its breakdowns (tables of rows) and the lines a person should read."""

    figures: dict[str, float] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def score(stream: StreamSet, coded: Mapping[str, Sequence[Event]]) -> Scored:
    """Match each coded event (by article id) to a gold event of its sentence, as score_dev.py does, and
    break the result down."""
    predicted = _by_sentence(stream, coded)
    total, halves = Tally(), {1: Tally(), 2: Tally()}
    by_quad: dict[int, Counter[str]] = defaultdict(Counter)
    by_coder: dict[str, Counter[str]] = defaultdict(Counter)
    errors: Counter[str] = Counter()
    confidence: dict[int, Counter[str]] = defaultdict(Counter)
    judged: list[tuple[float, bool]] = []  # each asserted event's confidence, and whether it is right with both sides
    misses: list[str] = []
    for key, gold_all in stream.gold.items():
        tallies = (total, halves[stream.half(key[0])])
        gold = [g for g in gold_all if modality(g.get("modality")) == "asserted"]
        events = predicted.get(key, [])
        asserted = [e for e in events if modality(e.modality) == "asserted"]
        for tally in tallies:
            tally.gold += len(gold)
            if not gold_all:
                tally.empty += 1
                tally.false_in_empty += len(asserted)
        for event in events:  # modality: judged wherever the sentence holds a gold event of the class
            match = next((g for g in gold_all if quad(g["cameo"]) == quad(event.cameo)), None)
            if match is not None:
                for tally in tallies:
                    tally.modality_judged += 1
                    tally.modality_right += modality(match.get("modality")) == modality(event.modality)
        used: set[int] = set()
        used_triple: set[int] = set()
        for event in asserted:
            q, source, target = quad(event.cameo), side(event.source), side(event.target)
            hit = next((i for i, g in enumerate(gold) if i not in used and quad(g["cameo"]) == q), None)
            hit_triple = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in used_triple
                    and quad(g["cameo"]) == q
                    and gold_side(g.get("source")) == source
                    and gold_side(g.get("target")) == target
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
            if hit_triple is not None:
                used_triple.add(hit_triple)
            for tally in tallies:
                tally.predicted += 1
                tally.right_class += hit is not None
                tally.right_triple += hit_triple is not None
                if source and target:
                    tally.dyadic += 1
                    tally.right_dyad += hit_triple is not None
            kind = _error(event, hit is not None, hit_triple is not None, gold_all)
            errors[kind] += 1
            by_quad[q or 0]["predicted"] += 1
            by_quad[q or 0]["right"] += hit is not None
            by_coder[event.coded_by]["predicted"] += 1
            by_coder[event.coded_by]["right"] += hit is not None
            by_coder[event.coded_by]["right_triple"] += hit_triple is not None
            if event.confidence is not None:
                band = min(int(event.confidence * CONFIDENCE_BINS), CONFIDENCE_BINS - 1)
                confidence[band]["events"] += 1
                confidence[band]["right"] += hit_triple is not None
                judged.append((event.confidence, hit_triple is not None))
            if kind != "right":
                misses.append(f"FALSE {kind}\t{key[0]}#{key[1]}\t{_described(event)}\tgold: {_gold_list(gold_all)}")
        for i, g in enumerate(gold):
            by_quad[quad(g["cameo"]) or 0]["gold"] += 1
            by_quad[quad(g["cameo"]) or 0]["found"] += i in used
            if i not in used:
                misses.append(f"MISSED\t{key[0]}#{key[1]}\tgold: {_gold_list([g])}\tcoded: {_events_list(events)}")
        for tally in tallies:
            tally.found += len(used)
            tally.found_triple += len(used_triple)
    scored = Scored(figures=total.figures())
    scored.tables = {
        "by quad class": [
            {"quad": q, **{name: counts[name] for name in QUAD_COUNTS}}
            | {"precision": _ratio(counts["right"], counts["predicted"])}
            | {"recall": _ratio(counts["found"], counts["gold"])}
            for q, counts in sorted(by_quad.items())
        ],
        "by coder": [
            {"coded_by": name, **counts, "precision": _ratio(counts["right"], counts["predicted"])}
            for name, counts in sorted(by_coder.items())
        ],
        "false events by kind": [
            {"kind": kind, "events": n, "share": _ratio(n, total.predicted)} for kind, n in errors.most_common()
        ],
        "two-fold by article": [
            {"half": n, "predicted": tally.predicted, "gold": tally.gold}
            | {name.removeprefix("stream_"): value for name, value in tally.figures().items()}
            for n, tally in halves.items()
        ],
        "reliability of confidence": [
            {
                "confidence": f"{band / CONFIDENCE_BINS:.1f}-{(band + 1) / CONFIDENCE_BINS:.1f}",
                "events": counts["events"],
                "observed": _ratio(counts["right"], counts["events"]),
            }
            for band, counts in sorted(confidence.items())
        ],
        "confidence at least": [
            {"cut": cut, "events": len(kept), "right": round(_ratio(sum(right for _, right in kept), len(kept)), 3)}
            for cut in CONFIDENCE_CUTS
            if (kept := [(c, right) for c, right in judged if c >= cut])
        ],
    }
    scored.misses = misses
    return scored


def _by_sentence(stream: StreamSet, coded: Mapping[str, Sequence[Event]]) -> dict[Key, list[Event]]:
    """Each coded event of the text (roots 02-20) under the annotated sentence it starts in."""
    found: dict[Key, list[Event]] = defaultdict(list)
    for doc in stream.docs:
        for event in coded.get(doc["id"], ()):
            if event.part != "text" or not quad(event.cameo) or event.cameo[:2] == "01":
                continue
            sentence = next(
                (s for s in stream.sentences.get(doc["id"], []) if s["start"] <= event.start < s["end"]), None
            )
            if sentence is not None:
                found[(doc["id"], sentence["sent"])].append(event)
    return found


def _error(event: Event, right_class: bool, right_triple: bool, gold: list[dict[str, Any]]) -> str:
    """Why an asserted event is wrong, in the terms of the precision issue's audit."""
    if right_triple:
        return "right"
    if not gold:
        return "no event in the sentence"
    same_class = [g for g in gold if quad(g["cameo"]) == quad(event.cameo)]
    if same_class and all(modality(g.get("modality")) != "asserted" for g in same_class):
        return "irrealis coded as asserted"
    if not right_class:
        return "wrong quad class"
    return "wrong source or target"


def quad(code: Any) -> int | None:
    """CAMEO quad class of a code: 01-05 verbal, 06-08 material cooperation, 09-13 verbal, 14-20 material conflict."""
    try:
        root = int(str(code)[:2])
    except ValueError:
        return None
    if not 1 <= root <= 20:
        return None
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def modality(value: str | None) -> str:
    """The scorer's modality: intended counts as planned."""
    return "planned" if value == "intended" else (value or "asserted")


def side(participant: Any) -> str | None:
    """A predicted side as the scorer compares it: its country, else IGO for an IGO code."""
    if participant is None:
        return None
    if participant.country:
        return str(participant.country)
    return "IGO" if participant.code.startswith("IGO") else None


def gold_side(value: dict[str, Any] | None) -> str | None:
    if not value:
        return None
    if value.get("country"):
        return str(value["country"]).upper()
    return "IGO" if value.get("igo") or (value.get("kind") or "").upper() == "IGO" else None


def _described(event: Event) -> str:
    sides = f"{side(event.source)} {event.cameo} {side(event.target)}"
    return f"{sides} [{event.coded_by}] {event.trigger!r}: {event.evidence}"


def _gold_list(gold: Iterable[dict[str, Any]]) -> str:
    return (
        "; ".join(
            f"{gold_side(g.get('source'))} {g['cameo']} {gold_side(g.get('target'))} ({g.get('modality')})"
            for g in gold
        )
        or "none"
    )


def _events_list(events: Iterable[Event]) -> str:
    return "; ".join(f"{side(e.source)} {e.cameo} {side(e.target)} ({e.modality})" for e in events) or "none"


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0
