"""Keeps the search index (kg/store/search_index.py, ``search.sqlite`` in the store folder) in
step with the store.

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
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path
from typing import Any

from kg import ids
from kg.store.index_rows import Rows, graph_rows

FILE = "search.sqlite"
VERSION = "2"
_REBUILD_SHARE = 5          # more than 1/5 of the articles changed: rebuild rather than update
_CHUNK = 500                # graphs whose rows are written together (ids looked up in bulk)
KINDS = {"person": 0, "body": 1, "event": 2, "directive": 3, "led": 4}
LINKS = {"edge": 0, "member": 1, "about": 2, "participant": 3, "led": 4, "suborg": 5, "involves": 6}
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
            self._conn = _create(self._path) if self._empty else open_for_writing(self._path)
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

    conn = open_for_writing(path)
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


def open_for_writing(path: Path) -> sqlite3.Connection | None:
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
                          [(text[f], KINDS[k], node[n], gid, None if o is None else node[o]) for f, k, n, o in rows.names])
            c.executemany("INSERT INTO edge VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [(LINKS[k], node[x], canonical.get(node[x], node[x]), r, node[b],
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
