"""CAMEO codes with their Goldstein weight, quad class and PLOVER type, mode and context."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import Plover

# Refining a general code by the domain its object names ("military cooperation"), as the CAMEO
# codebook's sub-codes do: general code -> {domain: specific code}.
DOMAIN_CODES = {
    "030": {"economic": "0311", "military": "0312", "legal": "0313", "intelligence": "0314"},
    "031": {"economic": "0311", "military": "0312", "legal": "0313", "intelligence": "0314"},
    "033": {"economic": "0331", "military": "0332", "humanitarian": "0333"},
    "060": {"economic": "061", "military": "062", "legal": "063", "intelligence": "064"},
    "070": {"economic": "071", "military": "072", "humanitarian": "073"},
    "101": {"economic": "1011", "military": "1012", "legal": "1013", "intelligence": "1014"},
    "103": {"economic": "1031", "military": "1032", "humanitarian": "1033"},
    "121": {"economic": "1211", "military": "1212", "legal": "1213", "intelligence": "1214"},
    "160": {"economic": "1621", "military": "1622", "humanitarian": "1623"},
    "162": {"economic": "1621", "military": "1622", "humanitarian": "1623"},
}
DOMAIN_WORDS = {
    "military": {"military", "security", "defense", "defence", "arms", "army", "weapon", "troop", "nuclear"},
    "economic": {"economic", "economy", "trade", "investment", "business", "financial", "energy", "commercial"},
    "legal": {"judicial", "legal", "law", "extradition"},
    "intelligence": {"intelligence", "counterterrorism"},
    "humanitarian": {"humanitarian", "relief", "refugee"},
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    plover: Plover

    @property
    def quad_class(self) -> int:
        """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
        root = int(self.code[:2])
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


# The broadest code of each class (classifier label -> CAMEO), for a verb a model codes in a class
# its lexicon block has no reading in.
QUAD_CODES = {1: "030", 2: "060", 3: "110", 4: "190"}


# A cooperative deed announced for the future is an expression of intent: CAMEO defines 03 as "offer,
# promise, agree to, or otherwise indicate willingness or commitment to cooperate", with one intent
# code per kind of deed. Deed code (or its root) -> intent code.
INTENT_CODES = {
    "04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
    "0834": "0344", "084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
    "0871": "0356", "0872": "0356", "0873": "0356", "0874": "0356",
}  # fmt: skip


# A deed someone says another must do is a demand for it (CAMEO 10, "demand ... insist"), again one
# code per kind of deed; any other deed is 100.
DEMAND_CODES = {
    "04": "108", "05": "102", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
    "07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
    "08": "105", "081": "1051", "082": "1052", "083": "104", "0831": "1041", "0832": "1042", "0833": "1043",
    "0834": "1044", "084": "1053", "0841": "1053", "0842": "1053", "085": "1054", "086": "1055", "087": "1056",
    "0871": "107", "0872": "1056", "0873": "1056", "0874": "106",
}  # fmt: skip


# A conflictual deed announced for later ("will boycott", "vowed to fight") is a threat (CAMEO 13).
THREAT_CODES = {
    "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134",
    "165": "135", "166": "136", "17": "130", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323",
    "1724": "1324", "175": "137", "18": "1383", "19": "138", "191": "1381", "192": "1382",
    "193": "1384", "194": "1384", "195": "1384", "20": "138", "204": "1385",
}  # fmt: skip


def as_announced(code: str) -> str:
    """What announcing a deed for later is: the intent to cooperate (03x) or a threat (13x)."""
    return _mirror(code, INTENT_CODES) or _mirror(code, THREAT_CODES) or code


def as_demand(code: str) -> str:
    """The demand code of a deed ('Sudan must return the helicopter' 0842 -> 1053); 100 for others."""
    return _mirror(code, DEMAND_CODES) or "100"


def _mirror(code: str, table: dict[str, str]) -> str | None:
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def quad_label(code: str) -> int:
    """ConfliBERT's label for a CAMEO code: statements and appeals (01-02) are 0, then the quad classes."""
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    raw = json.loads(resources.files("communique").joinpath("data").joinpath("cameo.json").read_text("utf-8"))
    table = {}
    for code, entry in raw.items():
        root = raw.get(code[:2], {})
        ptype = entry.get("plover") or root.get("plover")
        if not ptype:
            continue  # 01x public statements have no PLOVER type: they are quotes, not events
        table[code] = CameoCode(
            code=code,
            label=entry.get("label", ""),
            goldstein=float(entry.get("goldstein", root.get("goldstein", 0.0))),
            plover=Plover(type=ptype, mode=entry.get("mode"), context=list(entry.get("context") or [])),
        )
    return table


def refine(code: str, words: list[str]) -> str:
    """A more specific sub-code when the words name a domain ('defense ties' makes 160 into 1622)."""
    options = DOMAIN_CODES.get(code)
    if not options:
        return code
    for word in words:
        for domain, vocabulary in DOMAIN_WORDS.items():
            if word in vocabulary and domain in options:
                return options[domain]
    return code
