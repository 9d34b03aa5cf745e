"""kg eval: score predicted facts against gold facts with the contract's own scorer."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import JsonOpt
from kg.cli._render import console


@app.command("eval")
@handles_errors
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold facts, JSON Lines (FORMAT.md).")],
    pred: Annotated[Path, typer.Argument(help="Predicted facts, JSON Lines (kg extract's output).")],
    diff: Annotated[bool, typer.Option("--diff", help="List the missed and spurious facts of each article.")] = False,
    scorer: Annotated[Optional[Path], typer.Option(
        "--scorer", help="score.py to use (default: shared/eval/score.py beside the checkout).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Precision, recall and F1 per category, as shared/eval/score.py computes them.

    Example: kg extract ../shared/eval/dev-articles.jsonl -o dev.pred.jsonl && kg eval ../shared/eval/dev-gold.jsonl dev.pred.jsonl --diff
    """
    from kg import evaluate

    module = evaluate.load_scorer(scorer)
    result = evaluate.score(gold, pred, module)
    rows = evaluate.diff(gold, pred, module) if diff else []
    if as_json:
        payload = {"scores": result, "diff": [
            {"article": d.article_id, "category": d.category, "missed": d.missed, "spurious": d.spurious}
            for d in rows]}
        console().out(json.dumps(payload, ensure_ascii=False, indent=2, default=list), highlight=False)
        return
    table = Table("category", "P", "R", "F1", "gold", "pred")
    for category, r in result.items():
        table.add_row(category, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                      str(r["gold"]), str(r["predicted"]))
    out = console()
    out.print(table)
    for d in rows:
        out.print(Text(f"{d.article_id}  {d.category}", style="bold"))
        for item in d.missed:
            out.print(Text(f"  - missed   {item}"))
        for item in d.spurious:
            out.print(Text(f"  + spurious {item}"))
