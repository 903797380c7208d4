"""The dictionaries of places, regions, media, known people and organisations, and roles.

Each table is read from a list of sources named in the pipeline configuration: `packaged:NAME`
for a table shipped in `communique/data/`, or a file path. Later sources extend and override
earlier ones, so a user can add to the packaged tables or replace them (docs/pipeline.md).
Actor files may be in PETRARCH's format (`.txt`), communique's CSV of dated roles (`.csv`, the one for
users) or the packaged JSON; agent files in PETRARCH's format or communique's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..dictionaries.actor_csv import read_actor_csv
from ..dictionaries.blocs import Bloc, find_bloc, read_blocs
from ..dictionaries.petrarch import place_code, read_actors, read_agents, readable
from ..dictionaries.sources import SourceReader
from ..errors import ConfigError
from ..settings import default_config

MIDDLE_INITIAL = re.compile(r"[a-z]\.")  # a middle name shortened to its letter: the F. of John F. Kerry
# Forms of address before a name, with the gender they show ('Queen', 'Mr'); role nouns are titles too.
HONORIFICS = {
    **dict.fromkeys("mr mr. sir lord king prince sheikh emir sultan monsieur señor herr".split(), "m"),
    **dict.fromkeys("mrs mrs. ms ms. miss madam madame lady queen princess dame sheikha señora frau".split(), "f"),
}


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: str | None
    end: str | None

    def holds_on(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, dict[str, Any]]  # ISO3 -> {"name", "aliases", "demonyms"}
    place_codes: dict[str, str]  # any country name, alias, city or demonym (lower case) -> ISO3
    regions: dict[str, str]  # region name or adjective (lower case) -> CAMEO region code
    region_names: dict[str, str]  # CAMEO region code -> its first-listed name ('AFR' -> 'Africa')
    media: dict[str, str]  # news agency or broadcaster name -> ISO3
    known: dict[str, tuple[DatedCode, ...]]  # person or organisation name (lower case) -> dated codes
    roles: dict[str, str]  # role noun phrase (lower case) -> sector
    surnames: dict[str, frozenset[tuple[DatedCode, ...]]] = field(default_factory=dict)  # people by last name
    blocs: dict[str, Bloc] = field(default_factory=dict)  # 'AU' -> its code, names and member states
    capitals: dict[str, str] = field(default_factory=dict)  # capital or seat of government (lower case) -> ISO3
    resources: dict[str, str] = field(default_factory=dict)  # source name -> sha256, for provenance

    def country_name(self, iso3: str) -> str:
        return str(self.countries.get(iso3, {}).get("name", iso3))

    def code_on(self, name: str, date: str | None, *, surname: bool = True) -> str | None:
        """The dictionary code a known person or organisation held on `date`: the first dated role that
        holds then, else an undated default, else the last role listed ('The U.N. Security Council' is
        found as 'U.N. Security Council'). One word may be a known person's last name only when
        `surname` allows it: an organisation's name is no surname ('Secretary of State' is not the
        Islamic State)."""
        codes = self._entry(name)
        if not codes:
            key = name.lower()
            return self._by_surname(key, date) if surname and " " not in key else None
        return (_holding(codes, date) or [codes[-1]])[0].code

    def _entry(self, name: str) -> tuple[DatedCode, ...]:
        """The dated codes of a known name, with or without its 'the' ('the Gaza Strip'), or without the
        middle initials a name may carry or drop ('John F. Kerry' is the dictionaries' 'John Kerry')."""
        key = name.lower()
        found = self.known.get(key) or self.known.get(key.removeprefix("the "), ())
        words = key.split()
        if found or len(words) < 3:
            return found
        bare = [words[0], *(w for w in words[1:-1] if not MIDDLE_INITIAL.fullmatch(w)), words[-1]]
        return self.known.get(" ".join(bare), ()) if len(bare) < len(words) else ()

    def _by_surname(self, surname: str, date: str | None) -> str | None:
        """A last name alone ('Mugabe') names a known person when the people of that name with a role on
        `date` are one person (their code) or all of one country (the country); else no one."""
        roles = {held[0].code for codes in self.surnames.get(surname, ()) if (held := _holding(codes, date))}
        if len(roles) == 1:
            return roles.pop()
        countries = {code[:3] for code in roles}
        return countries.pop() if len(countries) == 1 else None

    def territory_code(self, name: str) -> str | None:
        """The code of a place the dictionaries list under a state, not as a state: a dependent territory or a
        breakaway region ('Gaza Strip' PSEGZA, 'Falklands' GBRFLK, 'Somaliland' SOMPRE). Its code is undated,
        begins with the state's and goes on with no sector."""
        codes = self._entry(name)
        if len(codes) != 1 or _a_person(codes):
            return None
        code = codes[0].code
        return code if len(code) == 6 and code[:3] in self.countries and code[3:] not in self.sectors else None

    @cached_property
    def sectors(self) -> frozenset[str]:
        """Every sector a role names ('GOV', 'MIL'): read once, as every entity may ask."""
        return frozenset(self.roles.values())

    def is_person(self, name: str) -> bool:
        """A dictionary entry with dated roles is a person (organisations have undated codes)."""
        return _a_person(self.known.get(name.lower(), ()))

    def bloc_coded(self, code: str) -> Bloc | None:
        """The bloc whose actor code this is ('IGOAFRAFU': the African Union)."""
        return find_bloc(self.blocs, code) if code else None

    def is_title(self, word: str) -> bool:
        """A word that stands before a name without being part of it: 'Queen', 'President', 'Minister'."""
        return word.lower() in HONORIFICS or self.role_sector(word) is not None

    def role_sector(self, role: str) -> str | None:
        """Sector of a role phrase, trying the whole phrase, then shorter tails ('foreign minister'). A ministry,
        or a minister, of anything is government: where the words before 'of' or 'for' name a government
        office, they decide ('Ministry of International Trade and Industry' is no business)."""
        words = role.lower().split()
        office = next((i for i, word in enumerate(words) if word in ("of", "for")), 0)
        if office and " ".join(words) not in self.roles and self.roles.get(" ".join(words[:office])) == "GOV":
            return "GOV"
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if tail in self.roles:
                return self.roles[tail]
        return None


def _a_person(codes: tuple[DatedCode, ...]) -> bool:
    """Entries with dated roles are people (organisations have undated codes)."""
    return any(code.start or code.end for code in codes)


def _holding(codes: tuple[DatedCode, ...], date: str | None) -> list[DatedCode]:
    """The codes that hold on `date`, a dated role before the default."""
    holding = [code for code in codes if code.holds_on(date)]
    return [code for code in holding if code.start or code.end] or holding


def load_gazetteer(sources: Mapping[str, Sequence[str]] | None = None) -> Gazetteer:
    """Build the gazetteer from its sources: the `[gazetteer]` settings, with `sources` over them
    (keys countries, actors, agents, regions, media, blocs, capitals; see the module docstring). ConfigError
    names a bad one.
    """
    chosen = {**default_config()["gazetteer"], **(sources or {})}
    countries, actors, agents = chosen["countries"], chosen["actors"], chosen["agents"]
    regions, media, capitals = chosen["regions"], chosen["media"], chosen["capitals"]
    reader = SourceReader()
    table: dict[str, dict[str, Any]] = {}
    for source in countries:
        if source.endswith(".tsv"):
            for name, iso3 in _country_names(reader, source, table):  # more names: 'PRC', 'Türkiye'
                table[iso3]["aliases"] = sorted({*table[iso3]["aliases"], name})
        else:
            table.update(json.loads(reader.text(source)))
    known: dict[str, tuple[DatedCode, ...]] = {}
    person_words: set[str] = set()
    for source in actors:
        for entry in _actor_entries(reader, source, table):
            codes = tuple(DatedCode(*c) for c in entry["codes"])
            for name in entry["names"]:
                known[name.lower()] = codes
                if _a_person(codes):
                    person_words.update(name.split()[:1])
    blocs = read_blocs(reader, chosen["blocs"], table)
    for bloc in blocs.values():  # one code for a bloc however named ('ECOWAS', its full name)
        known.update((name.lower(), (DatedCode(bloc.code, None, None),)) for name in bloc.names)
    surnames = _people_by_surname(known)
    place_codes: dict[str, str] = {}
    for iso3, info in table.items():
        for name in [info["name"], *info["aliases"], *info["demonyms"]]:
            if name.split()[0] in person_words and name != info["name"]:
                continue  # 'Vladimir' is a city and a first name: the name wins (Vladimir Putin)
            place_codes.setdefault(name.lower(), iso3)
    roles: dict[str, str] = {}
    for source in agents:
        if source.endswith(".txt"):
            roles.update(read_agents(reader.path(source)))
        elif source.endswith(".json"):
            roles.update(json.loads(reader.text(source)))
        else:
            roles.update({role.lower(): sector for role, sector, *_ in reader.rows(source)})
    region_rows = [row for source in regions for row in reader.rows(source)]
    return Gazetteer(
        countries=table,
        place_codes=place_codes,
        regions={name.lower(): code for name, code in region_rows},
        region_names={code: name for name, code in reversed(region_rows)},
        media={name: iso3 for source in media for name, iso3 in reader.rows(source)},
        capitals={name.lower(): iso3 for source in capitals for name, iso3 in _country_names(reader, source, table)},
        known=known,
        roles=roles,
        surnames=surnames,
        blocs=blocs,
        resources=reader.hashes,
    )


def _people_by_surname(known: dict[str, tuple[DatedCode, ...]]) -> dict[str, frozenset[tuple[DatedCode, ...]]]:
    """People (entries with dated roles) by last name, for a surname alone; and, added to `known`, each
    name without its middle names ('Carlos Menem' for 'Carlos Saul Menem') where no entry has it."""
    surnames: dict[str, set[tuple[DatedCode, ...]]] = {}
    shortened: dict[str, tuple[DatedCode, ...]] = {}
    for name, codes in known.items():
        words = name.split()
        if len(words) < 2 or not _a_person(codes):
            continue
        surnames.setdefault(words[-1], set()).add(codes)
        if len(words) > 2:
            shortened.setdefault(f"{words[0]} {words[-1]}", codes)
    for name, codes in shortened.items():
        known.setdefault(name, codes)
    return {name: frozenset(codes) for name, codes in surnames.items()}


def _country_names(reader: SourceReader, source: str, countries: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (name, ISO3) rows of a 'name<TAB>ISO3' table; a row of an unknown country is refused (E022)."""
    rows = []
    for row in reader.rows(source):
        if len(row) != 2 or row[1].strip() not in countries:
            raise ConfigError("E022", source=source, detail=f"row {row!r} is not 'name<TAB>ISO3' of a known country")
        rows.append((row[0].strip(), row[1].strip()))
    return rows


def _actor_entries(reader: SourceReader, source: str, countries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """People and organisations of an actor source; PETRARCH place entries become country names."""
    if source.endswith(".csv"):
        return read_actor_csv(reader.text(source), source, countries)
    if not source.endswith(".txt"):
        return list(json.loads(reader.text(source)))
    entries = []
    for entry in read_actors(reader.path(source)):
        code = place_code(entry, countries)
        if code is not None:
            names = [readable(n) for n in entry["names"]]
            place = countries.setdefault(code, {"name": names[0], "aliases": [], "demonyms": []})
            place["aliases"] = sorted(set(place["aliases"]) | set(names) - {place["name"]})
        else:
            entries.append({"names": sorted({readable(n) for n in entry["names"]}), "codes": entry["codes"]})
    return entries
