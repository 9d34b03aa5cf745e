"""kg cypher is read-only: every way of writing we know of is refused with a clear message,
exit code 1, and the database is unchanged after each attempt."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store.neo4j import Neo4jStore
from kg.store.neo4j_readonly import Refused, run_readonly
from tests.conftest import Neo4jTarget

pytestmark = pytest.mark.neo4j
runner = CliRunner()

BYPASSES = {
    "create": "CREATE (n:Person {name: 'x'})",
    "lower-case create": "create (n)",
    "merge": "MERGE (n:Person {iri: 'x'}) RETURN n",
    "set": "MATCH (n:Person) SET n.name = 'x'",
    "set label": "MATCH (n:Person) SET n:Hacked",
    "delete": "MATCH ()-[r:HOLDS]->() DELETE r",
    "detach delete": "MATCH (n) DETACH DELETE n",
    "remove": "MATCH (n:Person) REMOVE n.name",
    "foreach": "MATCH (n:Person) FOREACH (x IN [1] | SET n.x = x)",
    "call subquery": "CALL () { CREATE (n) } RETURN 1 AS one",
    "old call subquery": "MATCH (p:Person) CALL { WITH p DETACH DELETE p } RETURN 1",
    "in transactions": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "load csv": "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv into create": "LOAD CSV FROM 'file:///etc/hostname' AS line CREATE (n {l: line})",
    "write procedure": "CALL db.createLabel('Hacked')",
    "write procedure, quoted": "CALL `db`.`createProperty`('hacked')",
    "procedure not on the list": "CALL db.clearQueryCaches()",
    "procedure that reads as a read": "CALL db.stats.clear('QUERIES')",
    "dbms procedure": "CALL dbms.listConfig()",
    "terminate transactions": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "schema": "CREATE INDEX hacked IF NOT EXISTS FOR (n:Person) ON (n.x)",
    "drop": "DROP INDEX person_folded",
    "administration": "ALTER USER neo4j SET PASSWORD 'hacked-password'",
    "two statements": "MATCH (n) RETURN count(n); CREATE (m)",
    "two statements, second hidden": "RETURN 1 AS one;\nMATCH (n) DETACH DELETE n",
    "comment before": "/* read */ CREATE (n)",
    "line comment": "// MATCH (n) RETURN n\nCREATE (n)",
    "fullwidth letters": "ｃｒｅａｔｅ (n)",
    "zero-width space": "CRE\u200bATE (n)",
    "zero-width joiner in a string": "MATCH (n) WHERE n.name = 'a\u200db' RETURN n",
    "right-to-left override": "MATCH (n) RETURN n // \u202eETAERC",
    "explain prefix": "EXPLAIN CREATE (n)",
    "profile runs": "PROFILE CREATE (n)",
    "planner option": "CYPHER runtime=slotted CREATE (n)",
    "union with a write": "MATCH (n:Person) RETURN n.name AS x UNION CREATE (m) RETURN 'y' AS x",
}
APOC_BYPASSES = {
    "apoc.cypher.run": "CALL apoc.cypher.run('CREATE (n) RETURN n', {}) YIELD value RETURN value",
    "apoc.cypher.runWrite": "CALL apoc.cypher.runWrite('CREATE (n)', {})",
    "apoc.cypher.doIt": "CALL apoc.cypher.doIt('CREATE (n) RETURN n', {}) YIELD value RETURN value",
    "apoc.periodic.iterate": "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "apoc.create.node": "CALL apoc.create.node(['X'], {}) YIELD node RETURN node",
    "apoc function running Cypher": "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN 1', {}) AS x",
}


@pytest.fixture(scope="module")
def store(neo4j_dev: Neo4jTarget) -> Iterator[Neo4jStore]:
    with neo4j_dev.store() as s:
        yield s


def _state(store: Neo4jStore) -> tuple[dict[str, int], list[str], list[str], int]:
    labels = [r["label"] for r in store.read("CALL db.labels() YIELD label RETURN label ORDER BY label", {}, what="t")]
    keys = [r["k"] for r in store.read("CALL db.propertyKeys() YIELD propertyKey AS k RETURN k ORDER BY k", {}, what="t")]
    indexes = store.read("SHOW INDEXES YIELD name RETURN count(*) AS n", {}, what="t")[0]["n"]
    return store.counts(), labels, keys, indexes


@pytest.mark.parametrize("query", list(BYPASSES.values()), ids=list(BYPASSES))
def test_a_write_is_refused_and_changes_nothing(store: Neo4jStore, query: str) -> None:
    before = _state(store)
    with pytest.raises(Refused, match=r"^refused: .+ \(this command is read-only\)$") as refused:
        run_readonly(store, query)
    assert _state(store) == before, refused.value


@pytest.mark.parametrize("query", list(APOC_BYPASSES.values()), ids=list(APOC_BYPASSES))
def test_apoc_writes_are_refused(store: Neo4jStore, query: str) -> None:
    if not store.read("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS n", {}, what="t")[0]["n"]:
        pytest.skip("APOC is not installed on this server (KG_NEO4J_APOC=1 scripts/neo4j-server.sh build)")
    before = _state(store)
    with pytest.raises(Refused):
        run_readonly(store, query)
    assert _state(store) == before


def test_the_read_transaction_is_a_layer_of_its_own(store: Neo4jStore) -> None:
    """Without the EXPLAIN check, the server still refuses to write in a read transaction."""
    import neo4j as driver
    from neo4j.exceptions import ClientError

    before = _state(store)
    with store.driver.session(database=store.conn.database, default_access_mode=driver.READ_ACCESS) as s:
        with pytest.raises(ClientError, match="Writing in read access mode not allowed"):
            s.execute_read(lambda tx: tx.run("CREATE (n:Hacked)").consume())
    assert _state(store) == before


@pytest.mark.parametrize("query", [
    "MATCH (p:Person) RETURN count(p) AS persons",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes()",
    "CALL db.propertyKeys()",
    "CALL db.schema.visualization()",
    "CALL dbms.components()",
    "SHOW INDEXES YIELD name, type RETURN name, type",
    "CALL db.index.fulltext.queryNodes('person_names', 'nguyen AND long') YIELD node RETURN node.name",
    "MATCH p = (:Person)-[:HOLDS]->(:Holding) RETURN p LIMIT 1",
    "MATCH (n) RETURN count(n) AS n;",
])
def test_reads_run(store: Neo4jStore, query: str) -> None:
    result = run_readonly(store, query)
    assert result.columns and result.rows


def test_parameters_and_output_formats(neo4j_dev: Neo4jTarget, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in neo4j_dev.env().items():
        monkeypatch.setenv(name, value)
    q = "MATCH (p:Person) WHERE p.folded = $name RETURN p.name AS name, p.articles AS articles"
    out = runner.invoke(app, ["cypher", q, "--param", "name=nguyen long bien", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == [{"name": "Nguyễn Long Biên", "articles": 1}]
    out = runner.invoke(app, ["cypher", q, "-p", "name=nguyen long bien", "--csv"])
    assert list(csv.reader(io.StringIO(out.output))) == [["name", "articles"], ["Nguyễn Long Biên", "1"]]
    out = runner.invoke(app, ["cypher", q, "-p", "name=nguyen long bien"])
    assert "Nguyễn Long Biên" in out.output and "1 row" in out.output


def test_the_command_refuses_with_exit_code_1(neo4j_dev: Neo4jTarget, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in neo4j_dev.env().items():
        monkeypatch.setenv(name, value)
    with neo4j_dev.store() as s:
        before = s.counts()
    out = runner.invoke(app, ["cypher", "CREATE (n)"])
    assert out.exit_code == 1
    assert "refused: it writes (this command is read-only)" in out.output and "Traceback" not in out.output
    out = runner.invoke(app, ["cypher", "MATCH (n RETURN n"])
    assert out.exit_code == 1 and "invalid Cypher" in out.output
    with neo4j_dev.store() as s:
        assert s.counts() == before
