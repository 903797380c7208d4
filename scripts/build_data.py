#!/usr/bin/env python3
"""Convert the reference dictionaries in ../shared/reference into the compact tables the package ships.

The package never reads ../shared at run time: this script is run by a developer when a reference
file changes, and its output under src/communique/data/ is committed with the licence notices.

Usage: python scripts/build_data.py [REFERENCE_DIR]
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from communique.dictionaries.codes import LEGACY, known_prefix  # noqa: E402
from communique.dictionaries.petrarch import place_code, read_actors, read_agents, read_verbs, readable  # noqa: E402

OUT = ROOT / "src" / "communique" / "data"


def read_cameo(ref: Path) -> dict[str, dict]:
    """CAMEO code -> description, Goldstein weight, PLOVER type, mode and context."""
    codes: dict[str, dict] = {}
    with open(ref / "cameo" / "eventcodes.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            codes[row["CAMEOEVENTCODE"]] = {"label": row["EVENTDESCRIPTION"].strip()}
    with open(ref / "cameo" / "goldstein.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            codes.setdefault(row["CAMEOEVENTCODE"], {"label": ""})["goldstein"] = float(row["GOLDSTEINSCALE"])
    for line in open(ref / "plover" / "CAMEO2PLOVER-2021.txt", encoding="utf-8"):
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?", line)
        if not match or match.group(1) not in codes:
            continue
        code, ptype, mode, context = match.groups()
        entry = codes[code]
        if "plover" in entry and len(code) == 2:
            continue  # a root listed twice (08: CONCEDE, 08: RETREAT) keeps its first type
        entry["plover"] = ptype
        entry["mode"] = (mode or "").strip() or None
        entry["context"] = [c.strip() for c in (context or "").split(";") if c.strip()]
    # Appeals (02x) have no PLOVER row; the PLOVER manual codes them as REQUEST.
    for code, entry in codes.items():
        if code.startswith("02"):
            entry.setdefault("plover", "REQUEST")
            entry.setdefault("mode", None)
            entry.setdefault("context", [])
    return codes


def read_countries(ref: Path) -> dict[str, dict]:
    """ISO3 -> preferred name and demonyms, from NGEC's countries.csv."""
    countries: dict[str, dict] = {}
    with open(ref / "ngec" / "countries.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            demonyms = [d.strip() for d in row["Nationality"].split(",") if d.strip()]
            names = [d for d in demonyms if d[:1].isupper() and " " in d]  # "Islamic Republic of Afghanistan"
            countries[row["CCA3"]] = {
                "name": row["Name"].strip(),
                "aliases": names,
                "demonyms": [d for d in demonyms if " " not in d],
            }
    # Countries newer than the NGEC table (South Sudan) come from its COW-to-ISO table.
    with open(ref / "ngec" / "cow2iso.txt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso3 = row["iso3"]
            if iso3 and iso3 not in countries and not row["valid_until"]:
                names = {row["cname_full"], row["statenme"]} - {row["cname"], ""}
                countries[iso3] = {"name": row["cname"], "aliases": sorted(names), "demonyms": []}
    return countries


def iso_codes() -> set[str]:
    """ISO 3166-1 alpha-3 codes, and Kosovo's user-assigned XKX that event data uses for it."""
    import pycountry  # a development dependency: only this script needs it

    return {country.alpha_3 for country in pycountry.countries} | {"XKX"}


def split_states(countries: dict[str, dict], people: list[dict], iso: set[str]) -> dict[str, dict]:
    """Keep the ISO states; the NGEC table also lists entities that are not states. A breakaway entity
    coded as its state plus a suffix ('AZEPRE', Nagorno-Karabakh) becomes an actor with that code; an
    organisation listed as a country ('UNO', 'EUR' for the European Union, whose code is Europe's)
    lends its names to the organisation's own dictionary entry (IGOUNO, IGOEUREEC), or is dropped."""
    states = {code: info for code, info in countries.items() if code in iso}
    by_name = {name.lower(): entry for entry in people for name in entry["names"]}
    for code, info in countries.items():
        if code in iso:
            continue
        names = {info["name"], *info["aliases"], *info["demonyms"]}
        if code[:3] in iso and len(code) == 6:
            people.append({"names": sorted(names), "codes": [[code, None, None]]})
        elif (entry := by_name.get(info["name"].lower())) is not None:
            entry["names"] = sorted(set(entry["names"]) | names)
        else:
            print(f"dropped {code} ({info['name']}): not a state, and no dictionary entry has its name")
    return states


def checked_codes(people: list[dict], states: set[str]) -> list[dict]:
    """Every actor code checked: an older spelling rewritten (TMP -> TLS), a code of nothing the coder knows
    (PETRARCH's fictional KNT, its unexplained KKL) dropped, and an entry left with no code dropped."""
    kept, dropped = [], Counter()
    for entry in people:
        codes = []
        for code, start, end in entry["codes"]:
            code = LEGACY.get(code[:3], code[:3]) + code[3:]
            if known_prefix(code, states):
                codes.append([code, start, end])
            else:
                dropped[code[:3]] += 1
        if codes:
            kept.append({**entry, "codes": codes})
    if dropped:
        print("dropped actor codes of unknown prefixes: " + ", ".join(f"{p} x{n}" for p, n in dropped.most_common()))
    return kept


def main(ref: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "LICENSES").mkdir(exist_ok=True)
    actors = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        actors.extend(read_actors(ref / "petrarch" / name))
    iso = iso_codes()
    table = read_countries(ref)
    people = [
        {"names": sorted({readable(n) for n in entry["names"]}), "codes": entry["codes"]}
        for entry in actors
        if place_code(entry, table) not in set(table) & iso
    ]
    countries = split_states(table, people, iso)
    people = checked_codes(people, set(countries))
    places: dict[str, list[str]] = {iso: [] for iso in countries}
    for entry in actors:
        if (code := place_code(entry, countries)) in countries:
            places[code].extend(readable(n) for n in entry["names"])
    gazetteer = {
        iso: {
            "name": info["name"],
            "aliases": sorted(set(info["aliases"]) | {p for p in places.get(iso, []) if p != info["name"]}),
            "demonyms": info["demonyms"],
        }
        for iso, info in countries.items()
    }
    write(OUT / "countries.json", gazetteer)
    write(OUT / "actors.json", people)
    write(OUT / "agents.json", read_agents(ref / "petrarch" / "Phoenix.agents.txt"))
    write(OUT / "cameo.json", read_cameo(ref))
    write(OUT / "verbs.json", read_verbs(ref / "petrarch" / "CAMEO.2.0.txt"))
    write_alpha2(ref / "ngec" / "countries.csv", OUT / "alpha2.tsv")
    shutil.copy(ref / "petrarch" / "LICENSE.MIT.txt", OUT / "LICENSES" / "petrarch-MIT.txt")
    print(f"countries {len(gazetteer)}, actors {len(people)}, written to {OUT}")


def write_alpha2(countries: Path, out: Path) -> None:
    """ISO 3166 alpha-2 -> alpha-3 (the dashboard's map names countries by alpha-2)."""
    with countries.open(encoding="utf-8") as rows:
        pairs = sorted({(row["CCA2"], row["CCA3"]) for row in csv.DictReader(rows) if row["CCA2"] and row["CCA3"]})
    out.write_text("".join(f"{two}\t{three}\n" for two, three in pairs), encoding="utf-8")


def write(path: Path, value: object) -> None:
    path.write_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference")
