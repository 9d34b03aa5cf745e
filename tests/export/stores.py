"""Stores built from the seed and the dev articles, and the counts each export must
reproduce, worked out independently of kg's queries: from the store's own N-Quads dump,
parsed by rdflib and counted in plain Python."""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import ORG, PROV

from kg.vocab import ELI, KG

CLASSES = {"person": KG.Person, "body": KG.Body, "post": KG.Post, "holding": KG.Holding,
           "directive": KG.Directive, "event": KG.Event, "place": KG.Place, "article": KG.Article}
MENTIONED = (KG.Person, KG.Body, KG.Holding, KG.Directive, KG.Event)


@dataclass(frozen=True)
class Built:
    name: str
    path: Path
    nquads: bytes
    quads: int                   # the store's own count (View.size)
    nodes: Counter[str]          # by kind, independently counted
    edges: Counter[str]          # by type, independently counted

    @property
    def node_count(self) -> int:
        return sum(self.nodes.values())

    @property
    def edge_count(self) -> int:
        return sum(self.edges.values())


def independent_counts(nquads: bytes) -> tuple[Counter[str], Counter[str]]:
    """Nodes by kind and edges by type of the property graph, from the RDF alone."""
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    g = set((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
    by_p: dict[URIRef, list[tuple[URIRef, URIRef]]] = {}
    for s, p, o in g:
        by_p.setdefault(p, []).append((s, o))
    same = dict(by_p.get(KG.sameAs, []))

    def r(x: URIRef) -> URIRef:
        return same.get(x, x)

    types: dict[URIRef, set[URIRef]] = {}
    for s, o in by_p.get(RDF.type, []):
        types.setdefault(s, set()).add(o)
    nodes = Counter({kind: len({r(s) for s, ts in types.items() if cls in ts}) for kind, cls in CLASSES.items()})
    pairs = lambda p: by_p.get(p, [])  # noqa: E731
    participant = dict(pairs(KG.participant))
    sentence_article = dict(pairs(KG.inArticle))
    evidence_sentence = dict(pairs(KG.sentence))
    edges = Counter({
        "holds": len({(r(m), h) for h, m in pairs(ORG.member)}),
        "of_post": len(set(pairs(KG.post))),
        "post_in": len(set(pairs(ORG.postIn))),
        "jurisdiction": len({(r(x), y) for x, y in pairs(KG.jurisdiction)}),
        "took_part": len({(r(participant[p]), e) for e, p in pairs(KG.participation)}),
        "led": len({(r(participant[p]), b) for p, b in pairs(KG.ledWhat)}),
        "involves": len(set(pairs(KG.involves))),
        "about": len(set(pairs(KG.about))),
        "issued_by": len(set(pairs(ELI.passed_by))),
        "part_of": len(set(pairs(ORG.subOrganizationOf))),
        "successor": len(set(pairs(KG.successor))),
        "mentions": len({(sentence_article[evidence_sentence[ev]], r(x)) for x, ev in pairs(PROV.wasDerivedFrom)
                         if types.get(x, set()) & set(MENTIONED)}),
    })
    return +nodes, +edges


def build(name: str, articles: Path, folder: Path) -> Built:
    from ingest.pipeline import ingest
    from kg.store import open_store

    with open_store(folder) as store:
        with store.writer() as w:
            ingest([articles], w, strict=True)
        buf = io.BytesIO()
        store.view().export("nquads", buf)
        quads = store.view().size()
    nodes, edges = independent_counts(buf.getvalue())
    return Built(name, folder, buf.getvalue(), quads, nodes, edges)
