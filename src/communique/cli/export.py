"""`communique export`: the store as GDELT 2.0 events, PLOVER JSONL, CSV, Parquet, GraphML or GEXF."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from .ingest import db_option
from .query import dated_options, dyadic_options, modality_option, with_options


@contextmanager
def _opened(output: str | None) -> Iterator[TextIO]:
    """The output file, or standard output."""
    if not output:
        yield sys.stdout
        return
    try:
        out = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}; check the path and its folder") from error
    with out:
        yield out


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gdelt", "plover", "csv", "parquet", "graphml", "gexf"]),
    required=True,
    help="gdelt: GDELT 2.0 event rows (TSV, one per story-level event); plover: PLOVER JSONL; csv: one row per "
    "event; parquet: the records, as a folder `communique load` reads; graphml, gexf: the relations graph.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=True), help="A file (a folder for parquet); standard output if none."
)
@db_option
@with_options(*dated_options, *dyadic_options)
@click.option("--cameo", help="CAMEO code prefix, e.g. 16.")
@modality_option("Export events of this modality (default: asserted).")
def export_command(fmt: str, output: str | None, db: str, **options: Any) -> None:
    """Write the stored records in a format other tools read: R, pandas, Stata, Gephi, GDELT and PLOVER tools.

    \b
    Examples:
        communique export --format gdelt --since 2025-01 -o events.tsv
        communique export --format graphml --member-of AU -o africa.graphml
        communique export --format parquet -o news-parquet/
    """
    from .. import export
    from ..errors import CommuniqueError
    from ..store.queries import Filters
    from ..store.sql import Store

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet writes a folder: give it with --output DIR.")
    try:
        filters = Filters(**{k: v for k, v in options.items() if v is not None})
        store = Store(db, create=False)
        if fmt == "parquet":
            count = export.write_parquet(store, filters, Path(str(output)))
        else:
            with _opened(output) as out:
                count = export.WRITERS[fmt](store, filters, out)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    what = {"parquet": "records", "graphml": "edges", "gexf": "edges"}.get(fmt, "events")
    click.echo(f"{count} {what} written to {output or 'standard output'}", err=True)
