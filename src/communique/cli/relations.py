"""`communique relations|timeline|shifts|partners`: relations between countries, how they move, on what evidence."""

from __future__ import annotations

from typing import Any

import click

from .ingest import db_option
from .output import FORMATS, write_rows
from .query import (
    confidence_option,
    dated_options,
    dyadic_options,
    mentions_option,
    modality_option,
    read_store,
    with_options,
)

_format = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
_period = click.option(
    "--period", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True
)
_counting = (modality_option("Count events of this modality (default: asserted)."), mentions_option, confidence_option)
_since_until = dated_options[1:]  # no --article: relations are over many articles


@click.command("relations")
@with_options(db_option, _format, *dated_options, *dyadic_options, *_counting)
@click.option("--both-ways", "unordered", is_flag=True, help="One row per pair, both directions together.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
def relations_command(db: str, fmt: str, unordered: bool, **options: Any) -> None:
    """Summarise country pairs: events by quad class, summed and mean Goldstein weight, the cooperation-conflict
    index (-1 only conflict, +1 only cooperation), first and last date.

    An event reported by many outlets counts once (--mentions counts every report). Only asserted events
    count unless --modality says otherwise: plans, denials and hypotheses did not happen.

    \b
    Example:
        communique relations --source RUS --modality all
    """
    from .. import relations

    result = read_store(relations.pairs, db, options, unordered=unordered)
    write_rows(result.rows, fmt, title="relations", header=result.columns)


@click.command("timeline")
@click.argument("one")
@click.argument("two")
@with_options(db_option, _format, _period, *_since_until, *_counting)
@click.option("--directed", is_flag=True, help="Only what ONE did to TWO (default: both directions).")
@click.option("--plover", help="Only events of this PLOVER type, e.g. SANCTION.")
def timeline_command(one: str, two: str, db: str, fmt: str, period: str, directed: bool, **options: Any) -> None:
    """A country pair over time: events by quad class and PLOVER type, mean Goldstein weight and the
    cooperation-conflict index per period.

    \b
    Example:
        communique timeline MLI FRA --period year
    """
    from .. import relations

    result = read_store(relations.timeline, db, options, one, two, period=period, directed=directed)
    write_rows(result.rows, fmt, title=f"{one}-{two} by {period}", header=result.columns)


@click.command("shifts")
@with_options(db_option, _format, _period, *_since_until, *_counting)
@click.option("--window", type=click.IntRange(min=3), default=6, show_default=True, help="Earlier periods compared.")
@click.option("--threshold", type=click.FloatRange(min=0.5), default=2.0, show_default=True, help="Spreads away.")
@click.option("--min-events", type=click.IntRange(min=1), default=3, show_default=True, help="Events in a period.")
@click.option("--dyad", help="Only this country pair, e.g. MLI-FRA.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many shifts, latest first.")
def shifts_command(
    db: str, fmt: str, period: str, window: int, threshold: float, min_events: int, **options: Any
) -> None:
    """Country pairs whose cooperation-conflict index moved beyond their own recent variability, latest first,
    each with examples of the events that moved it.

    \b
    Example:
        communique shifts --period month --since 2020
    """
    from .. import relations

    result = read_store(
        relations.shifts, db, options, period=period, window=window, threshold=threshold, min_events=min_events
    )
    write_rows(result.rows, fmt, title="shifts", wide=("examples",), header=result.columns)


@click.command("partners")
@click.argument("country")
@with_options(db_option, _format, *_since_until, *_counting)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many partners.")
def partners_command(country: str, db: str, fmt: str, **options: Any) -> None:
    """A country's relations with each partner (its ego network): what it did to them, what they did to it,
    by quad class, and the index of both.

    \b
    Example:
        communique partners MLI
    """
    from .. import relations

    result = read_store(relations.ego, db, options, country)
    write_rows(result.rows, fmt, title=f"partners of {country.upper()}", header=result.columns)
