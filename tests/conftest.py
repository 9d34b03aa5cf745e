"""Shared fixtures.

- ``shared``: the ../shared folder (corpus, eval); tests that need it skip with a reason when
  it is absent. In CI (``CI=true``) it must be there, so its absence fails instead.
- ``seed_extraction``: the seed article's facts, built by hand (tests/fixtures/seed.py).
- ``store_path`` / ``store``: an empty embedded store in a temporary folder.
- ``--slow``: also run the tests marked ``slow`` (the whole corpus; ``make test-slow``).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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
# The Neo4j issue adds its session fixture here (a server started by tests/neo4j_server.py;
# it fails rather than skips when CI=true). Nothing else in this file depends on it.
