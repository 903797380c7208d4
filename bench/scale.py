#!/usr/bin/env python3
"""Scale on one machine: bare spaCy, communique in one process, and `ingest --workers 1|2` into SQLite,
on the same Reuters stories in one run; then a projection.

Prints articles/s for each, the ratios, the scaling efficiency of two workers, the peak memory (RSS)
of each worker process, and what a million articles would take at the measured rates. Each ingest
runs twice, over all N stories and over the first 100 (a fifth of fewer): the difference in time is
what the others take once the workers are up, the rate a long run keeps (starting workers and loading the
pipeline takes seconds, a large part of a short run's time).
Usage: python bench/scale.py [N] [--corpus reuters|polnear]
(default 1000 stories from ../shared/corpora/reuters21578; polnear: the 84 political stories of
../shared/devsets/polnear_dev)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import spacy
from throughput import CORPUS, stories

from communique import Article, CommuniqueError, Extraction, Reader, Store, extract
from communique.nlp import load
from communique.settings import default_config

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "communique"
# Articles of a short run whose time, start-up included, is taken off a long one's (the rate past start-up);
# a fifth of the stories on a smaller corpus.
WARM = 100
POLNEAR = ROOT.parent / "shared" / "devsets" / "polnear_dev" / "text"


def write_stories(limit: int, path: Path, corpus: str = "reuters") -> None:
    """N Reuters stories (or PolNeAR's political stories) as communique JSONL, to be read as a user's would
    be (the reader unwraps Reuters' hard-wrapped lines)."""
    if corpus == "reuters":
        articles = stories(limit)
    else:
        articles = [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(POLNEAR.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as out:
        for article in articles[:limit]:
            item = {"id": article.id, "text": article.text, "title": article.title, "language": "en"}
            out.write(json.dumps(item) + "\n")


class PeakMemory:
    """Samples the RSS of a process's children (or of the process itself when it has none) until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        watched = psutil.Process(self.pid)
        while not self._stop.wait(0.2):
            try:
                processes = watched.children(recursive=True) or [watched]
            except psutil.Error:
                return
            for process in processes:
                try:
                    self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), process.memory_info().rss)
                except psutil.Error:
                    continue

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def worst(self) -> float:
        return max(self.peaks.values(), default=0) / 2**20


def ingest(source: Path, db: Path, workers: int) -> tuple[float, float]:
    """Seconds `communique ingest` takes over `source` into a fresh store, and the peak RSS of the process
    (one worker) or of its worst worker process, in MiB."""
    command = [str(CLI), "ingest", str(source), "--db", str(db), "--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with PeakMemory(process.pid) as memory:
        process.wait()
    return time.perf_counter() - started, memory.worst


def write(articles: list[Article], coded: list[Extraction | CommuniqueError], folder: Path) -> None:
    """What the parent of any number of workers does per coded article: check it against the store, save it."""
    writer = Store(str(folder / "writer.db"))
    run = writer.start_run()
    for article, extraction in zip(articles, coded, strict=True):
        writer.status(article)
        if isinstance(extraction, Extraction):
            writer.save(extraction, article.content_hash, run=run)


def timed(label: str, run: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {count / seconds:7.1f} articles/s  ({seconds:.1f} s)")
    return count / seconds


def main(limit: int, corpus: str) -> None:
    if not CORPUS.is_dir():
        print(f"skipped: the benchmark corpus is not at {CORPUS} (it comes with ../shared)")
        return
    folder = Path(tempfile.mkdtemp(prefix="communique-scale-"))
    source = folder / "stories.jsonl"
    write_stories(limit, source, corpus)
    articles = [a for a in Reader().read([str(source)]) if not isinstance(a, Exception)]
    words = sum(len(a.text.split()) for a in articles)
    name = "Reuters-21578" if corpus == "reuters" else "PolNeAR"
    print(f"{len(articles)} {name} stories, {words} words; {psutil.cpu_count()} CPUs")
    bare = spacy.load(default_config()["pipeline"]["model"])
    full = load(None)
    list(extract(articles[:5], nlp=full))  # warm up
    list(bare.pipe(a.text for a in articles[:5]))
    spacy_rate = timed(
        "bare spaCy nlp.pipe (one process)", lambda: list(bare.pipe(a.text for a in articles)), len(articles)
    )
    coded: list[Extraction | CommuniqueError] = []
    full_rate = timed("communique extract", lambda: coded.extend(extract(articles, nlp=full)), len(articles))
    print(f"extract / bare spaCy: {full_rate / spacy_rate:.2f}x")

    writer_rate = timed("one writer: status and save into SQLite", lambda: write(articles, coded, folder), len(coded))
    rates: dict[int, float] = {}
    steady: dict[int, float] = {}
    first = folder / "first.jsonl"
    warm = min(WARM, len(articles) // 5)
    first.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:warm]), encoding="utf-8")
    for workers in (1, 2):
        seconds, memory = ingest(source, folder / f"w{workers}.db", workers)
        rates[workers] = len(articles) / seconds
        what = "the process" if workers == 1 else "per worker"
        print(
            f"{'communique ingest --workers ' + str(workers):<44} {rates[workers]:7.1f} articles/s  ({seconds:.1f} s, "
            f"start-up included); peak memory {what}: {memory:.0f} MiB"
        )
        warm_seconds, _ = ingest(first, folder / f"w{workers}-first.db", workers)
        if seconds < 1.5 * warm_seconds:
            sys.exit(f"{len(articles)} stories are too few to tell the rate past start-up from noise: use 300 or more")
        steady[workers] = (len(articles) - warm) / (seconds - warm_seconds)
        print(
            f"{'  the same past its first ' + str(warm) + ' articles':<44} {steady[workers]:7.1f} articles/s  "
            f"(start-up and first {warm}: {warm_seconds:.1f} s)"
        )
    # Above 100% when writing is a large share: one worker codes and writes in turn, two code while the parent writes.
    efficiency = steady[2] / (2 * steady[1])
    print(
        f"two workers / one: {steady[2] / steady[1]:.2f}x past start-up (scaling efficiency {efficiency:.0%}), "
        f"{rates[2] / rates[1]:.2f}x over the whole run"
    )
    per_worker = steady[2] / 2
    hours = 1_000_000 / steady[2] / 3600
    print(
        f"projection: one million such stories take {hours:.1f} h on this 2-core machine with 2 workers "
        f"(these stories average {words / len(articles):.0f} words; time grows with length). On 32 workers coding "
        f"at the two-worker run's rate per worker takes {1_000_000 / (per_worker * 32) / 3600:.1f} h, "
        f"but one SQLite writer stores at most {writer_rate:.0f} articles/s ({1_000_000 / writer_rate / 3600:.1f} h "
        f"for a million): past {writer_rate / per_worker:.0f} workers the writer is the limit; "
        "--engine dask writes Parquet in parallel, which `communique sql` queries as it is (`communique load` "
        "stores it at the writer's rate)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("limit", nargs="?", type=int, default=1000, help="stories to code")
    parser.add_argument("--corpus", choices=["reuters", "polnear"], default="reuters")
    arguments = parser.parse_args()
    main(arguments.limit, arguments.corpus)
