"""Coding on a Dask cluster (`communique ingest --engine dask`): batches of articles to workers, Parquet out.

The client reads the sources and sends batches of articles; each worker codes them with the same
`extract` as one process (the pipeline is built once per worker process: `nlp.load` keeps it) and
writes the batch's records as Parquet (`store/parquet.py`). Nothing but counts and errors comes
back, so the client stays light however large the run. Without a scheduler address a
`LocalCluster` of `workers` processes runs on this machine; with one (`tcp://host:8786`) the
batches go to that cluster, whose workers need communique installed and the output folder on
storage they share (a network file system; or an object store path such as s3:// is a later step).
An article with the words of one sent before in the run (a wire story from many outlets) is not
sent: it goes to the `copies` table as a report of that one. `communique load` then puts the
Parquet records in a store, where copies and stories are found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from dask.distributed import Client, LocalCluster, as_completed

from . import stories
from .errors import CommuniqueError
from .model import Article
from .pipeline import extract
from .settings import Config
from .store.parquet import batch_done, write_batch, write_copies

BATCH = 64  # articles a task codes: large enough that scheduling costs nothing, small enough to balance


@dataclass
class ClusterReport:
    coded: int = 0
    copies: int = 0  # articles with the words of one sent before in this run: kept as its reports, not coded
    skipped_batches: int = 0  # done by an earlier run into the same folder
    failed: list[CommuniqueError] = field(default_factory=list)


def ingest_on_dask(
    items: Iterable[Article | CommuniqueError],
    output: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    config: str | Path | Config | None = None,
    language: str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> ClusterReport:
    """Code `items` on a Dask cluster into Parquet files under `output`; errors are kept in the report.

    Batches already written to `output` by an earlier run of the same input are skipped, so an
    interrupted run resumes. `on_batch` is called with the number of articles of each finished batch.
    """
    report = ClusterReport()
    cluster = (
        None
        if scheduler
        else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    )
    client = Client(scheduler or cluster)
    running = as_completed()
    limit = 2 * max(1, sum(client.nthreads().values()))  # batches in flight: the input is read as they finish

    def collect(future: Any) -> None:
        coded, errors = future.result()
        report.coded += coded
        report.failed.extend(errors)
        if on_batch:
            on_batch(coded + len(errors))

    first: dict[str, str] = {}  # fingerprint -> id of the first article with those words in this run
    try:
        source = iter(items)
        number = 0
        while batch := list(islice(source, BATCH)):
            report.failed.extend(item for item in batch if isinstance(item, CommuniqueError))
            articles, copies = _new_words([item for item in batch if isinstance(item, Article)], first)
            if batch_done(output, number):
                report.skipped_batches += 1
            else:
                if copies:
                    # before the batch's marker: done means all of it written
                    write_copies(output, number, [(copy.model_dump(), original) for copy, original in copies])
                    report.copies += len(copies)
                    if on_batch:
                        on_batch(len(copies))
                if articles:
                    running.add(client.submit(_code_batch, articles, number, str(output), config, language, pure=False))
            number += 1
            while running.count() >= limit:
                collect(next(running))
        for future in running:
            collect(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report


def _new_words(articles: list[Article], first: dict[str, str]) -> tuple[list[Article], list[tuple[Article, str]]]:
    """The articles whose words the run has not sent yet, and the copies, each with the id it copies;
    `first` (fingerprint -> id) learns the new ones."""
    new: list[Article] = []
    copies: list[tuple[Article, str]] = []
    for article in articles:
        original = first.setdefault(stories.fingerprint(article.text), article.id)
        if original == article.id:
            new.append(article)
        else:
            copies.append((article, original))
    return new, copies


def _code_batch(
    articles: list[Article], number: int, output: str, config: Any, language: str | None
) -> tuple[int, list[CommuniqueError]]:
    """On a worker: code one batch and write it; returns how many were coded and the errors."""
    results = list(extract(articles, config=config, language=language))
    hashes = {article.id: article.content_hash for article in articles}
    coded = [(result, hashes[result.id]) for result in results if not isinstance(result, CommuniqueError)]
    write_batch(output, number, coded)
    return len(coded), [result for result in results if isinstance(result, CommuniqueError)]
