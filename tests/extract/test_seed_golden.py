"""The seed article, end to end: the contract scores 1.000 and the facts carry their evidence."""
from __future__ import annotations

import unicodedata

import pytest

from ingest.extract import extract_article
from ingest.extract.contract import to_contract
from kg.model import Article, Role
from tests.extract.conftest import read_jsonl, shared_file


@pytest.fixture(scope="module")
def seed() -> Article:
    row = read_jsonl(shared_file("eval", "seed-articles.jsonl"))[0]
    return Article(id=row["id"], text=row["text"], title=row.get("title"), date=row.get("date"))


def test_seed_scores_one_in_every_category(seed, scorer, tmp_path):
    gold = scorer.load(str(shared_file("eval", "seed-gold.jsonl")))
    result = scorer.score(gold, {seed.id: to_contract(extract_article(seed))})
    assert {c: r["f1"] for c, r in result.items()} == {c: 1.0 for c in result}


def test_seed_facts_field_by_field(seed):
    x = extract_article(seed)
    people = {p.name: p for p in x.persons}
    bien = people["Nguyễn Long Biên"]
    assert [p.text for p in bien.positions] == ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch Ủy ban nhân dân tỉnh"]
    assert bien.positions[1].title == "Phó Chủ tịch"
    assert bien.positions[1].body == "Ủy ban nhân dân tỉnh"
    assert bien.positions[1].body_kind == "peoples_committee"
    (event,) = x.events
    assert event.date == "--09-15"
    roles = {p.name: p for p in event.participants}
    assert roles["Nguyễn Long Biên"].role is Role.led
    assert roles["Nguyễn Long Biên"].led.startswith("Tổ giám sát số 2, Đoàn giám sát 1521")
    assert roles["Lê Văn Bình"].role is Role.attended
    (directive,) = x.directives
    assert (directive.number, directive.kind, directive.date, directive.issuer) == (
        "09-NQ/TU", "Nghị quyết", "2021-11-29", "Ban Thường vụ Tỉnh ủy")


def test_every_fact_points_at_its_sentence(seed):
    x = extract_article(seed)
    evidence = [p.evidence for person in x.persons for p in person.positions]
    evidence += [d.evidence for d in x.directives] + [e.evidence for e in x.events]
    evidence += [p.evidence for e in x.events for p in e.participants]
    assert evidence
    for ev in evidence:
        sentence = x.sentences[ev.sentence_index]
        assert sentence.start <= ev.start < ev.end <= sentence.end or ev.rule == "event-undated"
        assert x.text[ev.start:ev.end].strip()
    led = next(p for e in x.events for p in e.participants if p.role is Role.led)
    assert "làm Tổ trưởng" in x.sentence_text(led.evidence.sentence_index)


def test_year_taken_from_publication_date_is_marked_inferred(seed):
    dated = Article(id=seed.id, text=seed.text, date="2023-09-16")
    (event,) = extract_article(dated).events
    assert event.date == "2023-09-15"
    assert event.evidence.origin.value == "inferred"
    assert "publication date" in event.evidence.reason


@pytest.mark.parametrize("variant", ["NFD", "tone"])
def test_nfd_and_other_tone_spelling_give_the_same_facts(seed, variant):
    if variant == "NFD":
        text = unicodedata.normalize("NFD", seed.text)
    else:
        text = seed.text.replace("Ủy", "Uỷ").replace("ủy", "uỷ")
    original = to_contract(extract_article(seed))
    changed = to_contract(extract_article(Article(id=seed.id, text=text)))
    assert [p["name"] for p in changed["persons"]] == [p["name"] for p in original["persons"]]
    assert len(changed["persons"][0]["positions"]) == len(original["persons"][0]["positions"])
    assert changed["directives"][0]["number"] == original["directives"][0]["number"]
    assert changed["events"][0]["date"] == original["events"][0]["date"]
