"""Readers: .txt, JSON Lines and folders; broken lines name file:line and are skipped or stop."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.readers import ArticleReader, input_files, parse_line
from kg.errors import InputError


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_txt_first_line_is_the_title(tmp_path: Path) -> None:
    f = tmp_path / "a-1.txt"
    f.write_text("Tiêu đề\n\nNội dung bài.", encoding="utf-8")
    (article,) = list(ArticleReader([f]))
    assert (article.id, article.title, article.text) == ("a-1", "Tiêu đề", "Tiêu đề\n\nNội dung bài.")


def test_jsonl_and_folders(tmp_path: Path) -> None:
    sub = tmp_path / "in"
    sub.mkdir()
    _jsonl(sub / "b.jsonl", [json.dumps({"id": "x", "text": "T", "date": "2020-01-02", "title": None})])
    (sub / "a.txt").write_text("A\nB", encoding="utf-8")
    (sub / "notes.md").write_text("ignored", encoding="utf-8")
    articles = list(ArticleReader([tmp_path]))
    assert [a.id for a in articles] == ["a", "x"]
    assert articles[1].date == "2020-01-02" and articles[1].origin.endswith("b.jsonl:1")


def test_broken_lines_are_skipped_and_named(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "a.jsonl", [json.dumps({"id": "1", "text": "ok"}), "{not json", "[1]",
                                      json.dumps({"id": "4"}), json.dumps({"id": "5", "text": "t", "date": "15/9"}),
                                      "", json.dumps({"id": "7", "text": "ok"})])
    errors: list[InputError] = []
    ids = [a.id for a in ArticleReader([f], on_error=errors.append)]
    assert ids == ["1", "7"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (2, "not valid JSON"), (3, "expected a JSON object with id and text"), (4, "missing or empty 'text'"),
        (5, "date '15/9' is not yyyy-mm-dd")]
    assert str(errors[0]).startswith(f"{f}:2: not valid JSON")


def test_strict_stops_at_the_first_broken_line(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "a.jsonl", [json.dumps({"id": "1", "text": "ok"}), "{"])
    with pytest.raises(InputError, match=r"a.jsonl:2: not valid JSON"):
        list(ArticleReader([f], strict=True, on_error=lambda e: None))


def test_missing_and_unknown_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        input_files([tmp_path / "nope.jsonl"])
    (tmp_path / "x.csv").write_text("a", encoding="utf-8")
    with pytest.raises(InputError, match="not a .txt, .html or .jsonl file"):
        input_files([tmp_path / "x.csv"])


def test_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"id": "1", "text": "\xff"}\n')
    with pytest.raises(InputError, match="a.jsonl:1: not UTF-8"):
        list(ArticleReader([f], strict=True))


def test_progress_counts_bytes(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "a.jsonl", [json.dumps({"id": str(i), "text": "t"}) for i in range(5)])
    reader = ArticleReader([f])
    list(reader)
    assert reader.bytes_read == reader.total_bytes == f.stat().st_size


@given(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip))
def test_any_json_string_round_trips(article_id: str, text: str) -> None:
    line = json.dumps({"id": article_id, "text": text}).encode()
    article = parse_line(line, "p", 1)
    assert (article.id, article.text) == (article_id, text)


def test_nfd_input_is_kept_as_given() -> None:
    text = unicodedata.normalize("NFD", "Nguyễn Long Biên")
    assert parse_line(json.dumps({"id": "n", "text": text}).encode(), "p", 1).text == text
