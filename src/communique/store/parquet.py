"""Extraction records as Parquet: one folder per table (articles, events, quotes, figures), partitioned by day.

The columns are the store's (`schema.fields`: the record models flattened), with the article id
on every row and the day (the article's date, or "unknown") as the Hive partition, so DuckDB,
pandas, Spark or R read them as tables. `articles.record` keeps each whole record and its content
hash, so `communique load` stores exactly what was coded. Each batch writes files named by its
number, and a marker once all are written: a rerun skips the batches already done and rewrites
any that a crash left half written. `copies` lists the articles the client did not send because
their words were sent before (a wire story from twenty outlets is coded once); `load` stores them
as reports of the article they copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel
from sqlalchemy import Boolean, Float, Integer

from ..model import Actor, Event, Extraction, Figure, Quote
from . import schema

TABLES: dict[str, tuple[type[BaseModel], str]] = {
    "events": (Event, "events"),
    "quotes": (Quote, "quotes"),
    "figures": (Figure, "figures"),
    "actors": (Actor, "actors"),
}
DONE = "_done"
COPIES = "copies"


def _arrow_type(kind: Any) -> pa.DataType:
    kind = kind if isinstance(kind, type) else type(kind)
    if issubclass(kind, Boolean):
        return pa.bool_()
    if issubclass(kind, Integer):
        return pa.int64()
    if issubclass(kind, Float):
        return pa.float64()
    return pa.string()


def _schema(model: type[BaseModel], *extra: tuple[str, pa.DataType]) -> pa.Schema:
    columns = [("article", pa.string())]
    columns += [(name, _arrow_type(kind)) for name, _, kind in schema.fields(model)]
    return pa.schema([*columns, *extra, ("day", pa.string())])


ARTICLE_SCHEMA = _schema(Extraction, ("hash", pa.string()), ("record", pa.string()))
REPORT_FIELDS = ("id", "title", "date", "url", "outlet", "path")
# An article with the words of one coded earlier in the run: not coded again, kept as another report of it.
COPY_SCHEMA = pa.schema([*((name, pa.string()) for name in REPORT_FIELDS), ("original", pa.string())])


def batch_done(folder: str | Path, number: int) -> bool:
    return (Path(folder) / DONE / f"batch-{number:06d}").exists()


def write_batch(folder: str | Path, number: int, coded: list[tuple[Extraction, str]]) -> None:
    """Write one batch of (record, content hash) pairs as Parquet files numbered `number`, then mark it done."""
    root = Path(folder)
    rows: dict[str, list[dict[str, Any]]] = {"articles": [], **{name: [] for name in TABLES}}
    for extraction, content_hash in coded:
        record = extraction.to_dict()
        day = record["date"] or "unknown"
        article = {k: v for k, v in schema.row(Extraction, record).items() if k != "id"}
        rows["articles"].append(
            {"article": extraction.id, **article, "hash": content_hash, "record": json.dumps(record), "day": day}
        )
        for name, (model, field) in TABLES.items():
            rows[name].extend(
                {"article": extraction.id, **schema.row(model, item), "day": day} for item in record[field]
            )
    shapes = {"articles": ARTICLE_SCHEMA, **{name: _schema(model) for name, (model, _) in TABLES.items()}}
    for name, table_rows in rows.items():
        table = pa.Table.from_pylist(table_rows, schema=shapes[name])
        pq.write_to_dataset(
            table,
            root / name,
            partition_cols=["day"],
            basename_template=f"batch-{number:06d}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
    (root / DONE).mkdir(parents=True, exist_ok=True)
    (root / DONE / f"batch-{number:06d}").touch()


def write_copies(folder: str | Path, number: int, copies: Sequence[tuple[Mapping[str, Any], str]]) -> None:
    """The copies of batch `number`: each one's report fields (`REPORT_FIELDS`; any missing are empty) and
    the id of the article whose words it carries."""
    rows = [{**{name: fields.get(name) for name in REPORT_FIELDS}, "original": original} for fields, original in copies]
    where = Path(folder) / COPIES
    where.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=COPY_SCHEMA), where / f"batch-{number:06d}.parquet")


def read_copies(folder: str | Path) -> Iterator[tuple[dict[str, str | None], str]]:
    """Every copy in a Parquet folder: its report fields (id, title, date, url, outlet, path) and its original's id."""
    for path in sorted((Path(folder) / COPIES).glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            original = row.pop("original")
            yield row, original


def read_records(folder: str | Path) -> Iterator[tuple[Extraction, str]]:
    """Every (record, content hash) in a Parquet folder written by `write_batch`, batch by batch."""
    root = Path(folder) / "articles"
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*.parquet"), key=lambda p: (p.name, str(p))):
        table = pq.read_table(path, columns=["record", "hash"])
        for record, content_hash in zip(table["record"].to_pylist(), table["hash"].to_pylist(), strict=True):
            yield Extraction.from_dict(json.loads(record)), content_hash
