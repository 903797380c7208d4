"""One reading of each clause of a document, computed once and shared by every stage.

For each predicate the frame holds who does it (`subject`), to whom (`patient`, `objects`,
`obliques`), the predicate whose subject an open clause shares (`governor`: 'plans' for 'to attack'),
the speech verb whose report it is (`reporter`), its modality, tense, and whether it is itself a
condition. Events take their sides from these arguments, quotes their speakers, figures their
subjects, coreference its reporters and dates their tense: no stage walks the tree for them itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from ..model import Modality
from .modality import modality_of
from .words import LABELLING_VERBS, SPEECH_VERBS, STATEMENT_NOUNS

Tense = Literal["past", "present", "future"]

# Clauses that share their governor's subject: 'plans to attack', 'met X, saying ...', 'met and agreed'.
OPEN_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "acomp"})
# Clauses of their own inside a predicate: their words are not the predicate's arguments.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "csubj", "acl", "cc", "punct"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# What a speech verb reports: its complement, a parenthetical ('..., he said, ...'), or a clause beside it.
REPORT_DEPS = frozenset({"ccomp", "parataxis", "advcl", "conj"})
RELATIVE_PRONOUNS = frozenset({"WP", "WDT"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})


@dataclass(frozen=True, slots=True)
class Clause:
    """The reading of one predicate; every field is a token index of its document."""

    predicate: int
    subject: int | None  # who does it: the subject, a passive's agent ('by X'), a relative's noun
    patient: int | None  # a passive's subject: 'X was attacked'
    objects: tuple[int, ...]  # direct and indirect objects, attributes
    obliques: tuple[int, ...]  # objects of the prepositions inside its own phrase, nearest first
    governor: int | None  # the predicate whose subject it shares, for an open clause
    reporter: int | None  # the speech verb it is the report of ('said' for 'Iran said it would attack')
    modality: Modality
    tense: Tense | None
    condition: bool  # an 'if', 'unless' or 'whether' clause: a condition or an open question


class Clauses:
    """The clause frames of one document: every predicate's, read when the document is processed, and
    any other token's (a noun a model codes as an event) read when first asked for."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._frames: dict[int, Clause] = {}
        for token in doc:
            if _is_predicate(token):
                self[token.i]

    def __getitem__(self, index: int) -> Clause:
        frame = self._frames.get(index)
        if frame is None:
            frame = self._frames[index] = read_clause(self.doc[index])
        return frame

    def __len__(self) -> int:
        return len(self._frames)

    def of(self, token: Token) -> Clause:
        """The clause `token` sits in: the nearest predicate at or above it."""
        current = token
        while not _is_predicate(current) and current.head.i != current.i:
            current = current.head
        return self[current.i]

    def chain(self, index: int) -> Iterator[Clause]:
        """The clause of predicate `index`, then those whose subject it shares, nearest first."""
        current: int | None = index
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            frame = self[current]
            yield frame
            current = frame.governor

    def subject(self, index: int) -> Token | None:
        """The grammatical subject (active or passive) of predicate `index`, or of the clause it shares it with."""
        for frame in self.chain(index):
            found = frame.subject if frame.subject is not None and frame.patient is None else frame.patient
            if found is not None:
                return self.doc[found]
        return None

    def reporters(self, token: Token) -> Iterator[Clause]:
        """The speech clauses whose report holds `token`, nearest first ('X said Y claimed it attacked')."""
        current = token
        while current.head.i != current.i:
            if (speech := _reporter(current)) is not None:
                yield self[speech]
            current = current.head


def clauses_of(doc: Doc) -> Clauses:
    """The document's clause frames: those the `communique_clauses` component set, else read now (and kept)."""
    found: Clauses | None = doc._.clauses
    if found is None:
        found = doc._.clauses = Clauses(doc)
    return found


def read_clause(token: Token) -> Clause:
    """The frame of `token` as a predicate, from its dependency parse."""
    children = list(token.children)
    agent = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]  # two only where a parse went wrong: the nearer
    subject = agent[0] if agent else min(subjects, key=lambda c: abs(c.i - token.i), default=None)
    if subject is not None and _relative(subject):
        subject = token.head  # 'the minister, who said ...': the minister
    patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
    objects = [token.head if _relative(c) else c for c in children if c.dep_ in OBJECT_DEPS]
    objects += [named for c in children if (named := labelled(c)) is not None]  # 'condemned what X called Y': Y
    return Clause(
        predicate=token.i,
        subject=subject.i if subject is not None else None,
        patient=patient.i if patient is not None else None,
        objects=tuple(c.i for c in objects),  # 'Iran, which the US blames': Iran
        obliques=tuple(t.i for t in sorted(phrase(token), key=lambda t: abs(t.i - token.i)) if t.dep_ == "pobj"),
        governor=_governor(token),
        reporter=_reporter(token),
        modality=modality_of(token),
        tense=_tense(token),
        condition=any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children),
    )


def labelled(token: Token) -> Token | None:
    """What a free relative of labelling names, standing as its governor's object: 'actions' in 'condemned
    what Turnbull called North Korea's reckless actions', 'breach' in 'what he described as a breach'."""
    if token.dep_ != "ccomp" or token.lemma_.lower() not in LABELLING_VERBS:
        return None
    if not any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubjpass") for c in token.children):
        return None
    for child in token.children:
        if child.dep_ in ("oprd", "dobj") and child.lower_ != "what":  # the parser may read it as a second object
            return child
        if child.dep_ == "prep" and child.lower_ == "as":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _relative(token: Token) -> bool:
    """A relative pronoun standing for the noun its clause qualifies: 'who' in 'the minister, who said',
    'which' in 'Iran, which the US blames'."""
    return token.tag_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl"


def phrase(predicate: Token) -> list[Token]:
    """The predicate with its objects and prepositional phrases, without its subject or other clauses."""
    tokens = [predicate]
    for child in predicate.children:
        if child.dep_ in SUBJECT_DEPS or child.dep_ == "nsubjpass" or child.dep_ in CLAUSE_DEPS:
            continue
        tokens.extend(t for t in child.subtree if not _in_clause(t, child))
    return sorted(tokens, key=lambda t: t.i)


def _in_clause(token: Token, top: Token) -> bool:
    while token.i != top.i:
        if token.dep_ in CLAUSE_DEPS:
            return True
        token = token.head
    return False


def _reporter(token: Token) -> int | None:
    """The speech verb `token` is the report of: 'said' for 'attacked' in 'Iran said it attacked'."""
    head = token.head
    if head.i != token.i and head.lemma_.lower() in SPEECH_VERBS and token.dep_ in REPORT_DEPS:
        return head.i
    return None


def _governor(token: Token) -> int | None:
    """The predicate whose subject an open clause shares: 'plans' for 'to scale up', 'is' for 'about to
    restore'; the deliverer of a statement ('X issued a statement condemning ...': X condemns)."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ in OPEN_DEPS:
        return head.i
    if token.lemma_.lower() in STATEMENT_NOUNS:
        if token.dep_ == "dobj":
            return head.i  # 'issued a statement condemning ...'
        if token.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
            return head.head.i  # 'said in a statement condemning ...'
    return None


def _tense(token: Token) -> Tense | None:
    """Whether the clause speaks of the past, the present or the future: 'said' past, 'will meet', 'is to
    visit', 'is going to' future; 'meet', 'is meeting' present (in news often what is to come: 'ministers
    meet on Friday')."""
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"will", "shall", "'ll", "wo", "to"} or token.head.lower_ == "going":
        return "future"
    if "Tense=Past" in str(token.morph) or auxiliaries & {"did", "had", "has", "have", "was", "were"}:
        return "past"
    if token.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


def _is_predicate(token: Token) -> bool:
    return (token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")) or token.dep_ == "ROOT"
