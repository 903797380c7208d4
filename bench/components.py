#!/usr/bin/env python3
"""Where one process's time goes: each component of the pipeline timed on its own over the same Reuters
stories (batches of 16, as `extract` parses them), as a share of their sum; then the model's attribute
ruler against communique's attribute table on the same parsed stories, with their output compared.
The lemmatizer and the table cache what they work out per word: both are timed after a first pass over
the stories, as in a long run, and the table on its first pass too.

Usage: python bench/components.py [N]   (default 300 stories from ../shared/corpora/reuters21578)
"""

from __future__ import annotations

import argparse
import time

import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import minibatch
from throughput import CORPUS, stories

from communique.attributes import AttributeTable
from communique.components import STAGES
from communique.nlp import load
from communique.settings import default_config

COMPARED = ["POS", "MORPH", "LEMMA", "TAG", "DEP", "HEAD"]


def per_component(texts: list[str]) -> list[Doc]:
    """Print each component's seconds and share; returns the coded docs."""
    nlp = load()
    list(nlp.pipe(texts))  # a first pass: the caches filled, as a long run has them
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    seconds["tokenizer"] = time.perf_counter() - start
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        pipe = getattr(component, "pipe", None)
        if pipe is None or name in STAGES:
            docs = [component(doc) for doc in docs]
        else:
            docs = [doc for batch in minibatch(docs, 16) for doc in pipe(batch)]
        seconds[name] = time.perf_counter() - start
    whole = sum(seconds.values())
    print(f"{len(texts)} Reuters-21578 stories, each component in turn: {whole:.1f} s")
    for name, spent in seconds.items():
        print(f"  {name:<24} {spent:6.2f} s  {spent / whole:6.1%}")
    return docs


def ruler_against_table(texts: list[str]) -> None:
    model = spacy.load(default_config()["pipeline"]["model"])
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    table = AttributeTable(ruler)
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(model.pipe(texts, batch_size=16))
    timings = []
    outputs = []
    for apply in (ruler, table, table):  # the table twice: its first pass fills its cache
        copies = [doc.copy() for doc in parsed]
        start = time.perf_counter()
        outputs.append([apply(doc).to_array(COMPARED) for doc in copies])
        timings.append(time.perf_counter() - start)
    same = all((a == b).all() for table_out in outputs[1:] for a, b in zip(outputs[0], table_out, strict=True))
    ruled, first, again = timings
    print(
        f"spaCy's attribute ruler {ruled:.2f} s; communique's table {first:.2f} s on its first pass "
        f"({ruled / first:.1f}x faster), {again:.2f} s on the next ({ruled / again:.1f}x); "
        f"output {'identical' if same else 'DIFFERENT'}"
    )


def main(limit: int) -> None:
    if not CORPUS.is_dir():
        print(f"skipped: the benchmark corpus is not at {CORPUS} (it comes with ../shared)")
        return
    texts = [a.text for a in stories(limit)]
    per_component(texts)
    ruler_against_table(texts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=300)
    main(parser.parse_args().n)
