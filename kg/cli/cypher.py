"""kg cypher: a researcher's Cypher against the Neo4j that `kg load` filled, read-only."""
from __future__ import annotations

import csv
import json
import sys
from typing import Annotated, Any

import typer

from kg.cli import _render
from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import DatabaseOpt, JsonOpt, PasswordOpt, UriOpt, UserOpt


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


@app.command("cypher")
@handles_errors
def cypher_command(query: Annotated[str, typer.Argument(help="One Cypher query (read-only).")],
                   param: Annotated[list[str], typer.Option(
                       "--param", "-p", metavar="NAME=VALUE",
                       help="A parameter, $NAME in the query; VALUE is JSON (5, true, [1,2]) or else text. "
                            "Repeatable.")] = [],   # noqa: B006 - Typer's list option
                   as_json: JsonOpt = False,
                   as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (a header, then one line a row).")] = False,
                   timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS",
                                                          help="Stop the query after this long.")] = 60.0,
                   uri: UriOpt = None, user: UserOpt = None, password: PasswordOpt = None,
                   database: DatabaseOpt = None) -> None:
    """Run a Cypher query against Neo4j, read-only: a query that could write (CREATE, MERGE,
    SET, DELETE, LOAD CSV, write procedures, several statements …) is refused and changes
    nothing. docs/cypher.md has ready-made queries.

    Example: kg cypher "MATCH (p:Person) WHERE p.folded CONTAINS \\$q RETURN p.name" --param q="to lam"
    """
    from kg.store.neo4j import Connection, Neo4jStore
    from kg.store.neo4j_readonly import parse_params, run_readonly

    params = parse_params(param)
    with Neo4jStore(Connection.from_settings(uri, user, password, database)) as store:
        result = run_readonly(store, query, params, timeout=timeout)
    if as_json:
        _render.emit_json([dict(zip(result.columns, row)) for row in result.rows])
    elif as_csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(result.columns)
        out.writerows([_cell(v) for v in row] for row in result.rows)
    else:
        from rich.table import Table

        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*(_cell(v) for v in row))
        console = _render.console()
        console.print(table)
        console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}", markup=False, style="dim")
