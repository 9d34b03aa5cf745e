"""Fixtures for extraction tests: the shared evaluation files, read in place (never copied)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared evaluation files sit beside the checkout in CI")
    return path


@pytest.fixture(scope="session")
def scorer():
    path = shared_file("eval", "score.py")
    spec = importlib.util.spec_from_file_location("contract_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
