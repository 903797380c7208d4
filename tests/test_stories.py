"""One story, many reports: exact copies stored once with every URL, rewrites in one story, events counted once."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select, text, update

from communique import Article, Store, ingest, stories
from communique.relations import pairs
from communique.store import queries, schema

WIRE = (
    "Mali's military government expelled the French ambassador on Monday, accusing Paris of repeated "
    "interference in the country's internal affairs. The foreign ministry gave the envoy 72 hours to leave. "
    "Officials in Bamako said relations with Russia would deepen, and that new agreements on security and "
    "energy were being prepared for signature in the coming months. France said it regretted the decision "
    "and would keep its embassy open with a reduced staff, a spokesman for the ministry in Paris said."
)
REWRITE = (  # the end cut, a sign-off added
    "Mali's military government expelled the French ambassador on Monday, accusing Paris of repeated "
    "interference in the country's internal affairs. The foreign ministry gave the envoy 72 hours to leave. "
    "Officials in Bamako said relations with Russia would deepen, and that new agreements on security "
    "were being prepared.\n\nReporting by Sahel Wire staff."
)
OTHER = (
    "Japan and Australia signed a defence pact in Tokyo on Monday that lets their forces train together and "
    "share bases, the two governments said. The agreement follows two years of talks and covers joint "
    "exercises, logistics and the exchange of intelligence on regional threats. Officials said the pact "
    "would be ratified by both parliaments before the end of the year, and that further talks were planned."
)


def _article(id: str, body: str, outlet: str) -> Article:
    return Article(id=id, text=body, date="2025-06-10", url=f"https://{outlet}/{id}", outlet=outlet)


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_stories_fingerprint_ignores_case_spacing_and_punctuation() -> None:
    assert stories.fingerprint("Mali expelled  the envoy.\n") == stories.fingerprint("MALI expelled the envoy")
    assert stories.fingerprint("Mali expelled the envoy.") != stories.fingerprint("Niger expelled the envoy.")


def test_stories_signatures_stay_what_stores_hold() -> None:
    """Stored signatures are compared with new ones: the values for a text must never change."""
    signature = stories.signature(WIRE)
    assert signature is not None and len(signature) == 4 * stories.PERMUTATIONS
    assert hashlib.sha256(signature).hexdigest()[:16] == "7843a6f676af2f2b"
    assert stories.signature(WIRE) == signature


def test_stories_similarity_separates_rewrites_from_other_stories() -> None:
    wire, rewrite, other = (stories.signature(t) for t in (WIRE, REWRITE, OTHER))
    assert wire is not None and rewrite is not None and other is not None
    assert stories.similarity(wire, rewrite) >= stories.SIMILARITY
    assert stories.similarity(wire, other) < 0.1
    assert set(stories.band_keys(wire)) & set(stories.band_keys(rewrite))  # LSH finds it as a candidate
    assert stories.signature("Mali expelled the French ambassador.") is None  # too short to compare


def test_stories_exact_copy_is_stored_once_with_every_report(store: Store) -> None:
    report = ingest([_article("w1", WIRE, "wire.example"), _article("c1", WIRE, "daily.example")], store)
    assert (report.new, report.copies) == (1, 1)
    assert _count(store, schema.articles) == 1 and _count(store, schema.reports) == 2
    coded = _count(store, schema.events)
    later = ingest([_article("c2", WIRE.replace("  ", " ").upper(), "gazette.example")], store)  # same words
    assert later.copies == 1 and _count(store, schema.events) == coded  # not coded again
    again = ingest([_article("w1", WIRE, "wire.example"), _article("c1", WIRE, "daily.example")], store)
    assert (again.new, again.copies, again.already) == (0, 0, 2)
    assert store.has_article("c2") and not store.has_article("c3")


def test_stories_an_updated_article_keeps_its_copies_reports(store: Store) -> None:
    """A corrected version of a wire story replaces the text; the outlets that carried it stay its reports."""
    ingest([_article("w1", WIRE, "wire.example"), _article("c1", WIRE, "daily.example")], store)
    corrected = _article("w1", WIRE.replace("72 hours", "48 hours"), "wire.example")
    assert ingest([corrected], store, update=True).updated == 1
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.reports.c.id, schema.reports.c.article).order_by("id")).all()
    assert [tuple(row) for row in rows] == [("c1", "w1"), ("w1", "w1")]
    assert store.has_article("c1")
    events = queries.events(store, queries.Filters(by_story=True))
    assert events.rows and all(row["mentions"] == 2 for row in events.rows)


def test_stories_rewrite_joins_the_story_and_events_count_once(store: Store) -> None:
    ingest(
        [
            _article("w1", WIRE, "wire.example"),
            _article("c1", WIRE, "daily.example"),
            _article("r1", REWRITE, "sahel.example"),
            _article("o1", OTHER, "wire.example"),
        ],
        store,
    )
    with store.engine.connect() as conn:
        story = dict(conn.execute(select(schema.articles.c.id, schema.articles.c.story)).all())
    assert story == {"w1": "w1", "r1": "w1", "o1": "o1"}
    expulsions = [
        row
        for row in queries.events(store, queries.Filters(by_story=True, dyad="MLI-FRA")).rows
        if row["source_code"].startswith("MLI") and row["cameo"].startswith("1")
    ]
    assert expulsions, "the expulsion is coded"
    top = expulsions[0]
    assert (top["story"], top["mentions"], top["sources"], top["articles"]) == ("w1", 3, 3, 3)
    mentions = queries.events(store, queries.Filters(dyad="MLI-FRA"))  # the mention level stays
    assert {row["article"] for row in mentions.rows} >= {"w1", "r1"}

    def mli_fra(**options: bool) -> int:
        rows = pairs(store, queries.Filters(source="MLI", target="FRA", **options)).rows
        return sum(r.get("events", r.get("mentions", 0)) for r in rows)

    assert mli_fra() == len({(r["source_code"], r["cameo"], r["target_code"], r["day"]) for r in expulsions})
    assert mli_fra(mentions=True) == sum(r["mentions"] for r in expulsions)


def test_stories_a_store_from_before_stories_gains_reports_on_open(store: Store) -> None:
    ingest([_article("w1", WIRE, "wire.example")], store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM reports"))
        conn.execute(text("DELETE FROM story_bands"))
        conn.execute(update(schema.articles).values(fingerprint=None, story=None, signature=None))
    reopened = Store(store.url)
    try:
        assert reopened.has_article("w1") and _count(reopened, schema.story_bands) == stories.BANDS
        report = ingest([_article("c1", WIRE, "daily.example"), _article("r1", REWRITE, "sahel.example")], reopened)
        assert (report.new, report.copies) == (1, 1)
        with reopened.engine.connect() as conn:
            assert conn.execute(select(schema.articles.c.story).where(schema.articles.c.id == "r1")).scalar() == "w1"
    finally:
        reopened.engine.dispose()
