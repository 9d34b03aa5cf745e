"""Whole-store snapshots for comparing a crashed-and-rerun store with a clean one."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def index_snapshot(folder: Path) -> list[str]:
    """The content of the search index of the store at ``folder`` (kg/store/search_index.py),
    every table by IRI and text rather than by its row ids, as sorted lines. Nodes and texts
    no row refers to any more are left out: an index updated in place keeps them, a rebuilt
    one does not, and no question reads them."""
    import sqlite3

    from kg.store.index_write import FILE

    conn = sqlite3.connect(folder / FILE)
    n = "(SELECT iri FROM node WHERE id = {})".format
    t = "(SELECT folded FROM text WHERE id = {})".format
    queries = {
        "article": f"SELECT {n('article.graph')}, digest FROM article",
        "name": f"SELECT {t('name.text')}, kind, {n('name.node')}, {n('name.graph')}, {n('name.other')} FROM name",
        "mention": f"SELECT {n('mention.node')}, {n('mention.graph')} FROM mention",
        "edge": f"SELECT kind, {n('x')}, {n('a')}, relation, {n('b')}, {n('ev')}, {n('edge.graph')} FROM edge",
        "same_as": f"SELECT {n('alias')}, {n('canonical')} FROM same_as",
        "label": f"SELECT {n('label.node')}, prop, value, {t('label.folded')}, {n('label.graph')} FROM label",
    }
    try:
        # The trigram index holds exactly the text table (raises "malformed" otherwise).
        conn.execute("INSERT INTO text_fts (text_fts, rank) VALUES ('integrity-check', 1)")
        return sorted(f"{table} {row}" for table, sql in queries.items() for row in conn.execute(sql))
    finally:
        conn.close()


def embedded_quads(path: Path) -> list[str]:
    """Every quad of the embedded store at ``path``, as sorted N-Quads lines."""
    from kg.store import open_store

    with open_store(path, read_only=True) as s:
        return sorted(str(q) + " ." for q in s.database())  # type: ignore[attr-defined]


def neo4j_snapshot(store: Any) -> list[str]:
    """Every node (labels, properties) and relationship (ends' IRIs, type, properties) of a
    Neo4j store, as sorted lines; element ids are left out (they differ between loads)."""
    nodes = store.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", {}, what="snapshot")
    rels = store.read("MATCH (a)-[r]->(b) RETURN a.iri AS a, type(r) AS type, properties(r) AS props, b.iri AS b",
                      {}, what="snapshot")
    lines = [f"node {sorted(r['labels'])} {_props(r['props'])}" for r in nodes]
    lines += [f"rel {r['a']} {r['type']} {r['b']} {_props(r['props'])}" for r in rels]
    return sorted(lines)


def _props(props: dict[str, Any]) -> str:
    return repr(sorted((k, _plain(v)) for k, v in props.items()))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]
