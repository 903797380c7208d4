"""The CLI through its installed entry point, as a user runs it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import CLI, EXAMPLES, SEED_FILE

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="run `make test` so the CLI is installed in .venv")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_cli_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("extract", "ingest", "events", "actors", "quotes", "figures", "relations"):
        assert command in result.stdout
        assert "Example" in run(command, "--help").stdout


def test_cli_extract_jsonl_and_bad_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("extract", str(SEED_FILE), str(empty), "--format", "jsonl")
    assert result.returncode == 1
    assert "[E001]" in result.stderr and "empty.txt" in result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "rt-2025-06-10-russia-africa" and record["outlet"] == "RT"
    assert any(e["cameo"] == "1622" for e in record["events"])


def test_cli_extract_stdin_with_date() -> None:
    result = run(
        "extract",
        "-",
        "--date",
        "2025-06-10",
        "--format",
        "json",
        stdin="Mali severed diplomatic ties with France on Monday.",
    )
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    [event] = record["events"]
    assert (event["source"]["code"], event["cameo"], event["target"]["code"], event["date"]) == (
        "MLI",
        "161",
        "FRA",
        "2025-06-09",
    )


def test_cli_extract_table_is_readable() -> None:
    result = run("extract", str(EXAMPLES / "tokyo-canberra-defence.txt"), "--date", "2024-11-26")
    assert result.returncode == 0
    assert "events" in result.stdout and "ACCUSE" in result.stdout and "Nakatani" in result.stdout


def test_cli_ingest_then_query(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    first = run("ingest", str(EXAMPLES), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "3 new, 0 already stored, 0 failed" in first.stdout
    assert "0 new, 3 already stored, 0 failed" in run("ingest", str(EXAMPLES), "--db", db).stdout
    events = run("events", "--db", db, "--dyad", "MLI-FRA", "--format", "jsonl")
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    assert rows and {r["plover_type"] for r in rows} == {"SANCTION", "ACCUSE"}
    csv_out = run("relations", "--db", db, "--source", "MLI", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("source,target,events,verbal_coop")
    assert any(line.startswith("MLI,FRA,") for line in csv_out)
    quotes = run("quotes", "--db", db, "--article", "rt-2025-06-10-russia-africa", "--format", "jsonl").stdout
    assert "RIA Novosti" in quotes
    figures = run("figures", "--db", db, "--format", "jsonl").stdout
    assert "27700000000" in figures
    assert "Dmitry Peskov" in run("actors", "--db", db, "--country", "RUS").stdout


def test_cli_bad_db_exits_1_without_traceback(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.returncode == 1
    assert "[E011]" in result.stderr and "Traceback" not in result.stderr
