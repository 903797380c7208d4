"""`communique load` and `communique sql`: Parquet written on a cluster, into a store or queried in place."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CommuniqueError
from .ingest import db_option, progress_bar
from .inputs import report_error
from .output import FORMATS, write_rows

_folder = click.argument("folder", type=click.Path(exists=True, file_okay=False))


@click.command("load")
@_folder
@db_option
def load_command(folder: str, db: str) -> None:
    """Store the records of a Parquet folder written by `ingest --engine dask`.

    Records are stored exactly as coded, none coded again; copies and stories are found as they are
    stored, and articles already stored are skipped, so loading twice adds nothing.

    \b
    Example:
        communique load news-parquet/ --db postgresql://localhost/news
    """
    from ..extras import requires
    from ..runs import load_records
    from ..store.sql import Store

    with requires("scale", "`communique load` (Parquet records)"):
        from ..store.parquet import read_copies, read_records

    try:
        store = Store(db)
        with progress_bar(None, "loading") as advance:
            records, copies = read_records(folder), read_copies(folder)
            report = load_records(records, store, copies=copies, on_item=lambda: advance(1))
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    for failure in report.failed:
        report_error(failure)
    click.echo(
        f"{report.new} new, {report.copies} copies, {report.already} already stored, {len(report.failed)} failed"
        f"  ->  {store.display_url}  (run {report.run})"
    )
    if report.failed:
        raise SystemExit(1)


@click.command("sql")
@click.argument("query")
@click.option(
    "--parquet",
    "folder",
    type=click.Path(exists=True, file_okay=False),
    required=True,
    help="The Parquet folder written by `ingest --engine dask`.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def sql_command(query: str, folder: str, fmt: str) -> None:
    """Query Parquet records with DuckDB SQL: tables articles, events, quotes, figures, actors and copies.

    Every table but copies has the store's columns, the article id (`article`) and the partition `day`;
    copies (id, title, date, url, outlet, path, original) are articles not coded because an earlier one
    had their words.

    \b
    Example:
        communique sql "SELECT source_country, target_country, count(*) AS n FROM events
                        GROUP BY 1, 2 ORDER BY n DESC LIMIT 10" --parquet news-parquet/
    """
    from ..extras import requires

    with requires("scale", "`communique sql` (DuckDB over Parquet)"):
        import duckdb

    connection = duckdb.connect()
    for table in ("articles", "events", "quotes", "figures", "actors", "copies"):
        files = Path(folder) / table
        if any(files.rglob("*.parquet")):
            pattern = str(files / "**" / "*.parquet").replace("'", "''")
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning=true)"
            )
    try:
        result = connection.execute(query)
    except duckdb.Error as error:
        raise click.ClickException(f"the query failed: {error}") from error
    columns = [column[0] for column in result.description or []]
    rows = [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
    write_rows(rows, fmt, title="sql", header=columns)
