"""`--archive DIR`: every fetched body kept as it came, in a WARC file, so a run can be read again offline.

`communique ingest DIR/*.warc.gz` reads the archive back through the WARC reader: the same bytes,
the same URLs, no network.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Self

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import Page


class Archive:
    """A WARC file of responses in `folder`, one per run (named by the time it was opened)."""

    def __init__(self, folder: str | Path) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        self.path = Path(folder) / f"communique-{stamp}.warc.gz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("wb")
        self._writer = WARCWriter(self._file, gzip=True)

    def keep(self, page: Page) -> None:
        content_type = page.media_type + (f"; charset={page.charset}" if page.charset else "")
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            page.url, "response", payload=io.BytesIO(page.data), length=len(page.data), http_headers=headers
        )
        self._writer.write_record(record)
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
