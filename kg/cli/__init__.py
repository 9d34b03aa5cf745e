"""kg's command line: one module per command group, each command parse → one library call →
render. Importing this package does no work beyond Typer itself, so ``kg --help`` is instant:
the store, rdflib, pyoxigraph and the extraction load inside the command that needs them.
"""
from __future__ import annotations

from kg.cli._app import app
from kg.cli import analyze, ask, eval, export, extract, ingest, synth, validate, view  # noqa: E402,F401 - registers the commands
from kg.cli import cypher, load  # noqa: E402,F401 - the Neo4j commands (kg load, kg cypher)

__all__ = ["app", "main"]


def main() -> None:
    """The ``kg`` console script."""
    app()
