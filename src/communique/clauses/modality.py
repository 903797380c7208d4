"""Whether an event happened, is intended, planned, negated or only hypothetical.

A plan coded as a deed is one of the commonest complaints about event data: "X plans to open an
embassy" must not count as an embassy opened.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Modality
from .words import SPEECH_VERBS

INTENT_VERBS = frozenset(
    "intend plan want aim seek hope wish mean expect propose vow swear pledge promise prepare "
    "prepared willing ready eager determined".split()  # 'is prepared / willing / ready to withdraw'
)
PLEDGE_VERBS = frozenset("pledge promise vow swear".split())  # speech acts that commit the speaker
SCHEDULE_WORDS = frozenset("set schedule due slate poise".split())
HYPOTHETICAL_AUX = frozenset("could might may would should".split())
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" of "won't"
DENIAL_VERBS = frozenset("deny refute dismiss reject".split())  # "Iran denied attacking Israel"
# What someone believes, suspects or wonders happened is not reported as having happened.
BELIEF_VERBS = frozenset("believe think suspect doubt fear suppose wonder speculate assume guess".split())
OPEN_MARKS = frozenset({"if", "unless", "whether"})  # a condition, or an open question ('to establish whether X ...')


def modality_of(verb: Token) -> Modality:
    """Read negation, conditionals, intent and schedules off the verb and the verbs governing it."""
    chain = [verb]
    joined: set[int] = set()  # verbs reached only as the one a bare verb is joined to: their auxiliaries count
    while chain[-1].head.i != chain[-1].i:
        if _shares_auxiliaries(chain[-1]):
            joined.add(chain[-1].head.i)
        elif not _open_complement(chain[-1]):
            break
        chain.append(chain[-1].head)
    for token in chain:
        if any(c.dep_ == "neg" for c in token.children):
            return "negated"
        if token.dep_ in ("xcomp", "ccomp", "pcomp") and _denial(token.head):
            return "negated"
    for token in chain:
        if _conditional(token) or any(_conditional(c) for c in token.children if c.dep_ == "advcl"):
            return "hypothetical"  # 'if Iran attacks', 'whether Iran attacked', 'Iran would attack if provoked'
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in BELIEF_VERBS:
            return "hypothetical"  # 'officials believe Iran attacked the tanker'
        if token.dep_ == "ROOT" and token.sent.text.rstrip(" \"'”’)").endswith("?"):
            return "hypothetical"  # 'Did Iran attack the tanker?'
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in token.children):
            return "planned" if _reported_future(token) else "hypothetical"
    if chain[-1].dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in chain[-1].children):
        return "planned"  # a headline's 'Russia to expand ties': will expand
    for token in chain:
        lemma = token.lemma_.lower()
        if lemma in INTENT_VERBS and token.i not in joined and not (token is verb and lemma in PLEDGE_VERBS):
            # 'will seek sanctions and take measures': the measures are planned, not sought; a pledge is made
            # when it is spoken ('Japan pledged support': the pledge happened, what it promises is to come)
            return "intended"
        if lemma in SCHEDULE_WORDS and token is not verb and token.i not in joined:  # 'set to open', not 'set off'
            return "planned"
        if token.lower_ == "to" and token.head.lemma_ == "be":
            return "planned"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
            return "planned"
    return "asserted"


def _denial(verb: Token) -> bool:
    """'denied attacking', 'ruled out taking military action': the complement did not, or will not, happen."""
    lemma = verb.lemma_.lower()
    ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return lemma in DENIAL_VERBS or ruled_out


def _open_complement(token: Token) -> bool:
    """'plans to attack', 'is expected', and a 'to' clause the parser hangs as an adverbial ('have sworn to fight')
    or a complement with its own subject ('would allow families to sue': only as real as the allowing)."""
    infinitive = token.dep_ in ("advcl", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return token.dep_ in ("xcomp", "auxpass") or infinitive


def _shares_auxiliaries(token: Token) -> bool:
    """'will seek sanctions and take measures', 'did not sign or ratify it': a bare verb joined to another, with
    no subject or auxiliary of its own, takes the other's ('take' is future, 'ratify' negated)."""
    own = any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "neg") for c in token.children)
    return token.dep_ == "conj" and token.tag_ == "VB" and not own


def _reported_future(token: Token) -> bool:
    """'Iran said it would attack': 'would' is the reported 'will' of a past speech verb, not a condition."""
    return (
        any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children)
        and token.dep_ == "ccomp"
        and token.head.lemma_.lower() in SPEECH_VERBS
        and token.head.tag_ == "VBD"
    )


def _conditional(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in OPEN_MARKS for c in token.children)
