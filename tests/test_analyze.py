"""kg.analyze: co-attendance ranking, communities and bridges, on a graph small enough to
check by hand, and on the dev store with both backends."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.analyze import analyze, analyze_graph, co_attendance
from kg.errors import KgError
from kg.export.projection import Edge, Node, PropertyGraph, Source


def _graph() -> PropertyGraph:
    """A and B meet C at e1; C meets D at e2. A holds posts in X and in Y, which is part of X;
    C holds posts in X and Z: C is the only bridge between bodies."""
    nodes = {k: Node(k, kind, name) for k, kind, name in [
        ("p/a", "person", "Nguyễn Văn A"), ("p/b", "person", "Trần Thị B"), ("p/c", "person", "Lê Văn C"),
        ("p/d", "person", "Phạm D"), ("e/1", "event", "họp 1"), ("e/2", "event", "họp 2"),
        ("b/x", "body", "Tỉnh ủy"), ("b/y", "body", "Ban Thường vụ Tỉnh ủy"), ("b/z", "body", "Ủy ban nhân dân tỉnh")]}
    src = (Source("a1", 0, "câu", "câu"),)
    edges = [Edge(p, e, "took_part", {"role": "attended"}, src, "2020-01-0" + e[-1], "2020-01-0" + e[-1])
             for p, e in [("p/a", "e/1"), ("p/b", "e/1"), ("p/c", "e/1"), ("p/c", "e/2"), ("p/d", "e/2")]]
    edges.append(Edge("b/y", "b/x", "part_of", {}, src))
    for person, body in [("p/a", "b/x"), ("p/a", "b/y"), ("p/c", "b/x"), ("p/c", "b/z")]:
        h, post = f"h/{person}{body}", f"post/{body}"
        nodes[h] = Node(h, "holding", "Phó Bí thư")
        nodes[post] = Node(post, "post", "Phó Bí thư")
        edges += [Edge(person, h, "holds", {}, src), Edge(h, post, "of_post", {}, src), Edge(post, body, "post_in", {}, src)]
    return PropertyGraph(nodes, edges)


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_ranking_communities_bridges_by_hand(backend: str) -> None:
    a = analyze_graph(_graph(), backend=backend)
    assert (a.persons, a.events, a.edges, a.backend) == (4, 2, 4, backend)
    first = a.ranking[0]
    assert (first.name, first.degree, first.events) == ("Lê Văn C", 3, 2)
    assert first.betweenness == pytest.approx(2 / 3)          # C is on A–D and B–D: 2 of 3 pairs
    assert {p.name: p.betweenness for p in a.ranking[1:]} == {"Nguyễn Văn A": 0, "Trần Thị B": 0, "Phạm D": 0}
    assert sum(c.size for c in a.communities) <= 4 and a.communities
    assert [(b.name, b.bodies) for b in a.bridges] == [("Lê Văn C", ("Tỉnh ủy", "Ủy ban nhân dân tỉnh"))]


def test_co_attendance_weights_shared_events() -> None:
    g, events = co_attendance(_graph())
    assert g["p/a"]["p/c"]["weight"] == 1 and not g.has_edge("p/a", "p/d")
    assert events["p/c"] == {"e/1", "e/2"}


def test_period_and_backends_on_the_dev_store(shared: Path, tmp_path: Path) -> None:
    from ingest.pipeline import ingest
    from kg.store import open_store

    with open_store(tmp_path / "store") as store:
        with store.writer() as w:
            ingest([shared / "eval" / "dev-articles.jsonl"], w)
        view = store.view()
        nx_result = analyze(view, backend="networkx", top=1000)
        ig_result = analyze(view, backend="igraph", top=1000)
        period = analyze(view, since="2021-01-01", until="2021-12-31")
        with pytest.raises(KgError):
            analyze(view, backend="gephi")
    assert nx_result.edges > 0 and nx_result.backend == "networkx"
    assert {(p.id, p.degree, p.meetings) for p in nx_result.ranking} == {(p.id, p.degree, p.meetings) for p in ig_result.ranking}
    assert {p.id: p.betweenness for p in nx_result.ranking} == pytest.approx({p.id: p.betweenness for p in ig_result.ranking})
    assert 0 < period.persons < nx_result.persons
