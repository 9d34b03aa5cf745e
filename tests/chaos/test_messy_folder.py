"""`kg ingest` on a messy folder (every kind of bad input next to good articles) stores exactly
what a clean folder of the good articles stores; the summary counts what was skipped and why;
``--strict`` stops at the first bad line with one message and exit code 1."""
from __future__ import annotations

import gzip
import html
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.chaos.graphs import embedded_quads
from tests.chaos.kgrun import assert_user_error, run_kg, synth_articles, to_cp1258, write_jsonl

ENV = {"KG_BATCH": "2", "KG_MAX_ARTICLE_BYTES": "200000"}
HEADING = "Tin tổng hợp"


def _plain(article: dict) -> dict:
    return {k: article[k] for k in ("id", "title", "date", "text")}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a = [_plain(x) for x in synth_articles(8)]
    root = tmp_path_factory.mktemp("messy")
    messy, clean = root / "messy", root / "clean"
    messy.mkdir()
    clean.mkdir()
    write_jsonl(messy / "01-good.jsonl", [a[0], a[1], {**a[2], "text": "Bản cũ: ông Lê Văn Tám phát biểu."},
                                          '{"id": "broken", "text": "no end', a[3]])
    write_jsonl(messy / "02-bad.jsonl", [
        "not json at all", {"id": "no-text"}, {"id": 7, "text": "t"}, {**a[4], "id": "bad-date", "date": "2021-02-31"},
        {**a[4], "id": "future", "date": "2999-12-31"}, "[" * 50_000 + "]" * 50_000, a[4], a[2], a[0]])
    (messy / "03-legacy.txt").write_bytes(to_cp1258(a[5]["text"]))
    (messy / "04-utf16.txt").write_bytes(a[6]["text"].encode("utf-16"))
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in a[7]["text"].splitlines())
    (messy / "05-page.html").write_text(f"<!doctype html><html><head><title>x</title><script>alert(1)</script>"
                                        f"</head><body><h1>{HEADING}</h1>{paragraphs}</body></html>", encoding="utf-8")
    (messy / "empty.txt").write_bytes(b"")
    (messy / "empty.jsonl").write_bytes(b"\n\n")
    (messy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (messy / "dump.jsonl").write_bytes(gzip.compress(json.dumps(a[0]).encode() * 20))
    (messy / "controls.txt").write_bytes(b"\x01\x02\x03\x04 text \x05\x06")
    write_jsonl(messy / "huge.jsonl", [{"id": "huge", "text": "Ông An. " * 40_000}])
    (messy / "notes.md").write_text("not an input: ignored", encoding="utf-8")

    write_jsonl(clean / "good.jsonl", [a[0], a[1], a[2], a[3], a[4]])
    (clean / "03-legacy.txt").write_text(a[5]["text"], encoding="utf-8")
    (clean / "04-utf16.txt").write_text(a[6]["text"], encoding="utf-8")
    lines = [" ".join(line.split()) for line in a[7]["text"].splitlines() if line.strip()]
    (clean / "05-page.txt").write_text("\n".join([HEADING, *lines]), encoding="utf-8")
    return messy, clean


@pytest.mark.chaos("a messy folder: every bad input above next to good articles",
                   "exit 0; the store equals a clean run of the good articles; summary counts skips by reason")
def test_messy_folder_stores_what_the_clean_one_does(folders: tuple[Path, Path], tmp_path: Path,
                                                     observed: Callable[[str], None]) -> None:
    messy, clean = folders
    done = run_kg("ingest", str(messy), "--store", str(tmp_path / "messy-store"), "--json", **ENV)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout)
    skipped = {item["where"].replace(str(messy) + "/", ""): item["reason"] for item in summary["skipped_items"]}
    assert set(skipped) == {"01-good.jsonl:4", "02-bad.jsonl:1", "02-bad.jsonl:2", "02-bad.jsonl:3", "02-bad.jsonl:4",
                            "02-bad.jsonl:5", "02-bad.jsonl:6", "empty.txt", "empty.jsonl", "image.txt", "dump.jsonl",
                            "controls.txt", "huge.jsonl:1"}, skipped
    assert summary["skipped"] == 13 and sum(summary["skipped_by_reason"].values()) == 13
    assert summary["skipped_by_reason"]["not valid JSON"] == 3
    notes = [n["note"] for n in summary["notes_items"]]
    assert any("Windows-1258" in n for n in notes) and any("UTF-16" in n for n in notes)
    assert any("HTML" in n for n in notes)
    assert any("other text" in n and "replaces it" in n for n in notes)
    assert any("same text" in n and "read once" in n for n in notes)
    clean_run = run_kg("ingest", str(clean), "--store", str(tmp_path / "clean-store"), **ENV)
    assert clean_run.returncode == 0, clean_run.stderr
    messy_quads, clean_quads = embedded_quads(tmp_path / "messy-store"), embedded_quads(tmp_path / "clean-store")
    assert len(messy_quads) > 1000 and messy_quads == clean_quads
    observed(f"{summary['articles']} articles stored ({len(messy_quads)} quads, equal to the clean run), "
             f"{summary['skipped']} skipped: " + ", ".join(f"{n}× {r}" for r, n in summary["skipped_by_reason"].items()))


@pytest.mark.chaos("the same folder with --strict", "stops at the first bad line: exit 1, one line naming file:line")
def test_strict_stops_at_the_first(folders: tuple[Path, Path], tmp_path: Path, observed: Callable[[str], None]) -> None:
    messy, _ = folders
    done = run_kg("ingest", str(messy), "--store", str(tmp_path / "strict"), "--strict", **ENV)
    message = assert_user_error(done, "01-good.jsonl:4: not valid JSON")
    observed(f"exit 1: {message.replace(str(messy) + '/', '')}")


def test_text_summary_lists_skips_notes_and_reasons(folders: tuple[Path, Path], tmp_path: Path) -> None:
    messy, _ = folders
    done = run_kg("ingest", str(messy), "--store", str(tmp_path / "text"), **ENV)
    assert done.returncode == 0, done.stderr
    assert "skipped, by reason:" in done.stdout and "note " in done.stdout
    assert f"skipped {messy / '02-bad.jsonl'}:4: date '2021-02-31' is not in the calendar" in done.stdout
