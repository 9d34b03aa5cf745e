"""The Vietnamese tables, as data, with one validating loader.

Each ``*.tsv`` file here has a header row and tab-separated columns; README.md lists them.
Rows are read once, lazily, and checked: the right number of columns, no duplicate key,
NFC text. A bad row raises :class:`TableError` naming the file and line.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


class TableError(ValueError):
    """A table file is malformed; the message names the file and line."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    path: str = ""

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def float(self, column: str) -> float:
        """A numeric cell; a cell that is not a number raises TableError naming file and line."""
        try:
            return float(self.values[column])
        except ValueError:
            raise TableError(self.path, self.line, f"{column} is not a number") from None


# Tables whose key is more than their first column (a cue may belong to several groups).
KEYS = {"cues": ("group", "cue")}


@cache
def rows(name: str) -> tuple[Row, ...]:
    """Rows of ``name``.tsv, validated; the key (the first column, or KEYS[name]) must be unique."""
    text = resources.files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    return parse_table(text, f"ingest/tables/{name}.tsv", KEYS.get(name))


def parse_table(text: str, path: str, key_columns: tuple[str, ...] | None = None) -> tuple[Row, ...]:
    """Rows of one TSV text with a header row: the right number of columns, NFC text, and a unique
    non-empty key (``key_columns``, the first column by default). ``path`` names the file in errors."""
    lines = text.splitlines()
    if not lines:
        raise TableError(path, 1, "empty table (a header row is required)")
    header = lines[0].split("\t")
    key_columns = key_columns or (header[0],)
    seen: dict[str, int] = {}
    out: list[Row] = []
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) != len(header):
            raise TableError(path, number, f"expected {len(header)} columns ({', '.join(header)}), found {len(cells)}")
        if unicodedata.normalize("NFC", raw) != raw:
            raise TableError(path, number, "text is not NFC")
        values = dict(zip(header, (c.strip() for c in cells)))
        key = " / ".join(values.get(c, "") for c in key_columns)
        if not all(values.get(c) for c in key_columns):
            raise TableError(path, number, f"empty {', '.join(key_columns)}")
        if key in seen:
            raise TableError(path, number, f"duplicate {' / '.join(key_columns)} {key!r} (first on line {seen[key]})")
        seen[key] = number
        out.append(Row(number, values, path))
    return tuple(out)


def column(name: str, col: str | None = None) -> tuple[str, ...]:
    """One column of a table (the key column by default)."""
    table = rows(name)
    if not table:
        return ()
    col = col or next(iter(table[0].values))
    return tuple(r[col] for r in table)


def mapping(name: str, value_col: str) -> dict[str, str]:
    """Key column → ``value_col`` of a table."""
    table = rows(name)
    if not table:
        return {}
    key_col = next(iter(table[0].values))
    return {r[key_col]: r[value_col] for r in table}


TABLES = (
    "abbreviations", "titles", "body_types", "document_kinds", "honorifics", "surnames",
    "cues", "event_kinds", "body_words", "status_cues", "ranks", "not_person_before", "countries", "function_words", "post_stop_words",
    "title_short_forms", "lunar_years",
)
