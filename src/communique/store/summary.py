"""The relations summary: story-level events per ordered country pair and day or month, kept current on every write.

`relation_days` holds, for each (source country, target country, day, modality, quad class,
PLOVER type), how many story-level events there are (`story_events`: one per story, source code,
CAMEO code, target code, day and modality, however many outlets reported it), how many reports
carried them, and their summed Goldstein weights; `relation_months` the same per month (summed from
the days). A dyad's monthly timeline then reads a few thousand rows through one index instead of
grouping millions of events (bench/relations.py measures both).

Each write refreshes the (source, target, day) groups it touched and their months, in the write's
own transaction, by recomputing them from the events: a new article, a replaced one, or one more
report of a stored one (which changes mention counts only). So the summary always equals what the
events say.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, func, insert, select

from . import schema

Key = tuple[str, str, str | None]  # source country, target country, day
# what a story-level event also says of itself (the first value where its reports differ), for exports
_DESCRIBED = (
    "source_text",
    "source_sector",
    "target_text",
    "target_sector",
    "sentence",
    "location_name",
    "location_country",
)


def story_events() -> Select[Any]:
    """Events as GDELT counts them: one per story, day, source code, CAMEO code, target code and modality,
    with how many mentions (reports of it, exact copies included), sources (distinct outlets) and
    articles carry it. Callers add their filters with `.where`."""
    e, a, r = schema.events, schema.articles, schema.reports
    return (
        select(
            a.c.story,
            e.c.day,
            e.c.source_code,
            func.min(e.c.source_country).label("source_country"),
            e.c.cameo,
            func.min(e.c.plover_type).label("plover_type"),
            e.c.target_code,
            func.min(e.c.target_country).label("target_country"),
            e.c.modality,
            func.min(e.c.quad_class).label("quad_class"),
            func.min(e.c.goldstein).label("goldstein"),
            func.count().label("mentions"),
            func.count(func.distinct(func.coalesce(r.c.outlet, r.c.id))).label("sources"),
            func.count(func.distinct(r.c.id)).label("articles"),
            func.min(a.c.id).label("first_article"),
            func.min(e.c.evidence).label("evidence"),
            *(func.min(e.c[name]).label(name) for name in _DESCRIBED),
            func.min(a.c.url).label("url"),
            func.min(a.c.ingested_at).label("added"),
        )
        .select_from(e.join(a, e.c.article == a.c.id).join(r, r.c.article == a.c.id))
        .group_by(a.c.story, e.c.day, e.c.source_code, e.c.cameo, e.c.target_code, e.c.modality)
    )


def totals(found: Any) -> Select[Any]:
    """`relation_days` rows (with its column names) from a subquery of story-level events."""
    return select(
        found.c.source_country.label("source"),
        found.c.target_country.label("target"),
        found.c.day,
        found.c.modality,
        found.c.quad_class,
        found.c.plover_type,
        func.count().label("events"),
        func.sum(found.c.mentions).label("mentions"),
        func.coalesce(func.sum(found.c.goldstein), 0.0).label("goldstein"),
        func.coalesce(func.sum(found.c.goldstein * found.c.mentions), 0.0).label("goldstein_mentions"),
    ).group_by(
        found.c.source_country,
        found.c.target_country,
        found.c.day,
        found.c.modality,
        found.c.quad_class,
        found.c.plover_type,
    )


_COLUMNS = ["source", "target", "day", "modality", "quad_class", "plover_type"]
_COLUMNS += ["events", "mentions", "goldstein", "goldstein_mentions"]


def keys_of(conn: Connection, article_ids: Iterable[str]) -> set[Key]:
    """The (source, target, day) groups the events of these articles count in."""
    e = schema.events
    query = select(e.c.source_country, e.c.target_country, e.c.day).distinct()
    query = query.where(e.c.article.in_(list(article_ids)), e.c.source_country.is_not(None))
    return {(row[0], row[1], row[2]) for row in conn.execute(query.where(e.c.target_country.is_not(None)))}


def _months(where: Any = None) -> Select[Any]:
    """`relation_months` rows summed from `relation_days` (those `where` selects)."""
    d = schema.relation_days
    month = func.substr(d.c.day, 1, 7)
    groups = (d.c.source, d.c.target, month, d.c.modality, d.c.quad_class, d.c.plover_type)
    sums = (func.sum(d.c[name]) for name in _COLUMNS[6:])
    query = select(*groups, *sums)
    return (query if where is None else query.where(where)).group_by(*groups)


def refresh(conn: Connection, keys: set[Key]) -> None:
    """Recompute the summary rows of these (source, target, day) groups from the events, then their months."""
    d, m, e = schema.relation_days, schema.relation_months, schema.events
    for source, target, day in keys:
        conn.execute(delete(d).where(d.c.source == source, d.c.target == target, d.c.day == day))
        found = story_events().where(e.c.source_country == source, e.c.target_country == target, e.c.day == day)
        conn.execute(insert(d).from_select(_COLUMNS, totals(found.subquery())))
    for source, target, month in {(source, target, day and day[:7]) for source, target, day in keys}:
        conn.execute(delete(m).where(m.c.source == source, m.c.target == target, m.c.day == month))
        days = and_(d.c.source == source, d.c.target == target)
        if month is None:
            days = and_(days, d.c.day.is_(None))
        else:  # a range the index reads, then the month itself ('2025' also starts '2025'...)
            days = and_(days, d.c.day >= month, d.c.day <= month + "\uffff", func.substr(d.c.day, 1, 7) == month)
        conn.execute(insert(m).from_select(_COLUMNS, _months(days)))


def rebuild(conn: Connection) -> None:
    """The whole summary again from the events (a store made before it existed, or a bulk load)."""
    e = schema.events
    conn.execute(delete(schema.relation_days))
    conn.execute(delete(schema.relation_months))
    found = story_events().where(e.c.source_country.is_not(None), e.c.target_country.is_not(None))
    conn.execute(insert(schema.relation_days).from_select(_COLUMNS, totals(found.subquery())))
    conn.execute(insert(schema.relation_months).from_select(_COLUMNS, _months()))
