"""One event per article however often the article reports it.

A headline, its lead and a later paragraph that all say "Mali severed ties with France" are one
event with three pieces of evidence, not three events: counts in `relations` are of events, not of
sentences. The same source, target, code, modality, claimant, place and date make the same event
(what Lavrov says Russia is stays apart from what the reporter says it did); the first
report keeps the event's own offsets and the others go to its `repeats`.
"""

from __future__ import annotations

from ..actors.table import ActorTable
from ..model import Actor, Event, Evidence, Participant


def merge_repeats(events: list[Event]) -> list[Event]:
    """`events` in reading order, each one kept once with its later reports as `repeats`; renumbered.
    An undated report repeats a dated one (the date is kept); two different dates are two events."""
    merged: dict[tuple[object, ...], list[Event]] = {}
    for event in events:
        key = (
            event.source.code,
            event.target.code if event.target else None,
            event.cameo,
            event.modality,
            event.claimed_by,
            event.location.name if event.location else None,
        )
        same = next((e for e in merged.get(key, []) if None in (e.date, event.date) or e.date == event.date), None)
        if same is None:
            merged.setdefault(key, []).append(event.model_copy(deep=True))
            continue
        where = {"part": event.part, "sentence": event.sentence, "start": event.start, "end": event.end}
        same.repeats.append(Evidence(**where, text=event.evidence))
        same.date = same.date or event.date
    kept = sorted((e for group in merged.values() for e in group), key=lambda e: (e.part != "title", e.start))
    return [event.model_copy(update={"id": f"e{n}"}) for n, event in enumerate(kept, start=1)]


def title_events(events: list[Event], title_actors: ActorTable, article_actors: ActorTable) -> list[Event]:
    """The headline's events, their participants pointed at the article's own actors where the text
    names the same one (the headline is parsed apart, with its own actor table)."""
    ids = {actor.id: _same_actor(actor, article_actors.actors) for actor in title_actors.actors}
    return [
        event.model_copy(
            update={
                "part": "title",
                "source": _pointed(event.source, ids),
                "target": _pointed(event.target, ids) if event.target else None,
                "claimed_by": ids.get(event.claimed_by or ""),
            }
        )
        for event in events
    ]


def _pointed(side: Participant, ids: dict[str, str | None]) -> Participant:
    return side.model_copy(update={"actor": ids.get(side.actor or "")})


def _same_actor(actor: Actor, candidates: list[Actor]) -> str | None:
    """The article's actor with the same name, else the only one of the same kind, country and sector."""
    named = [c.id for c in candidates if c.name == actor.name]
    if named:
        return named[0]
    alike = [c.id for c in candidates if (c.kind, c.country, c.sector) == (actor.kind, actor.country, actor.sector)]
    return alike[0] if len(alike) == 1 else None
