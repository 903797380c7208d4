"""Readers: every source becomes a stream of Articles, with an InputError in place of each bad one.

`read_paths` picks the reader by file suffix (.jsonl, .html/.htm, anything else as text) and
reads "-" as standard input. The caller decides what to do with the errors; none stops the stream.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .decode import decode
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .language import check_english
from .text import article_from_text

__all__ = ["read_paths", "read_bytes", "check_english"]


def read_paths(
    paths: Iterable[str], *, date: str | None = None, outlet: str | None = None, encoding: str = "utf-8"
) -> Iterator[Article | InputError]:
    """Yield an Article (or the InputError that stopped it) for every article in the given paths."""
    for name in paths:
        if name == "-":
            data, source = sys.stdin.buffer.read(), "<stdin>"
        else:
            path = Path(name)
            if not path.is_file():
                yield InputError("E007", source=name)
                continue
            data, source = path.read_bytes(), name
        yield from read_bytes(data, source=source, date=date, outlet=outlet, encoding=encoding)


def read_bytes(
    data: bytes, *, source: str, date: str | None = None, outlet: str | None = None, encoding: str = "utf-8"
) -> Iterator[Article | InputError]:
    """Read one source's bytes with the reader its name calls for; defaults fill missing date/outlet."""
    stem = Path(source).stem if source != "<stdin>" else "stdin"
    try:
        text = decode(data, source, encoding=encoding)
    except InputError as exc:
        yield exc
        return
    suffix = Path(source).suffix.lower()
    if suffix == ".jsonl" or (source == "<stdin>" and text.lstrip().startswith("{")):
        items: Iterator[Article | InputError] = articles_from_jsonl(text, source=source, default_id=stem)
    else:
        try:
            if suffix in (".html", ".htm") or (source == "<stdin>" and text.lstrip()[:1] == "<"):
                article = article_from_html(text, id=stem, path=source)
            else:
                article = article_from_text(text, id=stem, path=None if source == "<stdin>" else source)
        except InputError as exc:
            yield exc
            return
        items = iter([article])
    for item in items:
        yield item if isinstance(item, InputError) else _with_defaults(item, date=date, outlet=outlet)


def _with_defaults(article: Article, *, date: str | None, outlet: str | None) -> Article:
    return replace(article, date=article.date or date, outlet=article.outlet or outlet)
