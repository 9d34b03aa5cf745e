"""Extraction → the triples of one article's named graph (see ``builder`` for the identity
scopes and the plumbing).

Facts emitted, each ``prov:wasDerivedFrom`` its evidence: persons (one evidence per mention),
holdings of posts (with the post, its body, the jurisdiction, status, since/until, and the
dates the article attests them), bodies with their "part of" links, directives, events and
participations.
"""
from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import FOAF, ORG, SDO, TIME

from ingest.rdf.builder import Builder, date_literal, province_of
from kg import ids
from kg.graph import ArticleGraph, digest
from kg.model import Extraction, Person, Position, Role
from kg.text.normalize import canonical, fold, key
from kg.vocab import ELI, KG


def build(extraction: Extraction) -> ArticleGraph:
    """The named graph of one article: article, sentences, evidence and every fact."""
    b = Builder(extraction)
    article = b.article()
    _note_bodies(b)
    persons = {key(p.name): _person(b, p) for p in extraction.persons}
    directives = _directives(b)
    _holdings(b, persons)
    _events(b, persons, directives)
    b.emit_bodies()
    body = list(dict.fromkeys(b.triples))
    marker = digest(body)
    body.append((article, KG.contentHash, Literal(marker)))
    return ArticleGraph(article_id=extraction.article.id, graph=ids.graph_iri(extraction.article.id),
                        triples=tuple(body), digest=marker, counts=b.counts, warnings=tuple(b.warnings))


def post_label(position: Position) -> str:
    """The post's label: its title and, when known, its body ("Phó Chủ tịch Ủy ban nhân dân tỉnh")."""
    return canonical(f"{position.title} {position.body}" if position.body else position.title)


def _note_bodies(b: Builder) -> None:
    """Collect every body the article names, merging what its mentions say, before any IRI is
    minted: a body's scope depends on its parent and place, wherever those are stated."""
    for org in b.x.organizations:
        b.note_body(org.name, org.evidence, org.kind, org.place, org.parent)
    for person in b.x.persons:
        for pos in person.positions:
            if pos.body:
                b.note_body(pos.body, pos.evidence, pos.body_kind, pos.place)
    for d in b.x.directives:
        if d.issuer:
            b.note_body(d.issuer, d.evidence)


def _person_scope(person: Person) -> str:
    provinces = {code for code in (province_of(p.place) for p in person.positions) if code}
    return provinces.pop() if len(provinces) == 1 else ""


def _person(b: Builder, person: Person, scope: str | None = None) -> URIRef:
    scope = _person_scope(person) if scope is None else scope
    node = URIRef(ids.person_iri(person.name, scope))
    b.count("persons")
    b.add(node, RDF.type, KG.Person)
    b.add(node, FOAF.name, Literal(canonical(person.name)))
    b.add(node, KG.nameKey, Literal(key(person.name)))
    b.add(node, KG.foldedName, Literal(fold(person.name)))
    b.add(node, KG.scope, Literal(scope))
    for ev in person.mentions or tuple(p.evidence for p in person.positions):
        b.derived(node, ev)
    return node


def _attested(b: Builder, person: Person) -> list[Literal]:
    """Dates the article shows the person in their posts: the publication date, else the
    dates of the reported events the person took part in."""
    published = date_literal(b.x.article.date)
    if published is not None:
        return [published]
    k = key(person.name)
    dates = {e.date for e in b.x.events if e.date and any(key(p.name) == k for p in e.participants)}
    return [lit for lit in (date_literal(d) for d in sorted(dates)) if lit is not None]


def _holdings(b: Builder, persons: dict[str, URIRef]) -> None:
    for person in b.x.persons:
        member = persons[key(person.name)]
        attested = _attested(b, person)
        for pos in person.positions:
            body = b.body(pos.body) if pos.body else None
            post = URIRef(ids.post_iri(pos.title, body))
            b.add(post, RDF.type, KG.Post)
            b.add(post, KG.title, Literal(canonical(pos.title)))
            b.add(post, RDFS.label, Literal(post_label(pos)))
            b.add(post, ORG.postIn, body)
            holding = URIRef(ids.holding_iri(member, post))
            b.count("holdings")
            b.add(holding, RDF.type, KG.Holding)
            b.add(holding, ORG.member, member)
            b.add(holding, KG.post, post)
            b.add(holding, ORG.organization, body)
            b.add(holding, KG.jurisdiction, b.place(pos.place))
            b.add(holding, KG.status, KG[pos.status.value])
            b.add(holding, KG.positionText, Literal(pos.text))
            for lit in attested:
                b.add(holding, KG.attestedOn, lit)
            _interval(b, holding, pos)
            b.derived(holding, pos.evidence)


def _interval(b: Builder, holding: URIRef, pos: Position) -> None:
    since = b.date(pos.since, f"start of {pos.text}")
    until = b.date(pos.until, f"end of {pos.text}")
    if since is None and until is None:
        return
    interval = URIRef(ids.interval_iri(holding, pos.since, pos.until))
    b.add(holding, ORG.memberDuring, interval)
    b.add(interval, RDF.type, TIME.Interval)
    for prop, lit in ((TIME.hasBeginning, since), (TIME.hasEnd, until)):
        if lit is not None:
            instant = URIRef(ids.instant_iri(str(lit)))
            b.add(interval, prop, instant)
            b.add(instant, RDF.type, TIME.Instant)
            b.add(instant, TIME.inXSDDate, lit)


def _directives(b: Builder) -> dict[str, URIRef]:
    out: dict[str, URIRef] = {}
    for d in b.x.directives:
        issuer = b.body(d.issuer) if d.issuer else None
        node = URIRef(ids.directive_iri(d.number, str(issuer) if issuer else b.default_scope()))
        out.setdefault(key(d.number), node)
        b.count("directives")
        b.add(node, RDF.type, KG.Directive)
        b.add(node, RDFS.label, Literal(canonical(f"{d.kind} {d.number}")))
        b.add(node, ELI.id_local, Literal(d.number))
        b.add(node, KG.foldedName, Literal(fold(d.number)))
        b.add(node, KG.documentKind, Literal(canonical(d.kind)))
        b.add(node, ELI.date_document, b.date(d.date, f"date of {d.number}"))
        b.add(node, ELI.passed_by, issuer)
        if d.issuer:
            b.add(node, KG.issuerText, Literal(d.issuer))
        if d.subject:
            b.add(node, KG.subject, Literal(d.subject))
        b.derived(node, d.evidence)
    return out


def _events(b: Builder, persons: dict[str, URIRef], directives: dict[str, URIRef]) -> None:
    for index, e in enumerate(b.x.events):
        node = URIRef(ids.event_iri(b.x.article.id, index))
        b.count("events")
        b.add(node, RDF.type, KG.Event)
        b.add(node, SDO.name, Literal(e.name))
        b.add(node, KG.foldedName, Literal(fold(e.name)))
        b.add(node, KG.eventDate, b.date(e.date, f"date of {e.name}"))
        if e.kind:
            b.add(node, KG.eventKind, Literal(e.kind))
        for name in e.bodies:
            b.add(node, KG.involves, b.find_body(name))
        for number in e.directives:
            b.add(node, KG.about, directives.get(key(number)))
        b.derived(node, e.evidence)
        for p in e.participants:
            person = persons.get(key(p.name))
            if person is None:   # named only as a participant: a scope-less person
                person = persons[key(p.name)] = _person(b, Person(p.name, key(p.name), (), (p.evidence,)), "")
            part = URIRef(ids.participation_iri(str(node), str(person), p.role.value))
            b.count("participations")
            b.add(node, KG.participation, part)
            b.add(part, RDF.type, KG.Participation)
            b.add(part, KG.participant, person)
            b.add(part, KG.role, KG[p.role.value])
            if p.led and p.role is Role.led:
                b.add(part, KG.ledText, Literal(p.led))
                b.add(part, KG.foldedName, Literal(fold(p.led)))
                b.add(part, KG.ledWhat, b.find_body(p.led))
            b.derived(part, p.evidence)
