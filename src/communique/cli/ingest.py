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

    SOURCES are files (.txt, .md, .html, .jsonl, .json, .rss/.atom feeds, .urls lists, .warc crawls, each
    maybe .gz), folders of them, http(s) URLs of articles or feeds, or '-' for standard input. A URL's
    article is stored under the URL as its id, and a URL already stored is not fetched again.

    An article id stored with other text or metadata is an error (E015) unless --update replaces it.
    Failures are kept under the run's id: `communique failures` lists them.

    \b
    Example:
        communique ingest examples/ --db news.db
        communique ingest articles.jsonl --db postgresql://localhost/news --update
        communique ingest https://www.example.org/world/rss.xml --archive crawl/
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..readers import HTML_SUFFIXES, TEXT_SUFFIXES, article_files, suffix
    from ..store.load import ingest
    from ..store.sql import Store

    try:
        store = Store(db)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    files = article_files(inputs.paths)
    one_each = TEXT_SUFFIXES | HTML_SUFFIXES
    countable = bool(files) and all(isinstance(f, str) and suffix(f) in one_each and "://" not in f for f in files)
    with Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=len(files) if countable else None)
        fetched_before = 0

        def stored(url: str) -> bool:
            """A URL stored already is not fetched again (re-reading a feed fetches only its new entries)."""
            nonlocal fetched_before
            if update or not store.has_article(url):
                return False
            fetched_before += 1
            return True

        try:
            report = ingest(
                inputs.articles(known=stored),
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
        f"{report.new} new, {report.updated} updated, {report.copies} copies, "
        f"{report.already + fetched_before} already stored, {len(report.failed)} failed"
        f"  ->  {store.display_url}  (run {report.run})"
    )
    if report.failed:
        raise SystemExit(1)
