"""kg load's fast paths write the graph its MERGE path writes (issue 6).

A new article's own nodes and relationships are CREATEd, and on a load into an empty database
the shared nodes' summaries are gathered by the client instead of read back from Neo4j. The
MERGE path (every write a MERGE, summaries read from the MENTIONS) is what kg load did for every
article before; it is still what it does for an article Neo4j already has, complete or not. So
loading the dev articles into an empty database must give, node for node and property for
property, the graph of a load that takes the MERGE path for every article: one into a database
where a killed load left each Article node behind unmarked."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kg import ids, queries
from kg.store import open_store
from kg.store import neo4j_load
from kg.store.neo4j_load import MERGE_KEYS, article_graph, load
from kg.store.neo4j_model import PER_ARTICLE, REL_TYPES, ArticleRows
from tests.chaos.graphs import neo4j_snapshot
from tests.conftest import Neo4jTarget, wipe_neo4j

pytestmark = pytest.mark.issue(6)


def test_merge_keys_are_those_of_the_merge_statements() -> None:
    for rtype, keys in MERGE_KEYS.items():
        merge = re.search(r"MERGE \(a\)-\[r:(\w+)(?: \{([^}]*)\})?\]->\(b\)", queries.statement(f"rel_{rtype}"))
        assert merge is not None and merge.group(1) == rtype, rtype
        written = tuple(re.findall(r"(\w+): row\.props\.\1", merge.group(2) or ""))
        assert written == keys, (rtype, written, keys)
    assert set(MERGE_KEYS) == set(REL_TYPES) - {"MENTIONS", "SAME_AS"}


def test_every_create_statement_writes_what_its_merge_twin_does() -> None:
    for name, text in queries.statements().items():
        if not name.startswith("create_"):
            continue
        twin = queries.statement(name.removeprefix("create_"))
        assert text.count("CREATE") == 1 and "MERGE" in twin, name
        # the same ends and the same SET (what MERGE then SET leaves is what CREATE then SET writes)
        assert [ln for ln in text.splitlines() if ln.startswith("MATCH")] == \
               [ln for ln in twin.splitlines() if ln.startswith("MATCH")], name
    created = {n.removeprefix("create_node_") for n in queries.statements() if n.startswith("create_node_")}
    assert created == set(PER_ARTICLE)


def _bare_articles(neo4j: Neo4jTarget, store: Path) -> None:
    """What a load killed after its batches leaves for the MERGE path: each Article node,
    without its content hash (kg load then takes the article as one to replace)."""
    with open_store(store, read_only=True) as src:
        iris = [ids.article_iri(article_graph(g, t).article_id) for g, t in src.view().article_graphs()]
    with neo4j.store() as s, s.session() as session:
        session.run("UNWIND $iris AS iri CREATE (:Article:Resource {iri: iri})", iris=iris).consume()


def _load(neo4j: Neo4jTarget, store: Path, **kw: Any) -> Any:
    with open_store(store, read_only=True) as src, neo4j.store() as target:
        return load(src.view(), target, **kw)


def _snapshot(neo4j: Neo4jTarget) -> list[str]:
    with neo4j.store() as s:
        return neo4j_snapshot(s)


@pytest.mark.neo4j
def test_a_first_load_writes_the_graph_of_the_merge_path(neo4j: Neo4jTarget, dev_store: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    wipe_neo4j(neo4j)
    _bare_articles(neo4j, dev_store)
    merged = _load(neo4j, dev_store)
    assert merged.changes["replaced"] == merged.articles > 40      # every article took the MERGE path
    assert merged.written["relationships_created"] > 5000
    reference = _snapshot(neo4j)

    wipe_neo4j(neo4j)
    first = _load(neo4j, dev_store, batch=2000)        # several batches, CREATE and client-side summaries
    assert first.changes["added"] == first.articles
    assert _snapshot(neo4j) == reference
    assert first.written["nodes_created"] + first.written["relationships_created"] == len(reference)

    # Half the articles into a database that already holds the rest: new articles CREATEd,
    # summaries read back (the shared nodes have mentions from the first half).
    wipe_neo4j(neo4j)
    original = neo4j_load.Neo4jWriter.add_article
    kept = [0]

    def every_other(self: Any, graph: Any) -> Any:
        kept[0] += 1
        if kept[0] % 2:
            return original(self, graph)
        return neo4j_load.Change.unchanged
    monkeypatch.setattr(neo4j_load.Neo4jWriter, "add_article", every_other)
    _load(neo4j, dev_store, incremental=True)
    monkeypatch.undo()
    second = _load(neo4j, dev_store, incremental=True)
    assert second.changes["added"] == second.articles // 2 and _snapshot(neo4j) == reference


@pytest.mark.neo4j
def test_repeated_rows_of_a_new_article_are_written_once(neo4j: Neo4jTarget, dev_store: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """MERGE made one node or relationship of rows with the same key; CREATE would make two,
    so the loader keeps one row per key."""
    wipe_neo4j(neo4j)
    _load(neo4j, dev_store)
    reference = _snapshot(neo4j)
    original = neo4j_load.article_rows

    def doubled(graph: Any) -> ArticleRows:
        rows = original(graph)
        for table in (rows.nodes, rows.rels):
            for k in list(table):
                table[k] = [*table[k], *({**r, "props": dict(r["props"])} for r in table[k])]
        rows.mentions = [*rows.mentions, *rows.mentions]
        return rows
    monkeypatch.setattr(neo4j_load, "article_rows", doubled)
    wipe_neo4j(neo4j)
    _load(neo4j, dev_store)
    assert _snapshot(neo4j) == reference
