"""Bytes to text, refusing what is not an article: empty, binary, mis-encoded or oversized input."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

MAX_BYTES = 5_000_000
# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# A page's own word on its encoding: <meta charset="..."> or
# <meta http-equiv="Content-Type" content="text/html; charset=...">.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first 4 kB, when Python knows it; None otherwise."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def check_encoding(encoding: str, source: str = "--encoding") -> str:
    """The codec's canonical name, or E020 for a name Python does not know."""
    try:
        return codecs.lookup(encoding).name
    except LookupError as error:
        raise InputError("E020", source=source, encoding=encoding) from error


def decode(data: bytes, source: str, *, encoding: str = "utf-8", max_bytes: int = MAX_BYTES) -> str:
    """Decode one input's bytes strictly, with an error that names the source and what to do.

    A byte-order mark decides the encoding (UTF-8, UTF-16 and UTF-32 files saved by editors on
    Windows carry one); otherwise `encoding` does.
    """
    if len(data) > max_bytes:
        raise InputError("E008", source=source, size=len(data), limit=max_bytes)
    marked = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if marked is None and b"\x00" in data[:8192]:
        raise InputError("E002", source=source)
    try:
        text = data.decode(marked or check_encoding(encoding, source))
    except UnicodeDecodeError as exc:
        raise InputError("E003", source=source, encoding=marked or encoding, offset=exc.start) from exc
    if "\x00" in text[:8192]:
        raise InputError("E002", source=source)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("E001", source=source)
    return text
