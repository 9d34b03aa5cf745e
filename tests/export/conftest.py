"""The seed and dev stores (articles read from ../shared; skipped when it is absent)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.export.stores import Built, build


@pytest.fixture(scope="session")
def built_stores(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    root = tmp_path_factory.mktemp("export-stores")
    return {name: build(name, shared / "eval" / f"{name}-articles.jsonl", root / name) for name in ("seed", "dev")}


@pytest.fixture(params=["seed", "dev"])
def built(request: pytest.FixtureRequest, built_stores: dict[str, Built]) -> Built:
    return built_stores[request.param]


@pytest.fixture
def view(built: Built) -> Iterator[object]:
    from kg.store import open_store

    with open_store(built.path, read_only=True) as store:
        yield store.view()
