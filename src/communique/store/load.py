"""Extract and store a stream of articles: skip what is stored, commit each article as it is coded."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import CommuniqueError
from ..model import Article
from ..pipeline import extract
from .sql import Store


@dataclass
class IngestReport:
    new: int = 0
    already: int = 0
    failed: list[CommuniqueError] = field(default_factory=list)


def ingest(
    items: Iterable[Article | CommuniqueError], store: Store, *, on_item: Callable[[], None] | None = None
) -> IngestReport:
    """Code and store every article not stored yet; a failure is recorded and the rest go on.

    Each article is committed on its own, so an interrupted run keeps what it stored and a rerun
    codes only the rest.
    """
    report = IngestReport()
    hashes: deque[str | None] = deque()  # content hash of each item sent to the coder, in order
    seen: set[str] = set()

    def unstored() -> Iterator[Article | CommuniqueError]:
        for item in items:
            if isinstance(item, Article):
                content_hash = item.content_hash
                if content_hash in seen or store.stored_hashes([content_hash]):
                    report.already += 1
                    if on_item:
                        on_item()
                    continue
                seen.add(content_hash)
                hashes.append(content_hash)
            else:
                hashes.append(None)
            yield item

    for result in extract(unstored()):
        content_hash = hashes.popleft()
        if isinstance(result, CommuniqueError):
            report.failed.append(result)
            store.record_failure(result, str(result.values.get("source", "")))
        elif content_hash and store.save(result, content_hash):
            report.new += 1
        else:
            report.already += 1
        if on_item:
            on_item()
    return report
