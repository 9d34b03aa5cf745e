"""The chaos table: every test marked ``@pytest.mark.chaos(scenario, expected)`` becomes a row
(scenario, expected, result) printed at the end of the session — by ``make chaos`` and by
``make test`` alike. A test may say what it saw with the ``observed`` fixture (an exit code,
the first line of a message); the result is that, prefixed with ok / FAILED / skipped.
Set ``KG_CHAOS_TABLE=FILE`` to also write the table as Markdown (for a closing note).
"""
from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class _Row:
    scenario: str
    expected: str
    outcome: str = "not run"
    details: list[str] = field(default_factory=list)

    @property
    def result(self) -> str:
        return "; ".join([self.outcome, *self.details])


_rows: dict[str, _Row] = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "chaos(scenario, expected): a row of the chaos table (tests/chaos)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("chaos")
        if marker is not None:
            _rows[item.nodeid] = _Row(*marker.args)


@pytest.fixture
def observed(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``observed("exit 1: kg: …")`` adds what the test saw to its row of the chaos table."""
    row = _rows.get(request.node.nodeid)

    def note(what: str) -> None:
        if row is not None:
            row.details.append(" ".join(what.split())[:160])
    return note


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    row = _rows.get(item.nodeid)
    if row is None:
        return
    report = outcome.get_result()
    if hasattr(report, "wasxfail"):
        row.outcome = f"KNOWN BUG (xfail): {report.wasxfail}" if report.skipped else "XPASS: the known bug is fixed"
    elif report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        row.outcome = f"skipped ({reason.removeprefix('Skipped: ')})"
    elif report.failed:
        message = str(call.excinfo.value) if call.excinfo else "failed"
        row.outcome = f"FAILED in {report.when}: {message.splitlines()[0] if message else ''}"
    elif report.when == "call" and row.outcome == "not run":
        row.outcome = "ok"


def table(width: int = 150) -> list[str]:
    rows = [r for r in _rows.values() if r.outcome != "not run"]
    if not rows:
        return []
    cols = (36, 44, max(30, width - 36 - 44 - 6))
    lines = ["chaos: scenario | expected | result", "-" * width]
    for r in rows:
        cells = [textwrap.wrap(text, w) or [""] for text, w in zip((r.scenario, r.expected, r.result), cols)]
        for i in range(max(len(c) for c in cells)):
            lines.append(" | ".join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, cols)).rstrip())
        lines.append("")
    passed = sum(r.outcome == "ok" for r in rows)
    lines.append(f"chaos: {passed} of {len(rows)} scenarios ok")
    return lines


def _markdown() -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")
    out = ["| scenario | expected | result |", "| --- | --- | --- |"]
    out += [f"| {cell(r.scenario)} | {cell(r.expected)} | {cell(r.result)} |"
            for r in _rows.values() if r.outcome != "not run"]
    return "\n".join(out) + "\n"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = table(max(120, shutil.get_terminal_size((150, 40)).columns))
    if not lines:
        return
    terminalreporter.section("chaos table")
    for line in lines:
        terminalreporter.write_line(line)
    target = os.environ.get("KG_CHAOS_TABLE")
    if target:
        Path(target).write_text(_markdown(), encoding="utf-8")
