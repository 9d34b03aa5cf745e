"""kg analyze: who meets whom, who is central, who bridges bodies."""
from __future__ import annotations

from typing import Annotated

import typer

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._filters import FromOpt, ToOpt
from kg.cli._options import JsonOpt, StoreOpt


@app.command("analyze")
@handles_errors
def analyze_command(
    since: FromOpt = None, until: ToOpt = None,
    top: Annotated[int, typer.Option(min=1, help="How many people to list in each ranking.")] = 20,
    backend: Annotated[str, typer.Option(help="networkx, igraph, or auto (igraph past a million edges).")] = "auto",
    store: StoreOpt = None, as_json: JsonOpt = False,
) -> None:
    """Rank people in the co-attendance network (linked when at the same event) by degree and
    betweenness, find communities of people who meet together, and people who bridge bodies.

    Example: kg analyze --from 2021 --to 2021 --top 10
    """
    from kg import analyze
    from kg.export.filters import period_bound
    from kg.store import open_store

    with open_store(store, read_only=True) as s:
        result = analyze.analyze(s.view(), period_bound(since) if since else None,
                                 period_bound(until, end=True) if until else None, top=top, backend=backend)
    if as_json:
        from kg.cli._render import emit_json

        emit_json(result)
    else:
        render(result)


def render(a) -> None:  # type: ignore[no-untyped-def]
    """Tables of the analysis, every name through rich.text.Text (never markup)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = Console(highlight=False, soft_wrap=True, emoji=False)
    period = f"{a.since or 'the start'} to {a.until or 'the end'}" if a.since or a.until else "all dates"
    out.print(Text(f"Co-attendance, {period}: {a.persons:,} people at {a.events:,} events, "
                   f"{a.edges:,} links ({a.backend})", style="bold"))
    ranking = Table("person", "met", "meetings", "events", "betweenness", title="Most connected", title_justify="left")
    for p in a.ranking:
        ranking.add_row(Text(p.name), str(p.degree), str(p.meetings), str(p.events), f"{p.betweenness:.4f}")
    out.print(ranking)
    groups = Table("size", "shared events", "members", title="Communities (people who meet together)",
                   title_justify="left")
    for c in a.communities:
        more = f" … +{len(c.members) - 8}" if len(c.members) > 8 else ""
        groups.add_row(str(c.size), str(c.events), Text(", ".join(c.members[:8]) + more))
    out.print(groups)
    bridges = Table("person", "bodies", "betweenness", title="Bridges between bodies", title_justify="left")
    for b in a.bridges:
        bridges.add_row(Text(b.name), Text("; ".join(b.bodies)), f"{b.betweenness:.4f}")
    out.print(bridges)
