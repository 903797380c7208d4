"""The REST API: the store's records, relations and shifts as JSON or CSV, extraction on demand.

Every list is paged: `limit` rows (at most 1,000) per page and a `next` cursor until the last, so
a client can walk any number of rows (events by keyset: a deep page costs what the first does).
Filters are the CLI's, with the same names and checks; a value a filter does not take is a 400
naming it, never a 500. Reads are open unless `[serve] read_token` is set (the write token reads
too); writes (`POST /articles`) need `[serve] write_token` as a bearer token, and so does
extraction on demand (`POST /extract`) once it is set.
"""

import base64
import csv
import hmac
import io
import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, field_validator

from .. import relations
from ..model import Article, Extraction
from ..store import queries
from ..store.queries import Filters, Rows
from ..store.sql import Store
from . import models
from .overview import StoreCache

MAX_PAGE = 1000


class Paging(BaseModel):
    limit: int = Field(100, ge=1, le=MAX_PAGE, description="Rows per page.")
    cursor: str | None = Field(None, description="The `next` of the previous page.")
    format: Literal["json", "csv"] = "json"


class Window(BaseModel):
    since: str | None = Field(None, description="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
    until: str | None = Field(None, description="Up to this date, inclusive.")


class Dated(Window, Paging):
    pass


class InArticle(Dated):
    article: str | None = Field(None, description="Only this article id.")


class Counting(Window):
    """What relations count, for answers that are not paged (a pair's profile)."""

    modality: str | None = Field(
        None, description="asserted (default), intended, planned, negated, hypothetical or all."
    )
    mentions: bool = Field(False, description="Count every report of an event, not the event once.")
    min_confidence: float | None = Field(
        None, ge=0, le=1, description="Only events at least this likely to be right (default: every kept event)."
    )


class CountingPage(Counting, Paging):
    pass


class Sides(BaseModel):
    source: str | None = Field(None, description="Source country or code prefix: RUS, RUSGOV.")
    target: str | None = Field(None, description="Target country or code prefix.")
    dyad: str | None = Field(None, description="A country pair in either direction: RUS-MLI.")
    member_of: str | None = Field(None, description="A member state of this bloc on either side: AU, EU, NATO ...")


class ArticleQuery(Dated):
    search: str | None = Field(None, description="Words in the title or text (any case).")


class EventQuery(InArticle, Sides):
    cameo: str | None = Field(None, description="CAMEO code prefix: 16 for every sanction.")
    plover: str | None = Field(None, description="PLOVER event type: SANCTION.")
    quad: int | None = Field(
        None, description="Quad class: 1 verbal, 2 material cooperation; 3 verbal, 4 material conflict."
    )
    context: str | None = Field(None, description="A PLOVER context: military, economic ...")
    actor: str | None = Field(None, description="An actor of this name on either side: Sergey Lavrov.")
    modality: str | None = Field(None, description="Only this modality (default: every modality).")
    min_confidence: float | None = Field(
        None, ge=0, le=1, description="Only events at least this likely to be right (default: every kept event)."
    )
    by_story: bool = Field(False, description="One row per story-level event, with mention, source and article counts.")


class ActorQuery(InArticle):
    country: str | None = Field(None, description="Actors of this country (ISO3) or region code.")
    search: str | None = Field(None, description="Words in the actor's name.")


class QuoteQuery(InArticle):
    speaker: str | None = Field(None, description="Words of the speaker or of the linked actor's name: Lavrov.")
    attitude: str | None = Field(
        None,
        description="speech, belief, intention, stance, several with commas, or all (default: speech,belief).",
    )


class FigureQuery(InArticle):
    subject: str | None = Field(None, description="Words of what the figure measures: trade.")
    unit: str | None = Field(None, description="USD, percent, count, mile ...")


class RelationQuery(CountingPage, Sides):
    context: str | None = Field(None, description="Only events with this PLOVER context: military, economic ...")
    unordered: bool = Field(False, description="One row per pair, both directions together.")


class PeriodQuery(CountingPage):
    period: Literal["day", "week", "month", "year"] = "month"


class TimelineQuery(PeriodQuery):
    directed: bool = Field(False, description="Only what the first country did to the second.")
    plover: str | None = Field(None, description="Only events of this PLOVER type.")


class ShiftQuery(PeriodQuery):
    dyad: str | None = Field(None, description="Only this country pair: MLI-FRA.")
    window: int = Field(6, ge=3, le=60, description="Earlier periods compared.")
    threshold: float = Field(2.0, ge=0.5, description="Spreads away from the baseline.")
    min_events: int = Field(3, ge=1, description="Events a period needs to be judged.")


class ArticleIn(Article):
    """An article sent to be coded: the record contract's input, checked the same way (a date that is
    not one is a 422, as it would be an error in a file)."""

    date: str | None = Field(None, description="Publication date (YYYY-MM-DD): relative dates are read from it.")

    @field_validator("text")
    @classmethod
    def _has_words(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the article has no text: give its words")
        return text


class ExtractRequest(ArticleIn):
    id: str = "request"


_PAGING = {"limit", "cursor", "format"}


def _filters(query: BaseModel, **extra: Any) -> Filters:
    """The store's filters from a query's fields (paging and route-only fields left out)."""
    known = set(Filters.__dataclass_fields__)
    values = {k: v for k, v in query.model_dump().items() if k in known and k not in _PAGING and v not in (None, False)}
    return Filters(**values, **extra)


_NOT_A_CURSOR = "cursor: not a cursor this API gave; pass the `next` of the previous page"


def _decoded(cursor: str) -> dict[str, Any]:
    try:
        found = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise HTTPException(400, _NOT_A_CURSOR) from None
    if not isinstance(found, dict):
        raise HTTPException(400, _NOT_A_CURSOR)
    return found


def _offset(cursor: str | None) -> int:
    offset = _decoded(cursor).get("offset") if cursor else 0
    if isinstance(offset, int) and 0 <= offset <= queries.MAX_ROWS:
        return offset
    raise HTTPException(400, _NOT_A_CURSOR)


def keyset(cursor: str | None) -> queries.EventKey | None:
    """The events list's keyset position a cursor holds: (day or null, article, event id)."""
    if not cursor:
        return None
    after = _decoded(cursor).get("after")
    if (
        isinstance(after, list)
        and len(after) == 3
        and (after[0] is None or isinstance(after[0], str))
        and all(isinstance(part, str) for part in after[1:])
    ):
        return after[0], after[1], after[2]
    raise HTTPException(400, _NOT_A_CURSOR)


def encode_cursor(position: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode()


def events_cursor(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The keyset position of the events list after these rows: the last one's day, article and id."""
    return {"after": list(queries.position(rows[-1]))}


def _page(request: Request, paging: Paging, read: Callable[[int, int], Rows]) -> Any:
    """One page of what `read(offset, limit)` returns, as JSON with its `next` cursor or as CSV."""
    offset = _offset(paging.cursor)
    return _trimmed(request, paging, read(offset, paging.limit + 1), lambda rows: {"offset": offset + paging.limit})


def _trimmed(
    request: Request, paging: Paging, found: Rows, position: Callable[[list[dict[str, Any]]], dict[str, Any]]
) -> Any:
    """A page from `found` (read one row past `paging.limit`), its `next` cursor `position` of its rows."""
    rows = found.rows[: paging.limit]
    following = encode_cursor(position(rows)) if len(found.rows) > paging.limit else None
    return _answer(request, paging, Rows(found.columns, rows), following)


def _answer(request: Request, paging: Paging, found: Rows, following: str | None) -> Any:
    """A page of rows as JSON with its `next` cursor, or as CSV with the next page in its Link header."""
    if paging.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=found.columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in found.rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in row.items()})
        headers = {}
        if following:
            headers["Link"] = f'<{request.url.include_query_params(cursor=following)}>; rel="next"'
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    return {"columns": found.columns, "rows": found.rows, "next": following}


def _sliced(rows: Rows, offset: int, limit: int) -> Rows:
    return Rows(columns=rows.columns, rows=rows.rows[offset : offset + limit])


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


TOKEN_COOKIE = "communique_token"


def _token(request: Request, *, from_browser: bool) -> str | None:
    """The bearer token; for reads from a browser, also `?token=` once (the dashboard keeps it in a cookie).
    Writes take the header only, so no page another site opens can write with the cookie."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return token.strip()
    if not from_browser:
        return None
    return request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)


def _holds(request: Request, *wanted: str, from_browser: bool) -> bool:
    """Whether the request carries one of the `wanted` tokens (each compared in constant time)."""
    given = (_token(request, from_browser=from_browser) or "").encode()
    return any([hmac.compare_digest(given, token.encode()) for token in wanted if token])  # a list: no short cut


def reader(request: Request) -> None:
    """Reads need the read token when one is set; the write token reads too, so a writer needs one token."""
    settings = request.app.state.settings
    if settings.get("read_token") and not _holds(
        request, settings["read_token"], settings.get("write_token", ""), from_browser=True
    ):
        raise HTTPException(401, "this server needs a token: send `Authorization: Bearer <read_token>`")


def writer(request: Request) -> None:
    """Writes need the write token; without one set, writing is off."""
    wanted = request.app.state.settings.get("write_token")
    if not wanted:
        raise HTTPException(403, "writing is off: set [serve] write_token in the configuration to allow it")
    if not _holds(request, wanted, from_browser=False):
        raise HTTPException(401, "writing needs the token: send `Authorization: Bearer <write_token>`")


def extractor(request: Request) -> None:
    """Extraction on demand costs the server's CPU: it needs the write token when one is set (#21)."""
    if request.app.state.settings.get("write_token"):
        writer(request)


StoreDep = Annotated[Store, Depends(_store)]
PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.Problem, "description": "A parameter's value is not one it takes (E019 ...)."},
    401: {"model": models.Problem, "description": "A token is needed, or the one sent is not it."},
    422: {"model": models.Problem, "description": "A parameter or the body is not of the declared type."},
    503: {"model": models.Problem, "description": "The store cannot be read (E011, E016)."},
}
router = APIRouter(prefix="/api", dependencies=[Depends(reader)], responses=PROBLEMS)
CSV = {"content": {"text/csv": {}}, "description": "The page as CSV (format=csv); the next page in the Link header."}


def _listing(path: str, query_type: type[BaseModel], row: Any, summary: str, read: Callable[..., Rows]) -> None:
    """A paged GET route over a store query."""

    def route(request: Request, store: StoreDep, query: Annotated[query_type, Query()]) -> Any:  # type: ignore[valid-type]  # evaluated now: no `from __future__ import annotations` here
        return _page(request, query, lambda offset, limit: read(store, _filters(query, offset=offset, limit=limit)))

    router.add_api_route(
        path, route, methods=["GET"], summary=summary, response_model=models.Page[row], responses={200: CSV}
    )


_listing("/articles", ArticleQuery, models.ArticleRow, "Stored articles, newest first", queries.articles)


@router.get(
    "/events",
    response_model=models.Page[models.EventRow | models.StoryEventRow],
    responses={200: CSV},
    summary="Events with their evidence, newest first; per story with by_story",
)
def events(request: Request, store: StoreDep, query: Annotated[EventQuery, Query()]) -> Any:
    """Pages of events follow a keyset cursor (the last row's day, article and id), so a page deep in
    millions of events costs what the first does; per-story rows, and one article's events in the order
    of its text, page by offset."""
    if query.by_story or query.article:  # per story, or one article in its text's order: by offset
        return _page(
            request, query, lambda offset, limit: queries.events(store, _filters(query, offset=offset, limit=limit))
        )
    found = queries.events(store, _filters(query, limit=query.limit + 1, after=keyset(query.cursor)))
    return _trimmed(request, query, found, events_cursor)


_listing("/actors", ActorQuery, models.ActorRow, "Actors with their codes and mention counts", queries.actors)
_listing("/quotes", QuoteQuery, models.QuoteRow, "Quotes: speaker, cue and content", queries.quotes)
_listing("/figures", FigureQuery, models.FigureRow, "Figures: value, unit, qualifier, subject, period", queries.figures)


def cache(request: Request) -> StoreCache:
    """The app's cache of slow answers (every pair, profiles, the overview), valid until the store changes."""
    state = request.app.state
    if getattr(state, "cache", None) is None:
        state.cache = StoreCache(_store(request), stale_seconds=state.settings["stale_seconds"])
    found: StoreCache = state.cache
    return found


def cached_pairs(request: Request, filters: Filters, *, unordered: bool = False) -> Rows:
    """Every country pair the filters select (seconds over millions of events), kept in the app's cache."""
    store = _store(request)
    return cache(request).get(
        ("pairs", filters, unordered), lambda: relations.pairs(store, filters, unordered=unordered)
    )


def cached_profile(request: Request, one: str, two: str, filters: Filters) -> dict[str, Any]:
    """What a pair's events are about (a tenth of a second at millions of events), kept in the app's cache."""
    store, one, two = _store(request), one.upper(), two.upper()
    return cache(request).get(("profile", one, two, filters), lambda: relations.profile(store, one, two, filters))


@router.get(
    "/relations",
    response_model=models.Page[models.RelationRow | models.RelationMentionRow],
    responses={200: CSV},
    summary="Country pairs, ordered or both ways",
)
def pairs(request: Request, query: Annotated[RelationQuery, Query()]) -> Any:
    answer = cached_pairs(request, _filters(query), unordered=query.unordered)
    return _page(request, query, lambda offset, limit: _sliced(answer, offset, limit))


@router.get(
    "/articles/{article_id:path}",
    response_model=Extraction,
    responses={404: {"model": models.Problem, "description": "No article has this id."}},
    summary="One article: its text and records",
)
def article(article_id: str, store: StoreDep) -> Any:
    records = store.records([article_id])
    if not records:
        raise HTTPException(404, f"no article {article_id!r}: list them at /api/articles")
    return records[0]


@router.get(
    "/relations/{one}/{two}/timeline",
    response_model=models.Page[models.TimelineRow],
    responses={200: CSV},
    summary="A country pair over time: counts by quad class and type, Goldstein weight, the index",
)
def timeline(request: Request, one: str, two: str, store: StoreDep, query: Annotated[TimelineQuery, Query()]) -> Any:
    filters = _filters(query)
    answer = relations.timeline(store, one, two, filters, period=query.period, directed=query.directed)
    return _page(request, query, lambda offset, limit: _sliced(answer, offset, limit))


@router.get("/relations/{one}/{two}", response_model=models.Profile, summary="What a country pair's events are about")
def profile(request: Request, one: str, two: str, query: Annotated[Counting, Query()]) -> Any:
    return cached_profile(request, one, two, _filters(query))


@router.get(
    "/shifts",
    response_model=models.Page[models.ShiftRow],
    responses={200: CSV},
    summary="Country pairs whose index moved beyond their own recent range, latest first, with examples",
)
def shifts(request: Request, store: StoreDep, query: Annotated[ShiftQuery, Query()]) -> Any:
    answer = relations.shifts(
        store,
        _filters(query),
        period=query.period,
        window=query.window,
        threshold=query.threshold,
        min_events=query.min_events,
    )
    return _page(request, query, lambda offset, limit: _sliced(answer, offset, limit))


@router.get(
    "/countries/{country}/partners",
    response_model=models.Page[models.PartnerRow | models.PartnerMentionRow],
    responses={200: CSV},
    summary="A country's relations with each partner (its ego network)",
)
def partners(request: Request, country: str, store: StoreDep, query: Annotated[CountingPage, Query()]) -> Any:
    answer = relations.ego(store, country, _filters(query))
    return _page(request, query, lambda offset, limit: _sliced(answer, offset, limit))


@router.post(
    "/extract",
    response_model=Extraction,
    dependencies=[Depends(extractor)],
    responses={413: {"model": models.Problem, "description": "The text is over [serve] max_extract_chars."}},
    summary="Code a text and return its record; nothing is stored (needs the write token when one is set)",
)
def extract(request: Request, article: ExtractRequest) -> Any:
    from ..pipeline import extract_one

    limit = request.app.state.settings["max_extract_chars"]
    if len(article.text) > limit:
        raise HTTPException(
            413,
            f"text: {len(article.text):,} characters is over this server's {limit:,} for /api/extract "
            "([serve] max_extract_chars); store a long article with POST /api/articles instead",
        )
    return extract_one(article)


@router.post(
    "/articles",
    response_model=models.IngestAnswer,
    dependencies=[Depends(writer)],
    responses={403: {"model": models.Problem, "description": "Writing is off: no [serve] write_token is set."}},
    summary="Code and store articles (needs the write token)",
)
def add_articles(store: StoreDep, articles: Annotated[list[ArticleIn], Body(min_length=1, max_length=1000)]) -> Any:
    from ..runs import ingest

    report = ingest(articles, store)
    failed = [{"code": error.code, "message": str(error)} for error in report.failed]
    return {**report.counts(), "run": report.run, "failed": failed}


def problem(status: int, code: str, message: str) -> Response:
    return Response(json.dumps({"error": code, "message": message}), status, media_type="application/json")
