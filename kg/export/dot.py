"""Graphviz dot: ``dot -Tsvg kg.dot > kg.svg`` (or ``sfdp`` for larger graphs).

Ids and labels are always double-quoted; a quote, backslash or line break inside is escaped,
so no name can break out of its string. Nodes are coloured and shaped by kind.
"""
from __future__ import annotations

from typing import BinaryIO

from kg.export import style
from kg.export.projection import PropertyGraph


def quote(text: str) -> str:
    """A DOT double-quoted string (backslashes first, so the escapes added later stay)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


def write(graph: PropertyGraph, out: BinaryIO) -> None:
    lines = ["digraph kg {", '  graph [charset="UTF-8", overlap=false, splines=true];',
             '  node [style=filled, fontname="Noto Sans", fontsize=10];',
             '  edge [fontname="Noto Sans", fontsize=8, color="#999999"];']
    for node in graph.nodes.values():
        shape = style.DOT_SHAPES[style.SHAPES[node.kind]]
        lines.append(f"  {quote(node.id)} [label={quote(node.label)}, kind={quote(node.kind)}, "
                     f"fillcolor={quote(style.COLOURS[node.kind])}, shape={shape}];")
    for edge in graph.edges:
        label = edge.type + (f" ({edge.attrs['role']})" if edge.attrs.get("role") else "")
        extra = f", start={quote(edge.start)}" if edge.start else ""
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)} [label={quote(label)}, "
                     f"type={quote(edge.type)}{extra}];")
    lines.append("}")
    out.write(("\n".join(lines) + "\n").encode("utf-8"))
