"""Readers: every source becomes a stream of Articles, with an InputError in place of each bad one.

`read_paths` expands folders, picks the reader by file suffix (.jsonl, .html/.htm, .txt/.md or no
suffix as text) and reads "-" as standard input. The caller decides what to do with the errors;
none stops the stream.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..claims.dates import normalise_date
from ..errors import InputError
from ..model import Article
from .decode import MAX_BYTES, check_encoding, decode
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .language import check_english
from .text import article_from_text

__all__ = ["read_paths", "read_bytes", "article_files", "check_english", "check_encoding", "MAX_BYTES"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}


def article_files(paths: Iterable[str]) -> list[str | InputError]:
    """Files as given; a folder stands for the article files in it (recursively, sorted), or E021 if none."""
    found: list[str | InputError] = []
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            files = [
                str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix and p.suffix.lower() in SUFFIXES
            ]
            found.extend(files or [InputError("E021", source=name)])
        else:
            found.append(name)
    return found


def read_paths(
    paths: Iterable[str],
    *,
    date: str | None = None,
    outlet: str | None = None,
    encoding: str = "utf-8",
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Yield an Article (or the InputError that stopped it) for every article in the given paths."""
    for name in article_files(paths):
        if isinstance(name, InputError):
            yield name
            continue
        if name == "-":
            data, source = sys.stdin.buffer.read(), "<stdin>"
        else:
            path = Path(name)
            if not path.is_file():
                yield InputError("E007", source=name)
                continue
            if path.suffix.lower() not in SUFFIXES:
                yield InputError("E013", source=name, suffix=path.suffix)
                continue
            data, source = path.read_bytes(), name
        yield from read_bytes(data, source=source, date=date, outlet=outlet, encoding=encoding, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    *,
    source: str,
    date: str | None = None,
    outlet: str | None = None,
    encoding: str = "utf-8",
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Read one source's bytes with the reader its name calls for; defaults fill missing date/outlet.

    A default `date` that is not a date raises ValueError: it is the caller's argument, not the input's.
    """
    date = normalise_date(date) if date is not None else None
    stem = Path(source).stem if source != "<stdin>" else "stdin"
    try:
        text = decode(data, source, encoding=encoding, max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    suffix = Path(source).suffix.lower()
    if suffix == ".jsonl" or (source == "<stdin>" and text.lstrip().startswith("{")):
        items: Iterator[Article | InputError] = articles_from_jsonl(text, source=source, default_id=stem)
    else:
        try:
            if suffix in HTML_SUFFIXES or (source == "<stdin>" and text.lstrip()[:1] == "<"):
                article = article_from_html(text, id=stem, path=source)
            else:
                article = article_from_text(text, id=stem, path=None if source == "<stdin>" else source)
        except InputError as exc:
            yield exc
            return
        items = iter([article])
    for item in items:
        if isinstance(item, InputError):
            yield item
        else:
            yield item.model_copy(update={"date": item.date or date, "outlet": item.outlet or outlet})
