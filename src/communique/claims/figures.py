"""Figures claimed in the text: money, counts and percentages with unit, qualifier, subject and period."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors.table import ActorTable
from ..model import Figure
from .dates import date_entities, first_date

CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR", "C$": "CAD"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "ruble": "RUB",
    "rouble": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "franc": "CHF",
    "lira": "TRY",
    "riyal": "SAR",
    "rand": "ZAR",
    "naira": "NGN",
    "hryvnia": "UAH",
    "shekel": "ILS",
    "won": "KRW",
    "peso": "MXN",
    "real": "BRL",
    "dinar": "IQD",
}
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
QUALIFIERS = [
    (
        ">",
        (
            "more than",
            "over",
            "above",
            "surpassing",
            "surpassed",
            "exceeding",
            "exceeded",
            "at least",
            "upwards of",
            "in excess of",
            "topping",
            "over",
        ),
    ),
    ("<", ("less than", "fewer than", "under", "below", "up to", "at most", "nearly under")),
    (
        "~",
        (
            "about",
            "around",
            "nearly",
            "almost",
            "approximately",
            "roughly",
            "some",
            "an estimated",
            "estimated",
            "close to",
            "circa",
        ),
    ),
]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def find_figures(doc: Doc, table: ActorTable, *, date: str | None, claimant) -> list[Figure]:  # type: ignore[no-untyped-def]
    """MONEY, PERCENT and counted CARDINAL entities as Figures; `claimant(token)` gives who claims one."""
    figures: list[Figure] = []
    dates = date_entities(doc)
    for ent in doc.ents:
        if ent.label_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
            continue
        value = _value(ent.text)
        if value is None:
            continue
        unit = _unit(ent)
        if unit is None:
            continue
        qualifier, span = _qualifier(ent)
        figures.append(
            Figure(
                id=f"f{len(figures) + 1}",
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                value=value,
                unit=unit,
                qualifier=qualifier,
                subject=_subject(ent, unit),
                period=_period(ent, date, dates),
                claimed_by=claimant(ent.root),
            )
        )
    return figures


def _value(text: str) -> float | None:
    match = _NUMBER.search(text)
    if not match:
        return None
    value = float(match.group(0).replace(",", ""))
    for word in re.findall(r"[a-zA-Z]+", text[match.end() :]):
        if word.lower() in SCALES:
            value *= SCALES[word.lower()]
            break
    return value


def _unit(ent: Span) -> str | None:
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        for symbol, code in sorted(CURRENCY_SYMBOLS.items(), key=lambda kv: -len(kv[0])):
            if symbol in ent.text:
                return code
        for token in [*ent, *ent.root.head.subtree][:12]:
            word_code = CURRENCY_WORDS.get(token.lemma_.lower())
            if word_code:
                return word_code
        return "money"
    counted = _counted_noun(ent)
    if counted is None or ent.root.head.ent_type_ in ("DATE", "TIME"):
        return None
    return "count"


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


def _qualifier(ent: Span) -> tuple[str, Span]:
    """The qualifier inside the entity ('more than 32,000') or just before it ('surpassing $27.7 billion')."""
    doc = ent.doc
    lower = ent.text.lower()
    for symbol, words in QUALIFIERS:
        for word in words:
            if lower.startswith(word + " "):
                return symbol, ent
    before = doc[max(ent.sent.start, ent.start - 3) : ent.start].text.lower()
    for symbol, words in QUALIFIERS:
        for word in words:
            if before.endswith(word):
                count = len(word.split())
                return symbol, doc[ent.start - count : ent.end]
    return "=", ent


def _subject(ent: Span, unit: str) -> str | None:
    """What the figure measures: the counted noun phrase, or the subject of the clause it completes."""
    if unit == "count":
        noun = _counted_noun(ent)
        if noun is not None:
            words = [
                t
                for t in noun.subtree
                if t.i <= noun.i
                and t.i not in range(ent.start, ent.end)
                and t.dep_ in ("amod", "compound", "nmod")
                or t.i == noun.i
            ]
            return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    token = ent.root
    while token.head.i != token.i:
        token = token.head
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON":
            span = ent.doc[min(t.i for t in subject.subtree) : max(t.i for t in subject.subtree) + 1]
            return span.text
    return None


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
