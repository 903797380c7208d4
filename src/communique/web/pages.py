"""The dashboard: server-rendered pages over the same store and queries as the CLI and the API.

Every number links to the records behind it (an events list with the filters that counted it),
every event to its sentence in the article page, where what was extracted is marked in the text.
Templates autoescape, so article text and every stored string is escaped. Scripts and styles are
served from here: plotly.js from the installed `plotly` package, the map from `pygal_maps_world`,
our own stylesheet and chart script from this package, Swagger UI (`/docs`) from swagger-ui-bundle-v2;
nothing from a CDN.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from swagger_ui_bundle import swagger_ui_path

from .. import relations
from ..dictionaries.blocs import packaged_blocs
from ..store import queries
from ..store.queries import Filters
from ..store.sql import Store
from . import api, highlight, worldmap
from .overview import NETWORK_SIZE, tone

router = APIRouter(include_in_schema=False)
PAGE = 100
PAIRS_SHOWN = 100  # the overview's tables: the most active pairs; every pair is in /api/relations


@lru_cache(maxsize=1)
def _templates() -> Jinja2Templates:
    """The page templates, every value escaped (`autoescape` on for every file)."""
    environment = Environment(loader=PackageLoader("communique.web"), autoescape=select_autoescape(default=True))
    environment.filters["tone"] = tone
    environment.filters["country"] = country_name
    environment.tests["web_link"] = is_web_link
    environment.globals["link"] = link
    return Jinja2Templates(env=environment)


def mount_static(app: FastAPI) -> None:
    """Our stylesheet and chart script, and Swagger UI from the installed swagger-ui-bundle-v2 package."""
    app.mount("/static", StaticFiles(packages=[("communique.web", "static")]), name="static")
    app.mount("/vendor/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """The API's interactive documentation, working offline: Swagger UI's files come from this server (#21)."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="communique API",
        swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png",
    )


@router.get("/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    spec = importlib.util.find_spec("plotly")  # located, not imported: plotly's Python side is not needed
    assert spec is not None and spec.submodule_search_locations, "plotly is a dependency of communique"
    path = Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})


def is_web_link(url: str | None) -> bool:
    """Whether a stored URL may become a link: http(s) only, so a `javascript:` or `data:` URL an article
    brought is shown as text and never runs (#21)."""
    return urlsplit(url or "").scheme.lower() in ("http", "https")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    countries = json.loads(resources.files("communique").joinpath("data", "countries.json").read_text("utf-8"))
    names = {code: entry["name"] for code, entry in countries.items()}
    regions = resources.files("communique").joinpath("data", "regions.tsv").read_text("utf-8")
    for line in regions.splitlines():
        name, _, code = line.partition("\t")
        if code and not line.startswith("#"):
            names.setdefault(code.strip(), name.strip().title())
    return names


def country_name(code: str | None) -> str:
    return _names().get(code or "", code or "")


def link(path: str, **params: Any) -> str:
    """A dashboard URL with the given query parameters (empty ones left out)."""
    wanted = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(wanted) if wanted else "")


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    response = _templates().TemplateResponse(request, template, {"request": request, **context})
    if token := request.query_params.get("token"):  # checked by api.reader: kept so the page's links work
        response.set_cookie(api.TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


class View:
    """The filters a page was opened with, kept in every link it makes."""

    def __init__(
        self,
        since: str | None,
        until: str | None,
        region: str | None,
        context: str | None,
        confidence: float | None = None,
    ) -> None:
        self.since, self.until, self.region, self.context = (
            since or None,
            until or None,
            region or None,
            context or None,
        )
        self.confidence = confidence or None  # counted: events at least this likely to be right (None: every one)
        self.filters = Filters(
            since=self.since,
            until=self.until,
            member_of=self.region,
            context=self.context,
            min_confidence=self.confidence,
        )

    def params(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "region": self.region,
            "context": self.context,
            "confidence": self.confidence,
        }

    def events(self, **params: Any) -> str:
        """The events list behind a number: this view's filters and `params`, asserted unless said."""
        wanted = {
            "since": self.since,
            "until": self.until,
            "member_of": self.region,
            "context": self.context,
            "min_confidence": self.confidence,
        }
        return link("/events", **{"modality": "asserted", **wanted, **params})


Since = Annotated[str | None, Query(description="From this date.")]
Until = Annotated[str | None, Query(description="Up to this date.")]
Region = Annotated[str | None, Query(description="A bloc: AU, EU, ECOWAS ...")]
Context = Annotated[str | None, Query(description="A PLOVER context: military, economic ...")]
Confidence = Annotated[
    float | None, Query(ge=0, le=1, description="Count only events at least this likely to be right (default: all).")
]
# The cuts the dashboard offers; what each keeps is measured out of fold by `communique train` (the
# decision model's reliability table) and `communique eval stream`.
CONFIDENCE_CHOICES = (0.2, 0.4, 0.6)


def _overview_view(
    since: Since = None,
    until: Until = None,
    region: Region = None,
    context: Context = None,
    confidence: Confidence = None,
) -> View:
    """The overview's filters, as its page and its drawing read them from the query."""
    return View(since, until, region, context, confidence)


OverviewView = Annotated[View, Depends(_overview_view)]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, view: OverviewView) -> HTMLResponse:
    """Relations at a glance: the tables here, the map and the network drawn from /overview.json."""
    api.reader(request)  # the dashboard is read behind the API's token
    found = api.cache(request).overview(view.filters)
    return _page(
        request,
        "overview.html",
        view=view,
        pairs=found.pairs[:PAIRS_SHOWN],
        pair_count=len(found.pairs),
        plans=found.plans[:PAIRS_SHOWN],
        plan_count=len(found.plans),
        shifts=found.shifts,
        drawing=link("/overview.json", **view.params()),
        size=(worldmap.WIDTH, worldmap.HEIGHT),
        network_size=NETWORK_SIZE,
        blocs=sorted(packaged_blocs()),
        contexts=_CONTEXTS,
        confidences=CONFIDENCE_CHOICES,
    )


@router.get("/overview.json")
def overview_drawing(request: Request, view: OverviewView) -> dict[str, Any]:
    """The overview's map and network for a filter: colours, arrows and nodes, cached with the overview."""
    api.reader(request)
    return api.cache(request).overview(view.filters).drawing


@router.get("/map/shapes.json")
def map_shapes() -> Response:
    """Every country's outline, once per browser: they never change while the server runs."""
    return Response(_shapes_json(), media_type="application/json", headers={"Cache-Control": "max-age=86400"})


@lru_cache(maxsize=1)
def _shapes_json() -> str:
    shapes = {
        code: {"name": country_name(code), "paths": list(shape.paths)} for code, shape in worldmap.shapes().items()
    }
    return json.dumps({"width": worldmap.WIDTH, "height": worldmap.HEIGHT, "countries": shapes})


_CONTEXTS = ["military", "intelligence", "economic", "diplomatic", "humanitarian", "legal", "territory", "terrorism"]


@router.get("/dyads/{one}/{two}", response_class=HTMLResponse)
def dyad(
    request: Request,
    one: str,
    two: str,
    since: Since = None,
    until: Until = None,
    context: Context = None,
    period: str = "month",
    confidence: Confidence = None,
) -> HTMLResponse:
    api.reader(request)  # the dashboard is read behind the API's token
    store, view = _store(request), View(since, until, None, context, confidence)
    one, two = one.upper(), two.upper()
    rows = relations.timeline(store, one, two, view.filters, period=period).rows
    shifts = relations.shifts(store, replace(view.filters, dyad=f"{one}-{two}"), period=period).rows
    events = queries.events(store, replace(view.filters, dyad=f"{one}-{two}", modality="asserted", limit=PAGE)).rows
    for row in rows:
        first, last = relations.period_range(row["period"])
        row["events_link"] = view.events(dyad=f"{one}-{two}", since=first, until=last)
    timeline = [row for row in rows if row["granularity"] == period]
    apart = [row for row in rows if row["granularity"] != period]  # coarser dates and undated events (#21)
    chart = {
        "periods": [row["period"] for row in timeline],
        "index": [row["index"] for row in timeline],
        "quads": {name: [row[name] for row in timeline] for name in relations.QUADS.values()},
        "shifts": [{"period": s["period"], "index": s["index"], "towards": s["towards"]} for s in shifts],
    }
    return _page(
        request,
        "dyad.html",
        one=one,
        two=two,
        view=view,
        period=period,
        timeline=timeline,
        apart=apart,
        shifts=shifts,
        events=events,
        profile=api.cached_profile(request, one, two, view.filters),
        pairs=api.cached_pairs(request, replace(view.filters, dyad=f"{one}-{two}")).rows,
        chart=chart,
    )


_EVENT_FILTERS = (
    "source",
    "target",
    "dyad",
    "member_of",
    "since",
    "until",
    "cameo",
    "plover",
    "context",
    "actor",
)


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    cursor: str | None = None,
    modality: str | None = None,
    quad: int | None = None,
    min_confidence: Confidence = None,
) -> HTMLResponse:
    """The records behind a number: events with the filters given, newest first, a page at a time (a keyset
    cursor, as the API's, so the thousandth page costs what the first does)."""
    api.reader(request)  # the dashboard is read behind the API's token
    chosen: dict[str, Any] = {name: value for name in _EVENT_FILTERS if (value := request.query_params.get(name))}
    after = api.keyset(cursor)
    filters = Filters(
        **chosen,
        quad=quad,
        modality=modality or None,
        min_confidence=min_confidence or None,
        limit=PAGE + 1,
        after=after,
    )
    rows = queries.events(_store(request), filters).rows
    shown = {
        **chosen,
        **({"quad": quad} if quad else {}),
        **({"min_confidence": min_confidence} if min_confidence else {}),
    }
    following = None
    if len(rows) > PAGE:
        position = api.encode_cursor(api.events_cursor(rows[:PAGE]))
        following = link("/events", **shown, modality=modality, cursor=position)
    return _page(request, "events.html", rows=rows[:PAGE], shown=shown, modality=modality, following=following)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> Response:
    api.reader(request)  # the dashboard is read behind the API's token
    found = _store(request).records([article_id])
    if not found:
        return error_page(request, 404, f"No article {article_id!r}: search for it, or list them at /api/articles.")
    record = found[0]
    text = highlight.highlighted(record["text"], highlight.marks(record))
    actors = {actor["id"]: actor for actor in record["actors"]}
    return _page(
        request, "article.html", record=record, text=text, actors=actors, api=f"/api/articles/{quote(article_id)}"
    )


@router.get("/countries/{code}", response_class=HTMLResponse)
def country(
    request: Request, code: str, since: Since = None, until: Until = None, confidence: Confidence = None
) -> HTMLResponse:
    api.reader(request)  # the dashboard is read behind the API's token
    store, view = _store(request), View(since, until, None, None, confidence)
    code = code.upper()
    partners = relations.ego(store, code, view.filters).rows
    did = queries.events(store, replace(view.filters, source=code, modality="asserted", limit=50)).rows
    done_to = queries.events(store, replace(view.filters, target=code, modality="asserted", limit=50)).rows
    said = queries.quotes(store, replace(view.filters, country=code, limit=50)).rows
    return _page(request, "country.html", code=code, view=view, partners=partners, did=did, done_to=done_to, said=said)


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor(request: Request, name: str) -> HTMLResponse:
    """What a person, organisation or state did and said, across articles, by the name it was resolved to."""
    api.reader(request)  # the dashboard is read behind the API's token
    store = _store(request)
    found = queries.actors(store, Filters(search=name, limit=200)).rows
    named = [row for row in found if row["name"].lower() == name.lower()]
    acted = queries.events(store, Filters(actor=name, limit=PAGE)).rows
    said = [row for row in queries.quotes(store, Filters(speaker=name, limit=PAGE)).rows]
    return _page(request, "actor.html", name=name, named=named, acted=acted, said=said)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    api.reader(request)  # the dashboard is read behind the API's token
    store, wanted = _store(request), q.strip()
    countries, actors, articles = [], [], []
    if wanted:
        lowered = wanted.lower()
        countries = [
            (code, name) for code, name in _names().items() if lowered in name.lower() or lowered == code.lower()
        ]
        seen: dict[str, dict[str, Any]] = {}
        for row in queries.actors(store, Filters(search=wanted, limit=500)).rows:
            seen.setdefault(row["name"], row)
        actors = list(seen.values())[:50]
        articles = queries.articles(store, Filters(search=wanted, limit=50)).rows
    return _page(request, "search.html", q=wanted, countries=countries[:50], actors=actors, articles=articles)


def error_page(request: Request, status: int, message: str) -> Response:
    response = _page(request, "error.html", status=status, message=message)
    response.status_code = status
    return response
