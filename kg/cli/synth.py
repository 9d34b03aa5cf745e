"""kg synth: a synthetic corpus with the gold facts of every article (ingest/synth)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import JsonOpt


@app.command("synth")
@handles_errors
def synth_command(
    n: Annotated[int, typer.Argument(min=0, metavar="N", help="How many articles to write.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The articles, JSON Lines (FORMAT.md input).")],
    seed: Annotated[int, typer.Option("--seed", "-s", help="Chooses the simulated world and every article.")] = 0,
    gold: Annotated[Optional[Path], typer.Option(
        "--gold", help="Also write the gold facts of each article, JSON Lines (FORMAT.md output).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write N synthetic Vietnamese news articles about officials, dated 2015–2025, with their gold facts.

    The same N and --seed always give the same bytes. Example: kg synth 1000 --seed 7 --out synth.jsonl --gold synth.gold.jsonl
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from ingest.synth import write_files  # the write path lives in ingest/; only the CLI wires it in

    from kg.cli import _render

    bar = Progress(TextColumn("generating"), BarColumn(), TextColumn("{task.completed:,} articles"),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("generating", total=n)
    with bar:
        written = write_files(n, seed, out, gold, progress=lambda k: bar.update(task, completed=k))
    counts = {"articles": written, "seed": seed}
    if as_json:
        _render.emit_json({**counts, "out": str(out), "gold": str(gold) if gold else None})
        return
    _render.counts(f"wrote {out}" + (f" and {gold}" if gold else ""), counts)
