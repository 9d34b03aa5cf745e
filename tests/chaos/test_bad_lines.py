"""Bad JSON Lines: broken lines, missing fields, wrong types, bad dates, duplicate ids, broken
surrogates; and article text with impossible dates and nonsense document numbers. Every
skipped line is named by file:line with its reason; the lines around it are read."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.readers import ArticleReader
from kg.errors import InputError
from tests.chaos.kgrun import write_jsonl

OK = {"id": "ok", "text": "Ông Nguyễn Văn An, Chủ tịch Ủy ban nhân dân tỉnh, phát biểu."}

# scenario, expected, the line as written, the reason the reader gives
LINES: list[tuple[str, str, str, str]] = [
    ("broken JSON line", "skipped: not valid JSON, with the column", '{"id": "x", "text": "abc', "not valid JSON"),
    ("JSON Lines line with a trailing comma", "skipped: not valid JSON", '{"id": "x", "text": "t",}', "not valid JSON"),
    ("a line that is a JSON string", "skipped: expected a JSON object", '"just text"',
     "expected a JSON object with id and text"),
    ("line without text", "skipped: missing 'text'", json.dumps({"id": "x"}), "missing or empty 'text'"),
    ("line without id", "skipped: missing 'id'", json.dumps({"text": "t"}), "missing or empty 'id'"),
    ("blank text", "skipped: missing or empty 'text'", json.dumps({"id": "x", "text": " \n "}),
     "missing or empty 'text'"),
    ("id is a number", "skipped: 'id' must be a string, not a number", json.dumps({"id": 7, "text": "t"}),
     "'id' must be a string, not a number"),
    ("text is a list", "skipped: 'text' must be a string", json.dumps({"id": "x", "text": ["a", "b"]}),
     "'text' must be a string, not a list"),
    ("date is a number", "skipped: 'date' must be a string or null", json.dumps({**OK, "date": 20200102}),
     "'date' must be a string or null, not a number"),
    ("date written 15/9/2020", "skipped: not yyyy-mm-dd", json.dumps({**OK, "date": "15/9/2020"}), "is not yyyy-mm-dd"),
    ("impossible date 2021-02-31", "skipped: not in the calendar", json.dumps({**OK, "date": "2021-02-31"}),
     "is not in the calendar"),
    ("month 13", "skipped: not in the calendar", json.dumps({**OK, "date": "2021-13-01"}), "is not in the calendar"),
    ("date in the future", "skipped: in the future (it would date every fact wrongly)",
     json.dumps({**OK, "date": "2999-01-01"}), "is in the future"),
    ("JSON nested 100 000 deep", "skipped: not valid JSON (no crash)", "[" * 100_000 + "]" * 100_000,
     "not valid JSON"),
    ("not UTF-8 and not Vietnamese", "skipped: not UTF-8", '{"id": "x", "text": "\xff\xfe"}', "not UTF-8"),
]


def _read(path: Path) -> tuple[list, list[InputError], list[tuple[str, str]]]:
    errors: list[InputError] = []
    notes: list[tuple[str, str]] = []
    articles = list(ArticleReader([path], on_error=errors.append, on_note=lambda w, n: notes.append((w, n))))
    return articles, errors, notes


@pytest.mark.parametrize("line,reason", [
    pytest.param(line, reason, id=s, marks=pytest.mark.chaos(s, e)) for s, e, line, reason in LINES])
def test_bad_line_is_named_and_the_rest_is_read(tmp_path: Path, line: str, reason: str,
                                                observed: Callable[[str], None]) -> None:
    path = tmp_path / "a.jsonl"
    raw = line.encode("latin-1") if "\xff" in line else line.encode("utf-8")
    path.write_bytes(json.dumps({**OK, "id": "first"}).encode() + b"\n" + raw + b"\n"
                     + json.dumps({**OK, "id": "last"}).encode() + b"\n")
    articles, errors, _ = _read(path)
    assert [a.id for a in articles] == ["first", "last"]
    (error,) = errors
    assert (error.path, error.line) == (str(path), 2) and reason in error.reason, error
    assert str(error).startswith(f"{path}:2: ")
    observed(f"a.jsonl:2: {error.reason}")


@pytest.mark.chaos("a JSON array in a .jsonl file", "one message: a JSON array, not JSON Lines (with the fix)")
def test_json_array_is_one_clear_message(tmp_path: Path, observed: Callable[[str], None]) -> None:
    for name, text in (("pretty.jsonl", json.dumps([OK, OK], indent=2)), ("flat.jsonl", json.dumps([OK, OK]))):
        _, errors, _ = _read(write_jsonl(tmp_path / name, [text]))
        assert len(errors) == 1 and "a JSON array, not JSON Lines" in errors[0].reason
    observed(errors[0].reason)


@pytest.mark.chaos("Windows-1258 line in a UTF-8 JSON Lines file", "read as Vietnamese, noted with file:line")
def test_cp1258_line(tmp_path: Path) -> None:
    from tests.chaos.kgrun import to_cp1258

    path = tmp_path / "mixed.jsonl"
    path.write_bytes(json.dumps(OK, ensure_ascii=False).encode() + b"\n"
                     + to_cp1258(json.dumps({**OK, "id": "legacy"}, ensure_ascii=False)) + b"\n")
    articles, errors, notes = _read(path)
    assert errors == [] and [a.text for a in articles] == [OK["text"], OK["text"]]
    assert notes == [(f"{path}:2", "not UTF-8: read as Windows-1258 (Vietnamese)")]


@pytest.mark.chaos("unpaired surrogate in JSON (\\ud800)", "replaced by U+FFFD, noted; no crash in the store")
def test_unpaired_surrogates_are_replaced(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", ['{"id": "s\\ud800", "text": "Ông An\\udc00 phát biểu.", "title": "\\ud83d"}'])
    (article,), errors, notes = _read(path)
    assert (article.id, article.text, article.title) == ("s\ufffd", "Ông An\ufffd phát biểu.", "\ufffd")
    assert errors == [] and "surrogate" in notes[0][1]


@pytest.mark.chaos("HTML page in a JSON Lines 'text'", "its visible text, title from <h1> when none given")
def test_html_in_jsonl_text(tmp_path: Path) -> None:
    page = "<html><body><h1>Tin &amp; bài</h1><p>Ông An phát biểu.</p><script>alert(1)</script></body></html>"
    (article,), errors, notes = _read(write_jsonl(tmp_path / "h.jsonl", [{"id": "h", "text": page}]))
    assert (article.title, article.text) == ("Tin & bài", "Tin & bài\nÔng An phát biểu.")
    assert errors == [] and notes == [(f"{tmp_path / 'h.jsonl'}:1", "'text' is HTML: read as its visible text")]


def test_no_date_is_fine(tmp_path: Path) -> None:
    (a, b), errors, _ = _read(write_jsonl(tmp_path / "d.jsonl", [OK, {**OK, "id": "n", "date": None}]))
    assert errors == [] and a.date is None and b.date is None


@pytest.mark.chaos("impossible and future dates inside the text (31/2, 30/2/2021, 2099)",
                   "no xsd:date that is not a date; the graph conforms to the shapes")
def test_impossible_dates_in_text() -> None:
    from ingest.extract import extract_article
    from ingest.rdf.build import build
    from ingest.rdf.validate import validate
    from kg.model import Article

    text = ("Ngày 31/2, Ban Thường vụ Tỉnh ủy họp. Ngày 30/2/2021 ông Nguyễn Văn An, Chủ tịch UBND tỉnh, "
            "ký Quyết định số 12/QĐ-UBND ngày 31/13/2021. Đến ngày 15/9/2099, tỉnh hoàn thành. "
            "Ngày 0/0/0 và ngày 99/99/99999 không có thật.")
    graph = build(extract_article(Article(id="dates", text=text, date="2021-03-01")))
    report = validate(graph)
    assert report.conforms, report.violations
    dates = [str(o) for _, _, o in graph.triples if getattr(o, "datatype", None) is not None and "date" in str(o.datatype)]
    for value in dates:
        import datetime as dt
        dt.date.fromisoformat(value)   # every xsd:date is a real date


@pytest.mark.chaos("nonsense document numbers (số /QĐ-, 99999999999-QĐ/UBND, 0/0-0)",
                   "no crash; no directive without a number; the graph conforms")
def test_nonsense_document_numbers() -> None:
    from ingest.extract import extract_article
    from ingest.rdf.build import build
    from ingest.rdf.validate import validate
    from kg.model import Article

    text = ("Thực hiện văn bản số /QĐ- của Tỉnh ủy, Quyết định số 99999999999-QĐ/UBND, Nghị quyết số 0/0-0, "
            "Chỉ thị số ---/// ngày 31/2, Kết luận số QĐ/QĐ/QĐ/QĐ, Công văn số 12/ và Thông báo số 1/TB-"
            + "A" * 500 + ". Ông Nguyễn Văn An, Bí thư Tỉnh ủy, chủ trì.")
    x = extract_article(Article(id="numbers", text=text, date="2021-03-01"))
    assert all(d.number and any(ch.isdigit() for ch in d.number) for d in x.directives)
    report = validate(build(x))
    assert report.conforms, report.violations
