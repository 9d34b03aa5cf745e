"""GEXF 1.3 for Gephi, with time: the graph is dynamic (``timeformat="date"``), each dated
edge has ``start``/``end`` (a holding's since/until or the dates articles attest it, an
event's date, an article's publication date) and each node has ``spells``, the intervals in
which its facts hold, so Gephi's timeline plays the graph over the years. Nodes and edges
without a full date have no interval: Gephi shows them at every time.

Edge ``kind`` carries the edge type, so Gephi keeps parallel edges of different types apart.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import BinaryIO

from kg.export import style
from kg.export.columns import EDGE_COLUMNS, edge_values, node_columns, node_values
from kg.export.projection import PropertyGraph

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
_TYPES = {"string": "string", "int": "integer"}
# Shown as the node's label and the edge's kind already, or carried as the interval.
_NOT_ATTRIBUTES = frozenset({"label", "start", "end"})


def write(graph: PropertyGraph, out: BinaryIO) -> None:
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3", f"{{{XSI}}}schemaLocation": SCHEMA})
    meta = ET.SubElement(root, f"{{{NS}}}meta")
    ET.SubElement(meta, f"{{{NS}}}creator").text = "kg"
    ET.SubElement(meta, f"{{{NS}}}description").text = (
        "Vietnamese officials, bodies, posts, events and directives, from news articles")
    g = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": "directed", "mode": "dynamic",
                                               "timeformat": "date", "timerepresentation": "interval"})
    node_cols = [(n, t) for n, t in node_columns(graph) if n not in _NOT_ATTRIBUTES]
    edge_cols = [(n, t) for n, t in EDGE_COLUMNS if n not in _NOT_ATTRIBUTES]
    _attributes(g, "node", node_cols)
    _attributes(g, "edge", edge_cols)
    nodes = ET.SubElement(g, f"{{{NS}}}nodes", {"count": str(len(graph.nodes))})
    for node in graph.nodes.values():
        el = ET.SubElement(nodes, f"{{{NS}}}node", {"id": node.id, "label": node.label})
        _attvalues(el, node_values(node), node_cols)
        if node.spells:
            spells = ET.SubElement(el, f"{{{NS}}}spells")
            for start, end in node.spells:
                ET.SubElement(spells, f"{{{NS}}}spell", {"start": start, "end": end})
        r, gr, b = style.rgb(node.kind)
        ET.SubElement(el, f"{{{VIZ}}}color", {"r": str(r), "g": str(gr), "b": str(b)})
    edges = ET.SubElement(g, f"{{{NS}}}edges", {"count": str(len(graph.edges))})
    for i, edge in enumerate(graph.edges):
        attrs = {"id": f"e{i}", "source": edge.source, "target": edge.target, "kind": edge.type,
                 "label": edge.type}
        if edge.start:
            attrs["start"] = edge.start
            attrs["end"] = edge.end or edge.start
        el = ET.SubElement(edges, f"{{{NS}}}edge", attrs)
        _attvalues(el, edge_values(edge), edge_cols)
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)


def _attributes(g: ET.Element, class_: str, columns: list[tuple[str, str]]) -> None:
    el = ET.SubElement(g, f"{{{NS}}}attributes", {"class": class_, "mode": "static"})
    for i, (name, type_) in enumerate(columns):
        ET.SubElement(el, f"{{{NS}}}attribute", {"id": f"{class_[0]}{i}", "title": name, "type": _TYPES[type_]})


def _attvalues(el: ET.Element, values: dict[str, str | int], columns: list[tuple[str, str]]) -> None:
    present = [(i, name) for i, (name, _) in enumerate(columns) if name in values]
    if not present:
        return
    attvalues = ET.SubElement(el, f"{{{NS}}}attvalues")
    prefix = "n" if el.tag.endswith("node") else "e"
    for i, name in present:
        ET.SubElement(attvalues, f"{{{NS}}}attvalue", {"for": f"{prefix}{i}", "value": str(values[name])})
