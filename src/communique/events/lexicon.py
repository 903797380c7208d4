"""The PETRARCH verb dictionary: a verb and the words around it give a CAMEO code.

Each verb belongs to a block with a default code and patterns such as `- * TIES (WITH +) [160]` (the
verb followed by "ties", then "with" and the target). A pattern's slots match, in order, the words of
the verb's own phrase (after `*`) or of its subject phrase (before it): a word, consecutive words
('arms shipment'), or an actor, where `$` marks the source, `+` the target, `%` an actor that is both
(a joint action) and `^` any words. The pattern covering the most words wins; one coded `---` means
"not an event" and silences the verb.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..dictionaries.petrarch import read_verbs
from ..dictionaries.sources import SourceReader
from ..settings import default_config

NOT_AN_EVENT = "---"
# Verbs that carry an event a noun names, as their object ('launched an offensive', 'held talks') or
# subject ('a consulate will be established').
LIGHT_VERBS = frozenset(
    "launch mount stage conduct carry wage begin start resume hold intensify escalate step sign conclude "
    "reach ink make pay declare announce impose open reopen establish set issue reiterate renew repeat voice "
    "complete finish continue order call organize organise extend expand tighten".split()
)


SOURCE, TARGET, COMPOUND, ANY = "$", "+", "%", "^"
MARKERS = frozenset({(SOURCE,), (TARGET,), (COMPOUND,), (ANY,)})
Slot = tuple[tuple[str, ...], ...]  # alternatives, each a run of consecutive words or one actor marker


@dataclass(frozen=True)
class Pattern:
    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    code: str
    needs: tuple[frozenset[str], ...] = ()  # per word slot, its words: the phrases must hold one of each
    inward: tuple[Slot, ...] = ()  # `before` read from the verb outwards, as the subject phrase is matched

    @classmethod
    def of(cls, before: tuple[Slot, ...], after: tuple[Slot, ...], code: str) -> Pattern:
        words = (slot for slot in before + after if not any(a in MARKERS for a in slot))
        needs = tuple(frozenset(a[0] for a in slot) for slot in words)
        inward = tuple(tuple(tuple(reversed(a)) for a in slot) for slot in reversed(before))
        return cls(before, after, code, needs, inward)


@dataclass(frozen=True)
class Match:
    """What a verb's pattern (or block default) coded: the code, the verb phrase it matched, and the
    actors its `$` and `+` slots found (None where the pattern has no such slot)."""

    code: str
    phrase: str
    source: Token | None = None
    target: Token | None = None
    compound: bool = False  # a '%' slot matched: the actors there act jointly ('X and Y held talks')
    default: bool = False  # no pattern or event noun matched: the verb's block gives its usual code


@dataclass(frozen=True)
class Nominal:
    """An event noun's code, and the preposition that names the side it happens to, where that is a place
    rather than a partner ('an embassy in Niger': Niger is the target)."""

    code: str
    host: str | None = None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str | None]]  # verb lemma ('call off') -> (block, own code)
    blocks: dict[str, tuple[str | None, tuple[Pattern, ...]]]  # block -> (default code, patterns)
    forms: dict[str, str] = field(default_factory=dict)  # inflected form ('staged') -> verb ('stage')
    nominals: dict[str, Nominal] = field(default_factory=dict)  # event noun ('invasion') of a light verb
    resources: dict[str, str] = field(default_factory=dict)  # source name -> sha256, for provenance

    def code_for(
        self, verb: Token, before: Sequence[Token], after: Sequence[Token], actor: Callable[[Token], bool]
    ) -> Match | None:
        """The code of a verb token given its subject phrase (`before`) and own phrase (`after`), or None
        when it is not an event verb; `actor` tells which tokens belong to an actor."""
        lemma = verb.lemma_.lower()
        if lemma not in self.verbs:  # the small model's lemmatizer slips ('staged' -> 'stag')
            lemma = self.forms.get(verb.lower_, lemma)
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        for phrase in [f"{lemma} {p}" for p in particles] + [lemma]:
            if phrase in self.verbs:
                block, own = self.verbs[phrase]
                default, patterns = self.blocks.get(block, (None, ()))
                found = _best_pattern(patterns, before, after, actor)
                if found is not None:
                    pattern, roles = found
                    if pattern.code == NOT_AN_EVENT:
                        return None
                    return Match(pattern.code, phrase, roles.get(SOURCE), roles.get(TARGET), COMPOUND in roles)
                code = own or default
                return self._nominal(verb, actor) or (Match(code, phrase, default=True) if code else None)
        return self._nominal(verb, actor)

    def _nominal(self, verb: Token, actor: Callable[[Token], bool]) -> Match | None:
        """A light verb's event noun: 'mounted an invasion' (192), 'conducted talks' (046), 'signed a deal' (057).
        The noun's code wins over the verb block's default, never over one of its patterns. As the verb's
        object the verb's subject does it; as its subject ('a Russian consulate will be established',
        'embassies set to open in Niger') the noun's owner does, and the pattern's source is the noun."""
        if verb.lemma_.lower() not in LIGHT_VERBS:
            return None
        for noun in _event_nouns(verb):
            named = next((name for name in _noun_names(noun) if name in self.nominals), None)
            if named is not None:
                nominal = self.nominals[named]
                phrase = f"{verb.lemma_.lower()} {named}"
                host = _host(nominal.host, (verb, noun), actor) if nominal.host else None
                return Match(nominal.code, phrase, source=None if noun.dep_ == "dobj" else noun, target=host)
        return None

    def codes_of(self, verb: Token) -> list[str]:
        """Every code the verb's block can give, its own or default first: the readings a model may choose from."""
        lemma = verb.lemma_.lower()
        block, own = self.verbs.get(lemma) or self.verbs.get(self.forms.get(verb.lower_, ""), ("", None))
        default, patterns = self.blocks.get(block, (None, ()))
        codes = [c for c in (own, default) if c] + [p.code for p in patterns if p.code != NOT_AN_EVENT]
        return list(dict.fromkeys(codes))


def _event_nouns(verb: Token) -> list[Token]:
    """The nouns that may name a light verb's event: its object; its passive subject ('talks were held');
    its subject when it has no object ('talks began'); the noun an open clause describes ('embassies set
    to open')."""
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not nouns:
        nouns = [c for c in verb.children if c.dep_ == "nsubj"]
    if not nouns and verb.dep_ == "xcomp":  # 'a consulate is scheduled to be established', 'embassies set to open'
        governor = verb.head
        nouns = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
        nouns = nouns or ([governor.head] if governor.dep_ in ("acl", "relcl") else [])
    return [n for n in nouns if n.pos_ in ("NOUN", "PROPN")]


def _noun_names(noun: Token) -> list[str]:
    """What an event noun may be listed as, the most specific first: 'state of siege', 'general strike',
    'strike', and its compounds ('a Consulate General')."""
    lemma = noun.lemma_.lower()
    qualified = [f"{c.lemma_.lower()} {lemma}" for c in noun.children if c.dep_ in ("amod", "compound")]
    qualified += [
        f"{lemma} of {g.lemma_.lower()}"
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return [*qualified, lemma, *(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")]


def _host(preposition: str, heads: tuple[Token, ...], actor: Callable[[Token], bool]) -> Token | None:
    """The object of `preposition` under the verb or the noun, when it names an actor ('in Niger', 'in the
    Egyptian resort city of Sharm El-Sheikh')."""
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == preposition:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and any(actor(t) for t in obj.subtree):
                        return obj
    return None


def _best_pattern(
    patterns: tuple[Pattern, ...], before: Sequence[Token], after: Sequence[Token], actor: Callable[[Token], bool]
) -> tuple[Pattern, dict[str, Token]] | None:
    """The matching pattern that covers the most words (an actor slot counts as one), with the actors its
    markers found: '- * {DIPLOMATIC TIES}' beats '- * TIES'."""
    after = [t for t in after if not _infinitive_marker(t)]  # 'ordered him to appear' has no preposition 'to'
    after_words = Phrase(after, [_forms(t) for t in after])
    before_words = Phrase([*reversed(before)], [_forms(t) for t in reversed(before)])  # nearest the verb first
    present = frozenset().union(*after_words.forms, *before_words.forms)
    best: tuple[int, Pattern, dict[str, Token]] | None = None
    for pattern in patterns:
        if any(need.isdisjoint(present) for need in pattern.needs):
            continue  # a word slot none of whose words the phrases hold: most patterns end here
        found_after = after_words.match(pattern.after, actor)
        if found_after is None:
            continue
        found_before = before_words.match(pattern.inward, actor)
        if found_before is None:
            continue
        covered = found_before[1] + found_after[1]
        if best is None or covered > best[0]:
            best = (covered, pattern, {**found_before[0], **found_after[0]})
    return (best[1], best[2]) if best else None


def _infinitive_marker(token: Token) -> bool:
    return token.lower_ == "to" and token.dep_ == "aux"


@dataclass(frozen=True)
class Phrase:
    """The words a pattern side matches against (the verb's own phrase or its subject phrase), with each
    token's forms (its text and lemma)."""

    tokens: list[Token]
    forms: list[frozenset[str]]

    def match(self, slots: Sequence[Slot], actor: Callable[[Token], bool]) -> tuple[dict[str, Token], int] | None:
        """Each slot matched at or after where the previous one ended (gaps allowed), or None; returns the
        token each `$`, `+` or `%` slot matched and how many tokens the slots covered."""
        roles: dict[str, Token] = {}
        position = covered = 0
        governing: Token | None = None  # a preposition just matched: the actor after it is its object
        for slot in slots:
            found = next(
                (
                    hit
                    for start in range(position, len(self.tokens))
                    if (hit := self._at(slot, start, actor, governing))
                ),
                None,
            )
            if found is None:
                return None
            marker, start, position = found
            covered += position - start
            if marker in (SOURCE, TARGET, COMPOUND):
                roles[marker] = self.tokens[start]
            last = self.tokens[position - 1] if position > start else None
            governing = last if last is not None and not marker and last.dep_ == "prep" else None
        return roles, covered

    def _at(
        self, slot: Slot, start: int, actor: Callable[[Token], bool], governing: Token | None
    ) -> tuple[str, int, int] | None:
        """(marker or '', start, end) when one of the slot's alternatives matches at `start`; an actor slot
        after a preposition only inside its phrase ('attacks on +' is never 'attacks on tankers in +')."""
        for alternative in slot:
            if alternative == (ANY,):
                return ANY, start, start
            if alternative in MARKERS:
                token = self.tokens[start]
                if actor(token) and (governing is None or governing.is_ancestor(token)):
                    return alternative[0], start, start + 1
                continue
            end = start + len(alternative)
            if end <= len(self.forms) and all(w in f for w, f in zip(alternative, self.forms[start:end], strict=True)):
                return "", start, end
        return None


def _forms(token: Token) -> frozenset[str]:
    return frozenset({token.lower_, token.lemma_.lower()})


def load_lexicon(sources: Sequence[str] | None = None) -> Lexicon:
    """Read verb dictionaries (communique JSON or PETRARCH verbs files; the `[events] lexicon` setting when
    None); later ones extend earlier ones: a block named again keeps its patterns and gains the new ones."""
    reader = SourceReader()
    if sources is None:
        sources = default_config()["events"]["lexicon"]
    verbs: dict[str, tuple[str, str | None]] = {}
    blocks: dict[str, tuple[str | None, tuple[Pattern, ...]]] = {}
    forms: dict[str, str] = {}
    nominals: dict[str, Nominal] = {}
    for source in sources:
        if source.endswith(".tsv"):  # event nouns: 'noun<TAB>code[<TAB>preposition naming the host]' rows
            nominals.update(
                (row[0].strip().lower(), Nominal(row[1].strip(), row[2].strip() if len(row) > 2 else None))
                for row in reader.rows(source)
            )
            continue
        raw = read_verbs(reader.path(source)) if source.endswith(".txt") else json.loads(reader.text(source))
        for name, block in raw["blocks"].items():
            patterns = tuple(
                Pattern.of(_slots(before), _slots(after), code or NOT_AN_EVENT)
                for before, after, code in block["patterns"]
                if before or after
            )
            default, known = blocks.get(name, (None, ()))
            blocks[name] = (block["code"] or default, known + patterns)
        verbs.update({lemma: (block, own) for lemma, (block, own) in raw["verbs"].items()})
        forms.update(raw.get("forms", {}))
    for lemma in verbs:
        for form in _regular_forms(lemma):
            forms.setdefault(form, lemma)
    return Lexicon(verbs=verbs, blocks=blocks, forms=forms, nominals=nominals, resources=reader.hashes)


def _slots(side: list[list[str]]) -> tuple[Slot, ...]:
    return tuple(tuple(tuple(alternative.split()) for alternative in slot) for slot in side)


def _regular_forms(lemma: str) -> set[str]:
    """The regular inflections of a one-word verb, as PETRARCH generates them: -s/-es, -d/-ed, -ing."""
    if " " in lemma:
        return set()
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma + "s", lemma + "es", lemma + "d" if lemma.endswith("e") else lemma + "ed", stem + "ing"}
