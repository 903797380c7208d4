"""The `communique` command: a click group whose commands are imported only when one is run.

Listing commands (`communique --help`) imports neither spaCy nor SQLAlchemy, so it answers at once.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__
from ..errors import MissingExtra

# command name -> (module, attribute, one-line summary shown by `communique --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": ("extract", "extract_command", "Code articles and print their records; nothing is stored."),
    "ingest": ("ingest", "ingest_command", "Code articles and keep them in the store."),
    "articles": ("query", "articles_command", "List stored articles, newest first, with their record counts."),
    "events": ("query", "events_command", "List stored events: who did what to whom, with the evidence."),
    "actors": ("query", "actors_command", "List stored actors with their codes and mention counts."),
    "quotes": ("query", "quotes_command", "List stored quotes with speaker, cue and content."),
    "figures": ("query", "figures_command", "List stored figures: value, unit, qualifier, subject, period."),
    "relations": ("relations", "relations_command", "Summarise country pairs: events by quad class, Goldstein weight."),
    "timeline": ("relations", "timeline_command", "A country pair over time: counts, Goldstein weight, the index."),
    "shifts": ("relations", "shifts_command", "Country pairs whose relations moved beyond their usual range."),
    "partners": ("relations", "partners_command", "A country's relations with each partner."),
    "failures": ("query", "failures_command", "List the inputs an ingest run could not store, and why."),
    "export": ("export", "export_command", "Write the store as GDELT, PLOVER, CSV, Parquet, GraphML or GEXF."),
    "serve": ("serve", "serve_command", "Serve the dashboard and the REST API over a store."),
    "load": ("bulk", "load_command", "Store the Parquet records that `ingest --engine dask` wrote."),
    "sql": ("bulk", "sql_command", "Query Parquet records with DuckDB SQL."),
    "eval": ("evaluate", "eval_command", "Measure accuracy on the development sets; optionally check floors."),
    "train": ("train", "train_command", "Train the event classifier on labelled sentences, cross-validated."),
}


class LazyGroup(click.Group):
    """A group that imports a command's module when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f".{module}", __name__), attribute)
        return command

    def invoke(self, ctx: click.Context) -> object:
        """A feature whose optional extra is missing ends the command with the pip line that installs it."""
        try:
            return super().invoke(ctx)
        except MissingExtra as error:
            raise click.ClickException(str(error)) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, _, summary) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
@click.option("--debug", is_flag=True, help="Print the traceback of a fault in communique's own code (E034).")
def main(debug: bool) -> None:
    """Turn news articles into evidence-linked records of international relations.

    \b
    Example:
        communique extract examples/rt-2025-06-10-russia-africa.jsonl
        communique ingest examples/ --db news.db
        communique events --db news.db --dyad RUS-MLI
        communique relations --db news.db
    """
