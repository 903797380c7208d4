"""The seed article end to end: the records the foundation promises, field by field."""

from __future__ import annotations

from communique import Extraction
from communique.model import Actor


def _actor(record: Extraction, name: str) -> Actor:
    return next(a for a in record.actors if a.name == name)


def test_seed_people_and_media(seed_record: Extraction) -> None:
    for name, role in (
        ("Dmitry Peskov", "presidential press secretary"),
        ("Sergey Lavrov", "Foreign Minister"),
        ("Mikhail Mishustin", "Prime Minister"),
    ):
        person = _actor(seed_record, name)
        assert (person.kind, person.country, person.sector, person.code) == ("person", "RUS", "GOV", "RUSGOV")
        assert person.role is not None and role.lower() in person.role.lower()
    ria = _actor(seed_record, "RIA Novosti")
    assert (ria.kind, ria.country, ria.sector) == ("organization", "RUS", "MED")


def test_seed_surnames_and_role_link_to_people(seed_record: Extraction) -> None:
    peskov = [m.text for m in _actor(seed_record, "Dmitry Peskov").mentions]
    assert "Peskov" in peskov and "The Kremlin spokesman" in peskov
    assert "Lavrov" in [m.text for m in _actor(seed_record, "Sergey Lavrov").mentions]


def test_seed_listed_countries_and_capitals(seed_record: Extraction) -> None:
    by_country = {a.country: a for a in seed_record.actors if a.kind == "country"}
    for iso3 in ("MLI", "NER", "BFA", "CAF", "FRA", "COM", "SLE", "SSD", "EGY", "RUS"):
        assert iso3 in by_country, iso3
    for iso3, capital in (("MLI", "Bamako"), ("NER", "Niamey"), ("BFA", "Ouagadougou"), ("RUS", "Moscow")):
        assert capital in [m.text for m in by_country[iso3].mentions]
    assert "the former colonial power" in [m.text for m in by_country["FRA"].mentions]


def test_seed_mention_offsets_slice_back(seed_record: Extraction) -> None:
    text = seed_record.text
    for actor in seed_record.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_seed_e1_russia_intends_military_cooperation_with_africa(seed_record: Extraction) -> None:
    e1 = [
        e
        for e in seed_record.events
        if e.source.country == "RUS" and e.target and e.target.country == "AFR" and e.cameo == "0312"
    ]
    assert e1, "E1 missing"
    event = e1[0]
    assert event.plover.type == "AGREE" and "military" in event.plover.context
    assert event.modality == "intended"
    assert event.quad_class == 1 and event.goldstein == 5.2
    peskov = _actor(seed_record, "Dmitry Peskov")
    assert event.claimed_by == peskov.id
    assert "scale up military and security cooperation" in event.evidence
    assert seed_record.text[event.start : event.end].strip() == event.evidence


def test_seed_e4_sahel_governments_sever_defence_ties_with_france(seed_record: Extraction) -> None:
    severed = [e for e in seed_record.events if e.trigger == "severed"]
    assert {(e.source.code, e.target.code if e.target else None) for e in severed} == {
        ("MLIGOV", "FRA"),
        ("NERGOV", "FRA"),
        ("BFAGOV", "FRA"),
    }
    for event in severed:
        assert event.cameo == "1622" and event.plover.type == "SANCTION" and event.modality == "asserted"
        assert event.quad_class == 4
    accusations = {
        e.source.country
        for e in seed_record.events
        if e.plover.type == "ACCUSE" and e.target and e.target.country == "FRA"
    }
    assert accusations == {"MLI", "NER", "BFA"}
    assert not [e for e in seed_record.events if e.source.country == "RUS" and e.target and e.target.country == "FRA"]


def test_seed_q1_peskov_quote_via_ria(seed_record: Extraction) -> None:
    # the quote, and nested in it Peskov's "We intend to ..." (an intention of "we"): PolNeAR keeps both
    quoted = [q for q in seed_record.quotes if "comprehensively develop" in q.content.text]
    [q1] = [q for q in quoted if q.kind == "direct"]
    assert q1.speaker.actor == _actor(seed_record, "Dmitry Peskov").id and q1.speaker.text == "Peskov"
    assert q1.cue.text == "said"
    assert q1.via is not None and q1.via.text == "RIA Novosti" and q1.via.actor == _actor(seed_record, "RIA Novosti").id
    assert q1.content.text.startswith("We intend") and q1.content.text.endswith("with African states")
    for span in (q1.content, q1.speaker, q1.cue):
        assert seed_record.text[span.start : span.end] == span.text


def test_seed_figures_f1_f2(seed_record: Extraction) -> None:
    [f1] = [f for f in seed_record.figures if f.value == 27.7e9]
    assert (f1.text, f1.unit, f1.qualifier, f1.period) == ("surpassing $27.7 billion", "USD", ">", "2024")
    assert f1.subject == "trade between Russia and Africa"
    [f2] = [f for f in seed_record.figures if f.value == 32000]
    assert (f2.text, f2.unit, f2.qualifier, f2.subject) == ("more than 32,000", "count", ">", "African students")
    assert f2.claimed_by == _actor(seed_record, "Sergey Lavrov").id
    for figure in (f1, f2):
        assert seed_record.text[figure.start : figure.end] == figure.text
