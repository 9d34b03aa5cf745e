"""Every graph format, written from the seed and dev stores and read back by a reader that is
not ours (networkx, xmlschema, pydot, the csv module against the import tool's grammar): the
counts must equal the store's, counted from its RDF without kg's queries (conftest.py)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pydot
import pytest
import xmlschema

from kg.export import export
from kg.export.projection import NODE_KINDS
from tests.export.stores import Built

SCHEMA = Path(__file__).parent / "schema" / "gexf-1.3.xsd"


def _write(view: object, fmt: str) -> bytes:
    buf = io.BytesIO()
    export(view, fmt, buf)  # type: ignore[arg-type]
    return buf.getvalue()


def test_projection_counts_equal_the_store(view: object, built: Built) -> None:
    from kg.export.projection import project

    graph = project(view)  # type: ignore[arg-type]
    assert Counter(n.kind for n in graph.nodes.values()) == built.nodes
    assert Counter(e.type for e in graph.edges) == built.edges
    stats = {r["kind"]: r["count"] for r in view.query("stats")}  # type: ignore[attr-defined]
    assert built.nodes["person"] == stats["persons"] and built.nodes["holding"] == stats["holdings"]


def test_graphml_read_by_networkx(view: object, built: Built, tmp_path: Path) -> None:
    path = tmp_path / "kg.graphml"
    path.write_bytes(_write(view, "graphml"))
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (built.node_count, built.edge_count)
    assert Counter(d["kind"] for _, d in g.nodes(data=True)) == built.nodes
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == built.edges
    assert all(isinstance(d["articles"], int) for _, d in g.nodes(data=True))    # typed, not text
    assert all(d["label"] for _, d in g.nodes(data=True))


def test_gexf_valid_and_read_by_networkx(view: object, built: Built, tmp_path: Path) -> None:
    path = tmp_path / "kg.gexf"
    path.write_bytes(_write(view, "gexf"))
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(path))
    g = nx.read_gexf(path, version="1.3")
    assert (g.number_of_nodes(), g.number_of_edges()) == (built.node_count, built.edge_count)
    assert Counter(d["kind"] for _, d in g.nodes(data=True)) == built.nodes
    dated_events = [d for _, d in g.nodes(data=True) if d["kind"] == "event" and re.match(r"\d{4}-", d.get("date", ""))]
    assert all(d.get("spells") for d in dated_events)        # Gephi's timeline has them
    if built.name == "dev":
        assert dated_events and any("start" in d for *_, d in g.edges(data=True))


def test_cytoscape_read_by_networkx(view: object, built: Built) -> None:
    doc = json.loads(_write(view, "cytoscape"))
    g = nx.cytoscape_graph(doc)
    assert (g.number_of_nodes(), g.number_of_edges()) == (built.node_count, built.edge_count)
    assert Counter(d["kind"] for _, d in g.nodes(data=True)) == built.nodes
    assert {r["selector"] for r in doc["style"]} >= {f'node[kind = "{k}"]' for k in NODE_KINDS}
    assert all(e["data"]["sources"] for e in doc["elements"]["edges"] if e["data"]["type"] != "successor")


def _dot_id(text: str) -> str:
    return text[1:-1] if text.startswith('"') else text


@pytest.mark.filterwarnings("ignore::DeprecationWarning")   # pydot's parser uses pyparsing's old names
def test_dot_read_by_pydot(view: object, built: Built) -> None:
    (graph,) = pydot.graph_from_dot_data(_write(view, "dot").decode("utf-8"))
    nodes = [n for n in graph.get_nodes() if _dot_id(n.get_name()) not in ("node", "edge", "graph")]
    assert len(nodes) == built.node_count
    assert len(graph.get_edges()) == built.edge_count
    kinds = Counter(_dot_id(n.get("kind")) for n in nodes)
    assert kinds == built.nodes


# The import tool's header grammar (Neo4j 5 operations manual, "Import: header format"):
# <name>:<field_type>, field types ID / LABEL / START_ID / END_ID / TYPE / IGNORE (the name is
# optional for all but properties, an ID may name a group), or a property type, optionally an array.
PROPERTY_TYPES = ("int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
                  "date", "localtime", "time", "localdatetime", "datetime", "duration")
HEADER_FIELD = re.compile(
    r"^(?:(?P<name>[^:]*):(?P<special>ID|LABEL|START_ID|END_ID|TYPE|IGNORE)(?:\([^)]*\))?"
    r"|(?P<prop>[^:]+)(?::(?P<type>" + "|".join(PROPERTY_TYPES) + r")(?P<array>\[\])?)?)$")
CELL = {"int": re.compile(r"^-?\d+$"), "date": re.compile(r"^\d{4}-\d{2}-\d{2}$")}


def test_neo4j_csv_follows_the_import_header_format(view: object, built: Built, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    counts = export(view, "neo4j-csv", out)  # type: ignore[arg-type]
    ids: set[str] = set()
    nodes: Counter[str] = Counter()
    rels: list[dict[str, str]] = []
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        fields = [HEADER_FIELD.match(h) for h in header]
        assert all(fields), f"{path.name}: {[h for h, m in zip(header, fields) if not m]}"
        specials = [m["special"] for m in fields if m and m["special"]]     # type: ignore[index]
        if path.name.startswith("nodes-"):
            assert specials == ["ID", "LABEL"]
            label = path.stem.removeprefix("nodes-")
            assert {r[header.index(":LABEL")] for r in body} == {label}
            ids.update(r[0] for r in body)
            nodes[label] += len(body)
        else:
            assert specials == ["START_ID", "END_ID", "TYPE"]
            assert {r[2] for r in body} == {path.stem.removeprefix("rels-")}
            rels.extend(dict(zip(header, r)) for r in body)
        for m, column in zip(fields, zip(*body) if body else ()):
            kind = m["type"] if m and not m["array"] else None             # type: ignore[index]
            if kind in CELL:
                assert all(CELL[kind].match(c) for c in column if c), f"{path.name}: {m.group(0)}"   # type: ignore[union-attr]
    assert len(ids) == sum(nodes.values()) == built.node_count == counts["nodes"]
    assert {label: n for label, n in nodes.items()} == {NODE_KINDS[k]: n for k, n in built.nodes.items()}
    assert len(rels) == built.edge_count
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin\" database import full --id-type=string" in script
    assert all(f"--nodes={p.name}" in script for p in out.glob("nodes-*.csv"))
    assert all(f"--relationships={p.name}" in script for p in out.glob("rels-*.csv"))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "dot"])
def test_exports_are_deterministic(view: object, fmt: str) -> None:
    assert _write(view, fmt) == _write(view, fmt)
