"""The command line through Typer's CliRunner: answers and their sources, JSON, errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.fixtures.seed import seed_text

runner = CliRunner()
LEAD = "Ngày 15/9, Tổ giám sát số 2, Đoàn giám sát 1521 của Ban Thường vụ Tỉnh ủy do đồng chí Nguyễn Long Biên"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    seed = folder / "seed-000.txt"
    seed.write_text(seed_text(), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(seed), "--store", str(folder / "kg-data")])
    assert result.exit_code == 0, result.output
    assert "articles" in result.output
    return str(folder / "kg-data")


def kg(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_who_led_answers_with_the_source_sentence(store: str) -> None:
    out = kg("who-led", "Tổ giám sát số 2", "--store", store)
    assert "Nguyễn Long Biên led Tổ giám sát số 2" in out
    assert "source seed-000: " + LEAD in out


def test_who_led_json(store: str) -> None:
    (answer,) = json.loads(kg("who-led", "to giam sat so 2", "--store", store, "--json"))
    assert answer["name"] == "Nguyễn Long Biên" and answer["date"] == "--09-15"
    assert answer["sources"][0]["article"] == "seed-000"
    assert answer["sources"][0]["sentence"].startswith(LEAD)


def test_person_without_diacritics(store: str) -> None:
    out = kg("person", "nguyen long bien", "--store", store)
    assert "Nguyễn Long Biên" in out and "Phó Chủ tịch Ủy ban nhân dân tỉnh [current]" in out
    (p,) = json.loads(kg("person", "NGUYỄN LONG BIÊN", "--store", store, "--json"))
    assert {e["kind"] for e in p["timeline"]} == {"post", "event"}
    assert all(e["sources"] for e in p["timeline"])


def test_body_directive_path_stats(store: str) -> None:
    body = kg("body", "Ủy ban nhân dân tỉnh", "--store", store)
    assert "Nguyễn Long Biên — Phó Chủ tịch Ủy ban nhân dân tỉnh [current]" in body
    (d,) = json.loads(kg("directive", "09-NQ/TU", "--store", store, "--json"))
    assert (d["kind"], d["date"], d["issuer"]) == ("Nghị quyết", "2021-11-29", "Ban Thường vụ Tỉnh ủy")
    assert d["sources"][0]["sentence"].startswith(LEAD)
    path = json.loads(kg("path", "Lê Văn Bình", "Nguyễn Long Biên", "--store", store, "--json"))
    assert path["hops"] and all(h["evidence"]["sentence"] for h in path["hops"])
    stats = json.loads(kg("stats", "--store", store, "--json"))
    assert stats["articles"] == 1 and stats["persons"] == 2


def test_reingest_reports_unchanged(store: str, tmp_path: Path) -> None:
    seed = tmp_path / "seed-000.txt"
    seed.write_text(seed_text(), encoding="utf-8")
    before = json.loads(kg("stats", "--store", store, "--json"))["quads"]
    summary = json.loads(kg("ingest", str(seed), "--store", store, "--json"))
    assert summary["unchanged"] == 1 and summary["facts"] == 0
    assert json.loads(kg("stats", "--store", store, "--json"))["quads"] == before


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld"])
def test_export(store: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kg.{fmt}"
    kg("export", "--format", fmt, "--out", str(out), "--store", store)
    text = out.read_text(encoding="utf-8")
    assert "Nguyễn Long Biên" in text


def test_validate(store: str) -> None:
    assert json.loads(kg("validate", "--store", store, "--json"))["conforms"] is True


def test_user_errors_are_one_line_and_exit_1(store: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["who-led", "Đoàn công tác số 99", "--store", store])
    assert result.exit_code == 1 and "no group, meeting or delegation" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "run `kg ingest` first" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--strict", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "bad.jsonl:2: not valid JSON" in result.output
    result = runner.invoke(app, ["ingest", str(bad), "--store", str(tmp_path / "s2"), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["skipped"] == 1


def test_every_command_has_help_with_an_example() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and "Example: kg " in command.help, name
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_extract_writes_the_contract(tmp_path: Path) -> None:
    seed = tmp_path / "seed-000.txt"
    seed.write_text(seed_text(), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    kg("extract", str(seed), "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "seed-000"


def test_extract_keeps_one_line_per_id_the_later_one(tmp_path: Path) -> None:
    articles = tmp_path / "a.jsonl"
    articles.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in (
        {"id": "a", "text": "Bí thư Tỉnh ủy Nguyễn Văn An dự họp."},
        {"id": "b", "text": "Không có ai."},
        {"id": "a", "text": "Chủ tịch UBND tỉnh Lê Văn Bình chủ trì cuộc họp."},
    )) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", str(articles), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "replaces it" in result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["b", "a"]
    assert [p["name"] for p in rows[1]["persons"]] == ["Lê Văn Bình"]


def test_extract_that_fails_leaves_the_earlier_output_whole(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    out.write_text('{"id": "earlier"}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.jsonl"), "--out", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == '{"id": "earlier"}\n'
    assert not (tmp_path / "pred.jsonl.part").exists()
