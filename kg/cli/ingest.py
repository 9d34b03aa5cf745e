"""kg ingest: articles → facts → the store, with a progress bar and a summary."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kg.cli import _render
from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import JsonOpt, StoreOpt, StrictOpt

if TYPE_CHECKING:
    from ingest.pipeline import Summary

Paths = Annotated[list[Path], typer.Argument(help=".txt files (first line the title), .jsonl files, or folders of them.",
                                             show_default=False)]


def progress_bar(label: str):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr and the callback that advances it."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(), TextColumn("{task.fields[articles]} articles"),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task(label, total=None, articles=0)

    def advance(p) -> None:  # type: ignore[no-untyped-def]
        bar.update(task, total=p.total_bytes or None, completed=p.bytes_read, articles=p.articles)

    return bar, advance


def summary(s: Summary, as_json: bool, what: str) -> None:
    data = {"articles": s.articles, **dict(s.changes), "facts": s.total_facts, **dict(s.facts),
            "skipped": len(s.skipped), "warnings": len(s.warnings), "notes": len(s.notes)}
    if as_json:
        _render.emit_json({**data, "skipped_by_reason": dict(s.skipped_by_reason()),
                           "skipped_items": [{"where": w, "reason": r} for w, r in s.skipped],
                           "notes_items": [{"where": w, "note": n} for w, n in s.notes]})
        return
    _render.counts(what, data)
    out = _render.console()
    for label, items in (("skipped", s.skipped), ("note", s.notes)):
        for where, reason in items[:20]:
            out.print(f"  {label} {where}: {reason}", markup=False)
        if len(items) > 20:
            out.print(f"  … and {len(items) - 20} more ({label})", markup=False)
    if len(s.skipped) > 1:
        out.print("  skipped, by reason:", markup=False)
        for reason, n in s.skipped_by_reason().most_common():
            out.print(f"    {n:>6}  {reason}", markup=False)


WorkersOpt = Annotated[int, typer.Option(
    "--workers", "-w", min=1, help="Processes that extract in parallel (the store is written by this one).")]


@app.command("ingest")
@handles_errors
def ingest_command(paths: Paths, store: StoreOpt = None, strict: StrictOpt = False, as_json: JsonOpt = False,
                   workers: WorkersOpt = 1) -> None:
    """Read articles, extract their facts and write them to the store (re-ingesting an
    unchanged article changes nothing; a changed one replaces only its own facts). N-Quads
    shards written by `kg shard` are loaded as they are.

    Example: kg ingest ../shared/corpus/articles.jsonl --workers 2
    """
    from ingest.pipeline import ingest
    from ingest.shards import load_shards, split_inputs
    from kg.store import open_store

    shards, articles = split_inputs(paths)
    bar, advance = progress_bar("ingesting")
    with open_store(store) as s, bar:
        with s.writer() as w:
            result = ingest(articles, w, strict=strict, progress=advance, workers=workers) if articles else None
            if shards:
                result = load_shards(shards, w, progress=advance, summary=result)
    summary(result, as_json, "ingested")


# --- kg shard: the distributed path (ingest/shards.py) ------------------------------------------

@app.command("shard")
@handles_errors
def shard_command(
    paths: Annotated[list[Path], typer.Argument(help=".jsonl files, or folders of them.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the N-Quads shards (part-NNNNN.nq).")],
    per_shard: Annotated[int, typer.Option("--per-shard", min=1, help="Articles per shard (one Dask task).")] = 1000,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="A Dask scheduler (tcp://host:8786); default: a local cluster of --workers processes.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1,
                                                   help="Local cluster size (default: the cores).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Extract articles on Dask into N-Quads shards that `kg ingest` loads (needs the [scale] extra).

    Example: kg shard articles.jsonl --out shards/ && kg ingest shards/
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from ingest.shards import make_shards

    bar = Progress(TextColumn("extracting"), BarColumn(), TextColumn("{task.completed}/{task.total} shards"),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("extracting", total=None)
    with bar:
        run = make_shards(paths, out, per_shard=per_shard, scheduler=scheduler, workers=workers,
                          progress=lambda done, total: bar.update(task, completed=done, total=total))
    counts = {"articles": run.articles, "skipped": run.skipped, "shards": len(run.shards)}
    if as_json:
        _render.emit_json({**counts, "out": str(out)})
        return
    _render.counts(f"wrote {out}", counts)
