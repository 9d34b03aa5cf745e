"""Every Cypher block of docs/cypher.md runs, read-only, against Neo4j loaded with the seed and
the dev articles, and returns a fact it must return."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg.store.neo4j_readonly import run_readonly
from tests.conftest import Neo4jTarget

DOC = Path(__file__).resolve().parent.parent / "docs" / "cypher.md"
BLOCK = re.compile(r"```cypher\n(.*?)```", re.DOTALL)
Rows = list[dict[str, Any]]


def blocks() -> dict[str, tuple[str, dict[str, Any]]]:
    """name → (query, params) of each ```cypher block (its "// name:" and "// params:" lines)."""
    out = {}
    for text in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        name = re.search(r"^// name: (\w+)$", text, re.MULTILINE)
        params = re.search(r"^// params: (.*)$", text, re.MULTILINE)
        assert name and params, f"a block of {DOC.name} has no // name: or // params: line:\n{text}"
        out[name.group(1)] = (text, json.loads(params.group(1)))
    return out


def _has(rows: Rows, **expected: Any) -> bool:
    return any(all(r.get(k) == v for k, v in expected.items()) for r in rows)


EXPECTED: dict[str, Callable[[Rows], bool]] = {
    "career": lambda rows: _has(rows, kind="post", what="Phó Chủ tịch Ủy ban nhân dân tỉnh")
    and _has(rows, kind="event", detail=["led"]),
    "held_on": lambda rows: _has(rows, person="Nguyễn Thiện Nhân", post="Bí thư Thành ủy Thành phố Hồ Chí Minh"),
    "co_attendance": lambda rows: _has(rows, person="Nguyễn Long Biên", other="Lê Văn Bình", events=1)
    or _has(rows, person="Lê Văn Bình", other="Nguyễn Long Biên", events=1),
    "directive_reach": lambda rows: _has(rows, directive="Quy định 181-QĐ/TW") and any(r["event"] for r in rows),
    "shortest_path": lambda rows: rows[0]["hops"] == 2 and rows[0]["steps"][1].startswith("Event: "),
    "body_members": lambda rows: _has(rows, person="Nguyễn Phú Trọng", post="Ủy viên Bộ Chính trị"),
    "name_search": lambda rows: _has(rows, person="Nguyễn Long Biên"),
}


def test_every_block_has_a_name_and_an_expected_fact() -> None:
    assert set(blocks()) == set(EXPECTED)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_query_runs_and_finds_its_fact(neo4j_dev: Neo4jTarget, name: str) -> None:
    query, params = blocks()[name]
    with neo4j_dev.store() as store:
        result = run_readonly(store, query, params)
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    assert rows, f"{name} returned nothing"
    assert EXPECTED[name](rows), f"{name}: {rows[:5]}"
