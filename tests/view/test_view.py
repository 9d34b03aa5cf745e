"""`kg view` in headless Chromium (driven by drive.mjs through playwright-core): the page
draws as many nodes and edges as the store holds (counted from its RDF, not by kg), a click
on a node shows its facts with their sentences, a name typed without diacritics is found,
the date slider changes what is shown, no request leaves the page, and hostile names stay
text. The dev page's screenshot is saved (and copied to $KG_VIEW_SCREENSHOT when set: that
is how docs/view.png is made)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from rdflib import RDF, Dataset
from rdflib.namespace import ORG

from kg.export.projection import Edge, Node, PropertyGraph, Source, project
from kg.text.normalize import fold
from kg.view import render, write
from kg.view.data import compact
from kg.vocab import KG
from tests.export.stores import Built

DRIVER = Path(__file__).with_name("drive.mjs")


def drive(env: dict[str, str], page: Path, shot: Path, click: str, search: str) -> dict[str, Any]:
    done = subprocess.run(["node", str(DRIVER), str(page), str(shot), click, search], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **env}, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def expected_drawing(built: Built) -> tuple[int, int]:
    """Nodes and edges the page draws, from the RDF: holdings become person → body edges,
    posts only stay (as nodes) when they have no body, articles are not drawn."""
    ds = Dataset()
    ds.parse(data=built.nquads, format="nquads")
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    posts = {s for s, p, o in triples if p == RDF.type and o == KG.Post}
    bodiless = posts - {s for s, p, _ in triples if p == ORG.postIn}
    bodies = {s for s, p, o in triples if p == RDF.type and o == KG.Body}
    nodes = sum(built.nodes[k] for k in ("person", "body", "event", "directive", "place")) + len(bodiless)
    body_places = len({(s, o) for s, p, o in triples if p == KG.jurisdiction and s in bodies})
    edges = built.nodes["holding"] + body_places + sum(
        built.edges[t] for t in ("took_part", "led", "involves", "about", "issued_by", "part_of", "successor"))
    return nodes, edges


def test_view_in_chromium(view: object, built: Built, browser: dict[str, str], tmp_path: Path) -> None:
    page, shot = tmp_path / "graph.html", tmp_path / "view.png"
    drawn = write(view, page, title=f"kg — {built.name} articles")  # type: ignore[arg-type]
    graph = compact(project(view))  # type: ignore[arg-type]
    degree: dict[str, int] = {}
    for e in graph.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
    person = max((n for n in graph.nodes.values() if n.kind == "person"), key=lambda n: (degree.get(n.id, 0), n.id))
    sentences = {s.text for e in graph.edges if person.id in (e.source, e.target) for s in e.sources}
    query = " ".join(fold(person.label).split()[-2:]).upper()        # no diacritics, other case

    result = drive(browser, page, shot, person.id, query)

    assert (result["nodes"], result["edges"]) == expected_drawing(built) == (drawn["nodes"], drawn["edges"])
    assert result["drawn"] == result["nodes"]
    assert result["requests"] == [page.resolve().as_uri()] and result["blocked"] == []
    assert result["errors"] == [] and result["console"] == [] and result["dialogs"] == []
    assert result["clicked"] == person.label and result["selected"] == [person.id]
    assert result["factItems"] == degree[person.id] + sum(e.target == person.id for e in graph.edges)
    assert any(s in result["facts"] for s in sentences if s)
    assert f"{person.label} (person)" in result["matches"]
    if result["asOf"] is not None:          # dated facts: fewer shown at the first date than in all
        assert result["asOf"]["firstNodes"] <= result["asOf"]["lastNodes"] < result["asOf"]["allAgain"] == result["nodes"]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if built.name == "dev" and os.environ.get("KG_VIEW_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["KG_VIEW_SCREENSHOT"])


HOSTILE = "</script><script>alert('x')</script> Nguyễn \"Văn\" <img src=x onerror=alert(1)> & Đào"


def test_hostile_names_stay_text(browser: dict[str, str], tmp_path: Path) -> None:
    nodes = {"person/0": Node("person/0", "person", HOSTILE, {}),
             "body/0": Node("body/0", "body", "<b>Ủy ban</b> ]]> <!--", {})}
    edges = [Edge("person/0", "body/0", "took_part", {"role": "<i>led</i>"},
                  (Source("<a1>", 0, "Câu </script> có <em>thẻ</em>", "</script>"),))]
    page = tmp_path / "hostile.html"
    page.write_text(render(PropertyGraph(nodes, edges), title=HOSTILE), encoding="utf-8")
    result = drive(browser, page, tmp_path / "hostile.png", "person/0", "nguyen van")
    assert result["dialogs"] == [] and result["errors"] == [] and result["scripts"] == 3
    assert result["clicked"] == HOSTILE
    assert "Câu </script> có <em>thẻ</em>" in result["facts"]
    assert result["requests"] == [page.resolve().as_uri()] and result["blocked"] == []
