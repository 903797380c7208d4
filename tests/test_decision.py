"""The event decision (#22): features of proposed events, the logistic heads, the veto, and training it on a
stream set of articles written for these tests."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from communique import load
from communique.cli import main
from communique.events.decision import Decision, Logistic, Proposal, decide, load_decision
from communique.model import Article
from communique.pipeline import extract_one, parse
from communique.stream_score import StreamSet
from communique.train_decision import (
    KEEP_AT,
    Settings,
    article_folds,
    fit_decision,
    fit_logistic,
    labels_of,
    platt,
    stream_proposals,
    trusted_cut,
)
from conftest import _event

UNDECIDED = {"events": {"decision": ""}}


def _proposals(text: str) -> list[Proposal]:
    doc, _ = parse(load(UNDECIDED), [Article(id="t", text=text)])[0]
    return list(doc._.proposals)


def test_features_say_whether_the_sides_are_the_triggers_own_arguments() -> None:
    (proposal,) = _proposals("Turkish troops shelled Kurdish positions in Syria on Tuesday.")
    features = proposal.features
    assert features["source_argument"] == 1.0 and features["source_political"] == 1.0
    assert "source_far" not in features and "target_none" not in features
    assert features["modality_asserted"] == 1.0 and features["trigger_past"] == 1.0


def test_features_read_the_article_as_a_whole() -> None:
    deed = "Chile's president met Argentina's foreign minister."
    (political, *_) = _proposals(deed + " Argentina's government signed a trade accord with Chile.")
    assert political.features["article_political"] == 1.0
    assert political.features["first_sentence"] == 1.0
    (mixed, *_) = _proposals(deed + " The weather was warm. The lunch was long. The wine was local.")
    assert mixed.features["article_political"] == 0.25


def test_logistic_fit_is_deterministic_and_separates() -> None:
    rows = [{"a": 1.0}, {"a": 1.0, "b": 1.0}, {"b": 1.0}, {}] * 5
    labels = [1, 1, 0, 0] * 5
    model = fit_logistic(rows, labels, l2=0.1)
    assert model == fit_logistic(rows, labels, l2=0.1)
    assert model.probability({"a": 1.0}) > 0.9 > 0.1 > model.probability({"b": 1.0})


def test_platt_scaling_turns_scores_into_observed_frequencies() -> None:
    scores = [-2.0] * 100 + [2.0] * 100
    labels = [1] * 10 + [0] * 90 + [1] * 70 + [0] * 30  # 10% right at -2, 70% right at +2
    scale, shift = platt(scores, labels)
    calibrated = Logistic({}, 0.0, scale, shift)
    low, high = (Logistic({}, s, scale, shift).probability({}) for s in (-2.0, 2.0))
    assert abs(low - 0.1) < 0.02 and abs(high - 0.7) < 0.02
    assert 0.1 < calibrated.probability({}) < 0.7


def _decision(keep_at: float) -> Decision:
    reported = Logistic({"good": 4.0}, -2.0)  # 0.88 with the feature, 0.12 without
    right = Logistic({"good": 2.0}, -1.0)
    return Decision(reported, right, keep_at=keep_at, resources={})


def test_decide_drops_asserted_events_it_does_not_believe_and_keeps_the_rest() -> None:
    kept = Proposal(_event(1, "TUR", "195", "SYR"), {"good": 1.0})
    dropped = Proposal(_event(2, "TUR", "190", "SYR"), {})
    planned = Proposal(_event(3, "TUR", "190", "SYR", "planned"), {})  # its modality already says it did not happen
    events = decide([kept, dropped, planned], _decision(0.5))
    assert [(e.id, e.cameo, e.modality) for e in events] == [("e1", "195", "asserted"), ("e2", "190", "planned")]
    assert [e.confidence for e in events] == [round(1 / (1 + math.exp(-1)), 3), round(1 / (1 + math.exp(1)), 3)]
    assert decide([kept, dropped], None) == [kept.event, dropped.event]


def test_labels_follow_the_stream_scorers_matching() -> None:
    gold = [{"cameo": "190", "source": {"country": "TUR"}, "target": {"country": "SYR"}, "modality": "asserted"}]
    assert labels_of(_event(1, "TUR", "183", "SYR"), gold) == (1, 1)  # same quad class and sides
    assert labels_of(_event(1, "TUR", "183", "IRQ"), gold) == (1, 0)  # the wrong target
    assert labels_of(_event(1, "TUR", "042", "SYR"), gold) == (0, 0)  # the wrong class
    assert labels_of(_event(1, "TUR", "190", "SYR", "planned"), gold) == (0, 0)  # irrealis against a deed
    assert labels_of(_event(1, "TUR", "190", "SYR"), []) == (0, 0)  # a sentence with no event


def test_articles_keep_their_proposals_in_one_fold() -> None:
    folds = article_folds([f"a{n}" for n in range(10)], 5, seed=3)
    assert sorted(folds.values()) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert folds == article_folds([f"a{n}" for n in range(10)], 5, seed=3)


def test_the_shipped_decision_keeps_a_plain_political_deed() -> None:
    record = extract_one(
        Article(id="p", text="Iranian forces seized a British oil tanker on Friday. London summoned Iran's ambassador.")
    )
    coded = {(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in record.events}
    assert ("IRN", "17", "GBR") in coded
    assert all(0 <= (e.confidence or 0) <= 1 for e in record.events)
    assert load_decision("packaged:models/event-decision").keep_at > 0


POLITICAL = [
    ("Egyptian police arrested twelve protesters in Cairo on Monday.", ("173", "EGY", "EGY")),
    ("The Foreign Ministry said the talks would resume next week.", None),
    ("Officials in Cairo gave no further details.", None),
]
SPORT = [
    ("The visitors beat Ghana's champions 2-0 in Accra on Sunday.", None),
    ("Their captain attacked down the left wing all afternoon.", None),
    ("The fans sang until the final whistle.", None),
]


def _stream_set(folder: Path, articles: list[list[tuple[str, Any]]]) -> Path:
    """A stream set in the format of shared/devsets/stream_dev, from (sentence, gold event or None) lists."""
    folder.mkdir()
    docs, sentences, gold = [], [], []
    for n, article in enumerate(articles):
        doc, text = f"d{n}", ""
        for m, (sentence, event) in enumerate(article):
            start = len(text)
            text += sentence + " "
            sentences.append({"doc": doc, "sent": m, "start": start, "end": start + len(sentence)})
            events = []
            if event:
                cameo, source, target = event
                side = {"country": source, "kind": "COP"}
                events = [{"cameo": cameo, "source": side, "target": {"country": target}, "modality": "asserted"}]
            gold.append({"doc": doc, "sent": m, "events": events})
        docs.append({"id": doc, "text": text.strip()})
    for name, rows in (("docs", docs), ("sentences", sentences), ("gold", gold)):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def test_train_learns_a_decision_from_a_stream_set_reproducibly(tmp_path: Path) -> None:
    stream = _stream_set(tmp_path / "stream", [POLITICAL, SPORT] * 4)
    runs = []
    for name in ("one", "two"):
        args = ["train", str(stream), "--licence", "written for the tests", "--folds", "2", "-o", str(tmp_path / name)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "2-fold cross-validation by article on 8 articles" in result.output
        runs.append((tmp_path / name / "decision.json").read_text(encoding="utf-8"))
    assert runs[0] == runs[1]
    meta = json.loads((tmp_path / "one" / "communique-model.json").read_text(encoding="utf-8"))
    assert meta["task"] == "decision" and meta["cross_validation"]["by"] == "article"
    assert "the events at or above each confidence" in result.output
    assert meta["trust_at"] is None or 0 < meta["trust_at"] < 1
    for half in meta["trained_on_one_half"]:  # the procedure on one half, scored on the other
        assert {"decision", "no decision"} <= set(half) and half["scored_half"] in (1, 2)
    assert "written for the tests" in (tmp_path / "one" / "NOTICE.md").read_text(encoding="utf-8")
    decision = load_decision(str(tmp_path / "one"))
    assert decision.keep_at == meta["keep_at"]
    nlp = load({"events": {"decision": str(tmp_path / "one")}})
    doc = nlp("Egyptian police arrested nine protesters in Alexandria on Tuesday.")
    assert [e.cameo[:2] for e in doc._.events] == ["17"]


def test_the_cut_is_chosen_on_figures_averaged_over_fold_assignments(tmp_path: Path) -> None:
    stream = StreamSet.read(_stream_set(tmp_path / "stream", [POLITICAL, SPORT] * 4))
    judged = stream_proposals(load(UNDECIDED), stream, lambda step: None)
    one, two = (fit_decision(stream, judged, Settings(folds=2, seed=seed, repeats=1)) for seed in (0, 1))
    assert any(one.cuts[cut].figures != two.cuts[cut].figures for cut in KEEP_AT)  # two splits that disagree
    both = fit_decision(stream, judged, Settings(folds=2, seed=0, repeats=2))
    for cut in KEEP_AT:
        mean = {k: (v + two.cuts[cut].figures[k]) / 2 for k, v in one.cuts[cut].figures.items()}
        assert both.cuts[cut].figures == pytest.approx(mean)
        assert both.cuts[cut].tables == one.cuts[cut].tables


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["stream", "other.tsv"], "trains the decision alone"),
        (["empty"], "is not a stream set"),
    ],
)
def test_train_refuses_what_is_not_one_stream_set(tmp_path: Path, files: list[str], message: str) -> None:
    (tmp_path / "stream").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "other.tsv").write_text("A sentence.\t1\n", encoding="utf-8")
    args = ["train", *(str(tmp_path / f) for f in files), "-o", str(tmp_path / "out")]
    args += [a for _ in files for a in ("--licence", "x")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and message in result.output


def test_the_trusted_cut_is_the_lowest_that_is_right_often_enough_on_enough_events() -> None:
    rows = [
        {"cut": 0.1, "events": 40, "right": 0.5},
        {"cut": 0.2, "events": 20, "right": 0.85},
        {"cut": 0.3, "events": 12, "right": 0.9},
        {"cut": 0.4, "events": 3, "right": 1.0},
    ]
    assert trusted_cut(rows) == 0.2
    assert trusted_cut([{"cut": 0.4, "events": 3, "right": 1.0}]) is None  # three events prove nothing
