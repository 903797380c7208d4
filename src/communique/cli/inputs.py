"""Options and helpers shared by the commands that read articles."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import CommuniqueError
from ..ingest import read_paths
from ..model import Article

INPUT_SUFFIXES = (".txt", ".jsonl", ".html", ".htm", ".md")


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files as given; a folder stands for the articles in it (by suffix, sorted)."""
    expanded: list[str] = []
    for name in paths or ("-",):
        path = Path(name)
        if name != "-" and path.is_dir():
            expanded.extend(str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() in INPUT_SUFFIXES)
        else:
            expanded.append(name)
    return expanded


def articles(
    paths: tuple[str, ...], *, date: str | None, outlet: str | None, encoding: str
) -> Iterator[Article | CommuniqueError]:
    if not paths and sys.stdin.isatty():
        raise click.UsageError("give article files or folders, or '-' to read standard input")
    yield from read_paths(expand_paths(paths), date=date, outlet=outlet, encoding=encoding)


def report_error(error: CommuniqueError) -> None:
    click.echo(f"error: {error}", err=True)


def input_options(function):  # type: ignore[no-untyped-def]
    """--date, --outlet and --encoding: defaults for articles that do not say."""
    function = click.option("--encoding", default="utf-8", show_default=True, help="Encoding of text and HTML files.")(
        function
    )
    function = click.option("--outlet", help="Outlet for articles that do not name one.")(function)
    function = click.option(
        "--date",
        help="Publication date (YYYY-MM-DD) for articles that do not give one; "
        "relative dates ('on Monday') resolve against it.",
    )(function)
    return click.argument("paths", nargs=-1)(function)
