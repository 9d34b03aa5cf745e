"""End to end on the shared evaluation files (skipped, with the reason, when ../shared is absent).

- the seed through ``kg extract``, scored by the contract's own score.py: 1.000 everywhere;
- the seed through ``kg ingest`` and ``kg who-led``: Nguyễn Long Biên, with the sentence;
- every dev article's graph conforms to the shapes;
- (slow) the whole corpus ingests without a crash, twice, and its graphs conform.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_seed_contract_scores_one_everywhere(shared: Path, tmp_path: Path) -> None:
    pred = tmp_path / "seed.pred.jsonl"
    kg("extract", str(shared / "eval" / "seed-articles.jsonl"), "--out", str(pred))
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(shared / "eval" / "seed-gold.jsonl"),
                           str(pred), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(done.stdout)
    assert {name: s["f1"] for name, s in scores.items() if isinstance(s, dict) and "f1" in s} == {
        name: 1.0 for name, s in scores.items() if isinstance(s, dict) and "f1" in s}


def test_seed_jsonl_answers_who_led(shared: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "kg-data")
    kg("ingest", str(shared / "eval" / "seed-articles.jsonl"), "--store", store)
    (answer,) = json.loads(kg("who-led", "Tổ giám sát số 2", "--store", store, "--json"))
    assert answer["name"] == "Nguyễn Long Biên"
    assert answer["sources"][0]["article"] == "seed-000"
    assert "do đồng chí Nguyễn Long Biên" in answer["sources"][0]["sentence"]


def test_dev_articles_conform_to_the_shapes(shared: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "kg-data")
    summary = json.loads(kg("ingest", str(shared / "eval" / "dev-articles.jsonl"), "--store", store, "--json"))
    assert summary["articles"] == 40 and summary["skipped"] == 0
    report = json.loads(kg("validate", "--store", store, "--json"))
    assert report["graphs"] == 40 and report["conforms"], report["violations"][:10]


@pytest.mark.slow
def test_corpus_ingests_twice_and_conforms(shared: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "kg-data")
    first = json.loads(kg("ingest", str(shared / "corpus" / "articles.jsonl"), "--store", store, "--json"))
    assert first["articles"] == 1640 and first["skipped"] == 0
    quads = json.loads(kg("stats", "--store", store, "--json"))["quads"]
    second = json.loads(kg("ingest", str(shared / "corpus" / "articles.jsonl"), "--store", store, "--json"))
    assert second["unchanged"] == 1640
    assert json.loads(kg("stats", "--store", store, "--json"))["quads"] == quads
    report = json.loads(kg("validate", "--store", store, "--json"))
    assert report["conforms"], report["violations"][:10]
