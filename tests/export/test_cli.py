"""kg export / view / analyze from the command line, on the seed and dev stores."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg.cli.analyze  # noqa: F401  (registers the commands on the app)
import kg.cli.export  # noqa: F401
import kg.cli.view  # noqa: F401
from kg.cli._app import app
from kg.cli._filters import FACT_KINDS
from tests.export.stores import Built

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_cli_lists_the_library_names() -> None:
    from kg.cli.export import FORMATS
    from kg.export import EXPORTERS
    from kg.export.projection import FACT_KINDS as LIBRARY_KINDS

    assert set(FORMATS) == set(EXPORTERS) and FACT_KINDS == LIBRARY_KINDS


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "dot", "turtle", "nquads", "jsonld"])
def test_export_to_a_file(built: Built, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"kg.{fmt}"
    code, _, err = run("export", "--format", fmt, "--out", str(out), "--store", str(built.path))
    assert code == 0, err
    assert out.stat().st_size > 0
    if fmt in ("turtle", "nquads", "jsonld"):
        assert f"{built.quads:,} quads" in err or "triples" in err
    else:
        assert f"{built.node_count:,} nodes, {built.edge_count:,} edges" in err


def test_export_neo4j_csv_prints_the_command(built: Built, tmp_path: Path) -> None:
    code, out, err = run("export", "--format", "neo4j-csv", "--out", str(tmp_path / "csv"), "--store", str(built.path))
    assert code == 0, err
    assert "neo4j-admin database import full" in out and "--nodes=" in out
    assert (tmp_path / "csv" / "import.sh").is_file()


def test_export_with_kinds_and_period(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "events.graphml"
    code, _, err = run("export", "-f", "graphml", "-o", str(out), "--kinds", "events,directives",
                       "--store", str(built.path))
    assert code == 0, err
    g = nx.read_graphml(out)
    assert {d["type"] for *_, d in g.edges(data=True)} <= {"took_part", "led", "involves", "about", "issued_by"}
    code, _, err = run("export", "-f", "gexf", "-o", str(tmp_path / "p.gexf"), "--from", "2021", "--to", "2021-06",
                       "--store", str(built.path))
    assert code == 0, err


def test_export_refuses_unknown_names_and_kinds(built: Built, tmp_path: Path) -> None:
    code, _, err = run("export", "-f", "dot", "--around", "Zzyzx Qwerty", "--store", str(built.path))
    assert code == 1 and "no node matches" in err
    code, _, err = run("export", "-f", "dot", "--kinds", "gossip", "--store", str(built.path))
    assert code == 1 and "unknown kinds gossip" in err
    code, _, err = run("export", "-f", "neo4j-csv", "--store", str(built.path))
    assert code == 1 and "--out" in err


def test_view_writes_one_page(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    code, _, err = run("view", "--out", str(out), "--store", str(built.path))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in html and " src=" not in html and "href=" not in html
    assert "open it in a browser" in err


def test_analyze_json(built: Built) -> None:
    code, out, err = run("analyze", "--json", "--store", str(built.path))
    assert code == 0, err
    result = json.loads(out)
    assert {"ranking", "communities", "bridges", "persons", "edges", "backend"} <= set(result)
    assert result["backend"] == "networkx"
    code, out, err = run("analyze", "--store", str(built.path), "--top", "3")
    assert code == 0 and "Most connected" in out
