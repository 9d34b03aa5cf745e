"""Options shared by the commands (the hf ``_options`` pattern): one definition, one help text."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

StoreOpt = Annotated[Optional[Path], typer.Option(
    "--store", metavar="FOLDER",
    help="The store folder (default: $KG_STORE, else ./kg-data).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the answer as JSON, for scripts.")]
StrictOpt = Annotated[bool, typer.Option(
    "--strict", help="Stop at the first unreadable line or failed article instead of skipping it.")]


# --- Neo4j (kg load, kg cypher, --backend) ----------------------------------------------------
class Backend(str, Enum):
    """Where questions are answered: the embedded store, or the Neo4j that `kg load` filled."""

    embedded = "embedded"
    neo4j = "neo4j"


BackendOpt = Annotated[Backend, typer.Option(
    "--backend", help="Answer from the embedded store, or from Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD; "
                      "filled by `kg load`).")]
UriOpt = Annotated[Optional[str], typer.Option(
    "--uri", metavar="URI", help="Neo4j's Bolt URI (default: $NEO4J_URI, else bolt://localhost:7687).",
    show_default=False)]
UserOpt = Annotated[Optional[str], typer.Option(
    "--user", metavar="NAME", help="Neo4j user (default: $NEO4J_USER, else neo4j when a password is given).",
    show_default=False)]
PasswordOpt = Annotated[Optional[str], typer.Option(
    "--password", metavar="PASSWORD", help="Neo4j password (default: $NEO4J_PASSWORD; none: no authentication).",
    show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option(
    "--database", metavar="NAME", help="Neo4j database (default: $NEO4J_DATABASE, else neo4j).", show_default=False)]
