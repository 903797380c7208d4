"""Options and helpers shared by the commands that read articles."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any, TypeVar, cast

import click

from ..calendar import normalise_date
from ..errors import CommuniqueError, InputError, InternalError
from ..model import Article
from ..readers import MAX_BYTES, Archive, FetchPolicy, Reader, check_encoding
from ..readers.fetch import EVERY_ADDRESS
from ..settings import Config, read_config

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Inputs:
    """What the input options asked for: which articles to read, how, and how to code them."""

    paths: tuple[str, ...]
    date: str | None
    outlet: str | None
    encoding: str
    language: str | None
    max_bytes: int
    config: str | None
    actors: tuple[str, ...]
    allow_private: bool
    timeout: float
    archive: str | None

    def articles(self, *, known: Callable[[str], bool] | None = None) -> Iterator[Article | CommuniqueError]:
        """The articles (and read errors) of SOURCES; standard input when none is given and it is piped.

        known: True for a URL already stored, which is then not fetched again.
        """
        if not self.paths and sys.stdin.isatty():
            raise click.UsageError("give article files, folders or URLs, or '-' to read standard input")
        policy = FetchPolicy(
            timeout=self.timeout, max_bytes=self.max_bytes, trusted=EVERY_ADDRESS if self.allow_private else ()
        )
        reader = Reader(
            date=self.date,
            outlet=self.outlet,
            encoding=self.encoding,
            max_bytes=self.max_bytes,
            policy=policy,
            known=known or (lambda _: False),
        )
        return _archived(reader, self.paths or ("-",), self.archive)

    def pipeline_config(self) -> str | Config | None:
        """--config, with the --actors files read after its actor sources (so they win)."""
        if not self.actors:
            return self.config
        config = read_config(self.config)
        config["gazetteer"]["actors"] = [*config["gazetteer"]["actors"], *self.actors]
        return config


def _archived(reader: Reader, sources: tuple[str, ...], folder: str | None) -> Iterator[Article | CommuniqueError]:
    """The reader's articles, with every fetched body kept in a WARC file in `folder` when one is given."""
    if folder is None:
        yield from reader.read(sources)
        return
    with Archive(folder) as reader.archive:
        yield from reader.read(sources)


def report_error(error: CommuniqueError) -> None:
    """The error's message; for a fault in our own code, its traceback too under `communique --debug`."""
    click.echo(f"error: {error}", err=True)
    context = click.get_current_context(silent=True)
    if isinstance(error, InternalError) and context is not None and context.find_root().params.get("debug"):
        click.echo(error.traceback, err=True)


def failure_counts(failed: list[CommuniqueError]) -> str:
    """'2 failed', or '2 failed (1 a bug in communique: please report it)'."""
    bugs = sum(isinstance(error, InternalError) for error in failed)
    return f"{len(failed)} failed" + (f" ({bugs} a bug in communique: please report it)" if bugs else "")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return normalise_date(value) if value is not None else None
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date; give YYYY-MM-DD (for example 2025-06-10)") from error


def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check_encoding(value)
    except InputError as error:
        raise click.BadParameter(str(error)) from error


def input_options(function: F) -> F:
    """PATHS and the options for reading and coding them, handed to the command as one `inputs: Inputs`."""
    options = [
        click.argument("paths", nargs=-1, metavar="SOURCES..."),
        click.option(
            "--date",
            callback=_date,
            help="Publication date (YYYY-MM-DD) for articles that do not give one; "
            "relative dates ('on Monday') resolve against it.",
        ),
        click.option("--outlet", help="Outlet for articles that do not name one."),
        click.option(
            "--encoding",
            default="utf-8",
            show_default=True,
            callback=_encoding,
            help="Encoding of text and HTML files.",
        ),
        click.option(
            "--language",
            help="Code every article as this language (e.g. en) instead of detecting it. "
            'A JSONL line\'s "language" field does the same for one article.',
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=MAX_BYTES,
            show_default=True,
            help="Largest input file or fetched page read.",
        ),
        click.option(
            "--allow-private",
            is_flag=True,
            help="Fetch URLs on private, loopback and link-local addresses too (an intranet); refused by default.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=20.0,
            show_default=True,
            help="Seconds a fetched page (or feed) may take in all.",
        ),
        click.option(
            "--archive",
            type=click.Path(file_okay=False),
            help="Keep every fetched page and feed in a WARC file in this folder, to read the run again offline.",
        ),
        click.option(
            "--config",
            type=click.Path(exists=True, dir_okay=False),
            help="Pipeline configuration (TOML) overriding the packaged defaults: dictionaries, model, limits.",
        ),
        click.option(
            "--actors",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Your own actors: a CSV of name,code,from,until,aliases (or a PETRARCH .actors.txt), "
            "read after the packaged ones; repeat for several files.",
        ),
    ]
    names = [field.name for field in fields(Inputs)]

    @functools.wraps(function)
    def command(**values: Any) -> Any:
        inputs = Inputs(**{name: values.pop(name) for name in names})
        return function(inputs=inputs, **values)

    for option in reversed(options):
        command = option(command)
    return cast(F, command)
