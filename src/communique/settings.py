"""The pipeline's settings: the packaged defaults (`defaults.toml`) and a user's configuration over them.

Every default lives in `defaults.toml`, once; the components, the dictionary loaders and `load()`
all read it from here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

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
