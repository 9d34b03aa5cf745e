"""Shared fixtures.

- ``shared``: the ../shared folder (corpus, eval); tests that need it skip with a reason when
  it is absent. In CI (``CI=true``) it must be there, so its absence fails instead.
- ``seed_extraction``: the seed article's facts, built by hand (tests/fixtures/seed.py).
- ``store_path`` / ``store``: an empty embedded store in a temporary folder.
- ``--slow``: also run the tests marked ``slow`` (the whole corpus; ``make test-slow``).
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.model import Extraction
from tests.fixtures.seed import seed_extraction as _seed_extraction

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow (the whole corpus)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="reads the whole corpus: run with --slow (make test-slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (set KG_SHARED to point elsewhere)."""
    if not (SHARED / "eval").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing; CI must provide ../shared")
        pytest.skip(f"{SHARED} is absent (the shared corpus and eval files are outside the repository)")
    return SHARED


@pytest.fixture
def seed_extraction() -> Extraction:
    return _seed_extraction()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "kg-data"


@pytest.fixture
def store(store_path: Path) -> Iterator[object]:
    from kg.store import open_store

    s = open_store(store_path)
    try:
        yield s
    finally:
        s.close()


# --- Neo4j -----------------------------------------------------------------------------------
# ``neo4j``: a Neo4j for the session: NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD) when set, else a
# local server started once by tests/neo4j_server.py (built from Maven Central on first use),
# with authentication on, stopped at the end. When it cannot start, tests using it skip with
# the reason, except under CI=true, where they fail. ``dev_store``: the seed + 40 dev articles
# ingested into an embedded store; ``neo4j_dev``: Neo4j emptied and loaded with it (per module,
# since some tests change the database). The terminal summary reports the start time and the
# load rate measured here.
NEO4J_TEST_PASSWORD = "kg-test-password"
_neo4j_report: dict[str, str] = {}


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str | None
    password: str | None

    def connection(self, **changes: str) -> Any:
        from kg.store.neo4j import Connection

        return Connection(**{"uri": self.uri, "user": self.user, "password": self.password, **changes})

    def store(self) -> Any:
        from kg.store.neo4j import Neo4jStore

        return Neo4jStore(self.connection())

    def env(self) -> dict[str, str]:
        """NEO4J_* variables for a `kg` run against this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user or "", "NEO4J_PASSWORD": self.password or ""}


@pytest.fixture(scope="session")
def neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    from tests.neo4j_server import in_ci, start_server, unavailable_reason

    def unavailable(reason: str) -> None:
        if in_ci():
            pytest.fail(f"CI=true and Neo4j is not available: {reason}")
        pytest.skip(f"Neo4j is not available: {reason}")

    pytest.importorskip("neo4j")
    if os.environ.get("NEO4J_URI"):
        _neo4j_report["server"] = f"NEO4J_URI={os.environ['NEO4J_URI']} (not started by the tests)"
        yield Neo4jTarget(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER") or None,
                          os.environ.get("NEO4J_PASSWORD") or None)
        return
    reason = unavailable_reason()
    if reason:
        unavailable(reason)
    started = time.perf_counter()
    try:
        handle = start_server(tmp_path_factory.mktemp("neo4j") / "home", password=NEO4J_TEST_PASSWORD)
    except RuntimeError as e:
        unavailable(f"the local server did not start: {e}")
    _neo4j_report["server"] = f"local server started in {time.perf_counter() - started:.1f} s ({handle.uri})"
    try:
        yield Neo4jTarget(handle.uri, "neo4j", NEO4J_TEST_PASSWORD)
    finally:
        handle.stop()


@pytest.fixture(scope="session")
def dev_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store with the seed and the 40 dev articles (../shared/eval)."""
    from ingest.pipeline import ingest
    from kg.store import open_store

    path = tmp_path_factory.mktemp("dev") / "kg-data"
    with open_store(path) as s, s.writer() as w:
        ingest([shared / "eval" / "seed-articles.jsonl", shared / "eval" / "dev-articles.jsonl"], w)
    return path


def wipe_neo4j(target: Neo4jTarget) -> None:
    with target.store() as s, s.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


@pytest.fixture(scope="module")
def neo4j_dev(neo4j: Neo4jTarget, dev_store: Path) -> Neo4jTarget:
    """Neo4j holding exactly the dev store's graph."""
    from kg.store import open_store
    from kg.store.neo4j_load import load

    wipe_neo4j(neo4j)
    with open_store(dev_store, read_only=True) as src, neo4j.store() as target:
        s = load(src.view(), target)
    made = s.written["nodes_created"] + s.written["relationships_created"]
    _neo4j_report.setdefault("load", f"kg load of seed + dev: {s.articles} articles, {made} nodes and relationships "
                                     f"in {s.seconds:.1f} s = {s.per_second:.0f}/s")
    return neo4j


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for key in ("server", "load"):
        if key in _neo4j_report:
            terminalreporter.write_line(f"neo4j: {_neo4j_report[key]}")
