"""Extract and store a stream of articles: skip what is stored, commit each article as it is coded."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import stories
from .errors import CommuniqueError, InputError, StoreError
from .model import Article, Extraction
from .parallel import extract_in_pool
from .settings import Config
from .store.sql import Saved, Status, Store, compare, id_conflict


@dataclass
class IngestReport:
    run: str
    new: int = 0
    updated: int = 0
    already: int = 0
    copies: int = 0  # the words of a stored article under another id: stored as one more report of it
    failed: list[CommuniqueError] = field(default_factory=list)

    def add(self, saved: Saved) -> None:
        setattr(self, saved, getattr(self, saved) + 1)

    def fail(self, store: Store, error: CommuniqueError) -> None:
        """Count a failure and keep it in the store under this run, for `communique failures`."""
        self.failed.append(error)
        store.record_failure(self.run, len(self.failed), error)

    def counts(self) -> dict[str, int]:
        """What the run's row in the store keeps."""
        kept = {"new": self.new, "updated": self.updated, "already": self.already, "copies": self.copies}
        return {**kept, "failed": len(self.failed)}


def ingest(
    items: Iterable[Article | CommuniqueError],
    store: Store,
    *,
    update: bool = False,
    config: str | Path | Config | None = None,
    language: str | None = None,
    workers: int = 1,
    on_item: Callable[[], None] | None = None,
) -> IngestReport:
    """Code and store every article not stored yet; a failure is recorded under this run and the rest go on.

    Each article is committed on its own, so an interrupted run keeps what it stored and a rerun
    codes only the rest. An article whose id is stored with other text or metadata is an error
    (E015) unless `update` is set, which replaces it. An article with the words of one stored (or
    coded earlier in this run) is not coded again: it is kept as another report of that article.
    With `workers` above 1 the coding runs in that many processes (`extract_in_pool`); this process
    stays the only writer.
    """
    report = IngestReport(run=store.start_run())
    sent: deque[tuple[str, str] | None] = deque()  # (id, content hash) of each item sent to the coder, in order
    refused: dict[str, CommuniqueError] = {}  # id -> why the coder refused it, for the copies of its words
    seen: dict[str, Article] = {}  # id -> the article sent to the coder under it
    words: dict[str, str] = {}  # fingerprint -> id of each article sent to the coder
    copies: list[tuple[Article, str]] = []  # copies of those (and their original's id), stored after them

    def count(saved: Saved) -> None:
        report.add(saved)
        done()

    def done() -> None:
        if on_item:
            on_item()

    def fail(error: CommuniqueError) -> None:
        report.fail(store, error)
        done()

    def unstored() -> Iterator[Article | CommuniqueError]:
        for item in items:
            if isinstance(item, Article):
                status = _batch_status(item, seen.get(item.id)) or store.status(item)
                fingerprint = stories.fingerprint(item.text)
                if status == "same":
                    count("already")
                    continue
                if status == "copy":
                    count(store.save_copy(item, run=report.run))
                    continue
                if status == "new" and fingerprint in words:
                    copies.append((item, words[fingerprint]))  # its original is still being coded
                    continue
                if status != "new" and not update:
                    fail(id_conflict(item.path or item.id, item.id, status))
                    continue
                seen[item.id] = item
                words[fingerprint] = item.id
                sent.append((item.id, item.content_hash))
            else:
                sent.append(None)
            yield item

    try:
        for result in extract_in_pool(unstored(), workers=workers, config=config, language=language):
            item = sent.popleft()
            if isinstance(result, CommuniqueError):
                if item is not None:
                    refused[item[0]] = result
                fail(result)
                continue
            assert item is not None  # an Extraction comes from an Article
            content_hash = item[1]
            try:
                saved = store.save(result, content_hash, replace=update, run=report.run)
            except StoreError as error:
                fail(error)
                continue
            count(saved)
        for copy, original in copies:
            if original in refused:  # the same words, so the same reason ('fr' in French: this one too)
                reason = refused[original]
                fail(type(reason)(reason.code, **{**reason.values, "source": copy.path or copy.id}))
                continue
            _store_copy(store, report, copy.model_dump(), original)
            done()
    finally:
        store.finish_run(report.run, **report.counts())
    return report


def _batch_status(article: Article, earlier: Article | None) -> Status | None:
    """How `article` stands against an article of the same id earlier in this run, by the rule the store
    applies across runs (#21); None when no earlier article had its id."""
    if earlier is None:
        return None
    return compare(earlier.content_hash, earlier.model_dump(), article.content_hash, article.model_dump())


def load_records(
    records: Iterable[tuple[Extraction, str]],
    store: Store,
    *,
    copies: Iterable[tuple[Mapping[str, Any], str]] = (),
    on_item: Callable[[], None] | None = None,
) -> IngestReport:
    """Store records coded elsewhere (Parquet from a cluster): each committed on its own, as `ingest` does.

    copies: (report fields, original id) of articles not coded because their words were (`read_copies`),
    stored after the records as reports of their original.
    """
    report = IngestReport(run=store.start_run())
    try:
        for extraction, content_hash in records:
            try:
                saved = store.save(extraction, content_hash, run=report.run)
            except StoreError as error:
                report.fail(store, error)
            else:
                report.add(saved)
            if on_item:
                on_item()
        for fields, original in copies:
            _store_copy(store, report, fields, original)
            if on_item:
                on_item()
    finally:
        store.finish_run(report.run, **report.counts())
    return report


def _store_copy(store: Store, report: IngestReport, fields: Mapping[str, Any], original: str) -> None:
    """Store a copy found before its original was stored as a report of it; E033 when the original never was
    (it could not be coded)."""
    saved = store.save_report(fields, original, run=report.run)
    if saved is None:
        report.fail(store, InputError("E033", source=fields.get("path") or fields["id"], original=original))
    else:
        report.add(saved)
