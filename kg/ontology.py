"""Where the ontology files are: inside the wheel (``kg/ontology/``) or, in a source checkout,
the top-level ``ontology/`` folder. Read with importlib.resources, never relative to the
current directory."""
from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

ONTOLOGY = "kg.ttl"
SHAPES = "shapes.ttl"


def ontology_file(name: str) -> Traversable:
    """The ontology file ``name`` (``kg.ttl``, ``shapes.ttl``), wherever kg is installed."""
    packaged = resources.files("kg").joinpath("ontology").joinpath(name)
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "ontology" / name
