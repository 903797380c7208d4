"""What an event classifier's labels mean, whichever it learnt: CAMEO quad classes (ConfliBERT's
labels) or PLOVER event types, and which label says a sentence holds no event.

A quad model's `statement` (CAMEO 01-02) is its "no event" label: statements are quotes, not events.
A PLOVER-type model learns `none` where its training data has sentences without events (our own
records with an empty `events` list), so it judges "event or not" as well as the type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .ontology import QUAD_CODES, cameo_table, quad_label

QUAD_LABELS = ("statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
NONE = "none"  # a sentence without an event


@dataclass(frozen=True)
class Scheme:
    """A classifier's task (`quad` or `plover`) and its labels, in the order of its probabilities."""

    task: str
    labels: tuple[str, ...]

    def label_of(self, code: str) -> str | None:
        """The label a CAMEO code falls under: its root's quad class, or its PLOVER type (None for a code
        the CAMEO table lacks, such as a PETRARCH dictionary's own roots)."""
        if self.task == "quad":
            return QUAD_LABELS[quad_label(code)] if code[:2].isdigit() else None
        entry = cameo_table().get(code)
        return entry.plover.type if entry is not None else None

    def holds_event(self, label: str) -> bool:
        return label not in (QUAD_LABELS[0], NONE)

    def reading(self, label: str, codes: Iterable[str]) -> str | None:
        """The code a verb takes under `label`: of the codes its lexicon block gives, the most common one
        with that label, as its general form ('talk': 040), else the label's broadest code; None for a
        label without events."""
        table = cameo_table()
        general = (self._general(code) for code in codes if self.label_of(code) == label)
        found = Counter(code for code in general if code in table)  # not a PETRARCH dictionary's own roots
        return found.most_common(1)[0][0] if found else self._broadest.get(label)

    def _general(self, code: str) -> str:
        """The root's general code where it keeps the code's label (0312 -> 030), else the three-digit code
        (0874 -> 087: RETREAT, while 080 is CONCEDE)."""
        return code[:2] + "0" if self.label_of(code[:2] + "0") == self.label_of(code) else code[:3]

    @cached_property
    def _broadest(self) -> dict[str, str]:
        """Each label's most general code: a quad class's own, or the general code most codes of a PLOVER type share."""
        if self.task == "quad":
            return {QUAD_LABELS[index]: code for index, code in QUAD_CODES.items()}
        counts: dict[str, Counter[str]] = {}
        for code in cameo_table():
            label = self.label_of(code)
            if label is not None:
                counts.setdefault(label, Counter())[self._general(code)] += 1
        return {label: counter.most_common(1)[0][0] for label, counter in counts.items()}


QUAD = Scheme("quad", QUAD_LABELS)


def scheme_for(labels: Iterable[str]) -> Scheme:
    """The scheme of a set of label names: quad classes, else PLOVER types (with `none`); ValueError for a mix."""
    names = set(labels)
    if names <= set(QUAD_LABELS):
        return QUAD
    types = {entry.plover.type for entry in cameo_table().values()}
    if names <= types | {NONE}:
        return Scheme("plover", tuple(sorted(names - {NONE})) + ((NONE,) if NONE in names else ()))
    raise ValueError(f"labels {sorted(names)} are neither all quad classes nor all PLOVER types")


def scheme_of(meta: Mapping[str, Any]) -> Scheme:
    """The labels a model folder's classifier gives probabilities for, as `communique-model.json` names them."""
    return Scheme(meta.get("task", QUAD.task), tuple(meta.get("labels", QUAD.labels)))
