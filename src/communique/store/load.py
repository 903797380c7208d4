"""Extract and store a stream of articles: skip what is stored, commit each article as it is coded."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CommuniqueError, StoreError
from ..model import Article
from ..pipeline import extract
from ..settings import Config
from .sql import Store, id_conflict


@dataclass
class IngestReport:
    run: str
    new: int = 0
    updated: int = 0
    already: int = 0
    failed: list[CommuniqueError] = field(default_factory=list)


def ingest(
    items: Iterable[Article | CommuniqueError],
    store: Store,
    *,
    update: bool = False,
    config: str | Path | Config | None = None,
    language: str | None = None,
    on_item: Callable[[], None] | None = None,
) -> IngestReport:
    """Code and store every article not stored yet; a failure is recorded under this run and the rest go on.

    Each article is committed on its own, so an interrupted run keeps what it stored and a rerun
    codes only the rest. An article whose id is stored with other text or metadata is an error
    (E015) unless `update` is set, which replaces it.
    """
    report = IngestReport(run=store.start_run())
    hashes: deque[str | None] = deque()  # content hash of each item sent to the coder, in order
    seen: set[str] = set()

    def done() -> None:
        if on_item:
            on_item()

    def fail(error: CommuniqueError) -> None:
        report.failed.append(error)
        store.record_failure(report.run, len(report.failed), error)
        done()

    def unstored() -> Iterator[Article | CommuniqueError]:
        for item in items:
            if isinstance(item, Article):
                status = store.status(item)
                if item.content_hash in seen or status == "same":
                    report.already += 1
                    done()
                    continue
                if status != "new" and not update:
                    fail(id_conflict(item.path or item.id, item.id, status))
                    continue
                seen.add(item.content_hash)
                hashes.append(item.content_hash)
            else:
                hashes.append(None)
            yield item

    try:
        for result in extract(unstored(), config=config, language=language):
            content_hash = hashes.popleft()
            if isinstance(result, CommuniqueError):
                fail(result)
                continue
            assert content_hash is not None  # an Extraction comes from an Article, which has one
            try:
                saved = store.save(result, content_hash, replace=update, run=report.run)
            except StoreError as error:
                fail(error)
                continue
            setattr(report, saved, getattr(report, saved) + 1)
            done()
    finally:
        store.finish_run(
            report.run, new=report.new, updated=report.updated, already=report.already, failed=len(report.failed)
        )
    return report
