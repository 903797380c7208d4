"""Selective parsing: which sentences can hold an event or a claim, told without the parser.

Most sentences of world news name no country, organisation or known person and quote no one:
"The dry period means the harvest will be late." Parsing them (tagger, parser, lemmatizer, NER) is
most of the pipeline's cost and yields nothing. A fast pass (tokenizer, rule-based sentence ends,
a lookup of the gazetteer's names) keeps a sentence for full parsing when it holds a gazetteer name (a country,
capital, city, demonym, region, bloc, news medium, known person or organisation, surname or role
noun such as "minister" or "rebels"), a claim's cue (a speech, belief or intention verb in any
form, "according", a quotation mark) or a number (a figure's unit, qualifier and subject come
from the parse). Runs of kept sentences are parsed together, so each keeps
its neighbours as context; the others get tokens and sentence bounds only, and no stage finds
anything in them. `communique eval` with `selective = false` measures what this costs in recall.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .actors.gazetteer import Gazetteer
from .claims.quotes import ATTITUDE_VERBS, INTENT_VERBS, QUOTE_CUES, STANCE_VERBS
from .components import paragraph_breaks

QUOTATION_MARKS = frozenset('"“”‘’«»')
# Past forms the regular endings below do not make.
IRREGULAR = {
    "say": "said",
    "tell": "told",
    "think": "thought",
    "write": "wrote written",
    "know": "knew known",
    "feel": "felt",
    "find": "found",
    "show": "shown",
    "hear": "heard",
    "read": "read",
    "learn": "learnt",
    "understand": "understood",
    "seek": "sought",
    "mean": "meant",
    "hold": "held",
    "sing": "sang sung",
    "speak": "spoke spoken",
}


@dataclass(frozen=True)
class Segment:
    """A run of sentences of one chunk of text: parsed fully, or tokens only."""

    text: str
    parse: bool


class SentenceSelector:
    """Cuts a text into runs of sentences to parse and sentences to leave, by the gazetteer and claim cues."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.nlp = nlp
        self.sentencizer = Sentencizer()
        names = {*gazetteer.place_codes, *gazetteer.regions, *gazetteer.known, *gazetteer.surnames}
        names |= {*gazetteer.capitals, *(name.lower() for name in gazetteer.media)}
        names |= {name.lower() for bloc in gazetteer.blocs.values() for name in bloc.names}
        # Token sequences in sets, not a PhraseMatcher: the matcher keeps a Doc per phrase (300 MB for these).
        self.names = {tuple(t.lower_ for t in nlp.make_doc(name)) for name in names}
        self.roles = {tuple(t.lower_ for t in nlp.make_doc(role)) for role in gazetteer.roles}
        self.longest = max(map(len, self.names | self.roles), default=1)
        self.cues = _forms(ATTITUDE_VERBS | INTENT_VERBS | STANCE_VERBS | QUOTE_CUES) | {"according"}

    def segments(self, text: str) -> list[Segment]:
        """`text` as runs of sentences, each marked to parse or not; they join back to exactly `text`."""
        doc = self.sentencizer(paragraph_breaks(self.nlp.make_doc(text)))
        named = self._named(doc)
        found: list[Segment] = []
        start = 0
        for sent in doc.sents:
            keep = any(t.i in named or t.like_num or t.lower_ in self.cues or t.text in QUOTATION_MARKS for t in sent)
            end = doc[sent.end].idx if sent.end < len(doc) else len(text)
            if found and found[-1].parse == keep:
                found[-1] = Segment(found[-1].text + text[start:end], keep)
            else:
                found.append(Segment(text[start:end], keep))
            start = end
        if start < len(text) or not found:
            found.append(Segment(text[start:], False))
        return found

    def _named(self, doc: Doc) -> set[int]:
        """Where a gazetteer name (written with a capital: 'Lot' the surname, not 'a lot') or a role noun
        ('minister') starts."""
        lowers = [token.lower_ for token in doc]
        found: set[int] = set()
        for i, token in enumerate(doc):
            capital = token.text[:1].isupper()
            for length in range(1, min(self.longest, len(lowers) - i) + 1):
                words = tuple(lowers[i : i + length])
                if words in self.roles or (capital and words in self.names):
                    found.add(i)
                    break
        return found

    def unparsed(self, text: str) -> Doc:
        """Tokens and sentences only: each sentence a flat tree under its first word, lemmas lower-cased,
        so that sentence bounds survive joining it to parsed text and no stage mistakes it for parsed."""
        doc = self.sentencizer(paragraph_breaks(self.nlp.make_doc(text)))
        heads: list[int] = []
        deps: list[str] = []
        for sent in doc.sents:
            heads.extend(sent.start for _ in sent)
            deps.extend("ROOT" if token.i == sent.start else "dep" for token in sent)
        return Doc(
            self.nlp.vocab,
            words=[token.text for token in doc],
            spaces=[bool(token.whitespace_) for token in doc],
            heads=heads,
            deps=deps,
            lemmas=[token.lower_ for token in doc],
        )


@cache
def selector(nlp: Language) -> SentenceSelector:
    """The pipeline's selector, built on first use (tokenizing the gazetteer's names takes two seconds)."""
    ruler: Any = nlp.get_pipe("communique_gazetteer")
    return SentenceSelector(nlp, ruler.gazetteer)


def _forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Every form a verb may take in text, from its lemma: regular endings (over-generating is harmless
    here: a stray form only keeps a sentence for parsing) and the irregular past forms."""
    forms: set[str] = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + lemma[-1] + "ed"}
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        forms |= set(IRREGULAR.get(lemma, "").split())
    return frozenset(forms)
