"""A real Neo4j 5.26 server (tools/neo4j-server, no Docker) and the driver behaviours kg relies on.

Uses ``NEO4J_URI`` (+ ``NEO4J_USER`` / ``NEO4J_PASSWORD``) when set; otherwise starts a local server with
tests/neo4j_server.py. If that is impossible the tests skip with the reason, except under ``CI=true``,
where they fail.
"""
from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.neo4j_server import ServerHandle, in_ci, start_server, unavailable_reason

neo4j = pytest.importorskip("neo4j")
from neo4j.exceptions import AuthError, ClientError  # noqa: E402

pytestmark = pytest.mark.neo4j

DB = "neo4j"


@dataclass
class Target:
    uri: str
    auth: tuple[str, str] | None
    local: ServerHandle | None  # None when NEO4J_URI points at an external server


def _unavailable(msg: str) -> None:
    if in_ci():
        pytest.fail(f"CI=true and Neo4j is not available: {msg}")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        pw = os.environ.get("NEO4J_PASSWORD")
        yield Target(uri, (os.environ.get("NEO4J_USER", "neo4j"), pw) if pw else None, None)
        return
    reason = unavailable_reason()
    if reason:
        _unavailable(reason)
    try:
        handle = start_server(tmp_path_factory.mktemp("neo4j") / "home")
    except RuntimeError as e:
        _unavailable(f"local Neo4j server did not start: {e}")
    try:
        yield Target(handle.uri, handle.auth, handle)
    finally:
        handle.stop()


@pytest.fixture(scope="module")
def driver(target: Target) -> Iterator[neo4j.Driver]:
    d = neo4j.GraphDatabase.driver(target.uri, auth=target.auth)
    try:
        d.verify_connectivity()
    except Exception as e:  # external NEO4J_URI that is down, wrong credentials, ...
        d.close()
        _unavailable(f"cannot connect to {target.uri}: {e}")
    yield d
    d.close()


@pytest.fixture
def run_id(driver: neo4j.Driver) -> Iterator[str]:
    """A tag for this test's nodes; they are deleted afterwards (safe on a shared NEO4J_URI database)."""
    rid = uuid.uuid4().hex[:12]
    yield rid
    driver.execute_query("MATCH (n:KgSelfTest {run: $run}) DETACH DELETE n", run=rid, database_=DB)


def fold_vi(s: str) -> str:
    """Strip Vietnamese diacritics (đ -> d) and lowercase; same idea as kg's folding."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()


def test_server_version_and_protocol(driver: neo4j.Driver, target: Target) -> None:
    info = driver.get_server_info()
    assert info.agent.startswith("Neo4j/5.26."), info.agent
    if target.local is not None:
        assert target.uri.startswith("bolt://127.0.0.1:")
        assert info.protocol_version >= (5, 0)


def test_write_then_read(driver: neo4j.Driver, run_id: str) -> None:
    summary = driver.execute_query(
        "UNWIND $rows AS r CREATE (:KgSelfTest {run: $run, id: r.id, name: r.name})",
        rows=[{"id": "p1", "name": "Tô Lâm"}, {"id": "p2", "name": "Nguyễn Thế Anh"}],
        run=run_id,
        database_=DB,
    ).summary
    assert summary.counters.nodes_created == 2
    records, _, _ = driver.execute_query(
        "MATCH (n:KgSelfTest {run: $run}) RETURN n.id AS id, n.name AS name ORDER BY id",
        run=run_id,
        database_=DB,
        routing_=neo4j.RoutingControl.READ,
    )
    assert [(r["id"], r["name"]) for r in records] == [("p1", "Tô Lâm"), ("p2", "Nguyễn Thế Anh")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MATCH (n:KgSelfTest) RETURN n.name", {"r"}),
        ("MATCH (n:KgSelfTest) RETURN count(n)", {"r"}),
        ("CREATE (n:KgSelfTest {run: 'x'})", {"w"}),
        ("MATCH (n:KgSelfTest {run: 'x'}) SET n.seen = true", {"w", "rw"}),
        ("MERGE (n:KgSelfTest {run: 'x'}) RETURN n", {"rw"}),
        ("MATCH (n:KgSelfTest {run: 'x'}) DETACH DELETE n", {"w", "rw"}),
    ],
)
def test_explain_query_type(driver: neo4j.Driver, query: str, expected: set[str]) -> None:
    """EXPLAIN plans without executing; summary.query_type tells reads ('r') from writes."""
    with driver.session(database=DB) as s:
        summary = s.run("EXPLAIN " + query).consume()
    assert summary.query_type in expected, (query, summary.query_type)
    n, _, _ = driver.execute_query("MATCH (n:KgSelfTest {run: 'x'}) RETURN count(n) AS c", database_=DB)
    assert n[0]["c"] == 0  # EXPLAIN wrote nothing


def test_write_in_read_transaction_is_refused(driver: neo4j.Driver, run_id: str) -> None:
    def write(tx: neo4j.ManagedTransaction) -> None:
        tx.run("CREATE (:KgSelfTest {run: $run})", run=run_id).consume()

    with driver.session(database=DB) as s:
        with pytest.raises(ClientError) as exc:
            s.execute_read(write)
    assert exc.value.code == "Neo.ClientError.Statement.AccessMode", exc.value.code
    assert "read access mode" in (exc.value.message or "")
    records, _, _ = driver.execute_query(
        "MATCH (n:KgSelfTest {run: $run}) RETURN count(n) AS c", run=run_id, database_=DB
    )
    assert records[0]["c"] == 0


NAMES = ["Nguyễn Thế Anh", "Nguyễn Anh", "Trần Văn An", "Tô Lâm", "Đặng Thị Ân", "Lâm Văn Tô"]


def _fulltext(driver: neo4j.Driver, index: str, q: str, run: str) -> list[str]:
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score "
        "WHERE node.run = $run RETURN node.name AS name ORDER BY score DESC, name",
        index=index,
        q=q,
        run=run,
        database_=DB,
        routing_=neo4j.RoutingControl.READ,
    )
    return [r["name"] for r in records]


@pytest.fixture
def name_indexes(driver: neo4j.Driver, run_id: str) -> Iterator[tuple[str, str]]:
    """Two FULLTEXT indexes on the same nodes: folded names + 'standard-no-stop-words', and raw names
    + 'standard-folding' (Lucene's ASCII folding, then English stop words)."""
    no_stop = f"kg_selftest_nostop_{run_id}"
    folding = f"kg_selftest_folding_{run_id}"
    with driver.session(database=DB) as s:
        s.run(
            f"CREATE FULLTEXT INDEX {no_stop} FOR (n:KgSelfTest) ON EACH [n.name_folded] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', "
            "`fulltext.eventually_consistent`: false}}"
        ).consume()
        s.run(
            f"CREATE FULLTEXT INDEX {folding} FOR (n:KgSelfTest) ON EACH [n.name] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', "
            "`fulltext.eventually_consistent`: false}}"
        ).consume()
        s.run("CALL db.awaitIndexes(120)").consume()
    driver.execute_query(
        "UNWIND $rows AS r CREATE (:KgSelfTest {run: $run, name: r.name, name_folded: r.folded})",
        rows=[{"name": n, "folded": fold_vi(n)} for n in NAMES],
        run=run_id,
        database_=DB,
    )
    try:
        yield no_stop, folding
    finally:
        with driver.session(database=DB) as s:
            s.run(f"DROP INDEX {no_stop} IF EXISTS").consume()
            s.run(f"DROP INDEX {folding} IF EXISTS").consume()


def test_fulltext_standard_no_stop_words_keeps_vietnamese_syllables(
    driver: neo4j.Driver, run_id: str, name_indexes: tuple[str, str]
) -> None:
    no_stop, _ = name_indexes
    assert fold_vi("Nguyễn Thế Anh") == "nguyen the anh"
    assert fold_vi("Đặng Thị Ân") == "dang thi an"
    # The query is folded the same way and every syllable is required.
    assert _fulltext(driver, no_stop, "nguyen AND the AND anh", run_id) == ["Nguyễn Thế Anh"]
    assert _fulltext(driver, no_stop, "tran AND van AND an", run_id) == ["Trần Văn An"]
    assert sorted(_fulltext(driver, no_stop, "to AND lam", run_id)) == ["Lâm Văn Tô", "Tô Lâm"]  # bag of words
    assert _fulltext(driver, no_stop, '"to lam"', run_id) == ["Tô Lâm"]  # phrase keeps order
    # Syllables that are English stop words once folded are still indexed on their own.
    assert _fulltext(driver, no_stop, "the", run_id) == ["Nguyễn Thế Anh"]
    assert sorted(_fulltext(driver, no_stop, "an", run_id)) == ["Trần Văn An", "Đặng Thị Ân"]
    assert sorted(_fulltext(driver, no_stop, "to", run_id)) == ["Lâm Văn Tô", "Tô Lâm"]
    # Folded text only: an accented query does not match the folded property.
    assert _fulltext(driver, no_stop, "Thế", run_id) == []


def test_fulltext_standard_folding_drops_the_an_to(
    driver: neo4j.Driver, run_id: str, name_indexes: tuple[str, str]
) -> None:
    """Observed on 5.26: 'standard-folding' folds accents (also Đ -> d) and THEN removes English stop
    words, so 'thế' -> 'the', 'ân'/'an' -> 'an', 'tô' -> 'to' vanish from the index and from queries."""
    _, folding = name_indexes
    assert _fulltext(driver, folding, "the", run_id) == []
    assert _fulltext(driver, folding, "an", run_id) == []
    assert _fulltext(driver, folding, "to", run_id) == []
    # Folding itself works, on accented names and on accent-free queries:
    assert _fulltext(driver, folding, "dang", run_id) == ["Đặng Thị Ân"]
    assert sorted(_fulltext(driver, folding, "Nguyễn", run_id)) == ["Nguyễn Anh", "Nguyễn Thế Anh"]
    # ... but 'the' is dropped from the query too, so "Nguyễn Thế Anh" cannot be told from "Nguyễn Anh":
    assert sorted(_fulltext(driver, folding, "nguyen AND the AND anh", run_id)) == [
        "Nguyễn Anh",
        "Nguyễn Thế Anh",
    ]
    # and "Tô Lâm" is only findable by "lam":
    assert sorted(_fulltext(driver, folding, "to AND lam", run_id)) == ["Lâm Văn Tô", "Tô Lâm"]
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords "
        "WHERE analyzer IN ['standard-folding', 'standard-no-stop-words'] RETURN analyzer, stopwords",
        database_=DB,
    )
    stop = {r["analyzer"]: set(r["stopwords"]) for r in records}
    assert {"the", "an", "to", "be", "at", "it", "on"} <= stop["standard-folding"]
    assert stop["standard-no-stop-words"] == set()


def test_local_server_settings(driver: neo4j.Driver, target: Target) -> None:
    if target.local is None:
        pytest.skip("NEO4J_URI is set: settings belong to that server")
    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        names=[
            "db.transaction.timeout",
            "dbms.usage_report.enabled",
            "dbms.security.auth_enabled",
            "server.bolt.listen_address",
            "server.http.enabled",
            "server.memory.pagecache.size",
        ],
        database_=DB,
    )
    got = {r["name"]: r["value"] for r in records}
    assert got["db.transaction.timeout"] == "2m"
    assert got["dbms.usage_report.enabled"] == "false"
    assert got["dbms.security.auth_enabled"] == "false"
    assert got["server.bolt.listen_address"].startswith("127.0.0.1:")
    assert got["server.http.enabled"] == "false"
    assert got["server.memory.pagecache.size"] == "128.00MiB"


def test_auth_enabled_with_password(target: Target, tmp_path_factory: pytest.TempPathFactory) -> None:
    """KG_NEO4J_PASSWORD (start_server(password=...)) turns auth on: wrong or missing credentials fail."""
    if target.local is None:
        pytest.skip("NEO4J_URI is set: this test starts its own local server")
    password = "kg-test-" + uuid.uuid4().hex[:8]
    handle = start_server(tmp_path_factory.mktemp("neo4j-auth") / "home", password=password)
    try:
        assert handle.auth == ("neo4j", password)
        for bad in [("neo4j", "wrong-password"), ("neo4j", "neo4j"), None]:
            with neo4j.GraphDatabase.driver(handle.uri, auth=bad) as d:
                with pytest.raises(AuthError):
                    d.verify_connectivity()
        with neo4j.GraphDatabase.driver(handle.uri, auth=handle.auth) as d:
            records, _, _ = d.execute_query("RETURN 1 AS x", database_=DB)
            assert records[0]["x"] == 1
    finally:
        handle.stop()
    assert not handle.running
