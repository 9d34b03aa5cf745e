"""kg export: the graph, or the part around a name, within dates or of some kinds, in a file format."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._filters import AroundOpt, DepthOpt, FromOpt, KindsOpt, ToOpt, make_filter
from kg.cli._options import StoreOpt

# The format names are those of kg.export.EXPORTERS; listed here so `kg --help` needs no import.
FORMATS = ("turtle", "nquads", "jsonld", "graphml", "gexf", "cytoscape", "neo4j-csv", "dot")


@app.command("export")
@handles_errors
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "turtle",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File (or folder, for neo4j-csv); default: standard output.")] = None,
    around: AroundOpt = None, depth: DepthOpt = 1, since: FromOpt = None, until: ToOpt = None,
    kinds: KindsOpt = None, store: StoreOpt = None,
) -> None:
    """Write the graph as Turtle, N-Quads (one named graph per article), JSON-LD, GraphML (yEd,
    Gephi, Cytoscape), GEXF (Gephi, with a timeline), Cytoscape JSON, CSV for neo4j-admin
    import (the command is printed), or dot (Graphviz).

    Example: kg export --format gexf --out kg.gexf --around "Nguyễn Long Biên" --depth 2
    """
    from rich.console import Console
    from rich.text import Text

    from kg.errors import KgError
    from kg.export import EXPORTERS, export
    from kg.store import open_store

    if fmt not in EXPORTERS:
        raise KgError(f"unknown export format {fmt!r} (known: {', '.join(EXPORTERS)})")
    f = make_filter(around, depth, since, until, kinds)
    with open_store(store, read_only=True) as s:
        if EXPORTERS[fmt].folder:
            if out is None:
                raise KgError(f"{fmt} writes several files: give a folder with --out")
            written = export(s.view(), fmt, out, f)
        elif out is None:
            written = export(s.view(), fmt, sys.stdout.buffer, f)
        else:
            with out.open("wb") as stream:
                written = export(s.view(), fmt, stream, f)
    what = (f"{written['quads']:,} quads" if "quads" in written
            else f"{written['nodes']:,} nodes, {written['edges']:,} edges")
    Console(stderr=True, highlight=False, soft_wrap=True).print(Text(f"wrote {what} to {out or 'standard output'}"))
    if "command" in written:      # neo4j-csv: the exact import command (also in import.sh there)
        typer.echo(written["command"])
