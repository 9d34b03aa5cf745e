"""The store interface: ``Store`` opens, ``Writer`` writes, ``View`` reads (nomenklatura's shape).

Backends: ``kg.store.embedded`` (pyoxigraph on disk, the default). A Neo4j backend comes in a
later issue; it implements the same three protocols, running the Cypher of each named query.

    with open_store("kg-data") as store:
        with store.writer() as w:          # flushes and rebuilds identity resolution on exit
            w.add_article(graph)
        rows = store.view().query("who_led", q="to giam sat so 2")
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any, BinaryIO, Protocol

from kg.graph import ArticleGraph, Triple

Row = dict[str, Any]


class Change(str, Enum):
    """What writing an article graph did."""

    added = "added"            # the article was not in the store
    replaced = "replaced"      # the article was there with other content: its graph was replaced
    unchanged = "unchanged"    # same content hash: nothing written


class View(Protocol):
    """Read-only access: named queries, article graphs, serialisation."""

    def query(self, name: str, **params: Any) -> list[Row]:
        """Run the named query of kg.queries with ``params`` bound as values."""
        ...

    def article_graphs(self) -> Iterator[tuple[str, list[Triple]]]:
        """Every article's named graph, as (graph IRI, triples), in IRI order."""
        ...

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Serialise the whole graph (``turtle``, ``nquads`` or ``jsonld``) to ``out``."""
        ...

    def size(self) -> int:
        """Number of quads stored."""
        ...


class Writer(Protocol):
    """Buffered writes; leaving the ``with`` block flushes and rebuilds the resolution graph."""

    def add_article(self, graph: ArticleGraph) -> Change:
        """Queue one article's graph; unchanged content (same hash) is a no-op."""
        ...

    def flush(self) -> None: ...

    def __enter__(self) -> Writer: ...

    def __exit__(self, *exc: object) -> None: ...


class Store(Protocol):
    def writer(self) -> Writer: ...

    def view(self) -> View: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


ParamMap = Mapping[str, Any]
