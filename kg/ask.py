"""Typed questions over a store View; every answer lists its sources (article id + sentence).

Names and numbers are matched on their folded form (kg.text.normalize.fold: no diacritics,
lower case, either tone spelling), so "nguyen long bien" finds Nguyễn Long Biên. When some
candidates match the folded text exactly, only those are kept; otherwise every candidate that
contains it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from kg.answers import (BodyAnswer, BodyEvent, DirectiveAnswer, DirectiveEvent, HoldingEntry, Hop,
                        Leadership, Participant, PathAnswer, PersonAnswer, Related, Source,
                        TimelineEntry, sources)
from kg.errors import UnknownEntity
from kg.store.base import Row, View
from kg.text.normalize import fold

MAX_MATCHES = 10


def _folded(text: str, what: str) -> str:
    q = fold(text)
    if not q:
        raise UnknownEntity(what, text)
    return q


def _best(rows: list[Row], q: str) -> list[Row]:
    exact = [r for r in rows if r["folded"] == q]
    return (exact or rows)[:MAX_MATCHES]


def _group(rows: Iterable[Row], key: Callable[[Row], Any]) -> dict[Any, list[Row]]:
    groups: dict[Any, list[Row]] = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return groups


def who_led(view: View, text: str) -> list[Leadership]:
    """Who led the group, meeting or delegation whose name contains TEXT, and when."""
    q = _folded(text, "group, meeting or delegation")
    rows = view.query("who_led", q=q)
    if not rows:
        raise UnknownEntity("group, meeting or delegation led by someone", text)
    out = []
    for (person, event), rs in _group(rows, lambda r: (r["person"], r["event"])).items():
        r = rs[0]
        out.append(Leadership(person=person, name=r["name"], led=r["ledText"] or r["bodyLabel"] or r["eventName"],
                              body=r["body"], body_label=r["bodyLabel"], event=event, event_name=r["eventName"],
                              date=r["date"], sources=sources(rs)))
    return sorted(out, key=lambda a: (a.date or "", a.name, a.event))


def _find(view: View, query: str, text: str, what: str) -> list[Row]:
    q = _folded(text, what)
    found = _best(view.query(query, q=q), q)
    if not found:
        raise UnknownEntity(what, text)
    return found


def person(view: View, name: str) -> list[PersonAnswer]:
    """Posts, roles and events of the person(s) called NAME, as a timeline."""
    out = []
    for match in _find(view, "person_search", name, "person"):
        aliases = [r["alias"] for r in view.query("person_aliases", person=match["person"])]
        rows = [r for node in (match["person"], *aliases) for r in view.query("person_timeline", person=node)]
        groups = _group(rows, lambda r: (r["kind"], r["date"], r["label"], r["status"], r["role"], r["detail"] or None, r["body"]))
        timeline = [TimelineEntry(kind=k[0], date=k[1], label=k[2], status=k[3], role=k[4], detail=k[5], body=k[6],
                                  sources=sources(rs)) for k, rs in groups.items()]
        timeline.sort(key=lambda e: (e.date or "", e.kind, e.label))
        out.append(PersonAnswer(match["person"], match["name"], match["articles"], tuple(timeline)))
    return out


def body(view: View, name: str) -> list[BodyAnswer]:
    """Who held which post in the body(ies) called NAME, its parts and events, over time."""
    out = []
    for match in _find(view, "body_search", name, "body"):
        iri = match["body"]
        related = tuple(Related(r["relation"], r["other"], r["label"]) for r in view.query("body_parts", body=iri))
        holdings = [HoldingEntry(k[0], k[1], k[2], k[3], k[4], sources(rs)) for k, rs in _group(
            view.query("body_holdings", body=iri),
            lambda r: (r["person"], r["name"], r["post"], r["status"], r["date"])).items()]
        rows = view.query("body_events_involved", body=iri) + view.query("body_events_led", body=iri)
        events = [BodyEvent(k[0], k[1], k[2], k[3], k[4], sources(rs)) for k, rs in _group(
            rows, lambda r: (r["event"], r["name"], r["date"], r["how"], r.get("leader"))).items()]
        out.append(BodyAnswer(iri, match["label"], match["kind"], match["articles"], related,
                              tuple(sorted(holdings, key=lambda h: (h.date or "", h.post, h.name))),
                              tuple(sorted(events, key=lambda e: (e.date or "", e.name, e.how)))))
    return out


def directive(view: View, number: str) -> list[DirectiveAnswer]:
    """Issuer, date and subject of the directive numbered NUMBER, and the events and people
    linked to it."""
    q = _folded(number, "directive")
    rows = view.query("directive", q=q)
    if not rows:
        raise UnknownEntity("directive numbered", number)
    out = []
    for iri, rs in _group(rows, lambda r: r["directive"]).items():
        first = _first_with(rs, ("date", "issuer", "issuerText", "subject"))
        events = []
        for (event, name, date), ers in _group(view.query("directive_events", directive=iri),
                                               lambda r: (r["event"], r["name"], r["date"])).items():
            parts = [Participant(k[0], k[1], k[2], sources(prs))
                     for k, prs in _group(ers, lambda r: (r["person"], r["personName"], r["role"])).items()]
            events.append(DirectiveEvent(event, name, date, tuple(parts)))
        out.append(DirectiveAnswer(iri, rs[0]["number"], rs[0]["kind"], first.get("date"),
                                   first.get("issuer") or first.get("issuerText"), first.get("subject"),
                                   sources(rs), tuple(sorted(events, key=lambda e: (e.date or "", e.name)))))
    return out


def _first_with(rows: list[Row], fields: tuple[str, ...]) -> dict[str, Any]:
    """For each field, the first non-empty value among rows."""
    return {f: next((r[f] for r in rows if r.get(f)), None) for f in fields}


def path(view: View, a: str, b: str) -> PathAnswer:
    """How two people or bodies are connected, hop by hop, each hop with one evidence sentence.

    The graph is undirected (persons, bodies, events, directives as nodes). The search is
    networkx's bidirectional breadth-first search as ``nx.shortest_path`` runs it on the graph
    built from the view's edges in sorted order (each node's neighbours in ascending order), so
    among equally short paths the same one is found on every run and on either store; a view
    with ``edges_at`` (the embedded store's search index) gives the edges one frontier at a
    time instead of all at once. Evidence is fetched only for the hops of that path."""
    starts, ends = _endpoints(view, a), _endpoints(view, b)
    edges = _Edges(view)
    best = _shortest(edges, starts, ends)
    s, t = (best[0], best[-1]) if best else (starts[0], ends[0])
    hops = []
    for x, y in zip(best or [], (best or [])[1:]):
        relation, ev, stored_from = edges.pairs[(min(x, y), max(x, y))]
        (evidence,) = view.query("evidence", ev=ev)
        hops.append(Hop(x, _label(view, x), relation, stored_from == x, y, _label(view, y), Source.of(evidence)))
    return PathAnswer(s, _label(view, s), t, _label(view, t), tuple(hops))


class _Edges:
    """The undirected edge graph of the edges query, read around the nodes asked for."""

    def __init__(self, view: View) -> None:
        self._fetch: Callable[[list[str]], list[Row] | None] | None = getattr(view, "edges_at", None)
        self._view = view
        self.pairs: dict[tuple[str, str], tuple[str, str, str]] = {}   # sorted pair → (relation, ev, stored source)
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        self._loaded: set[str] | None = set()      # None: every edge is loaded

    def load(self, nodes: Iterable[str]) -> None:
        if self._loaded is None:
            return
        wanted = sorted({n for n in nodes if n not in self._loaded})
        if not wanted:
            return
        rows = self._fetch(wanted) if self._fetch else None
        if rows is None:
            rows, self._loaded = self._view.query("edges"), None
        else:
            self._loaded.update(wanted)
        for r in rows:
            if r["a"] == r["b"]:
                continue
            pair = (min(r["a"], r["b"]), max(r["a"], r["b"]))
            candidate = (r["relation"], r["ev"], r["a"])
            if pair not in self.pairs or candidate < self.pairs[pair]:
                self.pairs[pair] = candidate
            self._neighbours[r["a"]].add(r["b"])
            self._neighbours[r["b"]].add(r["a"])

    def neighbours(self, node: str) -> list[str]:
        return sorted(self._neighbours.get(node, ()))


_SOURCE, _SINK = ("", "start"), ("", "end")


def _shortest(edges: _Edges, starts: list[str], ends: list[str]) -> list[str] | None:
    """networkx's ``_bidirectional_pred_succ`` between a virtual source joined to every start
    and a virtual sink joined to every end (several nodes can match a name), over the graph
    ``nx.Graph().add_edges_from(sorted(pairs))`` would build: a node's neighbours in ascending
    order, then the source, then the sink. The path without the virtual ends, or None."""
    first, last = set(starts), set(ends)

    def adjacent(v: Any) -> list[Any]:
        if v == _SOURCE:
            return list(starts)
        if v == _SINK:
            return list(ends)
        return [*edges.neighbours(v), *([_SOURCE] if v in first else []), *([_SINK] if v in last else [])]

    pred: dict[Any, Any] = {_SOURCE: None}
    succ: dict[Any, Any] = {_SINK: None}
    forward, reverse = [_SOURCE], [_SINK]
    meet: Any = None
    while forward and reverse and meet is None:
        grow_forward = len(forward) <= len(reverse)
        level = forward if grow_forward else reverse
        edges.load(v for v in level if isinstance(v, str))
        seen, other, fringe = (pred, succ, []) if grow_forward else (succ, pred, [])
        for v in level:
            for w in adjacent(v):
                if w not in seen:
                    fringe.append(w)
                    seen[w] = v
                if w in other:
                    meet = w
                    break
            if meet is not None:
                break
        if grow_forward:
            forward = fringe
        else:
            reverse = fringe
    if meet is None:
        return None
    path = []
    w = meet
    while w is not None:
        path.append(w)
        w = pred[w]
    path.reverse()
    w = succ[path[-1]]
    while w is not None:
        path.append(w)
        w = succ[w]
    return path[1:-1]


def _label(view: View, node: str) -> str:
    rows = view.query("node_label", node=node)
    return rows[0]["label"] if rows and rows[0]["label"] else node


def _endpoints(view: View, text: str) -> list[str]:
    """Persons, else bodies, whose folded name is ``text`` (all of them), else contains it."""
    q = _folded(text, "person or body")
    for query, column in (("person_search", "person"), ("body_search", "body")):
        rows = view.query(query, q=q)
        exact = [r[column] for r in rows if r["folded"] == q]
        found = exact or [r[column] for r in rows[:MAX_MATCHES]]
        if found:
            return sorted(found)
    raise UnknownEntity("person or body", text)


def stats(view: View) -> dict[str, int]:
    """How many articles, persons, bodies, posts, holdings, directives, events … the graph holds."""
    counts = {r["kind"]: r["count"] for r in view.query("stats")}
    kinds = ("articles", "sentences", "persons", "bodies", "posts", "holdings", "directives", "events",
             "participations", "places", "evidence")
    out = {k: counts.get(k, 0) for k in kinds}
    out["quads"] = view.size()
    return out
