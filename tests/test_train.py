"""`communique train` and the trained classifier beside the patterns: training on a small slice of our
own sentences, loading what it wrote, and the combiner's confirm / overrule / fill decisions."""

from __future__ import annotations

import hashlib
import json
from itertools import permutations
from pathlib import Path

import pytest
from spacy.tokens import Span

from communique import TrainingError, extract_one, load
from communique.components import shared_gazetteer
from communique.events.classifier import TextcatClassifier, training_hashes
from communique.events.coder import propose_events
from communique.events.combiner import Judgement, Policy, Tag, Verdict
from communique.events.labels import NONE, QUAD, QUAD_LABELS, scheme_for
from communique.events.lexicon import load_lexicon
from communique.events.participants import ParticipantTagger
from communique.model import Article
from communique.train import Labelled, Settings, assign_folds, read_training_file, train
from conftest import SHARED, without_shared
from test_cli import run

COUNTRIES = ["Chad", "Sudan", "Mali", "Niger", "Kenya", "Ghana", "Peru", "Chile"]
# One phrase per label (statement, verbal and material cooperation, verbal and material conflict).
PHRASES = [
    "{a} said on Monday that the weather in {b} was mild",
    "{a} praised {b} for its diplomatic efforts",
    "{a} sent food aid and medicine to {b}",
    "{a} strongly criticised and condemned {b}",
    "{a} bombed and shelled towns in {b}",
]


def _labelled_file(folder: Path) -> Path:
    """A small ConfliBERT-format file of our own sentences: 5 labels x 12 country pairs."""
    pairs = list(permutations(COUNTRIES, 2))[:12]
    lines = [f"{phrase.format(a=a, b=b)}.\t{label}" for label, phrase in enumerate(PHRASES) for a, b in pairs]
    path = folder / "small.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SMALL = Settings(architecture="bow", epochs=4, folds=2, seed=0)


def test_train_writes_a_model_that_loads_and_classifies(tmp_path: Path) -> None:
    source = _labelled_file(tmp_path)
    steps: list[str] = []
    meta = train([read_training_file(source, "CC0 (test sentences)")], tmp_path / "model", SMALL, steps.append)
    assert len(steps) == SMALL.folds + 1
    assert meta["cross_validation"]["sentences"] == 60 and meta["cross_validation"]["macro_f1"] > 0.8
    assert meta["training_files"][0]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    notice = (tmp_path / "model" / "NOTICE.md").read_text(encoding="utf-8")
    assert "small.tsv" in notice and "CC0 (test sentences)" in notice
    classifier = TextcatClassifier(str(tmp_path / "model"))
    assert classifier.scheme == QUAD and meta["task"] == "quad"
    [probabilities] = classifier.probabilities(["Kenya bombed and shelled towns in Peru."])
    assert len(probabilities) == len(QUAD_LABELS) and probabilities.index(max(probabilities)) == 4
    assert training_hashes(str(tmp_path / "model")) == {meta["training_files"][0]["sha256"]}


def test_train_is_reproducible_with_its_seed(tmp_path: Path) -> None:
    files = [read_training_file(_labelled_file(tmp_path), "CC0")]
    texts = ["Ghana praised Chile.", "Peru sent aid to Mali.", "Chad criticised Niger."]
    outputs = []
    for name in ("one", "two"):
        train(files, tmp_path / name, SMALL, lambda _: None)
        outputs.append(TextcatClassifier(str(tmp_path / name)).probabilities(texts))
    assert outputs[0] == outputs[1]


def test_trained_model_is_used_by_the_pipeline_when_configured(tmp_path: Path) -> None:
    train([read_training_file(_labelled_file(tmp_path), "CC0")], tmp_path / "model", SMALL, lambda _: None)
    config = {"events": {"classifier": str(tmp_path / "model"), "fill_at": 0.5}}
    record = extract_one(Article(id="t", text="Mali severed diplomatic ties with France."), config=config)
    [event] = record.events
    assert event.coded_by in ("both", "pattern") and event.confidence is not None
    assert any(Path(name).parts[0] == "model" for name in record.coder.resources)


def test_near_duplicate_sentences_share_a_fold() -> None:
    story = "Chad bombed towns in Sudan on Monday, killing twelve civilians, officials said"
    examples = [Labelled(story + ".", "material conflict"), Labelled(story + " late.", "material conflict")]
    examples += [Labelled(f"{a} praised {b}.", "verbal cooperation") for a, b in permutations(COUNTRIES, 2)]
    folds = assign_folds(examples, 5, seed=0)
    assert folds[0] == folds[1] and len(set(folds)) == 5


@pytest.mark.parametrize(
    ("name", "content", "detail"),
    [
        ("a.csv", "x", "unknown suffix"),
        ("a.tsv", "", "no labelled sentence"),
        ("a.tsv", "A sentence.\t7\n", "line 1"),
        ("a.json", "{not json", "cannot read"),
        ("a.jsonl", '{"id": "x"}\n', "cannot read"),
    ],
)
def test_train_refuses_files_it_cannot_learn_from(tmp_path: Path, name: str, content: str, detail: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TrainingError, match=detail) as caught:
        read_training_file(path, "CC0")
    assert caught.value.code == "E023"


def test_train_reads_plover_and_communique_records(tmp_path: Path) -> None:
    plover = tmp_path / "p.json"
    plover.write_text(json.dumps([{"text": "Chad attacked Sudan.", "event": "FIGHT"}, {"event": "DOCUMENT"}]))
    assert read_training_file(plover, "CC0").examples == [Labelled("Chad attacked Sudan.", "ASSAULT")]
    record = extract_one(Article(id="r", text="Mali severed diplomatic ties with France."))
    calm = extract_one(Article(id="c", text="The weather in Mali was mild."))  # no event: 'none'
    ours = tmp_path / "r.jsonl"
    ours.write_text(record.model_dump_json() + "\n" + calm.model_dump_json() + "\n")
    assert read_training_file(ours, "CC0").examples == [
        Labelled("Mali severed diplomatic ties with France.", "SANCTION"),
        Labelled("The weather in Mali was mild.", NONE),
    ]


def test_train_learns_plover_types_and_no_event_from_our_records(tmp_path: Path) -> None:
    pairs = list(permutations(COUNTRIES, 2))[:12]
    phrases = {"none": "The weather in {a} was mild", "AID": "{a} sent food aid and medicine to {b}"}
    phrases |= {"ASSAULT": "{a} bombed and shelled towns in {b}", "ACCUSE": "{a} strongly condemned {b}"}
    lines = []
    for label, phrase in phrases.items():
        for number, (a, b) in enumerate(pairs):
            text = phrase.format(a=a, b=b) + "."
            events = [] if label == NONE else [{"evidence": text, "plover": {"type": label}}]
            lines.append(json.dumps({"id": f"{label}-{number}", "text": text, "events": events}))
    path = tmp_path / "corrected.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = train([read_training_file(path, "CC0")], tmp_path / "model", SMALL, lambda _: None)
    assert (meta["task"], meta["labels"]) == ("plover", ["ACCUSE", "AID", "ASSAULT", NONE])
    classifier = TextcatClassifier(str(tmp_path / "model"))
    [calm, shelled] = classifier.probabilities(["The weather in Peru was mild.", "Peru bombed and shelled Chad."])
    assert classifier.scheme.labels[calm.index(max(calm))] == NONE
    assert classifier.scheme.labels[shelled.index(max(shelled))] == "ASSAULT"
    # the pipeline takes it as it takes a quad model: a confident 'none' leaves a sentence no pattern coded alone
    config = {"events": {"classifier": str(tmp_path / "model"), "fill_at": 0.5}}
    assert (
        extract_one(Article(id="t", text="The weather in Chile was mild.", date="2025-01-01"), config=config).events
        == []
    )


def test_train_refuses_to_mix_quad_classes_and_plover_types(tmp_path: Path) -> None:
    plover = tmp_path / "p.json"
    plover.write_text(json.dumps([{"text": f"Chad attacked Sudan {i}.", "event": "FIGHT"} for i in range(30)]))
    with pytest.raises(TrainingError, match="neither all quad classes nor all PLOVER types"):
        train(
            [read_training_file(plover, "CC0"), read_training_file(_labelled_file(tmp_path), "CC0")],
            tmp_path / "m",
            SMALL,
            print,
        )


def _coded(
    text: str, verdict: Verdict | None, policy: Policy, tag: Tag | None = None
) -> list[tuple[str, str, str | None, str]]:
    """Code `text` with the given verdict on its first sentence (and participant spans from `tag`),
    patterns from the packaged lexicon."""
    nlp = load({"events": {"classifier": ""}})
    doc = nlp(text)
    judged = Judgement({0: verdict} if verdict else {}, policy, tag)
    proposals = propose_events(
        doc, doc._.actor_table, load_lexicon(), shared_gazetteer(nlp), date=None, speakers={}, judged=judged
    )
    return [(e.source.code, e.cameo, e.target.code if e.target else None, e.coded_by) for e, _ in proposals]


SURE = Policy(overrule_at=0.9, fill_at=0.9)
SEVERED = "Mali severed diplomatic ties with France."


def test_combiner_confirms_a_pattern_of_the_same_class() -> None:
    assert _coded(SEVERED, Verdict((0.0, 0.0, 0.0, 0.02, 0.98), QUAD), SURE) == [("MLI", "161", "FRA", "both")]
    assert _coded(SEVERED, None, SURE) == [("MLI", "161", "FRA", "pattern")]


def test_combiner_overrules_only_above_its_threshold() -> None:
    unsure = Verdict((0.0, 0.85, 0.0, 0.0, 0.15), QUAD)
    assert _coded(SEVERED, unsure, SURE) == [("MLI", "161", "FRA", "pattern")]
    assert _coded(SEVERED, Verdict((0.99, 0.0, 0.0, 0.0, 0.01), QUAD), SURE) == []  # a statement: no event
    [(source, code, target, coded_by)] = _coded(SEVERED, Verdict((0.0, 0.99, 0.0, 0.0, 0.01), QUAD), SURE)
    assert (source, target, coded_by) == ("MLI", "FRA", "model") and "03" <= code[:2] <= "05"


def test_combiner_fills_a_sentence_no_pattern_coded() -> None:
    text = "Mali brought down Niger."  # the lexicon knows the verb, but its block has no code of its own
    assert _coded(text, None, SURE) == []
    assert _coded(text, Verdict((0.0, 0.0, 0.0, 0.0, 1.0), QUAD), SURE) == [("MLI", "190", "NER", "model")]
    assert _coded(text, Verdict((0.0, 0.0, 0.0, 0.1, 0.9), QUAD), SURE) == []  # not above fill_at
    assert _coded("Mali said Niger was calm.", Verdict((0.0, 0.0, 0.0, 0.0, 1.0), QUAD), SURE) == []  # a statement


def test_combiner_fills_no_verb_the_lexicon_does_not_know() -> None:
    # 'read', 'try', 'zap': no event reading of their own; the model's class has no verb to sit on
    assert _coded("Mali zapped Niger.", Verdict((0.0, 0.0, 0.0, 0.0, 1.0), QUAD), SURE) == []

    def both_sides(sentence: Span) -> list[tuple[int, int, str]]:
        return [
            (t.i, t.i + 1, "SOURCE" if t.text == "Mali" else "TARGET") for t in sentence if t.text in ("Mali", "Niger")
        ]

    assert _coded("Mali zapped Niger.", Verdict((0.0, 0.0, 0.0, 0.0, 1.0), QUAD), SURE, both_sides) == []


def test_combiner_judges_by_plover_type_with_a_plover_model() -> None:
    scheme = scheme_for(["ACCUSE", "SANCTION", "ASSAULT", NONE])
    sure = {label: Verdict(tuple(float(x == label) for x in scheme.labels), scheme) for label in scheme.labels}
    assert _coded(SEVERED, sure["SANCTION"], SURE) == [("MLI", "161", "FRA", "both")]
    assert _coded(SEVERED, sure[NONE], SURE) == []  # sure there is no event: overruled
    [(_, code, _, coded_by)] = _coded(SEVERED, sure["ACCUSE"], SURE)
    assert (code[:2], coded_by) == ("11", "model")
    [(_, _, _, coded_by)] = _coded("Mali brought down Niger.", sure["ASSAULT"], SURE)
    assert coded_by == "model"
    assert _coded("Mali brought down Niger.", sure[NONE], SURE) == []


def test_scheme_reads_a_verbs_codes_under_a_label() -> None:
    plover = scheme_for(["RETREAT", "CONCEDE", NONE])
    assert plover.reading("RETREAT", ["080", "0874", "0871"]) == "087"  # 080 itself is CONCEDE
    assert plover.reading("CONCEDE", ["0874"]) == "080"  # none of the verb's codes: the type's broadest
    assert plover.reading(NONE, ["080"]) is None and not plover.holds_event(NONE)
    assert QUAD.reading("verbal conflict", ["0312", "111", "112", ":043"]) == "110"
    assert QUAD.label_of("210") == "material conflict" and plover.label_of("210") is None  # a PETRARCH root


def test_tagged_target_completes_an_event_without_one() -> None:
    text = "Iran threatened retaliation after the strike by Israel."
    assert _coded(text, None, SURE) == [("IRN", "130", None, "pattern")]

    def israel_is_target(sentence: Span) -> list[tuple[int, int, str]]:
        return [(t.i, t.i + 1, "TARGET") for t in sentence if t.text == "Israel"]

    assert _coded(text, None, SURE, israel_is_target) == [("IRN", "130", "ISR", "pattern")]


@pytest.mark.skipif(not (SHARED / "devsets").exists(), reason=without_shared("devsets"))
def test_shipped_classifier_names_its_training_file_and_licence() -> None:
    conflibert = SHARED / "devsets" / "conflibert_cameo_class_train.tsv"
    assert hashlib.sha256(conflibert.read_bytes()).hexdigest() in training_hashes("packaged:models/quad-classifier")
    meta = TextcatClassifier("packaged:models/quad-classifier").meta
    assert "GPL-3.0" in meta["training_files"][0]["licence"] and meta["cross_validation"]["macro_f1"] >= 0.78
    tags = SHARED / "devsets" / "conflibert_cameo_ner_train.txt"
    tagger = ParticipantTagger("packaged:models/participants").meta
    assert tagger["training_files"][0]["sha256"] == hashlib.sha256(tags.read_bytes()).hexdigest()
    assert "GPL-3.0" in tagger["training_files"][0]["licence"] and tagger["task"] == "participants"


def test_cli_train_prints_cross_validation_and_writes_the_model(tmp_path: Path) -> None:
    source = _labelled_file(tmp_path)
    mismatch = run("train", str(source), "--output", str(tmp_path / "m"), "--licence", "CC0", "--licence", "MIT")
    assert mismatch.returncode == 2 and "one --licence per file" in mismatch.stderr
    args = ("--architecture", "bow", "--folds", "2", "--epochs", "2", "--output", str(tmp_path / "m"))
    done = run("train", str(source), "--licence", "CC0", *args)
    assert done.returncode == 0, done.stderr
    assert "2-fold cross-validation on 60 sentences" in done.stdout and "macro-F1" in done.stdout
    assert (tmp_path / "m" / "communique-model.json").exists()


def _tagged_file(folder: Path) -> Path:
    """A small ConfliBERT word-tag file of our own sentences: 'Chad attacked Sudan .' and the like."""
    lines = []
    for verb in ("attacked", "criticised", "praised", "met", "warned"):
        for a, b in list(permutations(COUNTRIES, 2))[:8]:
            lines += [f"{a} B-S", f"{verb} O", f"{b} B-T", ". O", ""]
    path = folder / "tags.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_train_participant_tagger_from_word_tags(tmp_path: Path) -> None:
    settings = Settings(epochs=20, folds=2, seed=0)
    meta = train([read_training_file(_tagged_file(tmp_path), "CC0")], tmp_path / "tagger", settings, lambda _: None)
    assert meta["task"] == "participants" and meta["cross_validation"]["span_f1"] > 0.8
    nlp = load({"events": {"classifier": ""}})
    sentence = next(iter(nlp("Kenya bombed Ghana.").sents))
    spans = ParticipantTagger(str(tmp_path / "tagger")).spans(sentence)
    assert {(sentence.doc[s:e].text, label) for s, e, label in spans} == {("Kenya", "SOURCE"), ("Ghana", "TARGET")}


def test_train_refuses_mixed_tasks(tmp_path: Path) -> None:
    files = [read_training_file(_labelled_file(tmp_path), "CC0"), read_training_file(_tagged_file(tmp_path), "CC0")]
    with pytest.raises(TrainingError, match="cannot train one model"):
        train(files, tmp_path / "m", SMALL, lambda _: None)
