"""kg load against a real Neo4j: idempotent batched writes, incremental loads, replaced and
removed articles, Vietnamese names found without diacritics, connection errors."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ingest.rdf.build import build
from kg.cli import app
from kg.errors import StoreError
from kg.model import Article, Evidence, Extraction, Person, Sentence
from kg.store import open_store
from kg.store.neo4j import Neo4jStore
from kg.store.neo4j_load import load
from kg.store.neo4j_readonly import run_readonly
from kg.text.normalize import key
from tests.conftest import Neo4jTarget, wipe_neo4j

pytestmark = pytest.mark.neo4j
NAMES = ("Nguyễn Thế Anh", "Trần Văn An", "Tô Lâm", "Nguyễn Anh")


def names_extraction(names: tuple[str, ...] = NAMES, article_id: str = "names-001") -> Extraction:
    """A hand-built article naming ``names``: the normal load path, no corpus text."""
    text = "Hội nghị có sự tham dự của " + ", ".join(f"ông {n}" for n in names) + "."
    evidence = [Evidence(article_id, 0, text.index(n), text.index(n) + len(n), "test.names") for n in names]
    persons = tuple(Person(n, key(n), (), (ev,)) for n, ev in zip(names, evidence))
    return Extraction(Article(article_id, text, title="Hội nghị", date="2024-05-01"), text,
                      (Sentence(0, 0, len(text)),), persons)


def make_store(path: Path, *extractions: Extraction) -> Path:
    with open_store(path) as s, s.writer() as w:
        for x in extractions:
            w.add_article(build(x))
    return path


def load_into(neo4j: Neo4jTarget, store: Path, **kw: Any) -> Any:
    with open_store(store, read_only=True) as src, neo4j.store() as target:
        return load(src.view(), target, **kw)


def counts(neo4j: Neo4jTarget) -> dict[str, int]:
    with neo4j.store() as s:
        return s.counts()


def fresh_counts(neo4j: Neo4jTarget, store: Path) -> dict[str, int]:
    wipe_neo4j(neo4j)
    load_into(neo4j, store)
    return counts(neo4j)


def search(neo4j: Neo4jTarget, query: str) -> list[str]:
    with neo4j.store() as s:
        r = run_readonly(s, "CALL db.index.fulltext.queryNodes('person_names', $q) YIELD node "
                            "RETURN node.name ORDER BY node.name", {"q": query})
    return [row[0] for row in r.rows]


@pytest.fixture(scope="module")
def names_store(tmp_path_factory: pytest.TempPathFactory, seed_extraction_module: Extraction) -> Path:
    return make_store(tmp_path_factory.mktemp("names") / "kg", seed_extraction_module, names_extraction())


@pytest.fixture(scope="module")
def names_loaded(neo4j: Neo4jTarget, names_store: Path) -> Neo4jTarget:
    wipe_neo4j(neo4j)
    load_into(neo4j, names_store)
    return neo4j


@pytest.fixture(scope="module")
def seed_extraction_module() -> Extraction:
    from tests.fixtures.seed import seed_extraction

    return seed_extraction()


@pytest.mark.parametrize(("query", "expected"), [
    ("nguyen AND the AND anh", ["Nguyễn Thế Anh"]),
    ("tran AND van AND an", ["Trần Văn An"]),
    ('"to lam"', ["Tô Lâm"]),
    ("the", ["Nguyễn Thế Anh"]), ("an", ["Trần Văn An"]), ("to", ["Tô Lâm"]),
    ("nguyen AND anh", ["Nguyễn Anh", "Nguyễn Thế Anh"]),
    ("thế", ["Nguyễn Thế Anh"]),                      # the accented name is indexed too
])
def test_names_are_found_without_diacritics_and_no_syllable_is_a_stop_word(
        names_loaded: Neo4jTarget, query: str, expected: list[str]) -> None:
    assert search(names_loaded, query) == expected


def test_loading_twice_changes_nothing(neo4j: Neo4jTarget, names_store: Path) -> None:
    wipe_neo4j(neo4j)
    first = load_into(neo4j, names_store)
    before = counts(neo4j)
    second = load_into(neo4j, names_store)
    assert counts(neo4j) == before
    assert first.written["nodes_created"] == before["nodes"] and first.written["relationships_created"] == before["relationships"]
    for c in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted"):
        assert second.written[c] == 0, c
    assert dict(second.changes) == {"unchanged": 2}
    incremental = load_into(neo4j, names_store, incremental=True)
    assert incremental.written["properties_set"] == 0 and counts(neo4j) == before


def test_incremental_load_writes_only_new_articles(neo4j: Neo4jTarget, tmp_path: Path,
                                                   seed_extraction_module: Extraction) -> None:
    store = make_store(tmp_path / "kg", seed_extraction_module)
    wipe_neo4j(neo4j)
    load_into(neo4j, store)
    make_store(store, names_extraction())
    s = load_into(neo4j, store, incremental=True)
    assert dict(s.changes) == {"added": 1, "unchanged": 1}
    assert counts(neo4j) == fresh_counts(neo4j, store)


def test_a_changed_article_replaces_its_content(neo4j: Neo4jTarget, tmp_path: Path) -> None:
    store = make_store(tmp_path / "kg", names_extraction())
    wipe_neo4j(neo4j)
    load_into(neo4j, store)
    assert search(neo4j, "to AND lam") == ["Tô Lâm"]
    make_store(store, names_extraction(NAMES[:2]))          # the same article, now naming two people
    s = load_into(neo4j, store, incremental=True)
    assert dict(s.changes) == {"replaced": 1}
    assert search(neo4j, "to AND lam") == []
    assert counts(neo4j) == fresh_counts(neo4j, store)


def test_a_full_load_removes_articles_the_store_no_longer_has(neo4j: Neo4jTarget, tmp_path: Path,
                                                             names_store: Path, seed_extraction_module: Extraction) -> None:
    wipe_neo4j(neo4j)
    load_into(neo4j, names_store)
    only_seed = make_store(tmp_path / "kg", seed_extraction_module)
    s = load_into(neo4j, only_seed)
    assert s.removed == 1 and search(neo4j, "nguyen AND the") == []
    assert counts(neo4j) == fresh_counts(neo4j, only_seed)


def test_small_batches_write_the_same_graph(neo4j: Neo4jTarget, names_store: Path) -> None:
    expected = fresh_counts(neo4j, names_store)
    wipe_neo4j(neo4j)
    load_into(neo4j, names_store, batch=7)
    assert counts(neo4j) == expected


def test_wrong_credentials_and_no_server_are_clear_errors(neo4j: Neo4jTarget) -> None:
    if neo4j.password:
        with pytest.raises(StoreError, match=r"refused user 'neo4j': wrong user or password"):
            Neo4jStore(neo4j.connection(password="not-the-password"))
    with pytest.raises(StoreError, match=r"cannot connect to Neo4j at bolt://127\.0\.0\.1:1: is it running\?"):
        Neo4jStore(neo4j.connection(uri="bolt://127.0.0.1:1"))
    with pytest.raises(StoreError, match="cannot use the Neo4j URI"):
        Neo4jStore(neo4j.connection(uri="ftp://example"))


def test_kg_load_command(neo4j: Neo4jTarget, names_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    for name, value in neo4j.env().items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["load", "--store", str(names_store), "--json"])
    assert result.exit_code == 0, result.output
    assert '"articles": 2' in result.output
    result = runner.invoke(app, ["load", "--store", str(names_store), "--uri", "bolt://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "cannot connect to Neo4j at bolt://127.0.0.1:1" in result.output and "Traceback" not in result.output
    if neo4j.password:
        result = runner.invoke(app, ["load", "--store", str(names_store), "--password", "not-the-password"])
        assert result.exit_code == 1 and "wrong user or password" in result.output
        assert "not-the-password" not in result.output
