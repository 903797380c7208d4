"""Every error communique raises, each with a stable code a user can search for.

    CommuniqueError
    ├── InputError        an article or file that cannot be read (bad encoding, empty, malformed)
    ├── LanguageError     text in a language the coder does not handle
    └── StoreError        the database cannot be opened or written

The library raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations


class Errors:
    """The catalogue: one message per code, with named placeholders."""

    E001 = "{source}: the file is empty. Give a file with article text in it."
    E002 = (
        "{source}: the file looks binary (it holds NUL bytes), not text or HTML. "
        "Check that you passed the article and not an archive or image."
    )
    E003 = (
        "{source}: the bytes are not valid {encoding} (first bad byte at offset {offset}). "
        "Re-save it as UTF-8, or pass --encoding with the file's real encoding."
    )
    E004 = "{source}: line {line} is not valid JSON ({detail}). Fix or remove that line; the other lines were read."
    E005 = '{source}: line {line} has no non-empty "text" field. Each JSONL line needs {{"id", "text", ...}}.'
    E006 = (
        "{source}: no article body found in the HTML (the page may be an index, a login wall or a script-only page). "
        "Save the article page itself, or pass its text as a .txt file."
    )
    E007 = "{source}: no such file. Check the path."
    E008 = (
        "{source}: {size} bytes is over the {limit}-byte limit for one article. Split the file, or raise --max-bytes."
    )
    E009 = (
        "{source}: the text looks like {language}, and communique codes English only. "
        "Pass --language en to force English coding."
    )
    E010 = '{source}: field "{field}" must be {expected}, got {value!r}.'
    E011 = "cannot open the store at {url}: {detail}. Check the path or the database URL (sqlite:///file.db, postgresql://...)."
    E012 = "{source}: the article has no text after the title. Give the article body after a blank line."


class CommuniqueError(Exception):
    """Base of every communique error; `code` is the catalogue key (E001 ...)."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(f"[{code}] " + getattr(Errors, code).format(**values))


class InputError(CommuniqueError):
    """An input that cannot become an Article."""


class LanguageError(InputError):
    """Text in a language the coder does not handle."""


class StoreError(CommuniqueError):
    """The store cannot be opened or written."""
