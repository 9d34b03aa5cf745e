"""The default store: pyoxigraph (Oxigraph, RocksDB) in a folder on disk, no server.

- One named graph per article. Writes are buffered and go to disk in batches: new articles
  through Oxigraph's bulk loader (a small batch: one transaction), their content-hash markers
  in a transaction after them; changed articles in one SPARQL update per batch that
  drops and re-inserts their graphs, so a reader never sees half an article.
- The article node's ``kg:contentHash`` is the marker: an article whose graph has the same
  hash is not written again, so re-ingesting is a no-op.
- Crash safety: every write holds whole articles, so a writer killed at any point leaves each
  article either as it was or as it is now (a new article may lack only its marker, so the
  rerun rewrites it), and the rerun writes the rest. The
  identity-resolution graph is derived from all articles; ``resolution.stale`` in the folder
  is created before the first write and removed once it has been rebuilt (one transaction),
  so a rerun rebuilds it even when it has nothing else to write (tests/chaos/test_crash.py).
- A lock file (``kg.lock`` in the folder) lets one writer or many readers in at a time, and
  tells a second writer who holds it instead of failing inside RocksDB.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import XSD
from rdflib.term import Literal, URIRef

from kg import ids, queries
from kg.errors import QueryError, StoreError
from kg.graph import ArticleGraph, EncodedGraph, Triple, encode
from kg.settings import write_batch_size
from kg.store import index_write, search_index
from kg.store.base import Change, Row
from kg.store.index_rows import NO_ROWS, Rows, graph_rows, noting_rows
from kg.store.lock import StoreLock
from kg.vocab import KG, PREFIXES

_XSD_STRING = str(XSD.string)
_STALE = "resolution.stale"     # present from a writer's first write until resolution is rebuilt
_CONTENT_HASH = ox.NamedNode(str(KG.contentHash))
_BULK_BYTES = 4 << 20   # a batch of new graphs this large (≈ 20 000 quads) goes through the bulk loader
_INTEGERS = {str(XSD.integer), str(XSD.int), str(XSD.long)}
_UNOPENED = object()
_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


def to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.NamedNode(str(term))


def graph_quads(graph: ArticleGraph) -> Iterator[ox.Quad]:
    """The article graph's triples as pyoxigraph quads in its named graph."""
    name = ox.NamedNode(graph.graph)
    return (ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph.triples)  # type: ignore[arg-type]


def to_rdflib(term: Any) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value in _INTEGERS:
        return int(term.value)
    return term.value


class EmbeddedView:
    # Views and writers reach the database through the store, never keep it: RocksDB's lock is
    # released only when the last reference to the database goes, and that must be close().
    def __init__(self, store: EmbeddedStore) -> None:
        self._store = store
        self._index: Any = _UNOPENED

    @property
    def _db(self) -> ox.Store:
        return self._store.database()

    def query(self, name: str, **params: Any) -> list[Row]:
        """The named query's rows; a question's query runs over the graphs the search index
        (kg.store.search_index) says its answer can come from."""
        q = queries.get(name)
        queries.check_params(q, params)
        bound = {k: _param(name, q.params[k], v) for k, v in params.items()}
        index = self._search_index() if name in search_index.SCOPED else None
        if index and name in search_index.ANSWERED:
            return search_index.ANSWERED[name](index, params)
        return self._select(name, index.scope(name, params) if index else None, bound)

    def _select(self, name: str, graphs: list[str] | None, bound: dict[str, Any] | None = None) -> list[Row]:
        """Run the named query over ``graphs`` (None: the whole store)."""
        q = queries.get(name)
        scope = None if graphs is None else [ox.NamedNode(g) for g in graphs]
        try:
            solutions = self._db.query(_with_values(q.sparql, bound or {}), prefixes=PREFIXES, named_graphs=scope)
        except SyntaxError as e:
            raise QueryError(name, f"invalid SPARQL: {e}") from e
        variables = [v.value for v in solutions.variables if v.value not in (bound or {})]
        return [{v: _value(s[v]) for v in variables} for s in solutions]

    def _search_index(self) -> search_index.SearchIndex | None:
        if self._index is _UNOPENED:
            self._index = search_index.open_index(self._store.path, self.graph_names, self._select,
                                                  self.graph_quads, stale=self._store.resolution_stale())
        return self._index   # type: ignore[no-any-return]

    def graph_names(self) -> Iterator[str]:
        return (g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        return self._db.quads_for_pattern(None, None, None, ox.NamedNode(graph))  # type: ignore[no-any-return]

    def edges_at(self, nodes: list[str]) -> list[Row] | None:
        """The rows of the edges query that touch ``nodes``, from the search index (None
        without one: then read them all)."""
        index = self._search_index()
        return index.edges_at(nodes) if index else None

    def article_graphs(self) -> Iterator[tuple[str, list[Triple]]]:
        prefix = ids.GRAPH + "article/"
        names = sorted(g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))
        for name in names:
            quads = self._db.quads_for_pattern(None, None, None, ox.NamedNode(name))
            yield name, [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads]  # type: ignore[misc]

    def export(self, fmt: str, out: BinaryIO) -> None:
        if fmt not in _FORMATS:
            raise StoreError(f"unknown export format {fmt!r} (known: {', '.join(_FORMATS)})")
        if fmt == "turtle":   # a triple format: the union of all graphs, sorted for stable output
            triples = sorted({q.triple for q in self._db}, key=str)
            ox.serialize(triples, out, _FORMATS[fmt], prefixes=PREFIXES)
        else:
            self._db.dump(out, _FORMATS[fmt])

    def size(self) -> int:
        return len(self._db)


def _with_values(sparql: str, bound: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Bind parameters with a VALUES block at the start of the outer WHERE group.

    Oxigraph's ``substitutions`` (SPARQL SEP-0007) would be the natural binding, but it is
    applied after the joins instead of driving them (40× slower on kg's queries), while an
    initial VALUES row is used as the join's starting point, as rdflib's ``initBindings`` is.
    The values are RDF terms serialised by Oxigraph itself (``str(Literal)`` escapes quotes,
    backslashes and line breaks; ``NamedNode`` rejects anything that is not an IRI), so no
    text from a user or an article can change the query's structure."""
    if not bound:
        return sparql
    names = " ".join(f"?{k}" for k in bound)
    values = " ".join(str(v) for v in bound.values())
    head, where, body = sparql.partition("WHERE {")
    return f"{head}{where}\n  VALUES ({names}) {{ ({values}) }}{body}"


def _param(name: str, kind: str, value: Any) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        try:
            return ox.NamedNode(str(value))
        except ValueError as e:
            raise QueryError(name, f"not an IRI: {value!r}") from e
    if kind == "int":
        if not isinstance(value, int):
            raise QueryError(name, f"expected an integer, got {value!r}")
        return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
    return ox.Literal(str(value))


class EmbeddedWriter:
    # kg.graph.EncodedGraph (N-Quads bytes) is written as it is, without rdflib terms.
    accepts_encoded = True

    def __init__(self, store: EmbeddedStore, batch: int) -> None:
        self._store, self._batch = store, batch
        self._pending: dict[str, ArticleGraph | EncodedGraph] = {}
        self._written = self._bulk = False
        # Into an empty store, an article can only be one this writer wrote: its digest is
        # kept here and the store is not asked (each lookup probes every unmerged bulk file,
        # so lookups made a first load slower with every batch).
        self._fresh = next(iter(self._db.named_graphs()), None) is None
        self._mine: dict[str, str] = {}
        self._index = index_write.Updater(store.path, empty_store=self._fresh)

    @property
    def _db(self) -> ox.Store:
        return self._store.database()

    def __enter__(self) -> EmbeddedWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.flush()
        finally:
            self._index.close()
        if self._bulk:
            # Bulk-loaded SST files sit unmerged in RocksDB's first level; until they are
            # compacted every lookup probes each of them (questions 3-6× slower at 1k articles).
            self._db.optimize()
        # The marker, not just this writer's own writes: a writer killed after writing and
        # before rebuilding leaves it, and the rerun (where every article is unchanged) rebuilds.
        if self._written or self._store.resolution_stale():
            self._store.rebuild_resolution()

    def _stored_digest(self, graph: ArticleGraph | EncodedGraph) -> str | None:
        marker = self._db.quads_for_pattern(ox.NamedNode(ids.article_iri(graph.article_id)),
                                            _CONTENT_HASH, None, ox.NamedNode(graph.graph))
        return next((q.object.value for q in marker), None)

    def add_article(self, graph: ArticleGraph | EncodedGraph) -> Change:
        queued = self._pending.get(graph.graph)
        if queued:
            stored: str | None = queued.digest
        elif self._fresh:
            stored = self._mine.get(graph.graph)
        else:
            stored = self._stored_digest(graph)
        if stored == graph.digest:
            return Change.unchanged
        self._pending[graph.graph] = graph
        if len(self._pending) >= self._batch:
            self.flush()
        return Change.added if stored is None else Change.replaced

    def flush(self) -> None:
        if not self._pending:
            return
        graphs = list(self._pending.values())
        self._pending = {}
        if self._fresh:
            new = [g for g in graphs if g.graph not in self._mine]
            self._mine.update((g.graph, g.digest) for g in graphs)
        else:
            new = [g for g in graphs if not self._db.contains_named_graph(ox.NamedNode(g.graph))]
        fresh = {g.graph for g in new}
        old = [g for g in graphs if g.graph not in fresh]
        if not self._written:
            self._store.mark_resolution_stale()
        rows: dict[str, Rows | None] = {}     # each graph's search-index rows, noted as it is parsed
        try:
            if new:
                self._add_new(new, rows)
            if old:
                self._db.update(_replace_update(old, rows))
        except OSError as e:
            raise StoreError(f"writing to {self._store.path} failed: {e}") from e
        self._written = True
        # The batch's rows go to the search index once the batch is in the store: a writer
        # killed before they are committed leaves resolution.stale, and the sync at the end of
        # the next run (or the next reader's) finds these graphs by their content hash.
        self._index.write([(g.graph, g.digest, self._rows(g.graph, rows)) for g in graphs])

    def _rows(self, graph: str, noted: dict[str, Rows | None]) -> Rows:
        rows = noted.get(graph, NO_ROWS)
        if rows is None:      # its quads did not come together: read it back
            rows = graph_rows(self._db.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        return rows

    def _add_new(self, graphs: list[ArticleGraph | EncodedGraph], rows: dict[str, Rows | None]) -> None:
        """Graphs not in the store yet. A big batch goes through Oxigraph's bulk loader (SST
        files, 4-5× faster than a transaction; benchmarks/README.md) with the content-hash markers
        in a transaction after it: a crash in between leaves articles without their marker,
        which the next run sees as unknown content and replaces whole. A small batch is one
        transaction."""
        data = b"".join(g.nquads if isinstance(g, EncodedGraph) else encode(g).nquads for g in graphs)
        quads = noting_rows(ox.parse(data, format=ox.RdfFormat.N_QUADS), rows)
        if len(data) < _BULK_BYTES:
            self._db.extend(quads)
            return
        markers: list[ox.Quad] = []

        def bodies() -> Iterator[ox.Quad]:
            for q in quads:
                if q.predicate == _CONTENT_HASH:
                    markers.append(q)
                else:
                    yield q

        self._db.bulk_extend(bodies())
        self._db.extend(markers)
        self._bulk = True


def _quads(graph: ArticleGraph | EncodedGraph) -> Iterator[ox.Quad]:
    if isinstance(graph, EncodedGraph):
        return ox.parse(graph.nquads, format=ox.RdfFormat.N_QUADS)  # type: ignore[no-any-return]
    return graph_quads(graph)


def _replace_update(graphs: list[ArticleGraph | EncodedGraph], rows: dict[str, Rows | None]) -> str:
    """One SPARQL update that drops and re-inserts ``graphs``: a single transaction. The data
    is the store's own N-Triples serialisation, and graph IRIs are minted by kg.ids
    (percent-encoded), so no text from an article reaches the update unescaped. Each graph's
    search-index rows are noted in ``rows``."""
    drops = "".join(f"DROP SILENT GRAPH <{g.graph}> ;\n" for g in graphs)
    blocks = []
    for g in graphs:
        data = ox.serialize((q.triple for q in noting_rows(_quads(g), rows)), format=ox.RdfFormat.N_TRIPLES)
        blocks.append(f"GRAPH <{g.graph}> {{\n{data.decode('utf-8')}}}")
    return drops + "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


class EmbeddedStore:
    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path, self.read_only = path, read_only
        if read_only and not (path / "CURRENT").exists():
            raise StoreError(f"no store at {path}: run `kg ingest` first (or pass --store)")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the store folder {path}: {e}") from e
        self._lock = StoreLock(path, exclusive=not read_only)
        try:
            self._db: ox.Store | None = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except (OSError, RuntimeError) as e:    # RocksDB reports some failures as RuntimeError
            self._lock.release()
            if read_only and "Column family not found" in str(e):
                # A first `kg ingest` killed while RocksDB was creating the folder; opening it
                # for writing completes it, opening it read-only cannot.
                raise StoreError(f"the store at {path} is incomplete (a kg ingest was stopped while creating "
                                 "it): run kg ingest again") from e
            raise StoreError(f"cannot open the store at {path}: {e}") from e

    def database(self) -> ox.Store:
        if self._db is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._db

    def writer(self, batch: int | None = None) -> EmbeddedWriter:
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        return EmbeddedWriter(self, batch or write_batch_size())

    def view(self) -> EmbeddedView:
        return EmbeddedView(self)

    def rebuild_resolution(self) -> None:
        """Recompute the kg:sameAs links of identity resolution from scratch (kg.resolve), in
        one transaction, and clear the stale marker once they are on disk."""
        from kg.resolve import links

        same_as = ox.NamedNode(str(KG.sameAs))
        triples = [ox.Triple(ox.NamedNode(a), same_as, ox.NamedNode(b))
                   for a, b in links(self.view().query("resolution_candidates"))]
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        update = f"DROP SILENT GRAPH <{ids.RESOLUTION_GRAPH}>"
        if triples:
            update += f" ;\nINSERT DATA {{ GRAPH <{ids.RESOLUTION_GRAPH}> {{\n{data}}} }}"
        db = self.database()
        db.update(update)
        db.flush()
        view = self.view()
        index_write.sync(self.path, view.graph_names(), view._select, view.graph_quads)   # before the marker goes
        (self.path / _STALE).unlink(missing_ok=True)

    def mark_resolution_stale(self) -> None:
        """Say, durably and before any article is written, that the resolution graph must be
        rebuilt: if this process dies before it is, the next writer sees the marker."""
        fd = os.open(self.path / _STALE, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def resolution_stale(self) -> bool:
        return (self.path / _STALE).exists()

    def close(self) -> None:
        if getattr(self, "_db", None) is not None:
            if not self.read_only:
                self._db.flush()   # type: ignore[union-attr]
            self._db = None        # the only reference: dropping it releases RocksDB's lock
            self._lock.release()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({os.fspath(self.path)!r}, read_only={self.read_only})"
