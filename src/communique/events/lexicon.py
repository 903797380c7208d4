"""The PETRARCH verb dictionary: a verb and the words around it give a CAMEO code.

Each verb belongs to a block with a default code and patterns such as `- * TIES [160]` (the verb
followed by "ties"). The longest pattern whose words all occur, in order, wins; a pattern coded
`---` means "not an event" and silences the verb.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..dictionaries.petrarch import read_verbs
from ..dictionaries.sources import SourceReader
from ..settings import default_config

NOT_AN_EVENT = "---"
# Verbs that carry an event named by their object ('launched an offensive', 'held talks').
LIGHT_VERBS = frozenset(
    "launch mount stage conduct carry wage begin start resume hold intensify escalate step sign conclude "
    "reach ink make pay declare announce impose".split()
)


@dataclass(frozen=True)
class Pattern:
    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    code: str

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str | None]]  # verb lemma ('call off') -> (block, own code)
    blocks: dict[str, tuple[str | None, tuple[Pattern, ...]]]  # block -> (default code, patterns)
    forms: dict[str, str] = field(default_factory=dict)  # inflected form ('staged') -> verb ('stage')
    nominals: dict[str, str] = field(default_factory=dict)  # event noun ('invasion') -> code, after a light verb
    resources: dict[str, str] = field(default_factory=dict)  # source name -> sha256, for provenance

    def code_for(
        self, verb: Token, before: list[frozenset[str]], after: list[frozenset[str]]
    ) -> tuple[str, str] | None:
        """(code, matched verb phrase) for a verb token, or None when it is not an event verb."""
        lemma = verb.lemma_.lower()
        if lemma not in self.verbs:  # the small model's lemmatizer slips ('staged' -> 'stag')
            lemma = self.forms.get(verb.lower_, lemma)
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        for phrase in [f"{lemma} {p}" for p in particles] + [lemma]:
            if phrase in self.verbs:
                block, own = self.verbs[phrase]
                default, patterns = self.blocks.get(block, (None, ()))
                best = _best_pattern(patterns, before, after)
                if best is not None:
                    return (best.code, phrase) if best.code != NOT_AN_EVENT else None
                code = own or default
                return self._nominal(verb) or ((code, phrase) if code else None)
        return self._nominal(verb)

    def _nominal(self, verb: Token) -> tuple[str, str] | None:
        """A light verb's event noun: 'mounted an invasion' (192), 'conducted talks' (046), 'signed a deal' (057).
        The noun's code wins over the verb block's default, never over one of its patterns."""
        if verb.lemma_.lower() not in LIGHT_VERBS:
            return None
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in self.nominals:
                return self.nominals[obj.lemma_.lower()], f"{verb.lemma_.lower()} {obj.lemma_.lower()}"
        return None

    def codes_of(self, verb: Token) -> list[str]:
        """Every code the verb's block can give, its own or default first: the readings a model may choose from."""
        lemma = verb.lemma_.lower()
        block, own = self.verbs.get(lemma) or self.verbs.get(self.forms.get(verb.lower_, ""), ("", None))
        default, patterns = self.blocks.get(block, (None, ()))
        codes = [c for c in (own, default) if c] + [p.code for p in patterns if p.code != NOT_AN_EVENT]
        return list(dict.fromkeys(codes))


def _best_pattern(
    patterns: tuple[Pattern, ...], before: list[frozenset[str]], after: list[frozenset[str]]
) -> Pattern | None:
    best = None
    for pattern in patterns:
        if (
            (best is None or pattern.size > best.size)
            and _in_order(pattern.after, after)
            and _in_order(tuple(reversed(pattern.before)), list(reversed(before)))
        ):
            best = pattern
    return best


def _in_order(slots: tuple[frozenset[str], ...], words: list[frozenset[str]]) -> bool:
    """Each slot matches a later word than the previous slot (a word is its text and lemma)."""
    if not slots:
        return True
    position = 0
    for slot in slots:
        while position < len(words) and not slot & words[position]:
            position += 1
        if position == len(words):
            return False
        position += 1
    return True


def load_lexicon(sources: Sequence[str] | None = None) -> Lexicon:
    """Read verb dictionaries (communique JSON or PETRARCH verbs files; the `[events] lexicon` setting when
    None); later ones extend earlier ones: a block named again keeps its patterns and gains the new ones."""
    reader = SourceReader()
    if sources is None:
        sources = default_config()["events"]["lexicon"]
    verbs: dict[str, tuple[str, str | None]] = {}
    blocks: dict[str, tuple[str | None, tuple[Pattern, ...]]] = {}
    forms: dict[str, str] = {}
    nominals: dict[str, str] = {}
    for source in sources:
        if source.endswith(".tsv"):  # event nouns: 'noun<TAB>code' rows
            nominals.update((row[0].strip().lower(), row[1].strip()) for row in reader.rows(source))
            continue
        raw = read_verbs(reader.path(source)) if source.endswith(".txt") else json.loads(reader.text(source))
        for name, block in raw["blocks"].items():
            patterns = tuple(
                Pattern(tuple(frozenset(s) for s in before), tuple(frozenset(s) for s in after), code or NOT_AN_EVENT)
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


def _regular_forms(lemma: str) -> set[str]:
    """The regular inflections of a one-word verb, as PETRARCH generates them: -s/-es, -d/-ed, -ing."""
    if " " in lemma:
        return set()
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma + "s", lemma + "es", lemma + "d" if lemma.endswith("e") else lemma + "ed", stem + "ing"}
