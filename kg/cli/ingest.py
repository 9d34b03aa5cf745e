"""kg ingest: articles → facts → the store, with a progress bar and a summary."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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


@app.command("ingest")
@handles_errors
def ingest_command(paths: Paths, store: StoreOpt = None, strict: StrictOpt = False, as_json: JsonOpt = False) -> None:
    """Read articles, extract their facts and write them to the store (re-ingesting an
    unchanged article changes nothing; a changed one replaces only its own facts).

    Example: kg ingest ../shared/corpus/articles.jsonl
    """
    from ingest.pipeline import ingest
    from kg.store import open_store

    bar, advance = progress_bar("ingesting")
    with open_store(store) as s, bar:
        with s.writer() as w:
            result = ingest(paths, w, strict=strict, progress=advance)
    summary(result, as_json, "ingested")
