"""Discards: phrases that mark text no event should be coded from (sports, weather, entertainment).

PETRARCH's discards files hold one phrase per line: a plain phrase discards the sentence it occurs in
('baseball'), one marked `+` the whole story ('+World Golf Championships': "Brazil beat Argentina" is
a match, not a war). Phrases match whole words, ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..dictionaries.sources import SourceReader


@dataclass(frozen=True)
class Discards:
    sentence: re.Pattern[str] | None = None
    story: re.Pattern[str] | None = None
    resources: dict[str, str] = field(default_factory=dict)

    def sentences(self, doc: Doc) -> set[int]:
        """The numbers of the sentences of `doc` that are not coded (all of them for a discarded story)."""
        if self.story is None and self.sentence is None:
            return set()  # no discards configured: nothing to scan
        sentences = list(doc.sents)
        if self.story is not None and self.story.search(doc.text):
            return set(range(len(sentences)))
        pattern = self.sentence
        return {n for n, sent in enumerate(sentences) if pattern is not None and pattern.search(sent.text)}


def load_discards(sources: Sequence[str]) -> Discards:
    """Read PETRARCH discards files (`packaged:NAME` or paths); none gives a Discards that keeps everything."""
    reader = SourceReader()
    sentence: list[str] = []
    story: list[str] = []
    for source in sources:
        for line in reader.text(source).splitlines():
            phrase = line.split("#", 1)[0].strip()
            if phrase:
                (story if phrase.startswith("+") else sentence).append(phrase.lstrip("+").strip())
    return Discards(phrase_pattern(sentence), phrase_pattern(story), reader.hashes)


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `phrases` as whole words, ignoring case and the spacing between words."""
    if not phrases:
        return None
    words = (r"\s+".join(re.escape(w) for w in phrase.replace("_", " ").split()) for phrase in phrases)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)
