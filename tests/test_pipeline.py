"""The pipeline end to end with the real extractor: articles → store, idempotent, summarised."""
from __future__ import annotations

import json
from pathlib import Path

from ingest.pipeline import Progress, extract_contracts, ingest
from kg import ask
from kg.model import Article
from kg.store import open_store
from tests.fixtures.seed import seed_text


def _seed_file(tmp_path: Path) -> Path:
    f = tmp_path / "seed-000.txt"
    f.write_text(seed_text(), encoding="utf-8")
    return f


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    seed = _seed_file(tmp_path)
    seen: list[Progress] = []
    with open_store(tmp_path / "kg") as s:
        with s.writer() as w:
            first = ingest([seed], w, progress=seen.append)
        size = s.view().size()
        with s.writer() as w:
            second = ingest([seed], w)
        assert s.view().size() == size
        (answer,) = ask.who_led(s.view(), "Tổ giám sát số 2")
    assert dict(first.changes) == {"added": 1} and dict(second.changes) == {"unchanged": 1}
    assert first.facts["persons"] == 2 and first.facts["directives"] == 1
    assert seen[-1].bytes_read == seen[-1].total_bytes
    assert answer.name == "Nguyễn Long Biên"
    assert "làm Tổ trưởng" in answer.sources[0].sentence


def test_failed_extraction_is_counted_not_hidden(tmp_path: Path) -> None:
    seed = _seed_file(tmp_path)

    def broken(article: Article):  # type: ignore[no-untyped-def]
        raise ValueError("a rule fell over")

    with open_store(tmp_path / "kg") as s, s.writer() as w:
        summary = ingest([seed], w, extractor=broken)
    assert summary.articles == 0
    assert summary.skipped == [(str(seed), "extraction failed: ValueError: a rule fell over")]


def test_extract_writes_the_contract(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as f:
        summary = extract_contracts([_seed_file(tmp_path)], f)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    contract = json.loads(line)
    assert summary.articles == 1 and contract["id"] == "seed-000"
    assert {p["name"] for p in contract["persons"]} == {"Nguyễn Long Biên", "Lê Văn Bình"}
