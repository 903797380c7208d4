"""What a number counts: a currency (ISO 4217, from babel's English locale data), percent, or a unit
of measure (from pint's registry), read from the words written next to it.

Nothing here is a hand-kept list of currencies or units: babel names every ISO 4217 currency with
its symbols and plural forms, and pint parses unit words, abbreviations and rates ('km/h', 'barrels
per day'). The few tables below settle what those libraries cannot: which of the twenty dollars a
bare "dollar" means, and English words that pint would take for a unit ('in', 'a', 'pm').
"""

from __future__ import annotations

import re
from functools import cache

# A bare name that several currencies share means, in news, the one below ("rubles" is the Russian
# ruble, "the dollar" the US dollar) unless the text qualifies it ("Canadian dollars", "CFA francs").
BARE_NAMES = {
    "dollar": "USD",
    "pound": "GBP",
    "sterling": "GBP",
    "franc": "CHF",
    "cfa franc": "XOF",
    "peso": "MXN",
    "rupee": "INR",
    "ruble": "RUB",
    "rouble": "RUB",
    "riyal": "SAR",
    "rial": "IRR",
    "won": "KRW",
    "lira": "TRY",
    "shilling": "KES",
    "krone": "NOK",
    "kroner": "NOK",
    "dinar": "IQD",
    "dirham": "AED",
    "mark": "DEM",
    "guilder": "NLG",
    "peseta": "ESP",
    "escudo": "PTE",
    "renminbi": "CNY",
    "kwacha": "ZMW",
    "rmb": "CNY",
    "dlr": "USD",  # wire-service abbreviations: '30 mln dlrs', '1.5 stg'
    "stg": "GBP",
}
# Last words of currency names that alone are English words or units ('2 gold medals', 'the value',
# '5 drams'), and names that before a number are words ('Ghana won 2 medals', 'marks 50 years').
NOT_CURRENCIES = frozenset("gold value values sol dram drams".split())
WORDS_BEFORE_NUMBERS = frozenset("won mark marks real reals rand pound pounds".split())
# Symbols babel's English data writes differently ('CA$') or not at all.
EXTRA_SYMBOLS = {"US$": "USD", "C$": "CAD", "AU$": "AUD", "S$": "SGD", "Rs": "INR", "Rs.": "INR", "₽": "RUB"}
# Words pint reads as units that, after a number in news, are something else ('10 in the morning',
# '2 pm', 'a'), and words that are units but read better as counted things.
NOT_UNITS = frozenset(
    "a an am pm in at are to of or and as by on is it be do no so up he we us me my per cent point points quarter "
    "has had was were will "
    "b c d e f g h i j k l n o p q r s t u v w x y z".split()
)
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
PERCENT = re.compile(r"\s*(%|per ?cent\b|percent\b|pct\b|percentage points?\b)", re.IGNORECASE)
POINTS = re.compile(r"\s+(?:basis )?points?\b", re.IGNORECASE)


@cache
def currency_names() -> dict[str, str]:
    """Every English name of every current currency ('us dollars', 'yuan', 'finnish markka', 'euro'),
    lower-cased, to its ISO 4217 code; a name several currencies end in maps to its bare-name default."""
    from babel import Locale
    from babel.numbers import get_currency_name

    locale = Locale("en")
    by_suffix: dict[str, set[str]] = {}
    for code, name in locale.currencies.items():
        if "(" in name or code.startswith("X") and code not in ("XOF", "XAF"):
            continue  # '(1990–1992)' and other dated or fund units, gold, test codes
        for form in {name.lower(), get_currency_name(code, count=2, locale="en").lower()}:
            words = form.split()
            for first in range(len(words)):
                by_suffix.setdefault(" ".join(words[first:]), set()).add(code)
    names: dict[str, str] = {}
    whole = {form: code for code, name in locale.currencies.items() for form in (name.lower(), name.lower() + "s")}
    for suffix, codes in by_suffix.items():
        if suffix in NOT_CURRENCIES:
            continue
        default = BARE_NAMES.get(singular(suffix))
        if len(codes) == 1:
            names[suffix] = next(iter(codes))
        elif default in codes:
            names[suffix] = default
        elif whole.get(suffix) in codes:  # 'euros': the Euro, not the WIR Euro
            names[suffix] = whole[suffix]
    names.update({name: code for name, code in BARE_NAMES.items() if name not in names})
    names.update({name + "s": code for name, code in BARE_NAMES.items() if name + "s" not in names})
    return names


@cache
def currency_symbols() -> dict[str, str]:
    """Symbols and codes written before an amount ('$', '€', 'HK$', 'CA$', 'USD'), to ISO 4217 codes."""
    from babel import Locale

    locale = Locale("en")
    symbols: dict[str, str] = {str(code): str(code) for code in locale.currencies}
    symbols.update({str(s): str(c) for c, s in locale.currency_symbols.items() if s != c})
    symbols.update(EXTRA_SYMBOLS)
    symbols.pop("¤", None)
    return symbols


def singular(name: str) -> str:
    """'dollars' dollar, 'shares' share (not 'press' pres)."""
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def currency_after(text: str) -> tuple[str, int] | None:
    """The currency written at the start of `text` (' finnish markka.', ' yuan', ' €', 'USD') and its length."""
    return currency_name_after(text) or _currency_symbol_after(text)


def currency_name_after(text: str) -> tuple[str, int] | None:
    words = list(re.finditer(r"[^\W\d_]+\.?", text[:60]))
    if not words or text[: words[0].start()].strip(" -"):
        return None
    names = currency_names()
    for count in range(min(4, len(words)), 0, -1):
        chosen = words[:count]
        if any(text[a.end() : b.start()].strip() for a, b in zip(chosen, chosen[1:], strict=False)):
            continue
        name = " ".join(w.group(0).rstrip(".").lower() for w in chosen)
        code = names.get(name)
        if code:
            return code, chosen[-1].end() - (1 if chosen[-1].group(0).endswith(".") else 0)
    return None


def _currency_symbol_after(text: str) -> tuple[str, int] | None:
    stripped = text.lstrip(" ")
    skipped = len(text) - len(stripped)
    if skipped > 1:
        return None
    for size in (3, 2, 1):
        code = currency_code(stripped[:size]) if len(stripped) >= size else None
        if code and not (len(stripped) > size and stripped[size].isalnum()):
            return code, skipped + size
    return None


def currency_before(text: str) -> tuple[str, int] | None:
    """The symbol or code written just before an amount ('$', 'US$ ', 'EUR ', '€') and its length."""
    stripped = text.rstrip(" ")
    if len(text) - len(stripped) > 1:
        return None
    prefixed = re.search(r"(?:^|(?<=\s))([^\W\d_]{1,3}) ?\$$", stripped)  # 'HK$', 'c $', 'aud$'
    if prefixed and prefixed.group(1) != "a":  # 'a $700 million contract'
        letters = prefixed.group(1).upper()
        code = currency_symbols().get(letters + "$") or currency_symbols().get(letters if len(letters) == 3 else "")
        if code:
            return code, len(text) - prefixed.start()
    named = re.search(r"(?:^|(?<=\s))([^\W\d_]+)$", stripped)  # 'dollar 22.5 million', 'rmb 10'
    if named and named.group(1).lower() in currency_names() and named.group(1).lower() not in WORDS_BEFORE_NUMBERS:
        return currency_names()[named.group(1).lower()], len(text) - named.start()
    for size in (3, 2, 1):
        candidate = stripped[-size:] if len(stripped) >= size else ""
        before = stripped[-size - 1 : -size] if len(stripped) > size else ""
        code = currency_code(candidate)
        if code and not before.isalnum():
            return code, len(text) - len(stripped) + size
    return None


# Codes that may be written in lower case: the major currencies; other codes are English words
# in lower case ('all', 'top', 'cup', 'try').
LOWER_CASE_CODES = frozenset("usd eur gbp jpy cny chf cad aud rub inr".split())


def currency_code(candidate: str) -> str | None:
    """The ISO 4217 code a symbol or code stands for ('$', 'HK$', 'EUR', 'usd'), or None."""
    if not candidate or candidate.isspace():
        return None
    if candidate.isalpha():
        if len(candidate) == 3 and (candidate.isupper() or candidate in LOWER_CASE_CODES):
            return currency_symbols().get(candidate.upper())
        return EXTRA_SYMBOLS.get(candidate)
    return currency_symbols().get(candidate)


@cache
def _registry():  # type: ignore[no-untyped-def]
    import pint

    return pint.UnitRegistry()


def measure_after(text: str) -> tuple[str, int] | None:
    """The unit of measure at the start of `text` (' miles', 'km/h', ' barrels per day', '-inch') in
    pint's long name, in SI spelling ('mile', 'kilometre per hour', 'barrel per day'), and its length."""
    attached = not text[:1].isspace()
    words = list(re.finditer(r"[A-Za-z][A-Za-z/²³0-9]*", text[:50]))
    if not words or text[: words[0].start()].strip(" -"):
        return None
    for count in range(min(3, len(words)), 0, -1):
        chosen = words[:count]
        if any(text[a.end() : b.start()] != " " for a, b in zip(chosen, chosen[1:], strict=False)):
            continue
        phrase = " ".join(w.group(0) for w in chosen)
        if phrase.lower() in WIRE_UNITS:
            return WIRE_UNITS[phrase.lower()], chosen[-1].end()
        if count == 1 and (phrase.lower() in NOT_UNITS and not attached or phrase.lower() in ("a", "an", "am", "pm")):
            continue
        if count > 1 and chosen[-1].group(0).lower() in NOT_UNITS:
            continue
        name = _unit_name(phrase)
        if name:
            return name, chosen[-1].end()
    return None


# The SI brochure's English spellings ('kilometre', 'tonne'), for pint's American names.
SI_SPELLINGS = {"metric ton": "tonne", "meter": "metre", "liter": "litre"}
# Abbreviations of news wires that pint does not read ('100,000 bpd').
WIRE_UNITS = {"bpd": "barrel per day", "b/d": "barrel per day"}


@cache
def _unit_name(phrase: str) -> str | None:
    import pint

    registry = _registry()
    try:
        units = registry.parse_units(phrase.replace("²", "**2").replace("³", "**3"))
    except (
        pint.errors.PintError,
        AttributeError,
        TypeError,
        ValueError,
        SyntaxError,
        AssertionError,
        ZeroDivisionError,
    ):
        return None  # pint's parser asserts on a dangling operator ('Baltimore/'), divides by a zero ('x/0'): no unit
    if units.dimensionless and phrase.lower() not in ("degree", "degrees", "turn", "turns", "radian", "radians"):
        return None
    name = f"{units:D}"  # 'kilometer / hour', 'meter ** 2'
    name = re.sub(r"(\w+) \*\* 2", r"square \1", name)
    name = re.sub(r"(\w+) \*\* 3", r"cubic \1", name)
    name = name.replace(" / ", " per ").replace("_", " ")
    for american, international in SI_SPELLINGS.items():
        name = name.replace(american, international)
    return name


def percent_after(text: str) -> tuple[str, int] | None:
    """'%', ' percent', ' per cent', ' percentage points' or ' points' at the start of `text`."""
    match = PERCENT.match(text)
    if match:
        unit = "percentage point" if "point" in match.group(1).lower() else "percent"
        return unit, match.end()
    match = POINTS.match(text)
    if match:
        return "point", match.end()
    return None
