"""Exports of a store View, one module per format, all registered in :data:`EXPORTERS`.

The graph formats (GraphML, GEXF, Cytoscape JSON, neo4j CSV, dot) write the property-graph
projection (:mod:`kg.export.projection`); the RDF formats write the store's triples. The same
:class:`~kg.export.filters.Filter` (kinds of facts, dates, a neighbourhood) applies to all.

    from kg.export import export, Filter
    with open_store("kg-data", read_only=True) as s, open("kg.gexf", "wb") as out:
        export(s.view(), "gexf", out, Filter(around="Nguyễn Long Biên", depth=2))

Modules are imported when a format is used, so importing this package stays cheap.
"""
from __future__ import annotations

import importlib
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import KgError
from kg.export.filters import Filter
from kg.store.base import View

__all__ = ["EXPORTERS", "Exporter", "Filter", "export"]


@dataclass(frozen=True)
class Exporter:
    module: str              # kg.export.<module> has write(...)
    suffix: str              # default file suffix; "" for a folder of files
    opens_in: str            # the tools that read it (help text, README)
    rdf: bool = False        # writes the store's triples instead of the property graph

    @property
    def folder(self) -> bool:
        return not self.suffix


EXPORTERS: dict[str, Exporter] = {
    "graphml": Exporter("graphml", ".graphml", "yEd, Gephi, Cytoscape desktop, networkx"),
    "gexf": Exporter("gexf", ".gexf", "Gephi (with its timeline), networkx"),
    "cytoscape": Exporter("cytoscape", ".cyjs", "Cytoscape.js, Cytoscape desktop"),
    "neo4j-csv": Exporter("neo4j_csv", "", "neo4j-admin database import full"),
    "dot": Exporter("dot", ".dot", "Graphviz (dot, sfdp)"),
    "turtle": Exporter("rdf", ".ttl", "any RDF tool", rdf=True),
    "nquads": Exporter("rdf", ".nq", "RDF stores (one named graph per article)", rdf=True),
    "jsonld": Exporter("rdf", ".jsonld", "JSON-LD processors", rdf=True),
}


def export(view: View, fmt: str, out: BinaryIO | Path, f: Filter | None = None) -> dict[str, Any]:
    """Write ``view`` (or the part ``f`` keeps) as ``fmt`` to ``out``: a binary stream, or a
    folder for ``neo4j-csv``. Returns what was written: ``nodes`` and ``edges``, or ``quads``;
    for ``neo4j-csv`` also ``command``, the shell line that imports the folder."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise KgError(f"unknown export format {fmt!r} (known: {', '.join(EXPORTERS)})")
    module = importlib.import_module(f"kg.export.{exporter.module}")
    f = f or Filter()
    if exporter.rdf:
        if isinstance(out, Path):
            raise KgError(f"{fmt} is written to a file or standard output, not a folder")
        return {"quads": module.write(view, fmt, out, f)}
    from kg.export.filters import apply
    from kg.export.projection import project

    graph = apply(project(view), f)
    if exporter.folder:
        if not isinstance(out, Path):
            raise KgError(f"{fmt} writes several files: give a folder (--out)")
        args = module.write(graph, out)
        return {**graph.counts(), "command": f"cd {shlex.quote(str(out))} && {shlex.join(args)}"}
    else:
        if isinstance(out, Path):
            raise KgError(f"{fmt} is written to one file, not a folder")
        module.write(graph, out)
    return graph.counts()
