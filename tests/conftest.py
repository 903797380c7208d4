"""Shared fixtures: the seed article, its record (coded once per session), and a fresh store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import Article, Extraction, Store, extract_one

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_FILE = EXAMPLES / "rt-2025-06-10-russia-africa.jsonl"
CLI = ROOT / ".venv" / "bin" / "communique"


@pytest.fixture(scope="session")
def seed_article() -> Article:
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    return Article(**data)


@pytest.fixture(scope="session")
def seed_record(seed_article: Article) -> Extraction:
    return extract_one(seed_article)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(str(tmp_path / "test.db"))
