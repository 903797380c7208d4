"""Sentences to events: for each event verb, who did it (source), to whom (target), and how surely.

A verb is coded through the PETRARCH lexicon; its source is the subject (inherited from the
governing verb for "accusing ..." or "plans to ..."), its target the first actor in its object or
prepositional phrases. Several sources or targets give one event per pair, as GDELT does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..actors.coreference import PRONOUN_KINDS
from ..actors.gazetteer import Gazetteer
from ..actors.resolve import GROUP_NOUNS
from ..actors.table import ActorTable
from ..claims.dates import date_entities, resolve_entity
from ..clauses import CLAUSE_DEPS, SPEECH_VERBS, STATEMENT_NOUNS, clauses_of, labelled, phrase
from ..clauses.modality import FUTURE_AUX, HYPOTHETICAL_AUX, INTENT_VERBS, PLEDGE_VERBS
from ..model import Event, Location
from .coding import Coding, Side
from .combiner import Judgement, Tag, Verdict, combine
from .decision import ArticleContext, Proposal, candidate_features
from .labels import Scheme
from .lexicon import Lexicon
from .ontology import CameoCode, as_announced, as_demand, cameo_table, refine

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
DELIVERY_VERBS = frozenset("make give issue deliver".split())
RECIPROCAL_WORDS = frozenset({"their", "each", "jointly", "together", "mutual", "bilateral"})
JOINT_NOUNS = frozenset(
    "meeting talk agreement deal treaty accord pact summit exercise negotiation partnership alliance "
    "relation tie".split()
)
TARGET_PREPOSITIONS = frozenset("with to against on toward towards into at from for over upon between".split())
# Verbal acts whose complement is their content, not a separate event: appeals, promises and offers
# ('agreed to reopen its borders' is one intent, 03x), demands, accusations, rejections, threats
# (CAMEO 02, 03, 10-13).
VERBAL_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})
# Verbs of a continuing state: what is, not what was done; an event only as what someone declares.
STATE_VERBS = frozenset({"remain", "stay"})
# Codes the codebook defines only as acts upon something: CAMEO 09 is investigating crime, human rights
# abuses, military action or war crimes (090-094). Such a verb with no object ('students are studying in
# Russia') investigates nothing, and is no event.
OBJECT_ROOTS = frozenset({"09"})
# Verbs that refuse only with what is refused ('declined the offer', 'declined to comment'); alone they fall
# ('exports declined 4%', 'the dollar declined against the yen').
FALLING_SENSES = frozenset({"decline"})
# Verbs that with a predicative complement regard, not deliberate: 'is considered the only country that ...',
# 'considered it a threat'. An opinion, no consultation (CAMEO 04) or policy option weighed (014).
REGARDING_SENSES = frozenset({"consider", "regard", "deem"})
# 'agree that' + a clause: assent to an opinion, unless the clause settles what is to be done ('would', 'must')
ASSENTING_SENSES = frozenset({"agree"})
SETTLING_AUX = FUTURE_AUX | HYPOTHETICAL_AUX | {"must"}
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})  # a refusal of these is a rejection
REFUSAL = "120"
CONSULT_ROOT = "04"  # meetings: someone is met
HOST_CODE = "043"  # hosting: a visitor is received, where is no visitor
DISAPPROVE_ROOT = "11"  # disapproval: someone, or what someone did, is criticised
INTENT_ROOT = "03"  # intents: to cooperate, as CAMEO files them
THREAT_ROOT = "13"  # threats: someone is threatened with what the source will do
POSTURE_ROOT = "15"  # force posture: military or police power shown or mobilised
FIGHT_ROOT = "19"  # fighting: armed force used
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "UAF", "SPY"})  # CAMEO's armed agents: what 15 mobilises
MATERIAL_ROOTS = frozenset({"06", "07"})  # material cooperation and aid: given to or shared with a partner
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "conj", "acl", "dobj"})
# Nouns of a relation to another party: 'Pyongyang's ally' is not Pyongyang, 'Israel's neighbours' not Israel.
RELATIONAL_NOUNS = frozenset(
    "ally partner enemy foe adversary rival opponent neighbour neighbor friend backer patron sponsor "
    "protector client creditor debtor critic".split()
)


def propose_events(
    doc: Doc,
    table: ActorTable,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    *,
    date: str | None,
    speakers: dict[int, str],
    judged: Judgement | None = None,
    as_intent: bool = True,
    skip: Set[int] = frozenset(),
) -> list[Proposal]:
    """Every event the patterns and the classifier propose in `doc`, with the features the decision reads;
    `speakers` maps token indexes inside quotes to the quoted actor's id, `judged` holds what the
    trained models say of its sentences (None: the patterns alone code), `as_intent` codes an
    announced deed as the intent or threat to do it (False: as the deed), and `skip` numbers the
    sentences a discard phrase excludes."""
    announced = _as_announced if as_intent else _as_itself
    article = ArticleContext.of(doc, table)
    events: list[Proposal] = []
    dates = date_entities(doc)
    spoken = statement_dates(dates, table, speakers, date)
    for number, sent in enumerate(doc.sents):
        if number in skip:
            continue
        named = [(ent, found) for ent in dates.get(sent.start, []) if (found := resolve_entity(ent, date))]
        readings = {verb.i: _code_verb(verb, lexicon, table) for verb in sent if _is_verb(verb)}
        codings = [
            _as_demanded(
                _as_ultimatum(announced(_as_refusal(_with_modality(Coding(sent.doc[i], *event))))), table, speakers
            )
            for i, reading in readings.items()
            if reading is not None
            for event in _verb_events(sent.doc[i], reading, table, speakers)
        ]
        codings = _one_sided(_without_contents(codings, readings))
        verdict = judged.verdicts.get(number) if judged else None
        if judged and verdict is not None:
            codings = combine(
                codings,
                verdict,
                judged.policy,
                recode=lambda verb, label: _recode(verb, label, verdict.scheme, lexicon),  # noqa: B023 -- called at once
                fill=lambda: _model_codings(sent, verdict, table, lexicon, speakers, judged.tag),  # noqa: B023
            )
        if judged and judged.tag and any(c.target is None for c in codings) and _countries(sent, table) > 1:
            codings = _tagged_targets(codings, sent, table, judged.tag)
        for coding in codings:
            event = _event(
                len(events) + 1,
                number,
                sent,
                coding,
                table=table,
                speakers=speakers,
                dates=named,
                spoken=spoken,
                gazetteer=gazetteer,
            )
            features = candidate_features(
                coding,
                sent,
                number,
                table,
                verdict,
                article,
                claimed=event.claimed_by is not None,
                modality=event.modality,
            )
            events.append(Proposal(event, features))
    return events


def _without_contents(codings: list[Coding], readings: Mapping[int, Reading | None]) -> list[Coding]:
    """Drop the events that are what another event says: 'X threatened to impose sanctions', 'X demanded
    that Y withdraw', 'X accused Y of attacking Z' are one threat, demand, accusation each (CAMEO codes
    the content into the verbal act's own code), not also sanctions, a withdrawal or an attack. A verbal
    act with no target of its own takes its content's ('Iran plans to attack Israel': 138 against Israel)."""
    verbal = {i for i, r in readings.items() if r is not None and r[0] is not None and r[0].code[:2] in VERBAL_ROOTS}
    verbal |= {c.verb.i for c in codings if c.entry.code[:2] in VERBAL_ROOTS}  # announced: intents, ultimatums
    said = {id(c): _said_by(c.verb, verbal) for c in codings}
    kept: list[Coding] = []
    for coding in codings:
        if said[id(coding)] is not None:
            continue
        contents = [c for c in codings if said[id(c)] == coding.verb.i]
        coding = _as_threat(coding, contents)
        if coding.target is None and coding.verb.i in verbal:
            targets = [c.target for c in contents if c.target is not None]
            kept.extend(replace(coding, target=target) for target in dict.fromkeys(targets))
            if targets:
                continue
        kept.append(coding)
    return kept


def _as_threat(coding: Coding, contents: list[Coding]) -> Coding:
    """A pledge, plan or threat whose content is a conflictual deed ('pledged to impose sanctions on Y',
    'threatened to impose sanctions'): CAMEO files announcing such a deed as the threat of it (1312), never as
    an intent to cooperate (03), nor as the bare threat (130) where the deed says which."""
    intends = coding.entry.code[:2] == INTENT_ROOT and coding.verb.lemma_.lower() in INTENT_VERBS
    if not (intends or coding.entry.code[:2] == THREAT_ROOT):
        return coding  # 'agreed to call off the protest': an accord, whatever it is about
    threat = next((entry for c in contents if (entry := _announced(c.entry)).code[:2] == THREAT_ROOT), None)
    if threat is None or len(threat.code) < len(coding.entry.code):
        return coding  # the verb's own pattern named the threat more precisely
    return replace(coding, entry=threat)


def _said_by(verb: Token, verbal: set[int]) -> int | None:
    """The verbal act whose content `verb` is, if any."""
    token = verb
    while (token.dep_ in CONTENT_DEPS or _condition(token)) and token.head.i != token.i:
        if token.dep_ == "conj" and token.head.i in verbal:
            return None  # 'threatened Y and attacked it': a second deed beside the threat
        token = token.head
        if token.i in verbal:
            return token.i
    return None


def _condition(clause: Token) -> bool:
    """An 'if' or 'unless' clause: under a threat, promise or ultimatum it is part of what is said."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)


def _with_modality(coding: Coding) -> Coding:
    """The coding with its verb's modality, from the clause reading: the rules below and the record use it."""
    return replace(coding, modality=clauses_of(coding.verb.doc)[coding.verb.i].modality)


def _as_refusal(coding: Coding) -> Coding:
    """'Syria says it will not accept more refugees', 'X would not attend the summit': a cooperative deed
    announced as one that will not be done is a refusal (CAMEO 12, reject), made now."""
    future = any(c.dep_ == "aux" and c.lower_ in (*FUTURE_AUX, "would") for c in coding.verb.children)
    if coding.modality != "negated" or not future or coding.entry.code[:2] not in COOPERATIVE_ROOTS:
        return coding
    if not _wills(coding):
        return coding  # 'the visit would not affect his policy': a thing refuses nothing
    return replace(coding, entry=cameo_table()[REFUSAL], modality="asserted")


def _wills(coding: Coding) -> bool:
    """Whether the subject of a deed can will it: an actor, a group or role the text names, or a person
    spoken of ('they'), not a thing ('the visit', 'praise')."""
    source = coding.source
    if source.actor or source.country or source.sector or source.code:
        return True
    return any(c.dep_ in SUBJECTS and c.pos_ == "PRON" and c.lower_ != "it" for c in coding.verb.children)


def _one_sided(codings: list[Coding]) -> list[Coding]:
    """A refusal is its subject's alone: 'Iran would not negotiate with the US' is not also the US's (the
    subject's reading comes first)."""
    kept: list[Coding] = []
    refused: set[tuple[int, Side, Side | None]] = set()
    for coding in codings:
        if coding.entry.code == REFUSAL:
            if (coding.verb.i, coding.target, coding.source) in refused:
                continue
            refused.add((coding.verb.i, coding.source, coding.target))
        kept.append(coding)
    return kept


def _as_ultimatum(coding: Coding) -> Coding:
    """'Nigeria will withdraw its force from Chad unless ...', 'the party will boycott the elections unless
    ...': a deed announced on a condition the other side must meet is an ultimatum (CAMEO 139), made now."""
    verb = coding.verb
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in verb.children)
    unless = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in verb.children)
    if not (future and unless):
        return coding
    return replace(coding, entry=cameo_table()["139"], modality="asserted")


def _as_announced(coding: Coding) -> Coding:
    """A deed that is planned or intended is coded as what announcing it is, as CAMEO's codebook has it:
    a cooperative one as the intent to do it ('Finland will give Tanzania a grant': 033), a conflictual
    one as a threat ('they would boycott all contact with the United States': 1312)."""
    if coding.modality not in ("planned", "intended"):
        return coding
    modality = "asserted" if _pledged(coding.verb) else coding.modality
    return replace(coding, entry=_announced(coding.entry), modality=modality)


def _announced(entry: CameoCode) -> CameoCode:
    """What announcing the deed `entry` codes is: its intent (03x) or threat (13x) code, else itself."""
    return cameo_table().get(as_announced(entry.code), entry)


def _pledged(verb: Token) -> bool:
    """Whether a deed is what its subject pledges, vows or promises now: the pledge is made when spoken,
    so coded as the intent or threat it is, it happened ('Oslo vowed to retaliate': a threat made)."""
    clauses = clauses_of(verb.doc)
    return any(
        frame.predicate != verb.i
        and verb.doc[frame.predicate].lemma_.lower() in PLEDGE_VERBS
        and frame.modality == "asserted"
        for frame in clauses.chain(verb.i)
    )


def _as_itself(coding: Coding) -> Coding:
    """PETRARCH's reading of an announced deed: the deed itself (its modality says it is yet to happen)."""
    return coding


def _as_demanded(coding: Coding, table: ActorTable, speakers: dict[int, str]) -> Coding:
    """'Russia said Sudan must return the helicopter': what one actor says another must do is its
    demand on that actor (CAMEO 10), not a deed of the other; so too where the text does not place the
    speaker ('the Red Cross said US forces must ensure security')."""
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in coding.verb.children):
        return coding
    speaker = table.get(claimant_of(coding.verb, table, speakers))
    if speaker is not None:
        side = Side.of(speaker, speaker.name)
    else:
        subject = next(_speech_subjects(coding.verb), None)
        if subject is None:
            return coding
        side = next(iter(_sides(subject, table, speakers)), None) or _unnamed(subject, table)
    if (side.country, side.sector) == (coding.source.country, coding.source.sector):
        return coding
    return replace(coding, entry=cameo_table()[as_demand(coding.entry.code)], source=side, target=coding.source)


def _recode(verb: Token, label: str, scheme: Scheme, lexicon: Lexicon) -> CameoCode | None:
    """The verb's reading under the label the model chose: the code its lexicon block gives most often
    under that label ('talk': 04, consult), else the label's broadest code; refined by domain words."""
    words = [t.lower_ for t in phrase(verb) if t.i > verb.i] + _adjunct_words(verb)
    general = scheme.reading(label, [code.split(":")[0] for code in lexicon.codes_of(verb)])
    if general is None:
        return None
    table = cameo_table()
    return table.get(refine(general, words)) or table.get(general)


def _model_codings(
    sent: Span, verdict: Verdict, table: ActorTable, lexicon: Lexicon, speakers: dict[int, str], tag: Tag | None
) -> list[Coding]:
    """Events of the first verb, main verb first, between a placed source and a target: what the model
    found in a sentence no pattern coded. Statements ('said', 'made the remarks') are left to the quotes,
    opinions ('considered Syria a threat') code nothing, and neither does a verb the lexicon does not know
    ('read a letter', 'trying to'): the model says what class of event a sentence holds, not which word
    carries it, and a verb with no event reading carries none.
    Where no verb's grammar gives both sides, the participant tagger's spans may."""
    verbs = [sent.root, *(t for t in sent if t.i != sent.root.i)]
    for verb in verbs:
        if verb.pos_ != "VERB" or _is_statement(verb) or _no_act(verb) or not lexicon.codes_of(verb):
            continue
        entry = _recode(verb, verdict.label, verdict.scheme, lexicon)
        if entry is None:
            return []
        coded = Reading(entry, None, verb.text)
        found = [
            Coding(verb, entry, phrase, source, target)
            for entry, phrase, source, target in _verb_events(verb, coded, table, speakers)
            if (source.country or source.actor) and target is not None
        ]
        if found:
            return found
    return _tagged_codings(sent, verdict, table, lexicon, tag) if tag and _countries(sent, table) > 1 else []


def _countries(sent: Span, table: ActorTable) -> int:
    """How many countries the sentence's actors belong to: the tagger can relate two only where there are two."""
    actors = {table.by_token[t.i] for t in sent if t.i in table.by_token}
    return len({actor.country for actor in map(table.get, actors) if actor is not None and actor.country})


def _tagged_targets(codings: list[Coding], sent: Span, table: ActorTable, tag: Tag) -> list[Coding]:
    """Events with no target take the actor of the tagger's target span, when it names one other than
    their source ('Iran launched a wave of strikes deep inside Israel'); a host's guest is never where it
    hosts ('hosted a dinner in Kampala')."""
    targets = [
        _actor_side(token, table)
        for start, end, kind in tag(sent)
        if kind == "TARGET"
        for token in sent.doc[start:end]
        if token.i in table.by_token
    ]
    where = _only_places(sent, table)

    def target(coding: Coding) -> Side | None:
        guests = (t for t in targets if not (_hosts(coding.entry) and t.actor in where))
        return next((t for t in guests if t.country and t.country != coding.source.country), None)

    return [replace(c, target=target(c)) if c.target is None else c for c in codings]


def _tagged_codings(sent: Span, verdict: Verdict, table: ActorTable, lexicon: Lexicon, tag: Tag) -> list[Coding]:
    """Events between the actors of the tagger's source spans and those of its target spans (reciprocal
    spans are both), on the sentence's main verb if the lexicon knows it."""
    sides: dict[str, dict[str, Side]] = {"SOURCE": {}, "TARGET": {}, "RECIPROCAL": {}}
    for start, end, kind in tag(sent):
        for token in sent.doc[start:end]:
            if token.i in table.by_token:
                side = _actor_side(token, table)
                sides[kind].setdefault(side.actor or "", side)
    sources = [*sides["SOURCE"].values(), *sides["RECIPROCAL"].values()]
    targets = [*sides["TARGET"].values(), *sides["RECIPROCAL"].values()]
    verb = sent.root
    if _is_statement(verb) or _no_act(verb) or not lexicon.codes_of(verb):
        return []
    entry = _recode(verb, verdict.label, verdict.scheme, lexicon)
    if entry is None:
        return []
    return [
        Coding(verb, entry, verb.text, source, target)
        for source in sources
        if source.country
        for target in targets
        if target.country and (target.country, target.sector) != (source.country, source.sector)
    ]


class Reading(NamedTuple):
    """A verb's codes both ways (source to target, target to source), the phrase that coded it, and the
    actors its pattern's slots placed (None: the grammar finds them)."""

    forward: CameoCode | None
    reverse: CameoCode | None
    phrase: str
    source: Token | None = None
    target: Token | None = None
    compound: bool = False
    default: bool = False  # the verb's usual code: no pattern read its object


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ != "aux"


def _verb_events(
    verb: Token, coded: Reading, table: ActorTable, speakers: dict[int, str]
) -> Iterator[tuple[CameoCode, str, Side, Side | None]]:
    """(code, phrase, source, target) for each event a verb codes: one per source-target pair; the
    reverse reading of a dual code ('visit' 042:043: one makes a visit, the other hosts it) from target
    to source; and both directions between the sources of a reciprocal action ('X and Y held talks')."""
    forward, reverse, phrase = coded.forward, coded.reverse, coded.phrase
    owner = _sides(coded.source, table, speakers) if coded.source is not None else []
    if coded.source is not None and coded.target is not None and not owner:
        owner = _bridged_owner(coded.source, table, speakers)
    sources = owner or _sources(verb, table, speakers)
    if not sources:
        return
    taken = {(s.actor, s.country, s.sector) for s in sources}
    placed = _sides(coded.target, table, {}) if coded.target is not None else _targets(verb, table, coded.source)
    targets = [t for t in placed if (t.actor, t.country, t.sector) not in taken]
    joint = len(sources) > 1 and (coded.compound or _reciprocal(verb))
    if joint or _hosts(forward):
        # 'Iran and Iraq held talks in Moscow': between them; 'hosted a dinner in Nairobi': a venue, not a guest
        where = _only_places(verb.sent, table)
        targets = [t for t in targets if t.actor not in where]
    if not targets and _dependent_participle(verb):
        return  # '..., threatening their sovereignty' with no actor as object: too weak to code
    if not targets and forward is not None and forward.code[:2] in OBJECT_ROOTS and not _has_object(verb):
        return
    if coded.default and forward is not None and _default_unfounded(verb, forward.code[:2], table, targets, coded):
        return
    if verb.lemma_.lower() in FALLING_SENSES and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children):
        return
    reciprocal = joint and not targets
    seen: set[tuple[str, Side, Side | None]] = set()
    for source in sources:
        partners: list[Side | None] = list(targets) or [None]
        if reciprocal:
            partners = [other for other in sources if other is not source]
        for target in partners:
            if target is not None and target.party == source.party:
                continue
            if source.actor is None and source.country is None and (target is None or target.country is None):
                continue  # an unplaced subject ('gunmen') acting on no one placed: nothing to relate
            readings: list[tuple[CameoCode | None, Side, Side | None]] = [(forward, source, target)]
            if target is not None:
                readings.append((reverse, target, source))
            for entry, one, other in readings:
                if entry is not None and (entry.code, one, other) not in seen:
                    seen.add((entry.code, one, other))
                    yield entry, phrase, one, other


def _bridged_owner(noun: Token, table: ActorTable, speakers: dict[int, str]) -> list[Side]:
    """The owner of a hosted institution the text does not name ('embassies' that open in a host country
    are some state's): the subject of the clause the noun is part of, read as the one whose institutions
    they are ('X intends to widen its presence, with embassies set to open in Y'). None where the noun is
    that subject itself ('embassies opened in Y': whose, the sentence does not say)."""
    clauses = clauses_of(noun.doc)
    if noun.head.i == noun.i:
        return []
    subject = clauses.subject(clauses.of(noun.head).predicate)
    if subject is None or subject.i == noun.i or noun.is_ancestor(subject):
        return []
    return _sides(subject, table, speakers)


def _hosts(entry: CameoCode | None) -> bool:
    """Whether an event is hosting, whose guest is never where it is hosted ('hosted a dinner in Kampala')."""
    return entry is not None and entry.code == HOST_CODE


def _only_places(sent: Span, table: ActorTable) -> set[str]:
    """The actors a sentence names only as where something happened ('in Moscow'), never as a party."""
    named = [(table.by_token[i], i in table.places) for i in range(sent.start, sent.end) if i in table.by_token]
    return {actor for actor, place in named if place} - {actor for actor, place in named if not place}


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ in TARGET_PREPOSITIONS for c in verb.children
    )


def _default_unfounded(verb: Token, root: str, table: ActorTable, targets: list[Side], coded: Reading) -> bool:
    """Where a block's default code (no pattern matched) names an act the sentence does not hold: a meeting
    with no one met, material cooperation with no partner among the verb's own arguments ('intervened in the
    currency market', 'the rich pay more'), or no threat, show of force or fight (`_no_deed`)."""
    if root == CONSULT_ROOT:
        return _meets_no_one(verb, table, targets)
    if root in MATERIAL_ROOTS:
        return not _targets(verb, table, coded.source, inside=False)
    return _no_deed(verb, root, table, targets)


def _meets_no_one(verb: Token, table: ActorTable, targets: list[Side]) -> bool:
    """Where a verb that can mean a meeting meets no one: its object is a thing, not someone (no name, pronoun or
    role noun) and no party is found ('faced a crisis', 'met the deadline'); or all it takes is a content clause,
    what is learnt or thought ('learned that Uganda had moved troops': Uganda is not met)."""
    if _only_content(verb):
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return bool(objects) and not targets and not any(_someone(o, table) for o in objects)


def _only_content(verb: Token) -> bool:
    """Whether all a verb takes is what is said or thought, with no one it is said to or about."""
    contents = _contents(verb)
    return (
        bool(contents)
        and not any(c.dep_ in ("dative", "prep") for c in verb.children)
        and all(any(c.head == o for c in contents) for o in verb.children if o.dep_ == "dobj")
    )


def _contents(verb: Token) -> list[Token]:
    """What a verb says or thinks: its content clause ('claimed that prices rose'), or that of a noun it takes
    ('expressed his belief that grain should compete')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return [c for c in verb.children if c.dep_ == "ccomp"] + [c for o in objects for c in _said_in(o)]


def _said_in(noun: Token) -> list[Token]:
    """The that-clause a noun takes: what a belief, claim or warning says ('his belief that grain ...')."""
    return [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]


def _someone(noun: Token, table: ActorTable) -> bool:
    """Whether a noun may name a party: a name, a pronoun, an entity, a group or role noun ('officials')."""
    return bool(
        noun.pos_ in ("PRON", "PROPN")
        or noun.ent_type_
        or noun.lemma_.lower() in GROUP_NOUNS
        or table.noun_sector(noun)
    )


def _no_deed(verb: Token, root: str, table: ActorTable, targets: list[Side]) -> bool:
    """Where a verb that can mean a threat, a show of force or a fight means none of them: mobilising people
    who bear no arms is no force posture ('mobilised voters', 'rallied workers'); and with no one on the other
    side, warning that something may happen, with only a content clause, is a forecast ('warned that the vote
    could slow growth'), unless the clause says what the speaker will do ('warned that it would retaliate'),
    and fighting or struggling to do something is striving ('struggled to pay'), and fighting against a thing
    a figure of speech ('fought against corruption'), no armed force."""
    if root == POSTURE_ROOT:
        sectors = [table.noun_sector(c) for c in verb.children if c.dep_ == "dobj"]
        return any(sectors) and not any(s in ARMED_SECTORS for s in sectors)
    if targets:
        return False
    if root == DISAPPROVE_ROOT:
        return _only_content(verb)
    if root == THREAT_ROOT:
        return _only_content(verb) and not any(
            s.dep_ in SUBJECTS and s.pos_ == "PRON" for c in _contents(verb) for s in c.children
        )
    return root == FIGHT_ROOT and (_strives(verb) or _opposes_a_thing(verb, table))


def _opposes_a_thing(verb: Token, table: ActorTable) -> bool:
    """'fought against corruption', 'fought the battle against a subsidy': what is fought 'against' is a thing,
    no party, and the fight a figure of speech."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    opposed = [
        g
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == "against"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return bool(opposed) and not any(_someone(g, table) for g in opposed)


def _strives(verb: Token) -> bool:
    """'fought to keep its seat', 'struggled hard to pay': the infinitive right after the verb (adverbs aside)
    says what is striven for; one further on may be a purpose ('fought for two days to retake the town')."""
    return any(
        to.i > verb.i and all(t.pos_ == "ADV" for t in verb.doc[verb.i + 1 : to.i]) for to in _infinitive_markers(verb)
    )


def _reciprocal(verb: Token) -> bool:
    """A joint action of its subjects: 'their meeting', 'each other', 'signed a treaty', 'held talks'."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]  # 'agreed on a pact'
    return any(t.lower_ in RECIPROCAL_WORDS for t in phrase(verb)) or any(
        o.lemma_.lower() in JOINT_NOUNS for o in objects
    )


def _dependent_participle(verb: Token) -> bool:
    return verb.dep_ in ("advcl", "acl", "relcl", "xcomp", "conj") and verb.tag_ in ("VBG", "VBN")


def _code_verb(verb: Token, lexicon: Lexicon, table: ActorTable) -> Reading | None:
    """The codes of the verb's two readings (source to target, target to source) and the matched phrase.
    Delivering a statement ('issued a declaration') is a statement, for the quotes, not an event."""
    if _delivers_statement(verb):
        return None
    if _no_act(verb):
        return None
    topic = _topic(verb)
    words = [t for t in phrase(verb) if t.i > verb.i and t.i not in topic]
    match = lexicon.code_for(verb, _left_phrase(verb), words, actor=lambda t: t.i in table.by_token)
    if match is None:
        return None
    domain = [t.lower_ for t in words] + _adjunct_words(verb)
    forward, _, reverse = match.code.partition(":")
    entries = tuple(
        cameo_table().get(refine(part, domain)) if part and not part.startswith("01") else None  # 01: statements
        for part in (forward, reverse)
    )
    if entries == (None, None) or (forward[:2] == "11" and _infinitive_markers(verb)):
        return None  # 'have sworn to fight', 'claims to be arming': a pledge or claim, not an accusation
    return Reading(entries[0], entries[1], match.phrase, match.source, match.target, match.compound, match.default)


def _topic(verb: Token) -> set[int]:
    """What a verb of speech is 'of' or 'about' is its topic, nothing it says or does ('said of the Ugandan
    plan that it was weak' announces no plan)."""
    if not _is_statement(verb):
        return set()
    return {t.i for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about") for t in c.subtree}


def _no_act(verb: Token) -> bool:
    """A state or an opinion, which no one does: 'X remains close to Y', 'X is considered a threat'."""
    return _narrates_state(verb) or _regards(verb) or _assents(verb)


def _assents(verb: Token) -> bool:
    """'agreed that the talks were useful': sharing an opinion, no accord; 'agreed that they would meet'
    settles what is to be done (a content clause with a modal or future auxiliary), and stays an event."""
    if verb.lemma_.lower() not in ASSENTING_SENSES or any(c.dep_ in ("xcomp", "prep") for c in verb.children):
        return False
    contents = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(contents) and not any(
        a.dep_ == "aux" and a.lower_ in SETTLING_AUX for c in contents for a in c.children
    )


def _regards(verb: Token) -> bool:
    """'is considered the only country that ...', 'considered Syria a threat': an opinion of what something is
    (a predicate, or a clause with no verb), no act."""
    return verb.lemma_.lower() in REGARDING_SENSES and any(
        c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN", "ADJ")) for c in verb.children
    )


def _narrates_state(verb: Token) -> bool:
    """'X remains close to Y' narrates a state, no act; 'Z said X remains close to Y' declares it, an act of Z's."""
    return verb.lemma_.lower() in STATE_VERBS and next(clauses_of(verb.doc).reporters(verb), None) is None


def _infinitive_markers(verb: Token) -> list[Token]:
    """The 'to' of each to-infinitive clause a verb governs: 'has sworn to fight', 'fought to keep its seat'."""
    return [
        g
        for c in verb.children
        if c.dep_ in ("xcomp", "advcl")
        for g in c.children
        if g.dep_ == "aux" and g.lower_ == "to"
    ]


def _left_phrase(verb: Token) -> list[Token]:
    """The words a pattern's 'before' slots match: the verb's subject phrase (its governor's, for 'plans
    to expand') and its own modifiers before it, never the rest of the sentence ('Aside from military
    partnerships, Moscow intends to expand ...' has no military subject)."""
    subject = clauses_of(verb.doc).subject(verb.i)
    words = list(subject.subtree) if subject is not None else []
    if subject is not None and subject.is_ancestor(verb):  # a relative's noun: without the relative clause
        words = [t for t in words if t != verb and not verb.is_ancestor(t)]
    words += [
        t
        for c in verb.children
        if c.i < verb.i and c.dep_ not in SUBJECTS and c.dep_ not in CLAUSE_DEPS and c.dep_ != "prep"
        for t in c.subtree
    ]
    return sorted(words, key=lambda t: t.i)


def _adjunct_words(verb: Token) -> list[str]:
    """Words of a participle adjunct that narrows the domain of the verb or of its open complement:
    'intend to develop ties, focusing on trade'."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    return [
        t.lower_
        for head in heads
        for child in head.children
        if child.dep_ == "advcl" and child.tag_ == "VBG"
        for t in child.subtree
    ]


def _sources(verb: Token, table: ActorTable, speakers: dict[int, str]) -> list[Side]:
    """Who does what `verb` says: its subject or agent, else that of the clause whose subject it shares."""
    doc = verb.doc
    if verb.dep_ == "relcl" and clauses_of(doc)[verb.i].subject == verb.head.i:
        return []  # 'Hamas, which advocates ...': what a relative clause tells of its noun is background, not news
    for clause in clauses_of(doc).chain(verb.i):
        subject = _after_dateline(doc[clause.subject], table) if clause.subject is not None else None
        if subject is not None:
            return _sides(subject, table, speakers) or _unplaced(subject, table)
        if clause.patient is None:
            continue
        if clause.predicate != verb.i:  # 'Iran is expected to attack': Iran attacks
            return _sides(doc[clause.patient], table, speakers)
        if any(c.dep_ == "xcomp" for c in verb.children):
            return []  # 'is expected to', 'is set to': a frame around the event, not an event
        return [Side(None, "", None, None)]  # 'civilians were killed': by someone the text does not name
    return []


def _after_dateline(subject: Token, table: ActorTable) -> Token | None:
    """A subject outside the dateline: the dateline's place ('KAMPALA, Uganda —') is no subject; the parser
    sometimes hangs the real one on it ('KAMPALA ... — Kenya accused'), which is then taken."""
    if subject.i >= table.filed_end:
        return subject
    return next((t for t in subject.children if t.i >= table.filed_end and t.dep_ in ("appos", "conj")), None)


def _unplaced(subject: Token, table: ActorTable) -> list[Side]:
    """A subject such as 'gunmen', 'police' or an organisation no dictionary knows ('the ILO'): its sector,
    with no country the text gives."""
    if subject.pos_ != "NOUN" and not (subject.pos_ == "PROPN" and subject.ent_type_ == "ORG"):
        return []
    return [_unnamed(subject, table)]


def _unnamed(head: Token, table: ActorTable) -> Side:
    """A side no dictionary places: the words of its noun phrase up to its head, and its noun's sector."""
    span = head.doc[min(t.i for t in head.subtree if t.i <= head.i) : head.i + 1]
    return Side(None, span.text, None, table.noun_sector(head))


def _targets(verb: Token, table: ActorTable, besides: Token | None = None, *, inside: bool = True) -> list[Side]:
    """The verb's passive subject, else its nearest object naming an actor (never `besides`, the source);
    with `inside` false, never a word inside an object ('the reach of the EPA')."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c != besides]
    if passive:
        return _sides(passive[0], table, {}, inside=inside)
    for token in _object_order(verb, table, inside=inside):
        sides = _sides(token, table, {}, inside=inside)
        if sides:
            return sides
    return []


def _object_order(verb: Token, table: ActorTable, *, inside: bool = True) -> Iterator[Token]:
    """The verb's own arguments that may be its target: objects first, then the subject of a clause the
    verb governs (who is asked, warned or accused) or of its condition, then the objects of its
    prepositions, nearest first, then (unless `inside` is false) words inside its objects. An actor
    named elsewhere in the sentence is not its target."""
    doc = verb.doc
    clause = clauses_of(doc)[verb.i]
    objects = [doc[i] for i in clause.objects]
    yield from objects
    own = {t.i for t in phrase(verb)}
    # 'demanded that the US cancel ...'; not 'condemned what Abe called ...', whose subject only names it
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and labelled(c) is None]
    clauses += [c for obj in objects for c in obj.children if c.dep_ == "acl"]  # 'its demand that Israel ease'
    clauses += [c for c in verb.subtree if _condition(c) and c.head.i in own]  # 'threatened to stop talks if the US'
    for governed in clauses:
        # a party named ('the US', 'the Turkish government'), not a place in it ('disputes in X') nor a thing a
        # name qualifies ('warned that the Brexit vote could slow growth')
        yield from (
            c
            for c in governed.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and (c.ent_type_ or _someone(c, table) and any(m.ent_type_ for m in _modifiers(c)))
        )
    for i in clause.obliques:
        if doc[i].head.lower_ in TARGET_PREPOSITIONS and i > verb.i:
            yield doc[i]
    if inside:  # not inside what an object says ('his belief that U.S. grain should compete'): its clause's
        said = {t.i for obj in objects for c in _said_in(obj) for t in c.subtree}
        for obj in objects:
            yield from (t for t in obj.subtree if t.i != obj.i and t.i not in said)


def _sides(head: Token, table: ActorTable, speakers: dict[int, str], *, inside: bool = True) -> list[Side]:
    """The actors a noun phrase names: itself, its conjuncts, the places of 'authorities in X', or the
    members it lists ('several governments, including Mali and Niger': Mali and Niger act); with `inside`
    false, not what a thing is 'of' ('the reach of the EPA')."""
    members = [g for c in head.children if c.lower_ in ("including", "like") for g in c.children if g.dep_ == "pobj"]
    if members:
        listed = _sides(members[0], table, speakers, inside=inside)
        if listed:
            return listed
    sides = [side for token in [head, *head.conjuncts] for side in _side(token, table, speakers, inside=inside)]
    unique: dict[tuple[str | None, str | None], Side] = {}
    for side in sides:
        unique.setdefault((side.actor, side.sector), side)
    return list(unique.values())


def _side(token: Token, table: ActorTable, speakers: dict[int, str], *, inside: bool = True) -> list[Side]:
    actor_id = table.by_token.get(token.i)
    if actor_id is None:
        inner = [t for t in _modifiers(token) if t.i in table.by_token]
        if inner:
            return [_actor_side(inner[0], table, sector=table.noun_sector(token))]
        # people of a place ('thousands of Nigerians', 'troops from Chad'), a role's holder ('the president of
        # Armenia', 'the speaker of the Kenyan parliament'): a noun that acts stands for what it is 'of'; a
        # thing does too where words inside an object may be a side ('condemned the killing of X'), not otherwise
        grouped = token.lemma_.lower() in GROUP_NOUNS or token.tag_ == "NNS" or table.noun_sector(token)
        places = [
            p
            for prep in token.children
            if prep.dep_ == "prep"
            and ((prep.lower_ == "of" and inside) or (grouped and prep.lower_ in ("of", "in", "from")))
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        if places:
            found = [s for p in places for s in _sides(p, table, speakers)]
            if found:
                return [replace(s, sector=s.sector or table.noun_sector(token)) for s in found]
        if token.pos_ == "PRON":
            return _pronoun(token, table, speakers)
        return []
    return [_actor_side(token, table)]


def _modifiers(token: Token) -> list[Token]:
    """The words that qualify a noun, nearest first, through chains of them: 'Israeli' in 'Israeli
    airstrikes', 'US' in 'US drone attacks'. The owner of a relational noun is the other party, not a
    qualifier: nothing of 'North Korea' qualifies 'North Korea's closest ally'."""
    found: list[Token] = []
    heads = [token]
    while heads:
        children = [
            c
            for head in heads
            for c in head.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
            and not (c.dep_ == "poss" and head.lemma_.lower() in RELATIONAL_NOUNS)
        ]
        found.extend(children)
        heads = children
    return found


def _actor_side(token: Token, table: ActorTable, *, sector: str | None = None) -> Side:
    actor = table.get(table.by_token[token.i])
    assert actor is not None
    mention = next((m.text for m in actor.mentions if m.start <= token.idx < m.end), token.text)
    if actor.kind in ("country", "region"):
        return Side.of(actor, mention, table.sector_at.get(token.i) or sector)
    return Side.of(actor, mention, sector)


def _pronoun(token: Token, table: ActorTable, speakers: dict[int, str]) -> list[Side]:
    lower = token.lower_
    if lower in ("we", "i") and token.i in speakers:
        speaker = table.get(speakers[token.i])
        if speaker is not None:
            return [Side.of(speaker, token.text)]
    reporter = table.reporters.get(token.i)  # 'Syria says it will ...', 'Mali and Niger said they ...'
    if reporter is not None:
        placed = _sides(token.doc[reporter], table, speakers)
        sides = [
            replace(side, text=token.text)
            for side in placed
            if (actor := table.get(side.actor)) is not None and actor.kind in PRONOUN_KINDS[lower]
        ]
        if sides or not placed:  # 'militants said they attempted ...': the militants, placed or not
            return sides or _unplaced(token.doc[reporter], table)
    return []


def _event(
    number: int,
    sentence: int,
    sent: Span,
    coding: Coding,
    *,
    table: ActorTable,
    speakers: dict[int, str],
    dates: list[tuple[Span, str]],  # the sentence's date expressions that resolve, resolved
    spoken: dict[str, tuple[str, str]],  # actor id -> when that actor made the statement, and the words
    gazetteer: Gazetteer,
) -> Event:
    verb, entry, source, target = coding.verb, coding.entry, coding.source, coding.target
    claimed_by = claimant_of(verb, table, speakers)
    when = _date_of(verb, dates) or (spoken.get(claimed_by) if claimed_by else None)
    return Event(
        id=f"e{number}",
        sentence=sentence,
        start=sent.start_char,
        end=sent.end_char,
        trigger=verb.text if " " not in coding.phrase else coding.phrase,
        source=source.participant(),
        target=target.participant() if target else None,
        cameo=entry.code,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover=entry.plover,
        modality=coding.modality or clauses_of(verb.doc)[verb.i].modality,
        claimed_by=claimed_by,
        date=when[0] if when else None,
        date_text=when[1] if when else None,
        location=_location(verb, table, gazetteer, (source, target)),
        evidence=sent.text.strip(),
        coded_by=coding.coded_by,
        confidence=None if coding.confidence is None else round(coding.confidence, 3),
    )


def _date_of(verb: Token, dates: list[tuple[Span, str]]) -> tuple[str, str] | None:
    """The date of the trigger's own clause (or of a clause whose subject it shares), else the sentence's
    first: (resolved, the words it was read from)."""
    clauses = clauses_of(verb.doc)
    own = {clause.predicate for clause in clauses.chain(verb.i)}
    chosen = next((d for d in dates if clauses.of(d[0].root).predicate in own), None) or next(iter(dates), None)
    return (chosen[1], chosen[0].text) if chosen else None


def statement_dates(
    dates: dict[int, list[Span]], table: ActorTable, speakers: dict[int, str], article_date: str | None
) -> dict[str, tuple[str, str]]:
    """When each actor made their statement: 'X said on Monday', 'X made the remarks at a briefing on Monday'.

    An event inside what X said, with no date of its own, happened (or was announced) then.
    """
    found: dict[str, tuple[str, str]] = {}
    for ents in dates.values():
        for ent in ents:
            clause = clauses_of(ent.doc).of(ent.root)
            verb = ent.doc[clause.predicate]
            subject = ent.doc[clause.subject] if clause.subject is not None else None
            resolved = resolve_entity(ent, article_date)
            if subject is None or resolved is None or not _is_statement(verb):
                continue
            speaker = next((side.actor for side in _sides(subject, table, speakers) if side.actor), None)
            if speaker is not None:
                found.setdefault(speaker, (resolved, ent.text))
    return found


def _is_statement(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma == "speak" or _delivers_statement(verb)


def _delivers_statement(verb: Token) -> bool:
    """'made the remarks', 'issued a declaration'."""
    return verb.lemma_.lower() in DELIVERY_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children
    )


def claimant_of(verb: Token, table: ActorTable, speakers: dict[int, str]) -> str | None:
    """Who says so, for an event or a figure: the quote it sits in, or the subject of the speech verb above it."""
    if verb.i in speakers:
        return speakers[verb.i]
    return next((table.by_token[s.i] for s in _speech_subjects(verb) if s.i in table.by_token), None)


def _speech_subjects(verb: Token) -> Iterator[Token]:
    """The subjects of the speech verbs whose report holds `verb`, nearest first."""
    for report in clauses_of(verb.doc).reporters(verb):
        if report.subject is not None:
            yield verb.doc[report.subject]


def _location(verb: Token, table: ActorTable, gazetteer: Gazetteer, sides: tuple[Side, Side | None]) -> Location | None:
    """A place named under the verb with 'in'/'at' that is not a participant: where it happened."""
    for token in phrase(verb):
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at") and token.ent_type_ in ("GPE", "LOC", "FAC"):
            ent = _entity_at(token)
            country = gazetteer.place_codes.get(ent.text.lower()) or _country_nearby(ent, table)
            if country and country not in {s.country for s in sides if s}:
                return Location(name=ent.text, country=country)
            if country and ent.text.lower() != gazetteer.country_name(country).lower():
                return Location(name=ent.text, country=country)
    return table.filed_from if verb.sent.start == 0 else None  # the lede happened where it was filed


def _entity_at(token: Token) -> Span:
    """The entity a token is part of, found through its IOB tags (`Span.ents` would scan the whole doc)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _country_nearby(ent: Span, table: ActorTable) -> str | None:
    """'the Egyptian resort city of Sharm El-Sheikh': the country named in the same noun phrase."""
    head = ent.root.head.head if ent.root.head.pos_ == "ADP" else ent.root.head
    for token in head.subtree:
        actor = table.get(table.by_token.get(token.i))
        if actor is not None and actor.kind == "country":
            return actor.country
    return None
