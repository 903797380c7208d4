"""Relations: the summary kept equal to the events through every kind of write, timelines, the index,
shifts with their evidence, partners, on SQLite and PostgreSQL.

Records here are built by hand (`conftest.save`) and saved through the store, so each figure is
known in advance.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from communique import QueryError, Store
from communique.events.ontology import cameo_table
from communique.relations import ego, index, pairs, period_of, period_range, profile, shifts, timeline
from communique.store import queries, schema, summary
from communique.store.queries import Filters
from conftest import save

PRAISE, AGREE, VISIT, HOST, ACCUSE, DENOUNCE, EXPEL, ATTACK = "051", "057", "042", "043", "112", "111", "1663", "190"


def _summary(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with store.engine.connect() as conn:
        for table in (schema.relation_days, schema.relation_months):
            rows = conn.execute(select(table)).all()
            found[table.name] = sorted(
                (tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows), key=str
            )
    return found


def test_relations_summary_equals_the_events_after_every_kind_of_write(store: Store) -> None:
    save(store, "a1", "2025-01-10", ("MLI", PRAISE, "FRA"), ("FRA", AGREE, "MLI"))
    save(store, "a2", "2025-01-10", ("MLI", PRAISE, "FRA"), ("MLI", ACCUSE, "FRA", "negated"))
    assert save(store, "c1", "2025-01-10", text="Report a1 of 2025-01-10: MLI 051 FRA; FRA 057 MLI") == "copies"
    save(store, "a3", "2025-02-03", ("MLI", EXPEL, "FRA"), ("RUS", AGREE, "MLI"))
    save(store, "a3", "2025-02-04", ("MLI", ATTACK, "FRA"))  # replaced: a new day, another code
    kept = _summary(store)
    with store.engine.begin() as conn:
        summary.rebuild(conn)
    assert _summary(store) == kept
    for period in ("day", "week", "month", "year"):
        for dyad in (("MLI", "FRA"), ("MLI", "RUS")):
            for filters in (Filters(), Filters(mentions=True), Filters(modality="all"), Filters(since="2025-02")):
                fast = timeline(store, *dyad, filters, period=period)
                assert fast == timeline(store, *dyad, filters, period=period, from_events=True)


def test_relations_count_story_level_asserted_events_and_mentions_on_request(store: Store) -> None:
    save(store, "a1", "2025-01-10", ("MLI", PRAISE, "FRA"), ("MLI", ACCUSE, "FRA", "negated"), outlet="one")
    save(store, "c1", "2025-01-10", text="Report a1 of 2025-01-10: MLI 051 FRA; MLI 112 FRA negated", outlet="two")
    rows = pairs(store, Filters()).rows
    assert [(r["source"], r["target"], r["events"], r["verbal_coop"], r["index"]) for r in rows] == [
        ("MLI", "FRA", 1, 1, 1.0)
    ]
    assert pairs(store, Filters(mentions=True)).rows[0]["mentions"] == 2  # the copy is a second report
    assert pairs(store, Filters(modality="all")).rows[0]["events"] == 2
    assert pairs(store, Filters(modality="all")).rows[0]["index"] == 0.0  # one each way
    assert pairs(store, Filters(cameo="05")).rows[0]["events"] == 1  # a filter the summary lacks: from the events
    save(store, "a2", "2025-01-11", ("FRA", ACCUSE, "MLI"), ("FRA", DENOUNCE, "MLI"))
    [both] = pairs(store, Filters(), unordered=True).rows
    assert (both["source"], both["target"], both["events"], both["index"]) == ("FRA", "MLI", 3, round(-1 / 3, 3))
    assert both["goldstein"] == round(cameo_table()[PRAISE].goldstein - 4.0, 2) and both["last"] == "2025-01-11"
    assert [r["events"] for r in pairs(store, Filters(limit=1, offset=1), unordered=True).rows] == []


def test_relations_and_events_count_what_the_decision_is_sure_of_on_request(store: Store) -> None:
    save(store, "sure", "2025-03-01", ("RUS", ATTACK, "UKR"), confidence=0.8)
    save(store, "unsure", "2025-03-02", ("RUS", ACCUSE, "UKR"), ("UKR", DENOUNCE, "RUS"), confidence=0.1)
    assert pairs(store, Filters()).rows[0]["events"] == 1 + 1  # RUS-UKR: both, whatever their confidence
    sure = pairs(store, Filters(min_confidence=0.5)).rows
    assert [(r["source"], r["target"], r["events"], r["material_conflict"]) for r in sure] == [("RUS", "UKR", 1, 1)]
    assert [r["cameo"] for r in queries.events(store, Filters(min_confidence=0.5)).rows] == [ATTACK]
    with pytest.raises(QueryError, match="probability from 0 to 1"):
        Filters(min_confidence=1.5)


def test_relations_timeline_buckets_both_directions_by_period(store: Store) -> None:
    save(store, "a1", "2025-01-06", ("MLI", PRAISE, "FRA"))  # Monday of ISO week 2
    save(store, "a2", "2025-01-12", ("FRA", ACCUSE, "MLI"))  # Sunday, same week
    save(store, "a3", "2025-03-01", ("MLI", EXPEL, "FRA"), ("MLI", ATTACK, "FRA"))
    monthly = timeline(store, "mli", "fra", Filters())
    assert [(r["period"], r["events"], r["index"]) for r in monthly.rows] == [("2025-01", 2, 0.0), ("2025-03", 2, -1.0)]
    assert monthly.rows[1]["types"] == dict(Counter(cameo_table()[code].plover.type for code in (EXPEL, ATTACK)))
    weekly = timeline(store, "MLI", "FRA", Filters(), period="week")
    assert [r["period"] for r in weekly.rows] == ["2025-W02", "2025-W09"]
    directed = timeline(store, "FRA", "MLI", Filters(), period="year", directed=True)
    assert [(r["period"], r["events"], r["verbal_conflict"]) for r in directed.rows] == [("2025", 1, 1)]
    mean = (cameo_table()[EXPEL].goldstein + cameo_table()[ATTACK].goldstein) / 2
    assert monthly.rows[1]["mean_goldstein"] == round(mean, 2)


def test_relations_timeline_keeps_undated_and_coarser_events_apart(store: Store) -> None:
    save(store, "b1", "2025-01-06", ("MLI", PRAISE, "FRA"))
    save(store, "b2", "2025", ("MLI", ACCUSE, "FRA"))  # dated to the year only
    save(store, "b3", None, ("FRA", EXPEL, "MLI"))  # no date at all  # type: ignore[arg-type]
    rows = timeline(store, "MLI", "FRA", Filters()).rows
    assert [(r["period"], r["granularity"], r["events"]) for r in rows] == [
        ("2025-01", "month", 1),
        ("2025", "year", 1),
        ("undated", "undated", 1),
    ]
    assert sum(r["events"] for r in rows) == 3  # nothing the pair holds goes uncounted
    yearly = timeline(store, "MLI", "FRA", Filters(), period="year").rows
    assert [(r["period"], r["granularity"], r["events"]) for r in yearly] == [
        ("2025", "year", 2),
        ("undated", "undated", 1),
    ]


def test_relations_periods() -> None:
    assert period_of("2025-06-10", "month") == "2025-06" and period_of("2025-06-10", "year") == "2025"
    assert period_of("2025-06-10", "week") == "2025-W24" and period_of("2024-12-30", "week") == "2025-W01"
    assert period_of("2025-06", "day") == "2025-06"  # a month-precision date keeps its own bucket
    assert period_range("2025-W01") == ("2024-12-30", "2025-01-05")
    assert period_range("2025-06") == ("2025-06", "2025-06")
    assert period_range("undated") == (None, None)  # no date bounds it
    assert index(3, 1) == 0.5 and index(0, 0) is None


def test_relations_shifts_flag_a_break_with_the_dyads_own_history(store: Store) -> None:
    months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    for number, month in enumerate(months[:4]):
        friendly = [("MLI", PRAISE, "FRA"), ("MLI", VISIT, "FRA"), ("FRA", HOST, "MLI")]
        friendly += [("MLI", ACCUSE, "FRA")] * (number % 2)  # index 1.0, 0.5, 1.0, 0.5
        save(store, f"m{number}", month + "-15", *friendly)
        save(store, f"r{number}", month + "-15", ("MLI", AGREE, "RUS"), ("RUS", AGREE, "MLI"), ("MLI", PRAISE, "RUS"))
    save(store, "break", "2024-05-20", ("MLI", EXPEL, "FRA"), ("MLI", ACCUSE, "FRA"), ("FRA", DENOUNCE, "MLI"))
    save(store, "steady", "2024-05-20", ("MLI", AGREE, "RUS"), ("RUS", AGREE, "MLI"), ("MLI", PRAISE, "RUS"))
    found = shifts(store, Filters()).rows
    assert [(s["dyad"], s["period"], s["towards"], s["index"]) for s in found] == [
        ("FRA-MLI", "2024-05", "conflict", -1.0)
    ]
    assert found[0]["baseline"] == 0.75 and found[0]["score"] < -2
    assert (found[0]["first"], found[0]["last"]) == ("2024-05", "2024-05")
    assert {e["article"] for e in found[0]["examples"]} == {"break"}
    assert all(e["evidence"] for e in found[0]["examples"])
    assert not shifts(store, Filters(), threshold=20).rows
    assert not shifts(store, Filters(), min_events=4).rows  # too few events in May to judge


def test_relations_partners_and_profile(store: Store) -> None:
    save(store, "a1", "2025-01-10", ("MLI", PRAISE, "RUS"), ("RUS", AGREE, "MLI"), ("FRA", ACCUSE, "MLI"))
    rows = ego(store, "MLI", Filters()).rows
    assert [(r["partner"], r["events"], r["out"], r["in"], r["index"]) for r in rows] == [
        ("RUS", 2, 1, 1, 1.0),
        ("FRA", 1, 0, 1, -1.0),
    ]
    about = profile(store, "RUS", "MLI", Filters())
    assert about["sectors"] == {"GOV": 4} and sum(about["types"].values()) == 2
    assert about["triggers"]


@pytest.mark.parametrize(
    ("call", "option"),
    [
        (lambda s: timeline(s, "MLI", "FRANCE", Filters()), "dyad"),
        (lambda s: timeline(s, "MLI", "FRA", Filters(), period="fortnight"), "period"),
        (lambda s: ego(s, "M", Filters()), "source"),
    ],
)
def test_relations_bad_arguments_are_clear_errors(tmp_path, call, option) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError) as info:
        call(Store(str(tmp_path / "r.db")))
    assert info.value.code == "E019" and option in str(info.value)
