"""Attributions: who says, believes, finds or intends what, as PolNeAR annotates them (a source, a
cue and a content), each with its speaker linked to the resolved actor.

Found here: direct quotes (over several sentences, attributed before, after or around them, or by a
dash: "..." ― Name), any clause a reporting, belief or evidence verb governs ("X warned that ...",
"X believes ...", "the poll shows ...") or any verb whose subject puts a "that" clause, participles
("..., saying ..."), parentheticals ("..., he said, ..."), intentions ("X wants to ...", "X called
for ..."), stances towards an object ("X cited the report"), nouns with a "that" clause ("Moscow's
claim that ..."), "according to X", headlines and transcripts ("Poll: ...", "WALLACE: ..."), and
reports without a source ("it was reported that ..."). Attributions nest, each with its own speaker.
Who relayed a statement ("told RIA Novosti", "carried by TASS", "according to Reuters") is its `via`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..actors.table import ActorTable
from ..clauses import RELATIVE_PRONOUNS, SPEECH_VERBS, clauses_of
from ..model import Attitude, Quote, Speaker, Via
from ..model import Span as TextSpan

# Verbs whose clause is someone's statement, belief, finding or stance: PolNeAR's cues beyond speech.
ATTITUDE_VERBS = SPEECH_VERBS | frozenset(
    "believe think know feel fear hope expect worry doubt suspect assume guess reckon wonder imagine understand "
    "realize realise recognize recognise agree disagree contend maintain allege complain boast joke reply respond "
    "answer counter retort testify tweet post predict estimate forecast project calculate conclude find show "
    "reveal indicate demonstrate prove signal learn hear read recall remember promise pledge vow threaten "
    "ask demand recommend propose question caution concede concur mention point accuse charge observe order "
    "rule decide urge seem appear".split()
)
# Verbs whose infinitive is the intention or demand of their subject ("wants to", "vowed to").
INTENT_VERBS = frozenset(
    "want plan hope seek intend aim agree refuse decline promise pledge vow threaten urge ask call demand "
    "push press propose".split()
)
# Verbs whose object is what their subject says or thinks of it ("cited the report", "called the
# charges fabricated", "criticized the decision"): PolNeAR attributes the object to the subject.
STANCE_VERBS = frozenset(
    "cite call describe label brand dub term criticize criticise condemn praise blast attack slam denounce "
    "decry applaud commend welcome reject dismiss defend support oppose endorse back question mention "
    "discuss blame note claim want promise accept outline document acknowledge deny reveal disclose announce "
    "propose demand seek urge predict chastise mock ridicule lament regret hail tout champion".split()
)
# Verbs that introduce a quotation next to it ('..., she recalled', 'He replied: "..."').
QUOTE_CUES = SPEECH_VERBS | frozenset(
    "recall continue reply respond answer ask tweet post quip joke exclaim shout yell chant sing conclude "
    "agree put".split()
)
# Nouns that are sources in a headline ("Poll: ...") beside named people and organisations.
SOURCE_NOUNS = frozenset(
    "poll survey report study official officials source sources analyst analysts expert experts spokesman "
    "spokeswoman spokesperson minister ministry president police witness witnesses".split()
)
# 'Told RIA Novosti', 'carried by TASS', 'in an interview with CNN': who relayed the statement.
VIA_HEADS = frozenset("carry quote report publish air broadcast cite".split())
# Cues of what someone believes, expects or found rather than said ('officials believe', 'fears that').
BELIEF_CUES = frozenset(
    "believe think know feel fear hope expect worry doubt suspect assume guess reckon wonder imagine understand "
    "realize realise recognize recognise conclude find estimate predict forecast calculate learn hear seem appear "
    "belief concern suspicion expectation view assumption feeling conviction impression perception finding".split()
)
FINDER_ATTITUDES: dict[str, Attitude] = {"_intentions": "intention", "_stances": "stance"}
Kind = Literal["direct", "indirect", "mixed"]
_QUOTED = re.compile(r"[“\"]([^”\"\n]{2,}?)[”\"]")
_DASH_AFTER = re.compile(r"\s*[―—–]\s*((?:[A-Z][\w.'’-]*\s?){1,4})\s*$")
_DASH_LINE = re.compile(r"\s[―—–-]\s((?:[A-Z][\w.'’-]*\s?){1,4})\s*$")


@dataclass
class Found:
    """An attribution before it becomes a Quote: its cue, who said it, and the content's characters."""

    cue: TextSpan
    speaker: Speaker
    start: int
    end: int
    kind: Kind
    via: Via | None = None
    attitude: Attitude = "speech"


def find_quotes(
    doc: Doc, table: ActorTable, *, hedged: frozenset[int] = frozenset()
) -> tuple[list[Quote], dict[int, str]]:
    """Every attribution in `doc`, and a map from each token inside a direct quote to its speaker's
    actor id. `hedged` holds the first token of each hedged sentence."""
    found: list[Found] = []
    near: dict[int, list[Found]] = defaultdict(list)  # stretch of text -> what was found over it
    cues: set[int] = set()
    for finder in (_direct, _clausal, _intentions, _according_to, _headlines, _stances, _noun_clauses):
        for candidate in finder(doc, table):
            candidate.attitude = FINDER_ATTITUDES.get(finder.__name__) or _attitude(doc, candidate.cue)
            reused = candidate.cue.start in cues and candidate.kind != "direct"  # '"A," X said, "B."' is two
            stretches = range(candidate.start // _STRETCH, candidate.end // _STRETCH + 1)
            if reused or any(_same(candidate, other) for n in stretches for other in near[n]):
                continue
            cues.add(candidate.cue.start)
            found.append(candidate)
            for n in stretches:
                near[n].append(candidate)
    found.sort(key=lambda f: (f.start, -f.end))  # an attribution before those nested in it
    text = doc.text
    quotes: list[Quote] = []
    inside: dict[int, str] = {}
    for number, item in enumerate(found, start=1):
        first = doc.char_span(item.start, item.end, alignment_mode="expand")
        quotes.append(
            Quote(
                id=f"q{number}",
                kind=item.kind,
                attitude=item.attitude,
                speaker=item.speaker,
                cue=item.cue,
                content=TextSpan(text=text[item.start : item.end], start=item.start, end=item.end),
                via=item.via,
                hedged=first is not None and len(first) > 0 and first[0].sent.start in hedged,
            )
        )
        if item.kind == "direct" and item.speaker.actor and first is not None:
            for token in first:
                inside[token.i] = item.speaker.actor
    return quotes, inside


# Attributions are compared only with those found over the same stretches of text, so the cost of
# finding them grows with the article's length, not with its square (#21).
_STRETCH = 2_000


def _attitude(doc: Doc, cue: TextSpan) -> Attitude:
    """A statement, or a belief where its cue is a word of believing ('X believes that ...', 'fears that ...')."""
    words = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return "belief" if words is not None and any(t.lemma_.lower() in BELIEF_CUES for t in words) else "speech"


def _same(a: Found, b: Found) -> bool:
    """Two finders reading one attribution: their contents overlap over most of both and their
    speakers are one (an attribution nested in another has its own speaker: 'WALLACE: I think ...')."""
    overlap = min(a.end, b.end) - max(a.start, b.start)
    one_speaker = min(a.speaker.end, b.speaker.end) >= max(a.speaker.start, b.speaker.start)
    return overlap > 0.6 * max(a.end - a.start, b.end - b.start) and one_speaker


def _direct(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """Quoted words with a cue just after or before them in the paragraph, or a dash and a name."""
    text = doc.text
    for match in _QUOTED.finditer(text):
        start, end = match.start(1), match.start(1) + len(match.group(1).rstrip(" ,"))
        words = len(match.group(1).split())
        line_end = text.find("\n", match.end())
        dash = _DASH_AFTER.match(text[match.end() : line_end if line_end >= 0 else len(text)])
        if dash and words >= 4:
            at = match.end() + dash.start(1)
            named = _named(doc, table, at, at + len(dash.group(1).strip()))
            yield Found(
                TextSpan(text=text[match.end() : at].strip(), start=match.end(), end=at), named, start, end, "direct"
            )
            continue
        cue = _cue_near(doc, text, match.start(), match.end(), adjacent=words < 4)
        if cue is None or words < 4 and not _said_right_after(cue, match.end()):
            continue
        speaker = _speaker(cue, table)
        if speaker is not None:
            yield Found(_token_span(cue), speaker, start, end, "direct", _via(cue, table))


def _said_right_after(cue: Token, close_at: int) -> bool:
    """A short quote is speech only when its cue follows it at once ('"You winning?" she said')."""
    return cue.idx - close_at < 16


def _cue_near(doc: Doc, text: str, open_at: int, close_at: int, *, adjacent: bool) -> Token | None:
    """The speech verb just after the closing mark, in the same paragraph, or just before the opening
    one (also at the end of the paragraph before, after a colon: 'He added:'). `text` is `doc.text`, which
    spaCy rebuilds from every token at each read (#21)."""
    reach = 40 if adjacent else 120
    after = doc.char_span(close_at, min(len(text), close_at + reach), alignment_mode="expand")
    for token in after or []:
        if "\n" in token.text:
            break
        if token.lemma_.lower() in QUOTE_CUES and token.pos_ in ("VERB", "AUX"):
            return token
    if adjacent:
        return None
    lead = text[max(0, open_at - 160) : open_at]
    colon = lead.rstrip().endswith(":")
    before = doc.char_span(max(0, open_at - 160), open_at, alignment_mode="expand")
    for token in reversed(list(before or [])):
        if "\n" in token.text and not colon:
            break
        if token.lemma_.lower() in QUOTE_CUES and token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _clausal(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """A clause governed by a reporting, belief or evidence verb: 'X said (that) ...', '..., X said',
    '..., he said, ...', '..., saying ...', 'the poll shows ...', 'it was reported that ...'."""
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if token.lemma_.lower() not in ATTITUDE_VERBS and not _voiced(token, clause):
            continue
        if clause is not None:  # every clause it governs: '..., but the police overruled it, the source added'
            clauses = [_clause_span(c) for c in token.children if c.dep_ == "ccomp"]
            span = doc[clauses[0].start : clauses[-1].end]
        elif token.dep_ == "parataxis" and token.lemma_.lower() in SPEECH_VERBS:
            span = _without(token.head, token)  # 'But to prevent problems, he said, officials should ...'
        else:
            continue
        speaker = _speaker(token, table) or _sourceless(token)
        if speaker is not None and len(span) > 1:
            yield _spoken(token, speaker, span, _via(token, table))


def _voiced(verb: Token, clause: Token | None) -> bool:
    """Any verb whose subject puts a full statement ('Venezuela insinuated that ...'); not a copula
    or an empty subject ('it is clear that ...', 'this means that ...')."""
    subject = clauses_of(verb.doc)[verb.i].subject
    return (
        _finite_clause(clause)
        and verb.lemma_.lower() != "be"
        and subject is not None
        and verb.doc[subject].lower_ not in ("it", "this", "that", "there")
    )


def _finite_clause(clause: Token | None) -> bool:
    """A complement that is a full statement of its own: 'that' and a subject ('... that the deal is dead')."""
    if clause is None:
        return False
    frame = clauses_of(clause.doc)[clause.i]
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return marked and (frame.subject is not None or frame.patient is not None)


def _intentions(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """'X wants to ...', 'X vowed to ...', 'X urged Y to ...', 'X called for ...': an intention or demand."""
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma not in INTENT_VERBS or token.pos_ != "VERB" or any(c.dep_ == "auxpass" for c in token.children):
            continue  # 'the controls were intended to ...' is nobody's intention
        content = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if content is None and lemma == "call":
            content = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
        if content is None:
            continue
        span = _clause_span(content)
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i < content.i), None)
        if obj is not None:  # 'urged Mali to hold elections': the demand names who must act
            span = doc[min(t.i for t in obj.subtree) : span.end]
        speaker = _speaker(token, table)
        if speaker is not None and len(span) > 1:
            yield _spoken(token, speaker, span)


def _stances(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """'X cited the report', 'X called the charges fabricated', 'X condemned the coup': the object
    (with what it is called) is the content."""
    for token in doc:
        if token.lemma_.lower() not in STANCE_VERBS or token.pos_ != "VERB":
            continue
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is None or obj.pos_ == "PRON" and obj.tag_ != "WP":
            continue
        parts = [obj, *(c for c in token.children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i)]
        tokens = [t for part in parts for t in part.subtree]
        span = _trimmed(doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1])
        speaker = _speaker(token, table)
        if speaker is not None and len(span) > 1:
            yield _spoken(token, speaker, span)


def _noun_clauses(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """'Moscow's claim that the strike was defensive', 'voiced fears that the truce will collapse': a
    noun whose 'that' clause is a statement or belief; its possessor or voicer, if any, is the source."""
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp") and _finite_clause(c)), None)
        if clause is None:
            continue
        content = _clause_span(clause)
        yield _spoken(token, _holder(token, table), content)


def _holder(noun: Token, table: ActorTable) -> Speaker:
    """Whose claim or fear a noun is: its possessor ('Moscow's claim'), the one it comes from
    ('warnings from his attorney'), or who voices it ('Kyiv voiced fears', 'Democrats persisted in
    arguments'); no one in 'amid fears that ...'."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
        (
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )
    if owner is not None:
        return _speaking(_noun_phrase(owner), table.by_token.get(owner.i))
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    voiced = _speaker(verb, table) if verb is not None and verb.pos_ == "VERB" else None
    return voiced or _nobody(noun.idx)


def _according_to(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """'According to X, ...' and '..., according to X': the rest of the sentence is X's."""
    for token in doc:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.lower_ != "according" or following is None or following.lower_ != "to":
            continue
        source = next((c for c in following.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        phrase = doc[token.i : max(t.i for t in source.subtree) + 1]
        sent = token.sent
        if any(t.lemma_.lower() in QUOTE_CUES and t.pos_ == "VERB" and _speaker(t, table) for t in sent):
            continue  # 'X said ..., according to RIA Novosti': RIA Novosti relayed X (the quote's via)
        before, after = doc[sent.start : phrase.start], doc[phrase.end : sent.end]
        content = _trimmed(after if len(after) > len(before) else before)
        if len(content) < 3:
            continue
        speaker = _speaking(_clause_span(source), table.by_token.get(source.i))
        cue = TextSpan(text=doc[token.i : token.i + 2].text, start=token.idx, end=following.idx + 2)
        yield Found(cue, speaker, content.start_char, content.end_char, _kind(content.text))


def _headlines(doc: Doc, table: ActorTable) -> Iterator[Found]:
    """'Pence: Trump Was Mocking Clinton' and 'Sanctions will stay – Peskov': a line whose source is
    written before a colon or after a dash."""
    text = doc.text
    offset = 0
    for line in text.split("\n"):
        opened = len(line) - len(line.lstrip('"“ '))  # a transcript's paragraph opens a quotation: '"WALLACE: ...'
        head, colon, rest = line[opened:].partition(": ")
        words = re.findall(r"[^\W\d_]{2,}", rest)  # a statement, not a table row ('North End: 13 hrs 15 hrs')
        if colon and 0 < len(head.split()) <= 4 and len(words) >= 3 and head[:1].isupper():
            at = offset + opened
            span = doc.char_span(at, at + len(head), alignment_mode="expand")
            if span is not None and _is_source(span, table):
                speaker = Speaker(actor=_actor_of(span, table), text=head, start=at, end=at + len(head))
                cue = TextSpan(text=":", start=at + len(head), end=at + len(head) + 1)
                yield Found(cue, speaker, at + len(head) + 2, offset + len(line.rstrip()), _kind(rest))
        dash = _DASH_LINE.search(line)
        if dash and len(line[: dash.start()].split()) >= 4 and not _QUOTED.search(line):
            at = offset + dash.start(1)
            name = dash.group(1).strip()
            cue = TextSpan(text=line[dash.start() : dash.start(1)].strip(), start=offset + dash.start(), end=at)
            yield Found(cue, _named(doc, table, at, at + len(name)), offset, offset + dash.start(), "indirect")
        offset += len(line) + 1


def _is_source(span: Span, table: ActorTable) -> bool:
    """Who a headline's 'X:' names: an actor, a name ('Pence', not 'UPDATE') or a source noun ('Poll')."""
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    if any(t.i in table.by_token or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in span):
        return True
    named = all(t.pos_ == "PROPN" and (t.text.istitle() or t.text.isupper()) for t in span)  # 'Pence', 'WALLACE'
    return named or span[-1].lemma_.lower() in SOURCE_NOUNS


def _actor_of(span: Span, table: ActorTable) -> str | None:
    return next((table.by_token[t.i] for t in reversed(span) if t.i in table.by_token), None)


def _named(doc: Doc, table: ActorTable, start: int, end: int) -> Speaker:
    span = doc.char_span(start, end, alignment_mode="expand")
    return Speaker(
        actor=_actor_of(span, table) if span is not None else None, text=doc.text[start:end], start=start, end=end
    )


def _speaker(cue: Token, table: ActorTable) -> Speaker | None:
    """The subject of the cue, or of the verb a participle hangs from ('X denied it, saying ...'); a
    relative's noun ('the architect, who said ...'), the agent of a passive ('was told by X')."""
    doc = cue.doc
    for frame in islice(clauses_of(doc).chain(cue.i), 3):
        if frame.patient is not None and frame.subject is None and doc[frame.patient].lower_ == "it":
            return None  # 'it was reported that': no source (see _sourceless)
        found = frame.subject if frame.subject is not None else frame.patient
        if found is None:
            continue
        verb = doc[frame.predicate]
        # 'the architect, who said': the speaker is the architect, in the words 'who' (the attribution's source)
        said = next((c for c in verb.children if c.tag_ in RELATIVE_PRONOUNS), None) if found == verb.head.i else None
        return _speaking(_noun_phrase(said or doc[found]), table.by_token.get(found))  # a pronoun too, linked
    return None


def _noun_phrase(token: Token) -> Span:
    """`token` with its modifiers, without a relative clause ('the architect, who said ...') or a
    possessive ending ("Moscow's")."""
    if token.pos_ == "PRON":
        return token.doc[token.i : token.i + 1]
    clauses = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "case") for t in c.subtree}
    tokens = [t.i for t in token.subtree if t.i not in clauses]
    return _trimmed(token.doc[min(tokens) : max(t for t in tokens if t < min(clauses, default=len(token.doc))) + 1])


def _speaking(span: Span, actor: str | None) -> Speaker:
    return Speaker(actor=actor, text=span.text, start=span.start_char, end=span.end_char)


def _nobody(at: int) -> Speaker:
    """The speaker of an attribution without a source: empty, where its cue is."""
    return Speaker(actor=None, text="", start=at, end=at)


def _sourceless(cue: Token) -> Speaker | None:
    """'It was reported that ...', 'It is believed that ...': an attribution without a source."""
    if not any(c.dep_ in ("expl", "nsubjpass") and c.lower_ == "it" for c in cue.children):
        return None
    return _nobody(cue.idx)


def _via(cue: Token, table: ActorTable) -> Via | None:
    """Who relayed the statement: 'told RIA Novosti', 'in a statement carried by TASS',
    '... according to Reuters' (when the speaker is someone else)."""
    for token in cue.sent:
        relay = None
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            following = token.doc[token.i + 1]
            relay = next((c for c in following.children if c.dep_ == "pobj"), None) or next(
                (g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None
            )
        elif token.head.i == cue.i and token.dep_ in ("dative", "dobj") and cue.lemma_.lower() == "tell":
            relay = token if token.ent_type_ == "ORG" or _is_outlet(token, table) else None
        elif token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.lemma_.lower() in VIA_HEADS:
            relay = token
        elif token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.lower_ == "interview":
            relay = token
        if relay is not None:
            span = _clause_span(relay)
            return Via(actor=table.by_token.get(relay.i), text=span.text)
    return None


def _is_outlet(token: Token, table: ActorTable) -> bool:
    actor = table.get(table.by_token.get(token.i))
    return actor is not None and actor.sector == "MED"


def _token_span(token: Token) -> TextSpan:
    return TextSpan(text=token.text, start=token.idx, end=token.idx + len(token.text))


def _spoken(cue: Token, speaker: Speaker, content: Span, via: Via | None = None) -> Found:
    return Found(_token_span(cue), speaker, content.start_char, content.end_char, _kind(content.text), via)


def _kind(text: str) -> Kind:
    return "mixed" if any(mark in text for mark in '“”"') else "indirect"


def _without(head: Token, cue: Token) -> Span:
    """The clause of `head` around a parenthetical cue ('..., he said, ...'): from its first to its last token."""
    tokens = [t for t in head.subtree if t not in set(cue.subtree)]
    return _trimmed(head.doc[tokens[0].i : tokens[-1].i + 1])


def _clause_span(token: Token) -> Span:
    tokens = [t for t in token.subtree]
    return _trimmed(token.doc[tokens[0].i : tokens[-1].i + 1])


def _trimmed(span: Span) -> Span:
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space or span[0].lower_ == "that"):
        span = span[1:]
    return span
