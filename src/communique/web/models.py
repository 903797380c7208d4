"""The REST API's answers, declared once so the OpenAPI schema at /docs says what every route returns."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

Row = TypeVar("Row", bound=BaseModel)


class Page(BaseModel, Generic[Row]):
    """One page of rows; `next` is the cursor of the following page (none on the last)."""

    columns: list[str]
    rows: list[Row]
    next: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class ArticleRow(BaseModel):
    article: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    language: str | None
    story: str | None = Field(description="The id of the first article of the story it belongs to.")
    events: int
    quotes: int
    figures: int


class EventRow(BaseModel):
    """An event as one article reports it."""

    article: str
    article_date: str | None
    story: str | None
    event_id: str
    date: str | None
    source_code: str
    source_text: str
    cameo: str
    plover_type: str | None
    target_code: str | None
    target_text: str | None
    modality: str
    quad_class: int
    goldstein: float
    trigger: str
    evidence: str


class StoryEventRow(BaseModel):
    """An event once per story (`by_story=true`), with GDELT-like counts of what reported it."""

    story: str | None
    day: str | None
    source_code: str
    source_country: str | None
    cameo: str
    plover_type: str | None
    target_code: str | None
    target_country: str | None
    modality: str
    quad_class: int
    goldstein: float
    mentions: int = Field(description="Reports of the event, exact copies included.")
    sources: int = Field(description="Distinct outlets.")
    articles: int
    first_article: str
    evidence: str
    source_text: str | None
    source_sector: str | None
    target_text: str | None
    target_sector: str | None
    sentence: int | None
    location_name: str | None
    location_country: str | None
    url: str | None
    added: str | None


class ActorRow(BaseModel):
    article: str
    actor_id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str
    role: str | None
    mentions: int


class QuoteRow(BaseModel):
    article: str
    quote_id: str
    kind: str
    attitude: str | None = Field(description="speech, belief, intention or stance (none: stored before 1.4).")
    speaker_text: str
    speaker_name: str | None = Field(description="The name of the actor the speaker is linked to.")
    cue_text: str
    content_text: str
    via_text: str | None
    hedged: bool | None


class FigureRow(BaseModel):
    article: str
    figure_id: str
    text: str
    value: float
    unit: str
    qualifier: str
    subject: str | None
    period: str | None
    claimed_by: str | None
    hedged: bool | None


class QuadCounts(BaseModel):
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    index: float | None = Field(description="(cooperative - conflictual) / both, from -1 to 1; null without either.")


class _Pair(QuadCounts):
    source: str
    target: str
    goldstein: float = Field(description="Summed Goldstein weight.")
    mean_goldstein: float | None
    first: str | None
    last: str | None


class RelationRow(_Pair):
    """An ordered country pair, each event counted once."""

    events: int


class RelationMentionRow(_Pair):
    """An ordered country pair, each report of an event counted (`mentions=true`)."""

    mentions: int


class TimelineRow(QuadCounts):
    period: str = Field(description="The period, or a coarser date, or 'undated' (those rows come last).")
    granularity: str = Field(description="day, week, month or year: the asked period's rows; others apart.")
    events: int
    goldstein: float = Field(description="Summed Goldstein weight.")
    mean_goldstein: float | None
    types: dict[str, int] = Field(description="Events by PLOVER type, most frequent first.")


class ShiftExample(BaseModel):
    article: str
    event_id: str
    date: str | None
    source_code: str
    cameo: str
    target_code: str | None
    evidence: str


class ShiftRow(BaseModel):
    dyad: str
    period: str
    index: float
    baseline: float = Field(description="Mean index of the dyad's earlier periods compared.")
    spread: float
    score: float = Field(description="How many spreads the period's index lies from the baseline.")
    towards: str
    events: int
    first: str = Field(description="The period's first day (or month, or year, as precise as the period).")
    last: str
    examples: list[ShiftExample]


class _Partner(QuadCounts):
    partner: str
    goldstein: float = Field(description="Summed Goldstein weight, both ways.")
    mean_goldstein: float
    out: int = Field(description="What the country did to the partner.")
    in_: int = Field(alias="in", description="What the partner did to the country.")


class PartnerRow(_Partner):
    """A partner, each event counted once."""

    events: int


class PartnerMentionRow(_Partner):
    """A partner, each report of an event counted (`mentions=true`)."""

    mentions: int


class Profile(BaseModel):
    dyad: str
    types: dict[str, int]
    sectors: dict[str, int]
    contexts: dict[str, int]
    triggers: dict[str, int]


class IngestAnswer(BaseModel):
    run: str
    new: int
    updated: int
    already: int
    copies: int
    failed: list[dict[str, Any]] = Field(description="Each failure's code and message.")


class Problem(BaseModel):
    """Every error: the catalogue code (E019 ...) or HTTP status, and what to do."""

    error: str
    message: str
