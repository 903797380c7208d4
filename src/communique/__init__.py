"""communique: news articles in, evidence-linked records of international relations out.

>>> from communique import Article, extract_one
>>> record = extract_one(Article(id="a", text="Mali severed diplomatic ties with France.", date="2025-06-10"))
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import CommuniqueError, InputError, LanguageError, StoreError  # noqa: E402
from .ingest import read_paths  # noqa: E402
from .model import Actor, Article, Event, Extraction, Figure, Quote  # noqa: E402
from .pipeline import extract, extract_one  # noqa: E402
from .store.load import ingest  # noqa: E402
from .store.sql import Store  # noqa: E402

__all__ = [
    "Actor",
    "Article",
    "CommuniqueError",
    "Event",
    "Extraction",
    "Figure",
    "InputError",
    "LanguageError",
    "Quote",
    "Store",
    "StoreError",
    "extract",
    "extract_one",
    "ingest",
    "read_paths",
    "__version__",
]
