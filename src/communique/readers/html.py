"""HTML pages: main text, title, date, author and site name through trafilatura.

trafilatura's default extraction (its own algorithm, then readability and jusText as fallbacks)
comes first; a page where it finds no body is tried again favouring recall, then with its baseline
(every paragraph-like element). Only a page where all three find less than a sentence is refused
(E006: a navigation bar or a caption is no article), so this reader keeps what trafilatura alone
would keep of every article page.
"""

from __future__ import annotations

import logging
from typing import Any

import trafilatura

from ..calendar import normalise_date
from ..errors import InputError
from ..model import Article

MIN_BODY_WORDS = 8
# The date from the page's markup only (meta tags, <time>, the URL), the original publication rather
# than the last update: htmldate's extensive search reads "© 2025" in a footer as 1 January 2025, and a
# wrong article date moves every relative date in the article ("on Monday").
DATE_SEARCH = {"extensive_search": False, "original_date": True}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every empty page; we raise E006
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def article_from_html(html: str | bytes, *, id: str, path: str | None = None, url: str | None = None) -> Article:
    """Extract the article body and metadata; a page with no body raises E006.

    html: the page as text, or as bytes whose encoding trafilatura detects (a web page without a charset).
    """
    document = _extract(html, url=url, favor_recall=False) or _extract(html, url=url, favor_recall=True)
    text = document.text if document is not None else _baseline(html)
    if len(text.split()) < MIN_BODY_WORDS:
        raise InputError("E006", source=path or id)
    return Article(
        id=id,
        text=text.strip(),
        title=getattr(document, "title", None) or None,
        date=_date(getattr(document, "date", None)),
        url=url or getattr(document, "url", None) or None,
        outlet=getattr(document, "sitename", None) or None,
        path=path,
    )


def _extract(html: str | bytes, *, url: str | None, favor_recall: bool) -> Any:
    """trafilatura's Document when its text is at least a sentence long, else None."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_recall=favor_recall,
        date_extraction_params=DATE_SEARCH,
    )
    if document is None or isinstance(document, dict) or len((document.text or "").split()) < MIN_BODY_WORDS:
        return None
    return document


def _baseline(html: str | bytes) -> str:
    try:
        return trafilatura.baseline(html)[1]
    except Exception:  # noqa: BLE001 -- lxml refuses some byte soups outright; then there is no body
        return ""


def _date(value: str | None) -> str | None:
    """The page's date as YYYY-MM-DD, or None when what the page says is not a date."""
    try:
        return normalise_date(value) if value else None
    except ValueError:
        return None
