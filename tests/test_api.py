"""The REST API over real HTTP (`communique serve` on 127.0.0.1), on SQLite and PostgreSQL: every route, paging
without a cap, CSV, tokens, extraction, and bad parameters answered with a 4xx that says what to fix."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from communique import Store
from conftest import CLI, empty_postgres, postgres_url, save, served

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="run `make test` so the CLI is installed in .venv")
WRITE, READ = "w-secret", "r-secret"
VISIT, ACCUSE, EXPEL, PRAISE = "042", "112", "1663", "051"


def _fill(store: Store) -> None:
    for month in range(1, 6):
        save(
            store,
            f"m{month}",
            f"2024-0{month}-10",
            ("MLI", VISIT, "FRA"),
            ("FRA", PRAISE, "MLI"),
            ("MLI", PRAISE, "FRA"),
        )
    save(store, "break", "2024-06-10", ("MLI", EXPEL, "FRA"), ("MLI", ACCUSE, "FRA"), ("FRA", ACCUSE, "MLI"))
    save(store, "ru", "2024-06-11", ("MLI", VISIT, "RUS"), ("RUS", PRAISE, "MLI"), outlet="wire")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("api")
    if request.param == "sqlite":
        db = str(folder / "api.db")
        store = Store(db)
    else:
        db, store = postgres_url(), empty_postgres()
    _fill(store)
    store.engine.dispose()
    config = folder / "serve.toml"
    config.write_text(f'[serve]\nwrite_token = "{WRITE}"\n', encoding="utf-8")
    with served(db, config) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


def _all(client: httpx.Client, path: str, **params: str | int) -> list[dict]:
    rows, cursor = [], None
    while True:
        page = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        rows += page.json()["rows"]
        cursor = page.json()["next"]
        if cursor is None:
            return rows


def test_api_lists_page_through_every_row_without_a_cap(api: httpx.Client) -> None:
    everything = api.get("/api/events", params={"limit": 1000}).json()
    assert everything["next"] is None and len(everything["rows"]) == 20
    assert _all(api, "/api/events", limit=3) == everything["rows"]
    assert [r["article"] for r in _all(api, "/api/articles", limit=2)][:2] == ["ru", "break"]  # newest first
    stories = api.get("/api/events", params={"by_story": "true", "dyad": "MLI-RUS"}).json()["rows"]
    assert {(r["cameo"], r["mentions"], r["sources"]) for r in stories} == {(VISIT, 1, 1), (PRAISE, 1, 1)}


def test_api_filters_match_the_cli(api: httpx.Client) -> None:
    rows = api.get("/api/events", params={"source": "MLI", "cameo": "16", "since": "2024-06"}).json()["rows"]
    assert [(r["article"], r["cameo"], r["target_code"]) for r in rows] == [("break", EXPEL, "FRAGOV")]
    assert {r["article"] for r in api.get("/api/events", params={"quad": 4}).json()["rows"]} == {"break"}
    assert api.get("/api/actors", params={"country": "RUS"}).json()["rows"] == []  # hand-made records: no actors
    pairs = api.get("/api/relations", params={"dyad": "MLI-FRA"}).json()["rows"]
    assert {(r["source"], r["target"]): r["events"] for r in pairs} == {("MLI", "FRA"): 12, ("FRA", "MLI"): 6}


def test_api_relations_timeline_shifts_partners_and_profile(api: httpx.Client) -> None:
    timeline = api.get("/api/relations/mli/fra/timeline").json()["rows"]
    assert [(r["period"], r["events"], r["index"]) for r in timeline][-2:] == [
        ("2024-05", 3, 1.0),
        ("2024-06", 3, -1.0),
    ]
    shifts = api.get("/api/shifts").json()["rows"]
    assert [(s["dyad"], s["period"], s["towards"]) for s in shifts] == [("FRA-MLI", "2024-06", "conflict")]
    assert {e["article"] for e in shifts[0]["examples"]} == {"break"}
    partners = api.get("/api/countries/MLI/partners").json()["rows"]
    assert [(p["partner"], p["out"], p["in"]) for p in partners] == [("FRA", 12, 6), ("RUS", 1, 1)]
    assert api.get("/api/relations/MLI/RUS").json()["sectors"] == {"GOV": 4}


def test_api_dashboard_events_page_takes_the_quad_class(api: httpx.Client) -> None:
    page = api.get("/events", params={"dyad": "MLI-FRA", "quad": 4, "modality": "asserted"})
    assert page.status_code == 200 and "break" in page.text and "quad: 4" in page.text
    assert api.get("/events", params={"quad": "many"}).status_code == 422
    assert api.get("/events", params={"quad": 7}).status_code == 400


def test_api_csv_pages_link_to_the_next(api: httpx.Client) -> None:
    answer = api.get("/api/events", params={"format": "csv", "limit": 5})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 5 and rows[0]["cameo"] in (VISIT, PRAISE)
    following = answer.headers["link"].split(">")[0].lstrip("<")
    assert "cursor=" in following and httpx.get(following).status_code == 200
    empty = api.get("/api/events", params={"format": "csv", "source": "USA"})
    assert empty.text.startswith("article,article_date,story,event_id")  # the header, even for no rows


def test_api_one_article_with_its_records(api: httpx.Client) -> None:
    record = api.get("/api/articles/break").json()
    assert record["id"] == "break" and record["text"] and len(record["events"]) == 3
    missing = api.get("/api/articles/nothing-here")
    assert missing.status_code == 404 and "/api/articles" in missing.json()["message"]


@pytest.mark.parametrize(
    ("path", "params", "status", "names"),
    [
        ("/api/events", {"source": "%"}, 400, "source"),
        ("/api/events", {"since": "last tuesday"}, 400, "since"),
        ("/api/events", {"limit": 0}, 422, "limit"),
        ("/api/events", {"limit": "many"}, 422, "limit"),
        ("/api/events", {"cursor": "not-a-cursor"}, 400, "cursor"),
        ("/api/events", {"quad": 7}, 400, "quad"),
        ("/api/events", {"member_of": "NOPE"}, 400, "member_of="),
        ("/api/events", {"format": "xml"}, 422, "format"),
        ("/api/relations", {"modality": "sure"}, 400, "modality"),
        ("/api/relations/MLI/FRANCE/timeline", {}, 400, "dyad"),
        ("/api/relations/MLI/FRA/timeline", {"period": "fortnight"}, 422, "period"),
        ("/api/shifts", {"window": 1}, 422, "window"),
        ("/api/figures", {"until": "2024-13-45"}, 400, "until"),
    ],
)
def test_api_bad_parameters_are_4xx_naming_them(
    api: httpx.Client, path: str, params: dict, status: int, names: str
) -> None:
    answer = api.get(path, params=params)
    assert answer.status_code == status, answer.text
    problem = answer.json()
    assert set(problem) == {"error", "message"} and names in problem["message"]


def test_api_extract_codes_without_storing(api: httpx.Client) -> None:
    before = len(_all(api, "/api/articles"))
    assert api.post("/api/extract", json={"text": "Mali expelled the envoy."}).status_code == 401  # a token is set
    api.headers["Authorization"] = f"Bearer {WRITE}"
    answer = api.post("/api/extract", json={"text": "Mali expelled the French ambassador.", "date": "2025-06-10"})
    assert answer.status_code == 200, answer.text
    assert any(e["source"]["country"] == "MLI" and e["target"]["country"] == "FRA" for e in answer.json()["events"])
    assert len(_all(api, "/api/articles")) == before
    blank = api.post("/api/extract", json={"text": "   "})
    assert blank.status_code == 422 and "no text" in blank.json()["message"]
    text = (
        "Le gouvernement du Mali a annoncé lundi l'expulsion de l'ambassadeur de France, accusé d'ingérence dans "
        "les affaires intérieures du pays. Les autorités de Bamako lui ont donné soixante-douze heures pour partir."
    )
    french = api.post("/api/extract", json={"text": text})
    assert french.status_code == 400 and french.json()["error"].startswith("E")
    assert api.post("/api/extract", json={"title": "no text"}).status_code == 422
    bad_date = api.post("/api/extract", json={"text": "Mali expelled the envoy.", "date": "someday"})
    assert bad_date.status_code == 422 and "date" in bad_date.json()["message"]
    del api.headers["Authorization"]


def test_api_writes_need_the_token(api: httpx.Client) -> None:
    article = [{"id": "posted", "text": "Niger recalled its ambassador from France.", "date": "2025-01-02"}]
    assert api.post("/api/articles", json=article).status_code == 401
    assert api.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert api.post("/api/articles", json=article, params={"token": WRITE}).status_code == 401  # the header only
    assert api.post("/api/articles", json=article, headers={"Cookie": f"communique_token={WRITE}"}).status_code == 401
    stored = api.post("/api/articles", json=article, headers={"Authorization": f"Bearer {WRITE}"})
    assert stored.status_code == 200 and stored.json()["new"] == 1
    again = api.post("/api/articles", json=article, headers={"Authorization": f"Bearer {WRITE}"})
    assert again.json()["already"] == 1  # idempotent
    assert api.get("/api/articles/posted").json()["date"] == "2025-01-02"
    nameless = api.post("/api/articles", json=[{"text": "x"}], headers={"Authorization": f"Bearer {WRITE}"})
    assert nameless.status_code == 422 and "id" in nameless.json()["message"]


def test_api_openapi_schema_documents_every_route(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/actors",
        "/api/quotes",
        "/api/figures",
        "/api/relations",
        "/api/relations/{one}/{two}/timeline",
        "/api/shifts",
        "/api/extract",
    } <= paths
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert operation.get("summary"), path
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert ok, path  # every answer has a declared shape
    components = schema["components"]["schemas"]
    assert {"EventRow", "StoryEventRow", "TimelineRow", "ShiftRow", "Extraction", "Problem"} <= set(components)
    assert api.get("/docs").status_code == 200


def test_api_read_token_guards_reads_and_writes_are_off_without_one(tmp_path: Path) -> None:
    db = str(tmp_path / "closed.db")
    save(Store(db), "a1", "2025-01-01", ("MLI", VISIT, "FRA"))
    config = tmp_path / "closed.toml"
    config.write_text(f'[serve]\nread_token = "{READ}"\n', encoding="utf-8")
    with served(db, config) as base:
        assert httpx.get(base + "/api/events").status_code == 401
        answer = httpx.get(base + "/api/events", headers={"Authorization": f"Bearer {READ}"})
        assert answer.status_code == 200 and len(answer.json()["rows"]) == 1
        assert httpx.get(base + "/", params={"token": READ}).status_code == 200  # the dashboard, from a browser
        writing = httpx.post(
            base + "/api/articles", json=[{"id": "x", "text": "t"}], headers={"Authorization": f"Bearer {READ}"}
        )
        assert writing.status_code == 403 and "write_token" in writing.json()["message"]


# (method, path, parameters or body, status): every route, and each kind of error it can answer.
EXCHANGES = [
    ("GET", "/api/articles", {"limit": 2}, 200),
    ("GET", "/api/articles", {"format": "csv"}, 200),
    ("GET", "/api/articles", {"limit": 0}, 422),
    ("GET", "/api/articles/m1", {}, 200),
    ("GET", "/api/articles/nowhere", {}, 404),
    ("GET", "/api/events", {"dyad": "MLI-FRA"}, 200),
    ("GET", "/api/events", {"by_story": "true"}, 200),
    ("GET", "/api/events", {"source": "%"}, 400),
    ("GET", "/api/events", {"cursor": "bogus"}, 400),
    ("GET", "/api/actors", {}, 200),
    ("GET", "/api/quotes", {}, 200),
    ("GET", "/api/figures", {}, 200),
    ("GET", "/api/relations", {}, 200),
    ("GET", "/api/relations", {"mentions": "true"}, 200),
    ("GET", "/api/relations", {"unordered": "true"}, 200),
    ("GET", "/api/relations", {"modality": "sure"}, 400),
    ("GET", "/api/relations/MLI/FRA", {}, 200),
    ("GET", "/api/relations/MLI/FRA/timeline", {}, 200),
    ("GET", "/api/relations/MLI/FRA/timeline", {"period": "fortnight"}, 422),
    ("GET", "/api/shifts", {"window": 3, "min_events": 1}, 200),
    ("GET", "/api/countries/MLI/partners", {}, 200),
    ("GET", "/api/countries/MLI/partners", {"mentions": "true"}, 200),
    ("POST", "/api/articles", [{"id": "x", "text": "Mali praised France."}], 401),
    ("POST", "/api/articles", [{"text": "no id"}], 401),
    ("POST", "/api/extract", {"text": "Mali praised France."}, 401),
]


def _validator(schema: dict, declared: dict) -> Any:
    """A JSON Schema validator for one declared answer, its references resolved in the whole document."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator({**schema, **declared})


@pytest.mark.parametrize(("method", "path", "given", "status"), EXCHANGES)
def test_api_answers_are_what_the_schema_declares(
    api: httpx.Client, method: str, path: str, given: Any, status: int
) -> None:
    """Every answer's status is declared for its route, and its body is valid against the declared schema (#21)."""
    schema = api.get("/openapi.json").json()
    if method == "GET":
        answer = api.get(path, params=given)
    else:
        answer = api.post(path, json=given)
    assert answer.status_code == status, answer.text
    template = next(
        t
        for t in schema["paths"]
        if re.fullmatch(re.sub(r"{[^}]+}", "[^/]+", t), path) and method.lower() in schema["paths"][t]
    )
    operation = schema["paths"][template][method.lower()]
    declared = operation["responses"].get(str(status))
    assert declared is not None, f"{method} {template} answers {status}, which its schema does not declare"
    media = answer.headers["content-type"].split(";")[0]
    assert media in declared["content"], (media, list(declared["content"]))
    if media == "application/json":
        _validator(schema, declared["content"][media]["schema"]).validate(answer.json())
        if status == 200 and isinstance(answer.json(), dict) and "columns" in answer.json():
            page = answer.json()
            assert all(set(row) == set(page["columns"]) for row in page["rows"]), "rows carry exactly their columns"
    documented = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    if {"limit", "cursor", "format"} <= documented:
        assert "next" in api.get(path, params={"format": "json"}).json()  # a paged route pages
