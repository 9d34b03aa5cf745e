"""Where ``kg view`` puts each node, worked out here rather than in the browser.

Cytoscape.js's force layout (cose) is quadratic per step: fine for a few hundred nodes, but
the whole corpus (9 000 nodes) kept Chromium busy for over 30 s before the page even loaded.
igraph's Fruchterman–Reingold (C) lays the same graph out in about a second; the page then
refines small graphs with cose from these places (kg.view.data.REFINE_MAX). Each connected
component is laid out alone, scaled to its size, and the components are packed in rows,
largest first, so small groups do not drift off around a big one. The random start is
seeded: the same graph gets the same picture.
"""
from __future__ import annotations

import math
import random

from kg.export.projection import PropertyGraph

SPACING = 60.0          # pixels between neighbours, roughly
GAP = 80.0              # between components


def positions(graph: PropertyGraph) -> dict[str, tuple[float, float]]:
    """Node id → (x, y) in pixels, for Cytoscape's preset layout."""
    import igraph as ig

    names = list(graph.nodes)
    if not names:
        return {}
    index = {n: i for i, n in enumerate(names)}
    whole = ig.Graph(n=len(names), edges=sorted({(index[e.source], index[e.target]) for e in graph.edges
                                                 if e.source != e.target}))
    ig.set_random_number_generator(random.Random(0))
    boxes = []
    for members in sorted(whole.connected_components(), key=lambda c: (-len(c), names[c[0]])):
        sub = whole.induced_subgraph(members)
        coords = sub.layout_fruchterman_reingold(niter=500).coords if len(members) > 1 else [(0.0, 0.0)]
        boxes.append(([names[m] for m in members], _scaled(coords, len(members))))
    return _pack(boxes)


def _scaled(coords: list[list[float]] | list[tuple[float, float]], n: int) -> list[tuple[float, float]]:
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    size = SPACING * math.sqrt(n) if n > 1 else 0.0
    scale = size / max(width, height)
    return [((x - min(xs)) * scale, (y - min(ys)) * scale) for x, y in zip(xs, ys)]


def _pack(boxes: list[tuple[list[str], list[tuple[float, float]]]]) -> dict[str, tuple[float, float]]:
    """Rows of components, left to right, each row as wide as the biggest component or the
    square root of the total area, whichever is wider."""
    area = sum((max(x for x, _ in c) + GAP) * (max(y for _, y in c) + GAP) for _, c in boxes)
    row_width = max(max(x for x, _ in boxes[0][1]) + GAP, math.sqrt(area) * 1.4)
    out: dict[str, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for ids, coords in boxes:
        w, h = max(x for x, _ in coords), max(y for _, y in coords)
        if x0 > 0 and x0 + w > row_width:
            x0, y0, row_height = 0.0, y0 + row_height + GAP, 0.0
        for node, (x, y) in zip(ids, coords):
            out[node] = (round(x0 + x, 1), round(y0 + y, 1))
        x0 += w + GAP
        row_height = max(row_height, h)
    return out
