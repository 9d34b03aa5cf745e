"""The search index's rows of one article graph (kg/store/search_index.py): the one place that
says what the index holds about a graph, used both by the store's writer (the quads it has
just written) and by a sync that reads graphs back from the store (a store without an index,
or one a killed writer left behind).

The rows are those of the SPARQL queries ``kg/queries/index_*.rq`` run over that graph:
those queries define them, and tests/store/test_search_index.py checks that both give the
same index. They are computed here, over the graph's own quads, because reading them back
from the store at the end of a run cost ≈ 3 ms of CPU an article (benchmarks/README.md).

Values are as the queries return them: an IRI's text, a literal's lexical form. Like SPARQL,
a literal never matches an IRI pattern (``a kg:Person``, ``kg:role kg:led``) and never joins
as the subject of another triple.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS, SDO

from kg.vocab import ELI, KG

_TYPE, _FOLDED, _NAME, _LABEL = str(RDF.type), str(KG.foldedName), str(FOAF.name), str(RDFS.label)
_EVENT_NAME, _BODY_KIND, _DERIVED = str(SDO.name), str(KG.bodyKind), str(PROV.wasDerivedFrom)
_MEMBER, _ORGANIZATION, _POSITION = str(ORG.member), str(ORG.organization), str(KG.positionText)
_PARTICIPATION, _PARTICIPANT, _ROLE, _LED_WHAT = (str(KG.participation), str(KG.participant), str(KG.role),
                                                  str(KG.ledWhat))
_LED = str(KG.led)
_CLASSES = {str(KG.Person): "person", str(KG.Body): "body", str(KG.Event): "event", str(KG.Directive): "directive"}
# index_edges.rq's links from x to b stated with evidence, with the relation edges.rq names
_STATED = {str(ORG.subOrganizationOf): ("part of", "suborg"), str(KG.involves): ("involves", "involves"),
           str(KG.about): ("about", "about"), str(ELI.passed_by): ("issued by", None)}
# node_label.rq's four branches: the class, and the property that labels it
_LABELS = {"person": ("label:person", _NAME), "body": ("label:body", _LABEL), "event": ("label:event", _EVENT_NAME),
           "directive": ("label:directive", _LABEL)}
_READ = frozenset({_TYPE, _FOLDED, _NAME, _LABEL, _EVENT_NAME, _BODY_KIND, _DERIVED, _MEMBER, _ORGANIZATION,
                   _POSITION, _PARTICIPATION, _PARTICIPANT, _ROLE, _LED_WHAT, *_STATED})


_READ_NODES = frozenset(ox.NamedNode(p) for p in _READ)


class _Literal(str):
    """A literal's lexical form: a str that no IRI pattern or join accepts (see _iri)."""

    __slots__ = ()


def _iri(value: str) -> bool:
    return value.__class__ is str


@dataclass(frozen=True)
class Rows:
    """One graph's rows, by the index's tables, with nodes and texts as IRIs and strings:

    - ``names``: (folded name, kind, node, other): kind person, body or directive (other None),
      or led (node the event, other the participant);
    - ``mentions``: the nodes the graph types (person, body, event, directive) or links;
    - ``edges``: (kind, x, relation, b, evidence): kind ``edge`` (a row of edges.rq, relation
      and evidence set) or the link kinds of index_edges.rq (relation and evidence None);
    - ``labels``: (node, prop, value, folded name or None), as index_labels.rq.
    """

    names: frozenset[tuple[str, str, str, str | None]]
    mentions: frozenset[str]
    edges: frozenset[tuple[str, str, str | None, str, str | None]]
    labels: frozenset[tuple[str, str, str, str | None]]


NO_ROWS = Rows(frozenset(), frozenset(), frozenset(), frozenset())
"""The rows of a graph with none of the properties the index reads."""


def noting_rows(quads: Iterable[ox.Quad], rows: dict[str, Rows | None]) -> Iterator[ox.Quad]:
    """``quads``, passed on as they come, with the rows of each graph among them put in ``rows``
    (by graph IRI) once its quads have passed: the store's writer builds the index from the
    quads it parses to write them, rather than parse them twice (parsing, that is, making a
    Python object of each quad, cost more than the rows). A batch of articles' N-Quads has
    each graph's quads together; a graph met again after another is noted None (its rows
    are then read back from the store)."""
    graph, kept = None, []
    for q in quads:
        if q.predicate in _READ_NODES:
            if q.graph_name != graph:
                if graph is not None:
                    _note(rows, graph.value, kept)
                graph, kept = q.graph_name, []
            kept.append(q)
        yield q
    if graph is not None:
        _note(rows, graph.value, kept)


def _note(rows: dict[str, Rows | None], graph: str, quads: list[ox.Quad]) -> None:
    rows[graph] = None if graph in rows else graph_rows(quads)


def graph_rows(quads: Iterable[Any]) -> Rows:
    """The rows of the graph made of ``quads`` (pyoxigraph quads or triples of one graph)."""
    props: dict[str, dict[str, list[str]]] = {}
    for q in quads:
        p = q.predicate
        if p not in _READ_NODES:
            continue
        p, o = p.value, q.object
        value = _Literal(o.value) if o.__class__ is ox.Literal else o.value
        props.setdefault(q.subject.value, {}).setdefault(p, []).append(value)
    names: set[tuple[str, str, str, str | None]] = set()
    mentions: set[str] = set()
    edges: set[tuple[str, str, str | None, str, str | None]] = set()
    labels: set[tuple[str, str, str, str | None]] = set()
    none: list[str] = []
    for s, ps in props.items():
        get = ps.get
        folded = get(_FOLDED, none)
        for cls in get(_TYPE, none):                                  # index_nodes.rq
            kind = _CLASSES.get(cls) if _iri(cls) else None
            if kind is None:
                continue
            mentions.add(s)
            if kind != "event":
                names.update((f, kind, s, None) for f in folded)
            prop, labelled_by = _LABELS[kind]
            labels.update((s, prop, v, None) for v in get(labelled_by, none))
            if kind == "body":
                labels.update((s, "body", v, f) for f in folded for v in get(_LABEL, none))
        for v in get(_NAME, none):                                    # index_labels.rq
            labels.add((s, "name", v, None))
            labels.update((s, "name", v, f) for f in folded)
        labels.update((s, "kind", k.partition("#")[2], None) for k in get(_BODY_KIND, none))
        evidence = get(_DERIVED, none)
        for x in get(_MEMBER, none):                                  # a holding: h org:member x
            for b in get(_ORGANIZATION, none):
                edges.add(("member", x, None, b, None))
                edges.update(("edge", x, r, b, ev) for r in get(_POSITION, none) for ev in evidence)
        for p, (relation, link) in _STATED.items():                   # s → b, stated
            for b in get(p, none):
                edges.update(("edge", s, relation, b, ev) for ev in evidence)
                if link is not None:
                    edges.add((link, s, None, b, None))
        for participant in get(_PARTICIPANT, none):                   # s is a participation
            edges.update(("led", participant, None, b, None) for b in get(_LED_WHAT, none))
        for part in get(_PARTICIPATION, none):                        # s is an event
            _participation(s, part, props, names, edges)
    for _, x, _, b, _ in edges:
        mentions.add(x)
        mentions.add(b)
    return Rows(frozenset(names), frozenset(mentions), frozenset(edges), frozenset(labels))


def _participation(event: str, part: str, props: dict[str, dict[str, list[str]]],
                   names: set[tuple[str, str, str, str | None]],
                   edges: set[tuple[str, str, str | None, str, str | None]]) -> None:
    """The rows of ``event kg:participation part``: the participant's links (index_edges.rq)
    and, for a led one, the texts who_led matches (index_led.rq)."""
    pp = props.get(part) if _iri(part) else None
    if pp is None:
        return
    none: list[str] = []
    participants, roles = pp.get(_PARTICIPANT, none), pp.get(_ROLE, none)
    for x in participants:
        edges.add(("participant", x, None, event, None))
        edges.update(("edge", x, r.partition("#")[2], event, ev) for r in roles for ev in pp.get(_DERIVED, none))
    if not any(r == _LED and _iri(r) for r in roles):
        return
    texts = set(props.get(event, {}).get(_FOLDED, none)) | set(pp.get(_FOLDED, none))
    for body in pp.get(_LED_WHAT, none):
        if _iri(body):
            texts.update(props.get(body, {}).get(_FOLDED, none))
    names.update((f, "led", event, x) for x in participants for f in texts)
