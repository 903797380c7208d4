"""What the first three letters of an actor code may be, so that a typo in a table is caught, not coded.

A code starts with an ISO 3166 state (the country table), a CAMEO region, a CAMEO code for actors of
no state or for a religion, or a state that no longer exists; the sectors follow in threes. Codes
PETRARCH's dictionaries spell in an older way are rewritten (`LEGACY`): East Timor's TMP is TLS,
Puerto Rico's PRI is USA.
"""

from __future__ import annotations

from collections.abc import Container

CAMEO_REGIONS = frozenset(
    "AFR ASA BLK CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SCN SEA WAF WEU WST".split()
)
NON_STATE = frozenset("IGO NGO MNC IMG INT UAF ELI MED".split())  # organisations, armed groups, elites, media
RELIGIONS = frozenset("BAH BUD CHR CTH HIN JAN JEW MOS ORT PRO SHI SIK SUN TAO".split())
FORMER_STATES = frozenset("CSK DDR FRY KSV SCG SUN YUG".split())  # and Kosovo, CAMEO's KSV
# Older spellings, and territories the country table does not hold, coded as their state.
LEGACY = {
    "TMP": "TLS",
    "ANG": "AGO",
    "FRN": "WLF",
    "SRP": "BIH",
    "KRJ": "HRV",
    "GGY": "GBR",
    "GLP": "FRA",
    "PRI": "USA",
}


def known_prefix(code: str, countries: Container[str]) -> bool:
    """Whether an actor code starts with something the coder knows (see the module docstring)."""
    prefix = code[:3]
    return prefix in countries or any(prefix in group for group in (CAMEO_REGIONS, NON_STATE, RELIGIONS, FORMER_STATES))
