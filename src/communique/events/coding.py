"""An event before it becomes a record: what the coder and the combiner pass between them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from ..model import Actor, Modality, Participant
from .ontology import CameoCode


@dataclass(frozen=True)
class Side:
    """One resolved participant before it becomes a record: actor id, mention text and code parts."""

    actor: str | None
    text: str
    country: str | None
    sector: str | None
    code: str | None = None  # a stateless actor's own dictionary code ('IGOUNO', 'NGOHRIAMN'); else country + sector

    @classmethod
    def of(cls, actor: Actor, text: str, sector: str | None = None) -> Side:
        """The side an actor takes where `text` names it; its own sector, else the one its mention gives
        ('Turkish troops'). An organisation of no state keeps its whole code: the UN is IGOUNO, not UNO."""
        return cls(actor.id, text, actor.country, actor.sector or sector, None if actor.country else actor.code or None)

    @property
    def party(self) -> tuple[str | None, str | None, str | None]:
        """What makes two sides one party: the same country and sector, or the same stateless code."""
        return self.country, self.sector, self.code

    def participant(self) -> Participant:
        return Participant(
            actor=self.actor,
            text=self.text,
            code=self.code or (self.country or "") + (self.sector or ""),
            country=self.country,
            sector=self.sector,
        )


@dataclass(frozen=True)
class Coding:
    """One event before it becomes a record: the verb, its code, the matched phrase and the two sides."""

    verb: Token
    entry: CameoCode
    phrase: str
    source: Side
    target: Side | None
    coded_by: Literal["pattern", "model", "both"] = "pattern"
    confidence: float | None = None
    modality: Modality | None = None  # the verb's (read once), or what a rule made it (an ultimatum is asserted)
