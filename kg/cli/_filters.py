"""The options that pick a part of the graph, shared by export, view and analyze."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

# Listed here so `kg --help` imports nothing of the library; tests check they match
# kg.export.projection.FACT_KINDS.
FACT_KINDS = ("holdings", "events", "directives", "bodies", "places", "sources")

AroundOpt = Annotated[Optional[str], typer.Option(
    "--around", metavar="NAME", show_default=False,
    help="Keep what is around the person, body or event so named (diacritics optional).")]
DepthOpt = Annotated[int, typer.Option("--depth", min=0, help="How many steps around --around.")]
FromOpt = Annotated[Optional[str], typer.Option(
    "--from", "--since", metavar="DATE", show_default=False,
    help="Keep facts dated on or after DATE (yyyy, yyyy-mm or yyyy-mm-dd); undated facts go.")]
ToOpt = Annotated[Optional[str], typer.Option(
    "--to", "--until", metavar="DATE", show_default=False,
    help="Keep facts dated on or before DATE (yyyy, yyyy-mm or yyyy-mm-dd); undated facts go.")]
KindsOpt = Annotated[Optional[list[str]], typer.Option(
    "--kinds", metavar="KIND[,KIND]", show_default=False,
    help=f"Keep only these kinds of facts: {', '.join(FACT_KINDS)}.")]


def make_filter(around: str | None = None, depth: int = 1, since: str | None = None, until: str | None = None,
                kinds: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The library's Filter for the options given (KgError for a bad date or kind)."""
    from kg.export.filters import Filter, period_bound

    chosen = frozenset(k.strip() for item in kinds or () for k in item.split(",") if k.strip()) or None
    return Filter(kinds=chosen, around=around, depth=depth,
                  since=period_bound(since) if since else None,
                  until=period_bound(until, end=True) if until else None)
