"""Relations between countries: pair totals, dyad timelines, a cooperation-conflict index, shifts, ego networks.

Everything counts story-level events (one per story, however many outlets reported it) and only
asserted ones unless `Filters.modality` says otherwise: a plan, a denial or a hypothesis did not
happen between two countries. `Filters.mentions` weighs each event by its reports instead, as
GDELT's rows weighted by NumMentions do. The counts come from the summaries per day and per month
that the store keeps on every write (`store.summary`), so a dyad's timeline reads a few rows through
one index; when a filter needs what they do not keep (an article, a CAMEO prefix, a PLOVER context,
an actor, a code longer than a country), the same rows are computed from the events instead.

The cooperation-conflict index of a set of events is (cooperative - conflictual) / all, from -1
(only conflict: quad classes 3 and 4) to +1 (only cooperation: quad classes 1 and 2).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Integer, Select, cast, func, select

from .errors import QueryError
from .store import queries, schema, summary
from .store.queries import Filters, Rows, Sides, dated, described, dyadic, fetch
from .store.sql import Store

PERIODS = ("day", "week", "month", "year")
COOPERATION, CONFLICT = (1, 2), (3, 4)
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def counted(filters: Filters) -> Filters:
    """Asserted events unless the user named a modality."""
    return replace(filters, modality=filters.modality or "asserted")


def _summarised(filters: Filters) -> bool:
    """Whether the summary keeps everything these filters read."""
    longer_codes = any(code and len(code) > 3 for code in (filters.source, filters.target))
    return not (
        filters.article or filters.cameo or filters.context or filters.actor or filters.min_confidence or longer_codes
    )


def day_rows(filters: Filters, *, monthly: bool = False, from_events: bool = False) -> Any:
    """`relation_days` rows that pass `filters` (a subquery): from the summary (its months when `monthly`
    is enough and no date filter names a day), or computed from the events when the summary cannot
    answer (or `from_events` asks for it, as checks and bench/relations.py do)."""
    filters = counted(filters)
    if _summarised(filters) and not from_events:
        by_day = any(date and len(date) > 7 for date in (filters.since, filters.until))
        d = schema.relation_months if monthly and not by_day else schema.relation_days
        query: Select[Any] = dyadic(
            select(d), filters, Sides(d.c.source, d.c.target, d.c.source, d.c.target, d.c.modality)
        )
        if filters.plover:
            query = query.where(d.c.plover_type == filters.plover)
        if filters.quad:
            query = query.where(d.c.quad_class == filters.quad)
        return dated(query, filters, d.c.day).subquery()
    e = schema.events
    found = dyadic(summary.story_events(), filters)
    found = described(found.where(e.c.source_country.is_not(None), e.c.target_country.is_not(None)), filters)
    return summary.totals(dated(found, filters, e.c.day).subquery()).subquery()


def _weights(found: Any, filters: Filters) -> tuple[Any, Any]:
    """The count column and the Goldstein sum column to aggregate: per event, or per report."""
    if filters.mentions:
        return found.c.mentions, found.c.goldstein_mentions
    return found.c.events, found.c.goldstein


def index(cooperative: float, conflictual: float) -> float | None:
    """(cooperative - conflictual) / both, or None when there is neither."""
    both = cooperative + conflictual
    return round((cooperative - conflictual) / both, 3) if both else None


def pairs(store: Store, filters: Filters, *, unordered: bool = False) -> Rows:
    """One row per ordered country pair (per unordered pair, both ways together, with `unordered`): events
    by quad class, summed and mean Goldstein weight, the index, first and last day; most events first."""
    found = day_rows(filters)
    count, goldstein = _weights(found, filters)
    counted = "mentions" if filters.mentions else "events"
    total = cast(func.sum(count), Integer)  # PostgreSQL sums integers as numeric
    quads = [cast(func.sum(count).filter(found.c.quad_class == n), Integer).label(name) for n, name in QUADS.items()]
    query = (
        select(
            found.c.source,
            found.c.target,
            total.label(counted),
            *quads,
            func.sum(goldstein).label("goldstein"),
            func.min(found.c.day).label("first"),
            func.max(found.c.day).label("last"),
        )
        .group_by(found.c.source, found.c.target)
        .order_by(total.desc(), found.c.source, found.c.target)
    )
    if not unordered:
        rows = fetch(store, query, filters).rows
    else:
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for row in fetch(store, query, replace(filters, limit=None, offset=0)).rows:
            key = (min(row["source"], row["target"]), max(row["source"], row["target"]))
            if key not in merged:
                merged[key] = {**row, "source": key[0], "target": key[1]}
                continue
            both = merged[key]
            for name in (counted, *QUADS.values(), "goldstein"):
                both[name] = (both[name] or 0) + (row[name] or 0)
            both["first"] = min((d for d in (both["first"], row["first"]) if d), default=None)
            both["last"] = max((d for d in (both["last"], row["last"]) if d), default=None)
        rows = sorted(merged.values(), key=lambda row: (-row[counted], row["source"], row["target"]))
        rows = rows[filters.offset :][: filters.limit or None]
    columns = ["source", "target", counted, *QUADS.values(), "goldstein", "mean_goldstein", "index", "first", "last"]
    for row in rows:
        counts = [row[name] or 0 for name in QUADS.values()]
        row.update(dict(zip(QUADS.values(), counts, strict=True)))
        summed = round(row["goldstein"], 6)  # summed in another order elsewhere, it differs in the last bits
        row.update(goldstein=round(summed, 2), mean_goldstein=round(summed / row[counted], 2))
        row["index"] = index(counts[0] + counts[1], counts[2] + counts[3])
    return Rows(columns=columns, rows=[{name: row[name] for name in columns} for row in rows])


UNDATED = "undated"  # the period of events with no date of their own and none from their article


def period_of(day: str | None, period: str) -> str:
    """The period a day falls in ('2025-06' for a month, '2025-W24' for an ISO week); a date coarser than
    the period (a month-precision event date in a daily timeline) stays as it is, its own bucket."""
    if day is None:
        return UNDATED
    if period == "year" or len(day) < {"day": 10, "week": 10, "month": 7}[period]:
        return day[:4] if period == "year" else day
    if period == "week":
        year, week, _ = dt.date.fromisoformat(day).isocalendar()
        return f"{year}-W{week:02d}"
    return day[: {"day": 10, "month": 7}[period]]


def granularity_of(label: str) -> str:
    """How precise a period label is: day, week, month, year, or undated."""
    if label == UNDATED or "-W" in label:
        return UNDATED if label == UNDATED else "week"
    return {4: "year", 7: "month"}.get(len(label), "day")


def period_range(label: str) -> tuple[str | None, str | None]:
    """The first and last day a period label covers, for `Filters.since` and `until`; none for UNDATED
    (no date bounds it)."""
    if label == UNDATED:
        return None, None
    if "-W" in label:
        monday = dt.date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return label, label


@dataclass
class Bucket:
    """What one period of a dyad holds."""

    events: float = 0
    goldstein: float = 0.0
    quads: dict[int, float] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    types: dict[str, float] = field(default_factory=dict)

    def add(self, quad: int | None, plover: str | None, count: float, goldstein: float) -> None:
        self.events += count
        self.goldstein += goldstein
        if quad in self.quads:
            self.quads[quad] += count
        if plover:
            self.types[plover] = self.types.get(plover, 0) + count

    @property
    def index(self) -> float | None:
        return index(sum(self.quads[n] for n in COOPERATION), sum(self.quads[n] for n in CONFLICT))

    def row(self, period: str) -> dict[str, Any]:
        return {
            "period": period,
            "granularity": granularity_of(period),
            "events": self.events,
            **{name: self.quads[n] for n, name in QUADS.items()},
            # the sum rounded first: summed in another order (summary or events) it differs in the last bits
            "goldstein": round(self.goldstein, 2),
            "mean_goldstein": round(round(self.goldstein, 6) / self.events, 2) if self.events else None,
            "index": self.index,
            "types": dict(sorted(self.types.items(), key=lambda item: (-item[1], item[0]))),
        }


def _buckets(
    store: Store,
    filters: Filters,
    period: str,
    key: Callable[[str, str], str],
    *,
    types: bool = True,
    from_events: bool = False,
    undated: bool = False,
) -> dict[str, dict[str, Bucket]]:
    """Per series (`key` of a source and target), per period: what the matching events hold; by PLOVER type
    too when `types` (without, the database sums the quad classes itself: far fewer rows over many pairs);
    events with no date under UNDATED when `undated`, else left out."""
    found = day_rows(filters, monthly=period in ("month", "year"), from_events=from_events)
    count, goldstein = _weights(found, filters)
    places = (found.c.source, found.c.target, found.c.day)
    if types:
        kinds: tuple[Any, ...] = (found.c.quad_class, found.c.plover_type)
        sums: tuple[Any, ...] = (func.sum(count),)
    else:
        kinds = ()
        sums = tuple(func.sum(count).filter(found.c.quad_class == n) for n in QUADS)
    query = select(*places, *kinds, *sums, func.sum(goldstein))
    if not undated:
        query = query.where(found.c.day.is_not(None))
    series: dict[str, dict[str, Bucket]] = defaultdict(lambda: defaultdict(Bucket))
    with store.engine.connect() as conn:
        for row in conn.execute(query.group_by(*places, *kinds)):
            bucket = series[key(row[0], row[1])][period_of(row[2], period)]
            if types:
                bucket.add(row[3], row[4], int(row[5]), float(row[6]))
            else:
                for quad, n in zip(QUADS, row[3:7], strict=True):
                    bucket.add(quad, None, int(n or 0), 0.0)
                bucket.goldstein += float(row[7])
    return series


def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise QueryError("E019", option="period", value=period, expected="give one of " + ", ".join(PERIODS))


def timeline(
    store: Store,
    one: str,
    two: str,
    filters: Filters,
    *,
    period: str = "month",
    directed: bool = False,
    from_events: bool = False,
) -> Rows:
    """A dyad over time: per period, events by quad class and PLOVER type, mean Goldstein weight and the index.

    Both directions count unless `directed`, which keeps what `one` did to `two`. `from_events`
    computes it from the events instead of the summary (the same answer, slower: for checks). Rows of
    the asked period come first, in order; then, apart, the events dated less precisely than it ('2025'
    in a monthly timeline) and those with no date at all (UNDATED), so that none goes uncounted (#21).
    """
    _check_period(period)
    asked = replace(filters, source=one, target=two) if directed else replace(filters, dyad=f"{one}-{two}")
    buckets = _buckets(store, asked, period, lambda source, target: "", from_events=from_events, undated=True)
    periods = buckets.get("", {})

    def order(label: str) -> tuple[bool, bool, str]:
        return label == UNDATED, granularity_of(label) != period, label

    return Rows(
        columns=list(Bucket().row("")), rows=[periods[label].row(label) for label in sorted(periods, key=order)]
    )


def shifts(
    store: Store,
    filters: Filters,
    *,
    period: str = "month",
    window: int = 6,
    threshold: float = 2.0,
    min_events: int = 3,
    examples: int = 3,
) -> Rows:
    """Dyads whose index in a period moved beyond their own recent variability.

    For each unordered pair, each period with at least `min_events` events is compared with the
    (up to) `window` such periods before it, when there are three or more: it is a shift when it
    lies `threshold` spreads from their mean, the spread being their standard deviation but at least
    0.1 (so a dyad that was steady does not flag every wobble). Each shift carries up to `examples`
    of the events that moved it (those on the side it moved to), with their evidence.
    """
    _check_period(period)
    series = _buckets(store, filters, period, lambda source, target: "-".join(sorted((source, target))), types=False)
    found: list[dict[str, Any]] = []
    for dyad, periods in series.items():
        history: list[float] = []
        for label in sorted(periods):
            bucket = periods[label]
            value = bucket.index
            if value is None or bucket.events < min_events:
                continue
            if len(history) >= 3:
                recent = history[-window:]
                baseline = sum(recent) / len(recent)
                # statistics.pstdev is exact, in fractions: a hundred times slower over thousands of pairs
                spread = max(math.sqrt(sum((past - baseline) ** 2 for past in recent) / len(recent)), 0.1)
                score = (value - baseline) / spread
                if abs(score) >= threshold:
                    found.append(
                        {
                            "dyad": dyad,
                            "period": label,
                            "index": value,
                            "baseline": round(baseline, 3),
                            "spread": round(spread, 3),
                            "score": round(score, 2),
                            "towards": "cooperation" if score > 0 else "conflict",
                            "events": bucket.events,
                            **dict(zip(("first", "last"), period_range(label), strict=True)),
                        }
                    )
            history.append(value)
    found.sort(key=lambda shift: (shift["period"], abs(shift["score"])), reverse=True)
    if filters.limit:
        found = found[: filters.limit]
    for shift in found:
        shift["examples"] = _examples(store, filters, shift, examples)
    columns = ["dyad", "period", "index", "baseline", "spread", "score", "towards", "events", "first", "last"]
    columns.append("examples")
    return Rows(columns=columns, rows=found)


def _examples(store: Store, filters: Filters, shift: dict[str, Any], wanted: int) -> list[dict[str, Any]]:
    """Events of the shift's dyad and period on the side it moved to, with their evidence."""
    asked = replace(counted(filters), dyad=shift["dyad"], since=shift["first"], until=shift["last"], limit=None)
    side = COOPERATION if shift["towards"] == "cooperation" else CONFLICT
    found = [row for row in queries.events(store, asked).rows if row["quad_class"] in side]
    keep = ("article", "event_id", "date", "source_code", "cameo", "target_code", "evidence")
    return [{name: row[name] for name in keep} for row in found[:wanted]]


def ego(store: Store, country: str, filters: Filters) -> Rows:
    """A country's relations with each partner: what it did to them, what they did to it, the index of both."""
    outgoing = pairs(store, replace(filters, source=country, limit=None)).rows
    incoming = pairs(store, replace(filters, target=country, limit=None)).rows
    count = "mentions" if filters.mentions else "events"
    partners: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"out": 0, "in": 0, **dict.fromkeys(QUADS.values(), 0), "goldstein": 0.0}
    )
    for rows, direction, partner in ((outgoing, "out", "target"), (incoming, "in", "source")):
        for row in rows:
            entry = partners[row[partner]]
            entry[direction] += row[count]
            for name in (*QUADS.values(), "goldstein"):
                entry[name] += row[name]
    rows = []
    for partner, entry in partners.items():
        quads = [entry[name] for name in QUADS.values()]
        total = entry["out"] + entry["in"]
        mean = round(entry["goldstein"] / total, 2)
        summed = round(entry.pop("goldstein"), 2)
        rows.append({"partner": partner, count: total, **entry, "goldstein": summed, "mean_goldstein": mean})
        rows[-1]["index"] = index(sum(quads[:2]), sum(quads[2:]))
    rows.sort(key=lambda row: (-row[count], row["partner"]))
    rows = rows[: filters.limit] if filters.limit else rows
    columns = ["partner", count, "out", "in", *QUADS.values(), "goldstein", "mean_goldstein", "index"]
    return Rows(columns=columns, rows=rows)


def profile(store: Store, one: str, two: str, filters: Filters, *, top: int = 10, latest: int = 5000) -> dict[str, Any]:
    """What a dyad's events are about: PLOVER types (its story-level events, both ways), and the sectors
    acting, the contexts and the commonest triggers of its `latest` event reports each way (so a pair
    with half a million events answers at once); modality as everywhere here."""
    asked = replace(counted(filters), dyad=f"{one}-{two}")
    found = day_rows(asked)
    count, _ = _weights(found, asked)
    types = select(found.c.plover_type, func.sum(count)).where(found.c.plover_type.is_not(None))
    e, a = schema.events, schema.articles
    counters: dict[str, Counter[str]] = {name: Counter() for name in ("types", "sectors", "contexts", "triggers")}
    with store.engine.connect() as conn:
        for plover, n in conn.execute(types.group_by(found.c.plover_type)):
            counters["types"][plover] = int(n)
        one, two = str(asked.dyad).split("-")
        for source, target in {(one, two), (two, one)}:
            query: Select[Any] = select(e.c.source_sector, e.c.target_sector, e.c.plover_context, e.c.trigger)
            query = query.select_from(e.join(a, e.c.article == a.c.id))
            query = query.where(e.c.source_country == source, e.c.target_country == target)
            if asked.modality != "all":
                query = query.where(e.c.modality == asked.modality)
            query = dated(described(query, asked), asked, e.c.day).order_by(e.c.day.desc()).limit(latest)
            for source_sector, target_sector, contexts, trigger in conn.execute(query):
                counters["sectors"].update(sector for sector in (source_sector, target_sector) if sector)
                counters["contexts"].update(context for context in (contexts or "").split(";") if context)
                counters["triggers"].update([trigger.lower()] if trigger else [])
    return {"dyad": asked.dyad, **{name: dict(counter.most_common(top)) for name, counter in counters.items()}}
