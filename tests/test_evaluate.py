"""`kg eval` reuses the contract's own scorer and lists what was missed and what was spurious."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import diff, load_scorer, score

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.fixture
def seed_gold() -> Path:
    path = SHARED / "seed-gold.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared evaluation files sit beside the checkout in CI)")
    return path


def test_perfect_prediction_scores_one_and_has_no_diff(seed_gold):
    scorer = load_scorer(SHARED / "score.py")
    assert all(r["f1"] == 1.0 for r in score(seed_gold, seed_gold, scorer).values())
    assert diff(seed_gold, seed_gold, scorer) == []


def test_diff_names_the_missed_and_spurious_facts(seed_gold, tmp_path):
    gold = json.loads(seed_gold.read_text(encoding="utf-8").splitlines()[0])
    pred = json.loads(json.dumps(gold))
    pred["persons"][1]["name"] = "Lê Văn Bính"
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    scorer = load_scorer(SHARED / "score.py")
    rows = {d.category: d for d in diff(seed_gold, path, scorer)}
    assert rows["persons"].missed == ("Lê Văn Bình",)
    assert rows["persons"].spurious == ("Lê Văn Bính",)


def test_broken_prediction_file_is_an_input_error(seed_gold, tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text('{"id": "seed-000"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        score(seed_gold, path, load_scorer(SHARED / "score.py"))
    assert str(path) in str(err.value)


def test_kg_eval_prints_the_table_and_the_diff(seed_gold, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    gold = json.loads(seed_gold.read_text(encoding="utf-8").splitlines()[0])
    gold["events"] = []
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(seed_gold), str(pred), "--diff",
                                      "--scorer", str(SHARED / "score.py")])
    assert result.exit_code == 0, result.output
    assert "participation" in result.output and "0.000" in result.output
    assert "missed   ('Nguyễn Long Biên', 'led')" in result.output
