"""Coding in a pool of worker processes, results in input order, for `communique ingest --workers N`.

Each worker loads the pipeline once (`nlp.load` keeps it per process) and codes batches of articles
with `extract`, as one process would; the parent reads the input, sends batches and writes every
result itself, so the store has a single writer. At most two batches per worker are in flight, so
reading never runs far ahead of coding and memory stays flat on any input size.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .errors import CommuniqueError
from .model import Article, Extraction
from .nlp import load
from .pipeline import batches, extract
from .settings import Config, read_config

Item = Article | CommuniqueError
Result = Extraction | CommuniqueError


def extract_in_pool(
    items: Iterable[Item],
    *,
    workers: int,
    config: str | Path | Config | None = None,
    language: str | None = None,
) -> Iterator[Result]:
    """Like `extract`, with the coding spread over `workers` processes (one process codes in place).

    A worker that dies (killed, out of memory) raises `concurrent.futures.process.BrokenProcessPool`
    when its batch is due; every result yielded before it stands.
    """
    if workers <= 1:
        yield from extract(items, config=config, language=language)
        return
    settings = read_config(config)["pipeline"]
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=load, initargs=(config,))
    pending: deque[Future[list[Result]]] = deque()
    try:
        for batch in batches(items, settings):
            pending.append(pool.submit(_code, batch, config, language))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)  # interrupted: stop without finishing the queue


def _code(batch: list[Item], config: str | Path | Config | None, language: str | None) -> list[Result]:
    return list(extract(batch, config=config, language=language))
