"""The generator's tables (``tables/*.tsv``) and sentence templates (``tables/templates.yml``).

TSV files have a header row and tab-separated columns; the first column is a unique key; text is
NFC. A bad row raises :class:`ingest.tables.TableError` naming the file and line, as the
extractor's own tables do. Everything is read once, lazily, on first use.
"""
from __future__ import annotations

import string
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ingest.tables import Row, TableError, parse_table

PACKAGE = "ingest.synth"

# Every {field} a template may use (capitalised, it is filled capitalised: {Date} → "Sáng 15/9");
# a typo in templates.yml fails at load, not mid-run.
FIELDS = frozenset("""
    Date group group_title leader leader_again people host Host purpose speaker achievement request
    person Conf_title conf_title Org org conf emphasis report_topic Leader_title inspect_topic district
    district_body Host_leader_title delegation place host_body host_leader guest guest_again host_again
    Host_again new_post_title Place_cap announcer dref action subject_person new_post Issuer_office
    subject_again superior Superior new_body predecessor Predecessor old_post month Council_short
    session council_title council term term_years votes seats council_again Subject_person place_named
    days unit PC n_members names Subject_people closer Issuer_short kind_lower subject_short Issuer
    subject Person Citizen citizen period Period years area_word pct money small_pct count small_count signed points months born hometown degree tiny_count income
""".split())


@cache
def table(name: str) -> tuple[Row, ...]:
    """Rows of ``tables/<name>.tsv``, validated as the extractor's tables are (ingest.tables)."""
    text = resources.files(PACKAGE).joinpath("tables").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    return parse_table(text, f"ingest/synth/tables/{name}.tsv")


@cache
def by_key(name: str) -> dict[str, Row]:
    """``tables/<name>.tsv`` indexed by its key column."""
    rows = table(name)
    if not rows:
        return {}
    key = next(iter(rows[0].values))
    return {r[key]: r for r in rows}


@cache
def templates() -> dict[str, Any]:
    """``tables/templates.yml``: every string checked for NFC and for known {fields}."""
    path = "ingest/synth/tables/templates.yml"
    text = resources.files(PACKAGE).joinpath("tables").joinpath("templates.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise TableError(path, 1, "expected a mapping of genres")
    _check(data, path, text, ())
    return data


def _check(node: Any, path: str, text: str, where: tuple[str, ...]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _check(value, path, text, (*where, str(key)))
    elif isinstance(node, list):
        if not node:
            raise TableError(path, _line_of(text, where[-1]), f"{'.'.join(where)} has no variants")
        for item in node:
            _check(item, path, text, where)
    elif isinstance(node, str):
        if not unicodedata.is_normalized("NFC", node):
            raise TableError(path, _line_of(text, node), "text is not NFC")
        for _, field, _, _ in string.Formatter().parse(node):
            if field is not None and field not in FIELDS and field[:1].lower() + field[1:] not in FIELDS:
                raise TableError(path, _line_of(text, node), f"unknown field {{{field}}} in {'.'.join(where)}")
    else:
        raise TableError(path, 1, f"{'.'.join(where)}: expected text, found {type(node).__name__}")


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1
