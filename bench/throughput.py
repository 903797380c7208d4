#!/usr/bin/env python3
"""Throughput of `extract` against bare spaCy `nlp.pipe` on the same Reuters stories, in one run.

Prints articles/s and words/s for both, their ratio, and peak memory (RSS) of this process.
Usage: python bench/throughput.py [N] [--config FILE]
(default 300 stories, read from ../shared/corpora/reuters21578; FILE: a pipeline configuration, such
as one naming a transformer classifier, to measure instead of the defaults)
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import spacy

from communique import Article, extract
from communique.nlp import load
from communique.settings import default_config

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "reuters21578"


def stories(limit: int) -> list[Article]:
    articles: list[Article] = []
    for part in sorted(CORPUS.glob("*.jsonl")):
        for line in part.open(encoding="utf-8"):
            story = json.loads(line)
            body = (story.get("body") or "").strip()
            if body:
                articles.append(Article(id=str(len(articles)), text=body, title=story.get("title") or None))
                if len(articles) == limit:
                    return articles
    return articles


def timed(label: str, run, words: int, count: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<28} {count / seconds:8.1f} articles/s {words / seconds:10.0f} words/s  ({seconds:.1f} s)")
    return seconds


def main(limit: int, config: str | None) -> None:
    if not CORPUS.is_dir():
        print(f"skipped: the benchmark corpus is not at {CORPUS} (it comes with ../shared)")
        return
    articles = stories(limit)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} Reuters-21578 stories, {words} words, one process")
    bare = spacy.load(default_config()["pipeline"]["model"])
    nlp = load(config)
    list(extract(articles[:5], nlp=nlp, language="en"))  # warm both pipelines up before timing
    list(bare.pipe(a.text for a in articles[:5]))
    spacy_s = timed("bare spaCy nlp.pipe", lambda: list(bare.pipe(a.text for a in articles)), words, len(articles))
    ours_s = timed("communique extract", lambda: list(extract(articles, nlp=nlp)), words, len(articles))
    print(f"ratio extract / bare spaCy time: {ours_s / spacy_s:.2f}x  (throughput {spacy_s / ours_s:.0%} of spaCy's)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("limit", nargs="?", type=int, default=300, help="stories to code")
    parser.add_argument("--config", help="pipeline configuration (TOML) to measure")
    arguments = parser.parse_args()
    main(arguments.limit, arguments.config)
