"""The property-graph model kg loads into Neo4j: one closed mapping from the ontology, and the
conversion of one article's named graph into rows for ``UNWIND $rows`` writes.

Nothing read from an article becomes a label, a relationship type or a property key: labels are
the local names of the ontology classes below (kg.vocab), relationship types and property keys
come from the tables of this module, and the write statements in kg/queries/neo4j/ use exactly
these names (tests/store/test_neo4j_model.py checks both directions).

How the RDF maps (docs/graph-model.md has the diagram):

- Every node has the label of its class plus ``Resource``, and its IRI in ``iri`` (unique).
- Nodes that belong to one article (Article, Sentence, Evidence, Event) carry their values.
- Nodes that many articles describe (Person, Body, Post, Holding, Directive, Place) keep what
  each article says on ``(:Article)-[:MENTIONS]->(node)``, as lists of the values written there
  (the named graph's view of the node); the node's own properties summarise all articles
  (kg.store.neo4j_load.summarise).
- A participation becomes TOOK_PART (person → event) and, when the person led a body, LED
  (person → body): one relationship per piece of evidence, like every fact relationship, each
  carrying its provenance (article, sentence index and text, span, quote, rule, evidence IRI).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from rdflib import RDF, RDFS
from rdflib.namespace import FOAF, ORG, PROV, SDO, TIME
from rdflib.term import Literal, URIRef

from kg.graph import ArticleGraph
from kg.vocab import ELI, KG

RESOURCE = "Resource"      # on every node: one unique index answers "the node with this IRI"

# Ontology class → label (the class's local name).
LABELS: dict[URIRef, str] = {cls: str(cls).rsplit("#", 1)[1] for cls in (
    KG.Article, KG.Sentence, KG.Evidence, KG.Person, KG.Body, KG.Post, KG.Holding,
    KG.Directive, KG.Event, KG.Place)}
PER_ARTICLE = ("Article", "Sentence", "Evidence", "Event")           # one article describes them
SHARED = ("Person", "Body", "Post", "Holding", "Directive", "Place")  # many articles may

# Relationship types (the closed set) and what they say.
REL_TYPES: dict[str, str] = {
    "IN_ARTICLE": "sentence → its article",
    "IN_SENTENCE": "evidence → the sentence it quotes",
    "DERIVED_FROM": "person, body, holding, directive or event → one piece of its evidence",
    "MENTIONS": "article → a node it describes; properties: the values this article gives it",
    "HOLDS": "person → holding (a post held), per evidence",
    "OF_POST": "holding → its post",
    "POST_IN": "post → its body",
    "JURISDICTION": "holding or body → place, per evidence",
    "PART_OF": "body → the body it is part of, per evidence",
    "TOOK_PART": "person → event, with the role (led, spoke, attended), per evidence",
    "LED": "person → the body they led at an event (property event), per evidence",
    "INVOLVES": "event → a body it involves, per evidence",
    "ABOUT": "event → a directive it is about, per evidence",
    "ISSUED_BY": "directive → its issuing body, per evidence",
    "SUCCESSOR": "place → the place it became in the 2025 reorganisation",
    "SAME_AS": "scope-less person → the scoped person identity resolution links it to",
}

# Literal-valued predicates of the shared nodes → MENTIONS property (always a list of strings).
MENTION_PROPS: dict[str, dict[URIRef, str]] = {
    "Person": {FOAF.name: "name", KG.foldedName: "folded", KG.nameKey: "key", KG.scope: "scope"},
    "Body": {RDFS.label: "label", KG.foldedName: "folded", KG.nameKey: "key", KG.bodyKind: "kind"},
    "Post": {KG.title: "title", RDFS.label: "label"},
    "Holding": {KG.status: "status", KG.positionText: "position_text", KG.attestedOn: "attested"},
    "Directive": {ELI.id_local: "number", RDFS.label: "label", KG.foldedName: "folded",
                  KG.documentKind: "kind", ELI.date_document: "date", KG.issuerText: "issuer_text",
                  KG.subject: "subject"},
    "Place": {RDFS.label: "label", KG.adminLevel: "level", KG.adminCode: "code"},
}
HOLDING_DATES = ("since", "until")   # also MENTIONS lists, from org:memberDuring's instants

# Per-article nodes: predicate → property (one value each, per the shapes).
NODE_PROPS: dict[str, dict[URIRef, str]] = {
    "Article": {KG.articleId: "id", SDO.headline: "title", SDO.url: "url", SDO.datePublished: "published"},
    "Sentence": {KG.index: "index", KG.text: "text"},
    "Evidence": {KG.start: "span_start", KG.end: "span_end", KG.quote: "quote", KG.rule: "rule",
                 KG.origin: "origin", KG.reason: "reason"},
    "Event": {SDO.name: "name", KG.foldedName: "folded", KG.eventDate: "date", KG.eventKind: "kind"},
}
DATE_PROPS = frozenset({"published", "date"})   # also kept as text in <name>_text

# Node → node predicates whose relationship is one per piece of the subject's evidence.
EVIDENCED: dict[URIRef, str] = {
    KG.jurisdiction: "JURISDICTION", ORG.subOrganizationOf: "PART_OF", KG.involves: "INVOLVES",
    KG.about: "ABOUT", ELI.passed_by: "ISSUED_BY",
}
# Node → node predicates fixed by the subject's IRI (a holding's post, a post's body): one
# relationship, no provenance of its own.
STRUCTURAL: dict[URIRef, str] = {KG.post: "OF_POST", ORG.postIn: "POST_IN"}

Row = dict[str, Any]


@dataclass
class ArticleRows:
    """Everything one article adds to the property graph, ready for the write statements."""

    article: str                                   # the Article node's IRI
    digest: str
    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))   # label → {iri, props}
    rels: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))    # type → {src, dst, props}
    mentions: list[Row] = field(default_factory=list)                                # {article, node, props}

    @property
    def shared(self) -> list[str]:
        """IRIs of the shared nodes this article describes (to summarise after writing)."""
        return [m["node"] for m in self.mentions if m["label"] in SHARED]

    def size(self) -> int:
        return sum(len(v) for v in self.nodes.values()) + sum(len(v) for v in self.rels.values()) + len(self.mentions)


def local(term: URIRef | Literal) -> str:
    """A closed-set IRI (status, role, origin, body kind) as its local name; a literal as text."""
    text = str(term)
    return text.rsplit("#", 1)[1] if isinstance(term, URIRef) and "#" in text else text


def as_date(text: str | None) -> Date | None:
    """A Neo4j date for yyyy-mm-dd; None for a date without a year (``--09-15``) or no date."""
    if not text or len(text) != 10 or text[4] != "-":
        return None
    try:
        return Date.fromisoformat(text)
    except ValueError:
        return None


class _Index:
    """One article graph, indexed by subject."""

    def __init__(self, graph: ArticleGraph) -> None:
        self.types: dict[URIRef, str] = {}
        self.values: dict[URIRef, dict[URIRef, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in graph.triples:
            if p == RDF.type:
                if o in LABELS:
                    self.types[s] = LABELS[o]   # type: ignore[index]
            elif o not in self.values[s][p]:
                self.values[s][p].append(o)

    def one(self, s: URIRef, p: URIRef) -> Any:
        vals = self.values[s].get(p)
        return vals[0] if vals else None

    def all(self, s: URIRef, p: URIRef) -> list[Any]:
        return self.values[s].get(p, [])

    def of(self, label: str) -> list[URIRef]:
        return sorted(s for s, t in self.types.items() if t == label)


def article_rows(graph: ArticleGraph) -> ArticleRows:
    """The rows one article graph writes (see the module docstring for the mapping)."""
    ix = _Index(graph)
    (article,) = ix.of("Article")
    aid = str(ix.one(article, KG.articleId))
    out = ArticleRows(str(article), graph.digest)
    sentences = {s: ix.one(s, KG.index) for s in ix.of("Sentence")}
    provenance = {ev: _provenance(ix, ev, aid, sentences) for ev in ix.of("Evidence")}

    for label in PER_ARTICLE:
        for node in ix.of(label):
            props = _node_props(ix, node, label)
            if label != "Article":
                props["article"] = aid
            if label == "Sentence":
                out.rels["IN_ARTICLE"].append(_rel(node, article, {}))
            if label == "Evidence":
                props["sentence"] = provenance[node]["sentence"]
                out.rels["IN_SENTENCE"].append(_rel(node, ix.one(node, KG.sentence), {}))
            out.nodes[label].append({"iri": str(node), "props": props})
    out.nodes["Article"][0]["props"]["quads"] = len(set(graph.triples))

    for label in SHARED:
        for node in ix.of(label):
            out.nodes[label].append({"iri": str(node), "props": {}})
    for node in [*ix.of("Event"), *[n for label in SHARED for n in ix.of(label)]]:
        label = ix.types[node]
        props = _node_props(ix, node, label) if label == "Event" else _mention_props(ix, node, label)
        out.mentions.append({"article": str(article), "node": str(node), "label": label,
                             "props": {} if label == "Event" else props})
        for ev in ix.all(node, PROV.wasDerivedFrom):
            out.rels["DERIVED_FROM"].append(_rel(node, ev, {}))
        _fact_rels(ix, node, label, provenance, aid, out)
    return out


def _node_props(ix: _Index, node: URIRef, label: str) -> Row:
    props: Row = {}
    for pred, name in NODE_PROPS[label].items():
        value = ix.one(node, pred)
        if value is None:
            continue
        if name in DATE_PROPS:
            props[name + "_text"] = str(value)
            props[name] = as_date(str(value))
        else:
            props[name] = value.toPython() if isinstance(value, Literal) and name in ("index", "span_start", "span_end") \
                else local(value)
    return props


def _mention_props(ix: _Index, node: URIRef, label: str) -> Row:
    props = {name: sorted(local(v) for v in ix.all(node, pred)) for pred, name in MENTION_PROPS[label].items()}
    if label == "Holding":
        for name, edge in zip(HOLDING_DATES, (TIME.hasBeginning, TIME.hasEnd)):
            props[name] = sorted({str(ix.one(instant, TIME.inXSDDate))
                                  for interval in ix.all(node, ORG.memberDuring) for instant in ix.all(interval, edge)})
    return props


def _provenance(ix: _Index, ev: URIRef, aid: str, sentences: dict[URIRef, Any]) -> Row:
    sentence = ix.one(ev, KG.sentence)
    index = sentences.get(sentence)
    return {"article": aid, "evidence": str(ev), "sentence": index.toPython() if index is not None else None,
            "sentence_text": str(ix.one(sentence, KG.text) or ""), "quote": str(ix.one(ev, KG.quote) or ""),
            "span_start": ix.one(ev, KG.start).toPython(), "span_end": ix.one(ev, KG.end).toPython(),
            "rule": str(ix.one(ev, KG.rule)), "origin": local(ix.one(ev, KG.origin))}


def _rel(src: Any, dst: Any, props: Row) -> Row:
    return {"src": str(src), "dst": str(dst), "props": props}


def _dated(text: str | None) -> Row:
    return {"date": as_date(text), "date_text": text}


def _fact_rels(ix: _Index, node: URIRef, label: str, provenance: dict[URIRef, Row], aid: str,
               out: ArticleRows) -> None:
    evidence = [provenance[ev] for ev in ix.all(node, PROV.wasDerivedFrom)]
    for pred, rtype in STRUCTURAL.items():
        for target in ix.all(node, pred):
            out.rels[rtype].append(_rel(node, target, {}))
    dates: Row = {}
    if label == "Event":
        dates = _dated(_text(ix.one(node, KG.eventDate)))
    elif label == "Directive":
        dates = _dated(_text(min(ix.all(node, ELI.date_document), key=str, default=None)))
    for pred, rtype in EVIDENCED.items():
        for target in ix.all(node, pred):
            for prov in evidence:
                out.rels[rtype].append(_rel(node, target, {**prov, **(dates if rtype != "JURISDICTION" else {})}))
    for target in ix.all(node, KG.successor):
        out.rels["SUCCESSOR"].append(_rel(node, target, {"article": aid}))
    if label == "Holding":
        span = holding_span(_mention_props(ix, node, label))
        for person in ix.all(node, ORG.member):
            for prov in evidence:
                out.rels["HOLDS"].append(_rel(person, node, {**prov, **span}))
    if label == "Event":
        for part in ix.all(node, KG.participation):
            _participation(ix, node, part, provenance, dates, out)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def holding_span(m: Row) -> Row:
    """A holding's dates as one article states them: since/until, the dates it attests the
    holding on, and the span (since, else the first attested date; until, else the last)."""
    attested = sorted(d for d in (as_date(x) for x in m["attested"]) if d)
    since = min((d for d in (as_date(x) for x in m["since"]) if d), default=None)
    until = max((d for d in (as_date(x) for x in m["until"]) if d), default=None)
    start = since or (attested[0] if attested else None)
    end = until or (attested[-1] if attested else None)
    if start and end and end < start:
        end = start
    return {"since": since, "until": until, "attested": attested, "start": start, "end": end}


def _participation(ix: _Index, event: URIRef, part: URIRef, provenance: dict[URIRef, Row], dates: Row,
                   out: ArticleRows) -> None:
    person, body = ix.one(part, KG.participant), ix.one(part, KG.ledWhat)
    common = {"participation": str(part), "role": local(ix.one(part, KG.role)), **dates,
              "led_text": _text(ix.one(part, KG.ledText)),
              # a list: participations of one person merged in an article keep each folded text
              "led_folded": sorted(str(v) for v in ix.all(part, KG.foldedName)) or None}
    for ev in ix.all(part, PROV.wasDerivedFrom):
        out.rels["TOOK_PART"].append(_rel(person, event, {**provenance[ev], **common}))
        if body is not None:
            out.rels["LED"].append(_rel(person, body, {**provenance[ev], **common, "event": str(event)}))
