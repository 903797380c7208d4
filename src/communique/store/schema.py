"""The store's tables, derived from the record models of `communique.model`, never restated.

Each record type becomes one table whose columns are its fields flattened (`source.country` ->
`source_country`); lists of strings are joined with ';', mappings kept as JSON, and lists of
records become their own tables (an actor's mentions). `row()` flattens a record the same way, so
a field added to a model is a column and a value without another line of code here.

An article's key is its id; `hash` (of title and text) is unique too. `articles.record` keeps the
whole extraction record as JSON so that exports give back exactly what `extract` printed.

One story, many reports (`communique.stories`): an article is coded and stored once per text
(`fingerprint`), and `reports` holds every id, URL and outlet that carried that text, the article's
own first; `story` is the id of the first article of the story it belongs to (itself when alone),
found through its MinHash `signature` and the LSH keys in `story_bands`.

Relations (`communique.store.summary`): `events.day` is the date an event counts under (its own,
else its article's), and `relation_days` / `relation_months` hold its story-level counts per
ordered country pair, kept current on every write.
"""

from __future__ import annotations

import json
import types
import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeEngine

from ..model import Actor, Event, Extraction, Figure, Mention, Quote

metadata = MetaData()

_SCALARS: dict[Any, type[TypeEngine[Any]]] = {str: Text, int: Integer, float: Float, bool: Boolean}


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation


def _is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@cache
def fields(model: type[BaseModel]) -> tuple[tuple[str, tuple[str, ...], Any], ...]:
    """(column name, path of field names, column type) for every stored field of `model`; worked out once
    per model, since `row` asks for it for every record the store writes."""
    found: list[tuple[str, tuple[str, ...], Any]] = []
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        origin = typing.get_origin(annotation)
        if _is_record(annotation):
            found.extend((f"{name}_{column}", (name, *path), kind) for column, path, kind in fields(annotation))
        elif origin is list and _is_record(typing.get_args(annotation)[0]):
            continue  # a list of records: a table of its own
        elif origin is list:
            found.append((name, (name,), Text))
        elif origin is dict:
            found.append((name, (name,), Text))
        elif origin is Literal:
            found.append((name, (name,), String(16)))
        else:
            found.append((name, (name,), _SCALARS[annotation]))
    return tuple(found)


def row(model: type[BaseModel], data: dict[str, Any], *, key: str = "id") -> dict[str, Any]:
    """One record's JSON form (`model_dump(mode='json')`) flattened into its table's columns."""
    values: dict[str, Any] = {}
    for column, path, _ in fields(model):
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = ";".join(value)
        elif isinstance(value, dict):
            value = json.dumps(value, sort_keys=True)
        values[key if column == "id" else column] = value
    return values


def _article_key() -> Column[Any]:
    return Column("article", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _record_table(
    name: str, model: type[BaseModel], key: str, *extra: Column[Any], indexed: tuple[str, ...] = ()
) -> Table:
    columns: list[Column[Any]] = [_article_key(), *extra]
    for column, _, kind in fields(model):
        if column == "id":
            columns.append(Column(key, String(16), primary_key=True))
        else:
            columns.append(Column(column, kind, index=column in indexed))
    return Table(name, metadata, *columns)


_ARTICLE_FIELDS = [(c, k) for c, _, k in fields(Extraction) if c != "id"]

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    *(Column(column, kind, index=column == "date") for column, kind in _ARTICLE_FIELDS),
    Column("hash", String(64), nullable=False, unique=True),
    Column("record", Text, nullable=False),
    Column("run", String(32)),
    Column("ingested_at", String(32), nullable=False),
    Column("fingerprint", String(64), index=True),
    Column("story", Text, index=True),
    Column("signature", LargeBinary),
)
reports = Table(
    "reports",
    metadata,
    Column("id", Text, primary_key=True),  # the report's own id (a URL for a fetched page)
    Column("article", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("date", Text),
    Column("path", Text),
    Column("run", String(32)),
    Column("seen_at", String(32), nullable=False, index=True),  # its newest: the store's version (web/overview)
)
story_bands = Table(
    "story_bands",
    metadata,
    Column("band", String(18), primary_key=True),
    Column("article", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)
actors = _record_table("actors", Actor, "actor_id", indexed=("country",))
mentions = Table(
    "mentions",
    metadata,
    _article_key(),
    Column("actor_id", String(16), primary_key=True),
    *(Column(column, kind, primary_key=column == "start") for column, _, kind in fields(Mention)),
)
events = _record_table(
    "events",
    Event,
    "event_id",
    Column("day", Text),  # the event's own date, else its article's: what relations count it under
    indexed=("source_country", "target_country", "cameo", "plover_type", "modality", "date"),
)
Index("events_dyad_day", events.c.source_country, events.c.target_country, events.c.day)


def _relations_table(name: str) -> Table:
    """Story-level events per ordered country pair and time (`communique.store.summary`)."""
    table = Table(
        name,
        metadata,
        Column("source", String(3), nullable=False),
        Column("target", String(3), nullable=False),
        Column("day", Text),  # a day; in relation_months its month; a coarser date as the events gave it
        Column("modality", String(16)),
        Column("quad_class", Integer),
        Column("plover_type", Text),
        Column("events", Integer, nullable=False),  # story-level events
        Column("mentions", Integer, nullable=False),  # reports of them
        Column("goldstein", Float, nullable=False),  # summed over events
        Column("goldstein_mentions", Float, nullable=False),  # summed over reports
    )
    Index(f"{name}_dyad", table.c.source, table.c.target, table.c.day)
    Index(f"{name}_day", table.c.day)
    return table


relation_days = _relations_table("relation_days")
relation_months = _relations_table("relation_months")
quotes = _record_table("quotes", Quote, "quote_id")
figures = _record_table("figures", Figure, "figure_id")

runs = Table(
    "runs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("new", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("already", Integer, nullable=False, default=0),
    Column("copies", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
)
failures = Table(
    "failures",
    metadata,
    Column("run", String(32), ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),  # order within the run
    Column("source", Text, nullable=False),
    Column("code", String(8)),
    Column("message", Text),
    Column("at", String(32), nullable=False),
)
Index("failures_source", failures.c.source)

CHILDREN: list[tuple[Table, type[BaseModel], str, str]] = [
    (actors, Actor, "actors", "actor_id"),
    (events, Event, "events", "event_id"),
    (quotes, Quote, "quotes", "quote_id"),
    (figures, Figure, "figures", "figure_id"),
]
