"""Plain-text articles: the first line is the title when a blank line follows it."""

from __future__ import annotations

from ..errors import InputError
from ..model import Article


def article_from_text(text: str, *, id: str, path: str | None = None, **fields: str | None) -> Article:
    """Split off a title line (first line, then a blank line) and keep the rest as the body."""
    title = None
    body = text.strip("\n")
    first, sep, rest = body.partition("\n")
    if sep and rest.startswith("\n") and len(first) < 300:
        title, body = first.strip(), rest.strip("\n")
        if not body.strip():
            raise InputError("E012", source=path or id)
    return Article(id=id, text=body, title=title, path=path, **fields)
