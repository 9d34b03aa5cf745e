"""kg export: the graph, or the part around a name or within dates, in a file format."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import StoreOpt

# The format names are those of kg.export.EXPORTERS; listed here so `kg --help` needs no import.
FORMATS = ("turtle", "nquads", "jsonld", "graphml", "gexf", "cytoscape", "neo4j-csv", "dot")


@app.command("export")
@handles_errors
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "turtle",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File (or folder, for neo4j-csv); default: standard output.")] = None,
    around: Annotated[Optional[str], typer.Option(help="Keep only what is around this person or body.")] = None,
    depth: Annotated[int, typer.Option(help="How many steps around --around.")] = 1,
    since: Annotated[Optional[str], typer.Option(help="Keep facts from this date (yyyy-mm-dd).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Keep facts up to this date (yyyy-mm-dd).")] = None,
    store: StoreOpt = None,
) -> None:
    """Write the graph as Turtle, N-Quads (one named graph per article), JSON-LD, or a graph format.

    Example: kg export --format turtle --out kg.ttl
    """
    from kg.export import EXPORTERS, Filter, export
    from kg.errors import KgError
    from kg.store import open_store

    if fmt not in EXPORTERS:
        raise KgError(f"unknown export format {fmt!r} (known: {', '.join(EXPORTERS)})")
    f = Filter(around=around, depth=depth, since=since, until=until)
    with open_store(store, read_only=True) as s:
        if EXPORTERS[fmt].folder:
            if out is None:
                raise KgError(f"{fmt} writes several files: give a folder with --out")
            export(s.view(), fmt, out, f)
        elif out is None:
            export(s.view(), fmt, sys.stdout.buffer, f)
        else:
            with out.open("wb") as stream:
                export(s.view(), fmt, stream, f)
