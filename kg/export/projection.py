"""The store seen as a property graph: typed nodes and edges with dates and sources.

Every exporter and ``kg view`` draws from :func:`project`, which reads four named queries
(``graph_nodes``, ``graph_edges``, ``graph_evidence`` and ``same_as``, for identity
resolution) from a store :class:`~kg.store.base.View`:

- nodes: persons (resolved through kg:sameAs), bodies, posts, holdings (a person holding a
  post), directives, events, places and articles, each with a label and typed attributes;
- edges, from a closed set of types (:data:`EDGE_TYPES`), each with the articles and
  sentences that state it, and a time span taken from the fact it comes from: a holding's
  since/until (else the first and last dates articles attest it), an event's date, a
  directive's date, an article's publication date. Structural edges (part of, post in body,
  jurisdiction, successor) are timeless.

Dates are ISO ``yyyy-mm-dd`` strings; a date without a year (``--09-15``) is kept as an
attribute but gives no span. Filters (:class:`Filter`) are applied by :mod:`kg.export.filters`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg import ids
from kg.store.base import View
from kg.vocab import KG

# Node kinds → the ontology class whose local name is the node's label in Neo4j/Cytoscape.
NODE_KINDS: dict[str, str] = {
    kind: str(cls).rsplit("#", 1)[1]
    for kind, cls in (("person", KG.Person), ("body", KG.Body), ("post", KG.Post),
                      ("holding", KG.Holding), ("directive", KG.Directive), ("event", KG.Event),
                      ("place", KG.Place), ("article", KG.Article))
}

# Edge type → (the fact kind it belongs to, for --kinds; what the edge says).
EDGE_TYPES: dict[str, tuple[str, str]] = {
    "holds": ("holdings", "person holds a holding (kg:Holding, org:member)"),
    "of_post": ("holdings", "holding is of a post (kg:post)"),
    "post_in": ("holdings", "post is in a body (org:postIn)"),
    "took_part": ("events", "person took part in an event, with a role (kg:participation)"),
    "led": ("events", "person led a body at an event (kg:ledWhat)"),
    "involves": ("events", "event involves a body (kg:involves)"),
    "about": ("directives", "event is about a directive (kg:about)"),
    "issued_by": ("directives", "directive issued by a body (eli:passed_by)"),
    "part_of": ("bodies", "body is part of a body (org:subOrganizationOf)"),
    "jurisdiction": ("places", "holding or body is tied to a place (kg:jurisdiction)"),
    "successor": ("places", "place became another in the 2025 reorganisation (kg:successor)"),
    "mentions": ("sources", "article states the fact about a node (prov:wasDerivedFrom)"),
}
FACT_KINDS: tuple[str, ...] = tuple(dict.fromkeys(kind for kind, _ in EDGE_TYPES.values()))
# Node kinds that belong to one fact kind: left out when that kind is not asked for.
OWNED_BY: dict[str, str] = {"holding": "holdings", "post": "holdings", "event": "events",
                            "directive": "directives", "place": "places", "article": "sources"}
_ROLE_RANK = {"led": 0, "spoke": 1, "attended": 2}
# Edge type → where its span comes from: the source node's, the target node's, or the event's.
_SPAN_FROM = {"holds": "target", "of_post": "source", "jurisdiction": "source",
              "took_part": "target", "led": "via", "involves": "source", "about": "source",
              "issued_by": "source", "mentions": "source"}
_DATED_KINDS = frozenset({"holding", "event", "directive", "article"})


@dataclass(frozen=True, order=True)
class Source:
    """One piece of evidence for an edge: the article and, when known, the sentence."""

    article: str
    sentence: int = -1               # index in the article; -1 when the fact has no evidence node
    text: str = ""                   # the sentence
    quote: str = ""                  # the span the rule matched


@dataclass
class Node:
    id: str                          # IRI without the kg id prefix: "person/3fa…", "article/x/event/0"
    kind: str
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)   # str, int, or tuple[str, …] values
    start: str | None = None         # span, ISO dates
    end: str | None = None
    spells: tuple[tuple[str, str], ...] = ()               # intervals of presence (merged)

    @property
    def iri(self) -> str:
        return ids.ID + self.id if not self.id.startswith("http") else self.id


@dataclass
class Edge:
    source: str
    target: str
    type: str
    attrs: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    start: str | None = None
    end: str | None = None
    timeless: bool = False           # structure (part of, post in, a body's place): no span

    @property
    def id(self) -> str:
        return f"{self.source}|{self.type}|{self.target}"

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({s.article for s in self.sources}))


@dataclass
class PropertyGraph:
    nodes: dict[str, Node]
    edges: list[Edge]

    def counts(self) -> dict[str, int]:
        return {"nodes": len(self.nodes), "edges": len(self.edges)}


def short_id(iri: str) -> str:
    return iri[len(ids.ID):] if iri.startswith(ids.ID) else iri


def iso_date(value: str | None) -> str | None:
    """``value`` when it is a full ISO date (yyyy-mm-dd), else None (``--09-15`` has no year)."""
    return value if value and len(value) == 10 and value[4] == "-" and value[:4].isdigit() else None


def project(view: View) -> PropertyGraph:
    """The whole store as a property graph (no filter; see kg.export.filters.apply)."""
    canonical = {r["person"]: r["canonical"] for r in view.query("same_as")}
    nodes = _nodes(view.query("graph_nodes"), canonical)
    evidence = {r["ev"]: r for r in view.query("graph_evidence")}
    edges = _edges(view.query("graph_edges"), nodes, canonical, evidence)
    graph = PropertyGraph(nodes, edges)
    _count_articles(graph)
    add_spells(graph)
    return graph


def _count_articles(graph: PropertyGraph) -> None:
    """``articles``: how many articles state a fact that touches the node."""
    seen: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        for end in (e.source, e.target):
            seen[end].update(s.article for s in e.sources)
    for node in graph.nodes.values():
        node.attrs["articles"] = len(seen.get(node.id, ()))


def _nodes(rows: Iterable[dict[str, Any]], canonical: dict[str, str]) -> dict[str, Node]:
    values: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    kinds: dict[str, str] = {}
    iris: dict[str, str] = {}
    for r in rows:
        iri = canonical.get(r["x"], r["x"])
        node = short_id(iri)
        kinds[node], iris[node] = r["kind"], iri
        value = r["value"]
        if isinstance(value, str) and value.startswith(str(KG)):
            value = value[len(str(KG)):]          # closed sets: body kind, status
        if value is not None:
            values[node][r["attr"]].add(value)
    nodes = {}
    for node_id in sorted(kinds):             # sorted here, not in SPARQL: ORDER BY is slow on big stores
        attrs = {name: sorted(vals, key=str) for name, vals in values[node_id].items()}
        labels = attrs.pop("label", None) or attrs.get("article_id") or attrs.get("number") or [node_id]
        node = Node(node_id, kinds[node_id], labels[0], _typed(attrs, iris[node_id]))
        if len(labels) > 1:
            node.attrs["other_labels"] = tuple(labels[1:])
        _own_span(node)
        nodes[node_id] = node
    return nodes


def _typed(attrs: dict[str, list[Any]], iri: str) -> dict[str, Any]:
    out: dict[str, Any] = {"iri": iri}
    for name, vals in sorted(attrs.items()):
        if name == "iri":
            aliases = tuple(v for v in vals if v != iri)      # scope-less persons resolved to this one
            if aliases:
                out["aliases"] = aliases
        elif name in ("attested", "status"):
            out[name] = tuple(vals)
        else:
            out[name] = vals[0]
    return out


def _own_span(node: Node) -> None:
    a = node.attrs
    if node.kind == "holding":
        attested = sorted(d for d in (iso_date(x) for x in a.get("attested", ())) if d)
        node.start = iso_date(a.get("since")) or (attested[0] if attested else None)
        node.end = iso_date(a.get("until")) or (attested[-1] if attested else None)
        if node.start and node.end and node.end < node.start:
            node.end = node.start
    elif node.kind in _DATED_KINDS:
        node.start = node.end = iso_date(a.get("date"))


def _edges(rows: Iterable[dict[str, Any]], nodes: dict[str, Node], canonical: dict[str, str],
           evidence: dict[str, dict[str, Any]]) -> list[Edge]:
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        key = (short_id(canonical.get(r["x"], r["x"])), r["type"], short_id(canonical.get(r["y"], r["y"])))
        if key[0] not in nodes or key[2] not in nodes:
            continue          # an end without a type in any graph (cannot happen with SHACL-valid graphs)
        g = grouped.setdefault(key, {"sources": set(), "roles": set(), "via": set()})
        ev = evidence.get(r["ev"]) if r["ev"] else None
        g["sources"].add(Source(r["article"], ev["sindex"], ev["sentence"], ev["quote"]) if ev else Source(r["article"]))
        if r["role"]:
            g["roles"].add(r["role"])
        if r["via"]:
            g["via"].add(short_id(r["via"]))
    edges = []
    for (source, type_, target), g in sorted(grouped.items()):
        edge = Edge(source, target, type_)
        edge.sources = tuple(sorted(g["sources"]))
        if g["roles"]:
            edge.attrs["role"] = min(g["roles"], key=lambda r: _ROLE_RANK.get(r, 9))
        if g["via"]:
            edge.attrs["event"] = sorted(g["via"])[0]
        _edge_span(edge, nodes)
        edges.append(edge)
    return edges


def _edge_span(edge: Edge, nodes: dict[str, Node]) -> None:
    where = _SPAN_FROM.get(edge.type)
    if where is None or (edge.type == "jurisdiction" and nodes[edge.source].kind != "holding"):
        edge.timeless = True
        return
    node_id = {"source": edge.source, "target": edge.target}.get(where) or edge.attrs.get("event")
    node = nodes.get(node_id) if node_id else None
    if node is not None:
        edge.start, edge.end = node.start, node.end


def add_spells(graph: PropertyGraph) -> None:
    """Give undated nodes (persons, bodies, posts, places) the merged spans of their dated
    edges, so a timeline shows them while their facts hold; a node with none stays timeless."""
    spans: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in graph.edges:
        if e.start:
            for end in (e.source, e.target):
                spans[end].append((e.start, e.end or e.start))
    for node in graph.nodes.values():
        if node.kind in _DATED_KINDS:
            node.spells = ((node.start, node.end or node.start),) if node.start else ()
            continue
        merged: list[tuple[str, str]] = []
        for start, end in sorted(spans.get(node.id, ())):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        node.spells = tuple(merged)
        node.start = merged[0][0] if merged else None
        node.end = max(e for _, e in merged) if merged else None
