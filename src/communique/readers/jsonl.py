"""JSON articles: JSONL with one `{"id", "text", "title"?, "date"?, "url"?, "outlet"?, "language"?}` per line,
or a .json file holding one such object or an array of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..calendar import normalise_date
from ..errors import InputError
from ..model import Article
from .text import unwrap

_OPTIONAL = ("title", "date", "url", "outlet", "language")


def articles_from_jsonl(text: str, *, source: str, default_id: str) -> Iterator[Article | InputError]:
    """Yield one Article per line, or the error for a bad line; a bad line never stops the rest."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            where = f"line {number}"
            yield _article(_load(line, source=source, where=where), source=source, where=where, default_id=default_id)
        except InputError as exc:
            yield exc


def articles_from_json(text: str, *, source: str, default_id: str) -> Iterator[Article | InputError]:
    """Yield the Article of a JSON object, or one per object of a JSON array (numbered from 1 like lines)."""
    try:
        data = _load(text, source=source, where="the file")
    except InputError as exc:
        yield exc
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        try:
            yield _article(item, source=source, where=f"item {number}", default_id=default_id)
        except InputError as exc:
            yield exc


def _load(text: str, *, source: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("E004", source=source, where=where, detail=exc.msg) from exc


def _article(data: Any, *, source: str, where: str, default_id: str) -> Article:
    """One article object; `where` ("line 3", "item 3") names it in errors and numbers its default id."""
    if not isinstance(data, dict):
        raise InputError("E004", source=source, where=where, detail="an article must be a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("E005", source=source, where=where)
    fields: dict[str, str] = {}
    for name in _OPTIONAL:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError("E010", source=f"{source}: {where}", field=name, expected="a string", value=value)
        fields[name] = value
    if "date" in fields:
        try:
            fields["date"] = normalise_date(fields["date"])
        except ValueError as exc:
            raise InputError("E014", source=f"{source}: {where}", value=fields["date"]) from exc
    if "language" in fields:
        fields["language"] = fields["language"].strip().lower()[:2]
    article_id = str(data["id"]) if data.get("id") is not None else f"{default_id}:{where.split()[-1]}"
    return Article(id=article_id, text=unwrap(text), path=source, **fields)
