"""One article's triples, as the RDF builder hands them to a store writer.

The triples use rdflib terms (``URIRef``/``Literal``; no blank nodes: every node has a minted
IRI, so graphs merge and compare without renaming). ``digest`` is the SHA-256 of the sorted
N-Triples of all triples except the content-hash marker, so an unchanged article can be
recognised without diffing its graph.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib.namespace import XSD
from rdflib.term import Literal, URIRef

Triple = tuple[URIRef, URIRef, URIRef | Literal]


@dataclass(frozen=True)
class ArticleGraph:
    article_id: str
    graph: str                        # the named graph's IRI (kg.ids.graph_iri)
    triples: tuple[Triple, ...]       # including the kg:contentHash marker
    digest: str
    counts: dict[str, int] = field(default_factory=dict)   # facts by kind, for summaries
    warnings: tuple[str, ...] = ()    # values left out, with the reason

    @property
    def facts(self) -> int:
        return sum(self.counts.values())


def digest(triples: Iterable[Triple]) -> str:
    """SHA-256 of the sorted, de-duplicated N-Triples lines of ``triples`` (rdflib's ``n3()``
    of each term, written by :func:`n3_spelling` at a third of the cost)."""
    lines = sorted({f"{n3_spelling(s)} {n3_spelling(p)} {n3_spelling(o)} ." for s, p, o in triples})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


_BAD_IRI = re.compile(r'[<>" {}|\\^`]')
_N3_RAW = frozenset(str(XSD[t]) for t in ("float", "double", "decimal"))   # inf/nan spellings: rdflib's own


def n3_spelling(term: URIRef | Literal) -> str:
    """``term.n3()`` exactly (tests/test_shards.py compares them), without rdflib's overhead."""
    if isinstance(term, Literal):
        datatype = term.datatype
        if datatype is not None and str(datatype) in _N3_RAW:
            return term.n3()
        if "\n" in term:
            encoded = term.replace("\\", "\\\\")
            if '"""' in term:
                encoded = encoded.replace('"""', '\\"\\"\\"')
            if encoded[-1] == '"' and encoded[-2] != "\\":
                encoded = encoded[:-1] + "\\" + '"'
            text = '"""%s"""' % encoded.replace("\r", "\\r")
        else:
            text = '"%s"' % term.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{datatype}>" if datatype is not None else text
    if _BAD_IRI.search(term):
        return term.n3()   # raises, naming the IRI
    return f"<{str.__str__(term)}>"


@dataclass(frozen=True)
class EncodedGraph:
    """One article's graph serialised as N-Quads in its named graph: the form that crosses a
    process boundary (``kg ingest --workers``) or sits in a shard file (ingest.shards).

    Pickling rdflib terms costs more than building them (each ``Literal`` is re-parsed on
    load); bytes cost nothing, and the embedded store writes them without converting a term
    (Oxigraph parses N-Quads in Rust). ``decode`` gives back the ArticleGraph.
    """

    article_id: str
    graph: str
    digest: str
    nquads: bytes                     # every triple, the kg:contentHash marker included
    counts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def facts(self) -> int:
        return sum(self.counts.values())


def encode(graph: ArticleGraph) -> EncodedGraph:
    """The article graph as N-Quads (triples in their order, in the graph ``graph.graph``).

    Written as text here rather than through pyoxigraph terms: converting each rdflib term
    cost 3× more. The store's parser validates every IRI and literal when it reads the text."""
    g = f" <{graph.graph}> .\n"
    lines = [f"{_nq(s)} {_nq(p)} {_nq(o)}{g}" for s, p, o in graph.triples]
    return EncodedGraph(graph.article_id, graph.graph, graph.digest, "".join(lines).encode("utf-8"),
                        dict(graph.counts), graph.warnings)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _nq(term: URIRef | Literal) -> str:
    if isinstance(term, Literal):
        text = f'"{str.translate(term, _ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{str.__str__(term)}>"


def decode(encoded: EncodedGraph) -> ArticleGraph:
    """The ArticleGraph of ``encoded``, with rdflib terms (for writers that need them)."""
    import pyoxigraph as ox

    from kg.store.embedded import to_rdflib

    triples = tuple((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                    for q in ox.parse(encoded.nquads, format=ox.RdfFormat.N_QUADS))
    return ArticleGraph(encoded.article_id, encoded.graph, triples, encoded.digest,  # type: ignore[arg-type]
                        dict(encoded.counts), encoded.warnings)
