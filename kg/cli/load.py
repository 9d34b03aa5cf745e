"""kg load: the embedded store → Neo4j, as a property graph, with a progress bar."""
from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import _render
from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import DatabaseOpt, JsonOpt, PasswordOpt, StoreOpt, UriOpt, UserOpt

DEFAULT_BATCH = 10000  # kg.store.neo4j.DEFAULT_BATCH, repeated so `kg --help` imports no driver


@app.command("load")
@handles_errors
def load_command(store: StoreOpt = None, uri: UriOpt = None, user: UserOpt = None, password: PasswordOpt = None,
                 database: DatabaseOpt = None,
                 incremental: Annotated[bool, typer.Option(
                     "--incremental", help="Load only the articles Neo4j does not hold yet (or holds with other "
                                           "content); remove nothing.")] = False,
                 batch: Annotated[int, typer.Option(
                     "--batch", metavar="N", min=1, help="Rows per UNWIND write statement.")] = DEFAULT_BATCH,
                 as_json: JsonOpt = False) -> None:
    """Load the store into Neo4j as a property graph (persons, bodies, posts, holdings,
    directives, events, places, articles, sentences, evidence), creating constraints and
    indexes first. Loading twice changes nothing; without --incremental, articles the store no
    longer has are removed, so Neo4j mirrors the store. docs/graph-model.md shows the model.

    Example: kg load --uri bolt://localhost:7687
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.errors import StoreError
    from kg.store import open_store
    from kg.store.neo4j import Connection, Neo4jStore
    from kg.store.neo4j_load import LoadProgress, load

    bar = Progress(TextColumn("loading into Neo4j"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task("load", total=None)

    read = [0]       # articles handed to the writer so far

    def advance(p: LoadProgress) -> None:
        read[0] = p.articles
        bar.update(task, total=p.total or None, completed=p.articles)

    conn = Connection.from_settings(uri, user, password, database)
    with open_store(store, read_only=True) as source, Neo4jStore(conn) as target, bar:
        try:
            s = load(source.view(), target, incremental=incremental, batch=batch, progress=advance)
        except StoreError as e:
            if not read[0]:
                raise
            # Each batch is its own transaction and an article is marked loaded only once
            # complete (kg.store.neo4j_load), so what was written stays and a rerun finishes.
            raise StoreError(f"{e} — the load stopped after {read[0]} articles: run kg load again "
                             "to finish it") from None
    data = {"articles": s.articles, **{k: s.changes.get(k, 0) for k in ("added", "replaced", "unchanged")},
            "removed": s.removed, "nodes": s.nodes, "relationships": s.relationships,
            "nodes created": s.written["nodes_created"], "relationships created": s.written["relationships_created"],
            "seconds": round(s.seconds, 2), "created per second": round(s.per_second)}
    if as_json:
        _render.emit_json({k.replace(" ", "_"): v for k, v in data.items()})
    else:
        _render.counts(f"loaded into {conn.safe_uri} (database {conn.database})",
                       {k: v for k, v in data.items() if k != "seconds"})
        _render.console().print(f"  in {s.seconds:.1f} s", markup=False)
