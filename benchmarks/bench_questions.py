"""Latency of each CLI question (who-led, person, body, directive, path), query time only: the
kg.ask functions called in this process on an open store, embedded or Neo4j; and the CLI's own
start (``kg --help``) against the interpreter's (``python -c pass``).

    python benchmarks/bench_questions.py STORE [--calls 20]

The arguments are drawn (seed 1) from what the store holds: led groups, person names, body
labels, directive numbers, and pairs of persons for ``path``. Each question runs once to warm
up, then once per argument; p50/p95 are over those calls. A question that finds nothing (an
unconnected pair for ``path``) still counts: answering "no path" is part of the workload.
"""
from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._common import KG, machine_line, timer  # noqa: E402

QUESTIONS = ("who-led", "person", "body", "directive", "path")
_SAMPLES = {
    "who-led": "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?s kg:ledText ?x } } LIMIT 3000",
    "person": "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?s a kg:Person ; foaf:name ?x } } LIMIT 3000",
    "body": "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?s a kg:Body ; rdfs:label ?x } } LIMIT 3000",
    "directive": "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?s a kg:Directive ; eli:id_local ?x } } LIMIT 3000",
}


def arguments(store: Path, calls: int, seed: int = 1) -> dict[str, list[Any]]:
    """``calls`` arguments per question, sampled from the embedded store at ``store``."""
    from kg.store import open_store
    from kg.vocab import PREFIXES

    rng = random.Random(seed)
    out: dict[str, list[Any]] = {}
    with open_store(store, read_only=True) as s:
        db = s.database()   # type: ignore[attr-defined]
        for q, sparql in _SAMPLES.items():
            values = sorted(str(r["x"].value) for r in db.query(sparql, prefixes=PREFIXES))
            out[q] = [rng.choice(values) for _ in range(calls)] if values else []
    names = out["person"]
    out["path"] = [(names[i], names[(i * 7 + 3) % len(names)]) for i in range(len(names))]
    return out


def _call(view: Any, question: str, arg: Any) -> None:
    from kg import ask
    from kg.errors import KgError

    fn: Callable[..., Any] = {"who-led": ask.who_led, "person": ask.person, "body": ask.body,
                              "directive": ask.directive, "path": ask.path}[question]
    try:
        fn(view, *arg) if question == "path" else fn(view, arg)
    except KgError:
        pass   # nothing found: still an answer


def latencies(view: Any, args: dict[str, list[Any]]) -> dict[str, dict[str, float]]:
    """{question: {p50, p95, max} in ms}."""
    out = {}
    for q in QUESTIONS:
        if not args.get(q):
            continue
        _call(view, q, args[q][0])
        times = []
        for a in args[q]:
            start = timer()
            _call(view, q, a)
            times.append((timer() - start) * 1000)
        times.sort()
        out[q] = {"p50": statistics.median(times), "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
                  "max": times[-1], "calls": len(times)}
    return out


def embedded(store: Path, calls: int) -> dict[str, dict[str, float]]:
    from kg.store import open_store

    args = arguments(store, calls)
    with open_store(store, read_only=True) as s:
        return latencies(s.view(), args)


def neo4j(uri: str, auth: tuple[str, str] | None, store: Path, calls: int) -> dict[str, dict[str, float]]:
    from kg.store.neo4j import Connection, Neo4jStore

    args = arguments(store, calls)
    conn = Connection(uri, auth[0] if auth else None, auth[1] if auth else None)
    with Neo4jStore(conn) as neo:
        return latencies(neo.view(), args)


def cli_start(runs: int = 7) -> tuple[float, float]:
    """(median seconds of `kg --help`, median seconds of `python -c pass`)."""
    def median(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            start = timer()
            subprocess.run(cmd, capture_output=True, check=True)
            times.append(timer() - start)
        return statistics.median(times)

    return median([KG, "--help"]), median([sys.executable, "-c", "pass"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    print(machine_line())
    for q, r in embedded(args.store, args.calls).items():
        print(f"{q:<10} p50 {r['p50']:8.1f} ms  p95 {r['p95']:8.1f} ms  max {r['max']:8.1f} ms")
    cli, floor = cli_start()
    print(f"kg --help {cli * 1000:.0f} ms (python -c pass {floor * 1000:.0f} ms, ratio {cli / floor:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
