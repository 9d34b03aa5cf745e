"""`kg load` into Neo4j (nodes+relationships/s) against a naive loader (one MERGE per
transaction, same statements) and against `neo4j-admin database import full` of the CSV export
(`kg export --format neo4j-csv`); and the questions' latency on Neo4j.

    python benchmarks/bench_neo4j.py STORE [--naive-seconds 60]

Neo4j is the project's own 5.26 Community server (tools/neo4j-server, started through
tests/neo4j_server.py in a temporary home). There is no neo4j-admin script without a Neo4j
distribution, so the import tool runs from the server's Maven jars: the class
``org.neo4j.cli.AdminTool`` of neo4j-command-line with neo4j-import-tool on the class path,
as ``database import full neo4j --nodes=… --relationships=…`` in a fresh NEO4J_HOME. The
database name goes first: after the last ``--relationships=`` it would be read as one more
file (the line in the export's import.sh has it last, and fails so).

The naive loader writes the first articles of the store until ``--naive-seconds`` have passed,
so its rate is measured on a sample (it would take hours on the whole store).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._common import CACHE, KG, load, machine_line, run_child, timer  # noqa: E402

LIB = ROOT / "tools" / "neo4j-server" / "target" / "lib"


def start(home: Path) -> Any:
    from tests.neo4j_server import start_server

    return start_server(home, heap=os.environ.get("KG_BENCH_NEO4J_HEAP", "1g"))


def wipe(driver: Any) -> None:
    # Implicit (auto-commit) transactions, as CALL … IN TRANSACTIONS needs. Relationships first:
    # DETACH DELETE of 10,000 nodes at once took a province's thousands of relationships with it
    # and overran the server's transaction memory pool at 10k articles.
    with driver.session() as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def kg_load(store: Path, uri: str, auth: tuple[str, str] | None) -> dict:
    env = {"NEO4J_URI": uri}
    if auth:
        env.update({"NEO4J_USER": auth[0], "NEO4J_PASSWORD": auth[1]})
    run = run_child([KG, "load", "--store", str(store), "--uri", uri, "--json"], env=env)
    if run.returncode != 0:
        raise RuntimeError(f"kg load failed: {run.stderr[-2000:]}")
    data = json.loads(run.stdout)
    entities = data["nodes"] + data["relationships"]
    return {"seconds": run.seconds, "entities": entities, "per_s": entities / run.seconds, "max_rss_mb": run.max_rss_mb,
            "reported_per_s": data.get("created_per_second")}


def naive_load(store: Path, driver: Any, budget: float) -> dict:
    """One statement per node, mention or relationship, each in its own transaction."""
    from kg import queries
    from kg.store import open_store
    from kg.store.neo4j_load import _NODE_ORDER, _REL_ORDER, article_graph
    from kg.store.neo4j_model import article_rows

    entities, articles, start = 0, 0, timer()
    with open_store(store, read_only=True) as s, driver.session() as session:
        for graph_iri, triples in s.view().article_graphs():
            rows = article_rows(article_graph(graph_iri, triples))
            work = [(f"node_{label}", r) for label in _NODE_ORDER for r in rows.nodes.get(label, ())]
            work += [("mentions", m) for m in rows.mentions]
            work += [(f"rel_{t}", r) for t in _REL_ORDER for r in rows.rels.get(t, ())]
            for name, row in work:
                statement = queries.statement(name)
                session.execute_write(lambda tx, st=statement, r=row: tx.run(st, rows=[r]).consume())
                entities += 1
            articles += 1
            if timer() - start > budget:
                break
    seconds = timer() - start
    return {"seconds": seconds, "entities": entities, "articles": articles, "per_s": entities / seconds}


def admin_import(store: Path) -> dict:
    """Export the store as neo4j-admin CSV, then run the import tool into a fresh home."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-admin-", dir=CACHE) as tmp:
        csv, home = Path(tmp) / "csv", Path(tmp) / "home"
        start = timer()
        done = subprocess.run([KG, "export", "--store", str(store), "--format", "neo4j-csv", "--out", str(csv)],
                              capture_output=True, text=True)
        export_seconds = timer() - start
        if done.returncode != 0:
            raise RuntimeError(f"kg export failed: {done.stderr[-2000:]}")
        line = next(l for l in (csv / "import.sh").read_text().splitlines() if l.startswith("exec "))
        args = shlex.split(line)[2:]   # after exec and the neo4j-admin path
        args = [a for a in args if a != "neo4j"]   # the database name, moved before the files
        full = args.index("full")
        args = args[:full + 1] + ["neo4j"] + args[full + 1:]
        (home / "conf").mkdir(parents=True)
        (home / "conf" / "neo4j.conf").write_text("")
        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
        start = timer()
        run = subprocess.run(["java", "-Xmx1g", "-cp", f"{LIB}/*", "org.neo4j.cli.AdminTool", *args],
                             cwd=csv, env=env, capture_output=True, text=True)
        seconds = timer() - start
        if run.returncode != 0 or "IMPORT DONE" not in run.stdout + run.stderr:
            raise RuntimeError(f"neo4j-admin import failed: {(run.stdout + run.stderr)[-2000:]}")
        out = run.stdout + run.stderr
        nodes = int(re.search(r"(\d+) nodes", out).group(1))            # type: ignore[union-attr]
        rels = int(re.search(r"(\d+) relationships", out).group(1))     # type: ignore[union-attr]
        inner = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", out)
        tool_seconds = (int(inner.group(1) or 0) * 60 + int(inner.group(2)) + int(inner.group(3)) / 1000) if inner else seconds
    return {"seconds": seconds, "tool_seconds": tool_seconds, "export_seconds": export_seconds, "entities": nodes + rels,
            "per_s": (nodes + rels) / seconds, "tool_per_s": (nodes + rels) / tool_seconds}


def available() -> str | None:
    """None when Neo4j can be benchmarked here, else why not."""
    from tests.neo4j_server import unavailable_reason

    if not LIB.is_dir():
        return "tools/neo4j-server is not built (scripts/neo4j-server.sh build)"
    return unavailable_reason()


def rows(size: int, store: Path, server: Any, naive_seconds: float, calls: int) -> list[dict]:
    import neo4j

    from benchmarks.bench_questions import neo4j as neo4j_latencies

    out: list[dict] = []
    with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        wipe(driver)
        loaded = kg_load(store, server.uri, server.auth)
        print(f"kg load: {loaded} (load average {load()})", flush=True)
        lat = neo4j_latencies(server.uri, server.auth, store, calls)
        wipe(driver)
        naive = naive_load(store, driver, naive_seconds)
        wipe(driver)
    admin = admin_import(store)
    common = {"bench": "neo4j", "size": size, "load": load()}
    out.append({**common, "figure": "kg load", "value": loaded["per_s"], "unit": "nodes+rels/s",
                "extra": f"{loaded['entities']:,} in {loaded['seconds']:.1f} s",
                "baseline": f"naive, one MERGE per transaction ({naive['entities']:,} in {naive['seconds']:.0f} s)",
                "baseline_value": naive["per_s"], "baseline_unit": "nodes+rels/s",
                "ratio": loaded["per_s"] / naive["per_s"], "raw": {"kg_load": loaded, "naive": naive}})
    out.append({**common, "figure": "kg load", "value": loaded["per_s"], "unit": "nodes+rels/s",
                "extra": f"CSV export {admin['export_seconds']:.1f} s not counted; tool's own time "
                         f"{admin['tool_seconds']:.1f} s = {admin['tool_per_s']:,.0f}/s",
                "baseline": f"neo4j-admin import of the CSV export ({admin['entities']:,} in {admin['seconds']:.1f} s, JVM start included)",
                "baseline_value": admin["per_s"], "baseline_unit": "nodes+rels/s",
                "ratio": loaded["per_s"] / admin["per_s"], "raw": {"admin": admin}})
    for q, r in lat.items():
        out.append({**common, "bench": "questions", "figure": f"{q} (Neo4j) p50 {r['p50']:.1f} ms", "value": r["p95"],
                    "unit": "ms p95", "baseline": None, "ratio": None, "raw": r, "question": q, "backend": "neo4j"})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--naive-seconds", type=float, default=60)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    print(machine_line())
    reason = available()
    if reason:
        print(f"Neo4j not benchmarked: {reason}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-", dir=CACHE) as home:
        server = start(Path(home))
        try:
            for r in rows(0, args.store, server, args.naive_seconds, args.calls):
                ratio = f" ratio {r['ratio']:.2f} vs {r['baseline']} {r['baseline_value']:,.0f}" if r.get("ratio") else ""
                print(f"{r['figure']:<40} {r['value']:>10,.1f} {r['unit']}{ratio}  {r.get('extra', '')}")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
