"""`communique ingest`: code articles and keep them in the store."""

from __future__ import annotations

import click

from ..errors import CommuniqueError
from .inputs import Inputs, input_options, report_error

db_option = click.option(
    "--db",
    default="communique.db",
    show_default=True,
    envvar="COMMUNIQUE_DB",
    help="SQLite file path or database URL (postgresql://user@host/db). Env: COMMUNIQUE_DB.",
)


@click.command("ingest")
@input_options
@db_option
@click.option(
    "--update", is_flag=True, help="Replace stored articles whose id comes again with other text or metadata."
)
def ingest_command(inputs: Inputs, db: str, update: bool) -> None:
    """Code articles and store them; articles already stored are skipped.

    An article id stored with other text or metadata is an error (E015) unless --update replaces it.
    Failures are kept under the run's id: `communique failures` lists them.

    \b
    Example:
        communique ingest examples/ --db news.db
        communique ingest feed.jsonl --db postgresql://localhost/news --update
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..readers import article_files
    from ..store.load import ingest
    from ..store.sql import Store

    try:
        store = Store(db)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    files = article_files(inputs.paths)
    countable = bool(inputs.paths) and not any(str(p).endswith(".jsonl") for p in files)  # one article a file
    with Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=len(files) if countable else None)
        try:
            report = ingest(
                inputs.articles(),
                store,
                update=update,
                config=inputs.pipeline_config(),
                language=inputs.language,
                on_item=lambda: progress.advance(task),
            )
        except CommuniqueError as error:  # a configuration or store that fails as a whole
            raise click.ClickException(str(error)) from error
    for failure in report.failed:
        report_error(failure)
    click.echo(
        f"{report.new} new, {report.updated} updated, {report.already} already stored, {len(report.failed)} failed"
        f"  ->  {store.display_url}  (run {report.run})"
    )
    if report.failed:
        raise SystemExit(1)
