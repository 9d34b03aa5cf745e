"""The extractor on arbitrary text and on mutated real text (the dev articles of ../shared,
read at test time, never copied) never raises, and its RDF always conforms to
ontology/shapes.ttl (the project's own validate)."""
from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import extract_article
from ingest.rdf.build import build
from ingest.rdf.validate import validate
from kg.model import Article
from tests.conftest import SHARED

DEV = SHARED / "eval" / "dev-articles.jsonl"
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer the rules: titles, bodies, dates, document numbers, roles, punctuation.
PIECES = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "UBND", "HĐND", "Tỉnh ủy", "Ủy ban nhân dân tỉnh", "ông", "bà",
          "đồng chí", "Nguyễn Văn", "Trần Thị", "Lê", "ngày", "số", "/QĐ-UBND", "-NQ/TU", "31/2", "15/9/2099",
          "0/0", "Quyết định", "Nghị quyết", "chủ trì", "dự", "phát biểu", "Tổ giám sát số", "Đoàn",
          "(", ")", ",", ".", ";", ":", "\n", "\n\n", " – ", "“", "”", "<p>", "</script>", "\u200b", "\ufeff",
          "\x00", "\ufffd", "🇻🇳", "\u0301", "Ⅻ", "١٢", "٣"]


@cache
def dev_texts() -> tuple[str, ...]:
    if not DEV.is_file():
        return ()
    return tuple(json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip())


def check(text: str, date: str | None = None) -> None:
    x = extract_article(Article(id="prop", text=text, date=date))
    graph = build(x)
    report = validate(graph)
    assert report.conforms, (text[:300], report.violations[:5])
    for person in x.persons:
        for position in person.positions:
            assert 0 <= position.evidence.start <= position.evidence.end <= len(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    texts = dev_texts()
    text = texts[draw(st.integers(0, len(texts) - 1))]
    start = draw(st.integers(0, max(0, len(text) - 1)))
    text = text[start:start + draw(st.integers(1, 2500))]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "nfd", "case", "strip", "cut"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        if kind == "insert":
            piece = draw(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)))
            text = text[:i] + piece + text[i:]
        elif kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif kind == "swap":
            k = draw(st.integers(j, min(len(text), j + 200)))
            text = text[:i] + text[j:k] + text[i:j] + text[k:]
        elif kind == "nfd":
            text = text[:i] + unicodedata.normalize("NFD", text[i:j]) + text[j:]
        elif kind == "case":
            text = text[:i] + text[i:j].upper() + text[j:]
        elif kind == "strip":   # diacritics gone, as in a search box
            plain = "".join(c for c in unicodedata.normalize("NFD", text[i:j]) if not unicodedata.combining(c))
            text = text[:i] + plain + text[j:]
        else:
            text = text[:i]
    return text


@pytest.mark.chaos("extractor on arbitrary Unicode text (hypothesis)", "no exception; the RDF conforms to the shapes")
@PROPERTY
@given(st.text(max_size=600), st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_arbitrary_text(text: str, date: str | None) -> None:
    check(text, date)


@pytest.mark.chaos("extractor on text built from rule-steering pieces (hypothesis)",
                   "no exception; the RDF conforms to the shapes")
@PROPERTY
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from([" ", " ", "  "]),
                          st.from_regex(r"[0-9]{1,4}[/-][0-9]{1,3}", fullmatch=True)), max_size=80).map("".join))
def test_rule_pieces(text: str) -> None:
    check(text, "2021-03-01")


@pytest.mark.chaos("extractor on mutated real articles (dev set, hypothesis: cut, spliced, NFD, upper case, "
                   "no diacritics, noise)", "no exception; the RDF conforms to the shapes")
@PROPERTY
@given(st.data())
def test_mutated_real_text(shared: Path, data: st.DataObject) -> None:
    assert dev_texts(), f"{DEV} has no articles"     # the shared fixture skips when ../shared is absent
    check(data.draw(mutated()), data.draw(st.sampled_from([None, "2019-05-02", "2025-07-01"])))
