"""`communique ingest`: code articles and keep them in the store (or, on a Dask cluster, in Parquet)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import CommuniqueError
from .inputs import Inputs, failure_counts, input_options, report_error

db_option = click.option(
    "--db",
    default="communique.db",
    show_default=True,
    envvar="COMMUNIQUE_DB",
    help="SQLite file path or database URL (postgresql://user@host/db). Env: COMMUNIQUE_DB.",
)


@contextmanager
def progress_bar(total: int | None, what: str = "coding") -> Iterator[Callable[[int], None]]:
    """A transient progress bar with the rate and, when the total is known, the time left; yields `advance(n)`."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn(what), BarColumn(), MofNCompleteColumn(), TextColumn("articles  {task.fields[rate]}")]
    with Progress(*columns, TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), transient=True) as progress:
        task = progress.add_task(what, total=total, rate="")

        def advance(count: int = 1) -> None:
            progress.advance(task, count)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f}/s" if speed else "")

        yield advance


@click.command("ingest")
@input_options
@db_option
@click.option(
    "--update", is_flag=True, help="Replace stored articles whose id comes again with other text or metadata."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Code in this many processes (each loads the pipeline once, about 0.5 GB); this process writes. "
    "With --engine dask: the LocalCluster's worker processes.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: code on a Dask cluster into Parquet files (--output), to load with `communique load`.",
)
@click.option("--scheduler", help="With --engine dask: the scheduler of a running cluster, tcp://HOST:8786.")
@click.option(
    "--output",
    type=click.Path(file_okay=False),
    help="With --engine dask: the Parquet folder, on storage every worker can write to.",
)
def ingest_command(
    inputs: Inputs, db: str, update: bool, workers: int, engine: str, scheduler: str | None, output: str | None
) -> None:
    """Code articles and store them; articles already stored are skipped.

    SOURCES are files (.txt, .md, .html, .jsonl, .json, .rss/.atom feeds, .urls lists, .warc crawls, each
    maybe .gz), folders of them, http(s) URLs of articles or feeds, or '-' for standard input. A URL's
    article is stored under the URL as its id, and a URL already stored is not fetched again. An
    article with the words of one stored is kept as another report of it (a copy), not coded again.

    An article id stored with other text or metadata is an error (E015) unless --update replaces it.
    Failures are kept under the run's id: `communique failures` lists them.

    \b
    Example:
        communique ingest examples/ --db news.db
        communique ingest crawl/*.warc.gz --db news.db --workers 2
        communique ingest articles.jsonl --db postgresql://localhost/news --update
        communique ingest https://www.example.org/world/rss.xml --archive crawl/
        communique ingest news/ --engine dask --scheduler tcp://10.0.0.5:8786 --output /shared/news-parquet
    """
    if engine == "dask":
        if not output:
            raise click.UsageError("--engine dask writes Parquet: give the folder with --output DIR")
        _ingest_on_dask(inputs, output, scheduler=scheduler, workers=workers)
        return
    from concurrent.futures.process import BrokenProcessPool

    from ..runs import ingest
    from ..store.sql import Store

    try:
        store = Store(db)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    fetched_before = 0

    def stored(url: str) -> bool:
        """A URL stored already is not fetched again (re-reading a feed fetches only its new entries)."""
        nonlocal fetched_before
        if update or not store.has_article(url):
            return False
        fetched_before += 1
        return True

    with progress_bar(countable(inputs.paths)) as advance:
        try:
            report = ingest(
                inputs.articles(known=stored),
                store,
                update=update,
                config=inputs.pipeline_config(),
                language=inputs.language,
                workers=workers,
                on_item=lambda: advance(1),
            )
        except CommuniqueError as error:  # a configuration or store that fails as a whole
            raise click.ClickException(str(error)) from error
        except BrokenProcessPool as error:
            raise click.ClickException(
                "a worker process stopped (out of memory, or killed). Every article stored so far is kept: "
                "run the same command again to code the rest, with fewer --workers if memory is short."
            ) from error
    for failure in report.failed:
        report_error(failure)
    click.echo(
        f"{report.new} new, {report.updated} updated, {report.copies} copies, "
        f"{report.already + fetched_before} already stored, {failure_counts(report.failed)}"
        f"  ->  {store.display_url}  (run {report.run})"
    )
    if report.failed:
        raise SystemExit(1)


def _ingest_on_dask(inputs: Inputs, output: str, *, scheduler: str | None, workers: int) -> None:
    from ..extras import requires

    with requires("scale", "`--engine dask`"):
        from ..cluster import ingest_on_dask

    with progress_bar(countable(inputs.paths)) as advance:
        try:
            report = ingest_on_dask(
                inputs.articles(),
                output,
                scheduler=scheduler,
                workers=workers,
                config=inputs.pipeline_config(),
                language=inputs.language,
                on_batch=advance,
            )
        except (OSError, TimeoutError) as error:
            where = scheduler or "a LocalCluster"
            raise click.ClickException(f"cannot run on {where}: {error}. Check the scheduler address.") from error
    for failure in report.failed:
        report_error(failure)
    skipped = f", {report.skipped_batches} batches done before" if report.skipped_batches else ""
    click.echo(
        f"{report.coded} coded, {report.copies} copies{skipped}, {failure_counts(report.failed)}  ->  {Path(output)}  "
        f"(next: communique load {output} --db news.db)"
    )
    if report.failed:
        raise SystemExit(1)


def countable(sources: tuple[str, ...]) -> int | None:
    """How many articles the sources hold, when that is cheap to know (files of one article, JSONL lines)."""
    from ..readers import HTML_SUFFIXES, TEXT_SUFFIXES, article_files, suffix

    total = 0
    for name in article_files(sources):
        if not isinstance(name, str) or "://" in name or name == "-":
            return None
        kind = suffix(name)
        if kind in TEXT_SUFFIXES | HTML_SUFFIXES:
            total += 1
        elif kind == ".jsonl" and not name.endswith(".gz") and Path(name).is_file():
            with open(name, "rb") as lines:
                total += sum(1 for line in lines if line.strip())
        else:
            return None
    return total or None
