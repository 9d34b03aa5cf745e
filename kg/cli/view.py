"""kg view: one HTML file that draws the graph."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._filters import AroundOpt, DepthOpt, FromOpt, KindsOpt, ToOpt, make_filter
from kg.cli._options import StoreOpt


@app.command("view")
@handles_errors
def view_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("graph.html"),
    title: Annotated[str, typer.Option(help="The page's title.")] = "kg",
    around: AroundOpt = None, depth: DepthOpt = 1, since: FromOpt = None, until: ToOpt = None,
    kinds: KindsOpt = None, store: StoreOpt = None,
) -> None:
    """Write one self-contained HTML page that draws the graph: colours by kind, search by
    name without diacritics, click a node for its facts and their sentences, a date slider.
    It opens from disk and makes no network request.

    Example: kg view --out graph.html --around "Nguyễn Long Biên" --depth 2
    """
    from rich.console import Console
    from rich.text import Text

    from kg.store import open_store
    from kg.view import write

    f = make_filter(around, depth, since, until, kinds)
    with open_store(store, read_only=True) as s:
        drawn = write(s.view(), out, f, title=title)
    Console(stderr=True, highlight=False).print(Text(
        f"wrote {out}: {drawn['nodes']:,} nodes, {drawn['edges']:,} edges; open it in a browser"))
