"""Same answers from both backends: the seed and the 40 dev articles, ingested into the embedded
store and loaded into Neo4j; every question, over inputs taken from the data (every person name,
every body, every directive number, every event name, paths between many pairs), must give
identical answers (people, posts, dates, sources) whichever store answers it."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg import ask
from kg.cli import app
from kg.errors import UnknownEntity
from kg.store import open_store
from kg.store.base import View
from kg.store.neo4j_load import load
from tests.conftest import Neo4jTarget

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def views(neo4j_dev: Neo4jTarget, dev_store: Path) -> Iterator[tuple[View, View]]:
    with open_store(dev_store, read_only=True) as embedded, neo4j_dev.store() as neo:
        yield embedded.view(), neo.view()


@pytest.fixture(scope="module")
def inputs(views: tuple[View, View]) -> dict[str, list[str]]:
    embedded, _ = views
    nodes = embedded.query("graph_nodes")
    def attr(kind: str, name: str) -> list[str]:
        return sorted({r["value"] for r in nodes if r["kind"] == kind and r["attr"] == name})
    return {"persons": attr("person", "label"), "bodies": attr("body", "label"),
            "directives": attr("directive", "number"), "events": attr("event", "label")}


def _answer(question: Callable[..., Any], view: View, *args: str) -> Any:
    try:
        return question(view, *args)
    except UnknownEntity as e:
        return ("no answer", str(e))


def _same(views: tuple[View, View], question: Callable[..., Any], inputs: list[tuple[str, ...]]) -> int:
    embedded, neo = views
    answered = 0
    for args in inputs:
        expected = _answer(question, embedded, *args)
        assert _answer(question, neo, *args) == expected, (question.__name__, args)
        answered += not isinstance(expected, tuple)
    return answered


def test_the_data_is_big_enough_to_compare(inputs: dict[str, list[str]]) -> None:
    assert len(inputs["persons"]) > 100 and len(inputs["bodies"]) > 100
    assert len(inputs["directives"]) >= 10 and len(inputs["events"]) >= 30


def test_stats(views: tuple[View, View]) -> None:
    assert _same(views, ask.stats, [()]) == 1


def test_person_for_every_name(views: tuple[View, View], inputs: dict[str, list[str]]) -> None:
    names = inputs["persons"]
    assert _same(views, ask.person, [(n,) for n in names]) == len(names)
    assert _same(views, ask.person, [("nguyen",), ("van",), ("thi",), ("no such person at all",)]) == 3


def test_body_for_every_body(views: tuple[View, View], inputs: dict[str, list[str]]) -> None:
    bodies = inputs["bodies"]
    assert _same(views, ask.body, [(b,) for b in bodies]) == len(bodies)
    assert _same(views, ask.body, [("uy ban",), ("tinh uy",), ("ban thuong vu",)]) == 3


def test_directive_for_every_number(views: tuple[View, View], inputs: dict[str, list[str]]) -> None:
    numbers = inputs["directives"]
    assert _same(views, ask.directive, [(n,) for n in numbers]) == len(numbers)


def test_who_led_for_every_event_and_body(views: tuple[View, View], inputs: dict[str, list[str]]) -> None:
    answered = _same(views, ask.who_led, [(e,) for e in inputs["events"]] + [(b,) for b in inputs["bodies"]]
                     + [("to giam sat",), ("doan",), ("hoi nghi",)])
    assert answered >= 10


def test_paths_between_many_pairs(views: tuple[View, View], inputs: dict[str, list[str]]) -> None:
    persons, bodies = inputs["persons"], inputs["bodies"]
    pairs = [(persons[i], persons[-1 - i]) for i in range(0, len(persons) // 2, 9)]
    pairs += [(persons[i], bodies[(i * 7) % len(bodies)]) for i in range(0, len(persons), 17)]
    pairs += [("Nguyễn Long Biên", "Huyện ủy Thuận Bắc"), ("Nguyễn Long Biên", "Đoàn giám sát 1521")]
    embedded, neo = views
    # and pairs that are connected: people at the same event or in the same body, two hops apart
    around: dict[str, list[str]] = {}
    for r in embedded.query("edges"):
        if "/person/" in r["a"]:
            (label,) = embedded.query("node_label", node=r["a"])
            around.setdefault(r["b"], []).append(label["label"])
    groups = [sorted(set(ps)) for _, ps in sorted(around.items()) if len(set(ps)) > 1]
    pairs += [(g[0], g[-1]) for g in groups[:12]]
    pairs += [(a[0], b[-1]) for a, b in zip(groups[:10], groups[5:15])]
    connected = 0
    for a, b in pairs:
        expected = _answer(ask.path, embedded, a, b)
        assert _answer(ask.path, neo, a, b) == expected, (a, b)
        connected += bool(getattr(expected, "hops", ()))
    assert connected >= 12


def test_the_cli_answers_the_same_with_backend_neo4j(neo4j_dev: Neo4jTarget, dev_store: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in neo4j_dev.env().items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    for args in (["who-led", "Tổ giám sát số 2"], ["person", "nguyen long bien"], ["body", "Huyện ủy Thuận Bắc"],
                 ["directive", "09-NQ/TU"], ["path", "Nguyễn Long Biên", "Huyện ủy Thuận Bắc"], ["stats"]):
        outputs = []
        for backend in ("embedded", "neo4j"):
            result = runner.invoke(app, [*args, "--store", str(dev_store), "--json", "--backend", backend])
            assert result.exit_code == 0, result.output
            outputs.append(json.loads(result.output))
        assert outputs[0] == outputs[1], args


def test_loading_the_dev_articles_twice_changes_nothing(neo4j_dev: Neo4jTarget, dev_store: Path) -> None:
    with neo4j_dev.store() as neo:
        before = neo.counts()
        with open_store(dev_store, read_only=True) as src:
            again = load(src.view(), neo)
        assert neo.counts() == before
    assert again.written["nodes_created"] == again.written["relationships_created"] == 0
    assert again.written["nodes_deleted"] == again.written["relationships_deleted"] == 0
