"""The dashboard in a real headless Chromium (Debian's, driven by Playwright) over `communique serve` on
127.0.0.1, after ingesting the bundled examples with the CLI, on SQLite and PostgreSQL: the seed's
relations on the map, a click from the relations to a dyad, to an event, to its sentence; the
article's marks; search; escaping; screenshots."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from communique import Store
from conftest import CLI, EXAMPLES, empty_postgres, postgres_url, save, served

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_or_skip() -> None:
    if CHROMIUM.exists() and CLI.exists():
        return
    reason = "no /usr/bin/chromium: run scripts/chromium-for-tests.sh (make test does)"
    if os.environ.get("COMMUNIQUE_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; CI requires the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled examples ingested as `make demo` does, plus an article written to break escaping."""
    _browser_or_skip()
    folder = tmp_path_factory.mktemp("site")
    if request.param == "sqlite":
        db = str(folder / "demo.db")
    else:
        db = postgres_url()
        empty_postgres().engine.dispose()
    subprocess.run([str(CLI), "ingest", str(EXAMPLES), "--db", db], check=True, capture_output=True, timeout=600)
    store = Store(db)
    save(store, "<b>hostile</b>", "2025-01-01", ("MLI", "042", "FRA"), text="<script>window.pwned = 1</script> & <b>")
    store.engine.dispose()
    with served(db) as base:
        yield base


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(base_url=site, viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()
    assert problems == [], problems  # no script error, no missing resource


def test_dashboard_shows_the_seeds_relations(page: Any, tmp_path: Path) -> None:
    page.goto("/")
    page.locator("#map.drawn").wait_for()  # drawn from /overview.json
    for dyad in ("MLI-FRA", "NER-FRA", "BFA-FRA"):  # conflict, drawn on the map in red
        edge = page.locator(f"#map a.edge:not(.planned)[data-dyad='{dyad}'] path")
        assert edge.count() == 1, dyad
        red, _, blue = (int(edge.get_attribute("stroke")[i : i + 2], 16) for i in (1, 3, 5))
        assert red > blue, dyad
    assert page.locator("#network a.edge[data-dyad='RUS-AFR']").count() == 1  # Africa is a region: network only
    row = page.locator("table.pairs tr[data-dyad='RUS-AFR']")
    assert row.locator("td").nth(5).inner_text() == row.locator("td").nth(6).inner_text() == "0"  # no conflict ...
    assert float(row.locator("td").nth(7).inner_text()) == 1.0  # ... only cooperation
    planned = page.locator("table.plans tr[data-dyad='RUS-NER']")  # the planned embassy
    assert "planned" in planned.inner_text()
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    assert (tmp_path / "overview.png").stat().st_size > 10_000


def test_dashboard_click_from_relations_to_a_dyad_to_an_event_to_its_sentence(page: Any) -> None:
    page.goto("/")
    page.locator("table.pairs tr[data-dyad='MLI-FRA'] a.dyad-link").click()
    page.wait_for_url("**/dyads/MLI/FRA*")
    assert page.locator("#timeline-chart .main-svg").count() >= 1  # plotly drew the chart, served locally
    assert "2025-06" in page.locator("table.timeline").inner_text()
    page.locator("table.events td.evidence a", has_text="severed").first.click()
    page.wait_for_url("**/articles/rt-2025-06-10-russia-africa#e*")
    event = page.url.rsplit("#", 1)[1]
    row = page.locator(f"tr#{event}")
    assert row.is_visible() and "FRA" in row.inner_text()
    trigger = page.locator(f"#text a.mark.trigger[href='#{event}']")
    assert trigger.inner_text() in ("severed", "accusing")  # the sentence's word, marked in the text


def test_dashboard_numbers_open_the_events_behind_them(page: Any) -> None:
    page.goto("/")
    row = page.locator("table.pairs tr[data-dyad='MLI-FRA']")
    count = int(row.locator("td").nth(2).inner_text())
    row.locator("td").nth(2).locator("a").click()
    page.wait_for_url("**/events?*")
    assert page.locator("table.events tbody tr").count() == count
    assert "severed" in page.locator("table.events").inner_text()


def test_dashboard_says_what_it_counts_and_counts_only_confident_events_when_asked(page: Any) -> None:
    page.goto("/")
    assert "Counting every event the event decision kept" in page.locator("p.counted").inner_text()
    everything = int(page.locator("table.pairs tr[data-dyad='MLI-FRA'] td").nth(2).inner_text())
    page.select_option("select[name=confidence]", "0.4")
    page.locator("form.filters button").click()
    page.wait_for_url("**/?*confidence=0.4*")
    page.locator("#map.drawn").wait_for()
    assert "at least 0.4 likely to be right" in page.locator("p.counted").inner_text()
    row = page.locator("table.pairs tr[data-dyad='MLI-FRA']")
    confident = int(row.locator("td").nth(2).inner_text()) if row.count() else 0
    assert confident < everything  # the seed's sanction of France is below 0.4: no longer counted
    page.locator("table.pairs tr td:nth-child(3) a").first.click()  # a number opens its events, at the same cut
    page.wait_for_url("**/events?*min_confidence=0.4*")
    assert "min_confidence: 0.4" in page.locator("p.filters-shown").inner_text()


def test_dashboard_article_marks_and_search(page: Any) -> None:
    page.goto("/articles/rt-2025-06-10-russia-africa")
    text = page.locator("#text")
    for kind in ("actor", "trigger", "quote", "cue", "speaker", "figure"):
        assert text.locator(f".mark.{kind}").count() >= 1, kind
    page.fill("header input[name=q]", "Peskov")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Peskov")
    page.locator("a", has_text="Dmitry Peskov").first.click()
    assert "Moscow plans to scale up military" in page.locator("ul.said-list").inner_text()


def test_dashboard_escapes_article_text(page: Any) -> None:
    page.goto("/search?q=pwned")
    page.locator("a", has_text="<b>hostile</b>").click()
    assert page.evaluate("window.pwned") is None
    assert "<script>window.pwned = 1</script>" in page.locator("#text").inner_text()
    assert page.locator("h1").inner_text() == "<b>hostile</b>"


def test_dashboard_api_docs_work_offline(page: Any) -> None:
    """The dashboard's "API" link opens Swagger UI with every request outside the server refused (#21)."""
    outside: list[str] = []

    def only_loopback(route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.goto("/")
    page.locator("nav a", has_text="API").click()
    page.wait_for_url("**/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10 and "/api/events" in page.inner_text("body")
    assert outside == [], outside
