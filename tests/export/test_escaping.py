"""Names that try to break out of their format (markup, quotes, backslashes, line breaks,
delimiters) come back exactly as they went in, through each format's own reader."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pydot
import pytest
import xmlschema

from kg.export import cytoscape, dot, gexf, graphml, neo4j_csv
from kg.export.projection import Edge, Node, PropertyGraph, Source

HOSTILE = ['Nguyễn "Văn" <script>alert(1)</script>', "Bà Lê\\n Thị; O'Brien, \"x\"", "Trần\nVăn\tTab & <b>", "]]> --> }; ]"]
SCHEMA = Path(__file__).parent / "schema" / "gexf-1.3.xsd"


def _graph() -> PropertyGraph:
    nodes = {f"person/{i}": Node(f"person/{i}", "person", name, {"folded": name, "articles": 1})
             for i, name in enumerate(HOSTILE)}
    nodes["body/b"] = Node("body/b", "body", "Ủy ban <nhân> \"dân\"", {"articles": 1})
    edges = [Edge(f"person/{i}", "body/b", "holds", {}, (Source("a;1", 0, name, name),), "2020-01-01", "2020-01-02")
             for i, name in enumerate(HOSTILE)]
    return PropertyGraph(nodes, edges)


def test_graphml_and_gexf_keep_names(tmp_path: Path) -> None:
    for module, reader in ((graphml, nx.read_graphml), (gexf, lambda p: nx.read_gexf(p, version="1.3"))):
        path = tmp_path / f"g.{module.__name__}"
        with path.open("wb") as f:
            module.write(_graph(), f)
        g = reader(path)
        assert sorted(d["label"] for _, d in g.nodes(data=True)) == sorted(n.label for n in _graph().nodes.values())
        assert sorted(d["sentence"] for *_, d in g.edges(data=True)) == sorted(HOSTILE)
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(tmp_path / "g.kg.export.gexf"))


def test_cytoscape_keeps_names() -> None:
    buf = io.BytesIO()
    cytoscape.write(_graph(), buf)
    g = nx.cytoscape_graph(json.loads(buf.getvalue()))
    assert sorted(d["name"] for _, d in g.nodes(data=True)) == sorted(n.label for n in _graph().nodes.values())


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dot_keeps_names() -> None:
    buf = io.BytesIO()
    dot.write(_graph(), buf)
    (g,) = pydot.graph_from_dot_data(buf.getvalue().decode("utf-8"))
    labels = [n.get("label") for n in g.get_nodes() if n.get_name() not in ("node", "edge", "graph")]
    unquoted = sorted(re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m[1], m[1]), lab[1:-1]) for lab in labels)
    assert unquoted == sorted(n.label for n in _graph().nodes.values())
    assert len(g.get_edges()) == len(HOSTILE)


def test_neo4j_csv_keeps_names(tmp_path: Path) -> None:
    command = neo4j_csv.write(_graph(), tmp_path)
    with (tmp_path / "nodes-Person.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["name"] for r in rows) == sorted(HOSTILE)
    with (tmp_path / "rels-HOLDS.csv").open(encoding="utf-8", newline="") as f:
        rels = list(csv.DictReader(f))
    assert sorted(r["sentence"] for r in rels) == sorted(HOSTILE)
    # the article id "a;1" holds the default array delimiter, so another one is chosen and stated
    assert "--array-delimiter=|" in command and {r["articles:string[]"] for r in rels} == {"a;1"}
