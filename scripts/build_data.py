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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "communique" / "data"
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


def parse_actor_file(path: Path) -> list[dict]:
    """PETRARCH .actors format: a name line, '+alias' lines, and '[CODE from-to]' lines."""
    entries: list[dict] = []
    current: dict | None = None
    for raw in open(path, encoding="utf-8", errors="replace"):
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


def read_agents(ref: Path) -> dict[str, str]:
    """Lower-case role phrase ('prime minister') -> sector code ('GOV')."""
    path = ref / "petrarch" / "Phoenix.agents.txt"
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in open(path, encoding="utf-8", errors="replace"):
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


def read_verbs(ref: Path) -> dict:
    """PETRARCH verb dictionary -> {verbs: {lemma: [block, code]}, blocks: {block: [[pre, post, code]]}}."""
    path = ref / "petrarch" / "CAMEO.2.0.txt"
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    synsets: dict[str, list[str]] = {}
    current_set = None
    for line in lines[:start]:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current_set = text
            synsets[current_set] = []
        elif text.startswith("+") and current_set:
            synsets[current_set].append(text[1:].strip("_").replace("_", " ").lower())
    verbs: dict[str, list] = {}
    blocks: dict[str, dict] = {}
    block = None
    for line in lines[start:end]:
        text = line.split("#", 1)[0].strip()
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", text)
        if head:
            block = head.group(1)
            blocks[block] = {"code": _code(head.group(2)), "patterns": []}
            continue
        if not text or block is None:
            continue
        if text.startswith("-"):
            match = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", text)
            if not match or "*" not in match.group(1):
                continue
            pre, _, post = match.group(1).partition("*")
            blocks[block]["patterns"].append([_words(pre, synsets), _words(post, synsets), _code(match.group(2))])
            continue
        match = re.match(r"^(\+?)([A-Z][A-Z_'\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?", text)
        if match:
            words = match.group(2).strip("_").lower().split("_")
            lemma = " ".join(words)
            own = _code(match.group(3)) if match.group(3) else None
            verbs.setdefault(lemma, [block, own])
    return {"verbs": verbs, "blocks": blocks, "synsets": synsets}


def _code(text: str) -> str | None:
    """'0312' -> '0312'; '042:043' -> '042' (the source-side reading); '---' -> None (not an event)."""
    text = text.strip().split(":")[0]
    return text if re.fullmatch(r"\d{2,4}", text) else None


def _words(text: str, synsets: dict[str, list[str]]) -> list[list[str]]:
    """A pattern side as a list of alternatives per slot: 'TIES' -> [['ties']], '&FIGHT' -> [[...]]."""
    text = re.sub(r"[(){}]", " ", text)
    slots = []
    for word in text.split():
        if word.startswith(("$", "+", "%", "^")) or word in {"_"}:
            continue
        if word.startswith("&"):
            members = synsets.get(word, [])
            if members:
                slots.append(sorted({m.split()[-1] for m in members}))
            continue
        word = word.strip("_").replace("_", " ").lower()
        if word and re.fullmatch(r"[a-z][a-z' \-]*", word):
            slots.append([word.split()[-1]] if " " in word else [word])
    return slots


def main(ref: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "LICENSES").mkdir(exist_ok=True)
    countries = read_countries(ref)
    actors = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        actors.extend(parse_actor_file(ref / "petrarch" / name))
    places: dict[str, list[str]] = {iso: [] for iso in countries}
    people = []
    for entry in actors:
        codes = entry["codes"]
        if len(codes) == 1 and len(codes[0][0]) == 3 and codes[0][1] is None and codes[0][0] in countries:
            places[codes[0][0]].extend(readable(n) for n in entry["names"])
        else:
            people.append({"names": sorted({readable(n) for n in entry["names"]}), "codes": codes})
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
    write(OUT / "agents.json", read_agents(ref))
    write(OUT / "cameo.json", read_cameo(ref))
    write(OUT / "verbs.json", read_verbs(ref))
    shutil.copy(ref / "petrarch" / "LICENSE.MIT.txt", OUT / "LICENSES" / "petrarch-MIT.txt")
    print(f"countries {len(gazetteer)}, actors {len(people)}, written to {OUT}")


def write(path: Path, value: object) -> None:
    path.write_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference")
