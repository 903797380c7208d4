"""The pipeline: stages as configured spaCy components, isolation of one bad article, long articles, language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import (
    Article,
    ConfigError,
    Extraction,
    InputError,
    InternalError,
    LanguageError,
    extract,
    extract_one,
    load,
)
from communique.components import STAGES
from communique.pipeline import chunks
from conftest import SEED_FILE, SHARED

PETRARCH = SHARED / "reference" / "petrarch"
needs_petrarch = pytest.mark.skipif(
    not (PETRARCH / "PETR.Validate.verbs.txt").exists(), reason="../shared/reference/petrarch is not here"
)


def _triples(record: Extraction) -> set[tuple[str, str, str | None]]:
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in record.events}


def test_pipeline_stages_are_registered_components_after_the_model() -> None:
    nlp = load()
    names = nlp.pipe_names
    assert names[0] == "communique_paragraphs"
    assert names.index("communique_gazetteer") < names.index("ner")
    assert names[-len(STAGES) :] == list(STAGES)
    doc = nlp("Mali severed diplomatic ties with France.")
    assert [a.country for a in doc._.actor_table.actors] == ["MLI", "FRA"]
    assert [(e.source.code, e.cameo) for e in doc._.events] == [("MLI", "161")]
    assert doc._.quotes == [] and doc._.figures == []


def test_pipeline_nlp_of_a_text_codes_it_as_extract_does() -> None:
    """One path: `extract` runs the model, then the stages through `nlp.pipe`; `nlp(text)` runs both in one go."""
    nlp = load()
    text = 'Egypt accused Ethiopia of breaking the dam accord. "We will respond," Cairo said of its 74 billion m3.'
    doc = nlp(text)
    record = extract_one(Article(id="x", text=text, language="en"), nlp=nlp)
    assert doc._.events == record.events != []
    assert doc._.quotes == record.quotes != [] and doc._.figures == record.figures != []


def test_pipeline_gazetteer_patterns_are_words_only() -> None:
    """The ruler matches exact words: its patterns need the tokenizer, not the whole model run over 5,000 names
    at every start of a process; the pipeline comes back with every component enabled."""
    nlp = load()
    ruler = nlp.get_pipe("communique_gazetteer").ruler
    patterns = [doc for docs in ruler.phrase_patterns.values() for doc in docs]
    assert len(patterns) > 1000
    assert not any(doc.has_annotation("TAG") or doc.has_annotation("DEP") for doc in patterns)
    assert {"tok2vec", "tagger", "parser", "lemmatizer", "ner"} <= set(nlp.pipe_names)


def test_pipeline_same_config_is_built_once() -> None:
    assert load() is load({}) and load({"pipeline": {"batch_size": 3}}) is not load()


@needs_petrarch
def test_pipeline_codes_petrarch_unit_test_sentence_with_its_fictional_dictionaries(tmp_path: Path) -> None:
    config = tmp_path / "validate.toml"
    config.write_text(
        f"""
[gazetteer]
actors = ["{PETRARCH / "PETR.Validate.actors.txt"}"]
agents = ["{PETRARCH / "PETR.Validate.agents.txt"}"]

[events]
lexicon = ["{PETRARCH / "PETR.Validate.verbs.txt"}"]
""",
        encoding="utf-8",
    )
    lines = (SHARED / "devsets" / "petrarch_unittest.jsonl").read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines]
    demo = next(c for c in cases if c["id"] == "DEMO-00")
    [record] = extract([Article(id=demo["id"], text=demo["text"], language="en")], config=config)
    assert isinstance(record, Extraction)
    expected = {(e["sourcecode"], e["eventcode"], e["targetcode"]) for e in demo["expected_events"]}
    assert expected <= _triples(record)  # Arnor restores ties with Gondor: ARN 064 GON
    assert {"PETR.Validate.actors.txt", "PETR.Validate.verbs.txt"} <= set(record.coder.resources)
    default = next(extract([Article(id="d", text=demo["text"], language="en")]))
    assert isinstance(default, Extraction) and not _triples(default) & expected  # fictional states unknown


def test_pipeline_user_dictionary_extends_the_packaged_one(tmp_path: Path) -> None:
    actors = tmp_path / "mine.actors.txt"
    actors.write_text("ZANDORIA [ZND]\n+ZANDORIAN\n", encoding="utf-8")
    config = {"gazetteer": {"actors": ["packaged:actors.json", str(actors)]}}
    [record] = extract([Article(id="z", text="Zandoria condemned France over the raid.", language="en")], config=config)
    assert isinstance(record, Extraction)
    assert ("ZND", "111", "FRA") in _triples(record)


def test_pipeline_bad_configuration_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load({"events": {"lexicon": [str(tmp_path / "missing.txt")]}})
    assert info.value.code == "E022" and "missing.txt" in str(info.value)
    with pytest.raises(ConfigError):
        load({"pipeline": {"no_such_key": 1}})


def test_pipeline_a_failing_stage_fails_one_article_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from communique import components

    real = components._quotes

    def fragile(doc):  # type: ignore[no-untyped-def]
        if "boom" in doc.text:
            raise RuntimeError("a bug in the quote finder")
        return real(doc)

    nlp = load({"pipeline": {"batch_size": 5}})  # a pipeline of its own, so the patch reaches its stage
    monkeypatch.setattr(nlp.get_pipe("communique_quotes"), "process", fragile)
    texts = ["Mali severed ties with France.", "A boom was heard as Chad met Niger.", "Egypt praised Sudan."]
    results = list(extract([Article(id=str(i), text=t, language="en") for i, t in enumerate(texts)], nlp=nlp))
    assert isinstance(results[0], Extraction) and isinstance(results[2], Extraction)
    assert isinstance(results[1], InternalError) and results[1].code == "E034"  # our bug, not the input
    assert "communique_quotes" in str(results[1]) and "RuntimeError" in str(results[1]) and "bug" in str(results[1])
    assert "in fragile" in results[1].traceback  # where it happened, for --debug


def test_pipeline_a_stage_refusing_an_article_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:

    def refusing(doc):  # type: ignore[no-untyped-def]
        raise InputError("E017", source="x", length=len(doc.text), limit=1)

    nlp = load({"pipeline": {"batch_size": 5}})
    monkeypatch.setattr(nlp.get_pipe("communique_figures"), "process", refusing)
    [result] = list(extract([Article(id="r", text="Mali severed ties with France.", language="en")], nlp=nlp))
    assert isinstance(result, InputError) and result.code == "E018" and "communique_figures" in str(result)


def test_pipeline_text_ending_in_according_is_coded() -> None:
    text = '"We will not sit down with France again, whatever Paris offers," the minister said, according'
    [record] = extract([Article(id="a", text=text, language="en")])
    assert isinstance(record, Extraction) and record.quotes


def test_pipeline_refuses_articles_over_the_limit_and_goes_on() -> None:
    nlp = load({"pipeline": {"max_chars": 200}})
    long = Article(id="long", text="Mali severed ties with France. " * 10, language="en")
    short = Article(id="short", text="Mali severed ties with France.", language="en")
    results = list(extract([long, short], nlp=nlp))
    assert isinstance(results[0], InputError) and results[0].code == "E017" and "200" in str(results[0])
    assert isinstance(results[1], Extraction) and results[1].events


def test_pipeline_long_articles_are_parsed_in_chunks_with_the_same_records() -> None:
    article = Article(**json.loads(SEED_FILE.read_text(encoding="utf-8")))
    whole = next(extract([article]))
    chunked = next(extract([article], nlp=load({"pipeline": {"chunk_chars": 500}})))
    assert isinstance(whole, Extraction) and isinstance(chunked, Extraction)
    assert chunked.text == article.text
    assert _triples(chunked) == _triples(whole)
    assert [a.mentions for a in chunked.actors] == [a.mentions for a in whole.actors]


@pytest.mark.parametrize("size", [10, 50, 1000])
def test_pipeline_chunks_join_back_to_the_text(size: int) -> None:
    text = "First paragraph here.\nSecond one, longer than the first.\n\nThird." + " word" * 80
    pieces = chunks(text, size)
    assert "".join(pieces) == text
    assert all(len(piece) <= size for piece in pieces)


def test_pipeline_language_detection_and_overrides() -> None:
    french = "Le ministre a déclaré lundi que le gouvernement ne changerait pas sa position sur les négociations."
    wire = "SHR 1.20 DLRS VS 1.10 DLRS NET PROFIT 12.3 MLN VS 10.1 MLN REVS 100 MLN VS 90 MLN NINE MTHS AVG SHRS"
    results = list(extract([Article(id="fr", text=french), Article(id="wire", text=wire)]))
    assert isinstance(results[0], LanguageError) and "French" in str(results[0]) and "--language en" in str(results[0])
    assert isinstance(results[1], Extraction) and results[1].language == "en"
    forced = next(extract([Article(id="fr", text=french)], language="en"))
    assert isinstance(forced, Extraction)
    marked = next(extract([Article(id="fr", text=french, language="en")]))
    assert isinstance(marked, Extraction)
    other = next(extract([Article(id="de", text="Mali severed ties with France.", language="de")]))
    assert isinstance(other, LanguageError) and other.code == "E009"


def test_pipeline_country_names_table_adds_names_and_refuses_unknown_codes(tmp_path: Path) -> None:
    from communique.actors.gazetteer import load_gazetteer

    names = tmp_path / "names.tsv"
    names.write_text("# extra names\nFreedonia\tFRA\n", encoding="utf-8")
    gazetteer = load_gazetteer({"countries": ["packaged:countries.json", str(names)]})
    assert gazetteer.place_codes["freedonia"] == "FRA"
    names.write_text("Ruritania\tRUR\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="E022"):
        load_gazetteer({"countries": ["packaged:countries.json", str(names)]})


def test_pipeline_a_dated_role_overrides_an_actors_default_code(tmp_path: Path) -> None:
    actors = tmp_path / "people.actors.txt"
    actors.write_text("JOHN_DOE [KEN]\n\t[KENGOV 20100101-20141231]\n\t[KENELI >20150101]\n\n", encoding="utf-8")
    config = {"gazetteer": {"actors": ["packaged:actors.json", str(actors)]}, "events": {"classifier": ""}}

    def source(date: str) -> str:
        [record] = extract([Article(id=date, text="John Doe criticized Uganda.", date=date)], config=config)
        assert isinstance(record, Extraction)
        return record.events[0].source.code

    assert [source(d) for d in ("2005-06-01", "2012-06-01", "2016-06-01")] == ["KEN", "KENGOV", "KENELI"]
