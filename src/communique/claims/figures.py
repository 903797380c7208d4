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
# Prepositions by which a verb sets what its object measures: 'raised its forecast by 0.3 points to 2.1 percent',
# 'put exports at 40,000 tonnes', 'cut the rate from 5 percent'.
SET_PREPOSITIONS = frozenset({"by", "to", "at", "from"})
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
ABBREVIATED_SCALES = frozenset({"mn", "bn", "tn", "mln", "bln", "trn"})
# 'in mln tonnes --', '(in thousands of dlrs)', 'in tonnes:': the heading of a table, declaring its unit.
_DECLARED = re.compile(
    r"\bin (?:(?P<scale>mln|bln|millions?|billions?|thousands?)(?: of)? )?(?P<unit>[a-z]+)\s*(?:--|:|\))",
    re.IGNORECASE,
)
_ROW_LABEL = re.compile(r"([A-Za-z][A-Za-z .]*?)\s+(?:-?\d[\d,.]*\s+)*$")
_TABLE_CELL = re.compile(r"(?:^|\s{2,})-?\d[\d,.]*(?=\s{2,}|\s*$)")
_SHARE = re.compile(r"\s+(?:of|in|out of)\s+", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:to|and|or|-|–|—)\s*$", re.IGNORECASE)


@dataclass
class Reading:
    """One number read with what is written around it."""

    start: int
    end: int
    value: float
    unit: str | None = None
    scale: float = 1.0  # the factor a scale word applied ('billion', 'bn', 'MEUR')
    subject: str | None = None  # what a table's cell measures: its table's heading and its row's label

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
    _declared_units(text, readings)
    readings = _shares(text, readings)
    spanned = [(r, span) for r in readings if (span := doc.char_span(r.start, r.end, alignment_mode="expand"))]
    _subunits_in_currency(spanned)
    figures: list[Figure] = []
    for reading, span in spanned:
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
                subject=reading.subject or _subject(span, unit, shown[0]),
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
    abbreviated = scale is not None and scale.group(2).lower() in ABBREVIATED_SCALES  # 'four mln tonnes'
    if scale and (abbreviated or not number.spelt) and _takes_scale(text, scale, money=reading.unit is not None):
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
                    _subunit_named(text, reading)
                    _cents(text, reading)
                if finder in (currency_after, _subunit):
                    _per(text, reading)
                break
    else:
        _per(text, reading)
    if reading.unit is None and number.spelt and 0 < reading.value < 1:
        reading.unit = "fraction"  # 'one-fifth', 'two thirds', 'a quarter'
    return reading


def _takes_scale(text: str, scale: re.Match[str], *, money: bool) -> bool:
    """Whether the word after a number scales it: 'million', 'bn', 'lakh' always; a one-letter 'm', 'b',
    'k' only for money ('$5m', '1.8M dollars') or glued to the number ('20k'), except 'm' (metres: '1.8m')."""
    word = scale.group(2).lower()
    if word not in SCALES:
        return False
    if len(word) > 1 and word not in ("mn", "bn", "tn") or money:  # 'mln', 'bln' scale whatever follows
        return True
    if currency_after(text[scale.end(2) : scale.end(2) + 40]):
        return True
    return not scale.group(1) and word != "m"


def _subunit_named(text: str, money: Reading) -> None:
    """'80 euro cents': the currency's hundredths."""
    subunit = _SUBUNIT.match(text, money.end)
    if subunit:
        money.value, money.end = money.value / 100, subunit.end()


def _subunits_in_currency(spanned: list[tuple[Reading, Span]]) -> None:
    """'rose 6 cents to $3.10', 'fell 2 pence to 150 pounds': cents and pence are hundredths of the one
    currency their sentence states (pence of sterling only); where it states none or several, they stay
    cents and pence, whose currency the text does not say."""
    currencies: dict[int, set[str]] = {}
    for reading, span in spanned:
        code = (reading.unit or "").split(" per ")[0]
        if len(code) == 3 and code.isupper():
            currencies.setdefault(span.sent.start, set()).add(code)
    for reading, span in spanned:
        subunit, _, rate = (reading.unit or "").partition(" per ")
        named = currencies.get(span.sent.start, set())
        if subunit not in ("cent", "penny") or len(named) != 1:
            continue
        (code,) = named
        if (subunit == "penny") == (code == "GBP"):
            reading.value /= 100
            reading.unit = f"{code} per {rate}" if rate else code


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
        if first.unit is None and _year_like(first, text):
            continue  # 'by 2030 to 32 percent': a year, then the percentage
        if not _RANGE.match(text[first.end : second.start]):
            continue
        first.unit = second.unit = first.unit or second.unit
        if second.scaled and first.value <= second.value / second.scale:  # not '500 to 3 million'
            first.value, first.scale = first.value * second.scale, second.scale


def _declared_units(text: str, readings: list[Reading]) -> None:
    """A table's numbers take the scale and unit its heading declares: 'as follows, in mln tonnes --',
    'Revenue (in thousands of dlrs):' make a bare '0.13' in the rows under it 130,000 tonnes."""
    declarations = [
        (match.end(), SCALES.get(singular((match.group("scale") or "").lower()), 1.0), unit)
        for match in _DECLARED.finditer(text)
        if (unit := _unit_of(match.group("unit")))
    ]
    for reading in readings:
        declared = next((d for d in reversed(declarations) if d[0] <= reading.start), None)
        if declared is None or reading.unit is not None or reading.scaled or not _in_table_row(text, reading):
            continue
        reading.value, reading.scale, reading.unit = reading.value * declared[1], declared[1], declared[2]
        reading.subject = _cell_subject(text, reading)


def _unit_of(word: str) -> str | None:
    found = currency_after(" " + word) or measure_after(" " + word)
    return found[0] if found and found[1] == len(word) + 1 else None


def _cell_subject(text: str, reading: Reading) -> str | None:
    """'ARGENTINA SOYBEAN MEAL Production': the nearest line above with no number (the table's heading,
    without its declared unit) and the words before the cell on its row."""
    start = text.rfind("\n", 0, reading.start) + 1
    label = _ROW_LABEL.search(text, start, reading.start)
    heading = next(
        (line for line in reversed(text[:start].splitlines()) if line.strip() and not re.search(r"\d", line)),
        "",
    )
    heading = _DECLARED.split(heading)[0] if _DECLARED.search(heading) else heading
    words = " ".join(part.strip(" ,-") for part in (heading, label.group(1) if label else "") if part.strip(" ,-"))
    return words or None


def _in_table_row(text: str, reading: Reading) -> bool:
    """A number in a row of a table: its line holds other numbers, set apart by runs of spaces."""
    start = text.rfind("\n", 0, reading.start) + 1
    end = text.find("\n", reading.end)
    line = text[start : end if end >= 0 else len(text)]
    return len(_TABLE_CELL.findall(line)) >= 3


def _shares(text: str, readings: list[Reading]) -> list[Reading]:
    """'eight of 10 voters', 'one in five', 'two out of three': one share (0.8), not two counts."""
    merged: list[Reading] = []
    for reading in readings:
        before = merged[-1] if merged else None
        if (
            before is not None
            and None is before.unit is reading.unit
            and not (before.scaled or reading.scaled)
            and 0 < before.value < reading.value
            and _SHARE.fullmatch(text, before.end, reading.start)
        ):
            merged[-1] = Reading(before.start, reading.end, before.value / reading.value, "fraction")
            continue
        merged.append(reading)
    return merged


def _count(span: Span, reading: Reading, text: str) -> str | None:
    """'count' for a number of things ('32,000 students', 'fourteen people'); None for a date, a time,
    a year, a label ('No. 10', 'Resolution 2231') or a number that counts nothing."""
    if reading.scaled:
        return "count"
    if any(t.ent_type_ in ("DATE", "TIME", "ORDINAL") for t in span):
        return None
    if _year_like(reading, text):
        return None
    if BARE_SKIP.search(text[max(0, reading.start - 20) : reading.start]) or _named(span) or _tally(span):
        return None
    if reading.value == 1 and span[0].lower_ != "1":  # 'one study found', 'one source said': a determiner
        return None
    return "count" if _counted_noun(span) is not None else None


def _year_like(reading: Reading, text: str) -> bool:
    return reading.value.is_integer() and 1800 <= reading.value <= 2100 and "," not in text[reading.start : reading.end]


def _named(span: Span) -> bool:
    """A number that is part of a name or label: joined to a capitalised word inside the sentence ('Fortune
    500', 'Boeing 777', 'Windows 10'); not one that only follows a name ('called Bob 3 times')."""
    if span.start == span.sent.start:
        return False
    before, number = span.doc[span.start - 1], span[0]
    joined = number.head.i == before.i or before.head.i == number.i
    joined = joined or (before.head.i == number.head.i and before.dep_ in ("compound", "nmod"))  # 'Boeing 777 jets'
    return joined and before.pos_ == "PROPN" and before.is_title and before.i != span.sent.start


def _tally(span: Span) -> bool:
    """'a 5-4 decision', 'won 3-1': two numbers joined by a dash before a singular noun or none are a score
    or a vote, not a range of counts ('10-15 people')."""
    doc = span.doc
    first, last = span[0].i, span[-1].i
    joined = last + 2 < len(doc) and doc[last + 1].text in ("-", "–") and doc[last + 2].like_num
    joined_to = first >= 2 and doc[first - 1].text in ("-", "–") and doc[first - 2].like_num
    if not (joined or joined_to):
        return False
    after = doc[last + 3] if joined else doc[last + 1] if last + 1 < len(doc) else None
    return after is None or after.tag_ != "NNS"


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
    """What the figure measures, as English says it: the counted noun ('more than 32,000 African students',
    without the qualifier, which starts at `shown_from`), what it is a quantity of ('four mln tonnes of
    wheat', 'a payment of $30m'), the noun it modifies ('a 12 pct rise'), what a participle says of it ('$3
    million borrowed from a cousin'), the object a verb sets at it ('raised its forecast to 2.1 percent',
    'put exports at 40,000 tonnes'), the group a share is among ('among voters, 38 percent ...'), or the
    subject of the clause it completes ('exports rose 3%'; 'compared with 2%' completes the clause it
    compares to)."""
    noun = _counted_noun(ent) if unit in ("count", "fraction") else None
    noun = noun or _measured_noun(ent, money=len(unit) == 3 and unit.isupper()) or _modified_noun(ent)
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
    described = next((c for c in ent.root.children if c.dep_ == "acl" and c.i >= ent.end), None)
    if described is not None:
        return ent.doc[described.left_edge.i : described.right_edge.i + 1].text.rstrip(" ,.")
    clauses = clauses_of(ent.doc)
    clause = clauses.of(ent.root.head)
    while clauses.subject(clause.predicate) is None and _compares(ent.doc[clause.predicate]):
        clause = clauses.of(ent.doc[clause.predicate].head)
    predicate = ent.doc[clause.predicate]
    if ent.root.dep_ == "nsubj":
        group = _among(predicate)
        return _without_clauses(group) if group is not None else None
    setting = ent.root.head.dep_ == "prep" and ent.root.head.lower_ in SET_PREPOSITIONS
    objects = [ent.doc[i] for i in clause.objects if ent.doc[i].dep_ == "dobj" and i not in range(ent.start, ent.end)]
    if (setting or ent.root.dep_ == "npadvmod") and objects and objects[0].pos_ != "PRON":
        return _without_clauses(objects[0])
    purpose = _purpose(ent)
    if purpose is not None:
        return ent.doc[purpose.left_edge.i : purpose.right_edge.i + 1].text
    subject = clauses.subject(clause.predicate)
    if subject is None or subject.pos_ == "PRON" or subject.i in range(ent.start, ent.end):
        return None
    return _without_clauses(subject)


def _purpose(ent: Span) -> Token | None:
    """'It would take two months and $15 million to build the road': what a time or a cost is spent on is the
    infinitive of 'take' or 'cost'."""
    root = ent.root
    while root.dep_ == "conj":
        root = root.head
    verb = root.head
    if root.dep_ != "dobj" or verb.lemma_ not in ("take", "cost"):
        return None
    return next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.i > root.i), None)


def _modified_noun(ent: Span) -> Token | None:
    """The noun a quantity modifies from before it: 'a 12 pct rise', 'a $5 billion loan'."""
    root = ent.root
    head = root.head
    if root.dep_ in ("nummod", "compound", "amod", "nmod") and head.i >= ent.end and head.pos_ == "NOUN":
        return head
    return None


def _compares(predicate: Token) -> bool:
    """'compared with', 'against': a participle adjunct that compares a figure to its main clause's."""
    return predicate.lower_ in ("compared", "comparing", "against") and predicate.dep_ in ("prep", "advcl")


def _among(predicate: Token) -> Token | None:
    """The group 'among' names for a clause or the clause it is joined to ('Among voters, 38 percent chose
    X and 35 percent Y')."""
    for clause in (predicate, predicate.head if predicate.dep_ == "conj" else predicate):
        among = next((c for c in clause.children if c.dep_ == "prep" and c.lower_ == "among"), None)
        group = next((g for g in among.children if g.dep_ == "pobj"), None) if among is not None else None
        if group is not None:
            return group
    return None


def _measured_noun(ent: Span, *, money: bool) -> Token | None:
    """The noun a quantity is 'of': after it ('tonnes of wheat', '$5 billion of aid'; money also 'in': '$2
    billion in loans') or before it ('a payment of $30m', 'a rise of 3 percent')."""
    doc = ent.doc
    measured = ("of", "in") if money else ("of",)
    for token in (doc[ent.end - 1], ent.root, *(doc[ent.end : ent.end + 1] if ent.end < len(doc) else [])):
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in measured), None)
        kinds = ("NOUN", "PROPN") if of is not None and of.lower_ == "of" else ("NOUN",)  # 'in August' measures none
        noun: Token | None = (
            next((g for g in of.children if g.dep_ == "pobj" and g.pos_ in kinds), None) if of is not None else None
        )
        if noun is not None and noun.i >= ent.end:
            return noun
    root = ent.root
    owner = root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and owner.pos_ == "NOUN":
        return owner
    return None


def _without_clauses(noun: Token) -> str:
    """The noun phrase of `noun` without its relative or participle clauses and appositions ('the ministry,
    which offered ...'; 'Inflation, a key concern')."""
    clauses = {t.i for c in noun.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    kept = [t.i for t in noun.subtree if t.i not in clauses]
    end = min((i for i in clauses if i > noun.i), default=max(kept) + 1)
    return noun.doc[min(kept) : max(i for i in kept if i < end) + 1].text.rstrip(" ,")


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
