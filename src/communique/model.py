"""The records communique produces: the one source of truth for the extraction contract.

`Extraction.to_dict()` gives exactly the JSON object described in DESIGN.md ("The extraction
record"); `Extraction.from_dict()` reads it back, so the store and the exports share these types.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "intended", "planned", "negated", "hypothetical"]


@dataclass(frozen=True)
class Article:
    """One input article, before any NLP. `text` is what every offset in its record indexes."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    path: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity in the store: the same title and text are the same article, whatever its id."""
        digest = hashlib.sha256(f"{self.title or ''}\n\n{self.text}".encode())
        return digest.hexdigest()


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person | organization | country | region | group
    country: str | None
    sector: str | None
    code: str
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Participant:
    """The source or target side of an event."""

    actor: str | None
    text: str
    code: str
    country: str | None
    sector: str | None


@dataclass
class Plover:
    type: str
    mode: str | None
    context: list[str]


@dataclass
class Location:
    name: str
    country: str


@dataclass
class Event:
    id: str
    sentence: int
    start: int
    end: int
    trigger: str
    source: Participant
    target: Participant | None
    cameo: str
    quad_class: int
    goldstein: float
    plover: Plover
    modality: Modality
    claimed_by: str | None
    date: str | None
    location: Location | None
    evidence: str


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Speaker:
    actor: str | None
    text: str
    start: int
    end: int


@dataclass
class Via:
    actor: str | None
    text: str


@dataclass
class Quote:
    id: str
    kind: Literal["direct", "indirect", "mixed"]
    speaker: Speaker
    cue: Span
    content: Span
    via: Via | None


@dataclass
class Figure:
    id: str
    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: Literal["=", ">", "<", "~"]
    subject: str | None
    period: str | None
    claimed_by: str | None


@dataclass
class Coder:
    name: str
    version: str


@dataclass
class Extraction:
    """One article's record: the article fields, then everything coded from it."""

    id: str
    path: str | None
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    language: str
    text: str
    coder: Coder
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an Extraction from its JSON form (the inverse of `to_dict`)."""

        def part(side: dict | None) -> Participant | None:
            return Participant(**side) if side else None

        return cls(
            id=data["id"],
            path=data.get("path"),
            title=data.get("title"),
            date=data.get("date"),
            url=data.get("url"),
            outlet=data.get("outlet"),
            language=data.get("language", "en"),
            text=data["text"],
            coder=Coder(**data["coder"]),
            actors=[
                Actor(**{**a, "mentions": [Mention(**m) for m in a.get("mentions", [])]})
                for a in data.get("actors", [])
            ],
            events=[
                Event(
                    **{
                        **e,
                        "source": part(e["source"]),
                        "target": part(e.get("target")),
                        "plover": Plover(**e["plover"]),
                        "location": Location(**e["location"]) if e.get("location") else None,
                    }
                )
                for e in data.get("events", [])
            ],
            quotes=[
                Quote(
                    id=q["id"],
                    kind=q["kind"],
                    speaker=Speaker(**q["speaker"]),
                    cue=Span(**q["cue"]),
                    content=Span(**q["content"]),
                    via=Via(**q["via"]) if q.get("via") else None,
                )
                for q in data.get("quotes", [])
            ],
            figures=[Figure(**f) for f in data.get("figures", [])],
        )
