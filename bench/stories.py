"""Story clustering on planted rewrites: recall of rewrites, unrelated stories merged, and time, per threshold.

The corpus: Reuters-21578 stories of at least 120 words (../shared), minus any that already look
like another (a correction, a follow-up: MinHash similarity 0.2 or more to an earlier one), each
given rewrites the way outlets rewrite wire copy, with a fixed seed:
  - copy: the same text under an outlet's dateline and sign-off;
  - trim: the last paragraphs cut (keeps 55-85%), a dateline added;
  - edit: a tenth of the words replaced or dropped, two paragraphs swapped, the end trimmed;
  - lede: the first sentence rewritten, a new paragraph of context added, a fifth of the end cut.
Every article (originals and rewrites) goes through the same LSH as the store (`communique.stories`);
a story is a connected group of articles whose estimated similarity reaches the threshold.

    python bench/stories.py [--stories 1000] [--thresholds 0.3,0.4,0.5,0.6]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from communique import stories

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578"
SWAPS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "company": "firm",
    "government": "administration",
    "increase": "rise",
    "decrease": "fall",
    "announced": "unveiled",
    "expected": "forecast",
    "about": "around",
    "large": "big",
    "also": "additionally",
    "but": "however",
    "percent": "pct",
    "million": "mln",
    "billion": "bln",
    "agreed": "consented",
    "officials": "authorities",
    "minister": "secretary",
}
CONTEXT = (
    "The announcement comes amid a broader debate among analysts and traders about the outlook for the "
    "sector, which has been volatile over the past several months."
)


def originals(limit: int) -> list[str]:
    """Distinct Reuters stories of 120 words or more, in corpus order."""
    texts: list[str] = []
    kept: list[bytes] = []
    for part in sorted(CORPUS.glob("*.jsonl")):
        for line in part.open(encoding="utf-8"):
            body = json.loads(line).get("body") or ""
            if len(body.split()) < 120:
                continue
            signature = stories.signature(body)
            assert signature is not None
            if any(stories.similarity(signature, other) >= 0.2 for other in kept[-2000:]):
                continue  # the corpus's own follow-ups and corrections: not planted, so not counted
            texts.append(body)
            kept.append(signature)
            if len(texts) == limit:
                return texts
    return texts


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s{2,}|\n\n", text) if p.strip()]


def rewrite(text: str, kind: str, rng: random.Random) -> str:
    parts = paragraphs(text)
    dateline = rng.choice(["LONDON (Wire) -", "NEW YORK, (Agency) -", "(Newswire) -", "By Staff Writer -"])
    signoff = rng.choice(["Reporting by A. Writer; editing by B. Editor", "(c) The Daily Paper", ""])
    if kind == "trim":
        parts = parts[: max(1, round(len(parts) * rng.uniform(0.55, 0.85)))]
    elif kind == "edit":
        words = " \n\n ".join(parts).split(" ")
        edited = []
        for word in words:
            roll = rng.random()
            if roll < 0.05:
                continue
            edited.append(SWAPS.get(word, word) if roll < 0.5 else word)
        parts = paragraphs(" ".join(edited))
        if len(parts) > 2:
            i = rng.randrange(1, len(parts) - 1)
            parts[i], parts[i + 1] = parts[i + 1], parts[i]
        parts = parts[: max(1, round(len(parts) * 0.9))]
    elif kind == "lede":
        first, _, rest = parts[0].partition(". ")
        words = first.split()
        rng.shuffle(words)
        parts = [" ".join(words[: len(words) // 2]) + " officials said on the day. " + rest, CONTEXT, *parts[1:]]
        parts = parts[: max(2, round(len(parts) * 0.8))]
    return "\n\n".join([f"{dateline} {parts[0]}", *parts[1:], signoff]).strip()


def corpus(limit: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """Texts and the planted story of each."""
    rng = random.Random(seed)
    texts: list[str] = []
    truth: list[int] = []
    for story, text in enumerate(originals(limit)):
        texts.append(text)
        truth.append(story)
        for kind in rng.sample(["copy", "trim", "edit", "lede"], rng.randint(1, 3)):
            texts.append(rewrite(text, kind, rng))
            truth.append(story)
    order = list(range(len(texts)))
    rng.shuffle(order)  # rewrites arrive before and after their original, as they do from feeds
    return [texts[i] for i in order], [truth[i] for i in order]


def cluster(texts: list[str], threshold: float) -> list[int]:
    """Each text's story, as the store assigns it: the story of the most similar earlier text among its
    LSH candidates when that one is similar enough, else a story of its own."""
    index: dict[str, list[int]] = defaultdict(list)
    signatures: list[bytes | None] = []
    labels: list[int] = []
    for i, text in enumerate(texts):
        signature = stories.signature(text)
        signatures.append(signature)
        labels.append(i)
        if signature is None:
            continue
        keys = stories.band_keys(signature)
        scored = [(stories.similarity(signature, signatures[j] or b""), j) for j in {j for k in keys for j in index[k]}]
        best, j = max(scored, default=(0.0, i))
        if best >= threshold:
            labels[i] = labels[j]
        for key in keys:
            index[key].append(i)
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--thresholds", default="0.3,0.4,0.5,0.6")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    texts, truth = corpus(args.stories)
    planted = sum(1 for i in range(len(truth)) for j in range(i) if truth[i] == truth[j])
    print(f"{len(set(truth))} stories, {len(texts)} articles, {planted} planted pairs")
    for threshold in (float(t) for t in args.thresholds.split(",")):
        started = time.perf_counter()
        found = cluster(texts, threshold)
        elapsed = time.perf_counter() - started
        groups: dict[int, set[int]] = defaultdict(set)
        for story, label in zip(truth, found, strict=True):
            groups[label].add(story)
        together = sum(1 for i in range(len(truth)) for j in range(i) if truth[i] == truth[j] and found[i] == found[j])
        merged = sum(len(s) - 1 for s in groups.values() if len(s) > 1)
        print(
            f"threshold {threshold:.2f}: rewrite recall {together / planted:.3f}, "
            f"unrelated stories merged {merged}, {len(texts) / elapsed:,.0f} articles/s"
        )


if __name__ == "__main__":
    main()
