"""The packaged dictionaries of places, regions, media, known people and organisations, and roles.

Loaded once per process (`load_gazetteer`), then shared read-only by the NLP pipeline and the
actor resolver.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


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
    countries: dict[str, dict]  # ISO3 -> {"name", "aliases", "demonyms"}
    place_codes: dict[str, str]  # any country name, alias, city or demonym (lower case) -> ISO3
    regions: dict[str, str]  # region name or adjective (lower case) -> CAMEO region code
    region_names: dict[str, str]  # CAMEO region code -> its first-listed name ('AFR' -> 'Africa')
    media: dict[str, str]  # news agency or broadcaster name -> ISO3
    known: dict[str, tuple[DatedCode, ...]]  # person or organisation name (lower case) -> dated codes
    roles: dict[str, str]  # role noun phrase (lower case) -> sector

    def country_name(self, iso3: str) -> str:
        return self.countries.get(iso3, {}).get("name", iso3)

    def code_on(self, name: str, date: str | None) -> str | None:
        """The dictionary code a known person or organisation held on `date` (latest role if undated)."""
        codes = self.known.get(name.lower())
        if not codes:
            return None
        for code in codes:
            if code.holds_on(date):
                return code.code
        return codes[-1].code

    def role_sector(self, role: str) -> str | None:
        """Sector of a role phrase, trying the whole phrase, then shorter tails ('foreign minister')."""
        words = role.lower().split()
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if tail in self.roles:
                return self.roles[tail]
        return None


def _data(name: str) -> str:
    return resources.files("communique").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the packaged tables once; later calls return the same object."""
    countries = json.loads(_data("countries.json"))
    person_words = set()
    known: dict[str, tuple[DatedCode, ...]] = {}
    for entry in json.loads(_data("actors.json")):
        codes = tuple(DatedCode(*c) for c in entry["codes"])
        for name in entry["names"]:
            known.setdefault(name.lower(), codes)
            if any(c.start or c.end for c in codes):  # dated roles: a person
                person_words.update(name.split()[:1])
    place_codes: dict[str, str] = {}
    for iso3, info in countries.items():
        for name in [info["name"], *info["aliases"], *info["demonyms"]]:
            if name.split()[0] in person_words and name != info["name"]:
                continue  # 'Vladimir' is a city and a first name: the name wins (Vladimir Putin)
            place_codes.setdefault(name.lower(), iso3)
    roles = json.loads(_data("agents.json"))
    roles.update({role.lower(): sector for role, sector, *_ in _tsv("roles.tsv")})
    return Gazetteer(
        countries=countries,
        place_codes=place_codes,
        regions={name.lower(): code for name, code in _tsv("regions.tsv")},
        region_names={code: name for name, code in reversed(_tsv("regions.tsv"))},
        media={name: iso3 for name, iso3 in _tsv("media.tsv")},
        known=known,
        roles=roles,
    )
