"""Run the kg CLI with one crash point, for the crash-safety tests (never imported by kg).

``KG_CHAOS_AT="<point>:<n>"`` sends this process SIGKILL — nothing is flushed, closed or
unlocked — the n-th time it reaches ``<point>``; ``"<point>:<n>:stop"`` sends SIGSTOP instead,
so a test can look at (or race) a writer frozen there and SIGCONT it. The points wrap kg's
own functions from outside, so kg carries no test hook:

- ``article``     the pipeline has handed the n-th article to the store writer (not flushed)
- ``flush``       the n-th flush with something to write is about to write it
- ``between``     a flush has written its new articles, not yet its changed ones
- ``flushed``     the n-th flush has written everything
- ``resolution``  the identity-resolution graph is about to be rebuilt (all articles written)
- ``close``       the store is about to be closed (RocksDB not flushed by kg)
- ``index``       the search index has its rows for the n-th time, not yet committed
- ``parsed``      the store has parsed the n-th quad it writes (with ``KG_CHAOS_BULK=1``, which
                  sends every batch of new articles through Oxigraph's bulk loader: inside it)
- ``load-flush``  ``kg load`` has handed its n-th batch of articles to its writing thread (the
                  batch before it is written, this one may be in flight)
- ``summarise``   ``kg load`` is about to summarise the shared nodes (all batches written)
- ``same-as``     ``kg load`` is about to recompute the SAME_AS links

    KG_CHAOS_AT=flush:2 python -m tests.chaos.crashing ingest articles.jsonl --store s
"""
from __future__ import annotations

import functools
import os
import signal
import sys
from collections import Counter
from typing import Any, Callable

_seen: Counter[str] = Counter()


def _point(name: str) -> None:
    spec = os.environ.get("KG_CHAOS_AT", "")
    point, _, rest = spec.partition(":")
    count, _, action = rest.partition(":")
    if point != name:
        return
    _seen[name] += 1
    if _seen[name] == int(count or 1):
        sys.stderr.write(f"chaos: {action or 'kill'} at {name} #{_seen[name]}\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSTOP if action == "stop" else signal.SIGKILL)


def _after(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        _point(name)
        return result
    return wrapper


def _before(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _point(name)
        return fn(*args, **kwargs)
    return wrapper


def install() -> None:
    from kg.store import embedded
    from kg import resolve

    writer = embedded.EmbeddedWriter
    writer.add_article = _after("article", writer.add_article)   # type: ignore[method-assign]
    original_flush = writer.flush

    @functools.wraps(original_flush)
    def flush(self: Any) -> None:
        if self._pending:
            _point("flush")
            original_flush(self)
            _point("flushed")
        else:
            original_flush(self)

    writer.flush = flush   # type: ignore[method-assign]
    # Called between a flush's two transactions (new articles, then changed ones).
    embedded._replace_update = _before("between", embedded._replace_update)
    resolve.links = _before("resolution", resolve.links)
    embedded.EmbeddedStore.close = _before("close", embedded.EmbeddedStore.close)   # type: ignore[method-assign]
    from kg.store import index_write

    index_write._Writer.replace = _after("index", index_write._Writer.replace)   # type: ignore[method-assign]
    if os.environ.get("KG_CHAOS_BULK") == "1":
        embedded._BULK_BYTES = 0
    parse = embedded.ox.parse

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        for quad in parse(*args, **kwargs):
            yield quad
            _point("parsed")

    embedded.ox.parse = counted_parse

    from kg.store import neo4j_load

    loader = neo4j_load.Neo4jWriter
    original_load_flush = loader.flush

    @functools.wraps(original_load_flush)
    def load_flush(self: Any) -> None:
        pending = bool(self._pending)
        original_load_flush(self)
        if pending:
            _point("load-flush")

    loader.flush = load_flush   # type: ignore[method-assign]
    loader.summarise = _before("summarise", loader.summarise)   # type: ignore[method-assign]
    loader.resolve = _before("same-as", loader.resolve)   # type: ignore[method-assign]


if __name__ == "__main__":
    install()
    from kg.cli import main

    sys.argv[0] = "kg"
    main()
