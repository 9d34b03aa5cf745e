"""Extraction on 200 generated articles, scored against the generator's gold with score.py.

The synthetic corpus uses only constructions real articles use, so a drop here is a regression
of the extractor (or of the generator's gold). FLOORS are the scores measured when this test was
written (seed 1, 200 articles), less a margin for changes in either; MEASURED records them.
"""
from __future__ import annotations

from typing import Any

import pytest

from ingest.extract import extract_article
from ingest.extract.contract import to_contract
from ingest.synth import generate
from kg.model import Article

MEASURED = {"persons": 0.996, "positions": 0.934, "directives": 1.000, "directive_details": 0.991,
            "events": 0.978, "participation": 0.960, "leadership": 0.830}
FLOORS = {"persons": 0.95, "positions": 0.85, "directives": 0.97, "directive_details": 0.90,
          "events": 0.92, "participation": 0.90, "leadership": 0.75}


@pytest.mark.issue(6)
def test_extraction_on_generated_articles_stays_above_its_floors(scorer: Any) -> None:
    gold, pred = {}, {}
    for article, facts in generate(200, 1):
        gold[article["id"]] = facts
        a = Article(id=article["id"], text=article["text"], title=article["title"], date=article["date"])
        pred[article["id"]] = to_contract(extract_article(a))
    result = scorer.score(gold, pred)
    below = {c: round(result[c]["f1"], 3) for c, floor in FLOORS.items() if result[c]["f1"] < floor}
    assert not below, f"F1 on synthetic articles fell below its floor: {below} (floors {FLOORS})"
