"""Readers for the PETRARCH dictionary formats: actors, agents and verb patterns.

The packaged tables are made from these files by `scripts/build_data.py`; the pipeline also reads
them directly, so a user can swap in PETRARCH-format dictionaries (the `PETR.Validate.*` files of the
PETRARCH unit tests, or their own) by configuration alone (docs/pipeline.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SMALL_WORDS = {"of", "the", "and", "de", "du", "la", "le", "des", "da", "do", "dos", "van", "von", "al", "el"}


def readable(name: str) -> str:
    """'SHARM_EL-SHEIKH_' -> 'Sharm El-Sheikh'; small joining words stay lower case."""
    words = name.strip("_ ").replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        out.append(
            low if i and low in SMALL_WORDS else "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
        )
    return " ".join(out)


def read_actors(path: Path) -> list[dict[str, Any]]:
    """PETRARCH .actors format: a name line, '+alias' lines, and '[CODE from-to]' lines."""
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([A-Z~]{3,}[A-Z]*)\s*([^\]]*)\]", line)
        head = re.sub(r"\[[^\]]*\]", "", line).strip()
        if head.startswith("+") and current is not None:
            current["names"].append(head[1:])
        elif head and not raw[0].isspace():
            current = {"names": [head], "codes": []}
            entries.append(current)
        for code, dates in codes:
            if current is not None and code != "---":
                current["codes"].append([code, *_date_range(dates)])
    return [e for e in entries if e["codes"]]


def place_code(entry: Mapping[str, Any], countries: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The country a PETRARCH actor entry names, if it names one: an entry with one code and no dates
    (known to `countries` or not: PETR.Validate's countries are fictional), or a country's own entry,
    its name among the entry's, whose code changed over time (Iraq under occupation, Ukraine before
    1991): then the code that holds now."""
    codes = entry["codes"]
    if len(codes) == 1 and len(codes[0][0]) == 3 and codes[0][1] is None and codes[0][2] is None:
        return str(codes[0][0])
    current = [code for code, _, end in codes if code in countries and end is None]
    names = {readable(name).lower() for name in entry["names"]}
    if current and str(countries[current[-1]]["name"]).lower() in names:
        return str(current[-1])
    return None


def _date_range(text: str) -> tuple[str | None, str | None]:
    """'940922-040712', '>20040309', '<991231' -> ISO date bounds (None = open)."""
    text = text.strip()
    if not text:
        return None, None
    if text.startswith(">"):
        return _iso(text[1:]), None
    if text.startswith("<"):
        return None, _iso(text[1:])
    start, _, end = text.partition("-")
    return _iso(start), _iso(end)


def _iso(stamp: str) -> str | None:
    stamp = stamp.strip()
    if not stamp.isdigit():
        return None
    if len(stamp) == 6:  # two-digit years: PETRARCH's pivot is 1930
        year = int(stamp[:2])
        stamp = ("19" if year >= 30 else "20") + stamp
    if len(stamp) != 8:
        return None
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"


def read_agents(path: Path) -> dict[str, str]:
    """A PETRARCH .agents file: lower-case role phrase ('prime minister') -> sector code ('GOV')."""
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        sub = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if sub:
            subs[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        match = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3})[A-Z]*\]", line)
        if not match:
            continue
        phrase, plurals, sector = match.groups()
        forms = [phrase] + (plurals.split() if plurals else [])
        for form in forms:
            for expanded in _expand(form, subs):
                key = expanded.replace("_", " ").strip().lower()
                if key:
                    agents.setdefault(key, sector)
    return agents


def _expand(form: str, subs: dict[str, list[str]]) -> list[str]:
    for key, values in subs.items():
        if key in form:
            return [x for v in values for x in _expand(form.replace(key, v), subs)]
    return [form]


def read_verbs(path: Path) -> dict[str, Any]:
    """A PETRARCH verbs file -> {verbs: {lemma: [block, code]}, blocks: {block: {code, patterns}}, synsets, forms}.

    Synsets (`&NAME` then `+member` lines) may stand anywhere outside a verb block; verb blocks start
    with `--- NAME [code] ---`. When the file has the `VERB PATTERNS` and `TRANSFORMATIONS` headers
    of CAMEO.2.0.txt, only the part between them holds verbs.
    """
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    start = next((i for i, line in enumerate(lines) if "VERB PATTERNS" in line), 0)
    end = next((i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line), len(lines))
    synsets: dict[str, list[str]] = {}
    current_set = None
    for text in lines[:end]:
        if text.startswith("&"):
            current_set = text.split()[0]
            synsets[current_set] = []
        elif text.startswith("+") and current_set:
            synsets[current_set].append(text[1:].strip("_").replace("_", " ").lower())
        elif text.startswith("---"):
            current_set = None
    verbs: dict[str, list[Any]] = {}
    forms: dict[str, str] = {}  # an irregular or listed inflection ('{STUDYING STUDIED}') -> its verb
    blocks: dict[str, dict[str, Any]] = {}
    block = None
    for text in lines[start:end]:
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", text)
        if head:
            block = head.group(1)
            blocks[block] = {"code": _code(head.group(2)), "patterns": []}
            continue
        if text.startswith("&"):
            block = None  # a synset between blocks, read above
        if not text or block is None:
            continue
        if text.startswith("-"):
            match = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", text)
            if not match or "*" not in match.group(1):
                continue
            pre, _, post = match.group(1).partition("*")
            blocks[block]["patterns"].append([_words(pre, synsets), _words(post, synsets), _code(match.group(2))])
            continue
        match = re.match(r"^(\+?)([A-Z][A-Z_'\-]*)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?", text)
        if match:
            words = match.group(2).strip("_").lower().split("_")
            lemma = " ".join(words)
            own = _code(match.group(4)) if match.group(4) else None
            verbs.setdefault(lemma, [block, own])
            for form in (match.group(3) or "").split():
                forms.setdefault(form.strip("_").replace("_", " ").lower(), lemma)
    return {"verbs": verbs, "blocks": blocks, "synsets": synsets, "forms": forms}


def _code(text: str) -> str | None:
    """'0312' -> '0312'; '042:043' -> '042:043' (source to target, then target to source: a visit made
    and hosted); ':173' -> ':173' (target to source only); '---' -> None (not an event)."""
    parts = [part.strip() for part in text.strip().split(":")[:2]]
    if not any(parts) or not all(re.fullmatch(r"\d{2,4}", part) for part in parts if part):
        return None
    return ":".join(parts)


MARKERS = frozenset("$+%^")  # actor slots: source, target, compound (both), any noun phrase
ALTERNATIVES = 500  # the most word sequences one slot expands to (synsets inside synsets multiply)


def _words(text: str, synsets: dict[str, list[str]]) -> list[list[str]]:
    """A pattern side as slots, each a list of alternatives: a word ('ties'), consecutive words
    ('arms shipment' from '{ARMS SHIPMENT}', 'new economic relations' from 'NEW_&TIETYPES_RELATIONS',
    or a multi-word synset member), or an actor marker ('$', '+', '%', '^'), in the pattern's order."""
    text = re.sub(r"[()]", " ", text)
    text = re.sub(r"\{([^}]*)\}", lambda m: "_".join(m.group(1).split()), text)  # a noun phrase: consecutive
    slots: list[list[str]] = []
    for item in text.split():
        sequence: list[list[str]] = []  # the alternatives of each consecutive part
        for part in _parts(item, synsets):
            if part in MARKERS:
                slots += [_joined(sequence)] if sequence else []
                slots.append([part])
                sequence = []
            elif part.startswith("&"):
                sequence.append(_members(part, synsets))
            else:  # a word, or alternatives 'BOMBING/EXPLOSION'; one no text can hold leaves the slot empty
                sequence.append([w for w in part.lower().split("/") if re.fullmatch(r"[a-z][a-z'.\-]*", w)])
        if sequence:
            slots.append(_joined(sequence))  # an empty slot (a word no text holds) keeps the pattern from firing
    return slots


def _parts(item: str, synsets: dict[str, list[str]]) -> list[str]:
    """'NEW_&TIE_TYPES_RELATIONS' -> ['NEW', '&TIE_TYPES', 'RELATIONS']: underscores join consecutive
    words, but a synset's own name may hold them, so the longest synset name at a '&' is taken whole."""
    parts: list[str] = []
    rest = item
    while rest:
        if rest[0] == "_":
            rest = rest[1:]
            continue
        if rest[0] in MARKERS:
            part = rest[0]
        elif rest[0] == "&":
            named = [name for name in synsets if rest.upper().startswith(name.upper())]
            part = max(named, key=len) if named else re.match(r"&[^_$+%^]*", rest).group(0)  # type: ignore[union-attr]
        else:
            part = re.match(r"[^_&$+%^]+", rest).group(0)  # type: ignore[union-attr]
        parts.append(part)
        rest = rest[len(part) :]
    return parts


def _members(name: str, synsets: dict[str, list[str]], seen: frozenset[str] = frozenset()) -> list[str]:
    """A synset's words and phrases, synsets named inside it expanded ('&ACCORDSYN' holds '&TIETYPES')."""
    found: list[str] = []
    for member in synsets.get(name.upper(), []):
        if member.startswith("&") and member.upper() not in seen:
            found += _members(member, synsets, seen | {name.upper()})
        elif not member.startswith("&"):
            found.append(member)
    return sorted(set(found))


def _joined(sequence: list[list[str]]) -> list[str]:
    """Every phrase a run of consecutive parts can be ('new' + {'economic', 'military'} + 'relations')."""
    phrases = [""]
    for alternatives in sequence:
        phrases = [f"{p} {a}".strip() for p in phrases for a in alternatives][:ALTERNATIVES]
    return phrases
