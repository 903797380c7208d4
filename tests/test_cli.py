"""The CLI through its installed entry point, as a user runs it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from communique.cli import COMMANDS
from communique.cli.output import write_rows
from conftest import CLI, EXAMPLES, ROOT, SEED_FILE

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="run `make test` so the CLI is installed in .venv")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_cli_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout
        assert "Example" in run(command, "--help").stdout, command


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


def test_cli_ingest_then_query(db_url: str) -> None:
    first = run("ingest", str(EXAMPLES), "--db", db_url)
    assert first.returncode == 0, first.stderr
    assert "3 new, 0 updated, 0 copies, 0 already stored, 0 failed" in first.stdout
    assert (
        "0 new, 0 updated, 0 copies, 3 already stored, 0 failed" in run("ingest", str(EXAMPLES), "--db", db_url).stdout
    )
    events = run("events", "--db", db_url, "--dyad", "MLI-FRA", "--format", "jsonl")
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    assert rows and {r["plover_type"] for r in rows} == {"SANCTION", "ACCUSE"}
    csv_out = run("relations", "--db", db_url, "--source", "MLI", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("source,target,events,verbal_coop")
    assert any(line.startswith("MLI,FRA,") for line in csv_out)

    def rus_afr(*options: str) -> int:
        out = run("relations", "--db", db_url, "--dyad", "RUS-AFR", "--format", "jsonl", *options).stdout
        return sum(json.loads(line)["events"] for line in out.splitlines())

    # Russia's plans in Africa are intended, not done: only the modality 'all' counts them
    assert rus_afr() < rus_afr("--modality", "all") and rus_afr("--modality", "intended") >= 2
    quotes = run("quotes", "--db", db_url, "--article", "rt-2025-06-10-russia-africa", "--format", "jsonl").stdout
    assert "RIA Novosti" in quotes
    shown = {json.loads(line)["attitude"] for line in quotes.splitlines()}
    assert shown <= {"speech", "belief"}  # what was said or believed, unless asked for more
    every = run("quotes", "--db", db_url, "--attitude", "all", "--format", "jsonl").stdout.splitlines()
    intentions = run("quotes", "--db", db_url, "--attitude", "intention", "--format", "jsonl").stdout.splitlines()
    assert intentions and {json.loads(line)["attitude"] for line in intentions} == {"intention"}
    assert len(every) > len(intentions)
    refused = run("quotes", "--db", db_url, "--attitude", "gossip")
    assert refused.returncode != 0 and "speech, belief, intention, stance" in refused.stderr
    figures = run("figures", "--db", db_url, "--format", "jsonl").stdout
    assert "27700000000" in figures
    by_lavrov = [
        json.loads(line)
        for line in run("quotes", "--db", db_url, "--speaker", "lavrov", "--format", "jsonl").stdout.splitlines()
    ]
    assert by_lavrov and all("Lavrov" in (q["speaker_name"] or q["speaker_text"]) for q in by_lavrov)
    assert any(q["speaker_text"] == "he" for q in by_lavrov)  # linked to Lavrov by the actors stage
    trade = run("figures", "--db", db_url, "--subject", "trade", "--unit", "usd", "--format", "jsonl").stdout
    assert {json.loads(line)["value"] for line in trade.splitlines()} >= {27700000000.0}
    assert run("figures", "--db", db_url, "--subject", "trade", "--unit", "percent", "--format", "jsonl").stdout == ""
    assert "Dmitry Peskov" in run("actors", "--db", db_url, "--country", "RUS").stdout


def test_cli_relations_over_time_partners_and_exports(db_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(EXAMPLES), "--db", db_url).returncode == 0
    timeline = run("timeline", "mli", "fra", "--db", db_url, "--format", "jsonl")
    assert timeline.returncode == 0, timeline.stderr
    [month] = [json.loads(line) for line in timeline.stdout.splitlines()]
    assert (month["period"], month["index"]) == ("2025-06", -1.0) and month["types"] == {"ACCUSE": 1, "SANCTION": 1}
    partners = run("partners", "MLI", "--db", db_url, "--format", "csv").stdout.splitlines()
    quads = "verbal_coop,material_coop,verbal_conflict,material_conflict"
    assert partners[0] == f"partner,events,out,in,{quads},goldstein,mean_goldstein,index"
    assert any(line.startswith("FRA,") for line in partners) and any(line.startswith("RUS,") for line in partners)
    assert "no shifts match" in run("shifts", "--db", db_url).stdout  # one article: no history to break from
    tsv = tmp_path / "events.tsv"
    exported = run("export", "--format", "gdelt", "--db", db_url, "--dyad", "MLI-FRA", "-o", str(tsv))
    assert exported.returncode == 0 and "events written to" in exported.stderr
    rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines()]
    assert {(r[5], r[26], r[15]) for r in rows} == {("MLIGOV", "1622", "FRA"), ("MLIGOV", "1123", "FRA")}
    plover = run("export", "--format", "plover", "--db", db_url, "--source", "RUS", "--modality", "planned")
    planned = [json.loads(line) for line in plover.stdout.splitlines()]
    assert {r["cameo"] for r in planned} >= {"032"} and {r["modality"] for r in planned} == {"planned"}  # embassies
    assert {r["recipient"][0]["code"] for r in planned} >= {"NER", "SLE", "SSD"}
    assert "--output DIR" in run("export", "--format", "parquet", "--db", db_url).stderr
    graph = run("export", "--format", "graphml", "--db", db_url).stdout
    assert '<edge source="MLI" target="FRA">' in graph


def test_cli_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = run("serve", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1 and "[E016]" in result.stderr and "Traceback" not in result.stderr


def test_cli_summary_hides_the_database_password() -> None:
    result = run("events", "--db", "postgresql://reader:hunter2@127.0.0.1:1/none")
    assert result.returncode == 1 and "hunter2" not in result.stderr and "***" in result.stderr


def test_cli_bad_db_exits_1_without_traceback(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.returncode == 1
    assert "[E016]" in result.stderr and "Traceback" not in result.stderr
    typo = tmp_path / "typo.db"
    assert "[E016]" in run("relations", "--db", str(typo)).stderr and not typo.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--source", "%"), "--source '%'"),
        (("events", "--source", "_"), "--source '_'"),
        (("events", "--dyad", "RUS"), "--dyad 'RUS'"),
        (("events", "--since", "not-a-date"), "--since 'not-a-date'"),
        (("events", "--since", "2025-13-45"), "--since '2025-13-45'"),
        (("events", "--limit", "0"), "--limit"),
        (("events", "--limit", "-1"), "--limit"),
        (("relations", "--modality", "sure"), "--modality"),
    ],
)
def test_cli_query_options_refuse_bad_values(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    db = tmp_path / "q.db"
    run("ingest", str(EXAMPLES / "tokyo-canberra-defence.txt"), "--db", str(db))
    result = run(*args, "--db", str(db))
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_cli_empty_csv_has_its_header(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    run("ingest", str(EXAMPLES / "tokyo-canberra-defence.txt"), "--db", str(db))
    result = run("events", "--db", str(db), "--plover", "ASSAULT", "--format", "csv")
    assert result.returncode == 0 and result.stdout.startswith("article,article_date,story,event_id,")


@pytest.mark.parametrize("value", ["10/06/2025", "not-a-date", "2025-02-30"])
def test_cli_date_option_is_validated(value: str) -> None:
    result = run("extract", str(SEED_FILE), "--date", value)
    assert result.returncode == 2 and "is not a date" in result.stderr


def test_cli_date_option_is_normalised(db_url: str) -> None:
    text = "Mali severed diplomatic ties with France on Monday."
    result = run("ingest", "-", "--date", "June 10, 2025", "--db", db_url, stdin=text)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in run("events", "--db", db_url, "--format", "jsonl").stdout.splitlines()]
    assert [(r["article_date"], r["date"]) for r in rows] == [("2025-06-10", "2025-06-09")]


def test_cli_encoding_option_is_validated_and_boms_are_read(tmp_path: Path) -> None:
    result = run("extract", str(SEED_FILE), "--encoding", "nosuchenc")
    assert result.returncode == 2 and "nosuchenc" in result.stderr and "Traceback" not in result.stderr
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Mali severed diplomatic ties with France.".encode("utf-16"))
    result = run("extract", str(utf16), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["events"][0]["target"]["code"] == "FRA"


def test_cli_language_option_and_jsonl_field_override_detection(tmp_path: Path) -> None:
    feed = tmp_path / "caps.jsonl"
    wire = "FRANCE SAYS IT WILL SEVER TIES WITH MALI AND NIGER AFTER THE COUP, OFFICIALS TOLD REPORTERS IN PARIS"
    feed.write_text(json.dumps({"id": "w", "text": wire, "language": "en"}) + "\n", encoding="utf-8")
    assert run("extract", str(feed), "--format", "jsonl").returncode == 0
    french = tmp_path / "fr.txt"
    french.write_text(
        "Le ministre a déclaré lundi que le gouvernement ne changerait pas sa position sur les négociations.",
        encoding="utf-8",
    )
    refused = run("extract", str(french))
    assert refused.returncode == 1 and "--language en" in refused.stderr
    assert run("extract", str(french), "--language", "en").returncode == 0
    assert "--max-bytes" in run("extract", "--help").stdout


def test_cli_refuses_an_empty_folder_and_unsupported_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("ingest", str(empty), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1 and "[E021]" in result.stderr
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10)
    result = run("extract", str(image))
    assert result.returncode == 1 and "[E013]" in result.stderr


def test_cli_id_conflict_and_update(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "x", "text": "Mali severed ties with France.", "date": "2025-06-10"}) + "\n")
    assert run("ingest", str(one), "--db", db).returncode == 0
    one.write_text(json.dumps({"id": "x", "text": "Niger expelled the French envoy.", "date": "2025-06-10"}) + "\n")
    conflict = run("ingest", str(one), "--db", db)
    assert conflict.returncode == 1 and "[E015]" in conflict.stderr and "--update" in conflict.stderr
    failures = run("failures", "--db", db, "--format", "jsonl").stdout
    assert "E015" in failures
    updated = run("ingest", str(one), "--db", db, "--update")
    assert updated.returncode == 0 and "1 updated" in updated.stdout
    rows = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [r["event_id"] for r in rows] == ["e1"] and rows[0]["source_code"].startswith("NER")


def test_cli_help_examples_name_files_that_exist() -> None:
    import re

    for command in ("", "extract", "ingest"):
        text = run(*([command] if command else []), "--help").stdout
        for path in re.findall(r"(examples/[\w./-]+)", text):
            assert (ROOT / path.rstrip("/")).exists(), path


def test_cli_a_bug_is_reported_as_one_with_its_traceback_under_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault in our own code on one article is E034, counted apart from bad input; --debug shows where."""
    from click.testing import CliRunner

    from communique.cli import main
    from communique.nlp import load

    def broken(doc):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug planted by the test")

    monkeypatch.setattr(load().get_pipe("communique_figures"), "process", broken)  # the pipeline extract builds
    (tmp_path / "one.txt").write_text("Mali severed defence ties with France.", encoding="utf-8")
    plain = CliRunner().invoke(main, ["ingest", str(tmp_path / "one.txt"), "--db", str(tmp_path / "a.db")])
    assert plain.exit_code == 1 and "E034" in plain.output and "This is a bug" in plain.output
    assert "1 failed (1 a bug in communique: please report it)" in plain.output
    assert "Traceback" not in plain.output
    debug = CliRunner().invoke(main, ["--debug", "extract", str(tmp_path / "one.txt")])
    assert "E034" in debug.output and "Traceback" in debug.output and "in broken" in debug.output


def test_cli_table_reads_each_row_by_the_header_names(capsys: pytest.CaptureFixture[str]) -> None:
    write_rows([{"quad": 1, "gold": 5, "predicted": 2}, {"quad": 2, "predicted": 7, "gold": 3}], "table")
    lines = [line for line in capsys.readouterr().out.splitlines() if "│" in line]
    assert [[cell.strip() for cell in line.split("│")[1:4]] for line in lines[-2:]] == [
        ["1", "5", "2"],
        ["2", "3", "7"],
    ]
