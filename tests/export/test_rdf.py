"""Turtle, N-Quads and JSON-LD re-parsed by two independent parsers, pyoxigraph and rdflib:
the quad counts equal the store's; a filtered export keeps exactly the nodes the filter keeps."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, URIRef

from kg.export import Filter, export
from kg.export.filters import apply
from kg.export.projection import project
from kg.vocab import KG
from tests.export.stores import Built

OX = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


def _distinct_triples(built: Built) -> int:
    return len({q.triple for q in ox.parse(built.nquads, format=ox.RdfFormat.N_QUADS)})


def _rdflib_count(data: bytes, fmt: str) -> int:
    if fmt == "turtle":
        return len(Graph().parse(data=data, format="turtle"))
    ds = Dataset()
    ds.parse(data=data, format={"nquads": "nquads", "jsonld": "json-ld"}[fmt])
    return sum(1 for _ in ds.quads((None, None, None, None)))


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld"])
def test_rdf_reparsed_by_pyoxigraph_and_rdflib(view: object, built: Built, fmt: str) -> None:
    buf = io.BytesIO()
    written = export(view, fmt, buf)  # type: ignore[arg-type]
    data = buf.getvalue()
    expected = _distinct_triples(built) if fmt == "turtle" else built.quads
    assert len(list(ox.parse(data, format=OX[fmt]))) == expected
    assert _rdflib_count(data, fmt) == expected
    assert written["quads"] == built.quads


def test_nquads_keep_one_named_graph_per_article(view: object, built: Built) -> None:
    graphs = {q.graph_name.value for q in ox.parse(built.nquads, format=ox.RdfFormat.N_QUADS)}
    articles = sum(1 for g in graphs if "/graph/article/" in g)
    assert articles == built.nodes["article"]


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_filtered_rdf_is_about_the_kept_nodes(view: object, built: Built, fmt: str) -> None:
    full = project(view)  # type: ignore[arg-type]
    person = next(n for n in full.nodes.values() if n.kind == "person" and n.attrs["articles"])
    f = Filter(around=person.label, depth=1)
    kept = apply(full, f)
    buf = io.BytesIO()
    export(view, fmt, buf, f)  # type: ignore[arg-type]
    g = Dataset()
    g.parse(data=buf.getvalue(), format="nquads" if fmt == "nquads" else "turtle")
    typed = {str(s) for s, _, o, _ in g.quads((None, RDF.type, None, None))
             if o in (KG.Person, KG.Body, KG.Post, KG.Holding, KG.Directive, KG.Event, KG.Place, KG.Article)}
    wanted = {iri for n in kept.nodes.values() for iri in (n.attrs["iri"], *n.attrs.get("aliases", ()))}
    assert typed == wanted
    assert URIRef(person.attrs["iri"]) in {s for s, _, _, _ in g.quads((None, None, None, None))}
    assert len(typed) < len({iri for n in full.nodes.values() for iri in (n.attrs["iri"], *n.attrs.get("aliases", ()))}) \
        or built.name == "seed"
