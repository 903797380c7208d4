#!/usr/bin/env python3
"""How often an actor gets a country the text does not support, on Reuters stories checked by hand.

`bench/actor_sample.tsv` holds, for each actor the pipeline found in 20 Reuters-21578 stories (the
first with a named person, one place or more and 300-1,500 characters), the country its story supports
(ISO3, a region code, or '-' for none: an organisation of no state, a person the text does not place),
as a person read it. This codes the same stories again and prints: actors given a country, how many
of those are wrong (the precision figure), how many the text places that got none, and any actor the
annotations do not cover yet (to be checked and added).
Usage: python bench/actor_precision.py
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from communique import Article, extract

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpora" / "reuters21578"
SAMPLE = HERE / "actor_sample.tsv"


def stories(count: int = 20) -> list[Article]:
    """The sampled stories, by the rule in the module docstring, dated as the corpus dates them."""
    picked: list[Article] = []
    for part in sorted(CORPUS.glob("*.jsonl")):
        for line in part.open(encoding="utf-8"):
            story = json.loads(line)
            body = (story.get("body") or "").strip()
            if story.get("people") and story.get("places") and 300 < len(body) < 1500:
                day = datetime.strptime(story["date"].split()[0], "%d-%b-%Y").date().isoformat()  # 26-FEB-1987
                picked.append(Article(id=str(story["newid"]), text=body, title=story.get("title"), date=day))
                if len(picked) == count:
                    return picked
    return picked


def main() -> None:
    with SAMPLE.open(encoding="utf-8") as file:
        rows = [row for row in csv.reader(file, delimiter="\t") if row and not row[0].startswith("#")]
    truth = {(story, name): country for story, name, country in rows}
    placed = wrong = unplaced = 0
    for record in extract(stories()):
        for actor in record.actors:
            name = " ".join(actor.name.split())
            right = truth.get((record.id, name))
            if right is None:
                print(f"not annotated: {record.id}\t{name}\t({actor.country or '-'})")
                continue
            if actor.country:
                placed += 1
                if actor.country != right:
                    wrong += 1
                    print(f"wrong: story {record.id}, {name}: {actor.country}, the text supports {right}")
            elif right != "-":
                unplaced += 1
    print(
        f"actors given a country: {placed}; wrong: {wrong} ({wrong / max(placed, 1):.1%}); "
        f"placed by the text but given none: {unplaced}"
    )


if __name__ == "__main__":
    main()
