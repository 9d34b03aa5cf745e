"""Fixtures for the synthetic corpus: one generated sample per session, and score.py when present."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest.synth import generate

SAMPLE_N, SAMPLE_SEED = 400, 11


@pytest.fixture(scope="session")
def sample() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """400 articles with their gold facts (seed 11), spread over 2015–2025."""
    return list(generate(SAMPLE_N, SAMPLE_SEED))


@pytest.fixture(scope="session")
def scorer(shared: Path) -> ModuleType:
    """shared/eval/score.py, loaded from its path (skips when ../shared is absent)."""
    path = shared / "eval" / "score.py"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the scorer sits beside the checkout")
    spec = importlib.util.spec_from_file_location("contract_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
