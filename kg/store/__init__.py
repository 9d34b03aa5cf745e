"""Open a store by location: a folder path is the embedded (pyoxigraph) store; with
``backend="neo4j"``, the Neo4j database of NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD
(kg.store.neo4j; `kg load` fills it).

The location comes from ``--store``, else ``$KG_STORE``, else ``./kg-data`` (kg.settings).
"""
from __future__ import annotations

import os

from kg.store.base import Change, Row, Store, View, Writer

__all__ = ["Change", "Row", "Store", "View", "Writer", "open_store"]


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False,
               backend: str = "embedded") -> Store:
    """Open the store at ``location``. ``read_only`` stores can be opened by many processes at
    once; a writable one only by one (a second gets a clear StoreError). ``backend="neo4j"``
    connects to Neo4j instead (``location`` is not used)."""
    if backend == "neo4j":
        from kg.store.neo4j import Connection, Neo4jStore

        return Neo4jStore(Connection.from_settings())   # type: ignore[return-value]
    from kg.settings import store_location
    from kg.store.embedded import EmbeddedStore

    return EmbeddedStore(store_location(location), read_only=read_only)
