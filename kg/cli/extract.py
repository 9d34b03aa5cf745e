"""kg extract: articles → the extraction contract of shared/eval/FORMAT.md (JSON Lines)."""
from __future__ import annotations

import json
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
    # Written beside the target and renamed when complete: a failed run leaves an earlier file whole.
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("w", encoding="utf-8") as f, bar:
            result = extract_contracts(inputs, f, strict=strict, progress=advance)
        if result.notes:  # a repeated id is always noted: no notes, no second pass over the output
            _keep_last_line_per_id(partial)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    summary(result, as_json, f"extracted to {out}")


def _keep_last_line_per_id(path: Path) -> None:
    """An id given again with other text replaces the earlier article (the run's notes say where),
    so its earlier line goes: one line per id, as a store holds one graph per article."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    last = {json.loads(line)["id"]: i for i, line in enumerate(lines)}
    if len(last) < len(lines):
        kept = sorted(last.values())
        path.write_text("".join(lines[i] for i in kept), encoding="utf-8")
