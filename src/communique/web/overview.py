"""What the dashboard's overview shows, and a cache of the reads that take seconds over millions of events.

Every pair, plans and shifts (the overview), all pair totals (`/api/relations`) and a pair's profile
cost from a tenth of a second to seconds at five million events. `StoreCache` keeps each answer
until the store changes: the store's version is its newest report, one indexed read, and every
article or copy stored adds one. So a page costs milliseconds between writes, and during an ingest
gives an answer at most `[serve] stale_seconds` old while the new one is computed (#21).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import func, select

from .. import relations
from ..store import schema
from ..store.queries import Filters
from ..store.sql import Store
from . import worldmap

NETWORK_SIZE = 700
NETWORK_COUNTRIES = 40
CACHED_ANSWERS = 256
T = TypeVar("T")


@dataclass(frozen=True)
class Overview:
    """Everything the overview page and its map draw for one filter."""

    pairs: list[dict[str, Any]]
    plans: list[dict[str, Any]]
    shifts: list[dict[str, Any]]
    drawing: dict[str, Any]  # the map's and the network's data, as /overview.json sends it


@dataclass(frozen=True)
class _Kept:
    version: str | None
    answer: Any
    at: float  # time.monotonic() when computed


class StoreCache:
    """Answers asked for lately (least recent dropped), each kept while the store's version stays the same.

    After a write, an answer at most `stale_seconds` old is still given while a thread computes the new
    one, so a dashboard over a store being ingested into stays quick, at most that far behind.
    """

    def __init__(self, store: Store, *, size: int = CACHED_ANSWERS, stale_seconds: float = 0) -> None:
        self.store, self.size, self.stale_seconds = store, size, stale_seconds
        self._kept: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._refreshing: set[Hashable] = set()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept under `key` for the store as it is now, else what `compute()` gives (then kept)."""
        version = self._version()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                if kept.version == version:
                    return kept.answer  # type: ignore[no-any-return]
                if time.monotonic() - kept.at < self.stale_seconds:
                    if key not in self._refreshing:
                        self._refreshing.add(key)
                        threading.Thread(target=self._refresh, args=(key, version, compute), daemon=True).start()
                    return kept.answer  # type: ignore[no-any-return]
        answer = compute()
        self._keep(key, version, answer)
        return answer

    def _refresh(self, key: Hashable, version: str | None, compute: Callable[[], Any]) -> None:
        try:
            self._keep(key, version, compute())
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def _keep(self, key: Hashable, version: str | None, answer: Any) -> None:
        with self._lock:
            self._kept[key] = _Kept(version, answer, time.monotonic())
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def overview(self, filters: Filters) -> Overview:
        return self.get(("overview", filters), lambda: build(self.store, filters))

    def _version(self) -> str | None:
        with self.store.engine.connect() as conn:
            newest: str | None = conn.execute(select(func.max(schema.reports.c.seen_at))).scalar()
            return newest


def build(store: Store, filters: Filters) -> Overview:
    """The overview of the asserted events that pass `filters`."""
    pairs = relations.pairs(store, filters).rows
    plans = [
        {**row, "modality": modality}
        for modality in ("planned", "intended")
        for row in relations.pairs(store, replace(filters, modality=modality)).rows
    ]
    shifts = relations.shifts(store, replace(filters, limit=10)).rows
    return Overview(pairs=pairs, plans=plans, shifts=shifts, drawing=_drawing(pairs, plans))


def _drawing(pairs: list[dict[str, Any]], plans: list[dict[str, Any]]) -> dict[str, Any]:
    """Country colours, arrows on the map (done and planned) and the network of the most active countries."""
    totals: dict[str, dict[str, int]] = {}
    for row in pairs:
        for code in (row["source"], row["target"]):
            entry = totals.setdefault(code, {"events": 0, "coop": 0, "conflict": 0})
            entry["events"] += row["events"]
            entry["coop"] += row["verbal_coop"] + row["material_coop"]
            entry["conflict"] += row["verbal_conflict"] + row["material_conflict"]
    shapes = worldmap.shapes()
    points = {code: (shape.x, shape.y) for code, shape in shapes.items()}
    countries = [
        {"code": code, "events": entry["events"], "colour": tone(relations.index(entry["coop"], entry["conflict"]))}
        for code, entry in sorted(totals.items())
        if code in shapes
    ]
    ranked = sorted(totals, key=lambda code: (-totals[code]["events"], code))[:NETWORK_COUNTRIES]
    circle = _circle(ranked, NETWORK_SIZE)
    return {
        "countries": countries,
        "edges": edges(pairs, points, 6),
        "planned": edges(plans, points, 3),
        "network": {
            "edges": edges([r for r in pairs if r["source"] in circle and r["target"] in circle], circle, 5),
            "nodes": [
                {"code": code, "x": x, "y": y, "events": totals[code]["events"]} for code, (x, y) in circle.items()
            ],
        },
    }


def edges(rows: list[dict[str, Any]], position: dict[str, tuple[float, float]], width: float) -> list[dict[str, Any]]:
    """Curved arrows between the countries' points: coloured by the index, as wide as the volume allows."""
    most = max((row["events"] for row in rows), default=1)
    drawn = []
    for row in rows:
        if row["source"] not in position or row["target"] not in position or row["source"] == row["target"]:
            continue
        (x1, y1), (x2, y2) = position[row["source"]], position[row["target"]]
        bend = 0.15  # to the right of the direction of travel, so A->B and B->A do not overlap
        cx, cy = (x1 + x2) / 2 + (y2 - y1) * bend, (y1 + y2) / 2 - (x2 - x1) * bend
        drawn.append(
            {
                "source": row["source"],
                "target": row["target"],
                "events": row["events"],
                "index": row["index"],
                **({"modality": row["modality"]} if "modality" in row else {}),
                "path": f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                "width": round(width * (0.3 + 1.7 * math.sqrt(row["events"] / most)), 1),
                "colour": tone(row["index"]),
            }
        )
    return drawn


def _circle(countries: list[str], size: float) -> dict[str, tuple[float, float]]:
    radius = size * 0.4
    return {
        code: (
            round(size / 2 + radius * math.cos(2 * math.pi * n / len(countries) - math.pi / 2), 1),
            round(size / 2 + radius * math.sin(2 * math.pi * n / len(countries) - math.pi / 2), 1),
        )
        for n, code in enumerate(countries)
    }


def tone(index: float | None) -> str:
    """A colour from conflict (-1, red) through none (0, grey) to cooperation (+1, blue)."""
    if index is None:
        return "#b8b8b8"
    grey, red, blue = (150, 150, 150), (200, 40, 40), (30, 100, 200)
    end = blue if index > 0 else red
    share = min(abs(index), 1.0)
    r, g, b = (round(a + (z - a) * share) for a, z in zip(grey, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"
