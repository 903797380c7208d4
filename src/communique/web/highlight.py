"""An article's text with what was extracted from it marked, each mark linking to its record (as displaCy does).

Marks may nest (a trigger inside a quote) or cross (a quote's content ending inside a figure); the
text is cut at every mark's start and end, and each piece is wrapped in every mark covering it,
longest outside, so the HTML is always well formed; the innermost is a link to its record (links
cannot nest), the others spans. The text is escaped piece by piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # actor, trigger, speaker, cue, quote, figure: the CSS class
    anchor: str  # the id of the record's row on the page
    title: str


def marks(record: dict[str, Any]) -> list[Mark]:
    """Every span of the record's text that names an actor, triggers an event, or belongs to a quote or a figure."""
    found = [
        Mark(m["start"], m["end"], "actor", actor["id"], f"{actor['name']} ({actor['code']})")
        for actor in record["actors"]
        for m in actor["mentions"]
    ]
    for e in record["events"]:
        if e.get("part", "text") == "text" and (span := _trigger(record["text"], e)):
            title = f"{e['id']}: {e['cameo']} {e['plover']['type']} ({e['modality']})"
            found.append(Mark(*span, "trigger", e["id"], title))
    for q in record["quotes"]:
        found.append(
            Mark(q["content"]["start"], q["content"]["end"], "quote", q["id"], f"{q['id']}: {q['kind']} quote")
        )
        found.append(Mark(q["cue"]["start"], q["cue"]["end"], "cue", q["id"], f"{q['id']}: cue"))
        if q["speaker"]["end"] > q["speaker"]["start"]:
            found.append(Mark(q["speaker"]["start"], q["speaker"]["end"], "speaker", q["id"], f"{q['id']}: speaker"))
    found += [
        Mark(f["start"], f["end"], "figure", f["id"], f"{f['id']}: {f['value']:g} {f['unit']}")
        for f in record["figures"]
    ]
    return [mark for mark in found if 0 <= mark.start < mark.end <= len(record["text"])]


def _trigger(text: str, event: dict[str, Any]) -> tuple[int, int] | None:
    """Where the event's trigger lies in its span: the trigger's words, else its first word found there
    ('open embassy' is coded from "embassies set to open")."""
    span = text[event["start"] : event["end"]]
    for words in (event["trigger"], *event["trigger"].split()):
        if found := re.search(rf"\b{re.escape(words)}\b", span):
            return event["start"] + found.start(), event["start"] + found.end()
    return None


def highlighted(text: str, found: list[Mark]) -> Markup:
    """`text` as HTML with each mark a link to its record."""
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece: Markup = escape(text[start:end])
        covering = sorted((m for m in found if m.start <= start and end <= m.end), key=lambda m: m.end - m.start)
        for depth, mark in enumerate(covering):  # the shortest innermost, and the only link (links cannot nest)
            tag = (
                '<a class="mark {}" href="#{}" title="{}">{}</a>'
                if depth == 0
                else '<span class="mark {}" data-record="{}" title="{}">{}</span>'
            )
            piece = Markup(tag).format(mark.kind, mark.anchor, mark.title, piece)
        pieces.append(piece)
    return Markup("").join(pieces)
