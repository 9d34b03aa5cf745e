"""Whole-store snapshots for comparing a crashed-and-rerun store with a clean one."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


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
