#!/usr/bin/env python3
"""The HTML path against trafilatura alone on the same pages: token precision, recall and F1 of the
article text, and how many pages each refuses.

"trafilatura alone" is what a user of the library gets from `trafilatura.extract(html)` with its
defaults; "communique" is `readers.html.article_from_html`, which runs trafilatura with the settings
it keeps for news (no comments), then again favouring recall, then trafilatura's baseline, and
refuses a page only when all three find less than a sentence. A refused page scores 0.

The metric is the article-extraction benchmarks' token overlap: the extracted and the gold text as
bags of lower-cased words (every CJK, Thai or Burmese character a word of its own, as those scripts
do not space words), precision = shared / extracted, recall = shared / gold, averaged over pages.

Pages come from a folder in one of two layouts:
  - Scrapinghub's article-extraction-benchmark: `html/ID.html.gz` with `ground-truth.json`
    ({ID: {"articleBody": ...}});
  - pairs: `html/NAME.html` with `txt/NAME.txt` (the layout of newspaper4k's test pages).
Without a folder, the pages with a gold text in newspaper4k 0.9.6's source distribution (MIT, 23
news pages in 10 languages) are used, fetched once from PyPI by scripts/html-bench-pages.sh.

    python bench/html_pages.py [PAGES_DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from statistics import mean

import trafilatura

from communique.errors import InputError
from communique.readers.html import article_from_html

ROOT = Path(__file__).resolve().parent.parent
FETCH = ROOT / "scripts" / "html-bench-pages.sh"
WORD = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|\w+")


def pages(folder: Path) -> Iterator[tuple[str, bytes, str]]:
    """(name, html bytes, gold text) for every page of `folder` that has a gold text."""
    truth = folder / "ground-truth.json"
    if truth.is_file():
        for name, gold in sorted(json.loads(truth.read_text(encoding="utf-8")).items()):
            yield name, gzip.decompress((folder / "html" / f"{name}.html.gz").read_bytes()), gold["articleBody"]
        return
    for page in sorted((folder / "html").glob("*.html")):
        gold = folder / "txt" / f"{page.stem}.txt"
        if gold.is_file():
            yield page.stem, page.read_bytes(), gold.read_text(encoding="utf-8")


def overlap(extracted: str, gold: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of `extracted` against `gold`."""
    found, wanted = Counter(WORD.findall(extracted.lower())), Counter(WORD.findall(gold.lower()))
    shared = sum((found & wanted).values())
    precision = shared / sum(found.values()) if found else 0.0
    recall = shared / sum(wanted.values()) if wanted else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if shared else 0.0


def ours(html: bytes) -> str:
    try:
        return article_from_html(html, id="page").text
    except InputError:
        return ""


def trafilatura_alone(html: bytes) -> str:
    return trafilatura.extract(html) or ""


def score(label: str, extractor: Callable[[bytes], str], corpus: list[tuple[str, bytes, str]]) -> list[float]:
    start = time.perf_counter()
    results = [(overlap(extractor(html), gold)) for _, html, gold in corpus]
    seconds = time.perf_counter() - start
    refused = sum(1 for precision, recall, _ in results if precision == recall == 0.0)
    p, r, f = (mean(column) for column in zip(*results, strict=True))
    print(f"{label:<20} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  empty {refused:>3}  ({seconds:.1f} s)")
    return [f1 for *_, f1 in results]


def main(folder: Path | None) -> None:
    if folder is None:
        folder = Path(subprocess.run(["bash", str(FETCH)], check=True, capture_output=True, text=True).stdout.strip())
    corpus = list(pages(folder))
    if not corpus:
        sys.exit(f"no pages with a gold text under {folder} (see this script's docstring for the layouts)")
    print(f"{len(corpus)} pages from {folder}")
    alone = score("trafilatura alone", trafilatura_alone, corpus)
    path = score("communique", ours, corpus)
    names = [name for name, *_ in corpus]
    worse = [(n, a, b) for n, a, b in zip(names, alone, path, strict=True) if b < a - 0.005]
    better = sum(1 for a, b in zip(alone, path, strict=True) if b > a + 0.005)
    print(f"pages where communique scores higher: {better}, lower: {len(worse)}")
    for name, a, b in worse:
        print(f"  lower on {name}: F1 {b:.3f} vs {a:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, help="folder of pages (default: newspaper4k's test pages)")
    main(parser.parse_args().pages)
