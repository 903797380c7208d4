"""RSS and Atom feeds: each entry is a link to an article, with the date and title the feed gives it."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from ..errors import InputError


@dataclass(frozen=True)
class Entry:
    """One feed item: the article's URL and what the feed says about it (used where the page says nothing)."""

    url: str
    title: str | None
    date: str | None
    outlet: str | None


def feed_entries(data: bytes, *, source: str, base: str | None = None) -> list[Entry]:
    """The entries of an RSS or Atom feed, links made absolute against `base`; E031 when it is no feed.

    feedparser reads broken feeds as far as they go (`bozo`); only a document with no entry at all is refused.
    """
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no <item> or <entry> elements")
        raise InputError("E031", source=source, detail=detail)
    outlet = parsed.feed.get("title") or None
    entries: list[Entry] = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        published = item.get("published_parsed") or item.get("updated_parsed")
        date = dt.datetime.fromtimestamp(calendar.timegm(published), dt.UTC).date().isoformat() if published else None
        entries.append(Entry(urljoin(base or "", link), item.get("title") or None, date, outlet))
    return entries
