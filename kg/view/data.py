"""What ``kg view`` shows: the property graph made readable, as one JSON document.

A holding and its post are folded into one edge, person —holds→ body, labelled with the
position as the article gives it ("Phó Chủ tịch Ủy ban nhân dân tỉnh"); a post without a
body ("Tổng Bí thư") stays a node, since the edge needs an end. Articles are not drawn: each
edge carries its own sources (article, sentence, quote), which the page shows on a click.

Each element has ``from`` (when it starts to hold, ISO) and ``until`` (when it stops, only
when the text says so), which the page's date slider reads as "the graph as of a date".
"""
from __future__ import annotations

from typing import Any

from kg.export import style
from kg.export.projection import Edge, Node, PropertyGraph, iso_date
from kg.text.normalize import fold

HIDDEN_KINDS = frozenset({"article", "holding"})
REFINE_MAX = 1500
"""Up to this many nodes the page refines the computed layout with Cytoscape's force layout
(cose, quadratic per step: a second or two at this size, minutes for the whole corpus)."""
_SHOWN_ATTRS = ("body_kind", "title", "event_kind", "date", "document_kind", "number", "issuer",
                "subject", "level", "code", "scope")


def compact(graph: PropertyGraph) -> PropertyGraph:
    """Holdings folded into person → body edges; articles and their "mentions" edges left out."""
    out_edges: dict[str, list[Edge]] = {}
    for e in graph.edges:
        out_edges.setdefault(e.source, []).append(e)
    holder = {e.target: e for e in graph.edges if e.type == "holds"}
    edges: list[Edge] = []
    used_posts: set[str] = set()
    for h in (n for n in graph.nodes.values() if n.kind == "holding"):
        held = holder.get(h.id)
        post = next((e.target for e in out_edges.get(h.id, ()) if e.type == "of_post"), None)
        if held is None or post is None:
            continue
        body = next((e.target for e in out_edges.get(post, ()) if e.type == "post_in"), None)
        if body is None:
            used_posts.add(post)
        attrs = {"label": h.label, "status": "; ".join(h.attrs.get("status", ())),
                 "since": h.attrs.get("since"), "until": h.attrs.get("until")}
        edges.append(Edge(held.source, body or post, "holds", {k: v for k, v in attrs.items() if v},
                          held.sources, h.start, h.end))
    for e in graph.edges:
        ends = (graph.nodes[e.source].kind, graph.nodes[e.target].kind)
        if e.type not in ("holds", "of_post", "post_in", "mentions") and not set(ends) & HIDDEN_KINDS:
            edges.append(e)
    nodes = {k: n for k, n in graph.nodes.items()
             if n.kind not in HIDDEN_KINDS and (n.kind != "post" or k in used_posts)}
    edges = [e for e in edges if e.source in nodes and e.target in nodes]
    edges.sort(key=lambda e: (e.source, e.type, e.target, e.attrs.get("label", "")))
    return PropertyGraph(nodes, edges)


def _node(n: Node, at: tuple[float, float]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": n.id, "label": n.label, "kind": n.kind, "folded": fold(n.label),
                           "x": at[0], "y": at[1]}
    if n.kind in ("event", "directive") and n.start:
        out["from"] = n.start
    facts = {k: n.attrs[k] for k in _SHOWN_ATTRS if n.attrs.get(k)}
    if facts:
        out["attrs"] = facts
    return out


def _edge(e: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {"source": e.source, "target": e.target, "type": e.type}
    label = e.attrs.get("label") or e.attrs.get("role")
    if label:
        out["label"] = label
    for key in ("status", "since", "until", "role"):
        if e.attrs.get(key):
            out[key] = e.attrs[key]
    if e.start:
        out["from"] = e.start
    if iso_date(e.attrs.get("until")):
        out["ends"] = e.attrs["until"]          # for the slider: an end the text states, as a full date
    if e.timeless:
        out["timeless"] = True
    out["sources"] = [{"article": s.article, "sentence": s.sentence, "text": s.text, "quote": s.quote}
                      for s in e.sources]
    return out


def payload(graph: PropertyGraph, title: str) -> dict[str, Any]:
    """The page's data: nodes, edges and the dates the slider steps through."""
    from kg.view.layout import positions

    view = compact(graph)
    at = positions(view)
    dates = sorted({d for e in view.edges for d in (e.start, iso_date(e.attrs.get("until"))) if d}
                   | {n.start for n in view.nodes.values() if n.kind in ("event", "directive") and n.start})
    return {"title": title, "nodes": [_node(n, at[n.id]) for n in view.nodes.values()],
            "edges": [_edge(e) for e in view.edges], "dates": dates, "refine": len(view.nodes) <= REFINE_MAX,
            "style": {"colours": {k: c for k, c in style.COLOURS.items() if k not in HIDDEN_KINDS},
                      "shapes": style.SHAPES}}
