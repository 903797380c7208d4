"""Shared fixtures: the seed article, its record (coded once per session), and a fresh store per backend;
`save` stores a hand-made record whose events are known in advance (relations, exports, the API);
`served` runs `communique serve` on loopback for the API and dashboard tests.

The `store` fixture runs each test on SQLite and on PostgreSQL. PostgreSQL is used when
COMMUNIQUE_TEST_POSTGRES holds its URL (`.ci/run` starts a server and sets it); without it those
runs are skipped with a reason, unless COMMUNIQUE_REQUIRE_POSTGRES=1 makes the absence a failure.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from communique import Article, Extraction, Store, extract_one
from communique.events.ontology import cameo_table
from communique.model import Coder, Event, Participant

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_FILE = EXAMPLES / "rt-2025-06-10-russia-africa.jsonl"
CLI = ROOT / ".venv" / "bin" / "communique"
SHARED = ROOT.parent / "shared"
POSTGRES = os.environ.get("COMMUNIQUE_TEST_POSTGRES")


def without_shared(part: str) -> str:
    """Why a test that reads ../shared is skipped, and where that folder comes from (#21)."""
    return (
        f"{SHARED / part} is not here: ../shared is the team's folder of dev sets, dictionaries and corpora, "
        "laid beside the repository on team machines and in CI (see the README, 'Accuracy'); not checked"
    )


def pytest_report_header() -> str | None:
    if not SHARED.is_dir():
        return f"no ../shared beside the repository ({SHARED}): accuracy floors and corpus tests will be skipped"
    return None


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


def _event(number: int, source: str, cameo: str, target: str, modality: str = "asserted") -> Event:
    code = cameo_table()[cameo]
    side = {"actor": None, "sector": "GOV"}
    return Event(
        id=f"e{number}",
        sentence=0,
        start=number,
        end=number + 1,
        trigger=code.label.split()[0].lower() or "acted",
        source=Participant(text=source, code=source + "GOV", country=source, **side),
        target=Participant(text=target, code=target + "GOV", country=target, **side),
        cameo=cameo,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        plover=code.plover,
        modality=modality,
        claimed_by=None,
        date=None,
        location=None,
        evidence=f"{source} {code.label} {target} ({number}).",
    )


def save(
    store: Store,
    id: str,
    date: str,
    *events: tuple[str, ...],
    text: str | None = None,
    outlet: str = "",
    confidence: float | None = None,
) -> str:
    """Store an article with these (source, cameo, target[, modality]) events, each with this `confidence`;
    its status."""
    body = text or f"Report {id} of {date}: " + "; ".join(" ".join(e) for e in events)
    article = Article(id=id, text=body, date=date, outlet=outlet or None)
    record = Extraction(
        id=id,
        path=None,
        title=None,
        date=date,
        url=None,
        outlet=article.outlet,
        language="en",
        text=body,
        coder=Coder(name="test", version="0", model="none"),
        events=[_event(n, *e).model_copy(update={"confidence": confidence}) for n, e in enumerate(events, 1)],
    )
    if store.status(article) == "copy":
        return store.save_copy(article)
    return store.save(record, article.content_hash, replace=True)


@contextmanager
def served(db: str, config: Path | None = None) -> Iterator[str]:
    """`communique serve` on a free port of 127.0.0.1 over `db`, as a user starts it; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(CLI), "serve", "--db", db, "--port", str(port), *(["--config", str(config)] if config else [])]
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(base + "/openapi.json", timeout=2)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"communique serve did not start: {log.read()}") from None
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)
