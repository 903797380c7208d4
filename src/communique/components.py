"""communique's stages as registered spaCy pipeline components.

    paragraph breaks -> gazetteer entity ruler (before `ner`) -> ... spaCy model ...
    -> communique_clauses -> communique_actors -> communique_quotes -> communique_events -> communique_figures

Each stage reads what the stages before it put on the `Doc` and adds its own result as a `Doc`
extension; none writes another's. Dictionaries come from each component's config and are loaded
once, when the pipeline is built. A stage that fails on one document records the failure on
`doc._.failure` instead of raising, and later stages pass that document by, so one bad article
never stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from .actors.gazetteer import Gazetteer, load_gazetteer
from .actors.resolve import resolve_actors
from .claims.figures import find_figures
from .claims.hedges import hedged_sentences, is_hedged
from .claims.quotes import find_quotes
from .clauses import Clauses
from .events.classifier import Classifier, load_classifier
from .events.coder import claimant_of, propose_events
from .events.combiner import Judgement, Policy, Verdict
from .events.decision import decide, load_decision
from .events.discards import load_discards
from .events.lexicon import load_lexicon
from .events.participants import load_tagger
from .events.relevance import load_topics
from .settings import default_config

DIRECTIONS = frozenset("north south east west northern southern eastern western central upper lower greater".split())
# Newspapers are named for their city with one of these words ('The Washington Post', 'Tehran Times'): an outlet
# of the place's country, never the place.
NEWSPAPER_WORDS = frozenset(
    "Post Times Herald Journal Tribune Gazette Telegraph Chronicle Observer Globe Mail Courier Inquirer Examiner "
    "Dispatch Star Sun Standard Daily".split()
)
STAGES = ("communique_clauses", "communique_actors", "communique_quotes", "communique_events", "communique_figures")
EXTENSIONS: dict[str, Any] = {
    "article_date": None,  # set by the caller: relative dates and dated roles resolve against it
    "clauses": None,  # each predicate's arguments, governor, reporter, modality and tense (`clauses.Clauses`)
    "actor_table": None,
    "quotes": None,
    "speakers": None,  # token index inside a direct quote -> the quoted actor's id
    "hedged": frozenset(),  # the first token of each hedged sentence ('reportedly', 'sources said')
    "events": None,
    "proposals": None,  # every proposed event with the features the decision read (what training learns from)
    "figures": None,
    "failure": None,  # (stage name, exception) when a stage failed on this document
}
for _name, _default in EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("communique_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never share a sentence."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


class GazetteerRuler:
    """Labels every gazetteer name before `ner`: the small model mislabels countries in lists
    ("Mali, Niger, Burkina Faso" as PERSON). Holds the gazetteer the later stages share."""

    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resources = gazetteer.resources
        self.ruler = EntityRuler(nlp, name=name, overwrite_ents=True)
        # The ruler runs the pipeline over every phrase pattern (it only skips itself, and this one is not yet
        # in the pipeline); matching on exact words needs the tokenizer only: 0.2 s to load, not 2.
        with nlp.select_pipes(enable=[]):
            self.ruler.add_patterns(gazetteer_patterns(gazetteer))

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        longer = [ent for ent in doc.ents if self._in_a_longer_name(ent)]
        if longer:
            doc.ents = [ent for ent in doc.ents if ent not in longer]
            for ent in longer:
                ent[0].ent_id_ = ""
        if any(self._newspaper(ent) for ent in doc.ents):
            doc.ents = [self._newspaper(ent) or ent for ent in doc.ents]
        return doc

    @staticmethod
    def _newspaper(ent: Span) -> Span | None:
        """'Washington Post': the place and the newspaper word after it, as the outlet (media of its country)."""
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if ent.label_ != "GPE" or after is None or after.text not in NEWSPAPER_WORDS or not ent.ent_id_:
            return None
        return Span(ent.doc, ent.start, ent.end + 1, label="ORG", span_id=f"MED-{ent.ent_id_}")

    def _in_a_longer_name(self, ent: Span) -> bool:
        """A one-word place after a capitalised name word is part of a name the gazetteer lacks ('Michael
        Jordan', 'Air France', 'Lake Chad'): left to `ner`. Titles and directions keep it ('Queen Rania of
        Jordan' is not this; 'President Sudan' is no name; 'northern Mali', 'Southern Lebanon' is the place)."""
        if ent.label_ != "GPE" or len(ent) != 1 or ent.start == 0:
            return False
        before = ent.doc[ent.start - 1]
        return (
            before.tag_ == "NNP"
            and before.is_title
            and not before.ent_type_
            and before.lower_ not in DIRECTIONS
            and not self.gazetteer.is_title(before.text)
        )


def gazetteer_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """entity_ruler patterns: places as GPE, demonyms as NORP, regions as LOC, media and blocs as ORG; `id` is
    the code."""
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
    for bloc in gazetteer.blocs.values():
        patterns.extend({"label": "ORG", "pattern": name, "id": bloc.code} for name in bloc.names)
    return patterns


@Language.factory("communique_gazetteer", assigns=["doc.ents"], default_config=default_config()["gazetteer"])
def make_gazetteer(
    nlp: Language,
    name: str,
    countries: list[str],
    actors: list[str],
    agents: list[str],
    regions: list[str],
    media: list[str],
    blocs: list[str],
    capitals: list[str],
) -> GazetteerRuler:
    sources = {
        "countries": countries,
        "actors": actors,
        "agents": agents,
        "regions": regions,
        "media": media,
        "blocs": blocs,
        "capitals": capitals,
    }
    return GazetteerRuler(nlp, name, load_gazetteer(sources))


class Stage:
    """One communique stage: `process` reads the Doc and returns what it sets on its extensions."""

    def __init__(
        self, name: str, process: Callable[[Doc], dict[str, Any]], *, resources: dict[str, str] | None = None
    ) -> None:
        self.name = name
        self.process = process
        self.resources = resources or {}  # dictionary name -> sha256, for the provenance stamp

    def __call__(self, doc: Doc) -> Doc:
        if doc._.failure is not None:
            return doc
        try:
            results = self.process(doc)
        except Exception as error:  # noqa: BLE001 -- any fault on one article becomes its own error (#5)
            doc._.failure = (self.name, error)
            return doc
        for key, value in results.items():
            setattr(doc._, key, value)
        return doc


def shared_gazetteer(nlp: Language) -> Gazetteer:
    """The gazetteer the pipeline's `communique_gazetteer` component loaded."""
    ruler = nlp.get_pipe("communique_gazetteer")
    assert isinstance(ruler, GazetteerRuler)
    return ruler.gazetteer


@Language.factory("communique_clauses", requires=["token.dep"], assigns=["doc._.clauses"], default_config={})
def make_clauses(nlp: Language, name: str) -> Stage:
    return Stage(name, lambda doc: {"clauses": Clauses(doc)})


@Language.factory(
    "communique_actors", requires=["doc.ents", "token.dep"], assigns=["doc._.actor_table"], default_config={}
)
def make_actors(nlp: Language, name: str) -> Stage:
    gazetteer = shared_gazetteer(nlp)
    return Stage(name, lambda doc: {"actor_table": resolve_actors(doc, gazetteer, date=doc._.article_date)})


def _quotes(doc: Doc) -> dict[str, Any]:
    hedged = hedged_sentences(doc)
    quotes, speakers = find_quotes(doc, doc._.actor_table, hedged=hedged)
    return {"quotes": quotes, "speakers": speakers, "hedged": hedged}


@Language.factory(
    "communique_quotes",
    requires=["doc._.actor_table"],
    assigns=["doc._.quotes", "doc._.speakers", "doc._.hedged"],
    default_config={},
)
def make_quotes(nlp: Language, name: str) -> Stage:
    return Stage(name, _quotes)


@Language.factory(
    "communique_events",
    requires=["doc._.actor_table", "doc._.speakers", "doc._.hedged"],
    assigns=["doc._.events", "doc._.proposals"],
    default_config=default_config()["events"],
)
def make_events(
    nlp: Language,
    name: str,
    lexicon: list[str],
    discards: list[str],
    off_topic: list[str],
    off_topic_terms: int,
    classifier: str,
    participants: str,
    overrule_at: float,
    fill_at: float,
    announced_as_intent: bool,
    decision: str,
) -> Stage:
    gazetteer = shared_gazetteer(nlp)
    verbs = load_lexicon(lexicon)
    dropped = load_discards(discards)
    topics = load_topics(off_topic, off_topic_terms)
    model = load_classifier(classifier) if classifier else None
    tagger = load_tagger(participants) if participants else None
    tag = tagger.spans if tagger else None
    policy = Policy(overrule_at=overrule_at, fill_at=fill_at)
    judge = load_decision(decision) if decision else None

    def events(doc: Doc) -> dict[str, Any]:
        table = doc._.actor_table
        judged = Judgement(_verdicts(doc, model, set(table.by_token)), policy, tag) if model else None
        date, speakers = doc._.article_date, doc._.speakers
        proposals = propose_events(
            doc,
            table,
            verbs,
            gazetteer,
            date=date,
            speakers=speakers,
            judged=judged,
            as_intent=announced_as_intent,
            skip=dropped.sentences(doc),
        )
        proposals = topics.relevant(doc, proposals)
        found = decide(proposals, judge)
        starts = [sent.start for sent in doc.sents]
        for event in found:
            event.hedged = starts[event.sentence] in doc._.hedged
        return {"events": found, "proposals": proposals}

    models = [m for m in (model, tagger, judge) if m is not None]
    resources = {
        **verbs.resources,
        **dropped.resources,
        **topics.resources,
        **{k: v for m in models for k, v in m.resources.items()},
    }
    return Stage(name, events, resources=resources)


def _verdicts(doc: Doc, model: Classifier, actor_tokens: set[int]) -> dict[int, Verdict]:
    """The classifier's verdict on each sentence naming an actor (no other sentence can hold an event)."""
    numbered = [(n, s) for n, s in enumerate(doc.sents) if any(t.i in actor_tokens for t in s)]
    probabilities = model.probabilities([s.text for _, s in numbered])
    return {n: Verdict(tuple(p), model.scheme) for (n, _), p in zip(numbered, probabilities, strict=True)}


def _figures(doc: Doc) -> dict[str, Any]:
    table, speakers, hedged = doc._.actor_table, doc._.speakers, doc._.hedged
    figures = find_figures(
        doc,
        date=doc._.article_date,
        claimant=lambda token: claimant_of(token, table, speakers),
        hedged=lambda token: is_hedged(token, hedged),
    )
    return {"figures": figures}


@Language.factory(
    "communique_figures",
    requires=["doc._.actor_table", "doc._.speakers", "doc._.hedged"],
    assigns=["doc._.figures"],
    default_config={},
)
def make_figures(nlp: Language, name: str) -> Stage:
    return Stage(name, _figures)
