"""The embedded store: idempotent re-ingest, per-article replacement, locking, persistence."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.rdf.build import build
from kg import ids
from kg.errors import StoreError
from kg.store import Change, open_store
from kg.store.embedded import EmbeddedStore
from tests.fixtures.seed import seed_extraction


def _ingest(store: EmbeddedStore, *extractions) -> list[Change]:  # type: ignore[no-untyped-def]
    with store.writer() as w:
        return [w.add_article(build(x)) for x in extractions]


def test_reingest_changes_nothing(store: EmbeddedStore) -> None:
    assert _ingest(store, seed_extraction(), seed_extraction(article_id="b")) == [Change.added] * 2
    size = store.view().size()
    assert _ingest(store, seed_extraction(), seed_extraction(article_id="b")) == [Change.unchanged] * 2
    assert store.view().size() == size


def test_changed_article_replaces_only_its_graph(store: EmbeddedStore) -> None:
    _ingest(store, seed_extraction(), seed_extraction(article_id="other"))
    graphs = dict(store.view().article_graphs())
    other = sorted(map(str, graphs[ids.graph_iri("other")]))
    changed = seed_extraction(date="2023-09-16")
    assert _ingest(store, changed) == [Change.replaced]
    after = dict(store.view().article_graphs())
    assert sorted(map(str, after[ids.graph_iri("other")])) == other
    assert set(after[ids.graph_iri("seed-000")]) == set(build(changed).triples)


def test_duplicate_in_one_batch_keeps_the_last(store: EmbeddedStore) -> None:
    with store.writer(batch=10) as w:
        w.add_article(build(seed_extraction()))
        assert w.add_article(build(seed_extraction())) == Change.unchanged
        w.add_article(build(seed_extraction(date="2023-09-16")))
    (name, triples), = store.view().article_graphs()
    assert set(triples) == set(build(seed_extraction(date="2023-09-16")).triples)


def test_store_persists_across_openings(store_path: Path) -> None:
    with open_store(store_path) as s:
        _ingest(s, seed_extraction())
        size = s.view().size()
    with open_store(store_path, read_only=True) as s:
        assert s.view().size() == size


def test_second_writer_gets_a_clear_message(store: EmbeddedStore, store_path: Path) -> None:
    code = ("import sys\nfrom kg.store import open_store\nfrom kg.errors import StoreError\n"
            f"try:\n    open_store({str(store_path)!r})\nexcept StoreError as e:\n    print(e); sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert "only one process can write at a time" in done.stdout


def test_reader_of_a_missing_store_is_told_to_ingest(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `kg ingest` first"):
        open_store(tmp_path / "nothing", read_only=True)


def test_closed_store_refuses_use(store_path: Path) -> None:
    s = open_store(store_path)
    view = s.view()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        view.size()


def test_resolution_links_scope_less_person_to_the_single_scoped_one(store: EmbeddedStore) -> None:
    from kg.model import Place

    base = seed_extraction(article_id="placed")
    ninh_thuan = Place(code="58", name="Tỉnh Ninh Thuận", level="province", province_code="58")
    bien = base.persons[0]
    placed = replace(base, persons=(replace(bien, positions=tuple(replace(p, place=ninh_thuan) for p in bien.positions)),
                                    *base.persons[1:]))
    _ingest(store, seed_extraction(), placed)
    rows = store.view().query("resolution_candidates")
    scoped = {r["person"] for r in rows if r["scope"] == "58"}
    assert scoped == {ids.person_iri("Nguyễn Long Biên", "58")}
    from kg.resolve import links
    assert links(rows) == [(ids.person_iri("Nguyễn Long Biên", ""), ids.person_iri("Nguyễn Long Biên", "58"))]


def test_resolution_never_merges_two_provinces() -> None:
    from kg.resolve import links

    rows = [{"person": "a", "key": "k", "scope": ""}, {"person": "b", "key": "k", "scope": "58"},
            {"person": "c", "key": "k", "scope": "56"}]
    assert links(rows) == []
