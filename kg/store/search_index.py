"""The embedded store's search index: which article graphs a question needs, so that its query
runs over those graphs only (pyoxigraph ``named_graphs=``) instead of scanning every article.

It lives next to the quads, in ``search.sqlite`` in the store folder (stdlib sqlite3), and holds
what the questions start from:

- ``text`` — every distinct folded name, with an FTS5 ``trigram`` index for substring search;
  ``name`` — which person, body, directive or led participation carries it, in which graph;
- ``mention`` — the graphs each person, body, event and directive appears in;
- ``edge`` — the rows of edges.rq with their graph (persons resolved through ``same_as``), the
  adjacency ``kg path`` walks one frontier at a time (and who led which body, for ``kg body``).

The query text is unchanged: a question's graphs are a superset of those its answer comes
from (the resolution graph included), so it gives the same rows, in the same order, as over
the whole store. tests/store/test_search_index.py checks that for every question on the dev
articles.

The index is written by kg.store.index_write, as the store's writer writes and checked against
the store by content hash; this module reads it.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg import ids
from kg.store.index_write import FILE, KINDS, LINKS, Read, Select, open_for_writing, sync


# --- reading ----------------------------------------------------------------------------------

class SearchIndex:
    """Read access: the graphs a named query needs, and the path adjacency."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self._iri: dict[int, str] = {}     # node ids met so far, both ways (the index is read-only)
        self._id: dict[str, int] = {}

    def close(self) -> None:
        self._conn.close()

    def scope(self, name: str, params: dict[str, Any]) -> list[str] | None:
        """The graphs the named query's answer can come from, sorted, the resolution graph
        included; None when the query is not one the index narrows (it runs on everything)."""
        rule = _SCOPES.get(name)
        if rule is None:
            return None
        graphs = rule(self, params)
        if graphs is None:
            return None
        return sorted(self._iris(graphs) | {ids.RESOLUTION_GRAPH})

    # the pieces the rules are made of (node and graph ids)
    def _q(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, args).fetchall()

    def _ids(self, iris: Iterable[str]) -> list[int]:
        iris = set(iris)
        self._remember("iri", sorted(i for i in iris if i not in self._id))
        return sorted(self._id[i] for i in iris if i in self._id)

    def _remember(self, column: str, missing: list[Any]) -> None:
        """Reads the (id, iri) pairs of the nodes not yet cached, by ``column`` ("id" or "iri")."""
        if not missing:
            return
        sql = ("SELECT id, iri FROM node WHERE iri IN (SELECT value FROM json_each(?))" if column == "iri"
               else "SELECT id, iri FROM node WHERE id IN (SELECT value FROM json_each(?))")
        for node, iri in self._q(sql, json.dumps(missing)):
            self._id[iri], self._iri[node] = node, iri

    def _iris(self, nodes: Iterable[int]) -> set[str]:
        return set(self._iri_map(nodes).values())

    def _texts(self, q: str, exact: bool = False) -> list[int]:
        """Ids of the folded names that contain ``q`` (or are ``q``), exactly as SPARQL's CONTAINS
        and ``=`` compare; the trigram index narrows, Python decides."""
        if exact:
            return [r[0] for r in self._q("SELECT id FROM text WHERE folded = ?", q)]
        if len(q) >= 3 and "\x00" not in q:      # FTS5 reads a NUL as the end of its query
            phrase = '"' + q.replace('"', '""') + '"'
            rows = self._q("SELECT t.id, t.folded FROM text_fts f JOIN text t ON t.id = f.rowid "
                           "WHERE text_fts MATCH ?", phrase)
        else:                                     # shorter than a trigram: every name is read
            rows = self._q("SELECT id, folded FROM text")
        return [i for i, folded in rows if q in folded]

    def _names(self, texts: list[int], kind: str) -> list[tuple[int, int, int | None]]:
        """(node, graph, other) of the names with these texts."""
        return self._q("SELECT node, graph, other FROM name WHERE kind = ? AND text IN "
                       "(SELECT value FROM json_each(?))", KINDS[kind], json.dumps(texts))

    def _mentions(self, nodes: Iterable[int]) -> set[int]:
        return {r[0] for r in self._q("SELECT DISTINCT graph FROM mention WHERE node IN "
                                      "(SELECT value FROM json_each(?))", json.dumps(sorted(set(nodes))))}

    def _persons(self, nodes: Iterable[int]) -> set[int]:
        """Graphs enough for ``GRAPH ?g2 { ?person foaf:name ?name }`` (with or without its
        folded name) after resolution, for these persons: one graph per distinct name of each
        and of the person it resolves to. The queries that read it are DISTINCT or take a MIN
        over it, so the graph it comes from does not change their answer."""
        nodes = set(nodes)
        canonical = {r[0] for r in self._q("SELECT canonical FROM same_as WHERE alias IN "
                                           "(SELECT value FROM json_each(?))", json.dumps(sorted(nodes)))}
        return {r[0] for r in self._q("SELECT MIN(graph) FROM label WHERE prop = 'name' AND node IN "
                                      "(SELECT value FROM json_each(?)) GROUP BY node, value, folded",
                                      json.dumps(sorted(nodes | canonical)))}

    def _link_graphs(self, kind: str, nodes: Iterable[int], ends: str = "b") -> set[int]:
        """Graphs of the links of ``kind`` into (``b``) or out of (``x``) ``nodes``."""
        sql = {"b": "SELECT DISTINCT graph FROM edge WHERE kind = ? AND b IN (SELECT value FROM json_each(?))",
               "x": "SELECT DISTINCT graph FROM edge WHERE kind = ? AND x IN (SELECT value FROM json_each(?))"}[ends]
        return {r[0] for r in self._q(sql, LINKS[kind], json.dumps(sorted(set(nodes))))}

    # --- questions answered from the index itself (the same rows as their SPARQL) ----------
    def person_search(self, q: str) -> list[dict[str, Any]]:
        """person_search.rq's rows: persons whose folded name contains ``q``, resolved, with
        MIN(name), MIN(folded) over the graphs naming them and COUNT(DISTINCT article graph)."""
        rows = self._names(self._texts(q), "person")
        canonical = dict(self._q("SELECT alias, canonical FROM same_as WHERE alias IN (SELECT value FROM "
                                 "json_each(?))", json.dumps(sorted({n for n, _, _ in rows}))))
        graphs: dict[int, set[int]] = {}
        for node, graph, _ in rows:
            graphs.setdefault(canonical.get(node, node), set()).add(graph)
        names = self._q("SELECT l.node, MIN(l.value), MIN(t.folded) FROM label l JOIN text t ON t.id = l.folded "
                        "WHERE l.prop = 'name' AND l.node IN (SELECT value FROM json_each(?)) GROUP BY l.node",
                        json.dumps(sorted(graphs)))
        iris = self._iri_map(graphs)
        out = [{"person": iris[n], "name": name, "folded": folded, "articles": len(graphs[n])} for n, name, folded in names]
        return sorted(out, key=lambda r: (r["name"], r["person"]))

    def body_search(self, q: str) -> list[dict[str, Any]]:
        """body_search.rq's rows: bodies with a folded name containing ``q``: MIN(label) and
        MIN(folded) over the matching (label, folded) pairs, MIN(kind) over every graph, and
        COUNT(DISTINCT article graph)."""
        rows = self._q("SELECT l.node, l.value, t.folded, l.graph FROM label l JOIN text t ON t.id = l.folded "
                       "WHERE l.prop = 'body' AND l.folded IN (SELECT value FROM json_each(?))",
                       json.dumps(self._texts(q)))
        found: dict[int, list[Any]] = {}
        for node, label, folded, graph in rows:
            f = found.setdefault(node, [label, folded, set()])
            f[0], f[1] = min(f[0], label), min(f[1], folded)
            f[2].add(graph)
        kinds = dict(self._q("SELECT node, MIN(value) FROM label WHERE prop = 'kind' AND node IN "
                             "(SELECT value FROM json_each(?)) GROUP BY node", json.dumps(sorted(found))))
        iris = self._iri_map(found)
        out = [{"body": iris[n], "label": label, "folded": folded, "kind": kinds.get(n), "articles": len(gs)}
               for n, (label, folded, gs) in found.items()]
        return sorted(out, key=lambda r: (r["label"], r["body"]))

    def node_label(self, node: str) -> list[dict[str, Any]]:
        """node_label.rq's rows: MIN(label) and MIN(type) over node_label's four branches."""
        rows = self._q("SELECT MIN(value), MIN(substr(prop, 7)) FROM label WHERE prop LIKE 'label:%' AND node IN "
                       "(SELECT value FROM json_each(?)) HAVING COUNT(*) > 0", json.dumps(self._ids([node])))
        return [{"label": label, "type": kind} for label, kind in rows]

    def _iri_map(self, nodes: Iterable[int]) -> dict[int, str]:
        nodes = set(nodes)
        self._remember("id", sorted(n for n in nodes if n not in self._iri))
        return {n: self._iri[n] for n in nodes if n in self._iri}

    def _linked(self, kind: str, b: Iterable[int]) -> set[int]:
        """The ``x`` (as stated) of the links of ``kind`` into the nodes ``b``."""
        rows = self._q("SELECT DISTINCT x FROM edge WHERE kind = ? AND b IN (SELECT value FROM json_each(?))",
                       LINKS[kind], json.dumps(sorted(set(b))))
        return {r[0] for r in rows}

    def edges_at(self, nodes: Iterable[str]) -> list[dict[str, Any]]:
        """The rows of edges.rq (a, relation, b, ev) with ``a`` or ``b`` among ``nodes``."""
        rows = self._q("SELECT a, relation, b, ev FROM edge WHERE kind = 0 AND a IN (SELECT value FROM json_each(?1)) "
                       "UNION SELECT a, relation, b, ev FROM edge WHERE kind = 0 AND b IN (SELECT value FROM json_each(?1))",
                       json.dumps(self._ids(nodes)))
        iris = self._iri_map({n for a, _, b, ev in rows for n in (a, b, ev)})
        return [{"a": iris[a], "relation": rel, "b": iris[b], "ev": iris[ev]} for a, rel, b, ev in rows]


def _one(index: SearchIndex, params: dict[str, Any], key: str) -> list[int]:
    return index._ids([str(params[key])])


WHO_LED_SCAN_RATIO = 5     # n × (100 + n) above this many times the articles: scan (see _who_led)


def _who_led(index: SearchIndex, p: dict[str, Any]) -> set[int] | None:
    """The graphs of the led participations whose texts contain ``q``, and those naming their
    leaders; None (the whole store) when that is faster. Oxigraph evaluates who_led over a list
    of n named graphs ever more slowly per graph as n grows (measured on 10k articles: 0.04 s a
    graph at n = 25, 0.06 at 100, 0.2 at 700: about n × (30 + 0.3 n) ms) while a scan of the
    store costs about 1.4 ms an article; a name most articles share ("Đoàn công tác của UBND
    tỉnh": 613 rows from 504 articles) is therefore read by a scan, as before."""
    rows = index._names(index._texts(p["q"]), "led")
    graphs = {g for _, g, _ in rows}
    articles = index._q("SELECT COUNT(*) FROM article")[0][0]
    if len(graphs) * (100 + len(graphs)) > WHO_LED_SCAN_RATIO * articles:
        return None
    return graphs | index._persons(o for _, _, o in rows if o is not None)


def _directive(index: SearchIndex, p: dict[str, Any]) -> set[int]:
    return {g for _, g, _ in index._names(index._texts(p["q"], exact=True), "directive")}


def _node(key: str) -> Callable[[SearchIndex, dict[str, Any]], set[int]]:
    return lambda index, p: index._mentions(_one(index, p, key))


def _body_with(kind: str) -> Callable[[SearchIndex, dict[str, Any]], set[int]]:
    """The graphs linking persons to the body (holders, leaders), and graphs naming them."""
    def rule(index: SearchIndex, p: dict[str, Any]) -> set[int]:
        body = _one(index, p, "body")
        return index._link_graphs(kind, body) | index._persons(index._linked(kind, body))
    return rule


def _body_parts(index: SearchIndex, p: dict[str, Any]) -> set[int]:
    body = _one(index, p, "body")
    return index._link_graphs("suborg", body) | index._link_graphs("suborg", body, ends="x")


def _directive_events(index: SearchIndex, p: dict[str, Any]) -> set[int]:
    directive = _one(index, p, "directive")
    events = index._linked("about", directive)
    return index._link_graphs("about", directive) | index._persons(index._linked("participant", events))


def _evidence(index: SearchIndex, p: dict[str, Any]) -> set[int] | None:
    graphs = {r[0] for r in index._q("SELECT graph FROM edge WHERE ev IN (SELECT value FROM json_each(?))",
                                      json.dumps(_one(index, p, "ev")))}
    return graphs or None


_SCOPES: dict[str, Callable[[SearchIndex, dict[str, Any]], set[int] | None]] = {
    "who_led": _who_led,
    "directive": _directive,
    "person_timeline": _node("person"),
    "person_aliases": lambda index, p: set(),
    "body_parts": _body_parts,
    "body_events_involved": lambda index, p: index._link_graphs("involves", _one(index, p, "body")),
    "body_holdings": _body_with("member"),
    "body_events_led": _body_with("led"),
    "directive_events": _directive_events,
    "evidence": _evidence,
}


def open_index(folder: Path, graphs: Callable[[], Iterator[str]], select: Select, read: Read,
               stale: bool) -> SearchIndex | None:
    """The index of the store in ``folder`` for questions: built first when there is none,
    synced when a writer stopped before finishing (``stale``); None when it cannot be written
    (a read-only folder), and questions then scan the whole store."""
    path = folder / FILE
    try:
        conn = open_for_writing(path)
        if conn is not None:
            conn.close()
        if conn is None or stale:
            sync(folder, graphs(), select, read)
        return SearchIndex(path)
    except (OSError, sqlite3.Error):
        return None

ANSWERED = {"person_search": lambda index, p: index.person_search(p["q"]),
            "body_search": lambda index, p: index.body_search(p["q"]),
            "node_label": lambda index, p: index.node_label(str(p["node"]))}
"""Named queries whose rows the index gives itself: their SPARQL aggregates over every article
naming a person or body (a count of articles, a MIN over labels), which a scope cannot narrow."""

SCOPED = frozenset(_SCOPES) | frozenset(ANSWERED)
"""The named queries the index narrows to a set of graphs or answers."""
