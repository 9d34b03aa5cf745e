"""The only place that reads environment variables."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = "kg-data"


def store_location(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the store is: ``explicit`` (``--store``), else ``$KG_STORE``, else ``./kg-data``."""
    return Path(explicit or os.environ.get("KG_STORE") or DEFAULT_STORE)


def write_batch_size() -> int:
    """Articles per store transaction when ingesting (``$KG_BATCH``, default 200)."""
    return int(os.environ.get("KG_BATCH", "200"))
