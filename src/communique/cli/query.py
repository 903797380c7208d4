"""`communique events|actors|quotes|figures|failures`: query the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..model import MODALITIES
from .ingest import db_option
from .output import FORMATS, write_rows


def _query_command(
    name: str,
    summary: str,
    example: str,
    *,
    wide: tuple[str, ...] = (),
    columns: tuple[str, ...] = (),
    extra: tuple[Callable[[Any], Any], ...] = (),
) -> click.Command:
    """A command that prints what `store.queries.<name>` returns for the store and the filters its options give."""

    def run(db: str, fmt: str, **options: Any) -> None:
        result = read_store(_listing(name), db, options)
        write_rows(result.rows, fmt, title=name, wide=wide, columns=columns, header=result.columns)

    run.__doc__ = f"{summary}\n\n\b\nExample:\n    {example}"
    command = click.command(name)(run)
    params = [
        db_option,
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
        *extra,
    ]
    for param in params:
        command = param(command)
    return command


def _listing(name: str) -> Callable[..., Any]:
    """The query behind a listing command, imported when the command runs (`--help` imports no store)."""
    from ..store import queries

    listings: dict[str, Callable[..., Any]] = {
        "events": queries.events,
        "articles": queries.articles,
        "actors": queries.actors,
        "quotes": queries.quotes,
        "figures": queries.figures,
        "failures": queries.failures,
    }
    return listings[name]


def read_store(read: Callable[..., Any], db: str, options: dict[str, Any], *arguments: Any, **keywords: Any) -> Any:
    """Call `read` with the store, the arguments, and the filters made of the options given; a
    CommuniqueError becomes a clear message."""
    from ..errors import CommuniqueError
    from ..store.queries import Filters
    from ..store.sql import Store

    try:
        filters = Filters(**{k: v for k, v in options.items() if v is not None})
        return read(Store(db, create=False), *arguments, filters, **keywords)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error


F = TypeVar("F", bound=Callable[..., Any])


def with_options(*options: Callable[[Any], Any]) -> Callable[[F], F]:
    """Several click options as one decorator, in the order given."""

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


dated_options = (
    click.option("--article", help="Only this article id."),
    click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--until", help="Up to this date, inclusive."),
)
dyadic_options = (
    click.option("--source", help="Source country or code prefix, e.g. RUS or RUSGOV."),
    click.option("--target", help="Target country or code prefix."),
    click.option("--dyad", help="A country pair in either direction, e.g. RUS-MLI."),
    click.option(
        "--member-of", help="Events with a member state of this bloc on either side: AU, EU, NATO, ECOWAS ..."
    ),
)


mentions_option = click.option(
    "--mentions", is_flag=True, default=None, help="Count every report of an event, not the event once."
)


confidence_option = click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Only events at least this likely to be right (their `confidence`, the event decision's probability; "
    "default: every event the decision kept).",
)


def modality_option(default_help: str) -> Callable[[Any], Any]:
    return click.option("--modality", type=click.Choice([*MODALITIES, "all"]), help=default_help)


events_command = _query_command(
    "events",
    "List stored events: who did what to whom, with the evidence.",
    "communique events --dyad RUS-MLI --plover SANCTION",
    wide=("evidence",),
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
        "day",  # --by-story
        "mentions",
        "sources",
        "articles",
    ),
    extra=(
        *dated_options,
        *dyadic_options,
        click.option("--cameo", help="CAMEO code prefix, e.g. 16 for every sanction code."),
        click.option("--plover", help="PLOVER event type, e.g. SANCTION."),
        click.option(
            "--quad", type=click.IntRange(1, 4), help="Quad class: 1 verbal, 2 material cooperation; 3, 4 conflict."
        ),
        click.option("--context", help="A PLOVER context: military, economic ..."),
        click.option("--actor", help="An actor of this name on either side, e.g. 'Sergey Lavrov' (any case)."),
        modality_option("Only events of this modality (default: every modality)."),
        confidence_option,
        click.option(
            "--by-story",
            is_flag=True,
            default=None,
            help="One row per event of a story (same source, code, target and day), with how many mentions, "
            "sources (outlets) and articles reported it.",
        ),
    ),
)
articles_command = _query_command(
    "articles",
    "List stored articles, newest first, with their counts of events, quotes and figures.",
    "communique articles --search Sahel --since 2025-06",
    wide=("title",),
    columns=("article", "date", "outlet", "title", "events", "quotes", "figures"),
    extra=(*dated_options, click.option("--search", help="Only articles with these words in the title or text.")),
)
actors_command = _query_command(
    "actors",
    "List stored actors with their codes and mention counts.",
    "communique actors --country RUS",
    extra=(*dated_options, click.option("--country", help="Only actors of this country (ISO3) or region code.")),
)
quotes_command = _query_command(
    "quotes",
    "List stored quotes with speaker, cue and content.",
    "communique quotes --speaker Lavrov",
    wide=("content_text",),
    columns=("quote_id", "kind", "attitude", "speaker_text", "speaker_name", "cue_text", "content_text", "via_text"),
    extra=(
        *dated_options,
        click.option("--speaker", help="Only quotes whose speaker's words or linked actor's name contain this."),
        click.option(
            "--attitude",
            help="What the attribution reports: speech, belief, intention, stance, several with commas, or all "
            "(default: speech,belief; 'X wants to ...' is an intention, 'X condemned the coup' a stance).",
        ),
    ),
)
figures_command = _query_command(
    "figures",
    "List stored figures: value, unit, qualifier, subject, period.",
    "communique figures --subject trade --unit USD",
    columns=("figure_id", "text", "value", "unit", "qualifier", "subject", "period"),
    extra=(
        *dated_options,
        click.option("--subject", help="Only figures whose subject contains this, e.g. trade."),
        click.option("--unit", help="Only figures in this unit: an ISO 4217 code (USD), percent, count, mile ..."),
    ),
)
failures_command = _query_command(
    "failures",
    "List the inputs an ingest run could not store, and why (the latest run unless --run names one).",
    "communique failures --db news.db",
    wide=("message",),
    extra=(click.option("--run", help="The run id that `communique ingest` printed."),),
)
