"""Plain-text articles: the first line is the title when a blank line follows it; hard wraps are undone."""

from __future__ import annotations

import re
import statistics

from ..errors import InputError
from ..model import Article

# A line break inside a paragraph: text before it, and after it a line that does not start a new paragraph
# (not blank, not indented, not a list item or a dateline dash).
_SOFT_BREAK = re.compile(r"(?<=\S)\n(?=[^\s\-*•])")
MIN_WRAPPED_LINES = 4


def article_from_text(text: str, *, id: str, path: str | None = None, **fields: str | None) -> Article:
    """Split off a title line (first line, then a blank line) and keep the rest as the body."""
    title = None
    body = text.strip("\n")
    first, sep, rest = body.partition("\n")
    if sep and rest.startswith("\n") and len(first) < 300:
        title, body = first.strip(), rest.strip("\n")
        if not body.strip():
            raise InputError("E012", source=path or id)
    return Article(id=id, text=unwrap(body), title=title, path=path, **fields)


def unwrap(text: str) -> str:
    """Wire copy broken at a fixed width ("...said in its weekly\\nreview.") with its line breaks made spaces.

    A hard-wrapped text makes the parser start a sentence at every line, cutting names and quotes.
    Each joined break becomes one space, so the text keeps its length and every offset into it is an
    offset into the input. A text is hard-wrapped when most of its lines that go on into another
    fill nearly the same width; paragraph breaks (a blank or indented line) stay.
    """
    lines = text.split("\n")
    if len(lines) < MIN_WRAPPED_LINES:
        return text
    running = [len(line) for line, after in zip(lines, lines[1:], strict=False) if line.strip() and after[:1].strip()]
    if len(running) < MIN_WRAPPED_LINES:
        return text
    width = statistics.median(running)
    near = sum(1 for length in running if width - 15 <= length <= width + 5)
    if not 40 <= width <= 100 or near < 0.8 * len(running):
        return text
    return _SOFT_BREAK.sub(" ", text)
