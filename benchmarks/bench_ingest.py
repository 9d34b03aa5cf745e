"""`kg ingest` end to end (articles/s, triples/s, peak memory) against bulk-loading the same
quads as N-Quads into a fresh store with pyoxigraph's fastest loader (``Store.bulk_load``).

    python benchmarks/bench_ingest.py [--sizes 1000,10000] [--workers 1,2] [--shards]

Each ingest runs as its own child process (``kg ingest … --json``), so its peak resident
memory (ru_maxrss) is the ingest's alone. The baseline is the floor of the store side: the
quads the ingest wrote, dumped to N-Quads and bulk-loaded (the parse and the index build,
no extraction, no RDF building). ``--shards`` adds the distributed path on a local Dask
cluster: ``kg shard`` then ``kg ingest shards/``. The store of the first --workers value is
kept in build/bench/store-N for bench_questions and bench_neo4j.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._common import CACHE, KG, corpus, fresh, load, machine_line, run_child, timer  # noqa: E402


def store_path(n: int) -> Path:
    return CACHE / f"store-{n}"


def bulk_baseline(store: Path) -> tuple[float, int]:
    """(seconds to bulk_load the store's quads into a fresh store, quads)."""
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=CACHE) as tmp:
        dump = Path(tmp) / "all.nq"
        src = ox.Store.read_only(str(store))
        with dump.open("wb") as f:
            src.dump(f, ox.RdfFormat.N_QUADS)
        quads = len(src)
        del src
        target = ox.Store(str(Path(tmp) / "bulk"))
        start = timer()
        target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        target.flush()
        seconds = timer() - start
        del target
    return seconds, quads


def ingest_once(n: int, workers: int, keep: bool) -> dict:
    path = corpus(n)
    target = fresh(store_path(n) if keep else CACHE / f"store-{n}-w{workers}")
    before = load()
    run = run_child([KG, "ingest", str(path), "--store", str(target), "--workers", str(workers), "--json"])
    if run.returncode != 0:
        raise RuntimeError(f"kg ingest failed: {run.stderr[-2000:]}")
    summary = json.loads(run.stdout)
    bulk, quads = bulk_baseline(target)
    if not keep:
        fresh(target)
    return {"size": n, "workers": workers, "seconds": run.seconds, "cpu_seconds": run.cpu_seconds, "articles": summary["articles"], "quads": quads,
            "articles_per_s": summary["articles"] / run.seconds, "quads_per_s": quads / run.seconds,
            "max_rss_mb": run.max_rss_mb, "bulk_seconds": bulk, "bulk_quads_per_s": quads / bulk,
            "load_before": before, "load_after": load()}


def shards_once(n: int, workers: int) -> dict:
    path = corpus(n)
    out, target = fresh(CACHE / f"shards-{n}"), fresh(CACHE / f"store-{n}-shards")
    shard = run_child([KG, "shard", str(path), "--out", str(out), "--workers", str(workers),
                       "--per-shard", str(max(100, n // (4 * workers))), "--json"])
    if shard.returncode != 0:
        raise RuntimeError(f"kg shard failed: {shard.stderr[-2000:]}")
    load_run = run_child([KG, "ingest", str(out), "--store", str(target), "--json"])
    if load_run.returncode != 0:
        raise RuntimeError(f"kg ingest shards failed: {load_run.stderr[-2000:]}")
    articles = json.loads(load_run.stdout)["articles"]
    fresh(out), fresh(target)
    return {"size": n, "workers": workers, "shard_seconds": shard.seconds, "load_seconds": load_run.seconds,
            "articles_per_s": articles / (shard.seconds + load_run.seconds), "load_max_rss_mb": load_run.max_rss_mb,
            "load_after": load()}


def rows(sizes: list[int], workers: list[int], shards: bool = False) -> list[dict]:
    out = []
    for n in sizes:
        for i, w in enumerate(workers):
            r = ingest_once(n, w, keep=(i == 0))
            out.append({"bench": "ingest", "size": n, "figure": f"kg ingest --workers {w}",
                        "value": r["articles_per_s"], "unit": "articles/s",
                        "extra": f"{r['quads_per_s']:,.0f} quads/s, {r['seconds']:.1f} s wall, {r['cpu_seconds']:.1f} s CPU, "
                                 f"{r['quads']:,} quads",
                        "baseline": "Store.bulk_load of the same quads", "baseline_value": r["bulk_quads_per_s"],
                        "baseline_unit": "quads/s", "ratio": r["quads_per_s"] / r["bulk_quads_per_s"],
                        "load": r["load_after"], "raw": r})
            out.append({"bench": "memory", "size": n, "figure": f"kg ingest --workers {w} peak RSS",
                        "value": r["max_rss_mb"], "unit": "MB", "baseline": None, "ratio": None,
                        "load": r["load_after"], "raw": r})
        if shards:
            w = max(workers)
            r = shards_once(n, w)
            out.append({"bench": "ingest", "size": n, "figure": f"kg shard (Dask, {w} local workers) + kg ingest shards/",
                        "value": r["articles_per_s"], "unit": "articles/s",
                        "extra": f"shard {r['shard_seconds']:.1f} s + load {r['load_seconds']:.1f} s",
                        "baseline": None, "ratio": None, "load": r["load_after"], "raw": r})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--shards", action="store_true")
    args = parser.parse_args()
    print(machine_line())
    for r in rows([int(s) for s in args.sizes.split(",")], [int(w) for w in args.workers.split(",")], args.shards):
        ratio = f"  ratio {r['ratio']:.3f} vs {r['baseline']} ({r['baseline_value']:,.0f} {r['baseline_unit']})" \
            if r.get("ratio") is not None else ""
        print(f"{r['size']:>7,}  {r['figure']:<45} {r['value']:>10,.1f} {r['unit']}{ratio}  {r.get('extra', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
