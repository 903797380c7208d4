#!/usr/bin/env python3
"""What quotes and figures cost: the time their two stages take, as a share of the whole pipeline's
time on the same Reuters stories, in one run (issue #8 allows them 15%).

Usage: python bench/claims_share.py [N]   (default 300 stories from ../shared/corpora/reuters21578)
"""

from __future__ import annotations

import argparse
import time

from throughput import CORPUS, stories

from communique.nlp import load


def main(limit: int) -> None:
    if not CORPUS.is_dir():
        print(f"skipped: the benchmark corpus is not at {CORPUS} (it comes with ../shared)")
        return
    texts = [a.text for a in stories(limit)]
    nlp = load()
    list(nlp.pipe(texts[:5]))  # warm up
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    whole = time.perf_counter() - start
    print(f"{len(texts)} Reuters-21578 stories: the whole pipeline {whole:.1f} s")
    for name in ("communique_quotes", "communique_figures"):
        stage = nlp.get_pipe(name)
        start = time.perf_counter()
        for doc in docs:
            stage.process(doc)
        seconds = time.perf_counter() - start
        print(f"{name:<22} {seconds:6.2f} s  {seconds / whole:6.1%} of the pipeline's time")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=300)
    main(parser.parse_args().n)
