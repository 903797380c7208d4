"""The store's tables, in SQLAlchemy Core: portable SQL for SQLite and PostgreSQL alike.

An article's identity is the hash of its title and text, so re-ingesting the same article is a
no-op; every other table hangs off that key. `articles.record` keeps the whole extraction record
as JSON so that exports can give back exactly what `extract` printed.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()


def _article_key() -> Column:
    return Column("article", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), primary_key=True)


def _participant_columns(side: str) -> list[Column]:
    """An event's source or target: actor id, mention text, code and its country and sector parts."""
    return [
        Column(f"{side}_actor", String(16)),
        Column(f"{side}_text", Text),
        Column(f"{side}_code", String(16)),
        Column(f"{side}_country", String(8), index=True),
        Column(f"{side}_sector", String(8)),
    ]


articles = Table(
    "articles",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("id", Text, nullable=False, index=True),
    Column("path", Text),
    Column("title", Text),
    Column("date", String(10), index=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("coder_version", String(32)),
    Column("record", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

actors = Table(
    "actors",
    metadata,
    _article_key(),
    Column("actor_id", String(16), primary_key=True),
    Column("name", Text),
    Column("kind", String(16)),
    Column("country", String(8), index=True),
    Column("sector", String(8)),
    Column("code", String(16)),
    Column("role", Text),
)

mentions = Table(
    "mentions",
    metadata,
    _article_key(),
    Column("actor_id", String(16), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer),
    Column("text", Text),
)

events = Table(
    "events",
    metadata,
    _article_key(),
    Column("event_id", String(16), primary_key=True),
    Column("sentence", Integer),
    Column("start", Integer),
    Column("end", Integer),
    Column("trigger", Text),
    *_participant_columns("source"),
    *_participant_columns("target"),
    Column("cameo", String(8), index=True),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("plover_type", String(16), index=True),
    Column("plover_mode", String(32)),
    Column("plover_context", Text),
    Column("modality", String(16)),
    Column("claimed_by", String(16)),
    Column("date", String(10), index=True),
    Column("location_name", Text),
    Column("location_country", String(8)),
    Column("evidence", Text),
)

quotes = Table(
    "quotes",
    metadata,
    _article_key(),
    Column("quote_id", String(16), primary_key=True),
    Column("kind", String(16)),
    Column("speaker_actor", String(16)),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content_text", Text),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("via_actor", String(16)),
    Column("via_text", Text),
)

figures = Table(
    "figures",
    metadata,
    _article_key(),
    Column("figure_id", String(16), primary_key=True),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("value", Float),
    Column("unit", String(16)),
    Column("qualifier", String(2)),
    Column("subject", Text),
    Column("period", String(16)),
    Column("claimed_by", String(16)),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("code", String(8)),
    Column("message", Text),
    Column("at", String(32), nullable=False),
)
