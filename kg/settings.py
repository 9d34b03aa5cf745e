"""The only place that reads environment variables."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = "kg-data"


def store_location(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the store is: ``explicit`` (``--store``), else ``$KG_STORE``, else ``./kg-data``."""
    return Path(explicit or os.environ.get("KG_STORE") or DEFAULT_STORE)


def write_batch_size() -> int:
    """Articles per store write when ingesting (``$KG_BATCH``, default 500: each of Oxigraph's
    bulk loads has a fixed cost, so 200-article batches cost 1.3-1.9× the CPU per article of
    500 or 1000 in isolation; benchmarks/README.md)."""
    return int(os.environ.get("KG_BATCH", "500"))


# --- Neo4j (kg load, kg cypher, --backend neo4j) ---------------------------------------------
DEFAULT_NEO4J_URI = "bolt://localhost:7687"


def neo4j_settings(uri: str | None = None, user: str | None = None, password: str | None = None,
                   database: str | None = None) -> tuple[str, str | None, str | None, str]:
    """(uri, user, password, database): each from its option, else $NEO4J_URI, $NEO4J_USER,
    $NEO4J_PASSWORD, $NEO4J_DATABASE, else bolt://localhost:7687, no user, no password, neo4j."""
    return (uri or os.environ.get("NEO4J_URI") or DEFAULT_NEO4J_URI,
            user or os.environ.get("NEO4J_USER") or None,
            password or os.environ.get("NEO4J_PASSWORD") or None,
            database or os.environ.get("NEO4J_DATABASE") or "neo4j")


def max_article_bytes() -> int:
    """The largest article kg reads, in bytes: a .txt file or one JSON Lines line
    (``$KG_MAX_ARTICLE_BYTES``, default 1 MB, twenty times the longest article of the corpus).
    Anything longer is skipped with a message instead of filling memory."""
    return int(os.environ.get("KG_MAX_ARTICLE_BYTES", "1000000"))


def lock_folder() -> Path:
    """Where kg keeps the locks that are not inside a store (one `kg load` per Neo4j database):
    ``$KG_LOCK_DIR``, else ``$XDG_CACHE_HOME/kg/locks``, else ``~/.cache/kg/locks``."""
    explicit = os.environ.get("KG_LOCK_DIR")
    if explicit:
        return Path(explicit)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "kg" / "locks"
