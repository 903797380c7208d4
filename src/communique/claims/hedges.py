"""Hedges: words by which a report keeps its distance from what it says ('reportedly', 'allegedly',
'is said to', 'according to unconfirmed reports', 'sources say'). A hedged event, quote or figure is
kept and marked (`hedged: true`), never dropped: the user decides what an unconfirmed claim is worth.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|ostensibly|rumou?red|unconfirmed|unverified"
    r"|(?:is|are|was|were) (?:said|believed|thought|understood|rumou?red|alleged|reported) to"
    r"|it (?:is|was) (?:reported|claimed|alleged|rumou?red|understood)"
    r"|according to (?:media |press |local |news )?reports"
    r"|(?:sources|insiders|people familiar with [\w ]{1,30}?) (?:say|said|says|told)"
    r"|could not (?:be )?(?:independently )?(?:verify|verified|confirm|confirmed)"
    r"|(?:cannot|can not|can't) (?:be )?(?:independently )?(?:verify|verified|confirm|confirmed))\b",
    re.IGNORECASE,
)


def hedged_sentences(doc: Doc) -> frozenset[int]:
    """The first token of every sentence of `doc` that carries a hedge."""
    text = doc.text
    starts = set()
    for match in HEDGE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span):
            starts.add(span[0].sent.start)
    return frozenset(starts)


def is_hedged(token: Token, hedged: frozenset[int]) -> bool:
    """Whether `token`'s sentence is hedged (`hedged` from `hedged_sentences`)."""
    return token.sent.start in hedged
