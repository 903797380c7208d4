from __future__ import annotations

import json
import re

import pytest

from communique.claims.dates import resolve_date
from conftest import SHARED, without_shared


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Monday", "2025-06-09"),
        ("on Monday", "2025-06-09"),
        ("Tuesday", "2025-06-10"),
        ("last month", "2025-05"),
        ("late May", "2025-05"),
        ("2024", "2024"),
        ("recent years", None),
        ("yesterday", "2025-06-09"),
        ("10 June 2025", "2025-06-10"),
        ("June 10, 2025", "2025-06-10"),
        ("May 2025", "2025-05"),
        ("last year", "2024"),
        ("December", "2024-12"),
    ],
)
def test_dates_resolve_against_article_date(expression: str, expected: str | None) -> None:
    assert resolve_date(expression, "2025-06-10") == expected


def test_dates_relative_without_anchor_stay_unknown() -> None:
    assert resolve_date("last month", None) is None
    assert resolve_date("2019", None) == "2019"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-06-10", "2025-06-10"), ("2025-06", "2025-06"), ("19950101", "1995-01-01"), ("June 10, 2025", "2025-06-10")],
)
def test_dates_normalise_accepts_unambiguous_forms(value: str, expected: str) -> None:
    from communique.calendar import normalise_date

    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["10/06/2025", "2025-13-45", "19951345", "June", "soon"])
def test_dates_normalise_refuses_the_rest(value: str) -> None:
    from communique.calendar import normalise_date

    with pytest.raises(ValueError):
        normalise_date(value)


@pytest.mark.parametrize(
    ("expression", "article", "tense", "expected"),
    [
        ("May 16", "2019-11-20", "past", "2019-05-16"),  # 'was deported on May 16': before the story
        ("May 16", "2019-11-20", None, "2019-05-16"),  # no tense: the past, news's default
        ("May 16", "2019-11-20", "future", "2020-05-16"),  # 'will be heard on May 16'
        ("Oct. 14", "2016-10-20", "present", "2016-10-14"),  # 'votes on Oct. 14': the nearer
        ("14 October", "2016-10-10", "present", "2016-10-14"),
        ("next month", "2016-10-20", "past", None),  # a past-tense clause never happens after its story
        ("1889", "2016-10-20", "past", "1889"),
        ("55", "2016-10-20", None, None),  # a bare number is no year
    ],
)
def test_dates_month_days_and_years_follow_the_clause(
    expression: str, article: str, tense: str | None, expected: str | None
) -> None:
    assert resolve_date(expression, article, tense) == expected  # type: ignore[arg-type]


def test_dates_a_number_after_a_noun_is_no_year() -> None:
    from communique import Article, extract_one

    record = extract_one(
        Article(id="t", text="Troops from Chad entered area 55 and seized the depot.", date="2019-11-20")
    )
    assert all(e.date is None for e in record.events)


@pytest.mark.skipif(not (SHARED / "devsets" / "stream_dev").is_dir(), reason=without_shared("devsets/stream_dev"))
def test_dates_no_past_clause_is_dated_after_its_article_on_the_dev_articles() -> None:
    """Over every whole article of stream_dev: a date read from a past-tense clause without its year
    ('was deported on May 16') never falls after the article's own date (events take their dates from
    these expressions)."""
    from communique.claims.dates import date_entities, resolve_entity
    from communique.clauses import clauses_of
    from communique.nlp import load

    nlp = load()
    docs = [json.loads(line) for line in (SHARED / "devsets/stream_dev/docs.jsonl").read_text("utf-8").splitlines()]
    checked = 0
    for row in docs:
        if not row.get("date"):
            continue
        doc = nlp.make_doc(row["text"])
        doc._.article_date = row["date"][:10]
        doc = nlp(doc)
        for ents in date_entities(doc).values():
            for ent in ents:
                resolved = resolve_entity(ent, doc._.article_date)
                if resolved and clauses_of(doc).of(ent.root).tense == "past" and not re.search(r"\d{4}", ent.text):
                    checked += 1
                    assert resolved <= doc._.article_date[: len(resolved)], (ent.text, resolved, row["id"])
    assert checked > 20  # the dev articles hold past-tense dates enough to mean something


def test_dates_an_event_takes_the_date_of_its_own_clause_and_says_whence() -> None:
    from communique import Article, extract_one

    text = "Kenya said on Monday that Uganda had shelled its border post on Friday."
    [shelled] = [e for e in extract_one(Article(id="t", text=text, date="2025-06-11")).events if e.cameo == "190"]
    assert (shelled.date, shelled.date_text) == ("2025-06-06", "Friday")  # not Monday, when Kenya said it
    [undated] = extract_one(Article(id="u", text="Uganda shelled a Kenyan border post.", date="2025-06-11")).events
    assert (undated.date, undated.date_text) == (None, None)  # no date named: the article's is all there is
