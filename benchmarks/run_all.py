"""Every benchmark in one run, each figure next to a baseline measured in the same run; a table
on stdout (Markdown), the raw figures in build/bench/results.json, and issue 6's targets.

    make benchmarks                                    # = python benchmarks/run_all.py
    python benchmarks/run_all.py --sizes 1000,10000,30000 --neo4j-sizes 1000 --workers 1,2

Corpora come from ``kg synth N --seed 7`` (cached in build/bench). Sizes run in order; the
embedded store of each size is kept for the question and Neo4j benchmarks. The load average is
printed with every figure: on a shared 2-core machine other processes take CPU, and the
figures move with them.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import bench_ingest, bench_neo4j, bench_questions  # noqa: E402
from benchmarks._common import CACHE, corpus, load, machine_line  # noqa: E402


def extraction(n: int) -> list[dict]:
    """benchmarks/extract_corpus.py on the synthetic corpus: one core vs the read+regex floor."""
    path = corpus(n)
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extract_corpus.py"), str(path)],
                          capture_output=True, text=True, check=True)
    ex = re.search(r"^extraction\s+([\d.]+) articles/s\s+([\d.]+) MB/s", done.stdout, re.M)
    fl = re.search(r"^floor \(read\+regex\)\s+([\d.]+) articles/s\s+([\d.]+) MB/s", done.stdout, re.M)
    assert ex and fl, done.stdout
    return [{"bench": "extract", "size": n, "figure": "extraction, one core", "value": float(ex[1]), "unit": "articles/s",
             "extra": f"{float(ex[2]):.2f} MB/s", "baseline": "read + one regex pass", "baseline_value": float(fl[1]),
             "baseline_unit": "articles/s", "ratio": float(ex[1]) / float(fl[1]), "load": load()}]


def questions(n: int, calls: int, base: dict[str, float]) -> list[dict]:
    out = []
    for q, r in bench_questions.embedded(bench_ingest.store_path(n), calls).items():
        base.setdefault(q, r["p95"])
        out.append({"bench": "questions", "size": n, "figure": f"{q} (embedded) p50 {r['p50']:.1f} ms", "value": r["p95"],
                    "unit": "ms p95", "baseline": "the same question's p95 at the smallest size",
                    "baseline_value": base[q], "baseline_unit": "ms", "ratio": r["p95"] / base[q], "load": load(),
                    "question": q, "backend": "embedded", "raw": r})
    return out


def cli_start() -> list[dict]:
    cli, floor = bench_questions.cli_start()
    return [{"bench": "cli", "size": 0, "figure": "kg --help (wall, median of 7)", "value": cli * 1000, "unit": "ms",
             "baseline": "python -c pass", "baseline_value": floor * 1000, "baseline_unit": "ms", "ratio": cli / floor,
             "load": load()}]


def table(rows: list[dict]) -> str:
    lines = ["| bench | articles | figure | value | baseline (same run) | ratio | load avg |",
             "| --- | ---: | --- | ---: | --- | ---: | --- |"]
    for r in rows:
        base = f"{r['baseline']}: {r['baseline_value']:,.1f} {r['baseline_unit']}" if r.get("baseline") else ""
        ratio = f"{r['ratio']:.3g}" if r.get("ratio") is not None else ""
        extra = f" ({r['extra']})" if r.get("extra") else ""
        lines.append(f"| {r['bench']} | {r['size']:,} | {r['figure']}{extra} | {r['value']:,.1f} {r['unit']} | {base} "
                     f"| {ratio} | {r['load']} |")
    return "\n".join(lines)


def targets(rows: list[dict]) -> str:
    """Issue 6's targets against the figures of this run (the largest size measured)."""
    def pick(bench: str, figure: str = "") -> list[dict]:
        return [r for r in rows if r["bench"] == bench and figure in r["figure"]]

    out = ["| target | measured | met |", "| --- | --- | --- |"]
    for r in pick("extract"):
        met = "yes" if r["value"] >= 300 else f"no ({r['value'] / 300:.0%} of it)"
        out.append(f"| extraction ≥ 300 articles/s, one core | {r['value']:.0f} articles/s ({r['size']:,}) | {met} |")
    ingests = [r for r in pick("ingest", "kg ingest --workers")]
    if ingests:
        best = max(ingests, key=lambda r: (r["size"], r["value"]))
        minutes = 100_000 / best["value"] / 60
        met = "yes" if minutes < 10 else f"no ({minutes / 10:.1f}× over)"
        out.append(f"| 100k articles ingested < 10 min | {best['value']:.0f} articles/s at {best['size']:,} "
                   f"({best['figure']}) → {minutes:.0f} min for 100k (extrapolated) | {met} |")
    load_naive = [r for r in pick("neo4j", "kg load") if "naive" in (r.get("baseline") or "")]
    load_admin = [r for r in pick("neo4j", "kg load") if "neo4j-admin" in (r.get("baseline") or "")]
    for r in load_naive:
        out.append(f"| kg load ≥ 20× naive | {r['ratio']:.1f}× ({r['size']:,}) | {'yes' if r['ratio'] >= 20 else 'no'} |")
    for r in load_admin:
        out.append(f"| kg load ≥ 50 % of neo4j-admin import | {r['ratio']:.0%} ({r['size']:,}) | "
                   f"{'yes' if r['ratio'] >= 0.5 else 'no'} |")
    qs = [r for r in rows if r["bench"] == "questions" and r.get("backend") == "embedded"]
    if qs:
        largest = max(r["size"] for r in qs)
        worst = max((r for r in qs if r["size"] == largest), key=lambda r: r["value"])
        out.append(f"| every question p95 < 100 ms at 100k (embedded) | worst p95 at {largest:,}: "
                   f"{worst['question']} {worst['value']:,.0f} ms | {'yes' if worst['value'] < 100 else 'no'} |")
    for r in pick("cli"):
        out.append(f"| CLI start < 0.5 s | {r['value']:.0f} ms | {'yes' if r['value'] < 500 else 'no'} |")
    mem = pick("memory")
    if mem:
        peak = max(r["value"] for r in mem)
        by_size = ", ".join(f"{r['size']:,}: {r['value']:.0f} MB" for r in mem)
        out.append(f"| ingest peak memory < 2 GB and flat | {by_size} | {'yes' if peak < 2048 else 'no'} (flat: see the sizes) |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="embedded ingest and question sizes")
    parser.add_argument("--workers", default="2,1", help="kg ingest --workers values (the first one's store is kept)")
    parser.add_argument("--extract-size", type=int, default=2000)
    parser.add_argument("--neo4j-sizes", default="1000", help="sizes loaded into Neo4j ('' to skip)")
    parser.add_argument("--naive-seconds", type=float, default=60)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--shards", action="store_true", help="also time kg shard + kg ingest shards/")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    neo_sizes = [int(s) for s in args.neo4j_sizes.split(",") if s]
    header = machine_line()
    print(header, flush=True)
    rows: list[dict] = []
    rows += extraction(args.extract_size)
    rows += cli_start()
    base: dict[str, float] = {}
    for n in sorted(set(sizes) | set(neo_sizes)):
        rows += bench_ingest.rows([n], [int(w) for w in args.workers.split(",")], shards=args.shards)
        rows += questions(n, args.calls, base)
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    reason = bench_neo4j.available() if neo_sizes else "not asked for"
    if reason is None:
        with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-", dir=CACHE) as home:
            server = bench_neo4j.start(Path(home))
            try:
                for n in neo_sizes:
                    rows += bench_neo4j.rows(n, bench_ingest.store_path(n), server, args.naive_seconds, args.calls)
            finally:
                server.stop()
    print()
    print(table(rows))
    print()
    print(targets(rows))
    if reason:
        print(f"\nNeo4j not benchmarked: {reason}")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "results.json").write_text(json.dumps({"machine": header, "rows": rows}, indent=1, default=str) + "\n")
    print(f"\nraw figures: {CACHE / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
