"""Mentions that refer to an actor without naming it: pronouns, role nouns, descriptions of states.

Each link is made by a rule that can be read back, and says why in its mention's `link`. A mention
is linked only to an antecedent the text makes compatible (a person for 'he', a woman for 'she' where
a title or an earlier pronoun shows it); a description is linked only when exactly one candidate
fits it, otherwise it stays unresolved: a missing link costs less than a wrong one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..clauses import clauses_of
from ..model import Actor
from .gazetteer import HONORIFICS
from .table import ActorTable

# Which actors a pronoun can stand for when it repeats the subject of a report ('X said it would ...').
PRONOUN_KINDS = {
    "it": frozenset({"country", "organization", "region", "group"}),
    "they": frozenset({"country", "organization", "region", "group"}),
    "we": frozenset({"country", "organization", "region", "group", "person"}),
    "he": frozenset({"person"}),
    "she": frozenset({"person"}),
}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GENDERED_ROLE = re.compile(r"(?:spokes|chair|congress|business|council|assembly|country)(wo)?m[ae]n")
SPOKESPERSON = frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary", "spokespeople"})
STATE_NOUNS = frozenset({"power", "country", "nation", "state", "government", "regime", "kingdom", "republic"})
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})
CONTINENTS = frozenset({"AFR", "EUR", "ASA", "SAM", "NMR", "LAM"})
RECENT_SENTENCES = 3  # a description looks for its antecedent in its own sentence and the two before


def link_mentions(doc: Doc, table: ActorTable) -> None:
    """Add to `table` the mentions that refer to its actors without naming them."""
    _link_surnames(doc, table)
    _link_role_nouns(doc, table)
    _link_descriptions(doc, table)
    _link_reported_pronouns(doc, table)
    _link_pronouns(doc, table)


def _link_surnames(doc: Doc, table: ActorTable) -> None:
    """A surname the entity model left untagged ('Halvorsen later met ...'): the one person named in full
    whose name ends in it."""
    owners: dict[str, list[Actor]] = {}
    for actor in table.persons():
        if " " in actor.name:
            owners.setdefault(actor.name.split()[-1], []).append(actor)
    for token in doc:
        named = owners.get(token.text)
        if not named or len(named) > 1 or token.pos_ != "PROPN" or token.i in table.by_token:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.ent_type_ and (token.ent_iob_ != "B" or (following is not None and following.ent_iob_ == "I")):
            continue  # part of a longer name ('Halvorsen Shipping')
        table.link(named[0], doc[token.i : token.i + 1], f"surname of {named[0].name}, named in the article")


def _link_role_nouns(doc: Doc, table: ActorTable) -> None:
    """'the Kremlin spokesman': the person named before it whose role shares most of its words ('Kremlin',
    'spokesman'), the nearest of those."""
    by_noun: dict[str, list[Actor]] = defaultdict(list)  # a role's last word -> the persons holding such roles
    for actor in table.persons():
        if actor.role:
            by_noun[_role_noun(actor.role.lower().split()[-1])].append(actor)
    for token in doc:
        if token.i in table.by_token or token.pos_ != "NOUN" or not _definite(token):
            continue
        described = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
        holders = [
            (match, last, actor)
            for actor in by_noun.get(_role_noun(token.lower_), ())
            if (match := _role_match(token, described, actor.role or ""))
            and (last := _last_before(actor, token.idx)) is not None
        ]
        if holders:
            span = doc[min(t.i for t in token.subtree if t.i <= token.i) : token.i + 1]
            holder = max(holders, key=lambda h: h[:2])[2]
            table.link(holder, span, f"role noun '{span.text}': its holder named before it")


def _role_noun(word: str) -> str:
    """The word a role noun is looked up by: every word for a spokesperson is one."""
    return "spokesperson" if word in SPOKESPERSON else word


def _role_match(token: Token, described: set[str], role: str) -> int:
    """How well a role noun and its modifiers fit a person's role: 0 unless the noun names the role itself, its
    last word ('the minister' for 'Foreign Minister', not 'the bank' for 'Reserve Bank Governor')."""
    words = role.lower().split()
    noun = token.lower_
    if noun != words[-1] and not (noun in SPOKESPERSON and words[-1] in SPOKESPERSON):
        return 0
    return 2 + len(described & set(words))


def _link_descriptions(doc: Doc, table: ActorTable) -> None:
    """'the former colonial power', 'the country', 'the continent' as a participant: the one state or region
    that fits it named earlier in its own sentence, else in the last few sentences, leaving out its own
    clause's subject (a state does not accuse itself); none when several fit."""
    sentences = list(doc.sents)
    for token in doc:
        if token.i in table.by_token or token.dep_ not in ARGUMENTS or not _definite(token):
            continue
        fits = _fit(token)
        if fits is None:
            continue
        excluded = {table.by_token.get(t.i) for t in _clause_subject(token)}
        number = next(n for n, sent in enumerate(sentences) if sent.start <= token.i < sent.end)
        own = range(sentences[number].start, token.i)
        window = range(sentences[max(0, number - RECENT_SENTENCES + 1)].start, token.i)
        candidates = _fitting(own, table, excluded, fits) or _fitting(window, table, excluded, fits)
        if len(candidates) == 1:
            span = doc[min(t.i for t in token.subtree) : token.i + 1]
            (actor,) = candidates.values()
            table.link(actor, span, f"description '{span.text}': the only {token.lemma_} named before it that fits")


def _fitting(
    tokens: range, table: ActorTable, excluded: set[str | None], fits: Callable[[Actor], bool]
) -> dict[str, Actor]:
    """The actors named at `tokens` that a description can refer to."""
    return {
        actor.id: actor
        for i in tokens
        if (actor := table.get(table.by_token.get(i))) is not None and actor.id not in excluded and fits(actor)
    }


def _fit(token: Token) -> Callable[[Actor], bool] | None:
    """Which actors a definite description can refer to, or None when it is not one we resolve."""
    if token.tag_ != "NN":
        return None  # 'the two countries' refers to several
    noun = token.lemma_.lower()
    if noun in STATE_NOUNS:
        return lambda actor: actor.kind == "country"
    if noun == "continent":
        return lambda actor: actor.kind == "region" and actor.country in CONTINENTS
    if noun in ("bloc", "alliance", "organisation", "organization"):
        return lambda actor: actor.kind == "organization" and actor.country is None and actor.code.startswith("IGO")
    return None


def _link_reported_pronouns(doc: Doc, table: ActorTable) -> None:
    """A pronoun subject of what is reported repeats the report's subject: 'Syria says it will ...', 'Lavrov
    said he ...'. The pronoun is a mention of that actor when it names one of a kind the pronoun can stand
    for; the report's subject is kept either way (`table.reporters`), for subjects that are several actors
    ('Mali and Niger said they ...') or none the dictionaries know ('militants said they ...')."""
    clauses = clauses_of(doc)
    for token in doc:
        kinds = PRONOUN_KINDS.get(token.lower_)
        if kinds is None or token.dep_ not in ("nsubj", "nsubjpass") or token.i in table.by_token:
            continue
        report = clauses[token.head.i].reporter
        found = clauses[report].subject if report is not None else None
        if found is None or found == token.i:
            continue
        reporter = doc[found]
        table.reporters[token.i] = reporter.i
        actor = table.get(table.by_token.get(reporter.i))
        if actor is not None and actor.kind in kinds and not reporter.conjuncts:
            table.link(actor, doc[token.i : token.i + 1], f"pronoun '{token.text}': the subject of the report it is in")


def _link_pronouns(doc: Doc, table: ActorTable) -> None:
    """'he' / 'she' as an argument: the most salient person named before it whose gender, where the text
    shows it, agrees: in the nearest sentence that names one, its subject; else the one person there. Two
    persons there and neither the subject: unresolved, not guessed."""
    genders = {actor.id: gender for actor in table.persons() if (gender := _gender(doc, actor))}
    sentence_of = {token.i: number for number, sent in enumerate(doc.sents) for token in sent}
    mentioned = sorted(table.by_token)  # tokens that mention an actor, kept in order as links are made
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or token.pos_ != "PRON" or token.dep_ not in ARGUMENTS or token.i in table.by_token:
            continue
        candidates: list[tuple[bool, int, int, Actor]] = []
        for k in range(bisect_left(mentioned, token.i) - 1, -1, -1):  # nearest first: stop past its sentence
            i = mentioned[k]
            if candidates and sentence_of[i] != sentence_of[candidates[0][2]]:
                break
            actor = table.by_id[table.by_token[i]]
            if actor.kind == "person" and genders.get(actor.id, gender) == gender:
                candidates.append((doc[i].dep_ not in ("nsubj", "nsubjpass"), -i, i, actor))
        if candidates:
            best = min(candidates, key=lambda c: c[:2])
            if best[0] and len({c[3].id for c in candidates}) > 1:
                continue  # 'Ortiz met Lindqvist before he left': either could have left
            actor = best[3]
            genders[actor.id] = gender
            table.link(actor, doc[token.i : token.i + 1], f"pronoun '{token.text}': the nearest person it agrees with")
            insort(mentioned, token.i)


def _gender(doc: Doc, actor: Actor) -> str | None:
    """A person's gender where the text shows it: a title at a name ('Mrs', 'King'), a gendered role, or a
    pronoun already linked to them ('Merkel said she ...')."""
    for mention in actor.mentions:
        named = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        title = doc[max(named.start - 1, 0) : named.start + 1] if named is not None else ()
        if gender := next((HONORIFICS[t.lower_] for t in title if t.lower_ in HONORIFICS), None):
            return gender  # 'Mrs Halvorsen', or 'Queen' inside the name found
    for word in (actor.role or "").lower().split():
        if match := GENDERED_ROLE.fullmatch(word):
            return "f" if match.group(1) else "m"
    return next((PRONOUN_GENDER[m.text.lower()] for m in actor.mentions if m.text.lower() in PRONOUN_GENDER), None)


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _last_before(actor: Actor, offset: int) -> int | None:
    return max((m.start for m in actor.mentions if m.start < offset), default=None)


def _clause_subject(token: Token) -> list[Token]:
    """The tokens of the subject of the clause `token` sits in, following open clauses up ('accusing' -> 'severed');
    none where `token` is that subject."""
    clauses = clauses_of(token.doc)
    subject = clauses.subject(clauses.of(token).predicate)
    if subject is None or subject.i == token.i:
        return []
    return list(subject.subtree)
