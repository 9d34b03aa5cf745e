"""kg.view.layout: every node placed, the same places every time, components apart."""
from __future__ import annotations

from kg.export.projection import Edge, Node, PropertyGraph
from kg.view.layout import positions


def _graph() -> PropertyGraph:
    nodes = {f"n{i}": Node(f"n{i}", "person", f"Người {i}") for i in range(12)}
    edges = [Edge(f"n{i}", f"n{i + 1}", "took_part") for i in range(0, 6)] + [Edge("n8", "n9", "holds")]
    return PropertyGraph(nodes, edges)


def test_every_node_placed_the_same_way_twice() -> None:
    first, second = positions(_graph()), positions(_graph())
    assert first == second and set(first) == set(_graph().nodes)


def test_components_do_not_overlap() -> None:
    at = positions(_graph())
    chain = [at[f"n{i}"] for i in range(7)]
    pair = [at["n8"], at["n9"]]
    box = (min(x for x, _ in chain), max(x for x, _ in chain), min(y for _, y in chain), max(y for _, y in chain))
    assert all(not (box[0] <= x <= box[1] and box[2] <= y <= box[3]) for x, y in pair)


def test_empty_graph() -> None:
    assert positions(PropertyGraph({}, [])) == {}
