"""Date expressions resolved against the article's date: "on Monday", "last month", "late May", "2024",
"May 5", "will meet on Friday" (dateparser reads what has no year; the clause's tense picks the side
of the article date).

Vague expressions ("in recent years") resolve to None rather than to an invented day; a month
or a year stays a month or a year ("2025-05", "2024").
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING

from ..calendar import MONTH_ABBREVIATIONS, MONTHS, absolute_date, month_number

if TYPE_CHECKING:  # dates are validated without loading spaCy (queries, readers, the record models)
    from spacy.tokens import Doc, Span

    from ..clauses import Tense

# Words after which a bare four-digit number is a year: 'in 1889', 'since 1955', 'the summer of 1990'.
YEAR_PREPOSITIONS = frozenset("in since by until till from before after during of circa around through".split())
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


# Expressions that name no time one could put on a calendar: they stay vague (None).
_VAGUE = re.compile(
    r"\b(?:recent|coming|several|few|some|many|decades?|centur(?:y|ies)|era|times?|ages?|soon|once)\b|\d0s\b"
)
_DURATION = re.compile(
    r"(?:the )?(?:past |last |next |first |coming )?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"[ -](?:days?|weeks?|months?|years?)(?: long| old)?"
)
_PARTS = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|around|of|the|late|early|mid|earlier|later)\b[ -]*)+"
)


def resolve_date(expression: str, article_date: str | None, tense: Tense | None = None) -> str | None:
    """'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or None for a date expression in an article of `article_date`.

    A date without a year, a weekday or a month is the one before the article when the sentence
    speaks of the past (the default in news), the one after when it speaks of the future ('will meet
    on Friday'); each keeps its granularity ('last month' is a month, 'earlier this week' the month
    that week lies in, if one).
    """
    text = _PARTS.sub("", expression.lower().strip()).strip(" ,.")
    if not text or _VAGUE.search(text) or _DURATION.fullmatch(text):
        return None
    absolute = absolute_date(text)
    if absolute:
        return absolute
    anchor = _parse_iso(article_date)
    if anchor is None:
        return None
    if re.fullmatch(r"\d+", text):
        return None  # a bare number is a year only with four digits ('in 1889', above), never 'area 55'
    for index, day in enumerate(WEEKDAYS):
        if re.fullmatch(rf"(?:(this|last|next|past) )?{day}(?: (?:morning|afternoon|evening|night))?", text):
            ahead = "next" in text or tense in ("future", "present") and "last" not in text
            shift = (index - anchor.weekday()) % 7 if ahead else -((anchor.weekday() - index) % 7)
            return (anchor + dt.timedelta(days=shift or (7 if "next" in text else 0))).isoformat()
    month_day = _month_day(text, anchor, tense)
    if month_day is not None:
        return month_day
    resolved = _parsed(text, anchor, "future" if tense in ("future", "present") else "past")
    if tense == "past" and resolved is not None and resolved > anchor.isoformat()[: len(resolved)]:
        return None  # a past-tense clause never happens after its article
    return resolved


def _month_day(text: str, anchor: dt.date, tense: Tense | None) -> str | None:
    """'May 16', '16 May', 'Oct. 14' without a year: the nearest such day to the article's date, on the side
    the clause's tense gives ('was deported on May 16', and a clause of no tense: before; 'will vote on May
    16': after; 'votes on Oct. 14': either, the nearer)."""
    month_names = "|".join([*MONTHS, *MONTH_ABBREVIATIONS])
    match = re.fullmatch(rf"({month_names})\.? (\d{{1,2}})|(\d{{1,2}}) ({month_names})\.?", text)
    if match is None:
        return None
    month, day = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month_number(month), int(day)))
        except ValueError:
            continue
    if tense in ("past", None):  # the past, news's default, unless the clause is in the present or future
        candidates = [c for c in candidates if c <= anchor]
    elif tense == "future":
        candidates = [c for c in candidates if c >= anchor]
    return min(candidates, key=lambda c: abs(c - anchor)).isoformat() if candidates else None


@cache
def _parsed(text: str, anchor: dt.date, tense: Tense) -> str | None:
    """dateparser's reading of `text` relative to `anchor`, preferring the side of it `tense` names."""
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings = {"RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day), "PREFER_DATES_FROM": tense}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if day == anchor and data.period == "day" and not re.search(r"\b(?:today|tonight|this|now)\b", text):
        return None  # dateparser falls back on its base for what it cannot place ('1990s')
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if data.period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        sunday = monday + dt.timedelta(days=6)
        return f"{day.year:04d}-{day.month:02d}" if monday.month == sunday.month else None
    return str(day.isoformat())


def tense_of(ent: Span) -> Tense | None:
    """Whether the clause a date expression sits in speaks of the past or of the future: 'said on
    Monday' past, 'will meet on Friday', 'is to visit in May', 'plans to ... next week' future."""
    from ..clauses import clauses_of  # the clause reading loads spaCy; dates are also validated without it

    return clauses_of(ent.doc).of(ent.root).tense


def resolve_entity(ent: Span, article_date: str | None) -> str | None:
    """A DATE entity resolved against the article date, with the tense of its clause. A bare number is a
    year only where a date is expected ('in 1889', 'since 1955'), never after a noun ('area 55')."""
    if ent.text.strip().isdigit():
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before not in YEAR_PREPOSITIONS:
            return None
    return resolve_date(ent.text, article_date, tense_of(ent))


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
        resolved = resolve_entity(ent, article_date)
        if resolved:
            return resolved
    return None
