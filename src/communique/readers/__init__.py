"""Readers: every source becomes a stream of Articles, with an InputError in place of each bad one.

A source is a file, a folder (its article files, recursively), "-" for standard input, or an http(s)
URL. Files are read by suffix: .txt/.md (or none) as text, .html/.htm, .jsonl, .json, .rss/.atom/.xml
as feeds, .urls as a list of URLs (one per line, # comments), .warc as a crawl, each optionally
gzipped (.jsonl.gz, .warc.gz). A URL is fetched safely (`fetch.py`) and read by its content type:
an article page, plain text, or a feed whose entries are fetched in turn. The caller decides what to
do with the errors; none stops the stream.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..calendar import normalise_date
from ..errors import InputError
from ..model import Article
from .archive import Archive
from .decode import MAX_BYTES, check_encoding, declared_charset, decode
from .feeds import Entry, feed_entries
from .fetch import Fetcher, FetchPolicy, Page
from .html import article_from_html
from .jsonl import articles_from_json, articles_from_jsonl
from .language import check_english
from .text import article_from_text
from .warc import warc_pages

__all__ = [
    "Reader",
    "suffix",
    "read_paths",
    "read_bytes",
    "article_files",
    "check_english",
    "check_encoding",
    "Archive",
    "Fetcher",
    "FetchPolicy",
    "MAX_BYTES",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | {".jsonl", ".json", ".urls", ".warc"}
URL_SCHEMES = ("http://", "https://")


def suffix(name: str) -> str:
    """The suffix that picks a file's reader: the one before .gz for a gzipped file ("a.jsonl.gz" -> ".jsonl")."""
    path = Path(name)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.suffix.lower()


def article_files(paths: Iterable[str]) -> list[str | InputError]:
    """Sources as given; a folder stands for the article files in it (recursively, sorted), or E021 if none."""
    found: list[str | InputError] = []
    for name in paths:
        path = Path(name)
        if name != "-" and not name.startswith(URL_SCHEMES) and path.is_dir():
            files = [str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix and suffix(str(p)) in SUFFIXES]
            found.extend(files or [InputError("E021", source=name)])
        else:
            found.append(name)
    return found


@dataclass
class Reader:
    """How to read sources: defaults for what an article does not say, limits, and for the web, how to fetch.

    known: called with the id of an article about to be fetched (its URL); True skips the fetch, so
        re-reading a feed costs one request, not one per entry.
    archive: keeps every fetched body (`--archive DIR`).
    """

    date: str | None = None
    outlet: str | None = None
    encoding: str = "utf-8"
    max_bytes: int = MAX_BYTES
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    known: Callable[[str], bool] = lambda _: False
    archive: Archive | None = None
    _fetcher: Fetcher | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.date = normalise_date(self.date) if self.date is not None else None  # ValueError: the caller's mistake

    def read(self, sources: Iterable[str]) -> Iterator[Article | InputError]:
        """Yield an Article (or the InputError that stopped it) for every article the sources hold."""
        try:
            for name in article_files(sources):
                if isinstance(name, InputError):
                    yield name
                elif name.startswith(URL_SCHEMES):
                    yield from self.read_url(name)
                else:
                    yield from self._read_file(name)
        finally:
            if self._fetcher is not None:
                self._fetcher.close()
                self._fetcher = None

    def read_url(self, url: str, entry: Entry | None = None) -> Iterator[Article | InputError]:
        """The article at `url`, or the articles of the feed there.

        A feed entry's title and date win over the page's (the publisher states them; the page's date is
        a guess from its markup); the outlet is the page's site name, else the feed's title.
        """
        if self.known(url):
            return
        if self._fetcher is None:
            self._fetcher = Fetcher(self.policy)
        try:
            page = self._fetcher.get(url)
        except InputError as error:
            yield error
            return
        if self.archive is not None:
            self.archive.keep(page)
        if page.kind == "feed":
            yield from self._read_feed(page.data, source=url, base=page.url)
            return
        for item in self._read_page(page):
            if isinstance(item, Article) and entry is not None:
                stated = {"title": entry.title or item.title, "date": entry.date or item.date}
                item = item.model_copy(update={**stated, "outlet": item.outlet or entry.outlet})
            yield item

    def read_bytes(self, data: bytes, *, source: str) -> Iterator[Article | InputError]:
        """Read one source's bytes with the reader its name calls for; defaults fill missing date/outlet."""
        stem = Path(source.removesuffix(".gz")).stem if source != "<stdin>" else "stdin"
        kind = suffix(source)
        declared = declared_charset(data) if kind in HTML_SUFFIXES or source == "<stdin>" else None
        try:  # a page's declared charset wins over --encoding, the fallback for what declares none (#21)
            text = decode(data, source, encoding=declared or self.encoding, max_bytes=self.max_bytes)
        except InputError as exc:
            yield exc
            return
        items: Iterable[Article | InputError]
        if kind == ".jsonl" or (source == "<stdin>" and text.lstrip().startswith("{")):
            items = articles_from_jsonl(text, source=source, default_id=stem)
        elif kind == ".json":
            items = articles_from_json(text, source=source, default_id=stem)
        elif kind in FEED_SUFFIXES:
            items = self._read_feed(data, source=source, base=None)
        elif kind == ".urls":
            items = (item for line in text.splitlines() if _is_url_line(line) for item in self.read_url(line.strip()))
        else:
            is_html = kind in HTML_SUFFIXES or (source == "<stdin>" and text.lstrip()[:1] == "<")
            path = None if source == "<stdin>" else source
            read = article_from_html if is_html else article_from_text
            items = _one(lambda: read(text, id=stem, path=path))
        for item in items:
            yield item if isinstance(item, InputError) else self._fill(item)

    def _read_file(self, name: str) -> Iterator[Article | InputError]:
        if name == "-":
            yield from self.read_bytes(sys.stdin.buffer.read(), source="<stdin>")
            return
        path = Path(name)
        if not path.is_file():
            yield InputError("E007", source=name)
        elif suffix(name) not in SUFFIXES:
            yield InputError("E013", source=name, suffix=path.suffix)
        elif suffix(name) == ".warc":
            with path.open("rb") as stream:
                for page in warc_pages(stream, source=name, max_bytes=self.max_bytes):
                    if isinstance(page, InputError):
                        yield page
                    else:
                        yield from self._read_page(page)
        elif path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as stream:
                try:
                    data = stream.read(self.max_bytes + 1)
                except (OSError, EOFError) as error:
                    yield InputError("E032", source=name, detail=f"not a readable gzip file: {error}")
                    return
            yield from self.read_bytes(data, source=name)
        else:
            yield from self.read_bytes(path.read_bytes(), source=name)

    def _read_feed(self, data: bytes, *, source: str, base: str | None) -> Iterator[Article | InputError]:
        try:
            entries = feed_entries(data, source=source, base=base)
        except InputError as error:
            yield error
            return
        for entry in entries:
            yield from self.read_url(entry.url, entry)

    def _read_page(self, page: Page) -> Iterator[Article | InputError]:
        """An article from a fetched or archived body: HTML through trafilatura, plain text as text."""
        declared = page.charset or (declared_charset(page.data) if page.kind == "html" else None)
        try:  # the HTTP header's charset, else the page's own
            text = decode(page.data, page.requested, encoding=declared or "utf-8", max_bytes=self.max_bytes)
        except InputError as error:
            if error.code != "E003" or declared is not None or page.kind != "html":
                yield error
                return
            html: str | bytes = page.data  # no charset declared and not UTF-8: trafilatura detects it
        else:
            html = text
        if page.kind == "html":
            made = _one(lambda: article_from_html(html, id=page.requested, url=page.url))
        else:
            made = _one(lambda: article_from_text(text, id=page.requested, url=page.url))
        for item in made:
            yield item if isinstance(item, InputError) else self._fill(item)

    def _fill(self, article: Article) -> Article:
        return article.model_copy(update={"date": article.date or self.date, "outlet": article.outlet or self.outlet})


def _one(make: Callable[[], Article]) -> list[Article | InputError]:
    try:
        return [make()]
    except InputError as error:
        return [error]


def _is_url_line(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def read_paths(
    paths: Iterable[str],
    *,
    date: str | None = None,
    outlet: str | None = None,
    encoding: str = "utf-8",
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Yield an Article (or the InputError that stopped it) for every article in the given sources."""
    return Reader(date=date, outlet=outlet, encoding=encoding, max_bytes=max_bytes).read(paths)


def read_bytes(
    data: bytes,
    *,
    source: str,
    date: str | None = None,
    outlet: str | None = None,
    encoding: str = "utf-8",
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Read one source's bytes with the reader its name calls for (a date that is no date raises ValueError)."""
    return Reader(date=date, outlet=outlet, encoding=encoding, max_bytes=max_bytes).read_bytes(data, source=source)
