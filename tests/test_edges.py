"""Edges a new user or an attacker finds (#21): stored links that could run script, tokens in every
combination, strings no store can keep, one id twice in a batch, passwords in messages, and bounds
on every number and text a request or an option can carry. Over real HTTP and the real CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import Article, Store
from communique.runs import ingest
from communique.store.queries import Filters
from communique.store.sql import masked
from conftest import CLI, empty_postgres, postgres_url, save, served
from test_cli import run

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="run `make test` so the CLI is installed in .venv")
READ, WRITE = "r-token", "w-token"


def _config(folder: Path, **tokens: str) -> Path:
    path = folder / f"serve-{'-'.join(sorted(tokens)) or 'open'}.toml"
    path.write_text("[serve]\n" + "".join(f'{k} = "{v}"\n' for k, v in tokens.items()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("edges") / "edges.db")
    store = Store(path)
    save(store, "plain", "2024-05-01", ("MLI", "042", "FRA"))
    store.engine.dispose()
    return path


# 1. Stored script injection: only http(s) URLs become links.


def test_edges_dashboard_links_only_web_urls(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "links.db"))
    for article_id, url in (("bad", "javascript:alert(document.cookie)"), ("good", "https://example.org/a")):
        article = Article(id=article_id, text=f"Mali praised France in {article_id}.", url=url, language="en")
        assert ingest([article], store).new == 1
    store.engine.dispose()
    with served(str(tmp_path / "links.db")) as base:
        bad = httpx.get(base + "/articles/bad").text
        good = httpx.get(base + "/articles/good").text
    assert 'href="javascript:' not in bad and "javascript:alert(document.cookie)" in bad  # shown, never a link
    assert '<a href="https://example.org/a"' in good


# 2. Tokens: read only, write only, or both, in the header, the query (once) and the cookie.

ARTICLE = [{"id": "posted", "text": "Mali praised France on Monday.", "date": "2024-05-02", "language": "en"}]
CASES = {
    # configuration -> {(method, token sent): status}
    "open": {("GET", None): 200, ("POST", None): 403, ("POST", WRITE): 403},
    "read": {("GET", None): 401, ("GET", READ): 200, ("POST", READ): 403},
    "write": {("GET", None): 200, ("POST", None): 401, ("POST", READ): 401, ("POST", WRITE): 200},
    "both": {
        ("GET", None): 401,
        ("GET", READ): 200,
        ("GET", WRITE): 200,  # the write token reads too
        ("POST", None): 401,
        ("POST", READ): 401,
        ("POST", WRITE): 200,
    },
}
TOKENS = {
    "open": {},
    "read": {"read_token": READ},
    "write": {"write_token": WRITE},
    "both": {"read_token": READ, "write_token": WRITE},
}


@pytest.mark.parametrize("configured", list(CASES))
def test_edges_token_matrix(configured: str, db: str, tmp_path: Path) -> None:
    with served(db, _config(tmp_path, **TOKENS[configured])) as base:
        for (method, token), status in CASES[configured].items():
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            if method == "GET":
                answer = httpx.get(base + "/api/events", headers=headers)
            else:
                answer = httpx.post(base + "/api/articles", json=ARTICLE, headers=headers, timeout=120)
            assert answer.status_code == status, (configured, method, token, answer.text)
        if "read_token" in TOKENS[configured]:
            with httpx.Client(base_url=base) as browser:  # ?token= once, then the cookie the page set
                assert browser.get("/", params={"token": READ}).status_code == 200
                assert browser.get("/events").status_code == 200
                assert browser.get("/api/events").status_code == 200
            assert httpx.get(base + "/api/events", params={"token": "wrong"}).status_code == 401


def test_edges_extract_needs_the_write_token_and_has_a_length_limit(db: str, tmp_path: Path) -> None:
    config = _config(tmp_path, write_token=WRITE)
    config.write_text(config.read_text() + "max_extract_chars = 200\n", encoding="utf-8")
    body = {"text": "Mali praised France.", "language": "en"}
    with served(db, config) as base:
        assert httpx.post(base + "/api/extract", json=body).status_code == 401
        auth = {"Authorization": f"Bearer {WRITE}"}
        assert httpx.post(base + "/api/extract", json=body, headers=auth, timeout=120).status_code == 200
        long = httpx.post(base + "/api/extract", json={**body, "text": "Mali praised France. " * 20}, headers=auth)
    assert long.status_code == 413 and "max_extract_chars" in long.json()["message"]


# 3. Strings no store can keep: one sanitiser at the contract, for every field.


def _unstorable_lines() -> str:
    lines = [
        {"id": "sur\ud800id", "text": "Mali praised France."},
        {"id": "nul\u0000id", "text": "Niger praised Chad."},
        {"id": "title", "title": "a\u0000b\udc80c", "text": "Iran praised Iraq."},
        {"id": "fields", "url": "https://x.org/\ud800", "outlet": "o\u0000", "text": "Peru praised Chile."},
        {"id": "ok1", "text": "Kenya praised Uganda."},
        {"id": "ok2", "text": "Egypt praised Sudan."},
        {"id": "ok3", "text": "Japan praised India."},
    ]
    return "".join(json.dumps({**line, "language": "en", "date": "2024-05-01"}) + "\n" for line in lines)


def test_edges_article_fields_are_made_storable() -> None:
    article = Article(id="a\u0000\ud800", text="t", title="\udfff", url="u\u0000", outlet="\ud801", path="p\u0000")
    assert (article.id, article.title, article.url, article.outlet, article.path) == (
        "a\ufffd\ufffd",
        "\ufffd",
        "u\ufffd",
        "\ufffd",
        "p\ufffd",
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_edges_unstorable_strings_lose_no_article(backend: str, tmp_path: Path) -> None:
    source = tmp_path / "odd.jsonl"
    source.write_text(_unstorable_lines(), encoding="utf-8", errors="surrogatepass")
    if backend == "sqlite":
        target = str(tmp_path / "odd.db")
    else:
        target = postgres_url()
        empty_postgres().engine.dispose()
    result = run("ingest", str(source), "--db", target)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "7 new" in result.stdout
    store = Store(target)
    ids = {record["id"] for record in store.records()}
    store.engine.dispose()
    assert {"sur\ufffdid", "nul\ufffdid", "ok1", "ok2", "ok3"} <= ids


def test_edges_api_stores_unstorable_ids(db: str, tmp_path: Path) -> None:
    body = '[{"id": "api\\ud800\\u0000", "text": "Chad praised Niger.", "language": "en"}]'
    with served(db, _config(tmp_path, write_token=WRITE)) as base:
        headers = {"Authorization": f"Bearer {WRITE}", "Content-Type": "application/json"}
        answer = httpx.post(base + "/api/articles", content=body, headers=headers, timeout=120)
    assert answer.status_code == 200 and answer.json()["new"] == 1, answer.text


# 4. One id twice in one batch: the rule across runs holds inside a run.


def test_edges_one_id_twice_in_a_batch(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "twice.db"))
    first = Article(id="x", text="Mali praised France.", language="en")
    again = Article(id="x", text="Mali praised France.", language="en")
    other = Article(id="x", text="Mali accused France.", language="en")
    report = ingest([first, again, other], store)
    assert (report.new, report.already, [e.code for e in report.failed]) == (1, 1, ["E015"])
    assert store.records(["x"])[0]["text"] == "Mali praised France."
    report = ingest(
        [Article(id="y", text="Chad praised Niger.", language="en"), other.model_copy(update={"id": "y"})],
        store,
        update=True,
    )
    assert (report.new, report.updated, report.failed) == (1, 1, [])
    assert store.records(["y"])[0]["text"] == "Mali accused France."


def test_edges_cli_reports_a_duplicate_id_in_one_file(tmp_path: Path) -> None:
    source = tmp_path / "twice.jsonl"
    lines = [{"id": "d", "text": "Mali praised France."}, {"id": "d", "text": "Mali accused France."}]
    source.write_text("".join(json.dumps({**x, "language": "en"}) + "\n" for x in lines), encoding="utf-8")
    result = run("ingest", str(source), "--db", str(tmp_path / "d.db"))
    assert result.returncode == 1 and "E015" in result.stderr and "1 new" in result.stdout


# 5. Passwords, whatever form the URL gives them.


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql+psycopg://u:s3cret@h/db", "s3cret"),
        ("postgresql+psycopg://u:s3%40cret@h/db", "s3%40cret"),
        ("postgresql+psycopg://u:p@ss#w0rd@h/db", "ss#w0rd"),
        ("postgresql+psycopg://u@h/db?password=s3cret&sslmode=disable", "s3cret"),
        ("postgresql+psycopg://u@h/db?sslmode=disable&PASSWORD=s3cret", "s3cret"),
    ],
)
def test_edges_masked_hides_every_password_form(url: str, secret: str) -> None:
    shown = masked(url)
    assert secret not in shown and "***" in shown and "h/db" in shown


def test_edges_cli_never_prints_a_password(tmp_path: Path) -> None:
    for url in ("postgresql://u:p@ss#w0rd@127.0.0.1:1/db", "postgresql://u@127.0.0.1:1/db?password=hunter2"):
        result = run("events", "--db", url)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "w0rd" not in result.stderr + result.stdout and "hunter2" not in result.stderr + result.stdout
    result = run("events", "--db", "postgresql://u:pw@127.0.0.1:notaport/db")
    assert result.returncode == 1 and "E011" in result.stderr and "Traceback" not in result.stderr


# 6. Bounds: never a 500, never a traceback.


def test_edges_huge_numbers_and_long_texts_are_4xx(db: str) -> None:
    import base64

    huge = base64.urlsafe_b64encode(json.dumps({"offset": 10**30}).encode()).decode()
    with served(db) as base:
        for path, params in [
            ("/api/events", {"cursor": huge}),
            ("/api/events", {"limit": "99999999999999999999999"}),
            ("/events", {"cursor": huge}),
            ("/api/articles", {"search": "%_" * 2_000}),
            ("/api/quotes", {"speaker": "x" * 20_000}),
            ("/api/figures", {"subject": "y" * 20_000}),
            ("/search", {"q": "z" * 20_000}),
        ]:
            answer = httpx.get(base + path, params=params)
            assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text[:300])


def test_edges_cli_bounds_are_coded_errors(db: str) -> None:
    for args in (["--limit", "99999999999999999999999"], ["--actor", "x" * 5000], ["--article", "y" * 5000]):
        result = run("events", "--db", db, *args)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr
        assert "E019" in result.stderr or "Error" in result.stderr


# 6 (continued). Random values at every parameter of every route and every option of every query command.

ODD = [
    "",
    "%",
    "_",
    "RUS",
    "RUS-MLI",
    "2025-13-45",
    "true",
    "csv",
    "all",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "-99999999999999999999999",
    "\x00",
    "\ud800",
    "' OR 1=1 --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "x" * 3000,
]
values = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
PAGES = {  # the dashboard's routes (left out of the OpenAPI schema) and their parameters
    "/": ["since", "until", "region", "context"],
    "/dyads/{one}/{two}": ["since", "until", "context", "period"],
    "/events": ["cursor", "modality", "quad", "source", "target", "dyad", "member_of", "cameo", "plover", "actor"],
    "/articles/{article_id}": [],
    "/countries/{code}": ["since", "until"],
    "/actors/{name}": [],
    "/search": ["q"],
}


def _routes(schema: dict) -> list[tuple[str, list[str]]]:
    found = [
        (path, [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"])
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]
    return found + list(PAGES.items())


@pytest.fixture(scope="module")
def fuzzed(db: str) -> Iterator[tuple[httpx.Client, list[tuple[str, list[str]]]]]:
    with served(db) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client, _routes(client.get("/openapi.json").json())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_edges_fuzz_every_route_answers_2xx_or_4xx(
    fuzzed: tuple[httpx.Client, list[tuple[str, list[str]]]], data: st.DataObject
) -> None:
    client, routes = fuzzed
    path, names = data.draw(st.sampled_from(routes))
    for name in re.findall(r"{(\w+)}", path):
        path = path.replace("{" + name + "}", _escaped(data.draw(values, label=name) or "x"))
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=4)) if names else []
    params = {name: data.draw(values, label=name) for name in chosen}
    answer = client.get(path + "?" + "&".join(f"{name}={_escaped(value)}" for name, value in params.items()))
    assert answer.status_code < 500, (path, params, answer.text[:500])
    if path.startswith("/api") and answer.status_code >= 400:
        assert set(answer.json()) == {"error", "message"}


def _escaped(value: str) -> str:
    """Percent-escaped as a client would send it, a lone surrogate as the bytes it would be (invalid UTF-8)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


COMMANDS = {
    "events": ["--source", "--target", "--dyad", "--member-of", "--cameo", "--plover", "--since", "--quad", "--actor"],
    "articles": ["--search", "--since", "--until", "--article"],
    "actors": ["--country", "--article"],
    "quotes": ["--speaker"],
    "figures": ["--subject", "--unit"],
    "relations": ["--source", "--dyad", "--modality", "--context"],
    "timeline": ["--period", "--since"],
    "shifts": ["--period", "--window", "--threshold", "--min-events", "--dyad"],
    "failures": ["--run"],
}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_edges_fuzz_query_options_never_raise(db: str, data: st.DataObject) -> None:
    from click.testing import CliRunner

    from communique.cli import main

    command = data.draw(st.sampled_from(sorted(COMMANDS)))
    arguments = ["RUS", "MLI"] if command == "timeline" else []
    for option in data.draw(st.lists(st.sampled_from(COMMANDS[command]), unique=True, min_size=1, max_size=3)):
        arguments += [option, data.draw(values.filter(lambda v: not v.startswith("-") and "\x00" not in v))]
    arguments += ["--limit", data.draw(values.filter(lambda v: not v.startswith("-")))]
    result = CliRunner().invoke(main, [command, "--db", db, "--format", "csv", *arguments])
    assert result.exit_code in (0, 1, 2), (arguments, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (arguments, result.exception)


# 10. Encodings and languages.


def test_edges_a_page_declared_charset_wins_over_the_default(tmp_path: Path) -> None:
    from communique.readers import read_paths

    body = "<p>Le président a visité Genève et Zürich avec le ministre des Affaires étrangères cette semaine.</p>"
    latin = f'<html><head><meta charset="iso-8859-1"><title>Visite</title></head><body>{body * 3}</body></html>'
    (tmp_path / "latin.html").write_bytes(latin.encode("latin-1"))
    declared = latin.replace('charset="iso-8859-1"', 'http-equiv="Content-Type" content="text/html; charset=utf-8"')
    (tmp_path / "utf8.html").write_bytes(declared.encode("utf-8"))
    (tmp_path / "plain.txt").write_bytes("Zürich, Genève and Bern agreed on Tuesday to share more data.".encode())
    read = {Path(item.path or "").name: item for item in read_paths([str(tmp_path)])}
    assert all(isinstance(item, Article) for item in read.values()), read
    assert "Genève" in read["latin.html"].text and "Genève" in read["utf8.html"].text  # one run, mixed encodings


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("أعلنت الحكومة اليوم عن خطة جديدة للتعاون مع الدول المجاورة", "ar"),  # 9 words: short, but not Latin
        ("Правительство объявило о новом соглашении с соседними странами", "ru"),
        (
            "Pemerintah mengumumkan rencana baru untuk memperkuat kerja sama ekonomi dengan negara tetangga. "
            "Menteri mengatakan bahwa kedutaan baru akan dibuka di beberapa ibu kota tahun depan.",
            "id",
        ),
    ],
)
def test_edges_short_foreign_text_is_refused(text: str, language: str) -> None:
    from communique.readers.language import guess_language

    assert guess_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Mali praised France.",
        "Shr 23 cts vs 18 cts Net 509,144 vs 277,834 Revs 2,258,341 vs 1,328,634 Nine mths Shr 1.19 dlrs vs 1.46",
        "The minister met her counterpart in Beijing (北京) on Monday to discuss trade, officials said afterwards.",
    ],
)
def test_edges_english_stays_english(text: str) -> None:
    from communique.readers.language import guess_language

    assert guess_language(text) in (None, "en")


def test_edges_a_copy_of_a_refused_article_gets_its_reason(tmp_path: Path) -> None:
    french = (
        "Le gouvernement a annoncé lundi un nouvel accord de coopération avec les pays voisins, "
        "et le ministre a déclaré que les ambassades ouvriraient bientôt dans plusieurs capitales."
    )
    articles = [Article(id=f"fr{n}", title=f"English title {n}", text=french) for n in (1, 2)]
    report = ingest(articles, Store(str(tmp_path / "fr.db")))
    assert [(error.code, error.source) for error in report.failed] == [("E009", "fr1"), ("E009", "fr2")]


# 12. A plain-text article's own date.


@pytest.mark.parametrize(
    ("body", "name", "date"),
    [
        ("Mali praised France.", "2025-06-10-mali.txt", "2025-06-10"),
        ("Mali praised France.", "report_20240229.txt", "2024-02-29"),
        ("Published: 3 March 2024, 14:02 GMT\n\nMali praised France.", "a.txt", "2024-03-03"),
        ("BAMAKO, June 10, 2025 - Mali praised France on Monday.", "a.txt", "2025-06-10"),
        ("Mali said on June 10, 2025 that it would expel the envoy of France and recall its own.", "a.txt", None),
        ("Mali praised France.", "notes-9999.txt", None),
    ],
)
def test_edges_plain_text_date_from_name_line_or_dateline(body: str, name: str, date: str | None) -> None:
    from communique.readers.text import article_from_text

    assert article_from_text(body, id=name.removesuffix(".txt"), path=name).date == date
    assert article_from_text(body, id="x", path=name, date="2020-01-01").date == "2020-01-01"  # given wins


# 11. Lists at scale: events newest first, paged by keyset; nothing undated left out of a timeline.


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_edges_events_page_newest_first_by_keyset(backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        target = str(tmp_path / "keyset.db")
        store = Store(target)
    else:
        target, store = postgres_url(), empty_postgres()
    for number, day in enumerate(["2024-03-01", "2024-01-15", "2024-03-01", None, "2023-12-31", "2024-02-02"]):
        save(store, f"k{number}", day, ("MLI", "042", "FRA"), ("FRA", "051", "MLI"), ("MLI", "112", "NER"))  # type: ignore[arg-type]
    store.engine.dispose()
    with served(target) as base, httpx.Client(base_url=base) as client:
        for params in ({}, {"dyad": "MLI-FRA"}, {"source": "MLI"}):
            whole = client.get("/api/events", params={**params, "limit": 1000}).json()["rows"]
            paged, cursor = [], None
            while True:
                page = client.get(
                    "/api/events", params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
                )
                paged += page.json()["rows"]
                if (cursor := page.json()["next"]) is None:
                    break
            assert paged == whole and len({(r["article"], r["event_id"]) for r in paged}) == len(paged), params
            days = [r["date"] or r["article_date"] for r in whole]
            dated = [day for day in days if day is not None]
            assert dated == sorted(dated, reverse=True) and days[len(dated) :] == [None] * (len(days) - len(dated))
            assert None in days  # the undated article's events come last
        one = client.get("/api/events", params={"article": "k0", "limit": 2}).json()
        rest = client.get("/api/events", params={"article": "k0", "limit": 2, "cursor": one["next"]}).json()
        assert [r["event_id"] for r in one["rows"] + rest["rows"]] == ["e1", "e2", "e3"]  # in the text's order
        dashboard = client.get("/events", params={"dyad": "MLI-FRA"})
        assert dashboard.status_code == 200 and "Next page" not in dashboard.text  # 10 events: one page


def test_edges_dashboard_shows_undated_events_apart(db: str, tmp_path: Path) -> None:
    store = Store(db)
    save(store, "undated", None, ("MLI", "112", "FRA"))  # type: ignore[arg-type]
    store.engine.dispose()
    with served(db) as base:
        page = httpx.get(base + "/dyads/MLI/FRA").text
    assert "Not placed in a month" in page and 'data-period="undated"' in page


def test_edges_cached_answers_last_until_the_store_changes(tmp_path: Path) -> None:
    from communique.web.overview import StoreCache

    store = Store(str(tmp_path / "cache.db"))
    save(store, "c1", "2024-01-01", ("MLI", "042", "FRA"))
    cache, computed = StoreCache(store, stale_seconds=0), []

    def count() -> int:
        computed.append(1)
        return len(store.records())

    assert cache.get("articles", count) == cache.get("articles", count) == 1 and len(computed) == 1
    save(store, "c2", "2024-01-02", ("MLI", "042", "FRA"))  # a write: the next read computes again
    assert cache.get("articles", count) == 2 and len(computed) == 2
    assert cache.overview(Filters()).pairs[0]["events"] == 2


def test_edges_during_writes_a_recent_answer_is_given_while_the_new_one_is_computed(tmp_path: Path) -> None:
    import time

    from communique.web.overview import StoreCache

    store = Store(str(tmp_path / "stale.db"))
    save(store, "s1", "2024-01-01", ("MLI", "042", "FRA"))
    cache = StoreCache(store, stale_seconds=60)

    def count() -> int:
        return len(store.records())

    assert cache.get("articles", count) == 1
    save(store, "s2", "2024-01-02", ("MLI", "042", "FRA"))
    assert cache.get("articles", count) == 1  # at once, from before the write
    deadline = time.monotonic() + 10
    while cache.get("articles", count) != 2:  # the new answer, computed meanwhile
        assert time.monotonic() < deadline
        time.sleep(0.05)
