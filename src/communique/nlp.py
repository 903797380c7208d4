"""The pipeline, assembled from configuration: the spaCy model, then communique's components.

`load()` takes the settings (`settings.read_config`: `defaults.toml` with the user's configuration
over it) and builds one `Language` whose components hold their dictionaries. Swapping a
dictionary is a configuration change (docs/pipeline.md), never a code change.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from . import components
from .attributes import AttributeTable
from .errors import ConfigError
from .settings import Config, read_config

# The sections the pipeline reads: the rest ([serve] and its tokens) never reach it, its meta or its cache key.
PIPELINE_SECTIONS = ("pipeline", "gazetteer", "events")


def load(config: str | Path | Config | None = None) -> Language:
    """Build the pipeline for `config` (see `read_config`); the same configuration is built once per process.

    RETURNS (Language): the spaCy pipeline with communique's components; its settings (the
    `PIPELINE_SECTIONS` only) are in `nlp.meta["communique"]`.
    """
    settings = read_config(config)
    return _build(json.dumps({section: settings[section] for section in PIPELINE_SECTIONS}, sort_keys=True))


@lru_cache(maxsize=4)
def _build(settings_json: str) -> Language:
    settings = json.loads(settings_json)
    model = settings["pipeline"]["model"]
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError("E022", source=model, detail="this spaCy pipeline is not installed") from error
    _tabulate_attributes(nlp)
    nlp.add_pipe("communique_paragraphs", first=True)
    nlp.add_pipe("communique_gazetteer", before="ner", config=settings["gazetteer"])
    for stage in components.STAGES:
        nlp.add_pipe(stage, config=settings["events"] if stage == "communique_events" else {})
    nlp.meta["communique"] = settings
    return nlp


def _tabulate_attributes(nlp: Language) -> None:
    """The model's attribute ruler replaced by the same rules as a table (`attributes.py`), where it can be."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler) and AttributeTable.supports(ruler):
        nlp.add_pipe("communique_attributes", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
