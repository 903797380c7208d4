"""`communique train`: the quad-class event classifier, learnt from labelled sentences.

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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy
from spacy import about
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from thinc.api import fix_random_seed

from . import __version__
from .errors import TrainingError
from .evaluate import label_scores, plover_type
from .events.classifier import LABELS, META, WEIGHTS, textcat_config
from .events.ontology import cameo_table, quad_label

NEAR_DUPLICATE = 0.6  # word-set Jaccard at or above which two sentences count as one story
Progress = Callable[[str], None]  # called after each step with the name of the next


@dataclass(frozen=True)
class Labelled:
    text: str
    label: int  # index into LABELS


@dataclass(frozen=True)
class TrainingFile:
    path: Path
    licence: str
    sha256: str
    examples: list[Labelled]


@dataclass(frozen=True)
class Settings:
    architecture: str = "ensemble"
    epochs: int = 10
    folds: int = 5
    seed: int = 0
    dropout: float = 0.2
    batch_size: int = 16


def read_training_file(path: Path, licence: str) -> TrainingFile:
    """A labelled file in one of the formats of the development sets, by its suffix."""
    readers = {".tsv": _conflibert_rows, ".json": _plover_records, ".jsonl": _communique_records}
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
        if not sentence or label.strip() not in {str(i) for i in range(len(LABELS))}:
            raise ValueError(f"line {number} is not 'sentence<TAB>label 0-4'")
        rows.append(Labelled(sentence.strip(), int(label)))
    return rows


def _plover_records(text: str) -> list[Labelled]:
    """PLOVER records: the event type's quad class (the most common among the CAMEO codes of that type)."""
    labels = _plover_labels()
    return [
        Labelled(record["text"], labels[plover_type(record["event"])])
        for record in json.loads(text)
        if record.get("text") and plover_type(record.get("event", "")) in labels
    ]


def _plover_labels() -> dict[str, int]:
    counts: dict[str, Counter[int]] = {}
    for code, entry in cameo_table().items():
        counts.setdefault(entry.plover.type, Counter())[quad_label(code)] += 1
    return {ptype: counter.most_common(1)[0][0] for ptype, counter in counts.items()}


def _communique_records(text: str) -> list[Labelled]:
    """Our own records (`communique extract --format jsonl`): each event's evidence with its code's label."""
    examples: dict[str, Labelled] = {}
    for line in text.splitlines():
        if line.strip():
            for event in json.loads(line)["events"]:
                examples.setdefault(event["evidence"], Labelled(event["evidence"], quad_label(event["cameo"])))
    return list(examples.values())


def train(files: Sequence[TrainingFile], output: Path, settings: Settings, progress: Progress) -> dict[str, Any]:
    """Cross-validate, train on everything, write the model folder; returns its metadata (figures included)."""
    examples = [example for file in files for example in file.examples]
    if len(examples) < settings.folds * len(LABELS):
        raise TrainingError(
            "E023", source=", ".join(str(f.path) for f in files), detail=f"{len(examples)} sentences are too few"
        )
    folds = assign_folds(examples, settings.folds, settings.seed)
    gold: list[int] = []
    guessed: list[int] = []
    for fold in range(settings.folds):
        held = [e for e, f in zip(examples, folds, strict=True) if f == fold]
        model = fit([e for e, f in zip(examples, folds, strict=True) if f != fold], settings)
        gold += [e.label for e in held]
        guessed += predict(model, [e.text for e in held])
        progress(f"fold {fold + 2}/{settings.folds}" if fold + 1 < settings.folds else "training on all sentences")
    accuracy, f1s = label_scores(gold, guessed, labels=len(LABELS))
    model = fit(examples, settings)
    progress("written")
    meta = {
        "name": f"quad-{settings.architecture}",
        "backend": "spacy",
        "architecture": settings.architecture,
        "language": "en",
        "labels": list(LABELS),
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "communique": __version__,
        "spacy": about.__version__,
        "settings": settings.__dict__,
        "training_files": [
            {"file": f.path.name, "sha256": f.sha256, "sentences": len(f.examples), "licence": f.licence} for f in files
        ],
        "cross_validation": {
            "folds": settings.folds,
            "sentences": len(gold),
            "accuracy": round(accuracy, 4),
            "macro_f1": round(sum(f1s) / len(f1s), 4),
            "f1": {label: round(f1, 4) for label, f1 in zip(LABELS, f1s, strict=True)},
        },
    }
    output.mkdir(parents=True, exist_ok=True)
    _textcat(model).to_disk(output / WEIGHTS, exclude=["vocab"])
    (output / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (output / "NOTICE.md").write_text(notice(meta), encoding="utf-8")
    return meta


def fit(examples: Sequence[Labelled], settings: Settings) -> Language:
    """A blank English pipeline with a `textcat` trained on `examples` (seeded: the same run twice is the same)."""
    fix_random_seed(settings.seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config=textcat_config(settings.architecture))
    textcat = _textcat(nlp)
    for label in range(len(LABELS)):
        textcat.add_label(str(label))
    batch = [
        Example.from_dict(nlp.make_doc(e.text), {"cats": {str(i): float(i == e.label) for i in range(len(LABELS))}})
        for e in examples
    ]
    optimizer = nlp.initialize(lambda: batch)
    order = random.Random(settings.seed)
    for _ in range(settings.epochs):
        order.shuffle(batch)
        for start in range(0, len(batch), settings.batch_size):
            nlp.update(batch[start : start + settings.batch_size], sgd=optimizer, drop=settings.dropout)
    return nlp


def _textcat(nlp: Language) -> TextCategorizer:
    textcat = nlp.get_pipe("textcat")
    assert isinstance(textcat, TextCategorizer)
    return textcat


def predict(nlp: Language, texts: Iterable[str]) -> list[int]:
    return [int(max(doc.cats, key=doc.cats.__getitem__)) for doc in nlp.pipe(texts)]


def assign_folds(examples: Sequence[Labelled], folds: int, seed: int) -> list[int]:
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
    lines = [
        f"# {meta['name']} ({meta['trained']})",
        "",
        f"A spaCy `textcat` ({meta['architecture']}) trained by `communique train` {meta['communique']} "
        f"(spaCy {meta['spacy']}, seed {meta['settings']['seed']}). The weights are hashed features "
        "only: no vocabulary and no training sentence is stored.",
        "",
        "Trained on:",
        "",
        *(
            f"- `{f['file']}` ({f['sentences']} sentences, sha256 {f['sha256'][:12]}): {f['licence']}"
            for f in meta["training_files"]
        ),
        "",
        f"{cv['folds']}-fold cross-validation on these sentences (near-duplicates kept in one fold): "
        f"accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}.",
        "",
    ]
    return "\n".join(lines)
