"""Options shared by the commands (the hf ``_options`` pattern): one definition, one help text."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

StoreOpt = Annotated[Optional[Path], typer.Option(
    "--store", metavar="FOLDER",
    help="The store folder (default: $KG_STORE, else ./kg-data).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the answer as JSON, for scripts.")]
StrictOpt = Annotated[bool, typer.Option(
    "--strict", help="Stop at the first unreadable line or failed article instead of skipping it.")]
