"""Calendar dates as users, feeds and records write them: no NLP here, so the record contract, the
readers and the store can read and check dates without loading a pipeline."""

from __future__ import annotations

import datetime as dt
import re

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
MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
ISO_DATE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def normalise_date(value: str) -> str:
    """'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' for a date a user or a feed gave; ValueError if it is none.

    ISO dates and timestamps keep their precision; 'June 10, 2025' and '10 June 2025' are read;
    numeric forms such as '10/06/2025' are refused, since day and month cannot be told apart.
    """
    text = value.strip()
    if re.fullmatch(r"(?:19|20)\d{6}", text):  # ISO 8601 basic format, as PETRARCH's records write it
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = ISO_DATE.fullmatch(text)
    if match:
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date") from None
        return "-".join(part for part in (year, month, day) if part)
    lower = text.lower().rstrip(".")
    absolute = absolute_date(lower) if re.fullmatch(r"[a-z0-9 ,.]+", lower) else None
    if absolute is None or not re.search(r"\d{4}", lower):
        raise ValueError(f"{value!r} is not a date")
    return absolute


def absolute_date(text: str) -> str | None:
    """Dates that need no anchor: '10 June 2025', 'June 10, 2025', 'May 2025', '2024'."""
    month_names = "|".join(m for m in MONTHS) + "|" + "|".join(MONTH_ABBREVIATIONS)
    match = re.search(rf"\b(\d{{1,2}})\s+({month_names})\.?,?\s+(\d{{4}})\b", text) or re.search(
        rf"\b({month_names})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", text
    )
    if match:
        groups = match.groups()
        day, month, year = (
            (groups[0], groups[1], groups[2]) if groups[0].isdigit() else (groups[1], groups[0], groups[2])
        )
        try:
            return dt.date(int(year), month_number(month), int(day)).isoformat()
        except ValueError:
            return None
    match = re.search(rf"\b({month_names})\.?\s+(\d{{4}})\b", text)
    if match:
        return f"{int(match.group(2)):04d}-{month_number(match.group(1)):02d}"
    match = re.fullmatch(r"(?:in |the year |during |by |since |until )?(1\d\d\d|20\d\d)", text)
    if match:
        return match.group(1)
    return None


def month_number(name: str) -> int:
    return MONTH_ABBREVIATIONS[name[:3]]
