"""`communique eval`: accuracy on the development sets, and the floor check behind `make test`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import CommuniqueError
from ..evaluate import SETS, TOLERANCE, evaluate
from .inputs import failure_counts
from .output import write_rows


@click.command("eval")
@click.argument("sets", nargs=-1, type=click.Choice(SETS))
@click.option(
    "--devsets",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default="../shared/devsets",
    show_default=True,
    help="Folder of the development sets.",
)
@click.option(
    "--misses", type=click.Path(dir_okay=False, path_type=Path), help="Write every miss and false alarm here."
)
@click.option(
    "--floors",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"JSON of {{figure: floor}}; exit 1 when a figure falls more than {TOLERANCE} below its floor.",
)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Pipeline configuration (TOML).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def eval_command(
    sets: tuple[str, ...], devsets: Path, misses: Path | None, floors: Path | None, config: str | None, fmt: str
) -> None:
    """Measure accuracy on the development sets (every set unless SETS names some).

    The figures are those of ../shared/tools/score_dev.py: PLOVER type/triple/actor recall and
    type precision, ConfliBERT quad accuracy and macro-F1, quote content F1 and speaker accuracy,
    figure value F1 and money/percent unit accuracy; then PLOVER per-type precision and recall.
    Beyond them: PLOVER sector recall (gold actors with a sector found with it) and, on ConfliBERT's
    word-tagged sentences (the participants set), the share of gold source and target spans an
    event's source or target overlaps, and of all of them any actor mention overlaps.
    The petrarch set codes PETRARCH's unit-test sentences with their own fictional dictionaries
    (../shared/reference/petrarch/PETR.Validate.*) and gives the share of expected triples found.
    The stream set codes whole articles whose every sentence is annotated, events or none, and gives
    score_dev.py's stream figures (precision, triple and dyad precision, recall, false events per 100
    empty sentences, modality accuracy) broken down by quad class, by coder, by kind of error, by
    half of a fixed two-fold split by article, with a reliability table of `confidence`. The
    stream_figures set scores every quantity of the same articles (score_dev.py's stream_figures:
    precision, recall, unit and subject accuracy); --misses lists false, missed, wrong-unit and
    wrong-subject figures.

    \b
    Example:
        communique eval --misses misses.txt
        communique eval plover --floors tests/accuracy_floors.json
        communique eval stream --misses stream-misses.txt
        communique eval stream_figures --misses figure-misses.txt
    """
    try:
        report = evaluate(devsets, sets=sets or SETS, config=config)
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    if report.failures:
        click.echo(
            f"warning: articles that could not be coded count as missed: {failure_counts(report.failures)}; "
            f"the first: {report.failures[0]}",
            err=True,
        )
    if fmt == "json":
        answer = {"figures": report.figures, "by_type": report.by_type, "tables": report.tables}
        click.echo(json.dumps(answer, indent=2))
    else:
        write_rows([{"figure": k, "value": round(v, 3)} for k, v in report.figures.items()], "table", title="accuracy")
        rows = [{"plover_type": t, **{k: round(v, 3) for k, v in s.items()}} for t, s in report.by_type.items()]
        if rows:
            write_rows(rows, "table", title="PLOVER types")
        for title, table in report.tables.items():
            rounded = [{k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()} for row in table]
            if rounded:
                write_rows(rounded, "table", title=title)
    if misses:
        misses.write_text("\n".join(report.misses) + "\n", encoding="utf-8")
        click.echo(f"{len(report.misses)} misses and false alarms written to {misses}", err=True)
    if floors:
        fallen = report.below(json.loads(floors.read_text("utf-8")))
        for name, (value, floor) in fallen.items():
            click.echo(f"error: {name} {value:.3f} is below its floor {floor:.3f} (tolerance {TOLERANCE})", err=True)
        if fallen:
            raise SystemExit(1)
