"""Numbers as written in news: '32,000', '27.7', '1/2', '½', 'twenty-five', 'a dozen', 'fourteen',
each with its character span and value. Scale words and units are read by the caller (figures).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {word: float(i) for i, word in enumerate(UNITS_WORDS)} | {
    word: float(10 * (i + 2)) for i, word in enumerate(TENS_WORDS)
}
MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
# Fractions spelt after a count ('one-fifth', 'two thirds'); alone they are ordinals ('the third time').
PARTS = {"third": 1 / 3, "thirds": 1 / 3, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}
# The denominators of fractions news writes with a slash ('1/2', '2/3', '1-1/8 pct', '3/16'): any other
# ('9/11', '4/12', '24/7', '50/50') is a date, a label or a ratio, not a fraction.
DENOMINATORS = frozenset({2, 3, 4, 5, 8, 10, 16, 32, 64, 100})
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}

_WORD = "|".join(sorted([*WORD_VALUES, *MULTIPLIERS], key=len, reverse=True))
_PART = "|".join(PARTS)
# '32,000', '1,234.5', '12,34,567.89' (Indian grouping, lakhs and crores), '2024', '.5'
_DIGITS = r"(?:\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
# '1.500', '2,5', '12.345,67': a text that groups thousands with points and marks decimals with a comma
_DIGITS_POINT_GROUPED = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_VULGAR = "".join(FRACTIONS)


def _number_pattern(digits: str, decimal: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.,/])(?<![^\W\d_]-)"  # not inside a word or a name such as 'F-16'
        rf"(?:(?P<fraction>\d+/\d+)|(?P<digits>{digits})(?:(?P<vulgar>[{_VULGAR}])|[ -](?P<mixed>\d+/\d+))?"
        rf"|(?P<unicode>[{_VULGAR}])"
        rf"|(?P<words>\b(?:a |one )?(?:three quarters|dozens?|half|quarter|{_WORD})(?:(?:-| and | |-and-)(?:{_WORD}))*"
        rf"(?:[- ](?:{_PART})|[- ]and[- ]a[- ]half)?\b))"
        # nor part of a date ('10/06/2025'), an ordinal ('5th') or a decade ('1970s')
        rf"(?!\d|{re.escape(decimal)}\d|/\d|(?:st|nd|rd|th|'?s)\b)",
        re.IGNORECASE,
    )


NUMBER = _number_pattern(_DIGITS, ",")
NUMBER_POINT_GROUPED = _number_pattern(_DIGITS_POINT_GROUPED, ".")
_POINT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,]\d)")
_COMMA_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|[.,]\d)")
_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?!\d|[.,]\d)")


def points_group_thousands(text: str) -> bool:
    """Whether the text writes '1.500' for fifteen hundred and '2,5' for two and a half, as much of Europe
    does: it groups thousands with points somewhere, and nowhere with commas or a two-place decimal point."""
    return bool(_POINT_GROUPS.search(text)) and not (_COMMA_GROUPS.search(text) or _DECIMAL_POINT.search(text))


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float
    spelt: bool  # written in words: 'fourteen', 'a dozen'


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, left to right; a digit string that is part of a word ('G20', 'F-16')
    is not one."""
    grouped_by_points = points_group_thousands(text)
    found = []
    for match in (NUMBER_POINT_GROUPED if grouped_by_points else NUMBER).finditer(text):
        value = _value(match, grouped_by_points)
        if value is not None:
            found.append(Number(match.start(), match.end(), value, spelt=match.group("words") is not None))
    return found


def _value(match: re.Match[str], grouped_by_points: bool = False) -> float | None:
    if match.group("fraction"):
        return _fraction(match.group("fraction"))
    if match.group("digits"):
        digits = match.group("digits")
        value = float(digits.replace(".", "").replace(",", ".") if grouped_by_points else digits.replace(",", ""))
        if match.group("mixed"):
            part = _fraction(match.group("mixed"))
            if part is None:
                return None
            value += part
        return value + FRACTIONS.get(match.group("vulgar") or "", 0.0)
    if match.group("unicode"):
        return FRACTIONS[match.group("unicode")]
    return words_value(match.group("words"))


def _fraction(written: str) -> float | None:
    """'3/8' 0.375; None for what only looks like one ('9/11', '24/7', '50/50')."""
    top, bottom = (int(part) for part in written.split("/"))
    return top / bottom if bottom in DENOMINATORS and top < bottom else None


def words_value(text: str) -> float | None:
    """'twenty-five' 25, 'three hundred and two' 302, 'a dozen' 12, 'dozens' 12, 'half' 0.5,
    'two million' 2e6; None for a lone multiplier word ('million')."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if len(words) > 2 and words[-2:] == ["a", "half"]:  # 'four and a half'
        whole = words_value(" ".join(words[:-2]))
        return whole + 0.5 if whole is not None else None
    if len(words) > 1 and words[-1] in PARTS:  # 'one-fifth', 'two thirds'
        whole = words_value(" ".join(words[:-1]))
        return whole * PARTS[words[-1]] if whole is not None else None
    if words[0] in ("a", "one") and len(words) > 1 and words[1] in ("dozen", "half", *MULTIPLIERS):
        words[0] = "one"
    if words[-1] in ("dozen", "dozens"):
        return 12.0 * (WORD_VALUES.get(words[0], 1.0) if len(words) > 1 else 1.0)
    if len(words) == 1 and words[0] in FRACTION_WORDS:
        return None  # 'in the quarter', 'half of them': no number is stated
    fraction = next((FRACTION_WORDS[w] for w in words if w in FRACTION_WORDS), None)
    if fraction is not None:  # 'a half', 'half a million', 'three quarters billion'
        times = WORD_VALUES.get(words[0], 1.0)
        return times * fraction * math.prod(MULTIPLIERS[w] for w in words if w in MULTIPLIERS)
    total = current = 0.0
    seen_digit = False
    for word in words:
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen_digit = True
        elif word in MULTIPLIERS and seen_digit:
            current *= MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1e3:
                total, current = total + current, 0.0
        else:
            return None
    return total + current if seen_digit else None
