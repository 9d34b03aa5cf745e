"""GraphML for yEd, Gephi and Cytoscape desktop: typed keys for every node and edge column,
plus yEd's own node and edge graphics (label, colour, shape), which yEd shows as they are and
other readers skip.

Written with the standard library's XML writer, so every string is escaped by it; the output
is deterministic (nodes in id order, edges in (source, type, target) order).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import BinaryIO

from kg.export import style
from kg.export.columns import EDGE_COLUMNS, edge_values, node_columns, node_values
from kg.export.projection import PropertyGraph

NS = "http://graphml.graphdrawing.org/xmlns"
YNS = "http://www.yworks.com/xml/graphml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_TYPES = {"string": "string", "int": "int"}


def write(graph: PropertyGraph, out: BinaryIO) -> None:
    ET.register_namespace("", NS)
    ET.register_namespace("y", YNS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}graphml", {f"{{{XSI}}}schemaLocation": SCHEMA})
    node_cols = node_columns(graph)
    for name, type_ in node_cols:
        _key(root, f"n_{name}", "node", name, type_)
    for name, type_ in EDGE_COLUMNS:
        _key(root, f"e_{name}", "edge", name, type_)
    ET.SubElement(root, f"{{{NS}}}key", {"id": "n_yed", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, f"{{{NS}}}key", {"id": "e_yed", "for": "edge", "yfiles.type": "edgegraphics"})
    g = ET.SubElement(root, f"{{{NS}}}graph", {"id": "kg", "edgedefault": "directed"})
    for node in graph.nodes.values():
        el = ET.SubElement(g, f"{{{NS}}}node", {"id": node.id})
        for name, value in node_values(node).items():
            _data(el, f"n_{name}", value)
        _yed_node(el, node.kind, node.label)
    for i, edge in enumerate(graph.edges):
        el = ET.SubElement(g, f"{{{NS}}}edge", {"id": f"e{i}", "source": edge.source, "target": edge.target})
        for name, value in edge_values(edge).items():
            _data(el, f"e_{name}", value)
        _yed_edge(el, edge.type)
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)


def _key(root: ET.Element, key_id: str, for_: str, name: str, type_: str) -> None:
    ET.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": for_, "attr.name": name,
                                         "attr.type": _TYPES[type_]})


def _data(el: ET.Element, key: str, value: str | int) -> None:
    ET.SubElement(el, f"{{{NS}}}data", {"key": key}).text = str(value)


def _yed_node(el: ET.Element, kind: str, label: str) -> None:
    shape = ET.SubElement(ET.SubElement(el, f"{{{NS}}}data", {"key": "n_yed"}), f"{{{YNS}}}ShapeNode")
    width = str(max(30, 7 * min(len(label), 40)))
    ET.SubElement(shape, f"{{{YNS}}}Geometry", {"height": "30.0", "width": width})
    ET.SubElement(shape, f"{{{YNS}}}Fill", {"color": style.COLOURS[kind], "transparent": "false"})
    ET.SubElement(shape, f"{{{YNS}}}NodeLabel").text = label
    ET.SubElement(shape, f"{{{YNS}}}Shape", {"type": style.YED_SHAPES[style.SHAPES[kind]]})


def _yed_edge(el: ET.Element, type_: str) -> None:
    line = ET.SubElement(ET.SubElement(el, f"{{{NS}}}data", {"key": "e_yed"}), f"{{{YNS}}}PolyLineEdge")
    ET.SubElement(line, f"{{{YNS}}}Arrows", {"source": "none", "target": "standard"})
    ET.SubElement(line, f"{{{YNS}}}EdgeLabel").text = type_
