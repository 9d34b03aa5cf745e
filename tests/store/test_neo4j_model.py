"""The Neo4j property-graph model without a server: the closed set of labels and types, the
Cypher twins of the questions' queries, and the rows one article graph becomes."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from ingest.rdf.build import build
from kg import queries
from kg.store.neo4j_model import LABELS, MENTION_PROPS, RESOURCE, REL_TYPES, article_rows
from kg.store.neo4j_readonly import Refused, check_text, parse_params

ASK_QUERIES = ("who_led", "person_search", "person_aliases", "person_timeline", "body_search", "body_parts",
               "body_holdings", "body_events_involved", "body_events_led", "directive", "directive_events",
               "edges", "evidence", "node_label", "stats", "resolution_candidates")


def _cypher_texts() -> dict[str, str]:
    folder = resources.files("kg.queries")
    texts = {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".cypher")}
    texts |= {f"neo4j/{f.name}": f.read_text(encoding="utf-8") for f in folder.joinpath("neo4j").iterdir()
              if f.name.endswith(".cypher")}
    return texts


def _without_comments_and_strings(text: str) -> str:
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"'[^']*'", "''", text)


def test_every_label_and_relationship_type_in_the_cypher_is_in_the_closed_set() -> None:
    labels = set(LABELS.values()) | {RESOURCE}
    for name, text in _cypher_texts().items():
        body = _without_comments_and_strings(text)
        used_labels = set(re.findall(r"\(\w*:(\w+)", body)) | set(re.findall(r"\bn:(\w+)", body))
        used_types = set(re.findall(r"\[\w*:(\w+)", body))
        assert used_labels <= labels, (name, used_labels - labels)
        assert used_types <= set(REL_TYPES), (name, used_types - set(REL_TYPES))


def test_every_question_query_has_a_cypher_twin_with_the_same_parameters() -> None:
    for name in ASK_QUERIES:
        q = queries.get(name)
        assert q.cypher is not None, f"{name}.cypher is missing"
        used = set(re.findall(r"\$(\w+)", _without_comments_and_strings(q.cypher)))
        assert used == set(q.params), (name, used, set(q.params))


def test_the_loader_has_a_write_statement_for_every_label_and_type() -> None:
    names = set(queries.statements())
    assert {f"node_{label}" for label in LABELS.values()} <= names
    assert {f"rel_{t}" for t in REL_TYPES if t != "MENTIONS"} <= names
    assert all("$rows" in queries.statement(n) for n in names if n.startswith(("node_", "rel_")))
    assert any("standard-no-stop-words" in s for s in queries.schema_statements())


def test_an_article_graph_becomes_rows_with_provenance(seed_extraction) -> None:  # type: ignore[no-untyped-def]
    rows = article_rows(build(seed_extraction))
    (article,) = rows.nodes["Article"]
    assert article["props"]["id"] == "seed-000" and article["props"]["quads"] > 100
    assert {m["label"] for m in rows.mentions} >= {"Person", "Body", "Post", "Holding", "Directive", "Event"}
    for m in rows.mentions:
        assert set(m["props"]) <= set(MENTION_PROPS.get(m["label"], {}).values()) | {"since", "until"}
        assert all(isinstance(v, list) for v in m["props"].values())
    holds = rows.rels["HOLDS"]
    assert holds and all({"article", "sentence", "sentence_text", "span_start", "span_end", "rule", "quote",
                          "evidence"} <= set(r["props"]) for r in holds)
    for r in holds:
        p = r["props"]
        assert p["sentence_text"][p["span_start"] - _sentence_start(seed_extraction, p["sentence"]):].startswith(p["quote"])
    led = [r for r in rows.rels["TOOK_PART"] if r["props"]["role"] == "led"]
    assert led and led[0]["props"]["led_text"].startswith("Tổ giám sát số 2")
    assert rows.rels["LED"] and rows.rels["LED"][0]["props"]["event"] == led[0]["dst"]


def _sentence_start(extraction, index: int) -> int:  # type: ignore[no-untyped-def]
    return extraction.sentences[index].start


def test_the_rows_of_an_article_are_the_same_on_every_run(seed_extraction) -> None:  # type: ignore[no-untyped-def]
    a, b = article_rows(build(seed_extraction)), article_rows(build(seed_extraction))
    assert (a.nodes, a.rels, a.mentions) == (b.nodes, b.rels, b.mentions)


@pytest.mark.parametrize(("items", "expected"), [
    (["q=to lam"], {"q": "to lam"}), (["n=5", "flag=true"], {"n": 5, "flag": True}),
    (["xs=[1, 2]", 's="5"'], {"xs": [1, 2], "s": "5"}), (["d=2021-11-29"], {"d": "2021-11-29"}),
])
def test_parameters_are_json_or_text(items: list[str], expected: dict[str, object]) -> None:
    assert parse_params(items) == expected


@pytest.mark.parametrize("text", ["ｃｒｅａｔｅ (n)", "CRE\u200bATE (n)", "MATCH (n) RETURN n \u202e", "\ufeffCREATE (n)"])
def test_invisible_and_look_alike_characters_are_refused(text: str) -> None:
    with pytest.raises(Refused, match=r"^refused: .*\(this command is read-only\)$"):
        check_text(text)


def test_vietnamese_text_in_a_query_is_fine() -> None:
    check_text("MATCH (p:Person {name: 'Nguyễn Thế Anh'}) RETURN p")
