"""The transformer backend (communique[transformer], installed by `make test`): a LoRA adapter on MiniLM
trained by `communique train --backend transformer` on a small slice of our own sentences, loaded by
its folder's metadata, used by the pipeline, and a clear error where the optional packages are missing."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from communique import ConfigError, extract_one, load
from communique.events.classifier import load_classifier, model_meta, training_hashes
from communique.events.labels import QUAD_LABELS as LABELS
from communique.events.participants import load_tagger
from communique.events.tags import tagged_spans
from communique.events.transformer import ADAPTER, TransformerClassifier, TransformerTagger
from communique.model import Article
from communique.train import Settings, read_training_file, train
from conftest import SHARED, without_shared
from test_cli import run
from test_train import _labelled_file, _tagged_file


def load_meta(folder: Path) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((folder / "communique-model.json").read_text(encoding="utf-8"))
    return meta


TINY = Settings(backend="transformer", epochs=6, folds=2, seed=0)


@pytest.fixture(scope="module")
def adapter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model folder trained once for the module: 60 sentences, five phrases, two folds."""
    folder = tmp_path_factory.mktemp("minilm")
    files = [read_training_file(_labelled_file(folder), "CC0 (test sentences)")]
    meta = train(files, folder / "model", TINY, lambda _: None)
    assert meta["backend"] == "transformer" and meta["architecture"] == "minilm-lora-r16"
    assert meta["settings"]["epochs"] == 6 and meta["cross_validation"]["sentences"] == 60
    return folder / "model"


def test_transformer_model_folder_loads_by_its_backend_and_classifies(adapter: Path) -> None:
    assert (adapter / ADAPTER / "adapter_model.safetensors").exists()
    assert "all-MiniLM-L6-v2" in (adapter / "NOTICE.md").read_text(encoding="utf-8")
    classifier = load_classifier(str(adapter))
    assert isinstance(classifier, TransformerClassifier)
    texts = ["Kenya bombed and shelled towns in Peru.", "Chile praised Ghana for its diplomatic efforts."]
    bombed, praised = classifier.probabilities(texts)
    assert len(bombed) == len(LABELS) and sum(bombed) == pytest.approx(1.0, abs=1e-5)
    assert bombed.index(max(bombed)) == LABELS.index("material conflict")
    assert praised.index(max(praised)) == LABELS.index("verbal cooperation")


def test_transformer_training_is_reproducible_with_its_seed(adapter: Path, tmp_path: Path) -> None:
    again = train([read_training_file(_labelled_file(tmp_path), "CC0")], tmp_path / "again", TINY, lambda _: None)
    first = (adapter / ADAPTER / "adapter_model.safetensors").read_bytes()
    assert (tmp_path / "again" / ADAPTER / "adapter_model.safetensors").read_bytes() == first
    assert again["cross_validation"]["f1"] == load_meta(adapter)["cross_validation"]["f1"]


def test_pipeline_uses_a_transformer_classifier_named_in_the_config(adapter: Path) -> None:
    config = {"events": {"classifier": str(adapter), "fill_at": 0.5}}
    record = extract_one(Article(id="t", text="Mali severed diplomatic ties with France."), config=config)
    [event] = record.events
    assert event.coded_by in ("both", "pattern") and event.confidence is not None
    assert f"model/{ADAPTER}/adapter_model.safetensors" in record.coder.resources


def test_missing_optional_packages_give_an_install_hint(adapter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "peft", None)  # import peft now raises ImportError
    with pytest.raises(ConfigError, match=r"'peft', which is not installed.*communique\[transformer\]"):
        load_classifier(str(adapter))


def test_transformer_backend_trains_the_participant_tagger(tmp_path: Path) -> None:
    settings = Settings(backend="transformer", epochs=20, folds=2, seed=0)
    meta = train([read_training_file(_tagged_file(tmp_path), "CC0")], tmp_path / "m", settings, lambda _: None)
    assert (meta["task"], meta["backend"]) == ("participants", "transformer")
    assert meta["cross_validation"]["span_f1"] > 0.8
    assert "word-tag head" in (tmp_path / "m" / "NOTICE.md").read_text(encoding="utf-8")
    tagger = load_tagger(str(tmp_path / "m"))
    assert isinstance(tagger, TransformerTagger)
    sentence = next(iter(load({"events": {"classifier": ""}})("Kenya attacked Ghana.").sents))
    spans = {(sentence.doc[s:e].text, label) for s, e, label in tagger.spans(sentence)}
    assert spans == {("Kenya", "SOURCE"), ("Ghana", "TARGET")}
    # the pipeline loads it by its backend, and records its hash
    config = {"events": {"classifier": "", "participants": str(tmp_path / "m")}}
    record = extract_one(Article(id="t", text="Kenya bombed Ghana."), config=config)
    assert f"m/{ADAPTER}/adapter_model.safetensors" in record.coder.resources


def test_bio_tags_read_as_spans() -> None:
    tags = ["B-SOURCE", "I-SOURCE", "O", "I-TARGET", "B-TARGET", "O", "B-RECIPROCAL", "I-TARGET"]
    assert tagged_spans(tags) == [
        (0, 2, "SOURCE"),
        (3, 4, "TARGET"),
        (4, 5, "TARGET"),
        (6, 7, "RECIPROCAL"),
        (7, 8, "TARGET"),
    ]


def test_cli_trains_with_the_transformer_backend(tmp_path: Path) -> None:
    args = ("--backend", "transformer", "--folds", "2", "--epochs", "1", "--output", str(tmp_path / "m"))
    done = run("train", str(_labelled_file(tmp_path)), "--licence", "CC0", *args)
    assert done.returncode == 0, done.stderr
    assert "2-fold cross-validation on 60 sentences" in done.stdout
    assert load_meta(tmp_path / "m")["backend"] == "transformer"


@pytest.mark.skipif(not (SHARED / "devsets").exists(), reason=without_shared("devsets"))
def test_shipped_transformer_classifier_names_its_training_file_and_classifies() -> None:
    source = "packaged:models/quad-minilm"
    conflibert = SHARED / "devsets" / "conflibert_cameo_class_train.tsv"
    assert hashlib.sha256(conflibert.read_bytes()).hexdigest() in training_hashes(source)
    meta = model_meta(source)
    assert meta["backend"] == "transformer" and "GPL-3.0" in meta["training_files"][0]["licence"]
    classifier = load_classifier(source)
    texts = ["Kenyan troops shelled rebel positions in Somalia.", "Ghana and Togo signed a trade agreement."]
    shelled, signed = classifier.probabilities(texts)
    assert shelled.index(max(shelled)) == LABELS.index("material conflict")
    assert signed.index(max(signed)) in (LABELS.index("verbal cooperation"), LABELS.index("material cooperation"))


def test_transformer_head_takes_the_labels_its_data_gives(tmp_path: Path) -> None:
    phrases = {"FIGHT": "{a} bombed towns in {b}", "AID": "{a} sent aid to {b}", "DISAPPROVE": "{a} condemned {b}"}
    pairs = [("Chad", "Sudan"), ("Mali", "Niger"), ("Kenya", "Ghana"), ("Peru", "Chile")] * 3
    records = [
        {"text": f"{phrase.format(a=a, b=b)} on day {n}.", "event": event}
        for event, phrase in phrases.items()
        for n, (a, b) in enumerate(pairs)
    ]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    settings = Settings(backend="transformer", epochs=2, folds=2, seed=0)
    meta = train([read_training_file(path, "CC0")], tmp_path / "model", settings, lambda _: None)
    assert (meta["task"], meta["labels"]) == ("plover", ["ACCUSE", "AID", "ASSAULT"])  # old names read as today's
    assert "PLOVER-type head" in (tmp_path / "model" / "NOTICE.md").read_text(encoding="utf-8")
    classifier = load_classifier(str(tmp_path / "model"))
    assert classifier.scheme.labels == ("ACCUSE", "AID", "ASSAULT")
    assert [len(p) for p in classifier.probabilities(["Chad bombed Mali."])] == [3]
