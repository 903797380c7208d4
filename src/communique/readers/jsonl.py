"""JSONL articles: one `{"id", "text", "title"?, "date"?, "url"?, "outlet"?, "language"?}` per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..claims.dates import normalise_date
from ..errors import InputError
from ..model import Article

_OPTIONAL = ("title", "date", "url", "outlet", "language")


def articles_from_jsonl(text: str, *, source: str, default_id: str) -> Iterator[Article | InputError]:
    """Yield one Article per line, or the error for a bad line; a bad line never stops the rest."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _article(line, source=source, number=number, default_id=default_id)
        except InputError as exc:
            yield exc


def _article(line: str, *, source: str, number: int, default_id: str) -> Article:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError("E004", source=source, line=number, detail=exc.msg) from exc
    if not isinstance(data, dict):
        raise InputError("E004", source=source, line=number, detail="a line must be a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("E005", source=source, line=number)
    fields: dict[str, str] = {}
    for name in _OPTIONAL:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError("E010", source=f"{source}:{number}", field=name, expected="a string", value=value)
        fields[name] = value
    if "date" in fields:
        try:
            fields["date"] = normalise_date(fields["date"])
        except ValueError as exc:
            raise InputError("E014", source=f"{source}:{number}", value=fields["date"]) from exc
    if "language" in fields:
        fields["language"] = fields["language"].strip().lower()[:2]
    article_id = str(data["id"]) if data.get("id") is not None else f"{default_id}:{number}"
    return Article(id=article_id, text=text, path=source, **fields)
