"""Dictionary sources named in the pipeline configuration: `packaged:NAME` or a file path.

A reader keeps the sha256 of every source it read, which goes into each record's provenance
stamp (`coder.resources`), so a record says exactly which dictionaries coded it.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError

PACKAGED = "packaged:"


class SourceReader:
    """Reads named sources and remembers each one's hash."""

    def __init__(self) -> None:
        self.hashes: dict[str, str] = {}

    def text(self, source: str) -> str:
        """The text of a source (UTF-8; undecodable bytes replaced)."""
        return self._bytes(source).decode("utf-8", errors="replace")

    def rows(self, source: str) -> list[list[str]]:
        """The tab-separated rows of a source, without blank lines and `#` comments."""
        return [
            line.split("\t") for line in self.text(source).splitlines() if line.strip() and not line.startswith("#")
        ]

    def path(self, source: str) -> Path:
        """A source's file path, for parsers that read files themselves (hashed and checked first)."""
        self._bytes(source)
        return self._packaged_path(source) if source.startswith(PACKAGED) else Path(source).expanduser()

    def folder(self, source: str, *, inside: str) -> Path:
        """A source that is a folder (a trained model), hashed by its file `inside`."""
        path = self._packaged_path(source) if source.startswith(PACKAGED) else Path(source).expanduser()
        try:
            data = (path / inside).read_bytes()
        except OSError as error:
            raise ConfigError("E022", source=source, detail=f"cannot read {inside} in this model folder") from error
        self.hashes[f"{path.name}/{inside}"] = hashlib.sha256(data).hexdigest()
        return path

    def _packaged_path(self, source: str) -> Path:
        return Path(str(resources.files("communique").joinpath("data").joinpath(source[len(PACKAGED) :])))

    def _bytes(self, source: str) -> bytes:
        if source.startswith(PACKAGED):
            name = source[len(PACKAGED) :]
            target: Any = resources.files("communique").joinpath("data").joinpath(name)
        else:
            target = Path(source).expanduser()
            name = target.name
        try:
            data: bytes = target.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as error:
            raise ConfigError("E022", source=source, detail="cannot read this dictionary file") from error
        self.hashes[name] = hashlib.sha256(data).hexdigest()
        return data
