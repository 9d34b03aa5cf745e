"""``kg synth N --seed S --out FILE [--gold GOLD]`` through Typer's CliRunner."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_kg_synth_writes_articles_and_gold_in_step(tmp_path: Path) -> None:
    out, gold = tmp_path / "synth.jsonl", tmp_path / "synth.gold.jsonl"
    result = runner.invoke(app, ["synth", "12", "--seed", "3", "--out", str(out), "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    articles = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    golds = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == 12 and [a["id"] for a in articles] == [g["id"] for g in golds]
    again = tmp_path / "again.jsonl"
    assert runner.invoke(app, ["synth", "12", "--seed", "3", "--out", str(again)]).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_kg_synth_reports_an_unwritable_path_without_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "3", "--out", str(tmp_path / "missing" / "x.jsonl")])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_kg_synth_has_help_with_an_example() -> None:
    result = runner.invoke(app, ["synth", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
