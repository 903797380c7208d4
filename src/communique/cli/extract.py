"""`communique extract`: code articles and print their records, storing nothing."""

from __future__ import annotations

import json
import sys

import click

from ..errors import CommuniqueError
from ..model import Extraction
from .inputs import Inputs, input_options, report_error
from .output import write_rows


@click.command("extract")
@input_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "json"]),
    default="table",
    show_default=True,
    help="table for reading, jsonl/json for the record contract.",
)
def extract_command(inputs: Inputs, fmt: str) -> None:
    """Code articles and print one record per article (nothing is stored).

    SOURCES are files (.txt, .md, .html, .jsonl, .json, .rss/.atom feeds, .urls lists, .warc crawls, each
    maybe .gz), folders of them, http(s) URLs of articles or feeds, or '-' for standard input.
    The jsonl and json formats print the record contract of docs/record.md.

    \b
    Example:
        communique extract examples/tokyo-canberra-defence.txt --date 2024-11-26
        communique extract examples/rt-2025-06-10-russia-africa.jsonl --format jsonl > records.jsonl
    """
    from ..pipeline import extract

    failed = 0
    records = []
    try:
        results = extract(inputs.articles(), config=inputs.pipeline_config(), language=inputs.language)
        for result in results:
            if isinstance(result, CommuniqueError):
                report_error(result)
                failed += 1
            elif fmt == "jsonl":
                sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            elif fmt == "json":
                records.append(result.to_dict())
            else:
                show_record(result)
    except CommuniqueError as error:  # a configuration that cannot be loaded
        raise click.ClickException(str(error)) from error
    if fmt == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise SystemExit(1)


def show_record(record: Extraction) -> None:
    """A person-readable view of one record: its events, quotes and figures."""
    names = {a.id: a.name for a in record.actors}
    click.secho(
        f"\n{record.id}: {record.title or record.text[:60]}  ({record.date or 'undated'}, "
        f"{record.outlet or 'unknown outlet'})",
        bold=True,
    )
    click.echo(
        f"{len(record.actors)} actors, {len(record.events)} events, {len(record.quotes)} quotes, "
        f"{len(record.figures)} figures"
    )
    write_rows(
        [
            {
                "source": e.source.code,
                "event": f"{e.cameo} {e.plover.type}",
                "target": e.target.code if e.target else "",
                "modality": e.modality,
                "date": e.date or "",
                "trigger": e.trigger,
                "claimed by": names.get(e.claimed_by or "", ""),
            }
            for e in record.events
        ],
        "table",
        title="events",
    )
    write_rows(
        [
            {
                "kind": q.kind,
                "speaker": names.get(q.speaker.actor or "", q.speaker.text),
                "cue": q.cue.text,
                "content": q.content.text,
                "via": q.via.text if q.via else "",
            }
            for q in record.quotes
        ],
        "table",
        title="quotes",
        wide=("content",),
    )
    write_rows(
        [
            {
                "text": f.text,
                "value": f"{f.value:,.0f}" if f.value >= 100 else f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "subject": f.subject or "",
                "period": f.period or "",
                "claimed by": names.get(f.claimed_by or "", ""),
            }
            for f in record.figures
        ],
        "table",
        title="figures",
    )
