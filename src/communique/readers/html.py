"""HTML pages: main text, title, date and site name through trafilatura."""

from __future__ import annotations

import logging

import trafilatura

from ..claims.dates import normalise_date
from ..errors import InputError
from ..model import Article

MIN_BODY_WORDS = 8  # below this, what trafilatura found is navigation or a caption, not an article

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every empty page; we raise E006


def article_from_html(html: str, *, id: str, path: str | None = None, url: str | None = None) -> Article:
    """Extract the article body and metadata; a page with no body raises E006."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = getattr(document, "text", None)
    if document is None or isinstance(document, dict) or not text or len(text.split()) < MIN_BODY_WORDS:
        raise InputError("E006", source=path or id)
    return Article(
        id=id,
        text=text.strip(),
        title=document.title or None,
        date=_date(document.date),
        url=url or document.url or None,
        outlet=document.sitename or None,
        path=path,
    )


def _date(value: str | None) -> str | None:
    """The page's date as YYYY-MM-DD, or None when what the page says is not a date."""
    try:
        return normalise_date(value) if value else None
    except ValueError:
        return None
