"""Mentions to actors: countries, regions, people with roles, media and organisations, one actor each.

Every entity the pipeline found is resolved against the gazetteer; people get their role and
sector from the words before their name ("Foreign Minister Sergey Lavrov") or the dictionary of
known people, and a surname alone links to the full name seen elsewhere in the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Mention
from .gazetteer import Gazetteer

GROUP_NOUNS = frozenset(
    "official authority government country state nation leader power ministry minister "
    "force troop army military diplomat regime administration".split()
)
SPOKESPERSON = frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary", "spokespeople"})
STATE_NOUNS = frozenset({"power", "country", "nation", "state", "government", "regime", "kingdom", "republic"})
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})


@dataclass
class ActorTable:
    """The actors of one document and which tokens mention them (token index -> actor id)."""

    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)
    sector_at: dict[int, str] = field(default_factory=dict)  # a mention's own sector ('Kremlin' -> GOV)
    by_key: dict[str, Actor] = field(default_factory=dict)
    by_id: dict[str, Actor] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None  # the dictionaries the table was resolved with

    def noun_sector(self, token: Token) -> str | None:
        """The sector a group noun names ('authorities' -> GOV), by the table's dictionaries."""
        return self.gazetteer.role_sector(token.lemma_) if self.gazetteer else None

    def get(self, actor_id: str | None) -> Actor | None:
        return self.by_id.get(actor_id) if actor_id else None

    def add(self, key: str, span: Span, *, as_sector: str | None = None, **fields: object) -> Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(id=f"a{len(self.actors) + 1}", mentions=[], **fields)
            self.actors.append(actor)
            self.by_key[key] = actor
            self.by_id[actor.id] = actor
        if not any(m.start == span.start_char for m in actor.mentions):
            actor.mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text))
        for token in span:
            self.by_token[token.i] = actor.id
            if as_sector:
                self.sector_at[token.i] = as_sector
        return actor

    def persons(self) -> list[Actor]:
        return [a for a in self.actors if a.kind == "person"]


def resolve_actors(doc: Doc, gazetteer: Gazetteer, *, date: str | None) -> ActorTable:
    """Resolve every entity of `doc` to an actor; mentions carry offsets into `doc.text`."""
    table = ActorTable(gazetteer=gazetteer)
    main_country = _main_country(doc)
    people: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "NORP", "FAC") and ent.ent_id_:
            _add_place(table, ent, gazetteer)
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
        elif ent.label_ in ("PERSON", "ORG"):
            people.append(ent)
    full_names = [e for e in people if e.label_ == "PERSON" and len(e) > 1]
    for ent in sorted(people, key=lambda e: -len(e)):  # full names first, so surnames can link to them
        _add_person_or_org(table, ent, gazetteer, date=date, main_country=main_country, full_names=full_names)
    _link_role_anaphora(doc, table)
    _link_definite_states(doc, table)
    order = sorted(table.actors, key=lambda a: a.mentions[0].start)
    renumber = {actor.id: f"a{number}" for number, actor in enumerate(order, start=1)}
    for actor in order:
        actor.id = renumber[actor.id]
        actor.mentions.sort(key=lambda m: m.start)
    table.actors = order
    table.by_id = {actor.id: actor for actor in order}
    table.by_token = {i: renumber[v] for i, v in table.by_token.items()}
    return table


def _main_country(doc: Doc) -> str | None:
    counts = Counter(e.ent_id_ for e in doc.ents if e.label_ in ("GPE", "NORP") and len(e.ent_id_) == 3)
    return counts.most_common(1)[0][0] if counts else None


def _add_place(table: ActorTable, ent: Span, gazetteer: Gazetteer) -> None:
    code = ent.ent_id_
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
            name=gazetteer.region_names.get(code, ent.text),
            kind="region",
            country=code,
            sector=None,
            code=code,
        )


def _group_span(ent: Span) -> Span:
    """'Russian' in 'Russian officials' mentions the group: extend the span to the group noun."""
    head = ent.root.head
    if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound") and head.lemma_.lower() in GROUP_NOUNS:
        start = min(ent.start, head.i)
        end = max(ent.end, head.i + 1)
        return ent.doc[start:end]
    return ent


def _group_sector(ent: Span, gazetteer: Gazetteer) -> str | None:
    head = ent.root.head
    if ent.root.dep_ in ("amod", "compound", "pobj") and head.pos_ == "ADP":
        head = head.head  # 'authorities in Bamako'
    if head.i != ent.root.i and head.pos_ in ("NOUN", "PROPN"):
        return gazetteer.role_sector(head.lemma_)
    return None


def _add_person_or_org(
    table: ActorTable,
    ent: Span,
    gazetteer: Gazetteer,
    *,
    date: str | None,
    main_country: str | None,
    full_names: list[Span],
) -> None:
    if any(t.i in table.by_token for t in ent):
        return
    name = ent.text
    if len(ent) == 1:  # a surname alone: the full name seen elsewhere in the article
        full = next((f for f in full_names if f[-1].text == ent.text and f.start != ent.start), None)
        if full is not None:
            name = full.text
            if f"person:{name}" in table.by_key:
                table.add(f"person:{name}", ent)
                return
    code = gazetteer.code_on(name, date)
    role, role_sector, role_country = _role(ent, gazetteer)
    if ent.label_ == "ORG" and code is None:
        country = _country_in(ent) or None
        if country is None:
            return  # an organisation we cannot place adds noise, not information
        sector = gazetteer.role_sector(ent.text) or None
        table.add(
            f"org:{name}",
            ent,
            name=name,
            kind="organization",
            country=country,
            sector=sector,
            code=country + (sector or ""),
        )
        return
    if code and len(code) >= 3 and code[:3] in gazetteer.countries and ent.label_ == "ORG" and len(code) <= 6:
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
        return
    if code:
        country = code[:3] if code[:3] in gazetteer.countries else None
        sector = code[3:6] if len(code) >= 6 else role_sector
    else:
        country = role_country or main_country or _nearest_country(ent, table)
        sector = role_sector
    stateless = ent.label_ == "ORG" and code is not None and country is None  # the UN (IGOUNO), Amnesty (NGO...)
    kind = "person" if ent.label_ == "PERSON" or code and len(ent) <= 3 and not stateless else "organization"
    table.add(
        f"person:{name}",
        ent,
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        code=code or (country or "") + (sector or ""),
        role=role,
    )


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
    country = next((t.ent_id_ for t in words if len(t.ent_id_) == 3 and t.ent_id_ in gazetteer.countries), None)
    role_words = [t for t in words if not t.ent_id_ and t.ent_type_ not in ("PERSON",)]
    role = " ".join(t.text for t in role_words) or None
    sector = gazetteer.role_sector(" ".join(t.lemma_ for t in role_words)) if role_words else None
    if sector is None and role_words:
        sector = gazetteer.role_sector(role or "")
    return role, sector, country


def _country_in(ent: Span) -> str | None:
    return next((t.ent_id_ for t in ent if len(t.ent_id_) == 3), None)


def _nearest_country(ent: Span, table: ActorTable) -> str | None:
    """The country of the closest country mention in the same sentence."""
    best: tuple[int, str] | None = None
    for token in ent.sent:
        actor = table.get(table.by_token.get(token.i))
        if actor is not None and actor.kind == "country" and actor.country:
            distance = abs(token.i - ent.root.i)
            if best is None or distance < best[0]:
                best = (distance, actor.country)
    return best[1] if best else None


def _link_role_anaphora(doc: Doc, table: ActorTable) -> None:
    """'the Kremlin spokesman' with no name: the person named earlier with that kind of role."""
    for token in doc:
        if token.i in table.by_token:
            continue
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        candidates = [a for a in table.persons() if a.role and _same_role(token, a.role)]
        before = [a for a in candidates if a.mentions[0].start < token.idx]
        if before:
            span = doc[min(t.i for t in token.subtree if t.i <= token.i) : token.i + 1]
            table.add(f"person:{before[-1].name}", span)


def _same_role(token: Token, role: str) -> bool:
    words = set(role.lower().split())
    noun = token.lower_
    return noun in words or (noun in SPOKESPERSON and bool(words & SPOKESPERSON))


def _link_definite_states(doc: Doc, table: ActorTable) -> None:
    """'the former colonial power' as a participant: the nearest country named before it, leaving out
    the countries in the subject of its own clause (a state does not accuse itself)."""
    for token in doc:
        if (
            token.i in table.by_token
            or token.lemma_.lower() not in STATE_NOUNS
            or token.dep_ not in ARGUMENTS
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        ):
            continue
        excluded = {table.by_token.get(t.i) for t in _clause_subject(token)}
        for i in range(token.i - 1, -1, -1):
            actor = table.get(table.by_token.get(i))
            if actor is not None and actor.kind == "country" and actor.id not in excluded:
                span = doc[min(t.i for t in token.subtree) : token.i + 1]
                table.add(f"country:{actor.country}", span)
                break


def _clause_subject(token: Token) -> list[Token]:
    """The tokens of the subject of the clause `token` sits in, following open clauses up ('accusing' -> 'severed')."""
    current = token
    while current.head.i != current.i:
        current = current.head
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i != token.i:
            return list(subject.subtree)
    return []
