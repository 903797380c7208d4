"""`communique ingest`: code articles and keep them in the store."""

from __future__ import annotations

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import CommuniqueError
from ..store.load import ingest
from ..store.sql import DEFAULT_URL, Store
from .inputs import articles, expand_paths, input_options, report_error

db_option = click.option(
    "--db",
    default=DEFAULT_URL,
    show_default=True,
    envvar="COMMUNIQUE_DB",
    help="SQLite file path or database URL (postgresql://...).",
)


@click.command("ingest")
@input_options
@db_option
def ingest_command(paths: tuple[str, ...], date: str | None, outlet: str | None, encoding: str, db: str) -> None:
    """Code articles and store them; articles already stored are skipped.

    \b
    Example:
        communique ingest examples/ --db news.db
        communique ingest feed.jsonl --db postgresql://localhost/news
    """
    try:
        store = Store(db)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    files = len(expand_paths(paths)) if paths else None
    with Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task(
            "ingest", total=None if files is None or any(p.endswith(".jsonl") for p in paths) else files
        )
        report = ingest(
            articles(paths, date=date, outlet=outlet, encoding=encoding), store, on_item=lambda: progress.advance(task)
        )
    for error in report.failed:
        report_error(error)
    click.echo(f"{report.new} new, {report.already} already stored, {len(report.failed)} failed  ->  {store.url}")
    if report.failed:
        raise SystemExit(1)
