"""Bytes to text, refusing what is not an article: empty, binary, mis-encoded or oversized input."""

from __future__ import annotations

from ..errors import InputError

MAX_BYTES = 5_000_000


def decode(data: bytes, source: str, *, encoding: str = "utf-8", max_bytes: int = MAX_BYTES) -> str:
    """Decode one input's bytes strictly, with an error that names the source and what to do."""
    if len(data) > max_bytes:
        raise InputError("E008", source=source, size=len(data), limit=max_bytes)
    if not data.strip():
        raise InputError("E001", source=source)
    if b"\x00" in data[:8192]:
        raise InputError("E002", source=source)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("E003", source=source, encoding=encoding, offset=exc.start) from exc
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
