"""The `communique` command: a click group with one thin module per command family."""

from __future__ import annotations

import click

from .. import __version__
from .extract import extract_command
from .ingest import ingest_command
from .query import QUERY_COMMANDS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
def main() -> None:
    """Turn news articles into evidence-linked records of international relations.

    \b
    Example:
        communique extract examples/rt-2025-06-10-russia-africa.txt
        communique ingest examples/ --db news.db
        communique events --db news.db --dyad RUS-MLI
        communique relations --db news.db
    """


main.add_command(extract_command)
main.add_command(ingest_command)
for command in QUERY_COMMANDS:
    main.add_command(command)
