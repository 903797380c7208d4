"""Reads shared by every front end: events, actors, quotes and figures with filters, and dyad relations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from . import schema
from .sql import Store


@dataclass(frozen=True)
class Filters:
    """What the user asked for; every field is optional and they combine with AND."""

    source: str | None = None  # country or code prefix: 'RUS', 'RUSGOV'
    target: str | None = None
    dyad: str | None = None  # 'RUS-MLI': either direction
    since: str | None = None
    until: str | None = None
    cameo: str | None = None  # code prefix: '16' matches 160, 1622 ...
    plover: str | None = None
    article: str | None = None
    country: str | None = None  # for actors
    limit: int | None = None


def _dated(query: Select, filters: Filters, day: Any = schema.articles.c.date) -> Select:
    """Date and article filters; `day` is the article's date, or an event's own date when it has one."""
    if filters.since:
        query = query.where(day >= filters.since)
    if filters.until:
        query = query.where(day <= filters.until + "\uffff")
    if filters.article:
        query = query.where(schema.articles.c.id == filters.article)
    return query


def events(store: Store, filters: Filters) -> list[dict[str, Any]]:
    e, a = schema.events, schema.articles
    query = select(
        a.c.id.label("article"),
        a.c.date.label("article_date"),
        e.c.event_id,
        e.c.date,
        e.c.source_code,
        e.c.source_text,
        e.c.cameo,
        e.c.plover_type,
        e.c.target_code,
        e.c.target_text,
        e.c.modality,
        e.c.quad_class,
        e.c.goldstein,
        e.c.trigger,
        e.c.evidence,
    ).select_from(e.join(a, e.c.article == a.c.hash))
    if filters.source:
        query = query.where(e.c.source_code.startswith(filters.source.upper()))
    if filters.target:
        query = query.where(e.c.target_code.startswith(filters.target.upper()))
    if filters.dyad:
        one, _, two = filters.dyad.upper().partition("-")
        query = query.where(
            or_(
                and_(e.c.source_country == one, e.c.target_country == two),
                and_(e.c.source_country == two, e.c.target_country == one),
            )
        )
    if filters.cameo:
        query = query.where(e.c.cameo.startswith(filters.cameo))
    if filters.plover:
        query = query.where(e.c.plover_type == filters.plover.upper())
    query = _dated(query, filters, func.coalesce(e.c.date, a.c.date)).order_by(
        a.c.ingested_at, e.c.start, func.length(e.c.event_id), e.c.event_id
    )
    return _rows(store, query.limit(filters.limit) if filters.limit else query)


def actors(store: Store, filters: Filters) -> list[dict[str, Any]]:
    t, a, m = schema.actors, schema.articles, schema.mentions
    mention_count = (
        select(func.count()).where(and_(m.c.article == t.c.article, m.c.actor_id == t.c.actor_id)).scalar_subquery()
    )
    query = select(
        a.c.id.label("article"),
        t.c.actor_id,
        t.c.name,
        t.c.kind,
        t.c.country,
        t.c.sector,
        t.c.code,
        t.c.role,
        mention_count.label("mentions"),
    ).select_from(t.join(a, t.c.article == a.c.hash))
    if filters.country:
        query = query.where(t.c.country == filters.country.upper())
    query = _dated(query, filters).order_by(a.c.ingested_at, t.c.actor_id)
    return _rows(store, query.limit(filters.limit) if filters.limit else query)


def quotes(store: Store, filters: Filters) -> list[dict[str, Any]]:
    q, a = schema.quotes, schema.articles
    query = select(
        a.c.id.label("article"), q.c.quote_id, q.c.kind, q.c.speaker_text, q.c.cue_text, q.c.content_text, q.c.via_text
    ).select_from(q.join(a, q.c.article == a.c.hash))
    query = _dated(query, filters).order_by(a.c.ingested_at, q.c.content_start)
    return _rows(store, query.limit(filters.limit) if filters.limit else query)


def figures(store: Store, filters: Filters) -> list[dict[str, Any]]:
    f, a = schema.figures, schema.articles
    query = select(
        a.c.id.label("article"), f.c.figure_id, f.c.text, f.c.value, f.c.unit, f.c.qualifier, f.c.subject, f.c.period
    ).select_from(f.join(a, f.c.article == a.c.hash))
    query = _dated(query, filters).order_by(a.c.ingested_at, f.c.start)
    return _rows(store, query.limit(filters.limit) if filters.limit else query)


def relations(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """One row per ordered country pair: events by quad class, mean Goldstein weight, first and last date."""
    e, a = schema.events, schema.articles
    day = func.coalesce(e.c.date, a.c.date)
    quad = {n: func.sum(case((e.c.quad_class == n, 1), else_=0)) for n in (1, 2, 3, 4)}
    query = (
        select(
            e.c.source_country.label("source"),
            e.c.target_country.label("target"),
            func.count().label("events"),
            quad[1].label("verbal_coop"),
            quad[2].label("material_coop"),
            quad[3].label("verbal_conflict"),
            quad[4].label("material_conflict"),
            func.round(func.avg(e.c.goldstein), 2).label("mean_goldstein"),
            func.min(day).label("first"),
            func.max(day).label("last"),
        )
        .select_from(e.join(a, e.c.article == a.c.hash))
        .where(e.c.source_country.is_not(None), e.c.target_country.is_not(None))
        .group_by(e.c.source_country, e.c.target_country)
        .order_by(func.count().desc(), e.c.source_country, e.c.target_country)
    )
    if filters.source:
        query = query.where(e.c.source_country == filters.source.upper()[:3])
    if filters.target:
        query = query.where(e.c.target_country == filters.target.upper()[:3])
    if filters.dyad:
        one, _, two = filters.dyad.upper().partition("-")
        query = query.where(
            or_(
                and_(e.c.source_country == one, e.c.target_country == two),
                and_(e.c.source_country == two, e.c.target_country == one),
            )
        )
    query = _dated(query, filters, day)
    return _rows(store, query.limit(filters.limit) if filters.limit else query)


def _rows(store: Store, query: Select) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
