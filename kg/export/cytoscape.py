"""Cytoscape.js JSON (``cy.json()`` shape: ``elements`` plus a default ``style``), which
Cytoscape desktop also imports (File → Import → Network from File…).

Each node's ``data`` has ``id``, ``name`` (its Vietnamese label), ``kind`` and its attributes;
each edge's ``data`` has ``source``, ``target``, ``type``, its dates and its sources as a
list of ``{article, sentence, text, quote}``. ``value`` (= id) and ``key`` (= type) are there
for networkx's ``cytoscape_graph`` reader; Cytoscape ignores them.
"""
from __future__ import annotations

import json
from typing import Any, BinaryIO

from kg.export import style
from kg.export.projection import EDGE_TYPES, Edge, Node, PropertyGraph

TARGET_VERSION = "~3.34"


def default_style() -> list[dict[str, Any]]:
    """Colour and shape by node kind, labels in Vietnamese, edge labels by type."""
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {"label": "data(name)", "font-size": 10, "text-wrap": "ellipsis",
                                       "text-max-width": "140px", "width": 18, "height": 18}},
        {"selector": "edge", "style": {"width": 1, "line-color": "#bbbbbb", "target-arrow-color": "#bbbbbb",
                                       "target-arrow-shape": "triangle", "curve-style": "bezier",
                                       "label": "data(type)", "font-size": 7, "color": "#777777"}},
    ]
    for kind, colour in style.COLOURS.items():
        rules.append({"selector": f'node[kind = "{kind}"]',
                      "style": {"background-color": colour, "shape": style.SHAPES[kind]}})
    return rules


def node_data(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"id": node.id, "value": node.id, "name": node.label, "kind": node.kind}
    if node.start:
        data["start"] = node.start
    if node.end:
        data["end"] = node.end
    if node.spells:
        data["spells"] = [list(s) for s in node.spells]
    for name, value in node.attrs.items():
        data.setdefault(name, list(value) if isinstance(value, tuple) else value)
    return data


def edge_data(edge: Edge, index: int) -> dict[str, Any]:
    data: dict[str, Any] = {"id": f"e{index}", "source": edge.source, "target": edge.target,
                            "key": edge.type, "type": edge.type}
    data.update({k: v for k, v in edge.attrs.items() if v})
    if edge.start:
        data["start"] = edge.start
    if edge.end:
        data["end"] = edge.end
    data["articles"] = list(edge.articles)
    data["sources"] = [{"article": s.article, "sentence": s.sentence, "text": s.text, "quote": s.quote}
                       for s in edge.sources]
    return data


def document(graph: PropertyGraph) -> dict[str, Any]:
    return {
        "format_version": "1.0",
        "generated_by": "kg",
        "target_cytoscapejs_version": TARGET_VERSION,
        "data": {"name": "kg", "edge_types": {t: d for t, (_, d) in EDGE_TYPES.items()}},
        "directed": True,
        "multigraph": True,
        "elements": {
            "nodes": [{"data": node_data(n)} for n in graph.nodes.values()],
            "edges": [{"data": edge_data(e, i)} for i, e in enumerate(graph.edges)],
        },
        "style": default_style(),
    }


def write(graph: PropertyGraph, out: BinaryIO) -> None:
    text = json.dumps(document(graph), ensure_ascii=False, indent=1, sort_keys=False)
    out.write(text.encode("utf-8") + b"\n")
