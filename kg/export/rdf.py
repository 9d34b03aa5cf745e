"""Turtle, N-Quads (one named graph per article) and JSON-LD, with the same filters as the
property-graph formats.

Without a filter this is the store's own serialisation (``View.export``). With one, it keeps
the triples about the nodes the filter keeps (persons with their scope-less aliases), and
the nodes that only spell those out: evidence, sentences, intervals, instants and the
participations of kept persons in kept events. Links to nodes left out are dropped, except a
sentence's link to its article (the provenance stays whole). The resolution graph's
kg:sameAs links between kept persons come along.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox
from rdflib.term import Literal, URIRef

from kg.export.filters import Filter, apply
from kg.export.projection import PropertyGraph, project
from kg.graph import Triple
from kg.store.base import View
from kg.vocab import KG, PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS,
                                    "jsonld": ox.RdfFormat.JSON_LD}
_PARTICIPANT = URIRef(str(KG.participant))
_IN_ARTICLE = URIRef(str(KG.inArticle))


def write(view: View, fmt: str, out: BinaryIO, f: Filter | None = None) -> int:
    """Serialise the store (or the part of it ``f`` keeps) as ``fmt``; return the quad count."""
    if f is None or f.empty:
        view.export(fmt, out)
        return view.size()
    full = project(view)
    quads = list(filtered_quads(view, full, apply(full, f)))
    if fmt == "turtle":       # a triple format: the union of the graphs, sorted for stable output
        triples = sorted({q.triple for q in quads}, key=str)
        ox.serialize(triples, out, FORMATS[fmt], prefixes=PREFIXES)
        return len(triples)
    ox.serialize(quads, out, FORMATS[fmt], prefixes=PREFIXES)
    return len(quads)


def _iris(graph: PropertyGraph) -> set[str]:
    return {iri for n in graph.nodes.values() for iri in (n.attrs.get("iri", n.iri), *n.attrs.get("aliases", ()))}


def filtered_quads(view: View, full: PropertyGraph, kept: PropertyGraph) -> Iterable[ox.Quad]:
    """The quads of ``view`` that the kept part of its property graph stands for."""
    nodes, keep = _iris(full), _iris(kept)
    for graph_iri, triples in view.article_graphs():
        g = ox.NamedNode(graph_iri)
        for s, p, o in _closure(triples, nodes, keep):
            yield ox.Quad(_ox(s), _ox(p), _ox(o), g)      # type: ignore[arg-type]
    for row in view.query("same_as"):
        if row["person"] in keep and row["canonical"] in keep:
            yield ox.Quad(ox.NamedNode(row["person"]), ox.NamedNode(str(KG.sameAs)),
                          ox.NamedNode(row["canonical"]), ox.NamedNode(row["g"]))


def _closure(triples: list[Triple], nodes: set[str], keep: set[str]) -> list[Triple]:
    by_subject: dict[str, list[Triple]] = {}
    for t in triples:
        by_subject.setdefault(str(t[0]), []).append(t)
    out: list[Triple] = []
    seen: set[str] = set()
    todo = [s for s in by_subject if s in keep]
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for s, p, o in by_subject[subject]:
            if isinstance(o, Literal):
                out.append((s, p, o))
                continue
            target = str(o)
            if target in nodes and target not in keep and p != _IN_ARTICLE:
                continue                                  # a link to a node left out
            if target not in nodes and target in by_subject and not _left_out(by_subject[target], nodes, keep):
                todo.append(target)                       # evidence, sentence, interval, participation
            elif target not in nodes and target in by_subject:
                continue
            out.append((s, p, o))
    return sorted(out)


def _left_out(triples: list[Triple], nodes: set[str], keep: set[str]) -> bool:
    """A participation whose person is left out goes with them."""
    return any(p == _PARTICIPANT and str(o) in nodes and str(o) not in keep for _, p, o in triples)


def _ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.NamedNode(str(term))
