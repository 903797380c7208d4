"""`communique events|actors|quotes|figures|relations`: query the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import CommuniqueError
from ..store import queries
from ..store.sql import Store
from .ingest import db_option
from .output import FORMATS, write_rows

Query = Callable[[Store, queries.Filters], list[dict[str, Any]]]


def _query_command(
    name: str,
    query: Query,
    summary: str,
    example: str,
    *,
    wide: tuple[str, ...] = (),
    columns: tuple[str, ...] = (),
    dyadic: bool = False,
) -> click.Command:
    def run(db: str, fmt: str, **options: Any) -> None:
        try:
            rows = query(Store(db), queries.Filters(**{k: v for k, v in options.items() if v is not None}))
        except CommuniqueError as error:
            raise click.ClickException(str(error)) from error
        write_rows(rows, fmt, title=name, wide=wide, columns=columns)

    run.__doc__ = f"{summary}\n\n\b\nExample:\n    {example}"
    command = click.command(name)(run)
    params = [
        db_option,
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True),
        click.option("--article", help="Only this article id."),
        click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Up to this date, inclusive."),
        click.option("--limit", type=int, help="At most this many rows."),
    ]
    if dyadic:
        params += [
            click.option("--source", help="Source country or code prefix, e.g. RUS or RUSGOV."),
            click.option("--target", help="Target country or code prefix."),
            click.option("--dyad", help="A country pair in either direction, e.g. RUS-MLI."),
        ]
    if name == "events":
        params += [
            click.option("--cameo", help="CAMEO code prefix, e.g. 16 for every sanction code."),
            click.option("--plover", help="PLOVER event type, e.g. SANCTION."),
        ]
    if name == "actors":
        params += [click.option("--country", help="Only actors of this country (ISO3) or region code.")]
    for param in params:
        command = param(command)
    return command


QUERY_COMMANDS = [
    _query_command(
        "events",
        queries.events,
        "List stored events: who did what to whom, with the evidence.",
        "communique events --dyad RUS-MLI --plover SANCTION",
        wide=("evidence",),
        dyadic=True,
        columns=(
            "event_id",
            "date",
            "source_code",
            "source_text",
            "cameo",
            "plover_type",
            "target_code",
            "target_text",
            "modality",
            "trigger",
        ),
    ),
    _query_command(
        "actors",
        queries.actors,
        "List stored actors with their codes and mention counts.",
        "communique actors --country RUS",
    ),
    _query_command(
        "quotes",
        queries.quotes,
        "List stored quotes with speaker, cue and content.",
        "communique quotes --article seed",
        wide=("content_text",),
        columns=("quote_id", "kind", "speaker_text", "cue_text", "content_text", "via_text"),
    ),
    _query_command(
        "figures",
        queries.figures,
        "List stored figures: value, unit, qualifier, subject, period.",
        "communique figures --since 2025",
    ),
    _query_command(
        "relations",
        queries.relations,
        "Summarise country pairs: events by quad class, mean Goldstein weight, first and last date.",
        "communique relations --source RUS",
        dyadic=True,
    ),
]
