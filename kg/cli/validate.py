"""kg validate: check every article graph in the store against the SHACL shapes."""
from __future__ import annotations

import typer

from kg.cli import _render
from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import JsonOpt, StoreOpt


@app.command("validate")
@handles_errors
def validate_command(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Check every article's graph against ontology/shapes.ttl; exit 1 on any violation.

    Example: kg validate
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ingest.rdf.validate import validate_many
    from kg.store import open_store

    with open_store(store, read_only=True) as s:
        view = s.view()
        graphs = list(view.article_graphs())
        bar = Progress(TextColumn("validating"), BarColumn(), MofNCompleteColumn(),
                       console=Console(stderr=True), transient=True)
        with bar:
            task = bar.add_task("validating", total=len(graphs))
            report = validate_many(graphs, progress=lambda n: bar.update(task, completed=n))
    if as_json:
        _render.emit_json({"conforms": report.conforms, "graphs": report.graphs,
                           "violations": [str(v) for v in report.violations]})
    else:
        out = _render.console()
        for v in report.violations[:50]:
            out.print(f"  {v}", markup=False)
        verdict = "conform" if report.conforms else f"do not conform ({len(report.violations)} violations)"
        out.print(f"{report.graphs} article graphs {verdict} to the shapes", markup=False)
    if not report.conforms:
        raise typer.Exit(code=1)
