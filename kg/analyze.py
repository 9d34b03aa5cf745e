"""Network analytics over a store View: who meets whom, who is central, who bridges bodies.

- The co-attendance network: persons are linked when they took part in the same event
  (led, spoke or attended), weighted by how many events they shared.
- Ranking: degree (how many people a person met), weighted degree (meetings shared) and
  betweenness (how often a person lies on the shortest paths between others).
- Communities: groups of people who meet together (Louvain modularity, seeded, so the same
  graph gives the same groups).
- Bridges: people holding posts in, or leading, more than one body, counted after folding
  each body into the body it is part of ("Ban Thường vụ Tỉnh ủy" into "Tỉnh ủy"), with their
  betweenness in the person–body network.

All of it can be limited to a period (``since``/``until``), with the dated-facts rule of
:mod:`kg.export.filters`.

Which library (``backend="auto"``): networkx for small graphs, igraph past about a million
edges. Measured on a 2-core machine with 200 000 nodes and 1 000 000 edges (networkx 3.6.1,
igraph 1.0.0; ../shared/notes/neo4j-and-perf.md §6.2): building the graph 4.77 s vs 0.45 s,
connected components 1.31 s vs 0.12 s, PageRank 6.2 s vs 0.28 s, and networkx's *sampled*
betweenness (k=100) alone took 411 s; igraph is 10–25× faster and holds the graph in 3×
less memory (rustworkx is as fast, but has no Louvain). Exact betweenness costs nodes ×
edges steps, so ``auto`` moves to igraph much earlier for it (:data:`BETWEENNESS_STEPS`).
Both give the same betweenness; their Louvain implementations may group a few people
differently, and the analysis says which one ran.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from kg.errors import KgError
from kg.export.filters import Filter, apply
from kg.export.projection import PropertyGraph, project
from kg.store.base import View

BIG_EDGES = 1_000_000
"""Above this many edges, ``backend="auto"`` uses igraph."""
BETWEENNESS_STEPS = 2_000_000
"""Nodes × edges above which ``auto`` uses igraph, for exact betweenness: on the corpus,
networkx took 3 s for the co-attendance network (1 057 nodes, 2 739 edges) and 40 s for
the person–body network (4 470 nodes, 4 007 edges), igraph 0.6 s for the latter."""
BACKENDS = ("auto", "networkx", "igraph")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    degree: int                # distinct people met at events
    meetings: int              # weighted degree: (person, event, other person) triples
    events: int                # events taken part in
    betweenness: float         # normalised, in the co-attendance network


@dataclass(frozen=True)
class Community:
    size: int
    events: int                # events at least two members took part in together
    members: tuple[str, ...]   # names, most connected first


@dataclass(frozen=True)
class Bridge:
    id: str
    name: str
    bodies: tuple[str, ...]    # top-level bodies the person holds posts in or led
    betweenness: float         # normalised, in the person–body network


@dataclass(frozen=True)
class Analysis:
    since: str | None
    until: str | None
    backend: str
    persons: int               # persons in the co-attendance network
    events: int
    edges: int                 # co-attendance pairs
    ranking: tuple[Person, ...]
    communities: tuple[Community, ...]
    bridges: tuple[Bridge, ...]


def co_attendance(graph: PropertyGraph) -> tuple[nx.Graph, dict[str, set[str]]]:
    """The co-attendance network (weight = shared events) and each person's events."""
    events: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        if e.type == "took_part":
            events[e.source].add(e.target)
    g = nx.Graph()
    g.add_nodes_from(sorted(events))
    people: dict[str, list[str]] = defaultdict(list)
    for person, evs in sorted(events.items()):
        for ev in evs:
            people[ev].append(person)
    for ev in sorted(people):
        for a, b in combinations(sorted(people[ev]), 2):
            w = g.get_edge_data(a, b, {"weight": 0})["weight"]
            g.add_edge(a, b, weight=w + 1)
    return g, events


def _top_bodies(graph: PropertyGraph) -> dict[str, str]:
    """Each body → the body it is (transitively) part of; itself when it is part of none."""
    parent = {e.source: e.target for e in sorted(graph.edges, key=lambda e: (e.source, e.target))
              if e.type == "part_of"}
    top: dict[str, str] = {}
    for body in (n.id for n in graph.nodes.values() if n.kind == "body"):
        seen, here = {body}, body
        while here in parent and parent[here] not in seen:
            here = parent[here]
            seen.add(here)
        top[body] = here
    return top


def person_bodies(graph: PropertyGraph) -> dict[str, set[str]]:
    """Person → top-level bodies of the posts they hold and of what they led."""
    top = _top_bodies(graph)
    holder = {e.target: e.source for e in graph.edges if e.type == "holds"}
    post_of = {e.source: e.target for e in graph.edges if e.type == "of_post"}
    body_of = {e.source: e.target for e in graph.edges if e.type == "post_in"}
    out: dict[str, set[str]] = defaultdict(set)
    for holding, person in holder.items():
        body = body_of.get(post_of.get(holding, ""))
        if body:
            out[person].add(top.get(body, body))
    for e in graph.edges:
        if e.type == "led":
            out[e.source].add(top.get(e.target, e.target))
    return out


def pick_backend(g: nx.Graph, backend: str = "auto") -> str:
    """``backend``, or for ``auto``: igraph past :data:`BIG_EDGES` edges, or when exact
    betweenness (n·m steps) would keep networkx busy for seconds; else networkx."""
    if backend != "auto":
        return backend
    big = g.number_of_edges() > BIG_EDGES or g.number_of_nodes() * g.number_of_edges() > BETWEENNESS_STEPS
    return "igraph" if big else "networkx"


def betweenness(g: nx.Graph, backend: str) -> dict[str, float]:
    """Exact betweenness, normalised as networkx does for undirected graphs."""
    if backend == "networkx" or g.number_of_nodes() < 3:
        return nx.betweenness_centrality(g, normalized=True) if g.number_of_nodes() else {}
    h, names = _igraph(g)
    n = len(names)
    scale = 2 / ((n - 1) * (n - 2))
    return {names[i]: b * scale for i, b in enumerate(h.betweenness(directed=False))}


def communities(g: nx.Graph, backend: str) -> list[set[str]]:
    """Louvain communities (weighted, seeded: the same graph gives the same groups)."""
    if not g.number_of_edges():
        return [{n} for n in g.nodes]
    if backend == "networkx":
        return [set(c) for c in nx.community.louvain_communities(g, weight="weight", seed=0)]
    import igraph as ig

    h, names = _igraph(g)
    ig.set_random_number_generator(random.Random(0))
    return [{names[i] for i in part} for part in h.community_multilevel(weights="weight")]


def _igraph(g: nx.Graph):  # type: ignore[no-untyped-def]
    import igraph as ig

    names = list(g.nodes)
    h = ig.Graph(n=len(names), edges=_indexed_edges(g, names))
    h.es["weight"] = [d.get("weight", 1) for *_, d in g.edges(data=True)]
    return h, names


def _indexed_edges(g: nx.Graph, names: list[str]) -> list[tuple[int, int]]:
    index = {name: i for i, name in enumerate(names)}
    return [(index[a], index[b]) for a, b in g.edges]


def analyze(view: View, since: str | None = None, until: str | None = None, *, top: int = 20,
            backend: str = "auto") -> Analysis:
    """Ranking, communities and bridges of the co-attendance network, for a period.

    Args:
        view: the store to read.
        since, until: ISO dates; only facts dated within the period count.
        top: how many persons and bridges to list.
        backend: ``networkx``, ``igraph``, or ``auto`` (igraph past :data:`BIG_EDGES` edges).
    """
    if backend not in BACKENDS:
        raise KgError(f"unknown backend {backend!r} (known: {', '.join(BACKENDS)})")
    graph = apply(project(view), Filter(since=since, until=until))
    return analyze_graph(graph, since, until, top=top, backend=backend)


def analyze_graph(graph: PropertyGraph, since: str | None = None, until: str | None = None, *,
                  top: int = 20, backend: str = "auto") -> Analysis:
    """:func:`analyze` on a property graph already read (and filtered)."""
    g, events = co_attendance(graph)
    chosen = pick_backend(g, backend)
    between, groups = betweenness(g, chosen), communities(g, chosen)
    label = {k: n.label for k, n in graph.nodes.items()}
    ranking = sorted((Person(p, label[p], g.degree(p), int(g.degree(p, weight="weight")), len(events[p]),
                             round(between.get(p, 0.0), 6)) for p in g.nodes),
                     key=lambda p: (-p.degree, -p.betweenness, -p.meetings, p.name, p.id))
    found = []
    for group in groups:
        if len(group) < 2:
            continue
        shared = Counter(ev for p in group for ev in events[p])
        members = sorted(group, key=lambda p: (-g.degree(p), label[p], p))
        found.append(Community(len(group), sum(1 for c in shared.values() if c >= 2),
                               tuple(label[p] for p in members)))
    found.sort(key=lambda c: (-c.size, -c.events, c.members))
    return Analysis(since, until, chosen, g.number_of_nodes(), len({ev for evs in events.values() for ev in evs}),
                    g.number_of_edges(), tuple(ranking[:top]), tuple(found),
                    tuple(_bridges(graph, label, backend)[:top]))


def _bridges(graph: PropertyGraph, label: dict[str, str], backend: str) -> list[Bridge]:
    bodies = person_bodies(graph)
    b = nx.Graph()
    for person, tops in sorted(bodies.items()):
        b.add_edges_from((person, body) for body in sorted(tops))
    between = betweenness(b, pick_backend(b, backend))
    # Two bodies of the same name (a Tỉnh ủy of two provinces) show as one name, and count once.
    out = [Bridge(p, label[p], tuple(sorted({label[t] for t in tops})), round(between.get(p, 0.0), 6))
           for p, tops in bodies.items() if len({label[t] for t in tops}) >= 2]
    return sorted(out, key=lambda x: (-len(x.bodies), -x.betweenness, x.name, x.id))
