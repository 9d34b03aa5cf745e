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

What a graph puts in the index is computed in one place, kg.store.index_rows, from the graph's
quads. The store's writer hands each batch it writes to an :class:`Updater`, which writes the
batch's rows in one sqlite transaction after the batch is in the store (a replaced article's
rows are dropped first). Then, once the run's articles and the resolution graph are on disk and
before the writer clears ``resolution.stale``, :func:`sync` checks the index against the store
by content hash: each article graph's ``kg:contentHash`` against the one the index recorded.
After a whole run that finds nothing to do but the resolution links; otherwise (a writer
killed between a batch and its rows, a store written before the index existed) it reads the
graphs that differ back from the store, in one transaction, or rebuilds the whole index into a
new file renamed over the old when many differ or there is none. A writer killed at any point
leaves ``resolution.stale``, and the next writer or reader syncs again. Where the index cannot
be written (a read-only folder), questions scan the store as before.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from kg import ids
from kg.store.index_rows import Rows, graph_rows

FILE = "search.sqlite"
VERSION = "2"
_REBUILD_SHARE = 5          # more than 1/5 of the articles changed: rebuild rather than update
_CHUNK = 500                # graphs whose rows are written together (ids looked up in bulk)
_KINDS = {"person": 0, "body": 1, "event": 2, "directive": 3, "led": 4}
_LINKS = {"edge": 0, "member": 1, "about": 2, "participant": 3, "led": 4, "suborg": 5, "involves": 6}
# (edge: a row of edges.rq; the others: index_edges.rq)
_ARTICLE_GRAPHS = ids.GRAPH + "article/"

Select = Callable[[str, "list[str] | None"], "list[dict[str, Any]]"]
"""Runs a named query over the given graphs (None: all) and returns its rows."""
Read = Callable[[str], Iterable[Any]]
"""The quads of one named graph of the store."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE node (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE article (graph INTEGER PRIMARY KEY, digest TEXT);
CREATE TABLE text (id INTEGER PRIMARY KEY, folded TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE text_fts USING fts5 (folded, content='text', content_rowid='id', tokenize='trigram');
CREATE TABLE name (text INTEGER NOT NULL, kind INTEGER NOT NULL, node INTEGER NOT NULL,
                   graph INTEGER NOT NULL, other INTEGER);
CREATE INDEX name_text ON name (text);
CREATE INDEX name_graph ON name (graph);
CREATE TABLE mention (node INTEGER NOT NULL, graph INTEGER NOT NULL, PRIMARY KEY (node, graph)) WITHOUT ROWID;
CREATE INDEX mention_graph ON mention (graph);
CREATE TABLE edge (kind INTEGER NOT NULL, x INTEGER NOT NULL, a INTEGER NOT NULL, relation TEXT,
                   b INTEGER NOT NULL, ev INTEGER, graph INTEGER NOT NULL);
CREATE INDEX edge_a ON edge (a);
CREATE INDEX edge_b ON edge (b);
CREATE INDEX edge_x ON edge (x);
CREATE INDEX edge_ev ON edge (ev);
CREATE INDEX edge_graph ON edge (graph);
CREATE TABLE same_as (alias INTEGER PRIMARY KEY, canonical INTEGER NOT NULL);
CREATE TABLE label (node INTEGER NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL, folded INTEGER,
                    graph INTEGER NOT NULL);
CREATE INDEX label_node ON label (node, prop);
CREATE INDEX label_folded ON label (folded);
CREATE INDEX label_graph ON label (graph);
"""


# --- kept in step by the store's writer, batch by batch ---------------------------------------

class Updater:
    """The index of the store in ``folder`` as its writer writes: the rows of each batch of
    graphs, in one transaction once the batch is in the store. ``empty_store``: the store had
    no graph when the writer opened it, so the index starts empty (a file left over from an
    earlier store is replaced). Without a usable index it writes nothing, and the sync at the
    end of the run builds one."""

    def __init__(self, folder: Path, empty_store: bool) -> None:
        self._path, self._empty = folder / FILE, empty_store
        self._conn: sqlite3.Connection | None = None
        self._opened = False      # at the first batch: a writer that writes nothing leaves no file

    def write(self, graphs: list[tuple[str, str | None, Rows]]) -> None:
        """Replace the rows of ``graphs`` (graph IRI, content hash, its rows)."""
        if not self._opened:
            self._conn = _create(self._path) if self._empty else _open(self._path)
            self._opened = True
        if self._conn is None:
            return
        with self._conn:
            _Writer(self._conn).replace([g for g, _, _ in graphs], graphs)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._opened = None, True


def _create(path: Path) -> sqlite3.Connection:
    """A new, empty index at ``path`` (for a store with no graph yet): any file there is from
    a store that is gone."""
    for stale in (path, path.with_name(path.name + "-journal")):
        stale.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(_SCHEMA)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
    return conn


# --- checked against the store by content hash ------------------------------------------------

def sync(folder: Path, graphs: Iterable[str], select: Select, read: Read) -> None:
    """Bring ``folder``'s index in step with the store: ``graphs`` are the store's named graphs,
    ``select`` runs named queries, ``read`` gives a graph's quads. Rebuilds it when it is
    missing, of another version, or when many articles changed."""
    path = folder / FILE
    articles = [g for g in graphs if g.startswith(_ARTICLE_GRAPHS)]
    digests = {r["g"]: r["digest"] for r in select("index_articles", None)}
    stored = {g: digests.get(g) for g in articles}

    def rows_of(graph: str) -> Rows:
        return graph_rows(read(graph))

    conn = _open(path)
    if conn is None:
        _rebuild(path, stored, select, rows_of)
        return
    try:
        indexed = dict(conn.execute("SELECT n.iri, a.digest FROM article a JOIN node n ON n.id = a.graph"))
        changed = sorted(g for g, d in stored.items() if g not in indexed or indexed[g] != d)
        removed = sorted(set(indexed) - set(stored))
        if (len(changed) + len(removed)) * _REBUILD_SHARE > max(len(stored), 1000):
            conn.close()
            _rebuild(path, stored, select, rows_of)
            return
        with conn:   # resolution may change with no article changed
            writer = _Writer(conn)
            writer.same_as(select)
            if changed or removed:
                writer.replace(changed + removed, ((g, stored[g], rows_of(g)) for g in changed))
    finally:
        conn.close()


def _open(path: Path) -> sqlite3.Connection | None:
    """The index at ``path`` for writing, or None when there is none of this version."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(path)
        version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    if version != (VERSION,):
        conn.close()
        return None
    return conn


def _rebuild(path: Path, stored: dict[str, str | None], select: Select, rows_of: Callable[[str], Rows]) -> None:
    """A new index of the articles ``stored`` (graph → content hash), with the rows
    ``rows_of`` gives for each, written beside the old one and renamed over it, so a reader
    sees the old index or the new one, never a part."""
    for left in path.parent.glob(f"{FILE}.*.tmp*"):      # a build killed part-way
        if not _alive(left.name[len(FILE) + 1:].split(".")[0]):
            left.unlink(missing_ok=True)
    tmp = path.with_name(f"{FILE}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        # No journal: a build that fails is thrown away whole. fsync once at the end instead.
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        with conn:
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
            writer = _Writer(conn)
            writer.same_as(select)
            writer.replace([], ((g, d, rows_of(g)) for g, d in stored.items()))
        conn.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


# (select (value, id) of the values, insert a value, add new (id, value) to the trigram index)
_NODE_IDS = ("SELECT iri, id FROM node WHERE iri IN (SELECT value FROM json_each(?))",
             "INSERT INTO node (iri) VALUES (?)")
_TEXT_IDS = ("SELECT folded, id FROM text WHERE folded IN (SELECT value FROM json_each(?))",
             "INSERT INTO text (folded) VALUES (?)", "INSERT INTO text_fts (rowid, folded) VALUES (?, ?)")
_DROP = ("DELETE FROM name WHERE graph = ?", "DELETE FROM mention WHERE graph = ?", "DELETE FROM edge WHERE graph = ?",
         "DELETE FROM label WHERE graph = ?", "DELETE FROM article WHERE graph = ?")


def _json(values: Iterable[Any]) -> str:
    return json.dumps(sorted(values), ensure_ascii=False)


class _Writer:
    """Rows for a set of article graphs, in the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def nodes(self, iris: Iterable[str]) -> dict[str, int]:
        """The ids of ``iris``, given to those the index has not met."""
        return self._ids(_NODE_IDS, set(iris))

    def texts(self, folded: Iterable[str]) -> dict[str, int]:
        """The ids of the folded names, each new one added to the trigram index too."""
        return self._ids(_TEXT_IDS, set(folded))

    def _ids(self, sql: tuple[str, ...], values: set[str]) -> dict[str, int]:
        """Looked up in bulk (one statement for a chunk of graphs, not one per value)."""
        c = self.conn
        select, insert, *fts = sql
        found = dict(c.execute(select, (_json(values),)))
        missing = sorted(values - found.keys())
        if missing:
            c.executemany(insert, ((v,) for v in missing))
            new = dict(c.execute(select, (_json(missing),)))
            for statement in fts:
                c.executemany(statement, ((new[v], v) for v in missing))
            found.update(new)
        return found

    def replace(self, drop: list[str], add: Iterable[tuple[str, str | None, Rows]]) -> None:
        """Drop the rows of the graphs ``drop``, then write those of ``add`` (graph, content
        hash, its rows), a chunk of graphs at a time."""
        c = self.conn
        dropped = [(i,) for i in self._existing(drop)]
        for statement in _DROP:
            c.executemany(statement, dropped)
        graphs = iter(add)
        while chunk := list(islice(graphs, _CHUNK)):
            self._add(chunk)

    def _existing(self, iris: list[str]) -> list[int]:
        select = "SELECT id FROM node WHERE iri IN (SELECT value FROM json_each(?))"
        return sorted(r[0] for r in self.conn.execute(select, (_json(iris),)))

    def _add(self, chunk: list[tuple[str, str | None, Rows]]) -> None:
        c = self.conn
        iris: set[str] = set()
        folded: set[str] = set()
        for g, _, rows in chunk:
            iris.add(g)
            iris.update(rows.mentions)           # every x and b of the edges among them
            iris.update(n for _, _, _, n in rows.names if n is not None)
            iris.update(ev for _, _, _, _, ev in rows.edges if ev is not None)
            iris.update(node for node, _, _, _ in rows.labels)
            iris.update(node for _, _, node, _ in rows.names)
            folded.update(f for f, _, _, _ in rows.names)
            folded.update(f for _, _, _, f in rows.labels if f is not None)
        node, text = self.nodes(iris), self.texts(folded)
        xs = {node[x] for _, _, rows in chunk for _, x, _, _, _ in rows.edges}
        canonical = dict(c.execute("SELECT alias, canonical FROM same_as WHERE alias IN "
                                   "(SELECT value FROM json_each(?))", (_json(xs),)))
        c.executemany("INSERT INTO article VALUES (?, ?)", ((node[g], d) for g, d, _ in chunk))
        for g, _, rows in chunk:
            gid = node[g]
            c.executemany("INSERT INTO name VALUES (?, ?, ?, ?, ?)",
                          [(text[f], _KINDS[k], node[n], gid, None if o is None else node[o]) for f, k, n, o in rows.names])
            c.executemany("INSERT INTO edge VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [(_LINKS[k], node[x], canonical.get(node[x], node[x]), r, node[b],
                            None if ev is None else node[ev], gid) for k, x, r, b, ev in rows.edges])
            c.executemany("INSERT INTO label VALUES (?, ?, ?, ?, ?)",
                          [(node[n], p, v, None if f is None else text[f], gid) for n, p, v, f in rows.labels])
        c.executemany("INSERT OR IGNORE INTO mention VALUES (?, ?)",
                      sorted((node[n], node[g]) for g, _, rows in chunk for n in rows.mentions))

    def same_as(self, select: Select) -> None:
        """The resolution links as they are now; edges of persons whose link changed re-resolved."""
        c = self.conn
        links = [(r["person"], r["canonical"]) for r in select("same_as", None) if r["g"] == ids.RESOLUTION_GRAPH]
        node = self.nodes(i for link in links for i in link)
        new = {node[a]: node[b] for a, b in links}
        old = dict(c.execute("SELECT alias, canonical FROM same_as"))
        if new == old:
            return
        c.execute("DELETE FROM same_as")
        c.executemany("INSERT INTO same_as VALUES (?, ?)", sorted(new.items()))
        changed = {x for x in set(old) | set(new) if old.get(x) != new.get(x)}
        c.executemany("UPDATE edge SET a = ? WHERE x = ?", ((new.get(x, x), x) for x in sorted(changed)))


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
                       "(SELECT value FROM json_each(?))", _KINDS[kind], json.dumps(texts))

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
        return {r[0] for r in self._q(sql, _LINKS[kind], json.dumps(sorted(set(nodes))))}

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
                       _LINKS[kind], json.dumps(sorted(set(b))))
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
        conn = _open(path)
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
