"""A trained sentence classifier, loaded from a model folder.

Its labels are ConfliBERT's quad classes (statement for CAMEO 01-02, verbal cooperation 03-05,
material cooperation 06-08, verbal conflict 09-13, material conflict 14-20) or PLOVER event types,
whichever its training data gave (`labels.Scheme`). The folder holds the spaCy `textcat` weights (no
vocabulary: nothing of the training sentences ships) and `communique-model.json`, which names the
task, labels and backend, the training files with their licences and the cross-validated figures
`communique train` measured.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

import spacy

from ..dictionaries.sources import SourceReader
from ..errors import ConfigError
from .labels import Scheme, scheme_of

META = "communique-model.json"
WEIGHTS = "textcat"


def textcat_config(architecture: str) -> dict[str, Any]:
    """The `textcat` component config for an architecture: `ensemble` (bag of words + a CNN over
    subword features, spaCy's default) or `bow` (bag of words and bigrams alone: smaller, faster)."""
    if architecture == "bow":
        model = {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
            "length": 262144,
        }
        return {"model": model}
    if architecture == "ensemble":
        return {}
    raise ValueError(f"unknown architecture {architecture!r}: use 'ensemble' or 'bow'")


def model_meta(source: str) -> dict[str, Any]:
    """What `communique train` wrote about a model folder: backend, training files, figures."""
    path = SourceReader().folder(source, inside=META)
    try:
        meta: dict[str, Any] = json.loads((path / META).read_text(encoding="utf-8"))
    except ValueError as error:
        raise ConfigError("E022", source=source, detail=f"{META} is not JSON ({error})") from error
    return meta


def training_hashes(source: str) -> set[str]:
    """The sha256 of each file a model folder was trained on (to keep evaluations off them)."""
    return {file["sha256"] for file in model_meta(source).get("training_files", [])}


def load_trained(source: str, spacy_model: type[TrainedModel], transformer_model: str) -> Any:
    """A model folder's model, built by the class of the backend it was trained with: `spacy_model`, or
    the class so named in `transformer.py` (imported, with torch, only when a folder needs it)."""
    meta = model_meta(source)
    if meta.get("backend") == "transformer":
        from . import transformer

        return getattr(transformer, transformer_model).load(source, meta)
    return spacy_model(source, meta)


def load_classifier(source: str) -> Classifier:
    """The event classifier of a model folder, with the backend it was trained with."""
    classifier: Classifier = load_trained(source, TextcatClassifier, "TransformerClassifier")
    return classifier


class Classifier(Protocol):
    """What the event stage asks of a classifier, whatever its backend."""

    resources: dict[str, str]
    scheme: Scheme

    def probabilities(self, texts: Sequence[str]) -> list[list[float]]:
        """For each text, the probability of each of `scheme.labels`."""


class TrainedModel:
    """A model folder written by `communique train` (`source`: a path, or `packaged:NAME` for one shipped
    in communique/data): its metadata, the blank pipeline with its one trained component, its hash."""

    component = WEIGHTS

    def __init__(self, source: str, meta: dict[str, Any] | None = None) -> None:
        reader = SourceReader()
        path = reader.folder(source, inside=f"{self.component}/model")
        self.resources = reader.hashes
        self.meta = meta or model_meta(source)
        try:
            self.nlp = spacy.blank(self.meta["language"])
            pipe: Any = self.nlp.add_pipe(self.component, config=self.component_config())
            pipe.from_disk(path / self.component, exclude=["vocab"])
        except (OSError, ValueError, KeyError) as error:
            raise ConfigError(
                "E022", source=str(path), detail=f"not a model folder written by `communique train` ({error})"
            ) from error

    def component_config(self) -> dict[str, Any]:
        """The component's config as training made it (read from `self.meta`)."""
        return {}


class TextcatClassifier(TrainedModel):
    """Label probabilities for sentences from a spaCy `textcat` (its labels are the scheme's indexes)."""

    def __init__(self, source: str, meta: dict[str, Any] | None = None) -> None:
        super().__init__(source, meta)
        self.scheme = scheme_of(self.meta)

    def component_config(self) -> dict[str, Any]:
        return textcat_config(self.meta["architecture"])

    def probabilities(self, texts: Sequence[str]) -> list[list[float]]:
        """For each text, the probability of each of `scheme.labels`."""
        docs = self.nlp.pipe(texts, batch_size=64)
        return [[doc.cats.get(str(label), 0.0) for label in range(len(self.scheme.labels))] for doc in docs]
