"""Dyad timelines over millions of events: the relations summary against the same query over the events.

Generates a store of synthetic but realistically shaped events (default 5,000,000; five per
article, one report each): 2,000 ordered country pairs drawn with Zipf-like weights (so one dyad
holds about a tenth of all events, as the largest do in GDELT), days uniform over 2020-2025, CAMEO
codes with their real quad class, PLOVER type and Goldstein weight from the packaged tables,
modalities mostly asserted. It fills the summary (`store.summary.rebuild`), then times a monthly
timeline (`communique.relations.timeline`) for the largest dyad and a mid-ranked one, from the
summary and from the events (`from_events=True`), in the same run, and checks both answers agree.
Then what keeping the summary costs when articles are written: Reuters stories (dated over 1987)
ingested into a fresh store, with the time spent refreshing the summary measured inside the same run.

    python bench/relations.py [--events 5000000] [--db /tmp/relations-bench.db] [--repeat 5] [--ingest 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.progress import Progress
from sqlalchemy import func, insert, select

from communique import ingest, relations
from communique.events.ontology import cameo_table
from communique.store import schema, summary
from communique.store.queries import Filters
from communique.store.sql import Store

PER_ARTICLE = 5
CHUNK = 20_000
COUNTRIES = [
    "USA", "CHN", "RUS", "FRA", "GBR", "DEU", "MLI", "NER", "BFA", "UKR", "ISR", "IRN", "IND", "PAK", "TUR",
    "SAU", "EGY", "NGA", "ZAF", "BRA", "JPN", "KOR", "PRK", "SYR", "IRQ", "AFG", "VEN", "MEX", "CAN", "AUS",
    "ITA", "ESP", "POL", "ETH", "SDN", "KEN", "DZA", "MAR", "LBY", "TCD", "SEN", "CIV", "GHA", "CMR", "COD",
    "AGO", "MOZ", "QAT", "ARE", "JOR", "LBN", "YEM", "IDN", "PHL", "VNM", "THA", "MMR", "BGD", "ARM", "AZE",
]  # fmt: skip
MODALITIES = ["asserted"] * 8 + ["intended", "planned", "negated", "hypothetical"]


def dyads(rng: random.Random, count: int = 2000) -> list[tuple[str, str]]:
    pairs = {(a, b) for a in COUNTRIES for b in COUNTRIES if a != b}
    return rng.sample(sorted(pairs), count)


def generate(store: Store, events: int, seed: int = 0) -> list[tuple[str, str]]:
    """Fill `store` with `events` events; the dyads, most frequent first."""
    rng = random.Random(seed)
    ranked = dyads(rng)
    weights = [1 / (rank + 1) for rank in range(len(ranked))]
    codes = [(code, entry) for code, entry in cameo_table().items() if len(code) == 3]
    start, days = dt.date(2020, 1, 1), (dt.date(2025, 12, 31) - dt.date(2020, 1, 1)).days + 1
    now = dt.datetime.now(dt.UTC).isoformat()
    articles = events // PER_ARTICLE
    with Progress() as progress, store.engine.begin() as conn:
        task = progress.add_task("generating", total=articles)
        for first in range(0, articles, CHUNK):
            numbers = range(first, min(first + CHUNK, articles))
            article_rows, report_rows, event_rows = [], [], []
            for number in numbers:
                article = f"a{number}"
                day = (start + dt.timedelta(days=rng.randrange(days))).isoformat()
                article_rows.append(
                    {"id": article, "date": day, "text": "", "hash": article, "record": "{}", "ingested_at": now,
                     "story": article, "fingerprint": article, "language": "en", "schema_version": "1.3"}
                )  # fmt: skip
                report_rows.append({"id": article, "article": article, "seen_at": now})
                for index, (source, target) in enumerate(rng.choices(ranked, weights, k=PER_ARTICLE)):
                    code, entry = rng.choice(codes)
                    event_rows.append(
                        {"article": article, "event_id": f"e{index + 1}", "day": day, "start": index,
                         "source_code": source + "GOV", "source_country": source, "source_text": source,
                         "target_code": target, "target_country": target, "target_text": target, "cameo": code,
                         "quad_class": entry.quad_class, "goldstein": entry.goldstein, "plover_type": entry.plover.type,
                         "modality": rng.choice(MODALITIES), "trigger": "met", "evidence": "A sentence."}
                    )  # fmt: skip
            conn.execute(insert(schema.articles), article_rows)
            conn.execute(insert(schema.reports), report_rows)
            conn.execute(insert(schema.events), event_rows)
            progress.advance(task, len(numbers))
        started = time.perf_counter()
        summary.rebuild(conn)
        print(f"summary rebuilt in {time.perf_counter() - started:.1f} s")
    return ranked


def timed(store: Store, dyad: tuple[str, str], repeat: int, *, from_events: bool = False) -> tuple[float, object]:
    """Median seconds of `repeat` monthly timelines of `dyad`, and the answer."""
    times, answer = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        answer = relations.timeline(store, *dyad, Filters(), period="month", from_events=from_events)
        times.append(time.perf_counter() - started)
    return statistics.median(times), answer


def write_cost(count: int) -> None:
    """The share of ingest time spent keeping the summary current, on `count` Reuters stories."""
    sys.path.insert(0, str(Path(__file__).parent))
    from throughput import stories

    articles = [
        article.model_copy(update={"date": (dt.date(1987, 2, 1) + dt.timedelta(days=n % 240)).isoformat()})
        for n, article in enumerate(stories(count))
    ]
    spent = [0.0]
    refresh = summary.refresh

    def timed_refresh(conn: object, keys: set[summary.Key]) -> None:
        started = time.perf_counter()
        refresh(conn, keys)  # type: ignore[arg-type]
        spent[0] += time.perf_counter() - started

    summary.refresh = timed_refresh  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = Store(str(Path(folder) / "write-cost.db"))
            started = time.perf_counter()
            report = ingest(articles, store)
            total = time.perf_counter() - started
    finally:
        summary.refresh = refresh  # type: ignore[assignment]
    print(
        f"ingest of {report.new} Reuters stories: {total:.1f} s, of which keeping the summary {spent[0]:.2f} s "
        f"({spent[0] / total:.1%})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--db", default="/tmp/relations-bench.db")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--ingest", type=int, default=300, help="Reuters stories for the write cost (0: skip)")
    options = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(options.db + suffix).unlink(missing_ok=True)
    store = Store(options.db)
    started = time.perf_counter()
    ranked = generate(store, options.events)
    print(f"{options.events:,} events generated in {time.perf_counter() - started:.0f} s")
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(schema.relation_days)).scalar()
    print(f"summary rows: {rows:,} ({options.events / rows:.1f} events per row)")
    print("dyad      events  summary ms  events ms  ratio")
    ok = True
    for one, two in (ranked[0], ranked[50]):
        size = sum(row["events"] for row in relations.pairs(store, Filters(dyad=f"{one}-{two}", modality="all")).rows)
        fast, answer = timed(store, (one, two), options.repeat)
        slow, naive = timed(store, (one, two), 1, from_events=True)
        ok = ok and answer == naive
        print(f"{one}-{two}  {size:>8,}  {fast * 1000:>10.1f}  {slow * 1000:>9.0f}  {slow / fast:>5.0f}x")
    print("answers agree" if ok else "ANSWERS DIFFER")
    if options.ingest:
        write_cost(options.ingest)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
