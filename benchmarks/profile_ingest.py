"""Where one article's time goes on the write path: each extraction stage, RDF building, the
content hash, handing the graph to another process, and writing it to the store.

    python benchmarks/profile_ingest.py ARTICLES.jsonl [--limit N] [--cprofile K]

Read-only with respect to the code it measures: the extraction stages are timed by wrapping
the callables of ``ingest.extract.stages.STAGES`` in this process, not by editing them. Prints
ms/article per phase and (``--cprofile K``) the K functions of the extractor with the most own
time, in ms/article, from a cProfile run over the same articles (profiling inflates small
calls, so read those figures as a ranking, the phase table as the measure).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pickle
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._common import load_articles, machine_line  # noqa: E402


def phases(articles: list, store_dir: Path | None = None) -> dict[str, float]:
    """CPU seconds (this process, all its threads) spent in each phase over ``articles``, in
    the order ``kg ingest`` runs them; the store phases also as wall seconds."""
    from ingest.extract import stages as st
    from ingest.rdf import build as rdf_build

    clock = time.process_time
    spent: dict[str, float] = {f"extract: {s.name}": 0.0 for s in st.STAGES}
    timed = []
    for s in st.STAGES:
        def wrapped(doc, _run=s.run, _name=f"extract: {s.name}"):  # noqa: ANN001
            t = clock()
            _run(doc)
            spent[_name] += clock() - t
        timed.append(st.Stage(s.name, s.requires, s.assigns, wrapped))
    original = st.STAGES
    st.STAGES = tuple(timed)
    try:
        st.run(articles[0])   # warm-up: tables load once
        for k in spent:
            spent[k] = 0.0
        extractions = []
        t = clock()
        for a in articles:
            extractions.append(st.run(a))
        spent["extract: total (with Doc setup)"] = clock() - t
    finally:
        st.STAGES = original
    digest = rdf_build._digest
    spent["rdf:   of which content digest"] = 0.0

    def timed_digest(triples):  # noqa: ANN001, ANN202
        t0 = clock()
        out = digest(triples)
        spent["rdf:   of which content digest"] += clock() - t0
        return out

    rdf_build._digest = timed_digest
    try:
        t = clock()
        graphs = [rdf_build.encoded(x) for x in extractions]
        spent["rdf: build as N-Quads (incl. digest)"] = clock() - t
    finally:
        rdf_build._digest = digest
    spent["rdf:   of which content digest"] = spent.pop("rdf:   of which content digest")
    chunks = [graphs[i:i + 16] for i in range(0, len(graphs), 16)]   # a worker's task is a chunk
    t = clock()
    blobs = [pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL) for c in chunks]
    spent["pickle results (worker: dumps)"] = clock() - t
    t = clock()
    for b in blobs:
        pickle.loads(b)
    spent["pickle results (main: loads)"] = clock() - t
    if store_dir is not None:
        from kg.store import embedded
        from kg.store.embedded import EmbeddedStore

        try:   # the index's writing side, in its own module since it was split from search_index
            from kg.store import index_write as index_writer
        except ImportError:
            from kg.store import search_index as index_writer

        # The search index's parts, where the tree has them (its rows are computed as the
        # writer parses each batch since issue 6's index change; before, the end of the run
        # read them back from the store).
        parts = [(embedded.EmbeddedStore, "rebuild_resolution", "store:   of which resolution + index check"),
                 (index_writer, "sync", "store:   of which index check against the store (sync)")]
        if hasattr(index_writer, "Updater"):
            from kg.store import index_rows

            parts += [(index_rows, "graph_rows", "store:   of which index rows (index_rows.graph_rows)"),
                      (index_writer.Updater, "write", "store:   of which index writes (sqlite)")]
        originals = [(owner, name, getattr(owner, name)) for owner, name, _ in parts]
        for owner, name, key in parts:
            spent[key] = 0.0
            setattr(owner, name, _timed(getattr(owner, name), spent, key, clock))
        try:
            with EmbeddedStore(store_dir / "store") as store:
                writer = store.writer()
                t, w = clock(), time.perf_counter()
                for g in graphs:
                    writer.add_article(g)
                writer.flush()
                spent["store: writes (batches of KG_BATCH)"] = clock() - t
                spent["store: writes, wall"] = time.perf_counter() - w
                t, w = clock(), time.perf_counter()
                writer.__exit__(None, None, None)
                spent["store: end of run (compaction, resolution, index check)"] = clock() - t
                spent["store: end of run, wall"] = time.perf_counter() - w
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)
        for _, _, key in parts:     # after the phases they are part of
            spent[key] = spent.pop(key)
    spent["_quads"] = sum(g.nquads.count(b"\n") for g in graphs)
    spent["_pickled_bytes"] = sum(len(b) for b in blobs)
    return spent


def _timed(fn, spent: dict[str, float], key: str, clock):  # noqa: ANN001, ANN202
    """``fn``, adding the CPU time of each call to ``spent[key]``."""
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        t = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[key] += clock() - t
    return wrapper


def cprofile_extractor(articles: list, top: int) -> list[tuple[str, float, float]]:
    """(function, own ms/article, cumulative ms/article) of the extractor's heaviest functions."""
    from ingest.extract import extract_article

    extract_article(articles[0])
    prof = cProfile.Profile()
    prof.enable()
    for a in articles:
        extract_article(a)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rel = os.path.relpath(file, ROOT) if file.startswith(str(ROOT)) else os.path.basename(file)
        rows.append((f"{rel}:{line}({func})", tt * 1000 / len(articles), ct * 1000 / len(articles)))
    rows.sort(key=lambda r: -r[1])
    return rows[:top]


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--cprofile", type=int, default=0, metavar="K")
    parser.add_argument("--no-store", action="store_true", help="skip the store-write phases")
    args = parser.parse_args()
    articles = load_articles(args.path, args.limit)
    print(machine_line())
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        spent = phases(articles, None if args.no_store else Path(tmp))
    n = len(articles)
    quads, pickled = spent.pop("_quads"), spent.pop("_pickled_bytes")
    print(f"{n:,} articles, {quads:,} quads ({quads / n:.0f}/article), pickled graphs {pickled / n / 1024:.1f} KiB/article")
    print(f"{'phase':<44}{'ms/article':>12}   (CPU time unless it says wall)")
    for name, sec in spent.items():
        print(f"{name:<44}{sec * 1000 / n:>12.2f}")
    if args.cprofile:
        print(f"\nextractor, cProfile, top {args.cprofile} by own time (ms/article, inflated by profiling)")
        print(f"{'function':<70}{'own':>8}{'cum':>8}")
        for func, own, cum in cprofile_extractor(articles, args.cprofile):
            print(f"{func[:70]:<70}{own:>8.2f}{cum:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
