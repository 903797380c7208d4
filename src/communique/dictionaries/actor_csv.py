"""communique's own actor format: a CSV a user can write in a spreadsheet, one row per dated role.

    name,code,from,until,aliases
    Mikhail Mishustin,RUSGOV,2020-01-16,,Mishustin
    Joe Biden,USAGOV,2021-01-20,2025-01-20,Biden;Joseph R. Biden
    Joe Biden,USAELI,,,

Rows with the same name add up in order; a row with neither date is the default code, used when no
dated role holds. Lines starting with `#` are comments. Every row is checked, so a typo is an error
that names its line instead of an actor silently coded wrong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Container
from datetime import date
from typing import Any

from ..errors import ConfigError
from .codes import known_prefix

COLUMNS = ("name", "code", "from", "until", "aliases")
_CODE = re.compile(r"(?:[A-Z]{3})+")


def read_actor_csv(text: str, source: str, countries: Container[str]) -> list[dict[str, Any]]:
    """The entries ({"names", "codes"}) of an actor CSV whose codes start with one of `countries` or another
    prefix the coder knows (`codes.known_prefix`); ConfigError E022 names the first bad line."""
    rows = csv.reader("" if line.startswith("#") else line for line in text.splitlines())
    header = next((row for row in rows if row), [])
    header = [column.strip().lower() for column in header]
    if header[:2] != ["name", "code"] or not set(header) <= set(COLUMNS):
        raise ConfigError("E022", source=source, detail=f"the header must be {','.join(COLUMNS)} (got {header})")
    entries: dict[str, dict[str, Any]] = {}
    for values in rows:
        number = rows.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(header):
            detail = f"line {number}: {len(values)} values for {len(header)} columns"
            raise ConfigError("E022", source=source, detail=detail)
        row = dict(zip(header, (value.strip() for value in values), strict=False))
        try:
            name, code = _name(row), _code(row, countries)
            start, end = _date(row, "from"), _date(row, "until")
        except ValueError as error:
            raise ConfigError("E022", source=source, detail=f"line {number}: {error}") from error
        if start and end and end < start:
            raise ConfigError("E022", source=source, detail=f"line {number}: 'until' {end} is before 'from' {start}")
        entry = entries.setdefault(name, {"names": [name], "codes": []})
        entry["codes"].append([code, start, end])
        aliases = [alias.strip() for alias in row.get("aliases", "").split(";") if alias.strip()]
        entry["names"].extend(alias for alias in aliases if alias not in entry["names"])
    return list(entries.values())


def _name(row: dict[str, str]) -> str:
    if not row.get("name"):
        raise ValueError("the name is empty")
    return row["name"]


def _code(row: dict[str, str], countries: Container[str]) -> str:
    code = row.get("code", "")
    if not _CODE.fullmatch(code):
        raise ValueError(f"{code!r} is not an actor code (upper-case letters in threes: RUS, RUSGOV, IGOUNO)")
    if not known_prefix(code, countries):
        raise ValueError(f"{code!r} starts with {code[:3]}, no country, region or CAMEO code")
    return code


def _date(row: dict[str, str], column: str) -> str | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a date; give YYYY-MM-DD") from None
