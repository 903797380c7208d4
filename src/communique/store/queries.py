"""Reads shared by every front end: events, actors, quotes and figures with filters, and dyad relations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Numeric, Select, and_, case, cast, func, literal, or_, select

from ..actors.blocs import members_of, packaged_blocs
from ..claims.dates import normalise_date
from ..errors import QueryError
from ..model import MODALITIES
from . import schema
from .sql import Store

_CODE = re.compile(r"[A-Z0-9]{3,}")
_DYAD = re.compile(r"[A-Z0-9]{3}-[A-Z0-9]{3}")
_CHECKS: dict[str, tuple[re.Pattern[str], str]] = {
    "source": (_CODE, "give a country code (RUS) or a longer code prefix (RUSGOV)"),
    "target": (_CODE, "give a country code (FRA) or a longer code prefix (FRAGOV)"),
    "country": (_CODE, "give a country (ISO3, e.g. RUS) or region code (AFR)"),
    "dyad": (_DYAD, "give two country codes joined by a hyphen, e.g. RUS-MLI"),
    "cameo": (re.compile(r"[0-9]{2,4}"), "give a CAMEO code or code prefix of 2 to 4 digits, e.g. 16 or 1622"),
    "plover": (re.compile(r"[A-Z_]+"), "give a PLOVER event type, e.g. SANCTION"),
}


@dataclass(frozen=True)
class Filters:
    """What the user asked for; every field is optional and they combine with AND.

    Values are checked and normalised on creation (codes upper-cased, dates made ISO); a value an
    option does not take raises QueryError (E019), never an empty answer.
    """

    source: str | None = None  # country or code prefix: 'RUS', 'RUSGOV'
    target: str | None = None
    dyad: str | None = None  # 'RUS-MLI': either direction
    since: str | None = None
    until: str | None = None
    cameo: str | None = None  # code prefix: '16' matches 160, 1622 ...
    plover: str | None = None
    modality: str | None = None  # one of MODALITIES, or 'all'; relations count 'asserted' when None
    article: str | None = None
    member_of: str | None = None  # a bloc ('AU', 'NATO'): events with a member state on either side
    country: str | None = None  # for actors
    speaker: str | None = None  # for quotes: part of the speaker's words or of the linked actor's name
    subject: str | None = None  # for figures: part of what the figure measures ('trade')
    unit: str | None = None  # for figures: 'USD', 'percent', 'count', 'mile' (any case)
    run: str | None = None  # for failures
    by_story: bool = False  # events: one row per story-level event, with its mention, source and article counts
    mentions: bool = False  # relations: count every report of an event, not each event once
    limit: int | None = None

    def __post_init__(self) -> None:
        for name, (pattern, expected) in _CHECKS.items():
            value = getattr(self, name)
            if value is not None:
                value = value.strip().upper()
                if not pattern.fullmatch(value):
                    raise QueryError("E019", option=name, value=getattr(self, name), expected=expected)
                object.__setattr__(self, name, value)
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, normalise_date(value))
                except ValueError as error:
                    expected = "give a date as YYYY-MM-DD, YYYY-MM or YYYY"
                    raise QueryError("E019", option=name, value=value, expected=expected) from error
        if self.member_of is not None:
            if members_of(self.member_of) is None:
                expected = "give a bloc: " + ", ".join(sorted(packaged_blocs()))
                raise QueryError("E019", option="member-of", value=self.member_of, expected=expected)
            object.__setattr__(self, "member_of", self.member_of.strip().upper())
        if self.modality is not None and self.modality not in (*MODALITIES, "all"):
            expected = "give one of " + ", ".join((*MODALITIES, "all"))
            raise QueryError("E019", option="modality", value=self.modality, expected=expected)
        if self.limit is not None and self.limit < 1:
            raise QueryError("E019", option="limit", value=self.limit, expected="give a positive number of rows")


@dataclass
class Rows:
    """A query's answer: its column names (kept for an empty answer's CSV header) and its rows."""

    columns: list[str]
    rows: list[dict[str, Any]]


def _dated(query: Select[Any], filters: Filters, day: Any = schema.articles.c.date) -> Select[Any]:
    """Date and article filters; `day` is the article's date, or an event's own date when it has one."""
    if filters.since:
        query = query.where(day >= filters.since)
    if filters.until:
        query = query.where(day <= filters.until + "\uffff")  # '2025-06' takes in every day of June
    if filters.article:
        query = query.where(schema.articles.c.id == filters.article)
    return query


def _dyadic(query: Select[Any], filters: Filters, *, by_country: bool) -> Select[Any]:
    """Source, target, dyad, bloc and modality filters over the events table."""
    e = schema.events
    if filters.source:
        column = e.c.source_country if by_country else e.c.source_code
        query = query.where(column.startswith(filters.source[:3] if by_country else filters.source, autoescape=True))
    if filters.target:
        column = e.c.target_country if by_country else e.c.target_code
        query = query.where(column.startswith(filters.target[:3] if by_country else filters.target, autoescape=True))
    if filters.dyad:
        one, _, two = filters.dyad.partition("-")
        query = query.where(
            or_(
                and_(e.c.source_country == one, e.c.target_country == two),
                and_(e.c.source_country == two, e.c.target_country == one),
            )
        )
    if filters.member_of:
        members = sorted(members_of(filters.member_of) or ())
        query = query.where(or_(e.c.source_country.in_(members), e.c.target_country.in_(members)))
    if filters.modality and filters.modality != "all":
        query = query.where(e.c.modality == filters.modality)
    return query


def events(store: Store, filters: Filters) -> Rows:
    """Stored events, every modality unless `filters.modality` says which; per story with `filters.by_story`."""
    if filters.by_story:
        return story_events(store, filters)
    e, a = schema.events, schema.articles
    query: Select[Any] = select(
        a.c.id.label("article"),
        a.c.date.label("article_date"),
        a.c.story,
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
    ).select_from(e.join(a, e.c.article == a.c.id))
    query = _dyadic(query, filters, by_country=False)
    if filters.cameo:
        query = query.where(e.c.cameo.startswith(filters.cameo, autoescape=True))
    if filters.plover:
        query = query.where(e.c.plover_type == filters.plover)
    query = _dated(query, filters, func.coalesce(e.c.date, a.c.date)).order_by(
        a.c.ingested_at, e.c.start, func.length(e.c.event_id), e.c.event_id
    )
    return _rows(store, query, filters)


def actors(store: Store, filters: Filters) -> Rows:
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
    ).select_from(t.join(a, t.c.article == a.c.id))
    if filters.country:
        query = query.where(t.c.country == filters.country)
    return _rows(store, _dated(query, filters).order_by(a.c.ingested_at, t.c.actor_id), filters)


def quotes(store: Store, filters: Filters) -> Rows:
    """Stored quotes with the name of the actor each speaker is linked to; `filters.speaker` matches
    either ('Lavrov' finds 'he' when 'he' is linked to Sergey Lavrov)."""
    q, a, t = schema.quotes, schema.articles, schema.actors
    speaker = t.alias("speaker")
    query = select(
        a.c.id.label("article"),
        q.c.quote_id,
        q.c.kind,
        q.c.speaker_text,
        speaker.c.name.label("speaker_name"),
        q.c.cue_text,
        q.c.content_text,
        q.c.via_text,
        q.c.hedged,
    ).select_from(
        q.join(a, q.c.article == a.c.id).outerjoin(
            speaker, and_(speaker.c.article == q.c.article, speaker.c.actor_id == q.c.speaker_actor)
        )
    )
    if filters.speaker:
        wanted = filters.speaker.strip().lower()
        query = query.where(
            or_(
                func.lower(q.c.speaker_text).contains(wanted, autoescape=True),
                func.lower(speaker.c.name).contains(wanted, autoescape=True),
            )
        )
    return _rows(store, _dated(query, filters).order_by(a.c.ingested_at, q.c.content_start), filters)


def figures(store: Store, filters: Filters) -> Rows:
    f, a = schema.figures, schema.articles
    query = select(
        a.c.id.label("article"),
        f.c.figure_id,
        f.c.text,
        f.c.value,
        f.c.unit,
        f.c.qualifier,
        f.c.subject,
        f.c.period,
        f.c.claimed_by,
        f.c.hedged,
    ).select_from(f.join(a, f.c.article == a.c.id))
    if filters.subject:
        query = query.where(func.lower(f.c.subject).contains(filters.subject.strip().lower(), autoescape=True))
    if filters.unit:
        query = query.where(func.lower(f.c.unit) == filters.unit.strip().lower())
    return _rows(store, _dated(query, filters).order_by(a.c.ingested_at, f.c.start), filters)


def _story_events(filters: Filters, *, by_country: bool) -> Select[Any]:
    """Events as GDELT counts them: one per story, source, CAMEO code, target and day, with how many
    mentions (reports of it, exact copies included), sources (distinct outlets) and articles carry it."""
    e, a, r = schema.events, schema.articles, schema.reports
    day = func.coalesce(e.c.date, a.c.date)
    query = (
        select(
            a.c.story,
            day.label("day"),
            e.c.source_code,
            func.min(e.c.source_country).label("source_country"),
            e.c.cameo,
            func.min(e.c.plover_type).label("plover_type"),
            e.c.target_code,
            func.min(e.c.target_country).label("target_country"),
            func.min(e.c.quad_class).label("quad_class"),
            func.min(e.c.goldstein).label("goldstein"),
            func.count().label("mentions"),
            func.count(func.distinct(func.coalesce(r.c.outlet, r.c.id))).label("sources"),
            func.count(func.distinct(r.c.id)).label("articles"),
            func.min(a.c.id).label("first_article"),
            func.min(e.c.evidence).label("evidence"),
        )
        .select_from(e.join(a, e.c.article == a.c.id).join(r, r.c.article == a.c.id))
        .group_by(a.c.story, day, e.c.source_code, e.c.cameo, e.c.target_code)
    )
    if filters.cameo:
        query = query.where(e.c.cameo.startswith(filters.cameo, autoescape=True))
    if filters.plover:
        query = query.where(e.c.plover_type == filters.plover)
    return _dated(_dyadic(query, filters, by_country=by_country), filters, day)


def story_events(store: Store, filters: Filters) -> Rows:
    """One row per story-level event (see `_story_events`), most reported first."""
    found = _story_events(filters, by_country=False).subquery()
    query = select(found).order_by(found.c.mentions.desc(), found.c.day, found.c.story, found.c.cameo)
    return _rows(store, query, filters)


def relations(store: Store, filters: Filters) -> Rows:
    """One row per ordered country pair: events by quad class, mean Goldstein weight, first and last date.

    An event reported by twenty outlets counts once (story level); `filters.mentions` counts each
    report instead, as GDELT's event rows weighted by NumMentions would. Only asserted events count
    unless `filters.modality` names another modality (or 'all'): a plan, a denial or a hypothesis is
    not something that happened between two countries.
    """
    found = _story_events(replace(filters, modality=filters.modality or "asserted"), by_country=True).subquery()
    weight = found.c.mentions if filters.mentions else literal(1)
    quad = {n: func.sum(case((found.c.quad_class == n, weight), else_=0)) for n in (1, 2, 3, 4)}
    total = func.sum(weight)
    mean: ColumnElement[Any] = func.round(  # PostgreSQL: round(numeric, int)
        cast(func.sum(found.c.goldstein * weight), Numeric) / cast(total, Numeric), 2
    )
    query = (
        select(
            found.c.source_country.label("source"),
            found.c.target_country.label("target"),
            total.label("mentions" if filters.mentions else "events"),
            quad[1].label("verbal_coop"),
            quad[2].label("material_coop"),
            quad[3].label("verbal_conflict"),
            quad[4].label("material_conflict"),
            mean.label("mean_goldstein"),
            func.min(found.c.day).label("first"),
            func.max(found.c.day).label("last"),
        )
        .where(found.c.source_country.is_not(None), found.c.target_country.is_not(None))
        .group_by(found.c.source_country, found.c.target_country)
        .order_by(total.desc(), found.c.source_country, found.c.target_country)
    )
    return _rows(store, query, filters)


def failures(store: Store, filters: Filters) -> Rows:
    """Why inputs were skipped, in the latest ingest run (or `filters.run`)."""
    f, r = schema.failures, schema.runs
    latest = select(r.c.id).order_by(r.c.started_at.desc()).limit(1).scalar_subquery()
    query = (
        select(f.c.run, f.c.source, f.c.code, f.c.message)
        .where(f.c.run == (filters.run if filters.run else latest))
        .order_by(f.c.number)
    )
    return _rows(store, query, filters)


def _rows(store: Store, query: Select[Any], filters: Filters) -> Rows:
    if filters.limit:
        query = query.limit(filters.limit)
    with store.engine.connect() as conn:
        result = conn.execute(query)
        rows = [{k: float(v) if isinstance(v, Decimal) else v for k, v in row._mapping.items()} for row in result]
        return Rows(columns=list(result.keys()), rows=rows)
