"""The store on SQLite and PostgreSQL: atomic, idempotent ingest; id conflicts; runs; queries that filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from communique import Article, InputError, QueryError, Store, StoreError, ingest
from communique.relations import pairs
from communique.store import queries, schema
from communique.store.sql import database_url, masked

ARTICLES = [
    Article(id="a1", text="Mali severed diplomatic ties with France on Monday.", date="2025-06-10"),
    Article(id="a2", text="China criticised Japan over the new defence pact.", date="2025-06-11"),
    Article(id="a3", text="Russia signed a trade agreement with Egypt in Cairo.", date="2025-06-12"),
]


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _counts(store: Store) -> dict[str, int]:
    return {t.name: _count(store, t) for t in (schema.articles, schema.events, schema.actors, schema.mentions)}


def test_store_url_from_path() -> None:
    assert database_url("news.db") == "sqlite:///news.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_store_masks_passwords() -> None:
    assert masked("postgresql+psycopg://user:s3cret@host/db") == "postgresql+psycopg://user:***@host/db"
    with pytest.raises(StoreError) as info:
        Store("postgresql://user:s3cret@127.0.0.1:1/nowhere")
    assert "s3cret" not in str(info.value) and "***" in str(info.value)


def test_store_uses_wal(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "wal.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL: commits do not wait for the disk


def test_store_reingest_is_idempotent(store: Store) -> None:
    first = ingest(ARTICLES, store)
    assert (first.new, first.already, first.failed) == (3, 0, [])
    counts = _counts(store)
    again = ingest([*ARTICLES, ARTICLES[0]], store)
    assert (again.new, again.already) == (0, 4)
    assert _counts(store) == counts


def test_store_same_id_other_text_is_a_conflict_unless_update(store: Store) -> None:
    ingest(ARTICLES[:1], store)
    changed = Article(id="a1", text="Niger expelled the French ambassador.", date="2025-06-10")
    report = ingest([changed, ARTICLES[1]], store)
    assert [e.code for e in report.failed] == ["E015"] and report.new == 1
    assert "--update" in str(report.failed[0]) and "text" in str(report.failed[0])
    assert [r["text"] for r in store.records(["a1"])] == [ARTICLES[0].text]
    replaced = ingest([changed], store, update=True)
    assert (replaced.updated, replaced.failed) == (1, [])
    [record] = store.records(["a1"])
    assert record["text"] == changed.text
    events = queries.events(store, queries.Filters(article="a1")).rows
    assert [e["event_id"] for e in events] == ["e1"] and events[0]["target_code"].startswith("FRA")
    assert all(e["cameo"] != "161" for e in events)  # the old article's events went with it


def test_store_new_metadata_updates_only_with_update(store: Store) -> None:
    ingest(ARTICLES[:1], store)
    redated = ARTICLES[0].model_copy(update={"date": "2025-06-20", "outlet": "Wire"})
    assert [e.code for e in ingest([redated], store).failed] == ["E015"]
    assert ingest([redated], store, update=True).updated == 1
    [record] = store.records(["a1"])
    assert (record["date"], record["outlet"]) == ("2025-06-20", "Wire")
    assert queries.events(store, queries.Filters(article="a1")).rows[0]["date"] == "2025-06-16"


def test_store_failures_are_kept_per_run(store: Store) -> None:
    bad = InputError("E001", source="empty.txt")
    first = ingest([ARTICLES[0], bad, ARTICLES[1]], store)
    assert first.new == 2 and [e.code for e in first.failed] == ["E001"]
    second = ingest([ARTICLES[0], bad], store)
    rows = queries.failures(store, queries.Filters()).rows
    assert [(r["run"], r["source"], r["code"]) for r in rows] == [(second.run, "empty.txt", "E001")]
    older = queries.failures(store, queries.Filters(run=first.run)).rows
    assert [r["source"] for r in older] == ["empty.txt"]
    with store.engine.connect() as conn:
        runs = conn.execute(select(schema.runs.c.id, schema.runs.c.new, schema.runs.c.failed)).all()
    assert sorted(runs) == sorted([(first.run, 2, 1), (second.run, 0, 1)])


def test_store_crash_mid_batch_keeps_committed_and_rerun_completes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Store.save
    calls = {"n": 0}

    def crash_on_second(self: Store, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("power cut")
        return real_save(self, *args, **kwargs)

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

    extraction = extract_one(ARTICLES[0])
    doubled = [*schema.CHILDREN, schema.CHILDREN[1]]  # events twice: the second insert breaks the key
    monkeypatch.setattr(schema, "CHILDREN", doubled)
    with pytest.raises(StoreError):
        store.save(extraction, ARTICLES[0].content_hash)
    assert _count(store, schema.articles) == 0 and _count(store, schema.events) == 0


def test_store_keeps_text_postgresql_refuses(store: Store) -> None:
    lines = [
        json.dumps({"id": "nul", "text": "Mali severed ties with France.\u0000 Niger followed.", "date": "2025-06-10"}),
        json.dumps({"id": "good", "text": "China criticised Japan over the pact.", "date": "2025-06-11"}),
    ]
    from communique.readers import read_bytes

    report = ingest(read_bytes("\n".join(lines).encode(), source="feed.jsonl"), store)
    assert (report.new, report.failed) == (2, [])
    [record] = store.records(["nul"])
    assert record["text"] == "Mali severed ties with France.\ufffd Niger followed."


def test_store_records_round_trip_through_the_contract(store: Store) -> None:
    from communique import Extraction

    ingest(ARTICLES, store)
    for record in store.records():
        assert Extraction.from_dict(record).to_dict() == record


def test_store_made_before_a_new_column_gains_it_on_open(store: Store) -> None:
    """A store from an older contract (no `events.part`, added in 1.1) opens and takes new articles."""
    ingest(ARTICLES[:1], store)
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE events DROP COLUMN part"))
    reopened = Store(store.url)
    try:
        ingest(ARTICLES[1:], reopened)
        with reopened.engine.connect() as conn:
            parts = dict(conn.execute(select(schema.events.c.article, schema.events.c.part)).all())
    finally:
        reopened.engine.dispose()
    assert parts["a1"] is None and {parts[a] for a in parts if a != "a1"} == {"text"}


def test_store_queries_filter(store: Store) -> None:
    ingest(ARTICLES, store)
    events = queries.events(store, queries.Filters(dyad="FRA-MLI")).rows
    assert [(e["source_code"], e["cameo"], e["target_code"]) for e in events] == [("MLI", "161", "FRA")]
    assert events[0]["date"] == "2025-06-09"
    assert queries.events(store, queries.Filters(cameo="16", source="MLI")).rows
    assert not queries.events(store, queries.Filters(plover="ASSAULT")).rows
    assert {e["article"] for e in queries.events(store, queries.Filters(since="2025-06-11")).rows} == {"a2", "a3"}
    assert {e["article"] for e in queries.events(store, queries.Filters(until="2025-06-10")).rows} == {"a1"}
    assert {a["country"] for a in queries.actors(store, queries.Filters(article="a3")).rows} == {"RUS", "EGY"}
    relations = {(r["source"], r["target"]): r for r in pairs(store, queries.Filters()).rows}
    assert relations[("MLI", "FRA")]["material_conflict"] == 1
    assert relations[("MLI", "FRA")]["mean_goldstein"] == -4.0
    assert relations[("MLI", "FRA")]["first"] == "2025-06-09"
    assert relations[("CHN", "JPN")]["verbal_conflict"] == 1
    assert len(queries.events(store, queries.Filters(limit=1)).rows) == 1


def test_store_relations_count_asserted_events_unless_asked(store: Store) -> None:
    texts = {
        "done": "Iran attacked Israel.",
        "denied": "Iran denied attacking Israel.",
        "maybe": "Iran could attack Israel.",
        "plan": "Iran plans to attack Israel.",
    }
    ingest([Article(id=k, text=v, date="2025-01-0" + str(i + 1)) for i, (k, v) in enumerate(texts.items())], store)
    modalities = {e["article"]: e["modality"] for e in queries.events(store, queries.Filters()).rows}
    assert modalities == {"done": "asserted", "denied": "negated", "maybe": "hypothetical", "plan": "intended"}

    def counted(**options: str) -> int:
        rows = pairs(store, queries.Filters(dyad="IRN-ISR", **options)).rows
        return sum(r["events"] for r in rows)

    assert counted() == 1
    assert counted(modality="negated") == 1
    assert counted(modality="all") == 4


def test_store_events_of_a_blocs_members(store: Store) -> None:
    texts = {"sahel": "Mali accused France of espionage.", "pacific": "Japan praised Australia."}
    ingest([Article(id=k, text=v, date="2025-01-01") for k, v in texts.items()], store)

    def articles(bloc: str) -> set[str]:
        return {row["article"] for row in queries.events(store, queries.Filters(member_of=bloc)).rows}

    assert articles("AES") == articles("igowafaes") == {"sahel"}  # by key or by actor code
    assert articles("EU") == {"sahel"}  # France, on the target side
    assert articles("G7") == {"sahel", "pacific"}
    assert articles("GCC") == set()
    relations = pairs(store, queries.Filters(member_of="AU")).rows
    assert {(r["source"], r["target"]) for r in relations} == {("MLI", "FRA")}


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"source": "%"}, "source"),
        ({"source": "_"}, "source"),
        ({"target": "R%S"}, "target"),
        ({"dyad": "RUS"}, "dyad"),
        ({"dyad": "RUS-"}, "dyad"),
        ({"cameo": "1_"}, "cameo"),
        ({"since": "not-a-date"}, "since"),
        ({"until": "2025-13-45"}, "until"),
        ({"limit": 0}, "limit"),
        ({"limit": -1}, "limit"),
        ({"modality": "sure"}, "modality"),
        ({"member_of": "WARSAW-PACT"}, "member-of"),
        # undecodable bytes on a command line arrive as lone surrogates, which no store can bind
        ({"article": "\udcff"}, "article"),
        ({"search": "Mali \ud800"}, "search"),
    ],
)
def test_store_filters_refuse_values_they_do_not_take(options: dict[str, object], option: str) -> None:
    with pytest.raises(QueryError) as info:
        queries.Filters(**options)  # type: ignore[arg-type]
    assert info.value.code == "E019" and f"--{option}" in str(info.value)


def test_store_filters_normalise() -> None:
    filters = queries.Filters(source="rus", since="June 10, 2025", until="2025-06")
    assert (filters.source, filters.since, filters.until) == ("RUS", "2025-06-10", "2025-06")


def test_store_query_commands_do_not_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError) as info:
        Store(str(missing), create=False)
    assert info.value.code == "E016" and not missing.exists()


def test_store_bad_url_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(str(tmp_path / "missing-dir" / "x.db"))
    assert info.value.code == "E011"
