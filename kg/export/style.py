"""One look for every picture: a colour and a shape per node kind (Okabe–Ito colours, which
stay apart for colour-blind readers), shared by GraphML (yEd), GEXF (Gephi), Cytoscape, dot
and ``kg view``."""
from __future__ import annotations

COLOURS: dict[str, str] = {
    "person": "#D55E00",
    "body": "#0072B2",
    "post": "#56B4E9",
    "holding": "#999999",
    "directive": "#CC79A7",
    "event": "#E69F00",
    "place": "#009E73",
    "article": "#F0E442",
}

# Cytoscape.js shape names; yEd and Graphviz have their own words for the same shapes.
SHAPES: dict[str, str] = {
    "person": "ellipse",
    "body": "round-rectangle",
    "post": "rectangle",
    "holding": "diamond",
    "directive": "hexagon",
    "event": "star",
    "place": "triangle",
    "article": "rectangle",
}
YED_SHAPES = {"ellipse": "ellipse", "round-rectangle": "roundrectangle", "rectangle": "rectangle",
              "diamond": "diamond", "hexagon": "hexagon", "star": "star5", "triangle": "triangle"}
DOT_SHAPES = {"ellipse": "ellipse", "round-rectangle": "box", "rectangle": "box", "diamond": "diamond",
              "hexagon": "hexagon", "star": "star", "triangle": "triangle"}


def rgb(kind: str) -> tuple[int, int, int]:
    colour = COLOURS.get(kind, "#777777")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
