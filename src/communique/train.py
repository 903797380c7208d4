"""`communique train`: the event classifier and the participant tagger, learnt from labelled sentences.

Every run first measures what it is about to ship: k-fold cross-validation with a fixed seed, where
near-duplicate sentences (the same wire story twice) always fall in the same fold, so no figure
comes from a sentence the model saw. Then it trains on everything and writes a model folder with
the weights, the figures and a notice naming each training file and its licence.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy
from spacy import about
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example, iob_to_biluo
from thinc.api import fix_random_seed

from . import __version__
from .errors import TrainingError
from .evaluate import label_scores, plover_type
from .events.classifier import META, WEIGHTS, textcat_config
from .events.labels import NONE, QUAD_LABELS, Scheme, scheme_for
from .events.ontology import cameo_table
from .events.tags import PARTICIPANT_LABELS, Tagged, read_tagged, tagged_spans
from .events.transformer import ADAPTER, BASE_PACKAGE, Recipe, TransformerClassifier, TransformerTagger, libraries

NEAR_DUPLICATE = 0.6  # word-set Jaccard at or above which two sentences count as one story
Progress = Callable[[str], None]  # called after each step with the name of the next
HEADS = {"quad": "quad-class", "plover": "PLOVER-type", "participants": "word-tag"}  # as a notice names them


@dataclass(frozen=True)
class Labelled:
    """A sentence and its label (a quad class, a PLOVER type, or `none`): what the event classifier learns."""

    text: str
    label: str


Labelled_ = Labelled | Tagged


@dataclass(frozen=True)
class TrainingFile:
    path: Path
    licence: str
    sha256: str
    examples: Sequence[Labelled_]


@dataclass(frozen=True)
class Settings:
    backend: str = "spacy"  # or "transformer" (needs communique[transformer])
    architecture: str = "ensemble"  # of the spaCy textcat
    epochs: int = 10
    folds: int = 5
    seed: int = 0
    dropout: float = 0.2
    batch_size: int = 16


DEFAULT_EPOCHS = {"spacy": Settings.epochs, "transformer": Recipe.epochs}


def read_training_file(path: Path, licence: str) -> TrainingFile:
    """A labelled file in one of the formats of the development sets, by its suffix."""
    readers: dict[str, Callable[[str], Sequence[Labelled_]]] = {
        ".tsv": _conflibert_rows,
        ".txt": read_tagged,
        ".json": _plover_records,
        ".jsonl": _communique_records,
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise TrainingError("E023", source=str(path), detail=f"unknown suffix {path.suffix!r}")
    try:
        data = path.read_bytes()
        examples = reader(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise TrainingError("E023", source=str(path), detail=f"cannot read it ({error})") from error
    if not examples:
        raise TrainingError("E023", source=str(path), detail="it holds no labelled sentence")
    return TrainingFile(path, licence, hashlib.sha256(data).hexdigest(), examples)


def _conflibert_rows(text: str) -> list[Labelled]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        sentence, _, label = line.rpartition("\t")
        if not sentence or label.strip() not in {str(i) for i in range(len(QUAD_LABELS))}:
            raise ValueError(f"line {number} is not 'sentence<TAB>label 0-4'")
        rows.append(Labelled(sentence.strip(), QUAD_LABELS[int(label)]))
    return rows


def _plover_records(text: str) -> list[Labelled]:
    """PLOVER records: each sentence with its event type (old type names read as today's)."""
    types = {entry.plover.type for entry in cameo_table().values()}
    return [
        Labelled(record["text"], plover_type(record["event"]))
        for record in json.loads(text)
        if record.get("text") and plover_type(record.get("event", "")) in types
    ]


def _communique_records(text: str) -> list[Labelled]:
    """Our own records (`communique extract --format jsonl`, corrected by hand): each event's evidence with
    its PLOVER type, and the text of a record without events as `none`, so the model learns 'no event'."""
    examples: dict[str, Labelled] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        for event in record["events"]:
            examples.setdefault(event["evidence"], Labelled(event["evidence"], event["plover"]["type"]))
        if not record["events"] and record.get("text", "").strip():
            examples.setdefault(record["text"].strip(), Labelled(record["text"].strip(), NONE))
    return list(examples.values())


def train(files: Sequence[TrainingFile], output: Path, settings: Settings, progress: Progress) -> dict[str, Any]:
    """Cross-validate, train on everything, write the model folder; returns its metadata (figures included).

    Labelled sentences train the event classifier (quad classes or PLOVER types, as the files give);
    word-tagged sentences the participant tagger.
    """
    if settings.backend == "transformer":
        libraries()  # a missing extra is said before the data is judged
    examples = [example for file in files for example in file.examples]
    sources = ", ".join(str(f.path) for f in files)
    learner: Learner
    if all(isinstance(e, Labelled) for e in examples):
        try:
            scheme = scheme_for(e.label for e in examples if isinstance(e, Labelled))
        except ValueError as error:
            raise TrainingError("E023", source=sources, detail=str(error)) from error
        kind = TransformerClassLearner if settings.backend == "transformer" else ClassLearner
        learner = kind(settings, scheme)
    elif all(isinstance(e, Tagged) for e in examples):
        learner = (
            TransformerParticipantLearner(settings)
            if settings.backend == "transformer"
            else ParticipantLearner(settings)
        )
    else:
        raise TrainingError("E023", source=sources, detail="labelled and word-tagged files cannot train one model")
    if len(examples) < settings.folds * len(learner.labels):
        raise TrainingError("E023", source=sources, detail=f"{len(examples)} sentences are too few")
    folds = assign_folds(examples, settings.folds, settings.seed)
    for fold in range(settings.folds):
        held = [e for e, f in zip(examples, folds, strict=True) if f == fold]
        model = learner.fit([e for e, f in zip(examples, folds, strict=True) if f != fold])
        learner.score(model, held)
        progress(f"fold {fold + 2}/{settings.folds}" if fold + 1 < settings.folds else "training on all sentences")
    figures = learner.figures()
    model = learner.fit(examples)
    progress("written")
    meta = {
        "name": learner.name,
        "task": learner.task,
        "backend": settings.backend,
        "component": learner.component,
        "architecture": learner.architecture,
        "language": "en",
        "labels": list(learner.labels),
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "communique": __version__,
        "spacy": about.__version__,
        "settings": learner.settings_record(),
        "training_files": [
            {"file": f.path.name, "sha256": f.sha256, "sentences": len(f.examples), "licence": f.licence} for f in files
        ],
        "cross_validation": {"folds": settings.folds, "sentences": len(examples), **figures},
    }
    output.mkdir(parents=True, exist_ok=True)
    learner.save(model, output)
    (output / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (output / "NOTICE.md").write_text(notice(meta), encoding="utf-8")
    return meta


class Learner(ABC):
    """What differs between the models `train` makes: how one is fitted and how held-back sentences score."""

    task: str
    component: str
    labels: Sequence[str]

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def name(self) -> str:
        return f"{self.task}-{self.component}"

    @property
    def architecture(self) -> str:
        return self.settings.architecture

    def settings_record(self) -> dict[str, Any]:
        """The settings that made the model, as its metadata records them."""
        return dict(self.settings.__dict__)

    @abstractmethod
    def fit(self, examples: Sequence[Labelled_]) -> Any:
        """A model trained on `examples` (for spaCy, a blank English pipeline with the learner's component)."""

    @abstractmethod
    def score(self, model: Any, held: Sequence[Labelled_]) -> None:
        """Count how `model` does on the held-back examples (accumulated over the folds)."""

    def save(self, model: Any, folder: Path) -> None:
        """Write the trained weights into the model folder (spaCy: the component, without vocabulary)."""
        model.get_pipe(self.component).to_disk(folder / self.component, exclude=["vocab"])

    @abstractmethod
    def figures(self) -> dict[str, Any]:
        """The cross-validation figures counted so far."""

    def _fit(self, nlp: Language, batch: list[Example]) -> Language:
        """Seeded minibatch training of `nlp` on `batch` (the same run twice gives the same weights)."""
        optimizer = nlp.initialize(lambda: batch)
        order = random.Random(self.settings.seed)
        size = self.settings.batch_size
        for _ in range(self.settings.epochs):
            order.shuffle(batch)
            for start in range(0, len(batch), size):
                nlp.update(batch[start : start + size], sgd=optimizer, drop=self.settings.dropout)
        return nlp


class ClassLearner(Learner):
    """The event classifier: a `textcat` over the scheme's labels, scored by accuracy and per-label F1."""

    component = WEIGHTS

    def __init__(self, settings: Settings, scheme: Scheme) -> None:
        super().__init__(settings)
        self.scheme = scheme
        self.task, self.labels = scheme.task, scheme.labels
        self.gold: list[int] = []
        self.guessed: list[int] = []

    @property
    def name(self) -> str:
        return f"{self.task}-{self.settings.architecture}"

    def fit(self, examples: Sequence[Labelled_]) -> Language:
        fix_random_seed(self.settings.seed)
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat", config=textcat_config(self.settings.architecture))
        assert isinstance(textcat, TextCategorizer)
        indexes = range(len(self.labels))
        for index in indexes:
            textcat.add_label(str(index))
        batch = [
            Example.from_dict(nlp.make_doc(e.text), {"cats": {str(i): float(i == self.index(e)) for i in indexes}})
            for e in examples
            if isinstance(e, Labelled)
        ]
        return self._fit(nlp, batch)

    def index(self, example: Labelled) -> int:
        return self.labels.index(example.label)

    def score(self, model: Any, held: Sequence[Labelled_]) -> None:
        self.gold += [self.index(e) for e in held if isinstance(e, Labelled)]
        probabilities = self.probabilities(model, [e.text for e in held])
        self.guessed += [p.index(max(p)) for p in probabilities]

    def probabilities(self, model: Any, texts: Sequence[str]) -> list[list[float]]:
        return [[doc.cats[str(index)] for index in range(len(self.labels))] for doc in model.pipe(texts)]

    def figures(self) -> dict[str, Any]:
        accuracy, f1s = label_scores(self.gold, self.guessed, labels=len(self.labels))
        return {
            "accuracy": round(accuracy, 4),
            "macro_f1": round(sum(f1s) / len(f1s), 4),
            "f1": {label: round(f1, 4) for label, f1 in zip(self.labels, f1s, strict=True)},
        }


class TransformerLearner(Learner):
    """What the transformer backend changes in a learner: a LoRA adapter on MiniLM (the extra), its recipe."""

    component = ADAPTER

    @property
    def name(self) -> str:
        return f"{self.task}-minilm-lora"

    @property
    def architecture(self) -> str:
        return f"minilm-lora-r{self.recipe.rank}"

    @property
    def recipe(self) -> Recipe:
        return Recipe(epochs=self.settings.epochs, seed=self.settings.seed, batch_size=self.settings.batch_size)

    def settings_record(self) -> dict[str, Any]:
        return {"backend": self.settings.backend, "folds": self.settings.folds, **self.recipe.__dict__}

    def save(self, model: Any, folder: Path) -> None:
        model.save(folder)


class TransformerClassLearner(TransformerLearner, ClassLearner):
    """The event classifier as MiniLM with a LoRA adapter and a head over the scheme's labels."""

    def fit(self, examples: Sequence[Labelled_]) -> Any:
        labelled = [e for e in examples if isinstance(e, Labelled)]
        return TransformerClassifier.fit(
            [e.text for e in labelled], [self.index(e) for e in labelled], self.scheme, self.recipe
        )

    def probabilities(self, model: Any, texts: Sequence[str]) -> list[list[float]]:
        return list(model.probabilities(texts))


class ParticipantLearner(Learner):
    """The participant tagger: spaCy's `ner` over source, target and reciprocal spans, scored by exact spans."""

    task, component, labels = "participants", "ner", tuple(PARTICIPANT_LABELS.values())

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.counts: Counter[tuple[str, str]] = Counter()  # (label, "tp" / "fp" / "fn")

    def fit(self, examples: Sequence[Labelled_]) -> Any:
        fix_random_seed(self.settings.seed)
        nlp = spacy.blank("en")
        ner = nlp.add_pipe("ner")
        for label in self.labels:
            ner.add_label(label)  # type: ignore[attr-defined]
        batch = [
            Example.from_dict(Doc(nlp.vocab, words=list(e.words)), {"entities": iob_to_biluo(word_tags(e))})
            for e in examples
            if isinstance(e, Tagged)
        ]
        return self._fit(nlp, batch)

    def score(self, model: Any, held: Sequence[Labelled_]) -> None:
        tagged = [e for e in held if isinstance(e, Tagged)]
        for example, found in zip(tagged, self.found(model, tagged), strict=True):
            gold = set(tagged_spans(word_tags(example)))
            for outcome, spans in (("tp", gold & found), ("fp", found - gold), ("fn", gold - found)):
                self.counts.update((label, outcome) for _, _, label in spans)

    def found(self, model: Any, tagged: Sequence[Tagged]) -> list[set[tuple[int, int, str]]]:
        """The (start, end, label) word spans the model finds in each sentence."""
        docs = model.pipe(Doc(model.vocab, words=list(e.words)) for e in tagged)
        return [{(s.start, s.end, s.label_) for s in doc.ents} for doc in docs]

    def figures(self) -> dict[str, Any]:
        def f1(labels: Sequence[str]) -> float:
            tp, fp, fn = (sum(self.counts[(label, outcome)] for label in labels) for outcome in ("tp", "fp", "fn"))
            return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0

        return {"span_f1": f1(self.labels), "f1": {label: f1([label]) for label in self.labels}}


class TransformerParticipantLearner(TransformerLearner, ParticipantLearner):
    """The participant tagger as MiniLM with a LoRA adapter and a head over the word tags."""

    def fit(self, examples: Sequence[Labelled_]) -> Any:
        tagged = [e for e in examples if isinstance(e, Tagged)]
        return TransformerTagger.fit([e.words for e in tagged], [word_tags(e) for e in tagged], self.recipe)

    def found(self, model: Any, tagged: Sequence[Tagged]) -> list[set[tuple[int, int, str]]]:
        return [set(tagged_spans(tags)) for tags in model.word_tags([e.words for e in tagged])]


def word_tags(tagged: Tagged) -> list[str]:
    """ConfliBERT's tags with the span labels spelt out ('B-S' -> 'B-SOURCE')."""
    return [tag if tag == "O" else f"{tag[:2]}{PARTICIPANT_LABELS[tag[2:]]}" for tag in tagged.tags]


def assign_folds(examples: Sequence[Labelled_], folds: int, seed: int) -> list[int]:
    """A fold for each example; near-duplicates share one, so held-back sentences are truly unseen."""
    words = [frozenset(re.findall(r"\w+", e.text.lower())) for e in examples]
    group = list(range(len(examples)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    by_word: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for word in ws:
            by_word.setdefault(word, []).append(i)
    rare = max(2, len(examples) // 20)  # near-duplicates share rare words too; common ones only cost time
    for i, ws in enumerate(words):
        candidates = {j for word in ws if len(by_word[word]) <= rare for j in by_word[word] if j > i}
        for j in candidates:
            if len(ws & words[j]) / max(1, len(ws | words[j])) >= NEAR_DUPLICATE:
                group[root(j)] = root(i)
    roots = sorted({root(i) for i in range(len(examples))})
    random.Random(seed).shuffle(roots)
    fold_of = {r: n % folds for n, r in enumerate(roots)}
    return [fold_of[root(i)] for i in range(len(examples))]


def notice(meta: dict[str, Any]) -> str:
    """The notice shipped with a model: what it was trained on, under which licence, and how well it did."""
    cv = meta["cross_validation"]
    score = (
        f"exact-span F1 {cv['span_f1']:.3f}"
        if meta["task"] == "participants"
        else f"accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}"
    )
    made = f"trained by `communique train` {meta['communique']} (seed {meta['settings']['seed']})"
    what = (
        f"A LoRA adapter and {HEADS[meta['task']]} head for all-MiniLM-L6-v2 (Apache-2.0, from the `{BASE_PACKAGE}` "
        f"package, which must be installed beside it), {made}. No training sentence is stored."
        if meta["backend"] == "transformer"
        else f"A spaCy {meta['spacy']} `{meta['component']}` {made}. The weights are hashed features only: "
        "no vocabulary and no training sentence is stored."
    )
    lines = [
        f"# {meta['name']} ({meta['trained']})",
        "",
        what,
        "",
        "Trained on:",
        "",
        *(
            f"- `{f['file']}` ({f['sentences']} sentences, sha256 {f['sha256'][:12]}): {f['licence']}"
            for f in meta["training_files"]
        ),
        "",
        f"{cv['folds']}-fold cross-validation on these sentences (near-duplicates kept in one fold): {score}.",
        "",
    ]
    return "\n".join(lines)
