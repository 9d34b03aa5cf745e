"""The filters every format shares: kinds of facts, a period, a neighbourhood by name."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError, UnknownEntity
from kg.export import Filter, export
from kg.export.filters import apply
from kg.export.projection import EDGE_TYPES, project


@pytest.fixture
def graph(view: object):  # type: ignore[no-untyped-def]
    return project(view)  # type: ignore[arg-type]


def test_around_matches_names_without_diacritics(graph) -> None:  # type: ignore[no-untyped-def]
    person = next(n for n in graph.nodes.values() if n.kind == "person" and n.label != n.attrs.get("folded"))
    plain = person.attrs["folded"].upper()
    near = apply(graph, Filter(around=plain, depth=0))
    assert person.id in near.nodes
    assert {n.kind for n in near.nodes.values()} <= {"person", "holding", "post"}   # depth 0: their posts only
    wider = apply(graph, Filter(around=plain, depth=2))
    assert set(near.nodes) < set(wider.nodes) <= set(graph.nodes)


def test_around_an_unknown_name_suggests(graph) -> None:  # type: ignore[no-untyped-def]
    person = next(n for n in graph.nodes.values() if n.kind == "person")
    with pytest.raises(UnknownEntity) as e:
        apply(graph, Filter(around=person.attrs["folded"] + "x qq"))
    assert person.label in e.value.suggestions


def test_kinds_keep_only_those_facts(graph) -> None:  # type: ignore[no-untyped-def]
    events = apply(graph, Filter(kinds=frozenset({"events"})))
    assert {EDGE_TYPES[e.type][0] for e in events.edges} <= {"events"}
    assert {n.kind for n in events.nodes.values()} <= {"person", "body", "event"}
    assert sum(n.kind == "event" for n in events.nodes.values()) == sum(n.kind == "event" for n in graph.nodes.values())
    with pytest.raises(KgError):
        Filter(kinds=frozenset({"gossip"}))


def test_period_keeps_dated_facts_in_it(graph, built) -> None:  # type: ignore[no-untyped-def]
    period = apply(graph, Filter(since="2021-01-01", until="2021-12-31"))
    for n in period.nodes.values():
        if n.kind in ("event", "holding", "directive", "article"):
            assert n.start and n.start <= "2021-12-31" and (n.end or n.start) >= "2021-01-01"
    for e in period.edges:
        assert e.timeless or (e.start and e.start <= "2021-12-31")
    if built.name == "dev":      # the dev set has 2021 articles (publication dates)
        assert any(n.kind == "article" for n in period.nodes.values())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "dot", "neo4j-csv"])
def test_filters_apply_to_every_format(view, graph, fmt: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    person = next(n for n in graph.nodes.values() if n.kind == "person")
    f = Filter(around=person.label, depth=1)
    expected = apply(graph, f).counts()
    if fmt == "neo4j-csv":
        written = export(view, fmt, tmp_path, f)
        assert (written["nodes"], written["edges"]) == (expected["nodes"], expected["edges"])
        assert written["command"].startswith(f"cd {tmp_path} && neo4j-admin database import full ")
        return
    buf = io.BytesIO()
    assert export(view, fmt, buf, f) == expected
    if fmt == "graphml":
        path = tmp_path / "g.graphml"
        path.write_bytes(buf.getvalue())
        g = nx.read_graphml(path)
        assert (g.number_of_nodes(), g.number_of_edges()) == (expected["nodes"], expected["edges"])


@pytest.mark.parametrize(("text", "end", "iso"), [("2021", False, "2021-01-01"), ("2021", True, "2021-12-31"),
                                                  ("2024-02", True, "2024-02-29"), ("2021-04-25", True, "2021-04-25")])
def test_period_bounds_from_partial_dates(text: str, end: bool, iso: str) -> None:
    from kg.export.filters import period_bound

    assert period_bound(text, end=end) == iso


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "21", "last year", "2021/04/25"])
def test_period_bounds_refuse_non_dates(text: str) -> None:
    from kg.export.filters import period_bound

    with pytest.raises(KgError):
        period_bound(text)
