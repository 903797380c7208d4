"""`communique train`: learn the event classifier or the participant tagger from labelled files, measuring it first."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CommuniqueError
from .output import write_rows


@click.command("train")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--licence",
    "licences",
    multiple=True,
    required=True,
    help="The licence of each FILE, in order (named in the model's NOTICE.md).",
)
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), required=True, help="Model folder.")
@click.option(
    "--backend",
    type=click.Choice(["spacy", "transformer"]),
    default="spacy",
    show_default=True,
    help="transformer: MiniLM + LoRA, for the classifier or the tagger (needs communique[transformer]).",
)
@click.option(
    "--architecture",
    type=click.Choice(["ensemble", "bow"]),
    default="ensemble",
    show_default=True,
    help="Of the spaCy textcat.",
)
@click.option("--epochs", type=click.IntRange(min=1), help="Passes over the data [default: spacy 10, transformer 8].")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True, help="Cross-validation folds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--repeats",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Fold assignments the decision's cross-validation averages over (seeds SEED, SEED+1, ...).",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    help="Pipeline configuration (TOML) whose events a stream set's decision learns to judge.",
)
def train_command(
    files: tuple[Path, ...],
    licences: tuple[str, ...],
    output: Path,
    backend: str,
    architecture: str,
    epochs: int | None,
    folds: int,
    seed: int,
    repeats: int,
    config: str | None,
) -> None:
    """Train the event classifier, the participant tagger or the event decision on labelled FILES.

    The classifier learns the labels its files give: CAMEO quad classes from ConfliBERT class files
    (.tsv), PLOVER event types from PLOVER records (.json) or communique records (.jsonl, where a
    record without events teaches 'none': no event). The participant tagger (source, target and
    reciprocal words) learns from ConfliBERT word-tag files (.txt: 'word TAG' lines).
    First a cross-validation, with near-duplicate sentences kept in one fold, measures what the
    model does on sentences it never saw; then the model is trained on all of them and written to
    --output with those figures and a NOTICE.md naming each file and its licence, and the figures
    are printed. Point the `[events] classifier` or `participants` setting at the folder to use it.

    A folder (a stream set: docs.jsonl, sentences.jsonl, gold.jsonl, every sentence of each article
    annotated, as ../shared/devsets/stream_dev) trains the event decision instead: the pipeline
    (--config) proposes its events on each article, and two logistic models learn which ones the
    annotation confirms (the event is reported; it is right with both sides). Cross-validation by
    article, averaged over --repeats assignments of articles to folds, measures the stream score out
    of fold, calibrates the probabilities and picks the cut; point `[events] decision` at the folder
    to use it.

    The default backend trains spaCy components on the CPU. `--backend transformer`
    trains the classifier as a LoRA adapter on MiniLM (pip install 'communique[transformer]'):
    more accurate on held-back folds, but an hour on two CPU cores for ConfliBERT's 1,349
    sentences (a GPU is used when torch sees one).

    \b
    Example:
        communique train ../shared/devsets/conflibert_cameo_class_train.tsv \\
            --licence "GPL-3.0 (eventdata/ConfliBERT)" --output my-classifier
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..train import DEFAULT_EPOCHS, Settings, read_training_file, train

    if len(licences) != len(files):
        raise click.UsageError(f"give one --licence per file: {len(files)} files, {len(licences)} licences")
    if any(path.is_dir() for path in files):
        if len(files) != 1:
            raise click.UsageError("a stream set (a folder) trains the decision alone: give it as the only FILE")
        _train_decision(files[0], licences[0], output, folds, seed, repeats, config)
        return
    epochs = epochs or DEFAULT_EPOCHS[backend]
    settings = Settings(backend=backend, architecture=architecture, epochs=epochs, folds=folds, seed=seed)
    try:
        labelled = [read_training_file(path, licence) for path, licence in zip(files, licences, strict=True)]
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        ) as progress:
            task = progress.add_task(f"fold 1/{folds}", total=folds + 1)
            meta = train(
                labelled, output, settings, progress=lambda step: progress.update(task, advance=1, description=step)
            )
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    cv = meta["cross_validation"]
    rows = [{"label": label, "F1": round(f1, 3)} for label, f1 in cv["f1"].items()]
    summary = {"macro_f1": "macro-F1", "accuracy": "accuracy", "span_f1": "all spans (exact)"}
    rows += [{"label": name, "F1": round(cv[key], 3)} for key, name in summary.items() if key in cv]
    click.echo(f"{cv['folds']}-fold cross-validation on {cv['sentences']} sentences (near-duplicates in one fold):")
    write_rows(rows, "table")
    click.echo(f"model written to {output}", err=True)


def _train_decision(
    folder: Path, licence: str, output: Path, folds: int, seed: int, repeats: int, config: str | None
) -> None:
    """The event decision, learnt from a stream set (see `train_decision`), its out-of-fold figures printed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..nlp import load
    from ..settings import read_config
    from ..train_decision import Settings, train_decision

    try:
        pipeline = read_config(config)
        pipeline["events"]["decision"] = ""  # the decision learns from every proposal
        nlp = load(pipeline)
        articles = sum(1 for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        ) as progress:
            task = progress.add_task("article 1", total=articles + 1)
            meta = train_decision(
                nlp,
                folder,
                licence,
                output,
                Settings(folds=folds, seed=seed, repeats=repeats),
                progress=lambda step: progress.update(task, advance=1, description=step),
            )
    except OSError as error:
        raise click.ClickException(f"{folder} is not a stream set: {error}") from error
    except CommuniqueError as error:
        raise click.ClickException(str(error)) from error
    cv = meta["cross_validation"]
    counted = f"{cv['articles']} articles, {cv['proposals']} proposed events"
    repeats = meta["settings"]["repeats"]
    click.echo(f"{cv['folds']}-fold cross-validation by article on {counted} (the mean of {repeats} fold assignments):")
    rows = [{"keep_at": cut, **figures} for cut, figures in cv["by_cut"].items()]
    write_rows(rows, "table")
    click.echo(f"keep_at {meta['keep_at']} chosen (precision counts twice as much as recall)")
    click.echo("Out of fold (the first assignment), the events at or above each confidence, and the share right:")
    write_rows(cv["confidence_at_least"], "table")
    if meta["trust_at"] is None:
        click.echo("No confidence cut keeps 10 events or more of which 80% are right: none to count relations at.")
    else:
        click.echo(f"At confidence {meta['trust_at']} and above, 80% of the events are right (trust_at).")
    rows = [
        {"scored_half": half["scored_half"], "decision": name, **half[name]}
        for half in meta["trained_on_one_half"]
        for name in ("decision", "no decision")
    ]
    if rows:
        click.echo("Trained on one half of the articles (fixed split), scored on the other, beside no decision:")
        write_rows(rows, "table")
    click.echo(f"model written to {output}", err=True)
