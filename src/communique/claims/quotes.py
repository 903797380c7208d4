"""Quotes and their speakers: direct ("...", X said), indirect (X said that ...), and via a source.

A direct quote may run over several sentences; its speaker is the subject of the speech verb right
after the closing mark (or before the opening one), and "according to X" names who relayed it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors.table import ActorTable
from ..model import Quote, Speaker, Via
from ..model import Span as TextSpan

SPEECH_VERBS = frozenset(
    "say tell announce state add note stress declare explain claim write insist warn report describe "
    "assert argue emphasize emphasise reiterate acknowledge admit confirm deny suggest remark comment".split()
)
_QUOTED = re.compile(r"[“\"]([^”\"\n]{2,}?)[”\"]")


def find_quotes(doc: Doc, table: ActorTable) -> tuple[list[Quote], dict[int, str]]:
    """All quotes in `doc`, and a map from each token inside a direct quote to its speaker's actor id."""
    quotes: list[Quote] = []
    inside: dict[int, str] = {}
    direct_cues: set[int] = set()
    text = doc.text  # Doc.text joins every token: read it once
    for match in _QUOTED.finditer(text):
        content = match.group(1)
        if len(content.split()) < 4:
            continue  # a scare-quoted phrase ('dynamic growth'), not a quotation
        start, end = match.start(1), match.end(1)
        stripped = content.rstrip(" ,")
        end = start + len(stripped)
        cue = _cue_near(doc, len(text), match.start(), match.end())
        if cue is None:
            continue
        direct_cues.add(cue.i)
        speaker = _speaker(cue, table)
        if speaker is None:
            continue
        quote = Quote(
            id=f"q{len(quotes) + 1}",
            kind="direct",
            speaker=speaker,
            cue=TextSpan(text=cue.text, start=cue.idx, end=cue.idx + len(cue.text)),
            content=TextSpan(text=text[start:end], start=start, end=end),
            via=_via(cue, table),
        )
        quotes.append(quote)
        if speaker.actor:
            span = doc.char_span(start, end, alignment_mode="expand")
            for token in span or []:
                inside[token.i] = speaker.actor
    for token in doc:
        if token.lemma_.lower() not in SPEECH_VERBS or token.i in direct_cues or token.pos_ != "VERB":
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        speaker = _speaker(token, table)
        if speaker is None:
            continue
        span = _clause_span(clause)
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                kind="mixed" if "“" in span.text or '"' in span.text else "indirect",
                speaker=speaker,
                cue=TextSpan(text=token.text, start=token.idx, end=token.idx + len(token.text)),
                content=TextSpan(text=span.text, start=span.start_char, end=span.end_char),
                via=_via(token, table),
            )
        )
    quotes.sort(key=lambda q: q.content.start)
    for number, quote in enumerate(quotes, start=1):
        quote.id = f"q{number}"
    return quotes, inside


def _cue_near(doc: Doc, length: int, open_at: int, close_at: int) -> Token | None:
    """The speech verb just after the closing mark, in the same paragraph, or just before the opening one."""
    after = doc.char_span(close_at, min(length, close_at + 120), alignment_mode="expand")
    if after is not None:
        for token in after:
            if "\n" in token.text:
                break
            if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
                return token
    before = doc.char_span(max(0, open_at - 120), open_at, alignment_mode="expand")
    if before is not None:
        for token in reversed(list(before)):
            if "\n" in token.text:
                break
            if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
                return token
    return None


def _speaker(cue: Token, table: ActorTable) -> Speaker | None:
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    actor_id = table.by_token.get(subject.i)  # a pronoun too, linked by the actors stage
    span = _clause_span(subject) if subject.pos_ != "PRON" else subject.doc[subject.i : subject.i + 1]
    return Speaker(actor=actor_id, text=span.text, start=span.start_char, end=span.end_char)


def _via(cue: Token, table: ActorTable) -> Via | None:
    """'..., according to RIA Novosti': the outlet or source that relayed the statement."""
    for token in cue.sent:
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.lower_ == "according" and following is not None and following.lower_ == "to":
            objects = [c for c in following.children if c.dep_ == "pobj"] or [
                c for c in token.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj"
            ]
            if objects:
                span = _clause_span(objects[0])
                return Via(actor=table.by_token.get(objects[0].i), text=span.text)
    return None


def _clause_span(token: Token) -> Span:
    tokens = [t for t in token.subtree]
    span = token.doc[tokens[0].i : tokens[-1].i + 1]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space or span[0].lower_ == "that"):
        span = span[1:]
    return span
