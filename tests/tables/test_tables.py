"""The Vietnamese tables load, are documented, and bad rows are reported with file and line."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

import ingest.tables as tables
from ingest.tables import TABLES, TableError, rows


def test_every_table_loads_and_is_documented():
    readme = resources.files("ingest.tables").joinpath("README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in Path(tables.__file__).parent.glob("*.tsv"))
    for name in TABLES:
        assert rows(name), name
    for file in files:
        assert f"`{file}`" in readme, f"{file} has no row in ingest/tables/README.md"


def _load_text(monkeypatch, text: str):
    class Fake:
        def joinpath(self, _name):
            return self

        def read_text(self, encoding):
            return text

    monkeypatch.setattr(tables.resources, "files", lambda _pkg: Fake())
    tables.rows.cache_clear()
    try:
        return tables.rows("broken")
    finally:
        tables.rows.cache_clear()


@pytest.mark.parametrize("text, line, reason", [
    ("a\tb\nx\ty\nx\tz\n", 3, "duplicate"),
    ("a\tb\nx\ty\tz\n", 2, "expected 2 columns"),
    ("a\tb\nU\u0301y\ty\n", 2, "NFC"),
])
def test_bad_rows_name_file_and_line(monkeypatch, text, line, reason):
    with pytest.raises(TableError) as err:
        _load_text(monkeypatch, text)
    assert err.value.line == line
    assert f"broken.tsv:{line}:" in str(err.value)
    assert reason in str(err.value)
