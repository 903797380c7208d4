#!/usr/bin/env python3
"""Scale on one machine: bare spaCy, communique in one process (full parsing, the default, and
selective parsing), and `ingest --workers 1|2` into SQLite, on the same Reuters stories in one run; then
a projection.

Prints articles/s for each, the ratios, the scaling efficiency of two workers, the peak memory (RSS)
of each worker process, and what a million articles would take at the measured rates.
Usage: python bench/scale.py [N] [--corpus reuters|polnear]
(default 1000 stories from ../shared/corpora/reuters21578; polnear: the 84 political stories of
../shared/devsets/polnear_dev)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import spacy
from throughput import CORPUS, stories

from communique import Article, Reader, extract
from communique.nlp import load
from communique.settings import default_config, read_config

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "communique"
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
    selective_config = read_config(None)
    selective_config["pipeline"]["selective"] = True
    selective, full = load(selective_config), load(None)
    for nlp in (selective, full):
        list(extract(articles[:5], nlp=nlp))  # warm up (the selector's matcher is built on first use)
    list(bare.pipe(a.text for a in articles[:5]))
    spacy_rate = timed(
        "bare spaCy nlp.pipe (one process)", lambda: list(bare.pipe(a.text for a in articles)), len(articles)
    )
    full_rate = timed("communique extract, full parsing", lambda: list(extract(articles, nlp=full)), len(articles))
    ours_rate = timed(
        "communique extract, selective parsing", lambda: list(extract(articles, nlp=selective)), len(articles)
    )
    print(f"selective / bare spaCy: {ours_rate / spacy_rate:.2f}x   full / bare spaCy: {full_rate / spacy_rate:.2f}x")

    rates: dict[int, float] = {}
    for workers in (1, 2):
        command = [str(CLI), "ingest", str(source), "--db", str(folder / f"w{workers}.db"), "--workers", str(workers)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with PeakMemory(process.pid) as memory:
            process.wait()
        seconds = time.perf_counter() - started
        rates[workers] = len(articles) / seconds
        what = "the process" if workers == 1 else "per worker"
        print(
            f"{'communique ingest --workers ' + str(workers):<44} {rates[workers]:7.1f} articles/s  ({seconds:.1f} s, "
            f"start-up included); peak memory {what}: {memory.worst:.0f} MiB"
        )
    efficiency = rates[2] / (2 * rates[1])
    print(f"two workers / one: {rates[2] / rates[1]:.2f}x  (scaling efficiency {efficiency:.0%})")
    per_worker = rates[2] / 2
    hours = 1_000_000 / rates[2] / 3600
    print(
        f"projection: one million such stories take {hours:.1f} h on this 2-core machine with 2 workers; "
        f"{1_000_000 / (per_worker * 32 * efficiency) / 3600:.1f} h on 32 workers at the same per-worker rate "
        f"and efficiency (these stories average {words / len(articles):.0f} words; time grows with length)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("limit", nargs="?", type=int, default=1000, help="stories to code")
    parser.add_argument("--corpus", choices=["reuters", "polnear"], default="reuters")
    arguments = parser.parse_args()
    main(arguments.limit, arguments.corpus)
