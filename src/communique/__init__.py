"""communique: news articles in, evidence-linked records of international relations out.

>>> import communique
>>> nlp = communique.load()
>>> record = communique.extract_one(communique.Article(id="a", text="Mali severed diplomatic ties with France."))

Names are imported on first use, so `import communique` (and `communique --help`) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_EXPORTS = {
    "Actor": "model",
    "Article": "model",
    "Event": "model",
    "Extraction": "model",
    "Figure": "model",
    "Quote": "model",
    "CommuniqueError": "errors",
    "ConfigError": "errors",
    "InputError": "errors",
    "InternalError": "errors",
    "LanguageError": "errors",
    "QueryError": "errors",
    "StoreError": "errors",
    "TrainingError": "errors",
    "read_paths": "readers",
    "Reader": "readers",
    "load": "nlp",
    "extract": "pipeline",
    "extract_one": "pipeline",
    "ingest": "runs",
    "Store": "store.sql",
    "evaluate": "evaluate",
    "train": "train",
}

__all__ = [
    "Actor",
    "Article",
    "CommuniqueError",
    "ConfigError",
    "Event",
    "Extraction",
    "Figure",
    "InputError",
    "InternalError",
    "LanguageError",
    "QueryError",
    "Quote",
    "Reader",
    "Store",
    "StoreError",
    "TrainingError",
    "evaluate",
    "extract",
    "extract_one",
    "ingest",
    "load",
    "read_paths",
    "train",
    "__version__",
]

if TYPE_CHECKING:
    from .errors import (
        CommuniqueError,
        ConfigError,
        InputError,
        InternalError,
        LanguageError,
        QueryError,
        StoreError,
        TrainingError,
    )
    from .evaluate import evaluate
    from .model import Actor, Article, Event, Extraction, Figure, Quote
    from .nlp import load
    from .pipeline import extract, extract_one
    from .readers import Reader, read_paths
    from .runs import ingest
    from .store.sql import Store
    from .train import train


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'communique' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
