"""Every error communique raises, each with a stable code a user can search for.

    CommuniqueError
    ├── InputError        an article or file that cannot be read or coded (encoding, empty, malformed, too long)
    │   └── LanguageError text in a language the coder does not handle
    ├── InternalError     a fault in communique's own code while coding one article (a bug to report)
    ├── ConfigError       a pipeline configuration or dictionary that cannot be loaded
    │   └── MissingExtra  a feature whose optional extra is not installed
    ├── TrainingError     a labelled file `communique train` cannot learn from
    ├── QueryError        a filter value that is not what the option takes
    └── StoreError        the database cannot be opened or written, or refuses an article

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
    E004 = "{source}: {where} is not valid JSON ({detail}). Fix or remove it; the other articles were read."
    E005 = '{source}: {where} has no non-empty "text" field. Each article needs {{"id", "text", ...}}.'
    E006 = (
        "{source}: no article body found in the HTML (the page may be an index, a login wall or a script-only page). "
        "Save the article page itself, or pass its text as a .txt file."
    )
    E007 = "{source}: no such file or folder. Check the path."
    E008 = (
        "{source}: {size} bytes is over the {limit}-byte limit for one input file. "
        "Split the file, or raise the limit with --max-bytes."
    )
    E009 = (
        "{source}: the text looks like {language}, and communique codes English only. "
        'If it is English, pass --language en (or "language": "en" in its JSONL line) to code it anyway.'
    )
    E010 = '{source}: field "{field}" must be {expected}, got {value!r}.'
    E011 = "cannot open the store at {url}: {detail}. Check the path or the database URL (sqlite:///file.db, postgresql://...)."
    E012 = "{source}: the article has no text after the title. Give the article body after a blank line."
    E013 = (
        "{source}: '{suffix}' files are not articles communique reads. "
        "Give .txt, .md, .html, .jsonl, .json, .rss, .atom, .xml, .urls or .warc files, maybe gzipped "
        "(or a file with no suffix, read as text)."
    )
    E014 = "{source}: {value!r} is not a date. Give YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-06-10)."
    E015 = (
        "{source}: article id {id!r} is already stored with a different {what}. "
        "Pass --update to replace the stored article and its records, or give this article another id."
    )
    E016 = "no store at {url}. Check the path or URL, or create the store with `communique ingest FILES --db {url}`."
    E017 = (
        "{source}: {length:,} characters is over the {limit:,}-character limit for one article. "
        "Split the article into parts and ingest them as separate articles."
    )
    E018 = "{source}: the {stage} stage cannot code this article ({detail}). The other articles were coded."
    E019 = "--{option} {value!r}: {expected}."
    E020 = "{source}: unknown encoding {encoding!r}. Give a Python codec name such as utf-8, latin-1 or utf-16."
    E021 = (
        "{source}: no article files found (.txt, .md, .html, .jsonl, .json, feeds, .urls, .warc). "
        "Check the folder, or give the files themselves."
    )
    E022 = "{source}: {detail}. Check the pipeline configuration (docs/pipeline.md)."
    E023 = (
        "{source}: {detail}. `communique train` reads ConfliBERT class files (.tsv: sentence, tab, label 0-4), "
        "PLOVER records (.json) and communique records (.jsonl)."
    )
    E024 = (
        "{feature} needs the optional package {package!r}, which is not installed. "
        "Install the extra that brings it: pip install 'communique[{extra}]' (or 'communique[all]' for every extra)."
    )
    E025 = "{source}: refused to fetch {url}: {reason}."
    E026 = "{source}: the fetch failed ({detail}). Check the URL and your connection, then run the same command again."
    E027 = "{source}: more than {limit} redirects. Give the article's final URL."
    E028 = "{source}: the server answered HTTP {status} {reason}. Check that the URL is an article page."
    E029 = (
        "{source}: the site's robots.txt does not allow communique to fetch this page. "
        "Save the page yourself and ingest the file, or ask the site for access."
    )
    E030 = (
        "{source}: the server sent {media_type}, not an article (HTML, plain text) or a feed (RSS, Atom). "
        "Give the URL of an article page or a feed."
    )
    E031 = "{source}: not an RSS or Atom feed with entries ({detail}). Check the feed's URL or file."
    E033 = (
        "{source}: its text is the text of {original!r} in the same run, which could not be stored "
        "(see that article's error); fix that one and ingest again."
    )
    E032 = "{source}: not a WARC file communique can read ({detail}). Give a .warc or .warc.gz file of HTTP responses."
    E034 = (
        "{source}: communique's own code failed in the {stage} stage ({detail}). This is a bug, not your input: "
        "the other articles were coded; please report it with this article (--debug prints the traceback)."
    )


class CommuniqueError(Exception):
    """Base of every communique error; `code` is the catalogue key (E001 ...)."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(f"[{code}] " + getattr(Errors, code).format(**values))

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as code and values, so an error crosses from a worker process intact."""
        return (_rebuild, (type(self), self.code, self.values))

    @property
    def source(self) -> str:
        """The input the error is about ('' when it concerns no one input)."""
        return str(self.values.get("source", ""))


def _rebuild(kind: type[CommuniqueError], code: str, values: dict[str, object]) -> CommuniqueError:
    return kind(code, **values)


class InputError(CommuniqueError):
    """An input that cannot become an Article, or an article that cannot be coded."""


class LanguageError(InputError):
    """Text in a language the coder does not handle."""


class InternalError(CommuniqueError):
    """A fault in communique's own code while coding one article: isolated to it, counted apart, reported as a bug.
    `values["traceback"]` holds where it happened."""

    @property
    def traceback(self) -> str:
        return str(self.values.get("traceback", ""))


class ConfigError(CommuniqueError):
    """A pipeline configuration or dictionary that cannot be loaded."""


class MissingExtra(ConfigError):
    """A feature used without the optional extra that installs its packages (`communique[web]` ...)."""


class TrainingError(CommuniqueError):
    """A labelled file that cannot be read, or too few examples to learn from."""


class QueryError(CommuniqueError):
    """A filter value that is not what its option takes."""


class StoreError(CommuniqueError):
    """The store cannot be opened or written, or refuses an article (an id conflict)."""
