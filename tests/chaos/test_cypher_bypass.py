"""`kg cypher` against the attempts tests/store/test_neo4j_cypher.py does not make: more APOC
procedures and functions that run Cypher or touch files, `CALL dbms.*`, comments and line
breaks that Cypher reads differently from a text scan, look-alike and invisible characters,
backtick tricks, administration commands, and Cypher inside a --param value. Each is refused
(or fails as invalid) and the database is unchanged; the reads among them run."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chaos.kgrun import run_kg, synth_articles, write_jsonl

pytestmark = pytest.mark.neo4j

REFUSED = {
    # APOC (without APOC installed these fail as unknown procedures; with it, the list refuses them)
    "apoc.cypher.runMany": "CALL apoc.cypher.runMany('CREATE (n);', {})",
    "apoc.cypher.runSchema": "CALL apoc.cypher.runSchema('CREATE INDEX x FOR (n:X) ON (n.x)', {})",
    "apoc.cypher.runTimeboxed": "CALL apoc.cypher.runTimeboxed('CREATE (n) RETURN n', {}, 1000)",
    "apoc.cypher.runFirstColumnMany": "RETURN apoc.cypher.runFirstColumnMany('CREATE (n) RETURN 1', {}) AS x",
    "apoc.periodic.commit": "CALL apoc.periodic.commit('MATCH (n) WITH n LIMIT 10 DETACH DELETE n RETURN 0', {})",
    "apoc.periodic.submit": "CALL apoc.periodic.submit('x', 'CREATE (n)')",
    "apoc.periodic.repeat": "CALL apoc.periodic.repeat('x', 'CREATE (n)', 1)",
    "apoc.do.when": "CALL apoc.do.when(true, 'CREATE (m)', '', {}) YIELD value RETURN value",
    "apoc.load.json": "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "apoc.export.csv.all": "CALL apoc.export.csv.all('/tmp/kg-leak.csv', {})",
    "apoc.trigger.add": "CALL apoc.trigger.add('t', 'CREATE (n)', {phase: 'after'})",
    # CALL dbms.*
    "dbms.security.createUser": "CALL dbms.security.createUser('x', 'password-123', false)",
    "dbms.setConfigValue": "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "dbms.killQuery": "CALL dbms.killQuery('query-1')",
    "dbms.listQueries": "CALL dbms.listQueries()",
    "dbms.listConnections": "CALL dbms.listConnections()",
    "dbms.info": "CALL dbms.info()",
    "dbms.routing.getRoutingTable": "CALL dbms.routing.getRoutingTable({}, 'neo4j')",
    "tx.setMetaData": "CALL tx.setMetaData({a: 1})",
    # comments, line breaks, characters
    "empty block comment as a space": "CREATE/**/(n)",
    "carriage return ends a line comment": "MATCH (n) RETURN count(n) AS c //\rCREATE (m)",
    "U+2028 line separator": "MATCH (n) RETURN count(n) AS c\u2028CREATE (m)",
    "no-break space": "CREATE\u00a0(n)",
    "Cyrillic С in CREATE": "\u0421REATE (n)",
    "fullwidth CALL": "ＣＡＬＬ db.createLabel('X')",
    "fullwidth semicolon": "MATCH (n) RETURN count(n)；CREATE (m)",
    "soft hyphen": "CRE\u00adATE (n)",
    "byte order mark": "\ufeffCREATE (n)",
    "backtick namespace": "CALL db.`createLabel`('X')",
    "backtick whole name": "CALL `db.createLabel`('X')",
    "\\u escape in a string then a write": "MATCH (n) WHERE n.name = '\\u0027 CREATE (m) //' RETURN n",
    # administration
    "SHOW USERS": "SHOW USERS",
    "USE system": "USE system SHOW USERS",
    "CREATE DATABASE": "CREATE DATABASE hacked",
    "STOP DATABASE": "STOP DATABASE neo4j",
    "lower-case CALL IN TRANSACTIONS": "match (n) call (n) { detach delete n } in transactions",
    "write inside a read subquery": "CALL () { MATCH (n) FOREACH (x IN [1] | SET n.x = 1) } RETURN 1",
}
READS = {
    "a write inside a block comment": "MATCH (n) RETURN count(n) AS c /* ; CREATE (m) */",
    "a write after U+2029 inside a line comment": "MATCH (n) RETURN count(n) AS c // x\u2029CREATE (m)",
    "a column named CREATE": "MATCH (n) RETURN count(n) AS `CREATE`",
}


@pytest.fixture(scope="module")
def target(neo4j: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The session's Neo4j, holding 32 synthetic articles (no ../shared needed)."""
    from tests.conftest import wipe_neo4j

    folder = tmp_path_factory.mktemp("bypass")
    articles = write_jsonl(folder / "a.jsonl", [{k: a[k] for k in ("id", "title", "date", "text")}
                                                for a in synth_articles(32, seed=11)])
    assert run_kg("ingest", str(articles), "--store", str(folder / "s")).returncode == 0
    wipe_neo4j(neo4j)
    done = run_kg("load", "--store", str(folder / "s"), **neo4j.env(), KG_LOCK_DIR=str(folder))
    assert done.returncode == 0, done.stderr
    yield neo4j


def _state(store: Any) -> tuple[Any, ...]:
    from tests.chaos.graphs import neo4j_snapshot

    procedures = store.read("SHOW PROCEDURES YIELD name RETURN count(*) AS n", {}, what="t")[0]["n"]
    indexes = store.read("SHOW INDEXES YIELD name RETURN collect(name) AS n", {}, what="t")[0]["n"]
    return tuple(neo4j_snapshot(store)), procedures, tuple(sorted(indexes))


@pytest.mark.chaos(f"kg cypher: {len(REFUSED)} more bypasses (APOC run/periodic/do/load/export/trigger, "
                   "CALL dbms.*, comments, CR/U+2028, look-alikes, BOM, backticks, administration)",
                   "each refused or invalid (exit 1); the database unchanged; the reads among them run")
def test_more_bypasses_are_refused(target: Any, observed: Callable[[str], None]) -> None:
    from kg.errors import QueryError
    from kg.store.neo4j_readonly import Refused, run_readonly

    outcomes = {"refused": 0, "invalid or unknown": 0}
    with target.store() as store:
        before = _state(store)
        for name, query in REFUSED.items():
            with pytest.raises(QueryError) as raised:     # Refused is a QueryError
                run_readonly(store, query)
            outcomes["refused" if isinstance(raised.value, Refused) else "invalid or unknown"] += 1
            assert _state(store) == before, name
        for name, query in READS.items():
            assert run_readonly(store, query).rows, name
        assert _state(store) == before
    observed(", ".join(f"{n} {k}" for k, n in outcomes.items()) + f"; {len(READS)} reads ran")


@pytest.mark.chaos("kg cypher: Cypher inside a --param value, and a write through the CLI",
                   "the value is data (no rows), the write is refused with exit 1; nothing changes")
def test_parameters_are_data(target: Any, tmp_path: Path) -> None:
    env = {**target.env(), "KG_LOCK_DIR": str(tmp_path)}
    with target.store() as store:
        before = _state(store)
    query = "MATCH (p:Person) WHERE p.name = $name RETURN p.name AS name"
    for value in ("x' OR 1=1 //", "x\"}) DETACH DELETE p //", "') CALL db.createLabel('X') //"):
        done = run_kg("cypher", query, "--param", f"name={value}", "--json", **env)
        assert done.returncode == 0 and json.loads(done.stdout) == [], done.stderr
    done = run_kg("cypher", "MATCH (p:Person) DETACH DELETE p", **env)
    assert done.returncode == 1 and "refused" in done.stderr and "Traceback" not in done.stderr
    with target.store() as store:
        assert _state(store) == before
