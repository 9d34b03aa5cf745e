"""Extraction → triples: the seed's facts, field by field, and SHACL validation."""
from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, SDO, XSD

from ingest.rdf.build import build
from ingest.rdf.validate import validate, validate_triples
from kg import ids
from kg.model import Extraction
from kg.vocab import ELI, KG
from tests.fixtures.seed import seed_extraction as make_seed


@pytest.fixture
def g(seed_extraction: Extraction) -> Graph:
    graph = Graph()
    for t in build(seed_extraction).triples:
        graph.add(t)
    return graph


def _one(g: Graph, s: object = None, p: object = None, o: object = None) -> object:
    found = list(g.triples((s, p, o)))
    assert len(found) == 1, found
    return found[0]


def _person(g: Graph, name: str) -> URIRef:
    return _one(g, None, FOAF.name, Literal(name))[0]


def _label(g: Graph, node: object) -> str:
    return str(g.value(node, RDFS.label))


def test_holdings_of_nguyen_long_bien(g: Graph) -> None:
    bien = _person(g, "Nguyễn Long Biên")
    posts = {}
    for h in g.subjects(ORG.member, bien):
        post = g.value(h, KG.post)
        posts[_label(g, post)] = (_label(g, g.value(h, ORG.organization)), g.value(h, KG.status))
        assert (h, RDF.type, KG.Holding) in g
        assert g.value(h, KG.attestedOn) == Literal("--09-15", datatype=XSD.gMonthDay)
    assert posts == {
        "Ủy viên Ban Thường vụ Tỉnh ủy": ("Ban Thường vụ Tỉnh ủy", KG.current),
        "Phó Chủ tịch Ủy ban nhân dân tỉnh": ("Ủy ban nhân dân tỉnh", KG.current),
    }


def test_part_of_chain(g: Graph) -> None:
    team = _one(g, None, RDFS.label, Literal("Tổ giám sát số 2"))[0]
    delegation = g.value(team, ORG.subOrganizationOf)
    assert _label(g, delegation) == "Đoàn giám sát 1521"
    assert _label(g, g.value(delegation, ORG.subOrganizationOf)) == "Ban Thường vụ Tỉnh ủy"
    assert g.value(team, KG.bodyKind) == KG.team


def test_event_participants_and_what_was_led(g: Graph) -> None:
    event = _one(g, None, RDF.type, KG.Event)[0]
    assert g.value(event, KG.eventDate) == Literal("--09-15", datatype=XSD.gMonthDay)
    roles = {}
    for part in g.objects(event, KG.participation):
        roles[str(g.value(g.value(part, KG.participant), FOAF.name))] = (
            g.value(part, KG.role), _label(g, g.value(part, KG.ledWhat)) if g.value(part, KG.ledWhat) else None)
    assert roles == {"Nguyễn Long Biên": (KG.led, "Tổ giám sát số 2"), "Lê Văn Bình": (KG.attended, None)}
    assert _label(g, g.value(event, KG.about)) == "Nghị quyết 09-NQ/TU"


def test_directive(g: Graph) -> None:
    d = _one(g, None, ELI.id_local, Literal("09-NQ/TU"))[0]
    assert g.value(d, KG.documentKind) == Literal("Nghị quyết")
    assert g.value(d, ELI.date_document) == Literal("2021-11-29", datatype=XSD.date)
    assert _label(g, g.value(d, ELI.passed_by)) == "Ban Thường vụ Tỉnh ủy"
    assert str(g.value(d, KG.subject)).startswith("chuyển đổi số")


def test_every_fact_has_evidence_with_its_sentence(g: Graph) -> None:
    for cls in (KG.Holding, KG.Participation, KG.Directive, KG.Event, KG.Body, KG.Person):
        for node in g.subjects(RDF.type, cls):
            evidence = list(g.objects(node, PROV.wasDerivedFrom))
            assert evidence, node
            for ev in evidence:
                sentence = g.value(ev, KG.sentence)
                assert str(g.value(ev, KG.quote)) in str(g.value(sentence, KG.text))
    led = _one(g, None, KG.role, KG.led)[0]
    ev = g.value(led, PROV.wasDerivedFrom)
    assert str(g.value(ev, KG.quote)) == "làm Tổ trưởng"
    assert str(g.value(g.value(ev, KG.sentence), KG.text)).startswith("Ngày 15/9, Tổ giám sát số 2")
    assert g.value(ev, KG.rule) == Literal("role_cue") and g.value(ev, KG.origin) == KG.observed


def test_article_node(g: Graph) -> None:
    article = URIRef(ids.article_iri("seed-000"))
    assert str(g.value(article, SDO.headline)).startswith("Đoàn giám sát 1521")
    assert len(str(g.value(article, KG.contentHash))) == 64


def test_build_is_deterministic(seed_extraction: Extraction) -> None:
    assert build(seed_extraction).triples == build(make_seed()).triples


def test_nfd_and_tone_variants_give_the_same_iris(seed_extraction: Extraction) -> None:
    def nodes(x: Extraction) -> set[str]:
        return {str(s) for s, _, _ in build(x).triples if "/id/" in s and "/evidence/" not in s}

    text = make_seed().article.text
    base = nodes(seed_extraction)
    assert nodes(make_seed(unicodedata.normalize("NFD", text))) == base
    assert nodes(make_seed(text.replace("Tỉnh ủy", "Tỉnh uỷ").replace("Ủy ban", "Uỷ ban"))) == base


def test_publication_date_gives_the_year(seed_extraction: Extraction) -> None:
    g = Graph()
    for t in build(make_seed(date="2023-09-16")).triples:
        g.add(t)
    event = _one(g, None, RDF.type, KG.Event)[0]
    assert g.value(event, KG.eventDate) == Literal("2023-09-15", datatype=XSD.date)
    ev = g.value(event, PROV.wasDerivedFrom)
    assert g.value(ev, KG.origin) == KG.inferred and str(g.value(ev, KG.reason)) == "year from publication date"


def test_seed_graph_validates(seed_extraction: Extraction) -> None:
    report = validate(build(seed_extraction))
    assert report.conforms, report.violations


def test_broken_graphs_do_not_validate(g: Graph) -> None:
    holding = next(g.subjects(RDF.type, KG.Holding))
    broken = Graph()
    for t in g:
        if not (t[0] == holding and t[1] == ORG.member):
            broken.add(t)
    violations = validate_triples(broken)
    assert any(v.focus == str(holding) and v.path == str(ORG.member) for v in violations)

    part = next(g.subjects(KG.role, KG.attended))
    g.add((part, KG.ledText, Literal("Tổ giám sát số 2")))
    g.add((next(g.subjects(RDF.type, KG.Body)), KG.bodyKind, KG.led))
    messages = " ".join(v.message for v in validate_triples(g))
    assert "only a participant who led" in messages


# The builder spells terms as N-Triples text (ingest/rdf/builder.py) instead of building rdflib
# terms: the store must get the same quads and the same content hashes as from rdflib terms.

@given(st.text())
def test_spelled_literals_are_rdflib_literals(value: str) -> None:
    from ingest.rdf.builder import Text, text
    from kg.graph import n3_spelling

    term = text(value)
    assert term == _nquads_spelling(Literal(value))
    assert (term.n3 if isinstance(term, Text) else term) == n3_spelling(Literal(value)) == Literal(value).n3()


@given(st.integers(min_value=-(10 ** 12), max_value=10 ** 12))
def test_spelled_integers_are_rdflib_literals(value: int) -> None:
    from ingest.rdf.builder import integer

    assert integer(value) == _nquads_spelling(Literal(value)) == Literal(value).n3()


def test_encoded_graph_is_the_rdflib_graph_encoded(seed_extraction: Extraction) -> None:
    from ingest.rdf.build import encoded
    from kg.graph import digest, encode

    quoted = make_seed(make_seed().article.text.replace(". ", '. "Trích" \\ dẫn. ', 1))
    multiline = replace(seed_extraction, article=replace(seed_extraction.article, title='Dòng 1\n"Dòng" 2 \\ \r'))
    for x in (seed_extraction, quoted, multiline):
        graph, fast = build(x), encoded(x)
        assert fast.digest == graph.digest == digest(graph.triples[:-1])
        assert encode(graph).nquads == fast.nquads
        assert (fast.counts, fast.warnings) == (graph.counts, graph.warnings)


def _nquads_spelling(term: Literal) -> str:
    from kg.graph import ArticleGraph, encode

    nq = encode(ArticleGraph("a", "https://kg.example/g", ((URIRef("https://kg.example/s"), RDFS.label, term),), "")).nquads
    return nq.decode("utf-8").split(" ", 2)[2].rsplit(" <https://kg.example/g> .", 1)[0]
