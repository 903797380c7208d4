"""Reads shared by every front end: events, actors, quotes, figures and failures, with filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal, or_, select

from ..calendar import normalise_date
from ..dictionaries.blocs import members_of, packaged_blocs
from ..errors import QueryError
from ..model import ATTITUDES, MODALITIES, SHOWN_ATTITUDES, storable
from . import schema, summary
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


# Bounds every front end shares: a number past them (a row count the database cannot hold) or a text
# past them (SQLite refuses a LIKE pattern over 50,000 bytes) is a QueryError, never a database error (#21).
MAX_ROWS = 2**53
MAX_TEXT = 2_000
_TEXTS = ("article", "actor", "speaker", "subject", "unit", "run", "search")


EventKey = tuple[str | None, str, str]  # an event's place in the events list: (day, article, event id)


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
    min_confidence: float | None = (
        None  # events whose `confidence` (the decision's probability it is right) is this or more
    )
    article: str | None = None
    quad: int | None = (
        None  # events of this quad class: 1 verbal, 2 material cooperation, 3 verbal, 4 material conflict
    )
    context: str | None = None  # events whose PLOVER contexts include this: 'military', 'economic' ...
    actor: str | None = None  # events with an actor of this name on either side: 'Sergey Lavrov' (any case)
    member_of: str | None = None  # a bloc ('AU', 'NATO'): events with a member state on either side
    country: str | None = None  # for actors; for quotes, the speaker's country
    speaker: str | None = None  # for quotes: part of the speaker's words or of the linked actor's name
    attitude: str | None = None  # for quotes: 'speech', 'belief', 'intention', 'stance', several with commas, 'all'
    subject: str | None = None  # for figures: part of what the figure measures ('trade')
    unit: str | None = None  # for figures: 'USD', 'percent', 'count', 'mile' (any case)
    run: str | None = None  # for failures
    search: str | None = None  # articles: words in the title or text; actors: in the name (any case)
    by_story: bool = False  # events: one row per story-level event, with its mention, source and article counts
    mentions: bool = False  # relations: count every report of an event, not each event once
    limit: int | None = None
    offset: int = 0  # rows skipped first (the API's pages)
    after: EventKey | None = None  # events: those after this one in the list's order (a keyset page)

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
        if self.context is not None:
            if not re.fullmatch(r"[a-z_]+", self.context.strip().lower()):
                raise QueryError(
                    "E019", option="context", value=self.context, expected="give a PLOVER context: military"
                )
            object.__setattr__(self, "context", self.context.strip().lower())
        if self.modality is not None and self.modality not in (*MODALITIES, "all"):
            expected = "give one of " + ", ".join((*MODALITIES, "all"))
            raise QueryError("E019", option="modality", value=self.modality, expected=expected)
        if self.attitude is not None:
            chosen = {part.strip().lower() for part in self.attitude.split(",") if part.strip()}
            if not chosen or not chosen <= {*ATTITUDES, "all"}:
                expected = "give one or more of " + ", ".join(ATTITUDES) + " (with commas), or all"
                raise QueryError("E019", option="attitude", value=self.attitude, expected=expected)
            object.__setattr__(self, "attitude", ",".join(sorted(chosen)))
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            expected = "give a probability from 0 to 1"
            raise QueryError("E019", option="min_confidence", value=self.min_confidence, expected=expected)
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            expected = (
                "give 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)"
            )
            raise QueryError("E019", option="quad", value=self.quad, expected=expected)
        if self.limit is not None and not 1 <= self.limit <= MAX_ROWS:
            expected = f"give a positive number of rows, at most {MAX_ROWS:,}"
            raise QueryError("E019", option="limit", value=self.limit, expected=expected)
        if not 0 <= self.offset <= MAX_ROWS:
            expected = f"give zero or a positive number, at most {MAX_ROWS:,}"
            raise QueryError("E019", option="offset", value=self.offset, expected=expected)
        for name in _TEXTS:
            value = getattr(self, name)
            if value is not None and len(value) > MAX_TEXT:
                expected = f"give at most {MAX_TEXT:,} characters (this one has {len(value):,})"
                raise QueryError("E019", option=name.replace("_", "-"), value=value[:40] + "...", expected=expected)
            if value is not None and storable(value) != value:  # a command line's undecodable bytes: lone surrogates
                shown = value.encode("utf-8", "backslashreplace").decode("utf-8")
                expected = "give text in UTF-8, with no NUL"
                raise QueryError("E019", option=name.replace("_", "-"), value=shown, expected=expected)


@dataclass
class Rows:
    """A query's answer: its column names (kept for an empty answer's CSV header) and its rows."""

    columns: list[str]
    rows: list[dict[str, Any]]


def dated(query: Select[Any], filters: Filters, day: Any = schema.articles.c.date) -> Select[Any]:
    """Date and article filters; `day` is the article's date, or an event's own date when it has one."""
    if filters.since:
        query = query.where(day >= filters.since)
    if filters.until:
        query = query.where(day <= filters.until + "\uffff")  # '2025-06' takes in every day of June
    if filters.article:
        query = query.where(schema.articles.c.id == filters.article)
    return query


@dataclass(frozen=True)
class Sides:
    """The columns the dyadic filters read: codes (matched by prefix), countries, modality."""

    source: Any
    target: Any
    source_country: Any
    target_country: Any
    modality: Any


EVENT_SIDES = Sides(
    schema.events.c.source_code,
    schema.events.c.target_code,
    schema.events.c.source_country,
    schema.events.c.target_country,
    schema.events.c.modality,
)


def dyadic(query: Select[Any], filters: Filters, sides: Sides = EVENT_SIDES) -> Select[Any]:
    """Source, target, dyad, bloc and modality filters."""
    if filters.source:
        query = query.where(sides.source.startswith(filters.source, autoescape=True))
    if filters.target:
        query = query.where(sides.target.startswith(filters.target, autoescape=True))
    if filters.dyad:
        one, _, two = filters.dyad.partition("-")
        query = query.where(
            or_(
                and_(sides.source_country == one, sides.target_country == two),
                and_(sides.source_country == two, sides.target_country == one),
            )
        )
    if filters.member_of:
        members = sorted(members_of(filters.member_of) or ())
        query = query.where(or_(sides.source_country.in_(members), sides.target_country.in_(members)))
    if filters.modality and filters.modality != "all":
        query = query.where(sides.modality == filters.modality)
    return query


def events(store: Store, filters: Filters) -> Rows:
    """Stored events, every modality unless `filters.modality` says which; per story with `filters.by_story`.

    Newest first (undated last), paged by `filters.after` (a keyset) or offset; one article's events
    (`filters.article`) in the order of its text, paged by offset."""
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
    query = dated(described(dyadic(query, filters), filters), filters, e.c.day)
    if filters.article:  # one article's events in the order its text gives them
        return fetch(store, query.order_by(e.c.start, func.length(e.c.event_id), e.c.event_id), filters)
    if filters.after is not None:
        query = query.where(_past(filters.after))
    if filters.dyad and filters.limit and store.engine.dialect.name == "sqlite":
        # Each direction read in its index's order, then merged: SQLite would sort the pair's every event
        # first. (SQLite compares text as Python does; PostgreSQL's collation may not, so it sorts itself.)
        one, _, two = filters.dyad.partition("-")
        each = replace(filters, offset=0, limit=filters.offset + filters.limit)
        pages = [
            fetch(store, _newest_first(query.where(e.c.source_country == s, e.c.target_country == t)), each)
            for s, t in {(one, two), (two, one)}
        ]
        merged = sorted((row for page in pages for row in page.rows), key=_newest, reverse=True)
        return Rows(columns=pages[0].columns, rows=merged[filters.offset : filters.offset + filters.limit])
    return fetch(store, _newest_first(query), filters)


def position(row: dict[str, Any]) -> EventKey:
    """Where an events row stands in the list: its day (its own date, else its article's), article and id."""
    return row["date"] or row["article_date"], row["article"], row["event_id"]


def _newest(row: dict[str, Any]) -> tuple[bool, str, str, str]:
    day, article, event_id = position(row)
    return day is not None, day or "", article, event_id


def _newest_first(query: Select[Any]) -> Select[Any]:
    e = schema.events
    return query.order_by(e.c.day.desc().nulls_last(), e.c.article.desc(), e.c.event_id.desc())


def _past(key: EventKey) -> Any:
    """Events after `key` in the newest-first order: older days, then the same day's earlier keys, then undated."""
    e = schema.events
    day, article, event_id = key
    later_key = or_(e.c.article < article, and_(e.c.article == article, e.c.event_id < event_id))
    if day is None:
        return and_(e.c.day.is_(None), later_key)
    return or_(e.c.day < day, and_(e.c.day == day, later_key), e.c.day.is_(None))


def articles(store: Store, filters: Filters) -> Rows:
    """Stored articles, newest first, with how many events, quotes and figures each holds."""
    a = schema.articles

    def counted(table: Any) -> Any:
        return select(func.count()).where(table.c.article == a.c.id).scalar_subquery()

    query = select(
        a.c.id.label("article"),
        a.c.title,
        a.c.date,
        a.c.url,
        a.c.outlet,
        a.c.language,
        a.c.story,
        counted(schema.events).label("events"),
        counted(schema.quotes).label("quotes"),
        counted(schema.figures).label("figures"),
    )
    if filters.search:
        query = query.where(or_(containing(a.c.title, filters.search), containing(a.c.text, filters.search)))
    order = (a.c.date.desc().nulls_last(), a.c.ingested_at.desc(), a.c.id)
    return fetch(store, dated(query, filters).order_by(*order), filters)


def containing(column: Any, words: str) -> Any:
    """The column holds these words, in any case ('%' and '_' are plain characters)."""
    return func.lower(column).contains(words.strip().lower(), autoescape=True)


def described(query: Select[Any], filters: Filters) -> Select[Any]:
    """The filters on what an event is: CAMEO prefix, PLOVER type and context, quad class, the actors it involves,
    how sure the decision is of it."""
    e, t = schema.events, schema.actors
    if filters.cameo:
        query = query.where(e.c.cameo.startswith(filters.cameo, autoescape=True))
    if filters.plover:
        query = query.where(e.c.plover_type == filters.plover)
    if filters.quad:
        query = query.where(e.c.quad_class == filters.quad)
    if filters.min_confidence:
        query = query.where(e.c.confidence >= filters.min_confidence)
    if filters.context:
        contexts = literal(";") + e.c.plover_context + literal(";")
        query = query.where(contexts.contains(f";{filters.context};", autoescape=True))
    if filters.actor:
        named = func.lower(t.c.name) == filters.actor.strip().lower()
        sides = or_(t.c.actor_id == e.c.source_actor, t.c.actor_id == e.c.target_actor)
        query = query.where(exists().where(t.c.article == e.c.article, sides, named))
    return query


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
    if filters.search:
        query = query.where(containing(t.c.name, filters.search))
    return fetch(store, dated(query, filters).order_by(a.c.ingested_at, t.c.actor_id), filters)


def quotes(store: Store, filters: Filters) -> Rows:
    """Stored quotes with the name of the actor each speaker is linked to; `filters.speaker` matches
    either ('Lavrov' finds 'he' when 'he' is linked to Sergey Lavrov). Statements and beliefs unless
    `filters.attitude` asks for intentions, stances or all."""
    q, a, t = schema.quotes, schema.articles, schema.actors
    speaker = t.alias("speaker")
    query = select(
        a.c.id.label("article"),
        q.c.quote_id,
        q.c.kind,
        q.c.attitude,
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
    if filters.country:
        query = query.where(speaker.c.country == filters.country)
    if filters.speaker:
        query = query.where(
            or_(containing(q.c.speaker_text, filters.speaker), containing(speaker.c.name, filters.speaker))
        )
    attitudes = (filters.attitude or ",".join(SHOWN_ATTITUDES)).split(",")
    if "all" not in attitudes:  # records stored before attitudes (1.4) have none: they were statements
        shown = q.c.attitude.in_(attitudes)
        query = query.where(or_(shown, q.c.attitude.is_(None)) if "speech" in attitudes else shown)
    return fetch(store, dated(query, filters).order_by(a.c.ingested_at, q.c.content_start), filters)


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
        query = query.where(containing(f.c.subject, filters.subject))
    if filters.unit:
        query = query.where(func.lower(f.c.unit) == filters.unit.strip().lower())
    return fetch(store, dated(query, filters).order_by(a.c.ingested_at, f.c.start), filters)


def story_events(store: Store, filters: Filters) -> Rows:
    """One row per story-level event (`summary.story_events`), most reported first."""
    e = schema.events
    query = described(dyadic(summary.story_events(), filters), filters)
    found = dated(query, filters, e.c.day).subquery()
    query = select(found).order_by(found.c.mentions.desc(), found.c.day, found.c.story, found.c.cameo)
    return fetch(store, query, filters)


def failures(store: Store, filters: Filters) -> Rows:
    """Why inputs were skipped, in the latest ingest run (or `filters.run`)."""
    f, r = schema.failures, schema.runs
    latest = select(r.c.id).order_by(r.c.started_at.desc()).limit(1).scalar_subquery()
    query = (
        select(f.c.run, f.c.source, f.c.code, f.c.message)
        .where(f.c.run == (filters.run if filters.run else latest))
        .order_by(f.c.number)
    )
    return fetch(store, query, filters)


def fetch(store: Store, query: Select[Any], filters: Filters) -> Rows:
    if filters.limit:
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    with store.engine.connect() as conn:
        result = conn.execute(query)
        rows = [{k: float(v) if isinstance(v, Decimal) else v for k, v in row._mapping.items()} for row in result]
        return Rows(columns=list(result.keys()), rows=rows)
