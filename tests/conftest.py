"""Shared fixtures: the seed article, its record (coded once per session), and a fresh store per backend.

The `store` fixture runs each test on SQLite and on PostgreSQL. PostgreSQL is used when
COMMUNIQUE_TEST_POSTGRES holds its URL (`.ci/run` starts a server and sets it); without it those
runs are skipped with a reason, unless COMMUNIQUE_REQUIRE_POSTGRES=1 makes the absence a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from communique import Article, Extraction, Store, extract_one

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_FILE = EXAMPLES / "rt-2025-06-10-russia-africa.jsonl"
CLI = ROOT / ".venv" / "bin" / "communique"
SHARED = ROOT.parent / "shared"
POSTGRES = os.environ.get("COMMUNIQUE_TEST_POSTGRES")


@pytest.fixture(scope="session")
def seed_article() -> Article:
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    return Article(**data)


@pytest.fixture(scope="session")
def seed_record(seed_article: Article) -> Extraction:
    return extract_one(seed_article)


def postgres_url() -> str:
    """The test server's URL, or a skip (a failure when CI requires the server)."""
    if not POSTGRES:
        if os.environ.get("COMMUNIQUE_REQUIRE_POSTGRES") == "1":
            pytest.fail("COMMUNIQUE_TEST_POSTGRES is not set but CI requires PostgreSQL")
        pytest.skip("no PostgreSQL: run scripts/postgres-for-tests.sh and set COMMUNIQUE_TEST_POSTGRES")
    return POSTGRES


def empty_postgres() -> Store:
    from communique.store import schema

    store = Store(postgres_url())
    schema.metadata.drop_all(store.engine)
    schema.metadata.create_all(store.engine)
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        store = Store(str(tmp_path / "test.db"))
    else:
        store = empty_postgres()
    yield store
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL for CLI tests: a SQLite file not yet created, or the emptied PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "cli.db")
    empty_postgres().engine.dispose()
    return postgres_url()
