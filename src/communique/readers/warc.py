"""WARC files (web crawls such as Common Crawl's news crawl, and `--archive` runs): one article per HTML response."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from .fetch import HTML_TYPES, TEXT_TYPES, Page, charset


def warc_pages(stream: BinaryIO, *, source: str, max_bytes: int) -> Iterator[Page | InputError]:
    """The successful HTML and plain-text responses in a WARC stream (gzipped or not), in file order.

    Requests, metadata, redirects, errors and other media are not articles and are passed over;
    a body over `max_bytes` is an E008 for that record, and a file that is no WARC an E032.
    """
    start = stream.peek(5)[:5] if hasattr(stream, "peek") else b""
    if not start.startswith((b"WARC/", b"\x1f\x8b")):
        yield InputError("E032", source=source, detail="it does not start with a WARC record header")
        return
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.http_headers.get_statuscode() != "200":
                continue
            media_type, _, parameters = (record.http_headers.get_header("Content-Type") or "").partition(";")
            media_type = media_type.strip().lower()
            if media_type not in HTML_TYPES | TEXT_TYPES:
                continue
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield InputError("E008", source=url, size=f"over {max_bytes}", limit=max_bytes)
                continue
            yield Page(url, url, media_type, charset(parameters), body)
    except ArchiveLoadFailed as error:
        yield InputError("E032", source=source, detail=str(error).strip().splitlines()[0])
