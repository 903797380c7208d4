"""Writing and reading the store: one transaction per article, so a crash never leaves half of one."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    create_engine,
    delete,
    event,
    exc,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)

from .. import stories
from ..errors import CommuniqueError, StoreError
from ..extras import requires
from ..model import Article, Extraction
from . import schema, summary

DEFAULT_URL = "sqlite:///communique.db"
Saved = Literal["new", "updated", "already", "copies"]
Status = Literal["new", "same", "copy", "changed-text", "changed-metadata"]
METADATA = ("title", "date", "url", "outlet")


def database_url(target: str) -> str:
    """A URL for a file path ('news.db') or a database URL; 'postgresql://' uses psycopg 3, which we ship."""
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


_PASSWORD_PARAMETER = re.compile(r"(\bpassword=)[^&#\s]*", re.IGNORECASE)


def masked(url: str) -> str:
    """The URL with every password hidden, whatever its form: in the user part (escaped or not: a raw '@'
    or '#' in it hides everything up to the host's '@') and as a `password=` parameter (#21)."""
    name, password = _user(url)
    if password is not None:
        url = url.replace(f"{name}:{password}@", f"{name}:***@", 1)
    return _PASSWORD_PARAMETER.sub(r"\1***", url)


def _user(url: str) -> tuple[str, str | None]:
    """The user name and password of a URL, all before its last '@' (so a raw '@' or '#' stays in it)."""
    name, colon, password = url.partition("://")[2].rpartition("@")[0].partition(":")
    return name, password if colon else None


def _secrets(url: str) -> list[str]:
    """The password a URL holds, in each form a driver's message may repeat it."""
    found = [m.group(0).partition("=")[2] for m in _PASSWORD_PARAMETER.finditer(url)]
    if (password := _user(url)[1]) is not None:
        found += [password, unquote(password)]
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


def _unescaped(url: str) -> str | None:
    """A character a URL's password must escape but holds as it is ('@', '#', '/', '?'): drivers split the
    URL there, so the connection would go to the wrong host and echo part of the password."""
    password = _user(url)[1] or ""
    return next((mark for mark in "@#/?" if mark in password), None)


def _safe_detail(error: BaseException, url: str) -> str:
    """The first line of a database error, with the URL and its password hidden."""
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    detail = detail.replace(url, masked(url))
    for secret in _secrets(url):
        detail = detail.replace(secret, "***")
    return _PASSWORD_PARAMETER.sub(r"\1***", detail)


def _add_new_columns(engine: Engine) -> None:
    """Columns a newer record contract added (e.g. `events.part` in 1.1), added to a store made before it,
    so an upgrade never needs the store rebuilt; they stay empty for the articles already stored."""
    existing = inspect(engine)
    with engine.begin() as conn:
        for table in schema.metadata.sorted_tables:
            if not existing.has_table(table.name):
                continue
            present = {column["name"] for column in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def _add_new_indexes(engine: Engine) -> None:
    """Indexes a newer version declared on a table a store already had (create_all makes only new tables')."""
    for table in schema.metadata.sorted_tables:
        for index in table.indexes:
            index.create(engine, checkfirst=True)


def _add_reports(engine: Engine) -> None:
    """Fingerprints, signatures and reports for articles stored before stories existed (contract 1.3 and older);
    each becomes a story of its own."""
    a = schema.articles
    with engine.begin() as conn:
        for row in conn.execute(select(a.c.id, a.c.record, a.c.run).where(a.c.fingerprint.is_(None))).all():
            record = json.loads(row.record)
            signature = stories.signature(record["text"])
            values = {"fingerprint": stories.fingerprint(record["text"]), "story": row.id, "signature": signature}
            conn.execute(update(a).where(a.c.id == row.id).values(**values))
            conn.execute(insert(schema.reports), [_report_row(record, row.id, row.run)])
            _add_bands(conn, row.id, signature)


def _add_summary(engine: Engine) -> None:
    """Event days and the relations summary for a store made before they existed (contract 1.3 and older)."""
    e, a = schema.events, schema.articles
    article_date = select(a.c.date).where(a.c.id == e.c.article).scalar_subquery()
    with engine.begin() as conn:
        conn.execute(update(e).where(e.c.day.is_(None)).values(day=func.coalesce(e.c.date, article_date)))
        summary.rebuild(conn)


class Store:
    """The article store behind `ingest` and every query command.

    target (str): a SQLite file path or a database URL.
    create (bool): create the store when it does not exist; query commands pass False, so a
        mistyped path is an error (E016) instead of a new, empty database.
    """

    def __init__(self, target: str = DEFAULT_URL, *, create: bool = True) -> None:
        self.url = database_url(target)
        self.display_url = masked(self.url)
        if raw := _unescaped(self.url):
            detail = f"its password holds {raw!r} unescaped; write it as {quote(raw)!r}"
            raise StoreError("E011", url=self.display_url, detail=detail)
        try:
            with requires("postgres", "a PostgreSQL store"):
                self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                path = self.engine.url.database
                if not create and path not in (None, "", ":memory:") and not Path(path).is_file():
                    raise StoreError("E016", url=self.display_url)
                event.listen(self.engine, "connect", _sqlite_pragmas)
            existing = inspect(self.engine)
            if not create and not existing.has_table("articles"):
                raise StoreError("E016", url=self.display_url)
            summarised = existing.has_table(schema.relation_months.name)
            schema.metadata.create_all(self.engine)  # tables a newer version added
            _add_new_columns(self.engine)
            _add_new_indexes(self.engine)
            _add_reports(self.engine)
            if not summarised:
                _add_summary(self.engine)
        except (exc.SQLAlchemyError, ModuleNotFoundError, ValueError) as error:  # ValueError: a port not a number
            raise StoreError("E011", url=self.display_url, detail=_safe_detail(error, self.url)) from error

    def copies(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The reports of these articles under other ids (the other outlets that carried them), oldest first."""
        with self.engine.connect() as conn:
            return _copies(conn, article_ids)

    def has_article(self, article_id: str) -> bool:
        """Whether an article or a copy of one is stored under this id (for a fetched page, its URL)."""
        with self.engine.connect() as conn:
            return _report(conn, article_id) is not None

    def status(self, article: Article) -> Status:
        """How `article` stands against the store: new, the same as stored, a copy of a stored text under
        another id, or a changed version of its id."""
        with self.engine.connect() as conn:
            stored = _stored(conn, article.id)
            if stored is None:
                if _report(conn, article.id) is not None:
                    return "same"
                return "copy" if _original(conn, stories.fingerprint(article.text)) else "new"
        return _compare(stored, article.content_hash, article.model_dump())

    def save_copy(self, article: Article, *, run: str | None = None) -> Saved:
        """Record `article` as one more report of the stored article with the same words (another URL or outlet)."""
        with self._writing() as conn:
            original = _original(conn, stories.fingerprint(article.text))
            return "already" if original is None else _add_report(conn, article.model_dump(), original, run)

    def save_report(self, fields: Mapping[str, Any], original: str, *, run: str | None = None) -> Saved | None:
        """Record a text known to carry the words of the stored article `original` as one more report of it
        (`fields`: its id, URL, outlet, date and path), without reading the words again; None when
        `original` is not stored."""
        with self._writing() as conn:
            return None if _stored(conn, original) is None else _add_report(conn, fields, original, run)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A transaction whose database errors become E011."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except exc.SQLAlchemyError as error:
            raise StoreError("E011", url=self.display_url, detail=_safe_detail(error, self.url)) from error

    def save(
        self, extraction: Extraction, content_hash: str, *, replace: bool = False, run: str | None = None
    ) -> Saved:
        """Store one article and everything coded from it, atomically.

        An article whose id is stored with other text or metadata is replaced when `replace` is
        set (its old records removed in the same transaction), else refused with E015.
        """
        record = extraction.to_dict()
        try:
            with self.engine.begin() as conn:
                stored = _stored(conn, extraction.id)
                fingerprint = stories.fingerprint(extraction.text)
                touched: set[summary.Key] = set()  # summary groups the replaced version counted in
                copies: list[dict[str, Any]] = []  # the replaced version's copies: they stay reports of this id
                if stored is not None:
                    status = _compare(stored, content_hash, record)
                    if status == "same":
                        return "already"
                    if not replace:
                        raise id_conflict(extraction.path or extraction.id, extraction.id, status)
                    touched = summary.keys_of(conn, [extraction.id])
                    copies = _copies(conn, [extraction.id])
                    conn.execute(delete(schema.articles).where(schema.articles.c.id == extraction.id))
                elif (original := _original(conn, fingerprint)) is not None:
                    return _add_report(conn, record, original, run)  # coded meanwhile under another id
                signature = stories.signature(extraction.text)
                kept = {
                    "fingerprint": fingerprint,
                    "signature": signature,
                    "story": _story(conn, signature) or extraction.id,
                }
                conn.execute(insert(schema.articles), [{**_article_row(record, content_hash, run), **kept}])
                conn.execute(insert(schema.reports), [_report_row(record, extraction.id, run), *copies])
                _add_bands(conn, extraction.id, signature)
                for table, model, field, key in schema.CHILDREN:
                    rows = [{"article": extraction.id, **schema.row(model, item, key=key)} for item in record[field]]
                    if table is schema.events:
                        rows = [{**row, "day": row["date"] or record["date"]} for row in rows]
                    if rows:
                        conn.execute(insert(table), rows)
                mentions = [
                    {"article": extraction.id, "actor_id": actor["id"], **mention}
                    for actor in record["actors"]
                    for mention in actor["mentions"]
                ]
                if mentions:
                    conn.execute(insert(schema.mentions), mentions)
                summary.refresh(conn, touched | summary.keys_of(conn, [extraction.id]))
        except exc.IntegrityError as error:
            with self.engine.connect() as conn:
                if _stored(conn, extraction.id) is not None or _hash_stored(conn, content_hash):
                    return "already"  # stored meanwhile by another process, or the same text under another id
            raise StoreError("E011", url=self.display_url, detail=_safe_detail(error, self.url)) from error
        except exc.SQLAlchemyError as error:
            raise StoreError("E011", url=self.display_url, detail=_safe_detail(error, self.url)) from error
        return "updated" if stored is not None else "new"

    def start_run(self) -> str:
        """A new ingest run; failures and counts are kept under its id."""
        run = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        with self.engine.begin() as conn:
            conn.execute(insert(schema.runs), [{"id": run, "started_at": _now()}])
        return run

    def finish_run(self, run: str, **counts: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run).values(finished_at=_now(), **counts))

    def record_failure(self, run: str, number: int, error: CommuniqueError) -> None:
        """Keep why an input was skipped in this run, so `communique failures` can list it later."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(schema.failures),
                [
                    {
                        "run": run,
                        "number": number,
                        "source": error.source,
                        "code": error.code,
                        "message": str(error),
                        "at": _now(),
                    }
                ],
            )

    def records(self, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Stored extraction records, in ingest order."""
        query = select(schema.articles.c.record).order_by(schema.articles.c.ingested_at)
        if article_ids:
            query = query.where(schema.articles.c.id.in_(article_ids))
        with self.engine.connect() as conn:
            return [json.loads(r) for r in conn.execute(query).scalars()]


def id_conflict(source: str, article_id: str, status: Status) -> StoreError:
    """E015 for an article whose id is stored with other text or metadata."""
    what = "text" if status == "changed-text" else "metadata (title, date, url or outlet)"
    return StoreError("E015", source=source, id=article_id, what=what)


def _stored(conn: Connection, article_id: str) -> Row[Any] | None:
    columns = (schema.articles.c.hash, *(schema.articles.c[name] for name in METADATA))
    return conn.execute(select(*columns).where(schema.articles.c.id == article_id)).first()


def _report(conn: Connection, report_id: str) -> str | None:
    """The article a report id belongs to (itself, or the original it is a copy of)."""
    found: str | None = conn.execute(select(schema.reports.c.article).where(schema.reports.c.id == report_id)).scalar()
    return found


def _copies(conn: Connection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The reports of these articles under other ids (their copies), oldest first: rows of `reports`."""
    r = schema.reports
    query = select(r).where(r.c.article.in_(article_ids), r.c.id != r.c.article).order_by(r.c.seen_at, r.c.id)
    return [dict(row) for row in conn.execute(query).mappings()]


def _add_report(conn: Connection, fields: Mapping[str, Any], original: str, run: str | None) -> Saved:
    """One more report of the stored article `original` (another id, URL or outlet for its words), its
    relations summary kept current; "already" when the id is a report already."""
    if _report(conn, fields["id"]) is not None:
        return "already"
    conn.execute(insert(schema.reports), [_report_row(fields, original, run)])
    summary.refresh(conn, summary.keys_of(conn, [original]))
    return "copies"


def _original(conn: Connection, fingerprint: str) -> str | None:
    """The stored article with these words, if any."""
    query = select(schema.articles.c.id).where(schema.articles.c.fingerprint == fingerprint).limit(1)
    found: str | None = conn.execute(query).scalar()
    return found


def _story(conn: Connection, signature: bytes | None) -> str | None:
    """The story of the stored article most like this one, when one is like it enough."""
    if signature is None:
        return None
    a, b = schema.articles, schema.story_bands
    candidates = conn.execute(
        select(a.c.story, a.c.signature)
        .where(a.c.id.in_(select(b.c.article).where(b.c.band.in_(stories.band_keys(signature))).distinct()))
        .order_by(a.c.ingested_at)
    ).all()
    scored = [(stories.similarity(signature, row.signature), row.story) for row in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= stories.SIMILARITY else None


def _add_bands(conn: Connection, article_id: str, signature: bytes | None) -> None:
    """File the article under its LSH keys, where later rewrites of its story will find it."""
    if signature is not None:
        bands = [{"band": key, "article": article_id} for key in stories.band_keys(signature)]
        conn.execute(insert(schema.story_bands), bands)


def _hash_stored(conn: Connection, content_hash: str) -> bool:
    return conn.execute(select(schema.articles.c.id).where(schema.articles.c.hash == content_hash)).first() is not None


def _compare(stored: Row[Any], content_hash: str, fields: Mapping[str, Any]) -> Status:
    return compare(stored.hash, dict(stored._mapping), content_hash, fields)


def compare(stored_hash: str, stored: Mapping[str, Any], content_hash: str, fields: Mapping[str, Any]) -> Status:
    """How an article (its content hash and fields) stands against a version of its id: the same, or
    changed in its text or its metadata."""
    if stored_hash != content_hash:
        return "changed-text"
    if any(stored[name] != fields[name] for name in METADATA):
        return "changed-metadata"
    return "same"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # Commits reach the write-ahead log without waiting for the disk: a crashed process loses nothing
    # committed and the file is never corrupted; a power cut may lose the last commits (a rerun codes them).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _article_row(record: dict[str, Any], content_hash: str, run: str | None) -> dict[str, Any]:
    values = schema.row(Extraction, record)
    return {
        **values,
        "hash": content_hash,
        "record": json.dumps(record, ensure_ascii=False),
        "run": run,
        "ingested_at": _now(),
    }


def _report_row(article: Mapping[str, Any], original: str, run: str | None) -> dict[str, Any]:
    """A report of `original`: the id, URL, outlet, date and path under which its text came."""
    fields = {name: article.get(name) for name in ("url", "outlet", "date", "path")}
    return {"id": article["id"], "article": original, **fields, "run": run, "seen_at": _now()}
