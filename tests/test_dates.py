from __future__ import annotations

import pytest

from communique.claims.dates import resolve_date


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
    from communique.claims.dates import normalise_date

    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["10/06/2025", "2025-13-45", "19951345", "June", "soon"])
def test_dates_normalise_refuses_the_rest(value: str) -> None:
    from communique.claims.dates import normalise_date

    with pytest.raises(ValueError):
        normalise_date(value)
