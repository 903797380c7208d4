"""Blocs and international organisations: the actor each one is, and the states that belong to it.

A bloc's names code as its actor ("the African Union" is IGOAFRAFU), and its members let a query ask
for "events involving AU members" (`--member-of AU`). The table is `[gazetteer] blocs`, rows of
`bloc<TAB>code<TAB>names<TAB>members` (names `;`-separated, members ISO3 space-separated); a member
that is not a known country is refused (E022), so a typo cannot silently drop a state.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache

from ..errors import ConfigError
from ..settings import default_config
from .sources import SourceReader


@dataclass(frozen=True)
class Bloc:
    key: str  # what --member-of takes: 'AU'
    code: str  # the actor code its mentions carry: 'IGOAFRAFU'
    names: tuple[str, ...]
    members: frozenset[str]


def read_blocs(reader: SourceReader, sources: Sequence[str], countries: Container[str]) -> dict[str, Bloc]:
    """The blocs of `sources`, by key; later sources replace a key named again."""
    blocs: dict[str, Bloc] = {}
    for source in sources:
        for row in reader.rows(source):
            if len(row) != 4:
                raise ConfigError(
                    "E022", source=source, detail=f"row {row!r} is not 'bloc<TAB>code<TAB>names<TAB>members'"
                )
            key, code, names, members = (field.strip() for field in row)
            unknown = [m for m in members.split() if m not in countries]
            if unknown:
                raise ConfigError("E022", source=source, detail=f"bloc {key}: {', '.join(unknown)} is no known country")
            blocs[key.upper()] = Bloc(
                key.upper(), code, tuple(n.strip() for n in names.split(";")), frozenset(members.split())
            )
    return blocs


def find_bloc(blocs: dict[str, Bloc], wanted: str) -> Bloc | None:
    """The bloc named by its key ('AU') or its actor code ('IGOAFRAFU'), or None."""
    wanted = wanted.strip().upper()
    return blocs.get(wanted) or next((bloc for bloc in blocs.values() if bloc.code == wanted), None)


def members_of(bloc: str) -> frozenset[str] | None:
    """The member states of a packaged bloc named by its key or code; None when there is no such bloc."""
    found = find_bloc(packaged_blocs(), bloc)
    return found.members if found else None


@cache
def packaged_blocs() -> dict[str, Bloc]:
    """The blocs of the default `[gazetteer] blocs` setting, for front ends that have no pipeline loaded."""
    reader = SourceReader()
    settings = default_config()["gazetteer"]
    countries: set[str] = set()
    for source in settings["countries"]:
        if source.endswith(".json"):
            countries.update(json.loads(reader.text(source)))
    return read_blocs(reader, settings["blocs"], countries)
