"""Bad input files: empty, binary, other encodings, HTML, too big. Each is either read (and the
summary notes how) or skipped with a message naming the file; nothing else is affected."""
from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.readers import ArticleReader
from kg.errors import InputError
from tests.chaos.kgrun import synth_articles, to_cp1258

TEXT = "Ông Nguyễn Văn Đông, Phó Chủ tịch Ủy ban nhân dân tỉnh, phát biểu tại hội nghị “tổng kết”.\n"
HTML = ("<!DOCTYPE html><html><head><title>Báo | Tin</title><style>p{color:red}</style>"
        "<script>var s = '<p>Không phải bài</p>';</script></head><body><nav><a href='/'>Trang chủ</a></nav>"
        "<h1>Hội nghị tổng kết</h1><p>Ông Nguyễn Văn Đông, Phó Chủ tịch&nbsp;Ủy ban nhân dân tỉnh, "
        "phát biểu tại hội nghị &ldquo;tổng kết&rdquo;.</p><footer>© Báo</footer></body></html>")
HTML_TEXT = "Hội nghị tổng kết\nÔng Nguyễn Văn Đông, Phó Chủ tịch Ủy ban nhân dân tỉnh, phát biểu tại hội nghị “tổng kết”."


def _read(path: Path) -> tuple[list, list[InputError], list[tuple[str, str]]]:
    errors: list[InputError] = []
    notes: list[tuple[str, str]] = []
    articles = list(ArticleReader([path], on_error=errors.append, on_note=lambda w, n: notes.append((w, n))))
    return articles, errors, notes


Maker = Callable[[], bytes]
SKIPPED: list[tuple[str, str, str, Maker, str]] = [
    ("empty .txt file", "skipped: empty file", "empty.txt", lambda: b"", "empty file"),
    ("blank .txt file (spaces, newlines)", "skipped: empty file", "blank.txt", lambda: b" \n\t\r\n ", "empty file"),
    ("empty .jsonl file", "skipped: empty file", "empty.jsonl", lambda: b"", "empty file"),
    ("binary file named .txt (PNG)", "skipped: binary data", "image.txt",
     lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
    ("binary file named .jsonl (gzip)", "skipped: binary data, not JSON Lines", "dump.jsonl",
     lambda: gzip.compress(b'{"id": "1", "text": "t"}\n' * 50), "binary data"),
    ("text with many control characters", "skipped: binary data", "controls.txt",
     lambda: b"abc\x01\x02\x03\x04\x05def\x06\x07\x08", "binary data"),
    ("Latin-1 text (not Vietnamese)", "skipped: not UTF-8, with how to convert it", "latin1.txt",
     lambda: "Ça coûte très cher, garçon: ÿ".encode("latin-1"), "not UTF-8"),
    ("HTML page with no visible text", "skipped: an HTML page with no text", "empty.html",
     lambda: b"<html><head><title></title><script>x()</script></head><body></body></html>",
     "HTML page with no text"),
]

READ: list[tuple[str, str, str, Maker, str, str]] = [
    ("Windows-1258 text", "read as Vietnamese, noted", "cp1258.txt", lambda: to_cp1258(TEXT), TEXT, "Windows-1258"),
    ("UTF-16 with BOM", "read, noted", "utf16.txt", lambda: TEXT.encode("utf-16"), TEXT, "UTF-16"),
    ("UTF-16 LE without BOM", "read, noted", "utf16le.txt", lambda: TEXT.encode("utf-16-le"), TEXT, "UTF-16"),
    ("UTF-16 BE without BOM", "read, noted", "utf16be.txt", lambda: TEXT.encode("utf-16-be"), TEXT, "UTF-16"),
    ("NFD text in UTF-16 LE without BOM", "read, noted", "nfd16.txt",
     lambda: unicodedata.normalize("NFD", TEXT).encode("utf-16-le"), TEXT, "UTF-16"),
    ("UTF-8 with BOM", "read, BOM dropped", "bom.txt", lambda: b"\xef\xbb\xbf" + TEXT.encode(), TEXT, ""),
    ("HTML page saved as .html", "its visible text (no script, nav, footer)", "page.html", lambda: HTML.encode(),
     HTML_TEXT, "HTML page"),
    ("HTML page saved as .txt", "its visible text, noted", "page.txt", lambda: HTML.encode(), HTML_TEXT, "HTML page"),
    ("UTF-16 HTML page", "both undone", "page16.html", lambda: HTML.encode("utf-16"), HTML_TEXT, "UTF-16"),
    ("HTML page of 3 MB (inline scripts), 1 MB limit", "its text read: the limit counts the text",
     "heavy.html", lambda: HTML.replace("var s", "var pad = '" + "x" * 3_000_000 + "'; var s").encode(),
     HTML_TEXT, "HTML page"),
]


@pytest.mark.parametrize("name,data,reason", [
    pytest.param(f, m, r, id=f, marks=pytest.mark.chaos(s, e)) for s, e, f, m, r in SKIPPED])
def test_unreadable_file_is_skipped_and_named(tmp_path: Path, name: str, data: Maker, reason: str,
                                              observed: Callable[[str], None]) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    articles, errors, _ = _read(path)
    assert articles == []
    (error,) = errors
    assert error.path == str(path) and reason in error.reason
    observed(f"{name}: {error.reason}")
    with pytest.raises(InputError, match=reason):
        list(ArticleReader([path], strict=True))


@pytest.mark.parametrize("name,data,text,note", [
    pytest.param(f, m, t, n, id=f, marks=pytest.mark.chaos(s, e)) for s, e, f, m, t, n in READ])
def test_odd_but_readable_file_is_read_and_noted(tmp_path: Path, name: str, data: Maker, text: str, note: str,
                                                 observed: Callable[[str], None]) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    (article,), errors, notes = _read(path)
    assert errors == []
    assert unicodedata.normalize("NFC", article.text) == text
    assert "<" not in article.text and "var s" not in article.text and "Trang chủ" not in article.text
    if note:
        assert any(note in n for _, n in notes), notes
        observed(f"note: {'; '.join(n for _, n in notes)}")


@pytest.mark.chaos("NFD text (decomposed diacritics)", "the same facts and IRIs as NFC")
def test_nfd_text_gives_the_same_graph() -> None:
    from ingest.extract import extract_article
    from ingest.rdf.build import build
    from kg.model import Article

    article = synth_articles()[0]
    nfc = build(extract_article(Article(id="a", text=unicodedata.normalize("NFC", article["text"]))))
    nfd = build(extract_article(Article(id="a", text=unicodedata.normalize("NFD", article["text"]))))
    assert nfc.digest == nfd.digest and nfc.counts == nfd.counts and nfc.facts > 0


@pytest.mark.chaos("UTF-16 JSON Lines file (Windows PowerShell)", "every line read, noted")
def test_utf16_jsonl(tmp_path: Path) -> None:
    import json

    rows = [{"id": a["id"], "text": a["text"], "date": a["date"]} for a in synth_articles()[:3]]
    path = tmp_path / "ps.jsonl"
    path.write_bytes("\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-16"))
    articles, errors, notes = _read(path)
    assert errors == [] and [a.id for a in articles] == [r["id"] for r in rows]
    assert [a.text for a in articles] == [r["text"] for r in rows]
    assert notes == [(str(path), "read as UTF-16")]


@pytest.mark.chaos("enormous .txt file", "skipped without being read: size and limit named")
def test_enormous_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   observed: Callable[[str], None]) -> None:
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "10000")
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 200, encoding="utf-8")
    _, (error,), _ = _read(path)
    assert "too long for an article" in error.reason and "KG_MAX_ARTICLE_BYTES" in error.reason
    observed(error.reason)


@pytest.mark.chaos("enormous JSON Lines line (8 MB, limit 1 MB)",
                   "that line skipped in chunks (memory stays small), the next line read")
def test_enormous_line_is_skipped_in_chunks(tmp_path: Path, observed: Callable[[str], None]) -> None:
    import json
    import tracemalloc

    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "ok-1", "text": TEXT}) + "\n")
        f.write(json.dumps({"id": "huge", "text": "x" * 8_000_000}) + "\n")
        f.write(json.dumps({"id": "ok-3", "text": TEXT}) + "\n")
    tracemalloc.start()
    articles, errors, _ = _read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [a.id for a in articles] == ["ok-1", "ok-3"]
    (error,) = errors
    assert (error.line, "too long for an article" in error.reason) == (2, True)
    assert peak < 3_000_000, f"peak {peak:,} bytes while skipping an 8 MB line"
    observed(f"line 2: {error.reason}; peak memory {peak / 1e6:.1f} MB")
