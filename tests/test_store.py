"""The store: atomic, idempotent ingest; a crash mid-batch keeps what was committed; queries filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from communique import Article, InputError, Store, ingest
from communique.store import queries, schema
from communique.store.sql import database_url

ARTICLES = [
    Article(id="a1", text="Mali severed diplomatic ties with France on Monday.", date="2025-06-10"),
    Article(id="a2", text="China criticised Japan over the new defence pact.", date="2025-06-11"),
    Article(id="a3", text="Russia signed a trade agreement with Egypt in Cairo.", date="2025-06-12"),
]


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_store_url_from_path() -> None:
    assert database_url("news.db") == "sqlite:///news.db"
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_store_uses_wal(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_store_reingest_is_idempotent(store: Store) -> None:
    first = ingest(ARTICLES, store)
    assert (first.new, first.already, first.failed) == (3, 0, [])
    counts = {t.name: _count(store, t) for t in (schema.articles, schema.events, schema.actors, schema.mentions)}
    again = ingest([*ARTICLES, ARTICLES[0]], store)
    assert (again.new, again.already) == (0, 4)
    assert counts == {
        t.name: _count(store, t) for t in (schema.articles, schema.events, schema.actors, schema.mentions)
    }


def test_store_failure_in_batch_is_recorded_and_others_stored(store: Store) -> None:
    bad = InputError("E001", source="empty.txt")
    report = ingest([ARTICLES[0], bad, ARTICLES[1]], store)
    assert report.new == 2 and [e.code for e in report.failed] == ["E001"]
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.failures.c.source, schema.failures.c.code)).all() == [("empty.txt", "E001")]


def test_store_crash_mid_batch_keeps_committed_and_rerun_completes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Store.save
    calls = {"n": 0}

    def crash_on_second(self: Store, extraction, content_hash):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("power cut")
        return real_save(self, extraction, content_hash)

    monkeypatch.setattr(Store, "save", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        ingest(ARTICLES, store)
    monkeypatch.setattr(Store, "save", real_save)
    assert [r["id"] for r in store.records()] == ["a1"]
    report = ingest(ARTICLES, store)
    assert (report.new, report.already) == (2, 1)
    assert sorted(r["id"] for r in store.records()) == ["a1", "a2", "a3"]


def test_store_a_failed_write_leaves_no_half_article(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.pipeline import extract_one
    from communique.store import sql

    extraction = extract_one(ARTICLES[0])
    real_rows = sql._child_rows

    def broken_rows(record, key):  # type: ignore[no-untyped-def]
        rows = real_rows(record, key)
        return [*rows, (schema.events, [{"article": key, "event_id": "e1"}])]  # duplicate key: the insert fails

    monkeypatch.setattr(sql, "_child_rows", broken_rows)
    assert store.save(extraction, ARTICLES[0].content_hash) is False
    assert _count(store, schema.articles) == 0 and _count(store, schema.events) == 0


def test_store_queries_filter(store: Store) -> None:
    ingest(ARTICLES, store)
    events = queries.events(store, queries.Filters(dyad="FRA-MLI"))
    assert [(e["source_code"], e["cameo"], e["target_code"]) for e in events] == [("MLI", "161", "FRA")]
    assert events[0]["date"] == "2025-06-09"
    assert queries.events(store, queries.Filters(cameo="16", source="MLI"))
    assert not queries.events(store, queries.Filters(plover="ASSAULT"))
    assert [e["article"] for e in queries.events(store, queries.Filters(since="2025-06-11"))] == ["a2", "a3"]
    assert [e["article"] for e in queries.events(store, queries.Filters(until="2025-06-10"))] == ["a1"]
    assert {a["country"] for a in queries.actors(store, queries.Filters(article="a3"))} == {"RUS", "EGY"}
    relations = {(r["source"], r["target"]): r for r in queries.relations(store, queries.Filters())}
    assert relations[("MLI", "FRA")]["material_conflict"] == 1
    assert relations[("MLI", "FRA")]["first"] == "2025-06-09"
    assert relations[("CHN", "JPN")]["verbal_conflict"] == 1


def test_store_bad_url_is_a_store_error(tmp_path: Path) -> None:
    from communique import StoreError

    with pytest.raises(StoreError) as info:
        Store(str(tmp_path / "missing-dir" / "x.db"))
    assert info.value.code == "E011"
