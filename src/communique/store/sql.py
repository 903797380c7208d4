"""Writing and reading the store: one transaction per article, so a crash never leaves half of one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, insert, select

from ..errors import CommuniqueError, StoreError
from ..model import Extraction
from . import schema

DEFAULT_URL = "sqlite:///communique.db"


def database_url(target: str) -> str:
    """A URL for a file path ('news.db') or the URL itself ('postgresql://...')."""
    return target if "://" in target else f"sqlite:///{Path(target).expanduser()}"


class Store:
    """The article store behind `ingest` and every query command."""

    def __init__(self, target: str = DEFAULT_URL) -> None:
        self.url = database_url(target)
        try:
            self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            schema.metadata.create_all(self.engine)
        except (exc.SQLAlchemyError, ModuleNotFoundError) as error:
            raise StoreError("E011", url=self.url, detail=str(error).splitlines()[0]) from error

    def stored_hashes(self, hashes: list[str]) -> set[str]:
        """Which of these content hashes are already in the store."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(hashes), 500):
                chunk = hashes[i : i + 500]
                found.update(
                    conn.execute(select(schema.articles.c.hash).where(schema.articles.c.hash.in_(chunk))).scalars()
                )
        return found

    def save(self, extraction: Extraction, content_hash: str) -> bool:
        """Store one article and everything coded from it, atomically; False if it was already there."""
        if self.stored_hashes([content_hash]):
            return False
        record = extraction.to_dict()
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(schema.articles), [_article_row(record, content_hash)])
                for table, rows in _child_rows(record, content_hash):
                    if rows:
                        conn.execute(insert(table), rows)
        except exc.IntegrityError:
            return False  # stored meanwhile by another process: the same article, so nothing is lost
        except exc.SQLAlchemyError as error:
            raise StoreError("E011", url=self.url, detail=str(error).splitlines()[0]) from error
        return True

    def record_failure(self, error: CommuniqueError, source: str) -> None:
        """Keep why an input was skipped, so `communique failures` can list it later."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(schema.failures), [{"source": source, "code": error.code, "message": str(error), "at": _now()}]
            )

    def records(self, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Stored extraction records, in ingest order."""
        query = select(schema.articles.c.record).order_by(schema.articles.c.ingested_at)
        if article_ids:
            query = query.where(schema.articles.c.id.in_(article_ids))
        with self.engine.connect() as conn:
            return [json.loads(r) for r in conn.execute(query).scalars()]


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _article_row(record: dict[str, Any], content_hash: str) -> dict[str, Any]:
    return {
        "hash": content_hash,
        "id": record["id"],
        "path": record["path"],
        "title": record["title"],
        "date": record["date"],
        "url": record["url"],
        "outlet": record["outlet"],
        "language": record["language"],
        "text": record["text"],
        "coder_version": record["coder"]["version"],
        "record": json.dumps(record, ensure_ascii=False),
        "ingested_at": _now(),
    }


def _side(prefix: str, side: dict[str, Any] | None) -> dict[str, Any]:
    side = side or {}
    return {f"{prefix}_{k}": side.get(k) for k in ("actor", "text", "code", "country", "sector")}


def _child_rows(record: dict[str, Any], key: str) -> list[tuple[Any, list[dict[str, Any]]]]:
    actors = [
        {
            "article": key,
            "actor_id": a["id"],
            **{k: a[k] for k in ("name", "kind", "country", "sector", "code", "role")},
        }
        for a in record["actors"]
    ]
    mentions = [{"article": key, "actor_id": a["id"], **m} for a in record["actors"] for m in a["mentions"]]
    events = [
        {
            "article": key,
            "event_id": e["id"],
            **{
                k: e[k]
                for k in (
                    "sentence",
                    "start",
                    "end",
                    "trigger",
                    "cameo",
                    "quad_class",
                    "goldstein",
                    "modality",
                    "claimed_by",
                    "date",
                    "evidence",
                )
            },
            **_side("source", e["source"]),
            **_side("target", e["target"]),
            "plover_type": e["plover"]["type"],
            "plover_mode": e["plover"]["mode"],
            "plover_context": ";".join(e["plover"]["context"]),
            "location_name": (e["location"] or {}).get("name"),
            "location_country": (e["location"] or {}).get("country"),
        }
        for e in record["events"]
    ]
    quotes = [
        {
            "article": key,
            "quote_id": q["id"],
            "kind": q["kind"],
            "speaker_actor": q["speaker"]["actor"],
            "speaker_text": q["speaker"]["text"],
            "speaker_start": q["speaker"]["start"],
            "speaker_end": q["speaker"]["end"],
            "cue_text": q["cue"]["text"],
            "cue_start": q["cue"]["start"],
            "cue_end": q["cue"]["end"],
            "content_text": q["content"]["text"],
            "content_start": q["content"]["start"],
            "content_end": q["content"]["end"],
            "via_actor": (q["via"] or {}).get("actor"),
            "via_text": (q["via"] or {}).get("text"),
        }
        for q in record["quotes"]
    ]
    figures = [
        {"article": key, "figure_id": f["id"], **{k: v for k, v in f.items() if k != "id"}} for f in record["figures"]
    ]
    return [
        (schema.actors, actors),
        (schema.mentions, mentions),
        (schema.events, events),
        (schema.quotes, quotes),
        (schema.figures, figures),
    ]
