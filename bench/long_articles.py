#!/usr/bin/env python3
"""Cost of one long article against its length: seconds and peak memory per size, each size in its own process.

Articles are Reuters-21578 stories joined as paragraphs up to each size. Prints seconds per 100k
characters for each size; a flat column means cost linear in length. Sizes over the configured
`max_chars` (2,000,000 by default) are refused with E017 by design.
Usage: python bench/long_articles.py [SIZE ...]   (default 10000 100000 400000 1000000 2000000)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "reuters21578"


def long_text(size: int) -> str:
    paragraphs: list[str] = []
    length = 0
    for part in sorted(CORPUS.glob("*.jsonl")):
        for line in part.open(encoding="utf-8"):
            body = " ".join((json.loads(line).get("body") or "").split())
            if body:
                paragraphs.append(body)
                length += len(body) + 1
                if length >= size:
                    return "\n".join(paragraphs)[:size]
    return "\n".join(paragraphs)[:size]


def measure(size: int) -> None:
    """In a child process: code one article of `size` characters and print seconds and peak RSS."""
    from communique import Article, extract, load

    load()
    warm = long_text(3_000)  # one short article first: lazy loads (pint's registry ...) are no cost of length
    list(extract([Article(id="warm", text=warm, language="en")]))
    text = long_text(size)
    start = time.perf_counter()
    [record] = list(extract([Article(id="long", text=text, language="en")]))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    events = len(getattr(record, "events", []))
    print(json.dumps({"chars": len(text), "seconds": seconds, "peak_mib": peak, "events": events}))


def main(sizes: list[int]) -> None:
    if not CORPUS.is_dir():
        print(f"skipped: the benchmark corpus is not at {CORPUS} (it comes with ../shared)")
        return
    print(f"{'characters':>12} {'seconds':>9} {'s per 100k chars':>17} {'peak RSS MiB':>13} {'events':>7}")
    rates = []
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        per = row["seconds"] / row["chars"] * 100_000
        rates.append(per)
        print(f"{row['chars']:>12,} {row['seconds']:>9.1f} {per:>17.2f} {row['peak_mib']:>13.0f} {row['events']:>7}")
    print(f"dearest / cheapest seconds per 100k characters: {max(rates) / min(rates):.2f}x (linear cost: near 1)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        measure(int(sys.argv[2]))
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 400_000, 1_000_000, 2_000_000])
