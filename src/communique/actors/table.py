"""The actors of one document: what the actors stage builds and every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Actor, Location, Mention
from .gazetteer import Gazetteer

LOCATIVE = frozenset({"in", "near", "inside", "outside", "across", "throughout", "around"})  # 'talks in Moscow'


@dataclass
class ActorTable:
    """The actors of one document and which tokens mention them (token index -> actor id)."""

    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)
    sector_at: dict[int, str] = field(default_factory=dict)  # a mention's own sector ('Kremlin' -> GOV)
    places: set[int] = field(default_factory=set)  # tokens of mentions that say where ('talks in Moscow')
    reporters: dict[int, int] = field(default_factory=dict)  # pronoun -> the report's subject ('X said it ...')
    filed_from: Location | None = None  # the dateline's place ('DUBAI, United Arab Emirates -'): never a side
    filed_end: int = 0  # the token after the dateline: no subject before it
    by_key: dict[str, Actor] = field(default_factory=dict)
    by_id: dict[str, Actor] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None  # the dictionaries the table was resolved with

    def noun_sector(self, token: Token) -> str | None:
        """The sector a group noun names ('authorities' -> GOV), by the table's dictionaries."""
        return self.gazetteer.role_sector(token.lemma_) if self.gazetteer else None

    def get(self, actor_id: str | None) -> Actor | None:
        return self.by_id.get(actor_id) if actor_id else None

    def add(self, key: str, span: Span, *, as_sector: str | None = None, **fields: object) -> Actor:
        """The actor known by `key` (made from `fields` the first time), with `span` as a mention of it."""
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(id=f"a{len(self.actors) + 1}", mentions=[], **fields)
            self.actors.append(actor)
            self.by_key[key] = actor
            self.by_id[actor.id] = actor
        self._mention(actor, span, as_sector=as_sector)
        return actor

    def link(self, actor: Actor, span: Span, why: str) -> None:
        """`span` refers to `actor` without naming it ('he', 'Lavrov', 'the former colonial power'), for `why`."""
        self._mention(actor, span, link=why)

    def persons(self) -> list[Actor]:
        return [a for a in self.actors if a.kind == "person"]

    def _mention(self, actor: Actor, span: Span, *, as_sector: str | None = None, link: str | None = None) -> None:
        if not any(m.start == span.start_char for m in actor.mentions):
            actor.mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text, link=link))
        for token in span:
            self.by_token[token.i] = actor.id
            if as_sector:
                self.sector_at[token.i] = as_sector
