"""One story, many reports: exact copies by a fingerprint of the words, rewrites by MinHash over word shingles.

A wire story reprinted by twenty outlets is one text with twenty URLs: its fingerprint (the words,
lower-cased, without punctuation or spacing) is the same, so the store keeps it once with a report
per URL. A rewrite (a new lede, a paragraph cut, a few words changed) shares many of its three-word
shingles with the original: articles whose MinHash estimate of shingle Jaccard similarity reaches
SIMILARITY are one story. Candidates come from locality-sensitive hashing: the 128 MinHash values
are cut into BANDS bands of ROWS; two articles that agree on a whole band are compared. The bands
are stored with the article, so finding a story's candidates is one indexed query on any store,
however many articles it holds. `bench/stories.py` measured SIMILARITY on planted rewrites.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
BANDS, ROWS = 42, 3  # the S-curve's midpoint (1/42)^(1/3) = 0.29 sits below SIMILARITY: few rewrites missed
# Measured on 3,000 Reuters stories with 6,019 planted rewrites (bench/stories.py): 0.35 keeps 97.0% of
# rewrites with their story and merges no two unrelated stories; 0.30 merges one, 0.25 twelve.
SIMILARITY = 0.35
SHINGLE_WORDS = 3
MIN_WORDS = 40  # shorter texts (tables of figures, one-line briefs) look alike without being one story
_WORD = re.compile(r"\w+")
# Stored values need a fixed seed and scheme; the permutations they imply are drawn once, not per text.
_PERMUTATIONS = MinHash(num_perm=PERMUTATIONS, seed=1, scheme="affine32").permutations


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def fingerprint(text: str) -> str:
    """The same for two texts with the same words in the same order, whatever their case, spacing or punctuation."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def signature(text: str) -> bytes | None:
    """The text's MinHash values as bytes (to store), or None for a text too short to compare."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]).encode() for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1, scheme="affine32", permutations=_PERMUTATIONS)
    minhash.update_batch(list(shingles))
    return bytes(minhash.hashvalues.astype(np.uint32).tobytes())


def band_keys(signature: bytes) -> list[str]:
    """The keys under which an article is found by others that agree with it on a whole band."""
    values = np.frombuffer(signature, dtype=np.uint32)
    return [
        f"{band:02d}" + hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
        for band in range(BANDS)
    ]


def similarity(one: bytes, other: bytes) -> float:
    """MinHash estimate of the shingle Jaccard similarity of two texts."""
    return float(np.mean(np.frombuffer(one, dtype=np.uint32) == np.frombuffer(other, dtype=np.uint32)))
