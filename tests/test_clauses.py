"""The clause reading every stage shares, on sentences written for it: who does each predicate, to whom,
whose subject an open clause takes, whose report it is, its modality, tense and condition."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from communique import Article, extract_one
from communique.clauses import Clause, Clauses, clauses_of
from communique.nlp import load


def parsed(text: str) -> Doc:
    return load()(text)


def frame(doc: Doc, word: str) -> Clause:
    clauses: Clauses = doc._.clauses
    return clauses[next(t.i for t in doc if t.text == word)]


def words(doc: Doc, indexes: tuple[int, ...] | int | None) -> list[str]:
    if indexes is None:
        return []
    return [doc[i].text for i in ((indexes,) if isinstance(indexes, int) else indexes)]


def test_the_component_reads_every_predicate_once_and_shares_it() -> None:
    doc = parsed("Oslo warned Lima on Tuesday and recalled its envoy.")
    assert doc._.clauses is clauses_of(doc)  # set by the pipeline, not read again
    assert {doc[i].text for i in doc._.clauses._frames} >= {"warned", "recalled"}


def test_subject_objects_and_obliques() -> None:
    doc = parsed("The Dutch navy handed the captured crew to Yemeni officials in Aden.")
    handed = frame(doc, "handed")
    assert words(doc, handed.subject) == ["navy"]
    assert words(doc, handed.objects) == ["crew"]
    assert set(words(doc, handed.obliques)) == {"officials", "Aden"}
    assert handed.tense == "past" and handed.modality == "asserted"


def test_a_passive_has_its_patient_and_its_agent_as_subject() -> None:
    doc = parsed("The convoy was stopped by Chadian soldiers near the border.")
    stopped = frame(doc, "stopped")
    assert words(doc, stopped.patient) == ["convoy"]
    assert words(doc, stopped.subject) == ["soldiers"]


def test_an_open_clause_takes_its_governors_subject() -> None:
    doc = parsed("Peru plans to expel the Bolivian attaché.")
    expel = frame(doc, "expel")
    assert expel.subject is None and words(doc, expel.governor) == ["plans"]
    assert doc._.clauses.subject(expel.predicate).text == "Peru"
    assert expel.modality == "intended"


def test_a_relative_clause_is_done_by_the_noun_it_describes() -> None:
    doc = parsed("Norway, which hosted the talks, praised both delegations.")
    assert words(doc, frame(doc, "hosted").subject) == ["Norway"]


def test_a_relative_clause_is_done_to_the_noun_it_describes() -> None:
    """'Chad, which France has criticised': what France criticised is Chad, and Chad is the event's target."""
    text = "The minister visited Chad, which France has criticised for months."
    doc = parsed(text)
    assert words(doc, frame(doc, "criticised").objects) == ["Chad"]
    assert ("FRA", "111", "TCD") in {
        (e.source.code, e.cameo, e.target.code if e.target else None)
        for e in extract_one(Article(id="t", text=text, date="2025-06-10")).events
    }


def test_what_a_clause_labels_is_done_to_not_its_namer() -> None:
    """'condemned what Abe called China's provocation': the provocation is condemned; Abe only names it."""
    text = "Japan condemned what Prime Minister Abe called China's provocation."
    doc = parsed(text)
    assert words(doc, frame(doc, "condemned").objects) == ["provocation"]
    events = extract_one(Article(id="t", text=text, date="2025-06-10")).events
    assert {(e.source.code, e.target.code if e.target else None) for e in events} == {("JPN", "CHN")}
    text = (
        "Peru rejected what Ecuador described as Bolivian interference. "
        "Norway condemned what Sweden termed an attack by Russia."
    )
    events = extract_one(Article(id="t", text=text, date="2025-06-10")).events
    assert {(e.source.code, e.target.code if e.target else None) for e in events} == {("PER", "BOL"), ("NOR", "RUS")}


def test_reported_speech_knows_its_reporter() -> None:
    doc = parsed("The ministry said Ghana had closed the crossing.")
    closed = frame(doc, "closed")
    assert words(doc, closed.reporter) == ["said"]
    assert [c.predicate for c in doc._.clauses.reporters(doc[closed.predicate])] == [closed.reporter]
    assert frame(doc, "said").reporter is None


@pytest.mark.parametrize(
    ("text", "word", "modality", "condition"),
    [
        ("Inspectors will establish whether Malta broke the embargo.", "broke", "hypothetical", True),
        ("If Fiji leaves the forum, Samoa will follow.", "leaves", "hypothetical", True),
        ("Analysts believe Laos signed the accord.", "signed", "hypothetical", False),
        ("Chile did not sign the accord.", "sign", "negated", False),
        ("Chile will sign the accord next week.", "sign", "planned", False),
        ("Quito ruled out closing the border with Peru.", "closing", "negated", False),
        ("Oslo pledged to send engineers to Malawi.", "send", "intended", False),
        ("Oslo pledged to send engineers to Malawi.", "pledged", "asserted", False),  # the pledge is made now
        ("Oslo wants to send engineers to Malawi.", "wants", "intended", False),
        # joined bare verbs share their auxiliaries; a verb with its own tense does not
        ("Lima will recall its envoy and close the consulate.", "close", "planned", False),
        ("Lima did not recall its envoy or close the consulate.", "close", "negated", False),
        ("Lima did not recall its envoy but closed the consulate.", "closed", "asserted", False),
        ("Lima will seek new tariffs and impose a quota.", "impose", "planned", False),
        # an infinitive with its own subject is as real as the verb it completes
        ("A bill that would allow farmers to sue the ministry stalled.", "sue", "hypothetical", False),
    ],
)
def test_modality_and_condition(text: str, word: str, modality: str, condition: bool) -> None:
    doc = parsed(text)
    assert frame(doc, word).modality == modality
    assert frame(doc, word).condition == condition


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("The envoys met on Friday.", "met", "past"),
        ("The envoys will meet on Friday.", "meet", "future"),
        ("The envoys are to meet on Friday.", "meet", "future"),
        ("The envoys meet on Friday.", "meet", "present"),  # a weekday then is the coming one (test_dates)
    ],
)
def test_tense(text: str, word: str, tense: str) -> None:
    assert frame(parsed(text), word).tense == tense


def test_a_frame_is_read_on_demand_for_any_token() -> None:
    doc = parsed("Talks between the rivals.")
    assert doc._.clauses.of(doc[3]).predicate == doc[0].i  # a headline with no verb: its root


def test_events_take_sides_only_from_the_triggers_own_arguments() -> None:
    """Kenya is named in a clause of its own, not as an argument of 'attacked': it is not the target."""
    record = extract_one(
        Article(id="t", text="Rebels attacked the convoy after aid workers had returned from Kenya.", date="2025-06-10")
    )
    assert not any(e.target and e.target.country == "KEN" for e in record.events if e.trigger == "attacked")


@pytest.mark.parametrize(
    "text",
    [
        "ABU DHABI, United Arab Emirates — Qatar accused Bahrain of closing the border.",  # two subjects parsed
        "DOHA, Qatar — Qatar accused Bahrain of closing the border.",
    ],  # the subject as the dateline's apposition
)
def test_a_dateline_is_never_the_subject(text: str) -> None:
    record = extract_one(Article(id="t", text=text, date="2025-06-10"))
    assert {(e.source.code, e.target.code if e.target else None) for e in record.events} == {("QAT", "BHR")}
