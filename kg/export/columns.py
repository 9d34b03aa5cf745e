"""Node and edge attributes as flat, typed columns, for the formats that want a table
(GraphML keys, GEXF attributes, neo4j CSV headers).

Values are ``str`` or ``int``; several values (statuses, attested dates, aliases) are joined
with "; " where the format has no list type. Every column is typed once, from the whole graph.
"""
from __future__ import annotations

from typing import Any

from kg.export.projection import Edge, Node, PropertyGraph

LIST_SEP = "; "
NODE_BASE: tuple[tuple[str, str], ...] = (("kind", "string"), ("label", "string"),
                                          ("start", "string"), ("end", "string"), ("articles", "int"))
EDGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("type", "string"), ("role", "string"), ("event", "string"), ("start", "string"), ("end", "string"),
    ("articles", "string"), ("article", "string"), ("sentence", "string"), ("quote", "string"),
    ("evidence", "int"),
)


def node_columns(graph: PropertyGraph) -> list[tuple[str, str]]:
    """(name, type) of every node column: the base ones, then each attribute in name order."""
    names = sorted({k for n in graph.nodes.values() for k in n.attrs} - {n for n, _ in NODE_BASE})
    types = {name: "int" if all(isinstance(n.attrs[name], int) for n in graph.nodes.values() if name in n.attrs)
             else "string" for name in names}
    return list(NODE_BASE) + [(name, types[name]) for name in names]


def flat(value: Any) -> str | int:
    if isinstance(value, tuple):
        return LIST_SEP.join(str(v) for v in value)
    return value if isinstance(value, int) else str(value)


def node_values(node: Node) -> dict[str, str | int]:
    """The node's non-empty columns."""
    out: dict[str, str | int] = {"kind": node.kind, "label": node.label}
    if node.start:
        out["start"] = node.start
    if node.end:
        out["end"] = node.end
    for name, value in node.attrs.items():
        if value not in (None, "", ()):
            out[name] = flat(value)
    return out


def edge_values(edge: Edge) -> dict[str, str | int]:
    """The edge's non-empty columns; ``article``, ``sentence`` and ``quote`` are its first source."""
    out: dict[str, str | int] = {"type": edge.type}
    for name in ("role", "event"):
        if edge.attrs.get(name):
            out[name] = str(edge.attrs[name])
    if edge.start:
        out["start"] = edge.start
    if edge.end:
        out["end"] = edge.end
    if edge.sources:
        first = edge.sources[0]
        out["articles"] = LIST_SEP.join(edge.articles)
        out["article"] = first.article
        if first.text:
            out["sentence"] = first.text
        if first.quote:
            out["quote"] = first.quote
        out["evidence"] = len(edge.sources)
    return out
