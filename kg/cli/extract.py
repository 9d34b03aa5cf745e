"""kg extract: articles → the extraction contract of shared/eval/FORMAT.md (JSON Lines)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import JsonOpt, StrictOpt
from kg.cli.ingest import Paths, progress_bar, summary


@app.command("extract")
@handles_errors
def extract_command(inputs: Paths,
                    out: Annotated[Path, typer.Option("--out", "-o", help="The JSON Lines file to write.")],
                    strict: StrictOpt = False, as_json: JsonOpt = False) -> None:
    """Write what the extractor finds in each article, one JSON object a line (FORMAT.md).

    Example: kg extract ../shared/eval/seed-articles.jsonl --out seed.pred.jsonl
    """
    from ingest.pipeline import extract_contracts

    bar, advance = progress_bar("extracting")
    with out.open("w", encoding="utf-8") as f, bar:
        result = extract_contracts(inputs, f, strict=strict, progress=advance)
    summary(result, as_json, f"extracted to {out}")
