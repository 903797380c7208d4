"""Plain-text articles: the first line is the title when a blank line follows it; hard wraps are undone."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from ..calendar import normalise_date
from ..errors import InputError
from ..model import Article

# A line break inside a paragraph: text before it, and after it a line that does not start a new paragraph
# (not blank, not indented, not a list item or a dateline dash).
_SOFT_BREAK = re.compile(r"(?<=\S)\n(?=[^\s\-*•])")
MIN_WRAPPED_LINES = 4


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WRITTEN_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}})\b"
)
_NAMED_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}, ")  # 'MOSCOW, ' before the date that opens the story
DATE_LINE_WORDS = 6  # a line that states the date has few other words ('Published: 10 June 2025, 14:02 GMT')


def article_from_text(text: str, *, id: str, path: str | None = None, **fields: str | None) -> Article:
    """Split off a title line (first line, then a blank line) and keep the rest as the body; the date
    is the one the file states (`stated_date`) unless the caller gives one."""
    title = None
    body = text.strip("\n")
    first, sep, rest = body.partition("\n")
    if sep and rest.startswith("\n") and len(first) < 300:
        title, body = first.strip(), rest.strip("\n")
        if not body.strip():
            raise InputError("E012", source=path or id)
    if fields.get("date") is None:
        fields["date"] = stated_date(text, Path(path or id).name)
    return Article(id=id, text=unwrap(body), title=title, path=path, **fields)


def stated_date(text: str, name: str) -> str | None:
    """The date a plain-text article gives itself: in its file's name ('2025-06-10-peskov.txt'), on a short
    line of its own among its first three ('Published 10 June 2025'), or in its dateline ('MOSCOW, June 10,
    2025 -'). A date further into the story is an event's, not the article's (#21)."""
    if match := _NAMED_DATE.search(name):
        candidates = ["-".join(match.groups())]
    else:
        candidates = []
    lines = [line.strip() for line in text.splitlines() if line.strip()][:3]
    for number, line in enumerate(lines):
        found = _WRITTEN_DATE.search(line)
        if found and len((line[: found.start()] + line[found.end() :]).split()) <= DATE_LINE_WORDS:
            candidates.append(found.group(0))
        elif (
            number < 2 and (dateline := _DATELINE.match(line)) and (found := _WRITTEN_DATE.match(line, dateline.end()))
        ):
            candidates.append(found.group(0))
    for candidate in candidates:
        try:
            return normalise_date(candidate.replace("Sept", "Sep"))
        except ValueError:
            continue
    return None


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
