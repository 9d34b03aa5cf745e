"""Loading article graphs into Neo4j: the Writer of the Neo4j backend, and ``load`` (kg load).

- Articles are converted to rows (kg.store.neo4j_model) and written in batches: one write
  transaction per batch of articles, one ``UNWIND $rows`` statement per label and relationship
  type (chunks of ``batch`` rows), never a round trip per row. A thread writes one batch while
  the caller reads and converts the next.
- An article Neo4j has no Article node for is new: its own nodes (sentences, evidence, events)
  and every relationship keyed on it are CREATEd (duplicate rows removed first, as MERGE would
  have merged them); shared nodes and the relationships between them are always MERGEd, and so
  is everything of an article Neo4j already holds. Both write the same graph
  (tests/store/test_neo4j_load_plan.py).
- The Article node's ``content_hash`` is the loaded-marker, set only once the shared nodes
  the article touches are summarised and SAME_AS recomputed (``_mark_loaded``), so a load
  killed at any point leaves no article marked as loaded before it is complete, and
  ``kg load --incremental`` finishes the job (tests/chaos/test_neo4j_faults.py). An article
  whose hash changed has its old content removed first, in the same transaction.
- When the writer closes, the shared nodes the batch touched are summarised from their
  MENTIONS (names, labels, dates; a node no article mentions any more is removed), and the
  identity-resolution links (SAME_AS) are recomputed with kg.resolve, as the embedded store does.
  Into an empty database the writer has seen every MENTIONS it summarises, so it gathers them
  as it writes instead of reading them back.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction
from neo4j import exceptions as nx

from kg import ids, queries
from kg.errors import StoreError
from kg.graph import ArticleGraph, Triple
from kg.store.base import Change, View
from kg.store.neo4j import Neo4jStore, connection_error
from kg.store.neo4j_lock import LoadLock
from kg.store.neo4j_model import PER_ARTICLE, SHARED, ArticleRows, article_rows, as_date, holding_span
from kg.vocab import KG

Row = dict[str, Any]
_NODE_ORDER = (*PER_ARTICLE, *SHARED)
_REL_ORDER = ("IN_ARTICLE", "IN_SENTENCE", "DERIVED_FROM", "OF_POST", "POST_IN", "HOLDS", "JURISDICTION",
              "PART_OF", "TOOK_PART", "LED", "INVOLVES", "ABOUT", "ISSUED_BY", "SUCCESSOR")
# Relationships between shared nodes, which many articles write: always MERGEd. Every other
# relationship is keyed on something of one article (its sentences, evidence, article id), so a
# new article's are CREATEd (kg/queries/neo4j/load.cypher says why).
_SHARED_RELS = frozenset({"OF_POST", "POST_IN"})
# What each relationship's MERGE in load.cypher matches on besides its two ends: rows equal on
# these are one relationship (tests/store/test_neo4j_load_plan.py checks the statements agree).
MERGE_KEYS: dict[str, tuple[str, ...]] = {
    "IN_ARTICLE": (), "IN_SENTENCE": (), "DERIVED_FROM": (), "OF_POST": (), "POST_IN": (),
    "HOLDS": ("evidence",), "JURISDICTION": ("evidence",), "PART_OF": ("evidence",), "INVOLVES": ("evidence",),
    "ABOUT": ("evidence",), "ISSUED_BY": ("evidence",), "TOOK_PART": ("participation", "evidence"),
    "LED": ("participation", "evidence"), "SUCCESSOR": ("article",)}
_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set")


def _chunks(rows: list[Row], size: int) -> Iterable[list[Row]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


Pending = tuple[ArticleRows, bool, bool]     # (rows, replaces an older version, new to Neo4j)


def _of(pending: list[Pending], what: str, new: bool | None) -> list[Row]:
    """The rows of label, relationship type or "MENTIONS" ``what`` of the new articles (True),
    of the others (False) or of all (None)."""
    out: list[Row] = []
    for rows, _, is_new in pending:
        if new is None or is_new == new:
            out += rows.mentions if what == "MENTIONS" else rows.nodes.get(what, ()) if what in _NODE_ORDER \
                else rows.rels.get(what, ())
    return out


def _unique(rows: list[Row], key: Callable[[Row], Any]) -> list[Row]:
    """One row per key, the last one's values (what MERGE then SET leaves), in first-seen order."""
    by_key: dict[Any, Row] = {}
    for r in rows:
        by_key[key(r)] = r
    return list(by_key.values()) if len(by_key) < len(rows) else rows


def _node_key(row: Row) -> Any:
    return row["iri"]


def _mention_key(row: Row) -> Any:
    return row["article"], row["node"]


def _rel_key(rtype: str) -> Callable[[Row], Any]:
    names = MERGE_KEYS[rtype]
    return lambda r: (r["src"], r["dst"], *(r["props"].get(k) for k in names))


class Neo4jWriter:
    """Buffered writes of article graphs into Neo4j (the Writer protocol of kg.store.base).

    Args:
        store: the open Neo4j store.
        batch: rows per UNWIND statement; a transaction is written once the pending articles
            hold about this many rows.
        rewrite_unchanged: also write articles whose content hash Neo4j already has (MERGE
            makes that a no-op on a complete load, and repairs an incomplete one).
    """

    def __init__(self, store: Neo4jStore, batch: int, *, rewrite_unchanged: bool = False) -> None:
        if batch < 1:
            raise StoreError(f"the batch size must be at least 1, not {batch}")
        self.store, self.batch, self.rewrite_unchanged = store, batch, rewrite_unchanged
        self.counters: Counter[str] = Counter()
        self._loaded = {r["iri"]: r["hash"] for r in store.read(queries.statement("loaded_articles"), {}, what="load")}
        self._pending: list[Pending] = []
        self._pending_rows = 0
        self._touched: set[str] = set()
        self._removed: list[str] = []
        self._unmarked: list[Row] = []       # written, not yet marked loaded
        # One batch is written by this thread while the caller reads and converts the next:
        # reading the store and building rows is client CPU, the write mostly the server's, so
        # the two overlap (benchmarks/README.md "kg load" has the measurements).
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        self._writing: Future[None] | None = None
        # Loading into an empty database, every MENTIONS of a shared node is one this writer
        # wrote, so the summaries are gathered here as the batches commit (node IRI → label,
        # the values of its mentions, how many) instead of read back from Neo4j; None otherwise.
        self._mentioned: dict[str, tuple[str, dict[str, set[str]], list[int]]] | None = \
            {} if not self._loaded and store.counts()["nodes"] == 0 else None

    @property
    def loaded(self) -> dict[str, str | None]:
        """Article IRI → content hash of the articles Neo4j holds (None: incompletely loaded)."""
        return dict(self._loaded)

    def add_article(self, graph: ArticleGraph) -> Change:
        iri = ids.article_iri(graph.article_id)
        known = iri in self._loaded
        stored = self._loaded.get(iri)
        if stored == graph.digest and not self.rewrite_unchanged:
            return Change.unchanged
        rows = article_rows(graph)
        self._pending.append((rows, known and stored != graph.digest, not known))
        self._pending_rows += rows.size()
        self._loaded[iri] = graph.digest
        if self._pending_rows >= self.batch:
            self.flush()
        return Change.unchanged if stored == graph.digest else Change.replaced if known else Change.added

    def remove_articles(self, iris: Iterable[str]) -> None:
        """Remove articles (their content and their Article node) from Neo4j."""
        self._wait()
        iris = sorted(set(iris) & set(self._loaded))
        if iris:
            self._mentioned = None     # their mentions leave Neo4j: summaries must be read back
        for chunk in (iris[i:i + self.batch] for i in range(0, len(iris), self.batch)):
            self._write(lambda tx, c=chunk: self._delete(tx, c, articles=True))
            for iri in chunk:
                del self._loaded[iri]
        self._removed += iris

    def flush(self) -> None:
        """Hand the pending articles to the writing thread, once it has written the previous
        batch (whose error, if any, is raised here). Closing the writer waits for the last."""
        if not self._pending:
            return
        pending, self._pending, self._pending_rows = self._pending, [], 0
        self._wait()
        self._writing = self._thread.submit(self._write_pending, pending)

    def _write_pending(self, pending: list[Pending]) -> None:
        self._write(lambda tx: self._write_batch(tx, pending))
        for rows, _, new in pending:
            self._touched.update(rows.shared)
            self._unmarked.append({"iri": rows.article, "hash": rows.digest})
            if not new:
                self._mentioned = None
            if self._mentioned is not None:
                for m in _unique(rows.mentions, _mention_key):
                    if m["label"] in SHARED:
                        label, values, count = self._mentioned.setdefault(m["node"], (m["label"], {}, [0]))
                        _gather(values, m["props"])
                        count[0] += 1

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def __enter__(self) -> Neo4jWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
            self._wait()
        except BaseException:
            if exc[0] is None:
                raise           # else the error being raised already says what went wrong
        finally:
            self._thread.shutdown()
        if exc[0] is not None:
            return
        if self._touched or self._removed:
            self.summarise(sorted(self._touched))
            self.resolve()
            self._touched = set()
        self._mark_loaded()

    # -- transactions -------------------------------------------------------------------------
    def _write(self, work: Callable[[ManagedTransaction], None]) -> None:
        try:
            with self.store.session() as s:
                s.execute_write(work)
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise connection_error(self.store.conn, e) from None

    def _run(self, tx: ManagedTransaction, name: str, **params: Any) -> list[Row]:
        result = tx.run(queries.statement(name), params)
        records = [r.data() for r in result]
        counters = result.consume().counters
        for c in _COUNTERS:
            self.counters[c] += getattr(counters, c)
        return records

    def _delete(self, tx: ManagedTransaction, iris: list[str], *, articles: bool) -> None:
        self._touched.update(r["iri"] for r in self._run(tx, "shared_nodes_of", iris=iris))
        self._run(tx, "delete_article_content", iris=iris)
        if articles:
            self._run(tx, "delete_articles", iris=iris)

    def _write_batch(self, tx: ManagedTransaction, pending: list[Pending]) -> None:
        replaced = [rows.article for rows, replaces, _ in pending if replaces]
        if replaced:
            self._delete(tx, replaced, articles=False)
        for label in _NODE_ORDER:
            if label in PER_ARTICLE:
                self._rows(tx, f"create_node_{label}", _unique(_of(pending, label, True), _node_key))
                self._rows(tx, f"node_{label}", _of(pending, label, False))
            else:   # shared nodes carry no properties until summarised: one row per IRI is enough
                self._rows(tx, f"node_{label}", _unique(_of(pending, label, None), _node_key))
        self._rows(tx, "create_mentions", _unique(_of(pending, "MENTIONS", True), _mention_key))
        self._rows(tx, "mentions", _of(pending, "MENTIONS", False))
        for rtype in _REL_ORDER:
            if rtype in _SHARED_RELS:
                self._rows(tx, f"rel_{rtype}", _unique(_of(pending, rtype, None), _rel_key(rtype)))
            else:
                self._rows(tx, f"create_rel_{rtype}", _unique(_of(pending, rtype, True), _rel_key(rtype)))
                self._rows(tx, f"rel_{rtype}", _of(pending, rtype, False))

    def _rows(self, tx: ManagedTransaction, name: str, rows: list[Row]) -> None:
        for chunk in _chunks(rows, self.batch):
            self._run(tx, name, rows=chunk)

    def _mark_loaded(self) -> None:
        """Mark the written articles as loaded, last: a load killed before this point leaves
        them unmarked (or with their old hash), so an incremental rerun writes them again and
        summarises their shared nodes, which it would otherwise skip as unchanged."""
        rows, self._unmarked = self._unmarked, []
        for chunk in _chunks(rows, self.batch):
            self._write(lambda tx, c=chunk: self._run(tx, "mark_loaded", rows=c))  # type: ignore[misc]

    # -- after the articles: shared nodes and identity resolution ------------------------------
    def summarise(self, iris: list[str]) -> None:
        """Set the summary properties of shared nodes from their MENTIONS; remove the ones no
        article mentions any more."""
        for chunk in (iris[i:i + self.batch] for i in range(0, len(iris), self.batch)):
            def work(tx: ManagedTransaction, chunk: list[str] = chunk) -> None:
                by_label, orphans = self._summaries(tx, chunk)
                for label, rows in by_label.items():
                    self._run(tx, f"node_{label}", rows=rows)
                if orphans:
                    self._run(tx, "delete_nodes", iris=orphans)
            self._write(work)

    def _summaries(self, tx: ManagedTransaction, iris: list[str]) -> tuple[dict[str, list[Row]], list[str]]:
        """The summary properties of shared nodes (label → rows), and the nodes no article mentions."""
        by_label: dict[str, list[Row]] = {}
        orphans: list[str] = []
        if self._mentioned is not None:
            for iri in iris:
                label, values, count = self._mentioned[iri]
                by_label.setdefault(label, []).append({"iri": iri, "props": _summary(label, values, count[0])})
            return by_label, orphans
        for r in self._run(tx, "mentions_of", iris=iris):
            label = next((lb for lb in r["labels"] if lb in SHARED), None)
            if label is None:
                continue
            if not r["mentions"]:
                orphans.append(r["iri"])
            else:
                by_label.setdefault(label, []).append({"iri": r["iri"], "props": summarise(label, r["mentions"])})
        return by_label, orphans

    def resolve(self) -> None:
        """Make SAME_AS hold exactly kg.resolve's links over the persons Neo4j holds."""
        from kg.resolve import links

        wanted = {(a, b) for a, b in links(self.store.view().query("resolution_candidates"))}
        have = {(r["src"], r["dst"]) for r in self.store.read(queries.statement("same_as_pairs"), {}, what="load")}
        add = [{"src": a, "dst": b} for a, b in sorted(wanted - have)]
        drop = [{"src": a, "dst": b} for a, b in sorted(have - wanted)]

        def work(tx: ManagedTransaction) -> None:
            if drop:
                self._run(tx, "delete_same_as", rows=drop)
            if add:
                self._run(tx, "rel_SAME_AS", rows=add)
        if add or drop:
            self._write(work)


# -- summaries of shared nodes ----------------------------------------------------------------
# MENTIONS property → the node's list property of every value (besides the smallest as scalar).
_ALL_VALUES = {"Person": {"name": "names"}, "Body": {"label": "labels"}, "Post": {"label": "labels"},
               "Holding": {"position_text": "position_texts", "status": "status"}}
_MENTION_KEYS = {"Person": ("name", "folded", "key", "scope"), "Body": ("label", "folded", "key", "kind"),
                 "Post": ("title", "label"), "Holding": ("position_text",),
                 "Directive": ("number", "label", "folded", "kind", "issuer_text", "subject"),
                 "Place": ("label", "level", "code")}


def summarise(label: str, mentions: list[Row]) -> Row:
    """A shared node's properties from what each article says of it (its MENTIONS): the
    smallest value of each (deterministic), every name/label in a list, dates as dates, and
    ``articles``, how many articles mention it. Absent values are None (removed from the node)."""
    values: dict[str, set[str]] = {}
    for m in mentions:
        _gather(values, m)
    return _summary(label, values, len(mentions))


def _gather(values: dict[str, set[str]], mention: Row) -> None:
    for k, vs in mention.items():
        values.setdefault(k, set()).update(vs)


def _summary(label: str, values: dict[str, set[str]], articles: int) -> Row:
    props: Row = {k: min(values[k]) if values.get(k) else None for k in _MENTION_KEYS[label]}
    for k, many in _ALL_VALUES.get(label, {}).items():
        props[many] = sorted(values.get(k, ()))
    props["articles"] = articles
    if label == "Directive":
        dates = sorted(values.get("date", ()))
        props["date_text"] = dates[0] if dates else None
        props["date"] = as_date(props["date_text"])
    if label == "Holding":
        props.update(holding_span({k: sorted(values.get(k, ())) for k in ("attested", "since", "until")}))
    return props


# -- kg load ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoadProgress:
    articles: int          # articles read from the store so far
    total: int             # articles the store holds
    written: int           # of which written to Neo4j


@dataclass
class LoadSummary:
    articles: int = 0
    changes: Counter[str] = field(default_factory=Counter)     # added / replaced / unchanged
    removed: int = 0                                            # loaded before, gone from the store
    nodes: int = 0                                              # in Neo4j afterwards
    relationships: int = 0
    written: Counter[str] = field(default_factory=Counter)     # the write counters of the load
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        """Nodes and relationships created per second."""
        made = self.written["nodes_created"] + self.written["relationships_created"]
        return made / self.seconds if self.seconds else 0.0


def article_graph(graph_iri: str, triples: list[Triple]) -> ArticleGraph:
    """An ArticleGraph from a stored graph: its article id and content hash are in the triples."""
    article_id = next((str(o) for _, p, o in triples if p == KG.articleId), None)
    digest = next((str(o) for _, p, o in triples if p == KG.contentHash), None)
    if article_id is None or digest is None:
        raise StoreError(f"the stored graph {graph_iri} has no article id or content hash")
    return ArticleGraph(article_id, graph_iri, tuple(triples), digest)


def load(source: View, target: Neo4jStore, *, incremental: bool = False, batch: int | None = None,
         progress: Callable[[LoadProgress], None] | None = None) -> LoadSummary:
    """Load every article graph of ``source`` into Neo4j.

    Args:
        source: a View of the embedded store.
        target: the Neo4j store (constraints and indexes are created first).
        incremental: write only articles Neo4j does not hold with the same content hash, and
            remove nothing; otherwise write every article (unchanged ones change nothing) and
            remove the articles the store no longer has, so Neo4j mirrors the store.
        batch: rows per UNWIND statement (default kg.store.neo4j.DEFAULT_BATCH).
        progress: called after each article.
    """
    started = time.perf_counter()
    summary = LoadSummary()
    target.create_schema()
    total = next((r["count"] for r in source.query("stats") if r["kind"] == "articles"), 0)
    seen: set[str] = set()
    # One load at a time (kg.store.neo4j_lock says why); taken before the writer reads what Neo4j holds.
    with LoadLock(target.conn.safe_uri, target.conn.database), \
            target.writer(batch, rewrite_unchanged=not incremental) as w:
        before = set(w.loaded)
        for graph_iri, triples in source.article_graphs():
            graph = article_graph(graph_iri, triples)
            summary.changes[w.add_article(graph).value] += 1
            seen.add(ids.article_iri(graph.article_id))
            summary.articles += 1
            if progress:
                progress(LoadProgress(summary.articles, total, summary.articles - summary.changes["unchanged"]))
        if not incremental:
            gone = before - seen
            w.remove_articles(gone)
            summary.removed = len(gone)
    summary.written = w.counters
    summary.seconds = time.perf_counter() - started
    counts = target.counts()
    summary.nodes, summary.relationships = counts["nodes"], counts["relationships"]
    return summary
