"""The Typer application every command module registers on."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="kg",
    help="A knowledge graph of Vietnamese officials, bodies, posts and directives, built from news "
         "articles, with the sentence behind every fact.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
