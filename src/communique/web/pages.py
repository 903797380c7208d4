"""The dashboard: server-rendered pages over the same store and queries as the CLI and the API.

Every number links to the records behind it (an events list with the filters that counted it),
every event to its sentence in the article page, where what was extracted is marked in the text.
Templates autoescape, so article text and every stored string is escaped. Scripts and styles are
served from here: plotly.js from the installed `plotly` package, the map from `pygal_maps_world`,
our own stylesheet and chart script from this package; nothing from a CDN.
"""

from __future__ import annotations

import importlib.util
import json
import math
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import relations
from ..actors.blocs import packaged_blocs
from ..store import queries
from ..store.queries import Filters
from ..store.sql import Store
from . import api, highlight, worldmap

router = APIRouter(include_in_schema=False)
PAGE = 100


@lru_cache(maxsize=1)
def _templates() -> Jinja2Templates:
    """The page templates, every value escaped (`autoescape` on for every file)."""
    environment = Environment(loader=PackageLoader("communique.web"), autoescape=select_autoescape(default=True))
    environment.filters["tone"] = tone
    environment.filters["country"] = country_name
    environment.globals["link"] = link
    return Jinja2Templates(env=environment)


def mount_static(app: FastAPI) -> None:
    """Our stylesheet and chart script, and plotly.js from the installed plotly package."""
    app.mount("/static", StaticFiles(packages=[("communique.web", "static")]), name="static")


@router.get("/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    spec = importlib.util.find_spec("plotly")  # located, not imported: plotly's Python side is not needed
    assert spec is not None and spec.submodule_search_locations, "plotly is a dependency of communique"
    path = Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})


def tone(index: float | None) -> str:
    """A colour from conflict (-1, red) through none (0, grey) to cooperation (+1, blue)."""
    if index is None:
        return "#b8b8b8"
    grey, red, blue = (150, 150, 150), (200, 40, 40), (30, 100, 200)
    end = blue if index > 0 else red
    share = min(abs(index), 1.0)
    r, g, b = (round(a + (z - a) * share) for a, z in zip(grey, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


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

    def __init__(self, since: str | None, until: str | None, region: str | None, context: str | None) -> None:
        self.since, self.until, self.region, self.context = (
            since or None,
            until or None,
            region or None,
            context or None,
        )
        self.filters = Filters(since=self.since, until=self.until, member_of=self.region, context=self.context)

    def params(self) -> dict[str, str | None]:
        return {"since": self.since, "until": self.until, "region": self.region, "context": self.context}

    def events(self, **params: Any) -> str:
        """The events list behind a number: this view's filters and `params`, asserted unless said."""
        wanted = {"since": self.since, "until": self.until, "member_of": self.region, "context": self.context}
        return link("/events", **{"modality": "asserted", **wanted, **params})


Since = Annotated[str | None, Query(description="From this date.")]
Until = Annotated[str | None, Query(description="Up to this date.")]
Region = Annotated[str | None, Query(description="A bloc: AU, EU, ECOWAS ...")]
Context = Annotated[str | None, Query(description="A PLOVER context: military, economic ...")]


def _edges(rows: list[dict[str, Any]], position: dict[str, tuple[float, float]], width: float) -> list[dict[str, Any]]:
    """Curved arrows between the countries' points: coloured by the index, as wide as the volume allows."""
    most = max((row["events"] for row in rows), default=1)
    drawn = []
    for row in rows:
        if row["source"] not in position or row["target"] not in position or row["source"] == row["target"]:
            continue
        (x1, y1), (x2, y2) = position[row["source"]], position[row["target"]]
        bend = 0.15  # to the right of the direction of travel, so A->B and B->A do not overlap
        cx, cy = (x1 + x2) / 2 + (y2 - y1) * bend, (y1 + y2) / 2 - (x2 - x1) * bend
        drawn.append(
            {
                **row,
                "path": f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                "width": round(width * (0.3 + 1.7 * math.sqrt(row["events"] / most)), 1),
                "colour": tone(row["index"]),
            }
        )
    return drawn


def _circle(countries: list[str], size: float) -> dict[str, tuple[float, float]]:
    radius = size * 0.4
    return {
        code: (
            size / 2 + radius * math.cos(2 * math.pi * n / len(countries) - math.pi / 2),
            size / 2 + radius * math.sin(2 * math.pi * n / len(countries) - math.pi / 2),
        )
        for n, code in enumerate(countries)
    }


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request, since: Since = None, until: Until = None, region: Region = None, context: Context = None
) -> HTMLResponse:
    api.reader(request)  # the dashboard is read behind the API's token
    store, view = _store(request), View(since, until, region, context)
    pairs = relations.pairs(store, view.filters).rows
    totals: dict[str, dict[str, int]] = {}
    for row in pairs:
        for code in (row["source"], row["target"]):
            entry = totals.setdefault(code, {"events": 0, "coop": 0, "conflict": 0})
            entry["events"] += row["events"]
            entry["coop"] += row["verbal_coop"] + row["material_coop"]
            entry["conflict"] += row["verbal_conflict"] + row["material_conflict"]
    shapes = worldmap.shapes()
    countries = [
        {"code": code, "paths": shape.paths, "events": totals.get(code, {}).get("events", 0)}
        | {"colour": tone(relations.index(totals[code]["coop"], totals[code]["conflict"])) if code in totals else ""}
        for code, shape in shapes.items()
    ]
    points = {code: (s.x, s.y) for code, s in shapes.items()}
    on_map = _edges(pairs, points, 6)
    plans = [
        {**row, "modality": modality}
        for modality in ("planned", "intended")
        for row in relations.pairs(store, replace(view.filters, modality=modality)).rows
    ]
    ranked = sorted(totals, key=lambda code: (-totals[code]["events"], code))[:40]
    network = _edges([r for r in pairs if r["source"] in ranked and r["target"] in ranked], _circle(ranked, 700), 5)
    nodes = [
        {"code": code, "x": x, "y": y, "events": totals[code]["events"]}
        for code, (x, y) in _circle(ranked, 700).items()
    ]
    shifts = relations.shifts(store, replace(view.filters, limit=10)).rows
    return _page(
        request,
        "overview.html",
        view=view,
        pairs=pairs,
        countries=countries,
        on_map=on_map,
        plans=plans,
        planned_on_map=_edges(plans, points, 3),
        network=network,
        nodes=nodes,
        shifts=shifts,
        size=(worldmap.WIDTH, worldmap.HEIGHT),
        blocs=sorted(packaged_blocs()),
        contexts=_CONTEXTS,
    )


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
) -> HTMLResponse:
    api.reader(request)  # the dashboard is read behind the API's token
    store, view = _store(request), View(since, until, None, context)
    one, two = one.upper(), two.upper()
    timeline = relations.timeline(store, one, two, view.filters, period=period).rows
    shifts = relations.shifts(store, replace(view.filters, dyad=f"{one}-{two}"), period=period).rows
    events = queries.events(store, replace(view.filters, dyad=f"{one}-{two}", modality="asserted", limit=PAGE)).rows
    for row in timeline:
        first, last = relations.period_range(row["period"])
        row["events_link"] = view.events(dyad=f"{one}-{two}", since=first, until=last)
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
        shifts=shifts,
        events=events,
        profile=relations.profile(store, one, two, view.filters),
        pairs=relations.pairs(store, replace(view.filters, dyad=f"{one}-{two}")).rows,
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
def events(request: Request, offset: int = 0, modality: str | None = None, quad: int | None = None) -> HTMLResponse:
    """The records behind a number: events with the filters given, a page at a time."""
    api.reader(request)  # the dashboard is read behind the API's token
    chosen: dict[str, Any] = {name: value for name in _EVENT_FILTERS if (value := request.query_params.get(name))}
    filters = Filters(**chosen, quad=quad, modality=modality or None, limit=PAGE + 1, offset=offset)
    rows = queries.events(_store(request), filters).rows
    shown = {**chosen, **({"quad": quad} if quad else {})}
    following = link("/events", **shown, modality=modality, offset=offset + PAGE) if len(rows) > PAGE else None
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
def country(request: Request, code: str, since: Since = None, until: Until = None) -> HTMLResponse:
    api.reader(request)  # the dashboard is read behind the API's token
    store, view = _store(request), View(since, until, None, None)
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
