"""The records communique produces, declared once: the extraction contract of `docs/record.md`.

Everything else is derived from these pydantic models: the committed JSON Schema
(`schema/extraction.schema.json`, see `extraction_schema`), the store's tables and rows
(`store/schema.py`), and the JSON that `communique extract --format jsonl` prints.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .calendar import normalise_date

# 1.1: events carry `part` (title or text) and `repeats`; 1.2: mentions carry `link`; 1.3: quotes carry `hedged`
SCHEMA_VERSION = "1.4"

Modality = Literal["asserted", "intended", "planned", "negated", "hypothetical"]
MODALITIES: tuple[str, ...] = ("asserted", "intended", "planned", "negated", "hypothetical")
Attitude = Literal["speech", "belief", "intention", "stance"]
# What an attribution reports: something said, something believed or found, something wanted or vowed, or
# a position taken on something named ('X condemned the coup'). Lists show speech and beliefs unless asked.
ATTITUDES: tuple[str, ...] = ("speech", "belief", "intention", "stance")
SHOWN_ATTITUDES: tuple[str, ...] = ("speech", "belief")

# Characters no store can keep: NUL (PostgreSQL refuses it in text) and lone UTF-16 surrogates
# (not encodable as UTF-8). Each becomes U+FFFD, one character for one, so offsets stay valid.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` with NUL and lone surrogates replaced by U+FFFD, keeping every offset."""
    return _UNSTORABLE.sub("\ufffd", text)


class Record(BaseModel):
    """Base of every record: unknown fields are an error, so the contract cannot drift silently."""

    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One input article, before any NLP. `text` is what every offset in its record indexes.

    `language` None means "detect it"; a given language is taken as it is (`--language en`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    path: str | None = None

    @field_validator("id", "text", "title", "url", "outlet", "language", "path")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        """Every string an article brings is made storable here, once, so no reader or route can let
        a NUL or a lone surrogate reach the store (#21)."""
        return storable(value) if value is not None else None

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        return normalise_date(value) if value is not None else None

    @property
    def content_hash(self) -> str:
        """Identity of the text in the store: the same title and text are the same report."""
        digest = hashlib.sha256(f"{self.title or ''}\n\n{self.text}".encode())  # storable: no lone surrogates
        return digest.hexdigest()


class Mention(Record):
    start: int
    end: int
    text: str
    link: str | None = None  # why a mention that does not name its actor refers to it ('he', 'the Kremlin spokesman')


class Actor(Record):
    id: str
    name: str
    kind: Literal["person", "organization", "country", "region", "group"]
    country: str | None
    sector: str | None
    code: str
    role: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Participant(Record):
    """The source or target side of an event."""

    actor: str | None
    text: str
    code: str
    country: str | None
    sector: str | None


class Plover(Record):
    type: str
    mode: str | None
    context: list[str]


class Location(Record):
    name: str
    country: str


class Evidence(Record):
    """Where an article reports an event: a sentence of its title or of its text, with offsets into that part."""

    part: Literal["title", "text"]
    sentence: int
    start: int
    end: int
    text: str


class Event(Record):
    id: str
    part: Literal["title", "text"] = "text"  # the headline is coded too; offsets index this part
    sentence: int
    start: int
    end: int
    trigger: str
    source: Participant
    target: Participant | None
    cameo: str
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    plover: Plover
    modality: Modality
    claimed_by: str | None
    date: str | None
    date_text: str | None = None  # 1.4: the words the date was read from ('on Monday'); None: no date
    location: Location | None
    evidence: str
    coded_by: Literal["pattern", "model", "both"] = "pattern"
    confidence: float | None = None
    hedged: bool = False
    repeats: list[Evidence] = Field(default_factory=list)  # the same event reported again in the article


class Span(Record):
    text: str
    start: int
    end: int


class Speaker(Record):
    actor: str | None
    text: str
    start: int
    end: int


class Via(Record):
    actor: str | None
    text: str


class Quote(Record):
    id: str
    kind: Literal["direct", "indirect", "mixed"]
    attitude: Attitude = "speech"  # 1.4: what it reports (records made before read as speech)
    speaker: Speaker
    cue: Span
    content: Span
    via: Via | None
    hedged: bool = False


class Figure(Record):
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
    hedged: bool = False


class Coder(Record):
    """Provenance: which code, model and dictionaries made a record, so a run can be reproduced."""

    name: str
    version: str
    model: str  # the spaCy pipeline, as 'name==version'
    resources: dict[str, str] = Field(default_factory=dict)  # dictionary name -> sha256 of its bytes


class Extraction(Record):
    """One article's record: the article fields, then everything coded from it."""

    id: str
    path: str | None
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    schema_version: str = SCHEMA_VERSION
    language: str
    text: str
    coder: Coder
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Read a record back from its JSON form, validating it against the contract."""
        return cls.model_validate(data)


def extraction_schema() -> dict[str, Any]:
    """The JSON Schema of one extraction record, as committed in `schema/extraction.schema.json`."""
    schema = Extraction.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"communique extraction record {SCHEMA_VERSION}"
    return schema
