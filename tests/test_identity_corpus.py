"""Identity across articles on real cases from the corpus (read from ../shared, never copied).

The same official in several articles is one person; two officials of the same name whose posts
tie them to different provinces stay two (README, "How identity is decided").
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import ingest
from kg import ask
from kg.store import open_store

# (name, article ids that must give one person, article ids of a namesake elsewhere)
CASES = [
    # Chairman of Hà Giang's People's Committee, twice; a commune chairman in Hà Nội.
    ("Nguyễn Văn Sơn", {"baomoi-00670", "baomoi-00974"}, {"baomoi-01001"}),
    # Secretary of Quảng Trị's party committee, twice; the head of a Ninh Bình tourism committee.
    ("Nguyễn Văn Hùng", {"baomoi-01120", "baomoi-01421"}, {"unc-01580"}),
    # Hồ Chí Minh City's People's Committee chairman in 2004–2005 and its party secretary in 2017.
    ("Lê Thanh Hải", {"vntc-00003", "vntc-00101", "baomoi-00733"}, set()),
]


@pytest.fixture(scope="module")
def corpus_store(shared: Path, tmp_path_factory: pytest.TempPathFactory):
    wanted = set().union(*(same | other for _, same, other in CASES))
    rows = [line for line in (shared / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["id"] in wanted]
    assert len(rows) == len(wanted)
    folder = tmp_path_factory.mktemp("identity")
    source = folder / "articles.jsonl"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with open_store(folder / "kg") as store:
        with store.writer() as w:
            ingest([source], w)
        yield store


@pytest.mark.issue(4)
@pytest.mark.parametrize("name, same, other", CASES)
def test_one_person_per_official_across_articles(corpus_store, name, same, other):
    answers = ask.person(corpus_store.view(), name)
    by_articles = [{s.article for e in a.timeline for s in e.sources} for a in answers if a.name == name]
    assert same in by_articles, by_articles                        # one node holds all these articles
    for article in other:                                          # the namesake is another node
        holder = next(arts for arts in by_articles if article in arts)
        assert not (holder & same)
