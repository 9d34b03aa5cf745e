"""One article's triples, as the RDF builder hands them to a store writer.

The triples use rdflib terms (``URIRef``/``Literal``; no blank nodes: every node has a minted
IRI, so graphs merge and compare without renaming). ``digest`` is the SHA-256 of the sorted
N-Triples of all triples except the content-hash marker, so an unchanged article can be
recognised without diffing its graph.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

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
    """SHA-256 of the sorted, de-duplicated N-Triples lines of ``triples``."""
    lines = sorted({f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
