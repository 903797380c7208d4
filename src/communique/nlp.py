"""The pipeline, assembled from configuration: the spaCy model, then communique's components.

`load()` reads `defaults.toml`, overlays the user's configuration (a TOML file or a dict of the
same sections), and builds one `Language` whose components hold their dictionaries. Swapping a
dictionary is a configuration change (docs/pipeline.md), never a code change.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from . import components
from .errors import ConfigError

Config = Mapping[str, Mapping[str, Any]]


def default_config() -> dict[str, dict[str, Any]]:
    """The packaged defaults (`communique/defaults.toml`), as a fresh dict."""
    return tomllib.loads(resources.files("communique").joinpath("defaults.toml").read_text("utf-8"))


def read_config(config: str | Path | Config | None) -> dict[str, dict[str, Any]]:
    """The defaults overlaid with `config` (a TOML path or a mapping); unknown keys are a ConfigError."""
    merged = default_config()
    if config is None:
        return merged
    source = "configuration"
    if isinstance(config, (str, Path)):
        source = str(config)
        try:
            config = tomllib.loads(Path(config).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError("E022", source=source, detail=f"cannot read it as TOML ({error})") from error
    for section, values in config.items():
        if section not in merged or not isinstance(values, Mapping):
            raise ConfigError("E022", source=source, detail=f"unknown section [{section}]")
        unknown = set(values) - set(merged[section])
        if unknown:
            raise ConfigError(
                "E022", source=source, detail=f"unknown keys in [{section}]: {', '.join(sorted(unknown))}"
            )
        merged[section].update(values)
    return merged


def load(config: str | Path | Config | None = None) -> Language:
    """Build the pipeline for `config` (see `read_config`); the same configuration is built once per process.

    RETURNS (Language): the spaCy pipeline with communique's components; its settings are in
    `nlp.meta["communique"]`.
    """
    return _build(json.dumps(read_config(config), sort_keys=True))


@lru_cache(maxsize=4)
def _build(settings_json: str) -> Language:
    settings = json.loads(settings_json)
    model = settings["pipeline"]["model"]
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError("E022", source=model, detail="this spaCy pipeline is not installed") from error
    nlp.add_pipe("communique_paragraphs", first=True)
    nlp.add_pipe("communique_gazetteer", before="ner", config=settings["gazetteer"])
    for stage in components.STAGES:
        nlp.add_pipe(stage, config=settings["events"] if stage == "communique_events" else {})
    nlp.meta["communique"] = settings
    return nlp
