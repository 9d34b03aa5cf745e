"""The search index's rows come from one place, kg/store/index_rows.py, computed over each
graph's quads as the store's writer writes them (issue 6: reading them back with SPARQL at the
end of a run cost ≈ 5 ms an article). Here the index a run builds that way is compared, table
by table, with the one the index_*.rq queries build over the finished store (how the index
was built before) and with the one a sync builds by reading each graph back from the store:
on the seed and dev articles, and on generated articles added, replaced and re-ingested, with
batches through Oxigraph's bulk loader or its transactions."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest

from ingest.pipeline import ingest
from kg import ids
from kg.graph import EncodedGraph
from kg.store import embedded, index_write, open_store
from kg.store.embedded import EmbeddedView
from kg.store.index_rows import NO_ROWS, Rows, graph_rows, noting_rows
from kg.vocab import KG
from tests.chaos.graphs import index_snapshot
from tests.chaos.kgrun import synth_articles, write_jsonl

pytestmark = pytest.mark.issue(6)

ARTICLES = ids.GRAPH + "article/"


def sparql_rows(view: EmbeddedView) -> dict[str, Rows]:
    """Each graph's rows as the index_*.rq queries give them over the whole store, turned into
    rows as kg did before index_rows existed."""
    names, mentions, edges, labels = (defaultdict(set) for _ in range(4))   # type: ignore[var-annotated]
    for r in view._select("index_nodes", None):
        mentions[r["g"]].add(r["x"])
        if r["folded"] is not None and r["kind"] != "event":
            names[r["g"]].add((r["folded"], r["kind"], r["x"], None))
    for r in view._select("index_led", None):
        names[r["g"]].add((r["folded"], "led", r["event"], r["p"]))
    for r in view._select("index_edges", None):
        edges[r["g"]].add((r["kind"], r["x"], r["relation"], r["b"], r["ev"]))
        mentions[r["g"]].update((r["x"], r["b"]))
    for r in view._select("index_labels", None):
        labels[r["g"]].add((r["x"], r["prop"], r["value"], r["folded"]))
    graphs = set(names) | set(mentions) | set(edges) | set(labels)
    return {g: Rows(frozenset(names[g]), frozenset(mentions[g]), frozenset(edges[g]), frozenset(labels[g]))
            for g in graphs}


def three_ways(store: Path, tmp_path: Path) -> tuple[list[str], list[str], list[str]]:
    """Snapshots of: the index the writer kept in step; one built from the index_*.rq queries;
    one a sync builds by reading every graph back from the store."""
    old, read_back = tmp_path / "sparql", tmp_path / "read-back"
    for folder in (old, read_back):
        folder.mkdir(exist_ok=True)
        (folder / index_write.FILE).unlink(missing_ok=True)
    with open_store(store, read_only=True) as s:
        view = s.view()
        assert isinstance(view, EmbeddedView)
        rows = sparql_rows(view)
        digests = {r["g"]: r["digest"] for r in view._select("index_articles", None)}
        stored = {g: digests.get(g) for g in view.graph_names() if g.startswith(ARTICLES)}
        index_write._rebuild(old / index_write.FILE, stored, view._select, lambda g: rows.get(g, NO_ROWS))
        index_write.sync(read_back, view.graph_names(), view._select, view.graph_quads)
    return index_snapshot(store), index_snapshot(old), index_snapshot(read_back)


def test_dev_articles(dev_store: Path, tmp_path: Path) -> None:
    kept, old, read_back = three_ways(dev_store, tmp_path)
    assert kept == old
    assert read_back == old
    assert sum(line.startswith("article ") for line in old) == 41
    assert sum(line.startswith("edge ") for line in old) > 500


def _ingest(path: Path, store: Path, batch: int) -> dict[str, int]:
    with open_store(store) as s, s.writer(batch) as w:
        return dict(ingest([path], w).changes)


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk-loader", "transactions"])
def test_generated_articles_added_replaced_and_reingested(bulk: bool, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if bulk:        # every batch through Oxigraph's bulk loader, however small
        monkeypatch.setattr(embedded, "_BULK_BYTES", 0)
    keep = ("id", "title", "date", "text")
    v1 = [{k: a[k] for k in keep} for a in synth_articles(120, seed=23)]
    v2 = [({**a, "text": a["text"] + "\nÔng Trần Văn Mười, Phó Bí thư Tỉnh ủy, chủ trì hội nghị."} if i % 3 == 0 else a)
          for i, a in enumerate(v1)] + [{k: a[k] for k in keep} for a in synth_articles(20, seed=29)]
    files = {"v1": write_jsonl(tmp_path / "v1.jsonl", v1), "v2": write_jsonl(tmp_path / "v2.jsonl", v2)}
    store = tmp_path / "store"
    seen = []
    for run, expected in (("v1", {"added": 120}), ("v2", {"replaced": 40, "unchanged": 80, "added": 20}),
                          ("v1", {"replaced": 40, "unchanged": 80}), ("v1", {"unchanged": 120})):
        assert _ingest(files[run], store, batch=16) == expected
        kept, old, read_back = three_ways(store, tmp_path)
        assert kept == old, run
        assert read_back == old, run
        seen.append(kept)
    assert seen[0] != seen[1] != seen[2] == seen[3]


def _quads(graph: str, triples: Iterable[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]) -> list[ox.Quad]:
    return [ox.Quad(s, p, o, ox.NamedNode(graph)) for s, p, o in triples]


def test_literals_neither_match_iri_patterns_nor_join(tmp_path: Path) -> None:
    """Like the queries: a literal spelling kg:Person is no type, a literal spelling a
    participation's IRI is no participation, and several values multiply out."""
    n, lit = ox.NamedNode, ox.Literal
    kg = {name: n(str(KG[name])) for name in ("Person", "Event", "foldedName", "participation", "participant",
                                              "role", "led", "ledWhat")}
    typ, g = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ARTICLES + "crafted"
    x, e, part = n("https://example.org/x"), n("https://example.org/e"), n("https://example.org/part")
    quads = _quads(g, [
        (x, typ, lit(str(KG.Person))), (x, kg["foldedName"], lit("x")),               # not a person
        (e, typ, kg["Event"]), (e, kg["foldedName"], lit("hoi nghi")), (e, kg["foldedName"], lit("hop")),
        (e, kg["participation"], lit(part.value)),                                   # not a participation
        (e, kg["participation"], part), (part, kg["role"], kg["led"]), (part, kg["role"], lit(str(KG.led))),
        (part, kg["participant"], x), (part, kg["participant"], n("https://example.org/y")),
        (part, kg["ledWhat"], lit(x.value)),                                         # no body to read
    ])
    store = tmp_path / "store"
    with open_store(store) as s:
        s.database().extend(quads)   # type: ignore[attr-defined]
        view = s.view()
        assert isinstance(view, EmbeddedView)
        expected = sparql_rows(view)[g]
    rows = graph_rows(quads)
    assert rows == expected
    assert len(rows.names) == 4          # 2 participants × the event's 2 folded names
    assert not any(kind == "person" for _, kind, _, _ in rows.names)


def test_a_graph_whose_quads_do_not_come_together_is_read_back(tmp_path: Path) -> None:
    """noting_rows cannot compute the rows of a graph whose quads are split by another's; the
    writer then reads that graph back from the store, and the index is still exact."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    a, b = ARTICLES + "a", ARTICLES + "b"
    x, y = ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/y")
    person, folded = ox.NamedNode(str(KG.Person)), ox.NamedNode(str(KG.foldedName))
    # a's content-hash marker, so that the sync at the end of the run takes a's rows as they are
    marker = (ox.NamedNode(ids.article_iri("a")), ox.NamedNode(str(KG.contentHash)), ox.Literal("digest-a"))
    split = (_quads(a, [(x, rdf_type, person)]) + _quads(b, [(y, rdf_type, person)])
             + _quads(a, [(x, folded, ox.Literal("nguyen van x")), marker]))
    noted: dict[str, Rows | None] = {}
    assert list(noting_rows(split, noted)) == split
    assert noted[a] is None and noted[b] == graph_rows(split[1:2])
    data = "".join(f"{q} .\n" for q in split).encode("utf-8")
    store = tmp_path / "store"
    with open_store(store) as s, s.writer() as w:
        w.add_article(EncodedGraph("a", a, "digest-a", data))
    kept, old, read_back = three_ways(store, tmp_path)
    assert kept == old == read_back
    assert any("nguyen van x" in line and line.startswith("name ") for line in kept)
