"""Exports: GDELT and PLOVER rows parse back to the stored events, CSV quotes what it must, Parquet loads
back into another store, the relations graph is valid GraphML and GEXF; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

from sqlalchemy import select

from communique import Store, export
from communique.relations import pairs
from communique.runs import load_records
from communique.store import queries, schema
from communique.store.parquet import read_copies, read_records
from communique.store.queries import Filters
from conftest import save

VISIT, ACCUSE, EXPEL = "042", "112", "1663"


def _stored(store: Store) -> None:
    save(store, "a1", "2025-06-10", ("MLI", EXPEL, "FRA"), ("MLI", VISIT, "RUS"), outlet="wire")
    save(store, "c1", "2025-06-10", text="Report a1 of 2025-06-10: MLI 1663 FRA; MLI 042 RUS", outlet="daily")
    save(store, "a2", "2025-07", ("FRA", ACCUSE, "MLI"), ("FRA", VISIT, "MLI", "planned"))


def test_export_gdelt_rows_parse_back_to_the_story_level_events(store: Store) -> None:
    _stored(store)
    out = io.StringIO()
    assert export.write_gdelt(store, Filters(), out) == 3  # the planned visit is not exported
    rows = list(export.read_gdelt(io.StringIO(out.getvalue())))
    assert all(len(row) == len(export.GDELT_COLUMNS) == 61 for row in rows)
    found = {(r["SQLDATE"], r["Actor1Code"], r["EventCode"], r["Actor2Code"], r["NumMentions"]) for r in rows}
    assert found == {
        ("20250610", "MLIGOV", "1663", "FRAGOV", "2"),  # a wire story and its copy: one event, two mentions
        ("20250610", "MLIGOV", "042", "RUSGOV", "2"),  # the leading zero kept
        ("20250700", "FRAGOV", "112", "MLIGOV", "1"),  # known to the month
    }
    stored = queries.events(store, Filters(by_story=True, modality="asserted")).rows
    assert {(r["cameo"], r["mentions"], r["sources"]) for r in stored} == {
        (r["EventCode"], int(r["NumMentions"]), int(r["NumSources"])) for r in rows
    }
    expel = next(r for r in rows if r["EventCode"] == "1663")
    assert (expel["EventBaseCode"], expel["EventRootCode"], expel["QuadClass"]) == ("166", "16", "4")
    assert expel["Actor1CountryCode"] == "MLI" and expel["NumSources"] == "2" and expel["SOURCEURL"] == "a1"
    again = io.StringIO()
    export.write_gdelt(store, Filters(), again)
    assert again.getvalue() == out.getvalue()  # stable ids and order


def test_export_plover_records_carry_the_manuals_fields_and_every_event(store: Store) -> None:
    _stored(store)
    out = io.StringIO()
    assert export.write_plover(store, Filters(modality="all"), out) == 4
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    stored = queries.events(store, Filters()).rows
    assert {(r["id"], r["actor"][0]["code"], r["recipient"][0]["code"], r["event"][0], r["date"]) for r in records} == {
        (
            f"{e['article']}/{e['event_id']}",
            e["source_code"][:3],
            e["target_code"][:3],
            e["plover_type"],
            e["date"] or d,
        )
        for e, d in ((e, {"a1": "2025-06-10", "a2": "2025-07"}[e["article"]]) for e in stored)
    }
    for record in records:
        assert {"id", "date", "actor", "recipient", "event", "quad_code", "event_text", "cite_info"} <= set(record)
        assert record["event_text"][0] and record["text_info"]["start"] >= 0
    assert {r["modality"] for r in records} == {"asserted", "planned"}


def test_export_csv_has_a_row_per_event_with_its_article(store: Store) -> None:
    _stored(store)
    save(
        store, "a3", "2025-08-01", ("RUS", VISIT, "MLI"), text='Russia\'s envoy, "quoted", visited Bamako,\nthen left.'
    )
    out = io.StringIO()
    export.write_csv(store, Filters(source="RUS"), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["article"], r["cameo"], r["target_country"], r["article_date"]) for r in rows] == [
        ("a3", "042", "MLI", "2025-08-01")
    ]
    assert rows[0]["evidence"] == "RUS Make a visit MLI (1)."


def test_export_parquet_loads_back_into_another_store(store: Store, tmp_path: Path) -> None:
    _stored(store)  # a1 with its copy c1 (another outlet), and a2
    assert export.write_parquet(store, Filters(), tmp_path / "out", batch=1) == 2
    other = Store(str(tmp_path / "other.db"))
    report = load_records(read_records(tmp_path / "out"), other, copies=read_copies(tmp_path / "out"))
    assert (report.new, report.copies, report.failed) == (2, 1, [])
    assert other.records() == store.records()
    assert (
        _reports(other)
        == _reports(store)
        == {
            ("a1", "a1", "wire"),
            ("c1", "a1", "daily"),
            ("a2", "a2", None),
        }
    )
    by_reports = Filters(mentions=True)  # the copy counts as a mention in the other store too
    assert pairs(other, by_reports).rows == pairs(store, by_reports).rows


def _reports(store: Store) -> set[tuple[str, str, str | None]]:
    with store.engine.connect() as conn:
        return {(r.id, r.article, r.outlet) for r in conn.execute(select(schema.reports))}


def test_export_relations_graph_as_graphml_and_gexf(store: Store) -> None:
    _stored(store)
    edges = {(r["source"], r["target"]): r for r in pairs(store, Filters()).rows}
    graphml = io.StringIO()
    assert export.write_graphml(store, Filters(), graphml) == len(edges) == 3
    root = ElementTree.fromstring(graphml.getvalue().split("\n", 1)[1])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in root.iterfind(".//g:node", ns)} == {"MLI", "FRA", "RUS"}
    for edge in root.iterfind(".//g:edge", ns):
        data = {d.get("key"): d.text for d in edge.iterfind("g:data", ns)}
        expected = edges[(edge.get("source"), edge.get("target"))]
        assert int(data["events"]) == expected["events"] and float(data["index"]) == expected["index"]
    gexf = io.StringIO()
    export.write_gexf(store, Filters(), gexf)
    root = ElementTree.fromstring(gexf.getvalue().split("\n", 1)[1])
    weights = {(e.get("source"), e.get("target")): int(e.get("weight")) for e in root.iter("{http://gexf.net/1.3}edge")}
    assert weights == {key: row["events"] for key, row in edges.items()}
