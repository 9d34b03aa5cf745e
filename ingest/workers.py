"""Extraction and RDF building in worker processes (``kg ingest --workers N``).

The store has one writer, so only the pure part of the write path runs in the workers:
article → Extraction → ArticleGraph → N-Quads bytes (kg.graph.EncodedGraph, which pickles for
nothing, where rdflib terms cost more to unpickle than to build). Results come back in input
order, so a run with N workers writes what a run with one writes, in the same order.

Memory stays flat: at most ``32 × workers`` chunks are in flight; the input is read only as
results are taken.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from kg.graph import EncodedGraph
from kg.model import Article, Extraction

Extractor = Callable[[Article], Extraction]
Outcome = EncodedGraph | Exception | None   # None: not extracted (an id seen before)

CHUNK = 16        # articles per task: large enough that pickling overhead is noise, small
                  # enough that the workers finish together at the end of a run

# Chunks in flight per worker: enough that the workers keep extracting while this process
# writes a batch to the store (KG_BATCH articles, 500 by default: seconds of bulk loading), so
# 2 workers hold 1,024 articles (≈ 80 MB of articles and their N-Quads).
_WINDOW = 32

_extract: Extractor | None = None


def _init(extractor: Extractor | None) -> None:
    global _extract
    _let_go_of_the_forkserver()
    _die_with_parent()
    if extractor is None:
        from ingest.extract import extract_article as extractor   # type: ignore[assignment]
    _extract = extractor


def _let_go_of_the_forkserver() -> None:
    """Every process the forkserver forks inherits the write end of its "alive" pipe, and the
    forkserver exits only when all of them have closed it: with a killed ``kg ingest`` the workers
    would wait for the forkserver to die (``_die_with_parent``) and it for them. Workers start no
    processes, so they close it (CPython keeps the descriptor in a private attribute)."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(fd, int):
        try:
            os.close(fd)
        except OSError:
            pass
        server._forkserver_alive_fd = None   # type: ignore[union-attr]


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when its parent (the forkserver, which itself exits when the
    ingest does) dies, so a killed ``kg ingest`` leaves no worker waiting on its queue
    (tests/chaos/test_crash.py::test_kill_with_workers)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:   # the parent died before prctl took effect
        os._exit(1)


def outcome(extract: Extractor, article: Article) -> EncodedGraph | Exception:
    """Extract and build one article; an exception of the extractor is returned, not raised
    (the caller counts it, or stops with --strict)."""
    from ingest.rdf.build import encoded

    try:
        extraction = extract(article)
    except Exception as e:   # noqa: BLE001 - reported by the pipeline with the article's id
        return _picklable(e)
    return encoded(extraction)


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:   # noqa: BLE001 - an exception type that does not pickle: keep its text
        return RuntimeError(f"{type(error).__name__}: {error}")


def _run_chunk(chunk: list[tuple[Article, bool]]) -> list[Outcome]:
    assert _extract is not None
    return [outcome(_extract, a) if wanted else None for a, wanted in chunk]


def ordered_map(items: Iterable[tuple[Article, bool]], workers: int, extractor: Extractor | None = None,
                chunk: int = CHUNK) -> Iterator[tuple[Article, Outcome]]:
    """(article, outcome) for each (article, wanted) of ``items``, in order, computed by
    ``workers`` processes. ``extractor`` must be picklable (a module-level function); None is
    ``ingest.extract.extract_article``."""
    context = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["ingest.workers", "ingest.extract.stages", "ingest.rdf.build"])
    source = iter(items)
    window: deque[tuple[list[tuple[Article, bool]], Future[list[Outcome]]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(extractor,)) as pool:
        try:
            while True:
                while len(window) < _WINDOW * workers:
                    batch = list(islice(source, chunk))
                    if not batch:
                        break
                    window.append((batch, pool.submit(_run_chunk, batch)))
                if not window:
                    return
                batch, future = window.popleft()
                yield from zip((a for a, _ in batch), future.result())
        finally:
            for _, future in window:
                future.cancel()
