"""Filters shared by every export format and ``kg view``: kinds of facts, dates, neighbourhood.

Applied in that order, to the property graph of :func:`kg.export.projection.project`:

1. ``kinds``: keep the edges of those fact kinds (``holdings``, ``events``, ``directives``,
   ``bodies``, ``places``, ``sources``); nodes that belong to a kind left out (holdings and
   posts, events, directives, places, articles) go with it; persons and bodies stay when an
   edge still reaches them.
2. ``since``/``until``: keep the dated facts (holdings, events, directives, articles and their
   edges) whose span overlaps the period; facts without a full date are left out, as nobody
   can tell whether they fall in it. Persons, bodies, posts and places stay when a kept fact
   reaches them, and so do the bodies they are part of and the places they are tied to.
3. ``around``/``depth``: the nodes within ``depth`` steps of the nodes named ``around``
   (matched without diacritics, :func:`kg.text.normalize.fold`). Stepping onto a holding or
   a post is free, as they only spell out a person's post in a body: depth 1 around a
   person reaches their bodies and events. Articles are reached but not walked through, or
   depth 2 would be every article the person appears in, whole.
"""
from __future__ import annotations

import calendar
import difflib
import re
from collections import deque
from dataclasses import dataclass

from kg.errors import KgError, UnknownEntity
from kg.export.projection import EDGE_TYPES, FACT_KINDS, OWNED_BY, Edge, PropertyGraph, add_spells
from kg.text.normalize import fold

_FREE_STEP = frozenset({"holding", "post"})
_DATED_NODES = frozenset({"holding", "event", "directive", "article"})


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def period_bound(text: str, *, end: bool = False) -> str:
    """An ISO date from "2021", "2021-04" or "2021-04-25": the first day of the year or month,
    or with ``end`` its last day. KgError for anything else."""
    m = _PARTIAL_DATE.match(text.strip())
    if not m:
        raise KgError(f"not a date: {text!r} (use yyyy, yyyy-mm or yyyy-mm-dd)")
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if not 1 <= month <= 12:
        raise KgError(f"not a date: {text!r} (month {month})")
    last = calendar.monthrange(year, month)[1]
    d = int(day) if day else (last if end else 1)
    if not 1 <= d <= last:
        raise KgError(f"not a date: {text!r} (day {d})")
    return f"{year:04d}-{month:02d}-{d:02d}"


@dataclass(frozen=True)
class Filter:
    kinds: frozenset[str] | None = None     # None: every kind
    since: str | None = None                # ISO date, inclusive
    until: str | None = None
    around: str | None = None               # a name, any diacritics
    depth: int = 1

    def __post_init__(self) -> None:
        unknown = sorted(set(self.kinds or ()) - set(FACT_KINDS))
        if unknown:
            raise KgError(f"unknown kinds {', '.join(unknown)} (known: {', '.join(FACT_KINDS)})")
        if self.depth < 0:
            raise KgError(f"depth must be 0 or more, not {self.depth}")
        if self.since and self.until and self.until < self.since:
            raise KgError(f"the period ends ({self.until}) before it starts ({self.since})")

    @property
    def empty(self) -> bool:
        return self.kinds is None and not self.since and not self.until and not self.around


def apply(graph: PropertyGraph, f: Filter) -> PropertyGraph:
    """The part of ``graph`` that ``f`` keeps (``graph`` itself when ``f`` is empty)."""
    if f.empty:
        return graph
    if f.kinds is not None:
        graph = _kinds(graph, f.kinds)
    if f.since or f.until:
        graph = _period(graph, f.since, f.until)
    if f.around:
        graph = _around(graph, f.around, f.depth)
    add_spells(graph)
    return graph


def _subgraph(graph: PropertyGraph, keep: set[str], edges: list[Edge] | None = None) -> PropertyGraph:
    nodes = {k: n for k, n in graph.nodes.items() if k in keep}
    kept = [e for e in (graph.edges if edges is None else edges) if e.source in nodes and e.target in nodes]
    return PropertyGraph(nodes, kept)


def _kinds(graph: PropertyGraph, kinds: frozenset[str]) -> PropertyGraph:
    edges = [e for e in graph.edges if EDGE_TYPES[e.type][0] in kinds]
    reached = {end for e in edges for end in (e.source, e.target)}
    keep = {k for k, n in graph.nodes.items()
            if (OWNED_BY[n.kind] in kinds if n.kind in OWNED_BY else k in reached)}
    return _subgraph(graph, keep, edges)


def _overlaps(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    if not start:
        return False
    return (until is None or start <= until) and (since is None or (end or start) >= since)


def _period(graph: PropertyGraph, since: str | None, until: str | None) -> PropertyGraph:
    def within(start: str | None, end: str | None) -> bool:
        return _overlaps(start, end, since, until)

    edges_in = [e for e in graph.edges if not e.timeless and within(e.start, e.end)]
    keep = {k for k, n in graph.nodes.items() if n.kind in _DATED_NODES and within(n.start, n.end)}
    keep |= {end for e in edges_in for end in (e.source, e.target)
             if graph.nodes[end].kind not in _DATED_NODES or within(graph.nodes[end].start, graph.nodes[end].end)}
    timeless = [e for e in graph.edges if e.timeless]
    frontier = list(keep)
    outgoing: dict[str, list[str]] = {}
    for e in timeless:
        outgoing.setdefault(e.source, []).append(e.target)
    while frontier:                         # parents of kept bodies, places of kept bodies, …
        for target in outgoing.get(frontier.pop(), ()):
            if target not in keep:
                keep.add(target)
                frontier.append(target)
    return _subgraph(graph, keep, edges_in + timeless)


def find(graph: PropertyGraph, name: str) -> list[str]:
    """Ids of the nodes named ``name`` (diacritics and case ignored): exact matches, else
    labels that contain it; UnknownEntity with suggestions when none does."""
    wanted = fold(name)
    folded = {k: fold(n.label) for k, n in graph.nodes.items() if n.kind != "article"}
    exact = [k for k, f in folded.items() if f == wanted]
    if exact:
        return exact
    within = [k for k, f in folded.items() if wanted and wanted in f]
    if within:
        return within
    close = difflib.get_close_matches(wanted, sorted(set(folded.values())), n=5, cutoff=0.6)
    labels = {fold(n.label): n.label for n in graph.nodes.values()}
    raise UnknownEntity("node", name, tuple(labels[c] for c in close))


def _around(graph: PropertyGraph, name: str, depth: int) -> PropertyGraph:
    neighbours: dict[str, set[str]] = {k: set() for k in graph.nodes}
    for e in graph.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    distance = {k: 0 for k in find(graph, name)}
    queue = deque(distance)
    while queue:                            # 0-1 breadth-first: free steps go to the front
        here = queue.popleft()
        if graph.nodes[here].kind == "article" and distance[here] > 0:
            continue
        for there in neighbours[here]:
            step = 0 if graph.nodes[there].kind in _FREE_STEP else 1
            d = distance[here] + step
            if d <= depth and d < distance.get(there, depth + 1):
                distance[there] = d
                (queue.appendleft if step == 0 else queue.append)(there)
    return _subgraph(graph, set(distance))
