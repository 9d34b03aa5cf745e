"""Typed questions over the seed's facts: answers and their sources."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.rdf.build import build
from kg import ask, queries
from kg.errors import QueryError, UnknownEntity
from kg.store import open_store
from kg.store.base import View
from tests.fixtures.seed import seed_extraction

LEAD_SENTENCE = "Ngày 15/9, Tổ giám sát số 2, Đoàn giám sát 1521 của Ban Thường vụ Tỉnh ủy do đồng chí Nguyễn Long Biên"


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> Iterator[View]:
    path: Path = tmp_path_factory.mktemp("ask") / "kg-data"
    with open_store(path) as s:
        with s.writer() as w:
            w.add_article(build(seed_extraction()))
        yield s.view()


@pytest.mark.parametrize("text", ["Tổ giám sát số 2", "to giam sat so 2", "TỔ GIÁM SÁT SỐ 2",
                                  unicodedata.normalize("NFD", "Tổ giám sát số 2")])
def test_who_led(view: View, text: str) -> None:
    (answer,) = ask.who_led(view, text)
    assert answer.name == "Nguyễn Long Biên"
    assert answer.body_label == "Tổ giám sát số 2"
    assert answer.date == "--09-15"
    (source,) = answer.sources
    assert source.article == "seed-000" and source.sentence.startswith(LEAD_SENTENCE)
    assert source.quote == "làm Tổ trưởng"


def test_who_led_nothing(view: View) -> None:
    with pytest.raises(UnknownEntity):
        ask.who_led(view, "Đoàn công tác số 9")


@pytest.mark.parametrize("name", ["Nguyễn Long Biên", "nguyen long bien", "Nguyen Long Bien"])
def test_person_timeline(view: View, name: str) -> None:
    (answer,) = ask.person(view, name)
    assert answer.name == "Nguyễn Long Biên"
    posts = {e.label: e.status for e in answer.timeline if e.kind == "post"}
    assert posts == {"Ủy viên Ban Thường vụ Tỉnh ủy": "current", "Phó Chủ tịch Ủy ban nhân dân tỉnh": "current"}
    (event,) = [e for e in answer.timeline if e.kind == "event"]
    assert (event.role, event.date, event.body) == ("led", "--09-15", "Tổ giám sát số 2")
    assert all(e.sources and e.sources[0].article == "seed-000" for e in answer.timeline)


def test_body_with_holders_parts_and_events(view: View) -> None:
    (btv,) = ask.body(view, "Ban Thường vụ Tỉnh ủy")
    holders = {(h.name, h.post) for h in btv.holdings}
    assert holders == {("Nguyễn Long Biên", "Ủy viên Ban Thường vụ Tỉnh ủy"), ("Lê Văn Bình", "Ủy viên Ban Thường vụ Tỉnh ủy")}
    assert [(r.relation, r.label) for r in btv.related] == [("part", "Đoàn giám sát 1521")]
    (team,) = ask.body(view, "to giam sat so 2")
    assert [(e.how, e.leader) for e in team.events] == [("led", "Nguyễn Long Biên")]


def test_directive(view: View) -> None:
    (d,) = ask.directive(view, "09-nq/tu")
    assert (d.number, d.kind, d.date, d.issuer) == ("09-NQ/TU", "Nghị quyết", "2021-11-29", "Ban Thường vụ Tỉnh ủy")
    assert d.subject.startswith("chuyển đổi số")
    assert d.sources[0].quote.startswith("Nghị quyết số 09-NQ/TU")
    (event,) = d.events
    assert {(p.name, p.role) for p in event.participants} == {("Nguyễn Long Biên", "led"), ("Lê Văn Bình", "attended")}


def test_path_has_evidence_on_every_hop(view: View) -> None:
    answer = ask.path(view, "Lê Văn Bình", "Đoàn giám sát 1521")
    assert answer.start_label == "Lê Văn Bình" and answer.end_label == "Đoàn giám sát 1521"
    assert 1 <= len(answer.hops) <= 3
    for hop, nxt in zip(answer.hops, answer.hops[1:]):
        assert hop.target == nxt.source
    assert all(h.evidence.article == "seed-000" and h.evidence.quote in h.evidence.sentence for h in answer.hops)
    assert ask.path(view, "Lê Văn Bình", "Đoàn giám sát 1521") == answer   # deterministic


def test_stats(view: View) -> None:
    s = ask.stats(view)
    assert (s["articles"], s["persons"], s["directives"], s["events"], s["holdings"]) == (1, 2, 1, 1, 4)


def test_queries_take_values_only_as_parameters(view: View) -> None:
    for name in queries.names():
        q = queries.get(name)
        for param in q.params:
            assert f"?{param}" in q.sparql.split("WHERE", 1)[0], f"{name}: {param} must be projected"
    with pytest.raises(QueryError):
        view.query("who_led")
    with pytest.raises(QueryError):
        view.query("no_such_query")
    # a quote in a value is just a value
    with pytest.raises(UnknownEntity):
        ask.who_led(view, '" } ; DROP ALL ; SELECT * { "')
