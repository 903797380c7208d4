"""Figures claimed in the text: money, counts and percentages with unit, qualifier, subject and period."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..clauses import clauses_of
from ..model import Figure
from .dates import date_entities, first_date
from .numbers import Number, find_numbers
from .units import (
    NOT_UNITS,
    SCALES,
    currency_after,
    currency_before,
    currency_code,
    currency_name_after,
    measure_after,
    percent_after,
    singular,
)

# Words before a number that make it a bound or an estimate ('more than 32,000', 'nearly $5bn').
QUALIFIERS = {
    ">": "more than|over|above|surpassing|surpassed|exceeding|exceeded|at least|upwards of|in excess of|topping",
    "<": "less than|fewer than|under|below|up to|at most|no more than",
    "~": "about|around|nearly|almost|approximately|roughly|some|an estimated|estimated|close to|circa",
}
_QUALIFIER = {symbol: re.compile(rf"\b(?:{words})\s*$", re.IGNORECASE) for symbol, words in QUALIFIERS.items()}
# Words before a number that make it a label, not a quantity ('Resolution 2231', 'Route 66', 'No. 10').
BARE_SKIP = re.compile(
    r"(?:\bno\.|#|\b(?:number|page|article|section|chapter|room|flight|route|resolution|grade|level|phase|"
    r"version|paragraph|item|row|line|vol\.?|volume|series|model|type|code|class|category|highway|exit|road|"
    r"interstate|channel|platform|gate|bus|seat|district|ward|precinct|block|building|apartment|floor))\s*$",
    re.IGNORECASE,
)
_SCALE = re.compile(r"(\s*-?\s*)([a-z]+)\b\.?", re.IGNORECASE)
_RATE = re.compile(r"\s*(?:per\b|an?\b|/)\s*([a-z]+)\b", re.IGNORECASE)
_SUBUNIT = re.compile(r"\s*(cents?|pence|penny|pennies)\b", re.IGNORECASE)
# 'MUSD', 'MEUR', 'MSEK': millions of a currency, as Nordic and German financial reports write them.
_MILLIONS_AFTER = re.compile(r"\s?M([A-Z]{3})\b")
_MILLIONS_BEFORE = re.compile(r"\bM([A-Z]{3})\s?$")
_ATTACHED_CODE = re.compile(r"(?<![^\W\d_])[A-Z]{3}(?=\d)")
_CENTS = re.compile(
    r"(?:,? and)? (\d\d?|[a-z]+(?:[- ][a-z]+)?)(?: cents?\b| pence\b|(?=\s*(?:[.,;!?]|$)))", re.IGNORECASE
)
_RANGE = re.compile(r"\s*(?:to|and|or|-|–|—)\s*$", re.IGNORECASE)


@dataclass
class Reading:
    """One number read with what is written around it."""

    start: int
    end: int
    value: float
    unit: str | None = None
    scale: float = 1.0  # the factor a scale word applied ('billion', 'bn', 'MEUR')

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0


def find_figures(
    doc: Doc, *, date: str | None, claimant: Callable[[Token], str | None], hedged: Callable[[Token], bool]
) -> list[Figure]:
    """Every quantity `doc` states: money, percentages, measures, counted things. `claimant(token)`
    gives who claims one, `hedged(token)` whether its sentence is hedged."""
    text = doc.text
    dates = date_entities(doc)
    readings: list[Reading] = []
    for number in find_numbers(_ATTACHED_CODE.sub(_unglued, text)):
        if not readings or number.start >= readings[-1].end:  # '3 dollars 50 cents' is one amount
            readings.append(_read(text, number))
    _carry_ranges(text, readings)
    figures: list[Figure] = []
    for reading in readings:
        span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        unit = reading.unit or _count(span, reading, text)
        if unit is None:
            continue
        qualifier, shown = _qualifier(span, text, reading)
        figures.append(
            Figure(
                id=f"f{len(figures) + 1}",
                text=text[shown[0] : shown[1]],
                start=shown[0],
                end=shown[1],
                value=reading.value,
                unit=unit,
                qualifier=qualifier,
                subject=_subject(span, unit, shown[0]),
                period=_period(span, date, dates),
                claimed_by=claimant(span.root),
                hedged=hedged(span.root),
            )
        )
    return figures


def _unglued(code: re.Match[str]) -> str:
    """'USD115' read as 'USD 115': a currency code written against its amount, blanked out so the
    number is found (offsets unchanged); any other letters against a number ('G20') stay."""
    return " " * len(code.group(0)) if currency_before(code.group(0)) else code.group(0)


def _read(text: str, number: Number) -> Reading:
    """The number with its currency, scale word and unit: '$27.7 billion', '1.7 trillion rubles',
    '15 percent', '600,000 barrels per day', '3-inch'."""
    reading = Reading(number.start, number.end, number.value)
    currency = currency_before(text[max(0, number.start - 20) : number.start])
    if currency:
        reading.unit, reading.start = currency[0], number.start - currency[1]
    elif (millions := _MILLIONS_BEFORE.search(text, max(0, number.start - 6), number.start)) and (
        code := currency_code(millions.group(1))
    ):  # 'MAUD 60': sixty million Australian dollars
        reading = Reading(millions.start(), number.end, number.value * 1e6, code, scale=1e6)
    scale = _SCALE.match(text, number.end)
    if scale and not number.spelt and _takes_scale(text, scale, money=reading.unit is not None):
        factor = SCALES[scale.group(2).lower()]
        reading.value, reading.scale, reading.end = reading.value * factor, reading.scale * factor, scale.end(2)
    after = text[reading.end : reading.end + 80]
    if reading.unit is not None and text[reading.start : number.start].strip().isalpha() and currency_name_after(after):
        reading.unit, reading.start = None, number.start  # '50 dollar 40 rmb': the name after 40 is its own
    millions = _MILLIONS_AFTER.match(text, reading.end)
    if reading.unit is None and millions and (code := currency_code(millions.group(1))):  # '30 MUSD', '120 MEUR'
        reading.unit, reading.end, reading.value, reading.scale = code, millions.end(), reading.value * 1e6, 1e6
    if reading.unit is None:
        for finder in (currency_after, _subunit, percent_after, measure_after):
            found = finder(after)
            if found:
                reading.unit, reading.end = found[0], reading.end + found[1]
                if finder is currency_after:
                    _cents(text, reading)
                if finder in (currency_after, _subunit):
                    _per(text, reading)
                break
    else:
        _per(text, reading)
    return reading


def _takes_scale(text: str, scale: re.Match[str], *, money: bool) -> bool:
    """Whether the word after a number scales it: 'million', 'bn', 'lakh' always; a one-letter 'm', 'b',
    'k' only for money ('$5m', '1.8M dollars') or glued to the number ('20k'), except 'm' (metres: '1.8m')."""
    word = scale.group(2).lower()
    if word not in SCALES:
        return False
    if len(word) > 1 and word not in ("mn", "bn", "tn", "mln", "bln", "trn") or money:
        return True
    if currency_after(text[scale.end(2) : scale.end(2) + 40]):
        return True
    return not scale.group(1) and word != "m"


def _cents(text: str, money: Reading) -> None:
    """'3 dollars 50 cents', 'fifteen dollars and fifty': the hundredths written after the main unit."""
    tail = _CENTS.match(text, money.end)
    if tail:
        numbers = find_numbers(tail.group(1))
        if numbers and numbers[0].value < 100:
            money.value += numbers[0].value / 100
            money.end = tail.end()


def _per(text: str, money: Reading) -> None:
    """'470 pence a share', '$90 per barrel': the amount is a rate."""
    rate = _RATE.match(text, money.end)
    if rate and rate.group(1).lower() not in SCALES and rate.group(1).lower() not in NOT_UNITS:
        if re.match(r"\s+(?:earlier|ago|before|later|on)\b", text[rate.end() :]):
            return  # '$1.17 billion a year earlier' is no rate
        money.unit, money.end = f"{money.unit} per {singular(rate.group(1).lower())}", rate.end()


def _subunit(text: str) -> tuple[str, int] | None:
    match = _SUBUNIT.match(text)
    return ("cent" if match.group(1).lower().startswith("cent") else "penny", match.end()) if match else None


def _carry_ranges(text: str, readings: list[Reading]) -> None:
    """'between 10 and 15 percent', '$10-15 billion': the first number takes the second's unit and scale."""
    for first, second in zip(readings, readings[1:], strict=False):
        if first.scaled or None not in (first.unit, second.unit) and first.unit != second.unit:
            continue
        if not _RANGE.match(text[first.end : second.start]):
            continue
        first.unit = second.unit = first.unit or second.unit
        if second.scaled and first.value <= second.value / second.scale:  # not '500 to 3 million'
            first.value, first.scale = first.value * second.scale, second.scale


def _count(span: Span, reading: Reading, text: str) -> str | None:
    """'count' for a number of things ('32,000 students', 'fourteen people'); None for a date, a time,
    a year, a label ('No. 10', 'Resolution 2231') or a number that counts nothing."""
    if reading.scaled:
        return "count"
    if any(t.ent_type_ in ("DATE", "TIME", "ORDINAL") for t in span):
        return None
    if reading.value.is_integer() and 1800 <= reading.value <= 2100 and "," not in text[reading.start : reading.end]:
        return None
    if BARE_SKIP.search(text[max(0, reading.start - 20) : reading.start]):
        return None
    return "count" if _counted_noun(span) is not None else None


def _counted_noun(ent: Span) -> Token | None:
    head = ent.root.head
    if ent.root.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN"):
        return head
    if (
        ent.root.dep_ in ("nsubj", "dobj", "pobj", "attr")
        and ent.end < len(ent.doc)
        and ent.doc[ent.end].pos_ == "NOUN"
    ):
        return ent.doc[ent.end]
    if head.dep_ == "nummod" and head.head.pos_ == "NOUN":
        return head.head
    return None


def _qualifier(span: Span, text: str, reading: Reading) -> tuple[str, tuple[int, int]]:
    """The qualifier just before the number ('surpassing $27.7 billion') and the figure's shown extent."""
    window = max(span.sent.start_char, reading.start - 25)
    for symbol, pattern in _QUALIFIER.items():
        match = pattern.search(text, window, reading.start)
        if match:
            return symbol, (match.start(), reading.end)
    return "=", (reading.start, reading.end)


def _subject(ent: Span, unit: str, shown_from: int) -> str | None:
    """What the figure measures: the counted noun phrase (without the qualifier, which starts at
    `shown_from`: 'more than 32,000 African students'), or the subject of the clause it completes."""
    if unit == "count":
        noun = _counted_noun(ent)
        if noun is not None:
            words = [
                t
                for t in noun.subtree
                if t.i <= noun.i
                and not shown_from <= t.idx < ent.end_char
                and t.dep_ in ("amod", "compound", "nmod")
                or t.i == noun.i
            ]
            return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    clauses = clauses_of(ent.doc)
    subject = clauses.subject(clauses.of(ent.root.head).predicate)
    if subject is None or subject.pos_ == "PRON":
        return None
    return ent.doc[subject.left_edge.i : subject.right_edge.i + 1].text


def _period(ent: Span, date: str | None, dates: dict[int, list[Span]]) -> str | None:
    """The first resolvable date in the figure's sentence, or the article's month for 'currently'."""
    sent = ent.sent
    resolved = first_date(dates.get(sent.start, []), date)
    if resolved:
        return resolved
    for token in sent:
        if token.lower_ in ("currently", "now", "today") and date:
            return date[:7]
    return None
