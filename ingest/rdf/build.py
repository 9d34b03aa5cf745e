"""Extraction → the triples of one article's named graph (see ``builder`` for the identity
scopes and the plumbing).

Facts emitted, each ``prov:wasDerivedFrom`` its evidence: persons (one evidence per mention),
holdings of posts (with the post, its body, the jurisdiction, status, since/until, and the
dates the article attests them), bodies with their "part of" links, directives, events and
participations.
"""
from __future__ import annotations

import hashlib

from rdflib.namespace import FOAF as _FOAF
from rdflib.namespace import TIME as _TIME

from ingest.rdf.builder import (ELI, KG, ORG, RDF, RDFS, SDO, Builder, Spelled, Term, Text, date_literal, integer,
                                iri, province_of, raw, text)
from kg import ids
from kg.graph import ArticleGraph, EncodedGraph, decode
from kg.model import Extraction, Person, Position, Role
from kg.text.normalize import canonical, fold, key

FOAF, TIME = Spelled(_FOAF), Spelled(_TIME)


def build(extraction: Extraction) -> ArticleGraph:
    """The named graph of one article, as rdflib terms: article, sentences, evidence and
    every fact (the triples of :func:`encoded`, in the same order)."""
    return decode(encoded(extraction))


def encoded(extraction: Extraction) -> EncodedGraph:
    """The named graph of one article as N-Quads, its content hash (kg.graph.digest of its
    triples but the marker) last: what the store writes and workers send back."""
    b = Builder(extraction)
    article = b.article()
    _note_bodies(b)
    persons = {key(p.name): _person(b, p) for p in extraction.persons}
    directives = _directives(b)
    _holdings(b, persons)
    _events(b, persons, directives)
    b.emit_bodies()
    body = list(dict.fromkeys(b.triples))
    marker = _digest(body)
    body.append((article, KG.contentHash, text(marker)))
    graph = ids.graph_iri(extraction.article.id)
    tail = f" <{graph}> .\n"
    nquads = "".join([f"{s} {p} {o}{tail}" for s, p, o in body]).encode("utf-8")
    return EncodedGraph(extraction.article.id, graph, marker, nquads, b.counts, tuple(b.warnings))


def _digest(triples: list[tuple[Term, Term, Term]]) -> str:
    """kg.graph.digest of the same triples as rdflib terms (SHA-256 of the sorted, distinct
    N-Triples lines in rdflib's ``n3()`` spelling), from the spelled terms: only a literal with a
    line break is spelled otherwise by ``n3()`` (tests/rdf/test_build.py)."""
    lines = sorted({f"{s} {p} {o.n3 if o.__class__ is Text else o} ." for s, p, o in triples})   # type: ignore[attr-defined]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


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


def _person(b: Builder, person: Person, scope: str | None = None) -> Term:
    scope = _person_scope(person) if scope is None else scope
    node = iri(ids.person_iri(person.name, scope))
    b.count("persons")
    b.add(node, RDF.type, KG.Person)
    b.add(node, FOAF.name, text(canonical(person.name)))
    b.add(node, KG.nameKey, text(key(person.name)))
    b.add(node, KG.foldedName, text(fold(person.name)))
    b.add(node, KG.scope, text(scope))
    for ev in person.mentions or tuple(p.evidence for p in person.positions):
        b.derived(node, ev)
    return node


def _attested(b: Builder, person: Person) -> list[Term]:
    """Dates the article shows the person in their posts: the publication date, else the
    dates of the reported events the person took part in."""
    published = date_literal(b.x.article.date)
    if published is not None:
        return [published]
    k = key(person.name)
    dates = {e.date for e in b.x.events if e.date and any(key(p.name) == k for p in e.participants)}
    return [lit for lit in (date_literal(d) for d in sorted(dates)) if lit is not None]


def _holdings(b: Builder, persons: dict[str, Term]) -> None:
    for person in b.x.persons:
        member = persons[key(person.name)]
        attested = _attested(b, person)
        for pos in person.positions:
            body = b.body(pos.body) if pos.body else None
            post = iri(ids.post_iri(pos.title, raw(body) if body else None))
            b.add(post, RDF.type, KG.Post)
            b.add(post, KG.title, text(canonical(pos.title)))
            b.add(post, RDFS.label, text(post_label(pos)))
            b.add(post, ORG.postIn, body)
            holding = iri(ids.holding_iri(raw(member), raw(post)))
            b.count("holdings")
            b.add(holding, RDF.type, KG.Holding)
            b.add(holding, ORG.member, member)
            b.add(holding, KG.post, post)
            b.add(holding, ORG.organization, body)
            b.add(holding, KG.jurisdiction, b.place(pos.place))
            b.add(holding, KG.status, KG[pos.status.value])
            b.add(holding, KG.positionText, text(pos.text))
            for lit in attested:
                b.add(holding, KG.attestedOn, lit)
            _interval(b, holding, pos)
            b.derived(holding, pos.evidence)


def _interval(b: Builder, holding: Term, pos: Position) -> None:
    since = b.date(pos.since, f"start of {pos.text}")
    until = b.date(pos.until, f"end of {pos.text}")
    if since is None and until is None:
        return
    interval = iri(ids.interval_iri(raw(holding), pos.since, pos.until))
    b.add(holding, ORG.memberDuring, interval)
    b.add(interval, RDF.type, TIME.Interval)
    for prop, lit, value in ((TIME.hasBeginning, since, pos.since), (TIME.hasEnd, until, pos.until)):
        if lit is not None and value is not None:   # a date literal's lexical form is the value itself
            instant = iri(ids.instant_iri(value))
            b.add(interval, prop, instant)
            b.add(instant, RDF.type, TIME.Instant)
            b.add(instant, TIME.inXSDDate, lit)


def _directives(b: Builder) -> dict[str, Term]:
    out: dict[str, Term] = {}
    for d in b.x.directives:
        issuer = b.body(d.issuer) if d.issuer else None
        node = iri(ids.directive_iri(d.number, raw(issuer) if issuer else b.default_scope()))
        out.setdefault(key(d.number), node)
        b.count("directives")
        b.add(node, RDF.type, KG.Directive)
        b.add(node, RDFS.label, text(canonical(f"{d.kind} {d.number}")))
        b.add(node, ELI.id_local, text(d.number))
        b.add(node, KG.foldedName, text(fold(d.number)))
        b.add(node, KG.documentKind, text(canonical(d.kind)))
        b.add(node, ELI.date_document, b.date(d.date, f"date of {d.number}"))
        b.add(node, ELI.passed_by, issuer)
        if d.issuer:
            b.add(node, KG.issuerText, text(d.issuer))
        if d.subject:
            b.add(node, KG.subject, text(d.subject))
        b.derived(node, d.evidence)
    return out


def _events(b: Builder, persons: dict[str, Term], directives: dict[str, Term]) -> None:
    for index, e in enumerate(b.x.events):
        node = iri(ids.event_iri(b.x.article.id, index))
        b.count("events")
        b.add(node, RDF.type, KG.Event)
        b.add(node, SDO.name, text(e.name))
        b.add(node, KG.foldedName, text(fold(e.name)))
        b.add(node, KG.eventDate, b.date(e.date, f"date of {e.name}"))
        if e.kind:
            b.add(node, KG.eventKind, text(e.kind))
        for name in e.bodies:
            b.add(node, KG.involves, b.find_body(name))
        for number in e.directives:
            b.add(node, KG.about, directives.get(key(number)))
        b.derived(node, e.evidence)
        for p in e.participants:
            person = persons.get(key(p.name))
            if person is None:   # named only as a participant: a scope-less person
                person = persons[key(p.name)] = _person(b, Person(p.name, key(p.name), (), (p.evidence,)), "")
            part = iri(ids.participation_iri(raw(node), raw(person), p.role.value))
            b.count("participations")
            b.add(node, KG.participation, part)
            b.add(part, RDF.type, KG.Participation)
            b.add(part, KG.participant, person)
            b.add(part, KG.role, KG[p.role.value])
            if p.led and p.role is Role.led:
                b.add(part, KG.ledText, text(p.led))
                b.add(part, KG.foldedName, text(fold(p.led)))
                b.add(part, KG.ledWhat, b.find_body(p.led))
            b.derived(part, p.evidence)
