"""Scale: batches, a process pool, a real Dask LocalCluster writing Parquet, `load` and `sql`.

The pool and cluster tests compare their records with one process's on the same articles: the
same pipeline, so the same records, whoever codes them.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from communique import Article, CommuniqueError, InputError, Store, extract, ingest
from communique.cluster import ingest_on_dask
from communique.parallel import extract_in_pool
from communique.pipeline import batches
from communique.runs import load_records
from communique.store.parquet import read_copies, read_records
from conftest import CLI, EXAMPLES, SEED_FILE

STORIES = [
    Article(id="s1", text="Mali severed diplomatic ties with France on Monday. Prices rose.", date="2025-06-10"),
    Article(id="s2", text="China criticised Japan over the new defence pact.", date="2025-06-11"),
    Article(
        id="s3",
        text="Le gouvernement malien a rompu hier soir toutes ses relations diplomatiques avec la France, "
        "a annoncé le ministre des affaires étrangères à la télévision nationale.",
        date="2025-06-11",
    ),
    Article(id="s4", text="Russia signed a trade agreement with Egypt in Cairo.", date="2025-06-12"),
]


def _records(results: list[object]) -> list[object]:
    return [r.to_dict() if not isinstance(r, CommuniqueError) else r.code for r in results]  # type: ignore[attr-defined]


def test_scale_batches_close_at_their_size_or_their_characters() -> None:
    settings = {"batch_size": 3, "batch_chars": 100}
    short = [Article(id=f"s{n}", text="word " * 4) for n in range(7)]
    assert [len(batch) for batch in batches(short, settings)] == [3, 3, 1]
    long = [Article(id=f"l{n}", text="x" * 60) for n in range(5)]
    assert [len(batch) for batch in batches(long, settings)] == [2, 2, 1]  # 120 characters close a batch
    mixed = [InputError("E001", source="a.txt"), *long[:1], InputError("E001", source="b.txt"), *long[1:2]]
    assert [len(batch) for batch in batches(mixed, settings)] == [3, 1]  # errors carry no text
    assert list(batches([], settings)) == []


def test_scale_pool_codes_what_one_process_codes() -> None:
    one = list(extract(STORIES))
    pooled = list(extract_in_pool(STORIES, workers=2))
    assert _records(pooled) == _records(one)
    assert [r.code for r in pooled if isinstance(r, CommuniqueError)] == ["E009"]  # the French one, in place


def test_scale_errors_cross_processes_intact() -> None:
    import pickle

    error = InputError("E008", source="big.html", size=10, limit=5)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InputError and again.code == "E008" and str(again) == str(error)


def test_scale_ingest_with_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    single, pooled = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "two.db"))
    articles = [*STORIES, STORIES[0].model_copy(update={"id": "copy-of-s1", "outlet": "Other"})]
    first = ingest(articles, single)
    second = ingest(articles, pooled, workers=2)
    assert (second.new, second.copies, len(second.failed)) == (first.new, first.copies, len(first.failed)) == (3, 1, 1)
    assert {r["id"]: r for r in pooled.records()} == {r["id"]: r for r in single.records()}


def _stored(db: Path) -> int:
    """Articles committed so far, read without opening (or creating) a Store; 0 before the store exists."""
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=5)
    try:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0
    finally:
        connection.close()


ARTICLES = 200
LONG = 40  # this one is long (about 15 s to code): results come in input order, so the run waits on it


def test_scale_interrupted_ingest_keeps_what_it_stored_and_resumes(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    sentences = ["Mali severed diplomatic ties with France.", "China criticised Japan.", "Iran attacked Israel."]
    with source.open("w") as out:
        for n in range(ARTICLES):
            parts = 12 if n != LONG else 8000
            text = " ".join(
                f"{sentences[(n + i) % 3]} Report {n}, part {i}." + "\n" * (i % 20 == 19) for i in range(parts)
            )
            out.write(json.dumps({"id": f"n{n}", "text": text, "language": "en"}) + "\n")
    db = tmp_path / "resume.db"
    command = [str(CLI), "ingest", str(source), "--db", str(db), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    seen = []
    while time.monotonic() < deadline and process.poll() is None and (seen or [0])[-1] < 20:
        time.sleep(0.2)
        seen.append(_stored(db))
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group, workers too
    _, errors = process.communicate(timeout=60)
    stored = {r["id"] for r in Store(str(db)).records()}
    assert 0 < len(stored) < ARTICLES, (seen[-20:], errors[-2000:])
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - len(stored)} new, 0 updated, 0 copies, {len(stored)} already stored, 0 failed" in rerun.stdout
    assert _stored(db) == ARTICLES


def test_scale_dask_local_cluster_writes_what_one_process_codes(tmp_path: Path, seed_article: Article) -> None:
    reprint = STORIES[3].model_copy(update={"id": "s4-reprint", "url": "https://other.example/s4", "outlet": "Other"})
    lost = STORIES[2].model_copy(update={"id": "s3-reprint"})  # a copy of the article that cannot be coded
    articles = [seed_article, *STORIES, reprint, lost]
    output = tmp_path / "parquet"
    report = ingest_on_dask(articles, output, workers=2)
    assert (report.coded, report.copies) == (4, 2) and [e.code for e in report.failed] == ["E009"]
    from_cluster = {extraction.id: extraction.to_dict() for extraction, _ in read_records(output)}
    one = {r.id: r.to_dict() for r in extract(articles[:5]) if not isinstance(r, CommuniqueError)}
    assert from_cluster == one  # the reprints were not coded again
    again = ingest_on_dask(articles, output, workers=2)  # every batch done: nothing coded again
    assert again.coded == 0 and again.skipped_batches == 1

    store = Store(str(tmp_path / "loaded.db"))
    loaded = load_records(read_records(output), store, copies=read_copies(output))
    assert (loaded.new, loaded.copies, loaded.already) == (4, 1, 0)
    assert [(e.code, e.source) for e in loaded.failed] == [("E033", "s3-reprint")]
    assert {r["id"]: r for r in store.records()} == one
    assert load_records(read_records(output), store, copies=read_copies(output)).already == 5

    local = Store(str(tmp_path / "local.db"))
    ingest(articles, local)
    reports = "SELECT id, article, url, outlet, date FROM reports ORDER BY id"
    with store.engine.connect() as a, local.engine.connect() as b:
        assert a.exec_driver_sql(reports).all() == b.exec_driver_sql(reports).all()


def test_scale_cli_dask_load_and_sql(tmp_path: Path) -> None:
    output = tmp_path / "parquet"
    coded = subprocess.run(
        [str(CLI), "ingest", str(EXAMPLES), "--engine", "dask", "--workers", "2", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert coded.returncode == 0, coded.stderr
    assert "3 coded, 0 copies, 0 failed" in coded.stdout and (output / "events").is_dir()
    query = (
        "SELECT source_country, target_country, count(*) AS n FROM events "
        "WHERE article = 'rt-2025-06-10-russia-africa' GROUP BY 1, 2 ORDER BY n DESC"
    )
    answer = subprocess.run(
        [str(CLI), "sql", query, "--parquet", str(output), "--format", "jsonl"], capture_output=True, text=True
    )
    assert answer.returncode == 0, answer.stderr
    pairs = {(row["source_country"], row["target_country"]) for row in map(json.loads, answer.stdout.splitlines())}
    assert ("RUS", "AFR") in pairs or ("AFR", "RUS") in pairs
    db = tmp_path / "loaded.db"
    loaded = subprocess.run([str(CLI), "load", str(output), "--db", str(db)], capture_output=True, text=True)
    assert loaded.returncode == 0 and "3 new, 0 copies, 0 already stored, 0 failed" in loaded.stdout
    seed = json.loads(SEED_FILE.read_text())["id"]
    events = subprocess.run(
        [str(CLI), "events", "--db", str(db), "--article", seed, "--format", "jsonl"], capture_output=True, text=True
    )
    assert events.stdout.count("\n") > 5
    bad = subprocess.run(
        [str(CLI), "sql", "SELECT nothing FROM nowhere", "--parquet", str(output)], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "the query failed" in bad.stderr and "Traceback" not in bad.stderr


def test_scale_dask_needs_an_output_folder() -> None:
    result = subprocess.run([str(CLI), "ingest", str(EXAMPLES), "--engine", "dask"], capture_output=True, text=True)
    assert result.returncode == 2 and "--output" in result.stderr
