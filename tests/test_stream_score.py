"""The stream score (`communique eval stream`) on hand-made articles: the same matching as score_dev.py, and
the breakdowns that say where false events come from (#22)."""

from __future__ import annotations

from typing import Any

from communique.stream_score import StreamSet, score
from conftest import _event

TEXT = "Chad praised Niger. The weather was fine. Mali may expel France. Peru hosted Chile."
SENTENCES = [(0, 19), (20, 41), (42, 64), (65, 84)]


def _gold(cameo: str, source: str, target: str, modality: str = "asserted") -> dict[str, Any]:
    return {"cameo": cameo, "source": {"country": source}, "target": {"country": target}, "modality": modality}


def _stream() -> StreamSet:
    sentences = {"d1": [{"doc": "d1", "sent": n, "start": a, "end": b} for n, (a, b) in enumerate(SENTENCES, 1)]}
    gold = {
        ("d1", 1): [_gold("051", "TCD", "NER")],
        ("d1", 2): [],
        ("d1", 3): [_gold("163", "MLI", "FRA", "hypothetical")],
        ("d1", 4): [_gold("042", "CHL", "PER")],  # the gold says Chile visited Peru
    }
    return StreamSet(docs=[{"id": "d1", "text": TEXT}], sentences=sentences, gold=gold)


def _record(*events: Any) -> dict[str, list[Any]]:
    return {"d1": list(events)}


def _at(event: Any, start: int, **changes: Any) -> Any:
    return event.model_copy(update={"start": start, "end": start + 3, **changes})


def test_stream_score_matches_the_scorer_and_names_each_error() -> None:
    right = _at(_event(1, "TCD", "051", "NER"), 0)  # sentence 1: right class and sides
    empty = _at(_event(2, "TCD", "190", "NER"), 25, coded_by="model")  # sentence 2 holds no event
    irrealis = _at(_event(3, "MLI", "163", "FRA"), 45)  # 'may expel' coded as done
    sides = _at(_event(4, "PER", "042", "CHL"), 70)  # right class, sides swapped
    planned = _at(_event(5, "MLI", "163", "FRA", "hypothetical"), 46)  # right modality, not counted as asserted
    scored = score(_stream(), _record(right, empty, irrealis, sides, planned))
    figures = scored.figures
    assert figures["stream_precision"] == 2 / 4  # sentence 1 and sentence 4 are the right class
    assert figures["stream_triple_precision"] == 1 / 4 and figures["stream_dyad_precision"] == 1 / 4
    assert figures["stream_recall"] == 2 / 2 and figures["stream_triple_recall"] == 1 / 2
    assert figures["stream_false_per_100"] == 100.0  # one empty sentence, one event in it
    assert figures["stream_modality_accuracy"] == 3 / 4  # the asserted 'may expel' is the one wrong
    kinds = {row["kind"]: row["events"] for row in scored.tables["false events by kind"]}
    assert kinds == {
        "right": 1,
        "no event in the sentence": 1,
        "irrealis coded as asserted": 1,
        "wrong source or target": 1,
    }
    quads = {row["quad"]: list(row.items()) for row in scored.tables["by quad class"]}
    assert quads[4][:5] == [("quad", 4), ("gold", 0), ("found", 0), ("predicted", 2), ("right", 0)]  # same columns
    coders = {row["coded_by"]: row["precision"] for row in scored.tables["by coder"]}
    assert coders == {"pattern": 2 / 3, "model": 0.0}
    assert sum(row["predicted"] for row in scored.tables["two-fold by article"]) == 4
    assert any(line.startswith("FALSE no event") and "d1#2" in line for line in scored.misses)


def test_stream_score_reliability_bins_confidence() -> None:
    right = _at(_event(1, "TCD", "051", "NER"), 0, confidence=0.95)
    wrong = _at(_event(2, "TCD", "190", "NER"), 25, confidence=0.15)
    rows = score(_stream(), _record(right, wrong)).tables["reliability of confidence"]
    assert [(row["confidence"], row["events"], row["observed"]) for row in rows] == [
        ("0.0-0.2", 1, 0.0),
        ("0.8-1.0", 1, 1.0),
    ]
