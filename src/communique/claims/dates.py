"""Date expressions resolved against the article's date: "on Monday", "last month", "late May", "2024".

Vague expressions ("in recent years") resolve to None rather than to an invented day; a month
or a year stays a month or a year ("2025-05", "2024").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # dates are validated without loading spaCy (queries, readers, the record models)
    from spacy.tokens import Doc, Span

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def normalise_date(value: str) -> str:
    """'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' for a date a user or a feed gave; ValueError if it is none.

    ISO dates and timestamps keep their precision; 'June 10, 2025' and '10 June 2025' are read;
    numeric forms such as '10/06/2025' are refused, since day and month cannot be told apart.
    """
    text = value.strip()
    if re.fullmatch(r"(?:19|20)\d{6}", text):  # ISO 8601 basic format, as PETRARCH's records write it
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date") from None
        return "-".join(part for part in (year, month, day) if part)
    lower = text.lower().rstrip(".")
    absolute = _absolute(lower) if re.fullmatch(r"[a-z0-9 ,.]+", lower) else None
    if absolute is None or not re.search(r"\d{4}", lower):
        raise ValueError(f"{value!r} is not a date")
    return absolute


def resolve_date(expression: str, article_date: str | None) -> str | None:
    """'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or None for a date expression in an article of `article_date`."""
    text = expression.lower().strip()
    anchor = _parse_iso(article_date)
    absolute = _absolute(text)
    if absolute:
        return absolute
    if anchor is None:
        return None
    for index, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", text):
            back = (anchor.weekday() - index) % 7
            if "next" in text:
                back = -((index - anchor.weekday()) % 7 or 7)
            return (anchor - dt.timedelta(days=back)).isoformat()
    if re.search(r"\byesterday\b", text):
        return (anchor - dt.timedelta(days=1)).isoformat()
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", text):
        return anchor.isoformat()
    if re.search(r"\btomorrow\b", text):
        return (anchor + dt.timedelta(days=1)).isoformat()
    shift = -1 if re.search(r"\b(last|past|previous)\b", text) else 1 if "next" in text else 0
    if re.fullmatch(r"(the )?(last|past|previous|this|next) month", text):
        month = anchor.month + shift
        year = anchor.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    if re.fullmatch(r"(the )?(last|past|previous|this|next) year", text):
        return f"{anchor.year + shift:04d}"
    month_match = re.search(r"\b(" + "|".join(MONTHS) + r")\b", text)
    if month_match and not re.search(r"\d", text):
        month = MONTHS.index(month_match.group(1)) + 1
        year = anchor.year - (1 if month > anchor.month and shift <= 0 else 0)
        return f"{year:04d}-{month:02d}"
    return None


def _absolute(text: str) -> str | None:
    """Dates that need no anchor: '10 June 2025', 'June 10, 2025', 'May 2025', '2024'."""
    month_names = "|".join(m for m in MONTHS) + "|" + "|".join(_MONTH_ABBR)
    match = re.search(rf"\b(\d{{1,2}})\s+({month_names})\.?,?\s+(\d{{4}})\b", text) or re.search(
        rf"\b({month_names})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", text
    )
    if match:
        groups = match.groups()
        day, month, year = (
            (groups[0], groups[1], groups[2]) if groups[0].isdigit() else (groups[1], groups[0], groups[2])
        )
        try:
            return dt.date(int(year), _month(month), int(day)).isoformat()
        except ValueError:
            return None
    match = re.search(rf"\b({month_names})\.?\s+(\d{{4}})\b", text)
    if match:
        return f"{int(match.group(2)):04d}-{_month(match.group(1)):02d}"
    match = re.fullmatch(r"(?:in |the year |during |by |since |until )?((?:19|20)\d\d)", text)
    if match:
        return match.group(1)
    return None


def _month(name: str) -> int:
    return _MONTH_ABBR[name[:3]]


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_entities(doc: Doc) -> dict[int, list[Span]]:
    """DATE entities by the first token of their sentence, in one pass: `Span.ents` scans the whole
    document on every call, which made long articles cost quadratic time."""
    found: dict[int, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ == "DATE":
            found.setdefault(ent.sent.start, []).append(ent)
    return found


def first_date(ents: list[Span], article_date: str | None) -> str | None:
    """The first of these date entities that resolves, resolved."""
    for ent in ents:
        resolved = resolve_date(ent.text, article_date)
        if resolved:
            return resolved
    return None
