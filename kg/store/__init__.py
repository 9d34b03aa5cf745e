"""Open a store by location: a folder path is the embedded (pyoxigraph) store.

The location comes from ``--store``, else ``$KG_STORE``, else ``./kg-data`` (kg.settings).
"""
from __future__ import annotations

import os

from kg.store.base import Change, Row, Store, View, Writer

__all__ = ["Change", "Row", "Store", "View", "Writer", "open_store"]


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open the store at ``location``. ``read_only`` stores can be opened by many processes at
    once; a writable one only by one (a second gets a clear StoreError)."""
    from kg.settings import store_location
    from kg.store.embedded import EmbeddedStore

    return EmbeddedStore(store_location(location), read_only=read_only)
