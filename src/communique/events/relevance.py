"""Whether an article is about politics at all, before its events count.

A match report names countries as teams and tells its play with the verbs of war ("France beat England",
"attacked the defence", "blocked a shot"); a film or product review does the same with other words. What
marks such an article is the vocabulary of the play, the film or the product itself, which politics has
little use for ('goalkeeper', 'stoppage time', 'box office', 'battery life'). An article that uses at least
`least` distinct terms of one topic is off topic: it codes only what a government or an international
organisation does in it ('the prime minister congratulated the team').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..actors.resolve import IGO
from ..dictionaries.sources import SourceReader
from ..errors import ConfigError
from ..model import Participant
from .decision import Proposal
from .discards import phrase_pattern

GOVERNING_SECTORS = frozenset({"GOV", "LEG", "JUD"})  # sectors that act for a state whatever the article


@dataclass(frozen=True)
class Topics:
    """Off-topic terms (lower case) by topic, and how many distinct ones of a topic make an article off topic."""

    terms: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None  # any of the terms
    least: int = 2
    resources: dict[str, str] = field(default_factory=dict)

    def topic_of(self, doc: Doc) -> str | None:
        """The topic an article is about when it is not politics ('sport'), else None."""
        if self.pattern is None:
            return None
        found: dict[str, set[str]] = {}
        for match in self.pattern.finditer(doc.text):
            term = " ".join(match.group(0).lower().split())
            found.setdefault(self.terms[term], set()).add(term)
        return next((topic for topic, terms in found.items() if len(terms) >= self.least), None)

    def relevant(self, doc: Doc, proposals: Sequence[Proposal]) -> list[Proposal]:
        """The proposals that count: all of them, or in an off-topic article those a government or an
        international organisation makes."""
        if self.topic_of(doc) is None:
            return list(proposals)
        return [proposal for proposal in proposals if _governing(proposal.event.source)]


def _governing(side: Participant) -> bool:
    return (side.sector or "") in GOVERNING_SECTORS or side.code.startswith(IGO)


def load_topics(sources: Sequence[str], least: int) -> Topics:
    """Read off-topic term files ('term<TAB>topic' lines, '#' comments); none gives Topics that keep everything."""
    if least < 1:
        raise ConfigError("E022", source="[events] off_topic_terms", detail=f"must be 1 or more, not {least}")
    reader = SourceReader()
    terms: dict[str, str] = {}
    for source in sources:
        for number, line in enumerate(reader.text(source).splitlines(), 1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            term, tab, topic = text.partition("\t")
            if not tab or not term.strip() or not topic.strip():
                raise ConfigError("E022", source=source, detail=f"line {number} is not 'term<TAB>topic'")
            terms[" ".join(term.lower().split())] = topic.strip()
    return Topics(terms, phrase_pattern(list(terms)), least, reader.hashes)
