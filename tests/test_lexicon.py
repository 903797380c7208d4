"""PETRARCH verb patterns read faithfully: consecutive words, synsets within synsets, and the actor
slots `$` (source), `+` (target) and `%` (a joint action), on dictionaries written for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique import Article, extract_one
from communique.dictionaries.petrarch import _words

SHIP = """--- DISPATCH  [042]  ---
DISPATCH
- * {TRADE DELEGATION}  [061]
"""
THREAT = """--- RECEIVE  [---]  ---
RECEIVE
- + * {DEATH THREATS} FROM $  [138]
"""
JOINT = """--- GATHER  [---]  ---
GATHER
- % *  [040]
"""


def coded(text: str, verbs: str, folder: Path, **events: object) -> set[tuple[str, str, str | None]]:
    path = folder / "verbs.txt"
    path.write_text(verbs, encoding="utf-8")
    config = {"events": {"lexicon": [str(path)], "classifier": "", "participants": "", **events}}
    record = extract_one(Article(id="t", text=text, date="2025-03-01"), config=config)
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in record.events}


def test_a_braced_phrase_matches_only_consecutive_words(tmp_path: Path) -> None:
    assert coded("Kenya dispatched a trade delegation to Uganda.", SHIP, tmp_path) == {("KEN", "061", "UGA")}
    apart = coded("Kenya dispatched a delegation on trade to Uganda.", SHIP, tmp_path)
    assert apart == {("KEN", "042", "UGA")}  # both words occur, but not as the phrase: the block's default


def test_source_and_target_slots_place_the_actors_the_pattern_names(tmp_path: Path) -> None:
    # the grammar alone would make the subject the source; the pattern says who threatened whom
    assert coded("Kenya received death threats from Somalia.", THREAT, tmp_path) == {("SOM", "138", "KEN")}
    assert coded("Kenya received death threats from bandits.", THREAT, tmp_path) == set()  # '$' needs an actor


def test_a_compound_slot_makes_a_joint_action_go_both_ways(tmp_path: Path) -> None:
    assert coded("Kenya and Uganda gathered in Nairobi.", JOINT, tmp_path) == {
        ("KEN", "040", "UGA"),
        ("UGA", "040", "KEN"),
    }


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("NEW_&TIES_RELATIONS", [["new cultural ties relations", "new economic relations", "new trade relations"]]),
        ("{ARMS SHIPMENT} (TO +)", [["arms shipment"], ["to"], ["+"]]),
        ("$ NOT ^ TO_+", [["$"], ["not"], ["^"], ["to"], ["+"]]),
        ("FROM 12TH", [["from"], []]),  # a word no text holds keeps its slot, so the pattern never fires
    ],
)
def test_pattern_words_keep_phrases_markers_and_nested_synsets(pattern: str, expected: list[list[str]]) -> None:
    synsets = {"&TIES": ["economic", "trade", "&MORE"], "&MORE": ["cultural ties"]}
    assert _words(pattern, synsets) == expected


def test_announced_deeds_are_intents_unless_configured_as_deeds(tmp_path: Path) -> None:
    text = "Finland will give Tanzania a grant for schools."
    give = "--- GIVE  [070]  ---\nGIVE\n"
    assert coded(text, give, tmp_path) == {("FIN", "033", "TZA")}
    assert coded(text, give, tmp_path, announced_as_intent=False) == {("FIN", "070", "TZA")}


def test_discard_phrases_drop_their_sentence_or_the_whole_story(tmp_path: Path) -> None:
    discards = tmp_path / "discards.txt"
    discards.write_text("# sports\nFRIENDLY MATCH\n+Champions League  # the whole story\n", encoding="utf-8")
    verbs, attack, kept = "--- ATTACK  [190]  ---\nATTACK\n", "Chad attacked Sudan.", {("TCD", "190", "SDN")}
    match = f"{attack} Kenya attacked Uganda in a friendly match."
    assert coded(match, verbs, tmp_path, discards=[str(discards)]) == kept
    story = f"{attack} The Champions League final is in Lagos."
    assert coded(story, verbs, tmp_path, discards=[str(discards)]) == set()
    assert coded(story, verbs, tmp_path) == kept


def test_a_preposition_slot_never_matches_the_infinitive_marker(tmp_path: Path) -> None:
    verbs = "--- HEAD  [100]  ---\nHEAD\nORDER\n- * TO  [042]\n"
    assert coded("Kenya headed to Uganda.", verbs, tmp_path) == {("KEN", "042", "UGA")}
    assert coded("Kenya ordered Uganda to withdraw.", verbs, tmp_path) == {("KEN", "100", "UGA")}
