"""Mentions to actors: countries, regions, people with roles, media and organisations, one actor each.

Every entity the pipeline found is resolved against the gazetteer; people get their role and
sector from the words before their name ("Foreign Minister Sergey Lavrov") or the dictionary of
known people, and a surname alone links to the full name seen elsewhere in the article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..claims.units import currency_names
from ..clauses import clauses_of
from ..model import Actor, Location
from .coreference import link_mentions
from .gazetteer import Gazetteer
from .table import LOCATIVE, ActorTable

US_STATES_NAMED_LIKE_COUNTRIES = frozenset({"georgia"})
GROUP_NOUNS = frozenset(
    "official authority government country state nation leader power ministry minister "
    "force troop army military diplomat regime administration".split()
)
IGO = "IGO"  # the code prefix of international organisations ('IGOUNO')
ORGANISATIONS = (IGO, "NGO")  # ... and of non-governmental ones ('NGOHRIAMN')
HOME_MENTIONS = 3  # an article names its home country at least this often ...
HOME_MARGIN = 2  # ... and this many times as often as any other
SUPPORTING_BODIES = frozenset({"foundation", "association", "society"})
ARRIVALS = frozenset("arrive visit travel fly come land tour".split())  # 'X arrived in / visited Y': X is Y's guest
DEPARTURES = frozenset("leave depart head".split())  # 'X leaves for Y', 'X heads to Y': the same


def resolve_actors(doc: Doc, gazetteer: Gazetteer, *, date: str | None) -> ActorTable:
    """Resolve every entity of `doc` to an actor; mentions carry offsets into `doc.text`."""
    table = ActorTable(gazetteer=gazetteer)
    people: list[Span] = []
    filed = dateline(doc)
    table.filed_end = filed.end if filed is not None else 0
    for ent in doc.ents:
        if filed is not None and ent.start < filed.end:  # where the story was filed: a place, not an actor (#22)
            if ent.ent_id_ in gazetteer.countries and table.filed_from is None:
                table.filed_from = Location(name=filed[0 : ent.end].text.split(",")[0].strip(), country=ent.ent_id_)
            continue
        if ent.label_ in ("GPE", "LOC", "NORP", "FAC") and ent.ent_id_:
            _add_place(table, ent, gazetteer, ent.ent_id_)
        elif ent.label_ != "PERSON" and (code := gazetteer.territory_code(ent.text)):  # spaCy says GPE or ORG
            _add_place(table, ent, gazetteer, code)
        elif ent.label_ == "ORG" and ent.ent_id_.startswith("MED-"):
            iso3 = ent.ent_id_[4:]
            table.add(
                f"org:{ent.text}",
                ent,
                name=ent.text,
                kind="organization",
                country=iso3,
                sector="MED",
                code=f"{iso3}MED",
                role="news agency",
            )
        elif ent.label_ == "ORG" and (bloc := gazetteer.bloc_coded(ent.ent_id_)):
            table.add(  # 'ECOWAS' and its full name are one actor
                f"bloc:{bloc.code}",
                ent,
                name=bloc.names[0],
                kind="organization",
                country=None,
                sector=None,
                code=bloc.code,
            )
        elif ent.label_ in ("PERSON", "ORG"):
            people.append(ent)
    full_names = [name for e in people if e.label_ == "PERSON" and len(name := _name_only(e, gazetteer)) > 1]
    surnames = {name[-1].text for name in full_names}  # linked to their full name by `link_mentions`
    named = _countries_named(doc, [_name_only(ent, gazetteer) for ent in people], gazetteer, date)
    unplaced = [
        body
        for ent in people
        if (len(name := _name_only(ent, gazetteer)) > 1 or name.text not in surnames)
        and (body := _add_person_or_org(table, name, gazetteer, date=date, named=named)) is not None
    ]
    link_mentions(doc, table)
    if (home := home_country(table)) is not None:
        _place_at_home(doc, table, unplaced, home, gazetteer)
    order = sorted(table.actors, key=lambda a: a.mentions[0].start)
    renumber = {actor.id: f"a{number}" for number, actor in enumerate(order, start=1)}
    for actor in order:
        actor.id = renumber[actor.id]
        actor.mentions.sort(key=lambda m: m.start)
    table.actors = order
    table.by_id = {actor.id: actor for actor in order}
    table.by_token = {i: renumber[v] for i, v in table.by_token.items()}
    return table


DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
SENT_TO = frozenset({"to", "for", "on"})  # an envoy to, an ambassador for, a special representative on
DATELINE_TOKENS = 12


def dateline(doc: Doc) -> Span | None:
    """The dateline that opens a story, before its dash: 'DUBAI, United Arab Emirates —', 'BEIRUT (Reuters) -'.
    Its first word is in capitals and it holds only names, numbers and punctuation."""
    for token in doc[:DATELINE_TOKENS]:
        if "\n" in token.text:
            return None
        if token.text in DATELINE_DASHES:
            span = doc[: token.i]
            opening = span[0] if len(span) else None
            if opening is None or not (opening.is_upper and len(opening) > 1 and opening.is_alpha):
                return None
            return span if all(t.pos_ in ("PROPN", "NUM") or t.is_punct for t in span) else None
    return None


def _add_place(table: ActorTable, ent: Span, gazetteer: Gazetteer, code: str) -> None:
    """A country, a region ('AFR') or a territory of a state ('PSEGZA', whose country is PSE) as an actor,
    unless the text names only where something is."""
    if _names_a_body(ent, gazetteer) or _names_a_war(ent) or _names_a_currency(ent):
        return  # no actor: the text names a body, a war or a currency after the place, not the country
    code = "USA" if _a_us_state(ent) else code
    if ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE:
        table.places.update(t.i for t in ent)  # 'talks in Moscow': where, not who
    if code in gazetteer.countries:
        table.add(
            f"country:{code}",
            _group_span(ent),
            as_sector=_group_sector(ent, gazetteer),
            name=gazetteer.country_name(code),
            kind="country",
            country=code,
            sector=None,
            code=code,
        )
    else:
        table.add(
            f"region:{code}",
            _group_span(ent),
            as_sector=_group_sector(ent, gazetteer),
            name=gazetteer.region_names.get(code, ent.text.removeprefix("the ")),
            kind="region",
            country=code[:3] if len(code) == 6 else code,
            sector=None,
            code=code,
        )


def _names_a_body(ent: Span, gazetteer: Gazetteer) -> bool:
    """A capital in the name of what is no office of its country: 'the Paris Club', 'the Oslo Accords'.
    Such a name says where the thing was made or sits, not that the country acts ('the Moscow Mayor', an
    office, keeps its city's country)."""
    name = ent.root.head
    return (
        ent.root.dep_ == "compound"
        and name.i > ent.root.i
        and name.pos_ == "PROPN"
        and name.is_title
        and name.ent_type_ not in ("GPE", "NORP")
        and gazetteer.role_sector(name.lemma_) is None
        and ent.text.lower() in gazetteer.capitals
    )


def _names_a_war(ent: Span) -> bool:
    """A place in the name of a war ('the Iraq War', 'the Iran-Iraq war') says where it was fought, not that
    the country acts or is acted on: to oppose the Iraq War is no protest against Iraq."""
    word = ent.root
    while word.dep_ == "compound" and word.head.i > word.i:
        word = word.head
    return word is not ent.root and word.lemma_.lower() == "war"


def _names_a_currency(ent: Span) -> bool:
    """A country in the name of its currency ('U.S. dollars', 'Japanese yen'): money, not a party."""
    word = ent.root
    return word.dep_ in ("compound", "amod", "nmod") and word.head.i > word.i and word.head.lower_ in currency_names()


def _a_us_state(ent: Span) -> bool:
    """Georgia the US state, where the text says so: 'the state of Georgia', 'Georgia state', 'the US state
    of Georgia', 'Atlanta, Georgia'. Otherwise the country (a state's name is rarer in world news)."""
    if ent.text.lower() not in US_STATES_NAMED_LIKE_COUNTRIES:
        return False
    doc = ent.doc
    before = [t.lower_ for t in doc[max(ent.start - 2, 0) : ent.start]]
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    city = doc[ent.start - 2] if ent.start >= 2 and before[-1:] == [","] else None
    return before == ["state", "of"] or after == "state" or (city is not None and city.ent_id_ == "USA")


def _group_span(ent: Span) -> Span:
    """'Russian' in 'Russian officials' mentions the group: extend the span to the group noun."""
    head = ent.root.head
    if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound") and head.lemma_.lower() in GROUP_NOUNS:
        start = min(ent.start, head.i)
        end = max(ent.end, head.i + 1)
        return ent.doc[start:end]
    return ent


def _group_sector(ent: Span, gazetteer: Gazetteer) -> str | None:
    """The sector a place mention stands for: its government where it is a capital that acts ('Moscow said',
    'demanded by Washington', 'Beijing's decision'), else the group noun it qualifies ('Russian officials',
    'authorities in Bamako')."""
    if gazetteer.capitals.get(ent.text.lower()) == ent.ent_id_ and _acts(ent):
        return "GOV"
    head = ent.root.head
    if ent.root.dep_ in ("amod", "compound", "pobj") and head.pos_ == "ADP":
        head = head.head  # 'authorities in Bamako'
    if head.i != ent.root.i and head.pos_ in ("NOUN", "PROPN"):
        return gazetteer.role_sector(head.lemma_)
    return None


def _acts(ent: Span) -> bool:
    """A mention as a subject, an agent ('by Moscow') or an owner ('Moscow's decision'), not a place."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass", "poss") or (root.dep_ == "pobj" and root.head.dep_ == "agent")


def home_country(table: ActorTable) -> str | None:
    """The country an article is about, where one stands out: its places, people and bodies mentioned at least
    `HOME_MENTIONS` times and `HOME_MARGIN` times as often as any other country's or international organisation's
    (the dateline counts as a mention). News names a foreigner's country ('Australian Prime Minister Malcolm
    Turnbull') and leaves its own people's unsaid: in a story about a US campaign, 'Senator X' or 'the Senate' is
    American; in a story about the UN, 'the General Assembly' is no member state's."""
    mentions: Counter[str] = Counter()
    for actor in table.actors:
        if owner := actor.country or (actor.code if actor.code.startswith(IGO) else None):
            mentions[owner] += len(actor.mentions)
    if table.filed_from is not None:
        mentions[table.filed_from.country] += 1
    (home, most), (_, next_most) = (mentions.most_common(2) + [("", 0), ("", 0)])[:2]
    stands_out = most >= HOME_MENTIONS and most >= HOME_MARGIN * next_most
    return home if stands_out and not home.startswith(IGO) else None


def _place_at_home(doc: Doc, table: ActorTable, unplaced: list[Span], home: str, gazetteer: Gazetteer) -> None:
    """The people the text leaves unplaced but gives a title ('Senator X'), and its government bodies no dictionary
    places, as `home`'s. A bare name is as likely a foreigner the story assumes known (a wire's 'Stoltenberg'), a
    person the dictionaries give an organisation of no state (the UN's Secretary-General) keeps it, and one who
    comes to the home country ('arrived in Switzerland') is its guest."""
    for actor in table.actors:
        if actor.kind not in ("person", "organization") or actor.country is not None or not actor.sector:
            continue
        if actor.code == actor.sector and not _visits(doc, table, actor, home):
            actor.country, actor.code = home, home + actor.sector
    for body in unplaced:
        if not any(t.i in table.by_token for t in body) and (sector := gazetteer.role_sector(body.text)):
            _add_organisation(table, body, home, sector)


def _add_organisation(table: ActorTable, ent: Span, country: str, sector: str | None) -> None:
    table.add(
        f"org:{ent.text}",
        ent,
        name=ent.text,
        kind="organization",
        country=country,
        sector=sector,
        code=country + (sector or ""),
    )


def _visits(doc: Doc, table: ActorTable, actor: Actor, country: str) -> bool:
    """Whether a mention of `actor` is the subject of a journey to `country` ('visited Geneva', 'left for Paris'),
    by the clause frames: an arrival's object or oblique, a departure's 'for' or 'to'."""
    clauses = clauses_of(doc)
    for mention in actor.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or (frame := clauses.of(span.root)).subject != span.root.i:
            continue
        verb = doc[frame.predicate].lemma_
        if verb in ARRIVALS:
            ends = frame.objects + frame.obliques
        elif verb in DEPARTURES:
            ends = tuple(o for o in frame.obliques if doc[o].head.lower_ in ("for", "to"))
        else:
            continue
        if any((place := table.get(table.by_token.get(end))) is not None and place.country == country for end in ends):
            return True
    return False


def _add_person_or_org(
    table: ActorTable,
    ent: Span,
    gazetteer: Gazetteer,
    *,
    date: str | None,
    named: Mapping[str, set[str]],
) -> Span | None:
    """`ent` (its name only) as a person or an organisation, placed by its title or the dictionaries; a person
    known by one word that the dictionaries alone place only where the text names their country or another
    actor of it (`named`). An organisation nothing places is returned, not added (its article's home country
    may place it)."""
    if any(t.i in table.by_token for t in ent):
        return None
    name = ent.text
    role, role_sector, role_country = _role(ent, gazetteer)
    person = ent.label_ == "PERSON" or gazetteer.is_person(name)  # 'Trump said' tagged ORG is still Trump
    code = gazetteer.code_on(name, date, surname=person) or (
        gazetteer.code_on(f"{role} {name}", date, surname=person) if role else None
    )
    if not person and code is None:
        code = _parent_code(ent, gazetteer, date)
    if not person and code is None:
        country = _country_in(ent) or None
        if country is None:
            return ent  # unplaced, it adds noise, not information: only its article's home country may place it
        _add_organisation(table, ent, country, gazetteer.role_sector(ent.text))
        return None
    if code and len(code) >= 3 and code[:3] in gazetteer.countries and not person and len(code) <= 6:
        # an institution standing for its state ('the Kremlin'): a mention of the country
        table.add(
            f"country:{code[:3]}",
            ent,
            as_sector=code[3:6] or None,
            name=gazetteer.country_name(code[:3]),
            kind="country",
            country=code[:3],
            sector=None,
            code=code[:3],
        )
        return None
    if person and " " not in name and code and code[:3] in gazetteer.countries and not _agrees(name, code, role, named):
        code = None  # 'Rasmussen' in a story that never names a Dane: not the Danish prime minister
    if code and code[:3] not in gazetteer.countries and not role_country:  # of no state (IGOUNO): its own code
        country, sector = None, code[3:6] if len(code) >= 6 else role_sector
    else:  # the text's title overrides the dictionary ('Indonesian Energy Minister Subroto', not OPEC's)
        country = role_country or (code[:3] if code else None)
        sector = role_sector or (code[3:6] if code and len(code) >= 6 else None)
        if role_country or role_sector or not code:
            code = (country or "") + (sector or "")
    kind = "person" if person else "organization"  # not 'the Senate'
    table.add(
        f"person:{name}",
        ent,
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        code=code,
        role=role,
    )
    return None


def _parent_code(ent: Span, gazetteer: Gazetteer, date: str | None) -> str | None:
    """The code of an international or non-governmental organisation whose name begins the entity's: the
    entity is an organ of it the dictionaries do not list ('the United Nations Security Council', 'the
    International Atomic Energy Agency Board'). Companies are left out: their dictionary names are often
    common words ('Shell', 'Time'), and a state's name at the start places an organisation by its country
    instead (`_country_in`). A foundation, association or society named after an organisation is a body of
    its own that supports it ('the United Nations Association')."""
    if ent[-1].lower_ in SUPPORTING_BODIES:
        return None
    for end in range(ent.end - 1, ent.start, -1):
        parent = ent.doc[ent.start : end].text
        code = gazetteer.code_on(parent, date, surname=False)
        if code and not gazetteer.is_person(parent):
            return code if code.startswith(ORGANISATIONS) else None
    return None


def _agrees(name: str, code: str, role: str | None, named: Mapping[str, set[str]]) -> bool:
    """Whether the text agrees with the country the dictionaries give a one-word name: a title or role with it,
    or the country or another of its actors named in the story."""
    return bool(role or named.get(code[:3], set()) - {name})


def _countries_named(doc: Doc, names: list[Span], gazetteer: Gazetteer, date: str | None) -> dict[str, set[str]]:
    """Each country the text names, with the words naming it: its places and demonyms ('' for them) and the
    people and organisations the dictionaries give it."""
    named: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        if len(ent.ent_id_) == 3:
            named[ent.ent_id_].add("")
    for name in names:
        code = gazetteer.code_on(name.text, date, surname=name.label_ == "PERSON")
        if code:
            named[code[:3]].add(name.text)
    return named


def _name_only(ent: Span, gazetteer: Gazetteer) -> Span:
    """The name in an entity: without a possessive ("Osama bin Laden's"), an article or, for a person, a title before it
    ('Queen Halvora Stenqvist', 'President Obama': the title is a role, read by `_role`)."""
    start, end = ent.start, ent.end
    if end - start > 1 and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    if end - start > 1 and ent.doc[start].lower_ == "the":  # 'The Federal Reserve'
        start += 1
    while ent.label_ == "PERSON" and end - start > 1:
        if not gazetteer.is_title(ent.doc[start].text):
            break
        start += 1
    return Span(ent.doc, start, end, label=ent.label)


def _role(ent: Span, gazetteer: Gazetteer) -> tuple[str | None, str | None, str | None]:
    """Role words before a name or in its apposition: ('Foreign Minister', 'GOV', country or None)."""
    doc = ent.doc
    start = ent.start
    while (
        start > ent.sent.start
        and start - 1 <= doc[start - 1].head.i < ent.end
        and doc[start - 1].dep_ in ("compound", "amod", "nmod", "poss")
        and not doc[start - 1].is_punct
    ):
        start -= 1
    words = list(doc[start : ent.start])
    for child in ent.root.children:
        if child.dep_ == "appos":
            words.extend(t for t in child.subtree if t.dep_ != "det" and not t.is_punct)
    country = next(
        (t.ent_id_ for t in words if len(t.ent_id_) == 3 and t.ent_id_ in gazetteer.countries and not _accredited(t)),
        None,
    )
    role_words = [
        t
        for t in words
        if not t.is_space and not t.ent_id_ and t.ent_type_ not in ("PERSON",) and not any(map(_accredited, t.children))
    ]
    role = " ".join(t.text for t in role_words) or None
    sector = gazetteer.role_sector(" ".join(t.lemma_ for t in role_words)) if role_words else None
    if sector is None and role_words:
        sector = gazetteer.role_sector(role or "")
    return role, sector, country


def _accredited(place: Token) -> bool:
    """'the special envoy to Ukraine', 'ambassador for Syria': the place is where the role is sent, not whose it is."""
    return place.dep_ == "pobj" and place.head.lower_ in SENT_TO


def _country_in(ent: Span) -> str | None:
    return next((t.ent_id_ for t in ent if len(t.ent_id_) == 3), None)
