"""Check article graphs against ``ontology/shapes.ttl`` with pySHACL.

Article graphs are self-contained, so they are validated one at a time.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import Graph
from rdflib.namespace import SH

from kg.graph import ArticleGraph, Triple
from kg.ontology import SHAPES, ontology_file


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    graphs: int
    violations: tuple[Violation, ...]


@cache
def shapes() -> Graph:
    """The SHACL shapes graph, parsed once."""
    return Graph().parse(data=ontology_file(SHAPES).read_text(encoding="utf-8"), format="turtle")


def _graph(triples: Iterable[Triple]) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def validate_triples(triples: Iterable[Triple]) -> tuple[Violation, ...]:
    """Violations of the shapes by one self-contained graph (empty when it conforms)."""
    from pyshacl import validate as shacl   # heavy import, only when validating

    conforms, results, _text = shacl(_graph(triples), shacl_graph=shapes(), inference="none",
                                     advanced=True, allow_warnings=True)
    if conforms:
        return ()
    out = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        out.append(Violation(str(results.value(result, SH.focusNode)),
                             str(results.value(result, SH.resultPath) or ""),
                             str(results.value(result, SH.resultMessage) or "")))
    return tuple(sorted(out, key=lambda v: (v.focus, v.path, v.message)))


def validate(graph: ArticleGraph) -> Report:
    violations = validate_triples(graph.triples)
    return Report(not violations, 1, violations)


def _validate_chunk(chunk: list[tuple[str, list[Triple]]]) -> list[Violation]:
    return [Violation(f"{name} {v.focus}", v.path, v.message) for name, triples in chunk for v in validate_triples(triples)]


def validate_many(graphs: Iterable[tuple[str, Iterable[Triple]]], progress: Callable[[int], None] | None = None,
                  workers: int | None = None) -> Report:
    """Validate many ``(graph IRI, triples)`` pairs, each on its own (a body or post seen by
    two articles may legitimately be labelled differently by each; only each article's own
    description has to conform), in ``workers`` processes (default: one per CPU).
    ``progress`` is called with the number checked so far."""
    from concurrent.futures import ProcessPoolExecutor

    chunks: list[list[tuple[str, list[Triple]]]] = []
    for name, triples in graphs:
        if not chunks or len(chunks[-1]) == 20:
            chunks.append([])
        chunks[-1].append((name, list(triples)))
    count = sum(len(c) for c in chunks)
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    violations: list[Violation] = []
    done = 0
    if workers <= 1 or len(chunks) <= 1:
        results = map(_validate_chunk, chunks)
        for chunk, found in zip(chunks, results):
            violations.extend(found)
            done += len(chunk)
            if progress:
                progress(done)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for chunk, found in zip(chunks, pool.map(_validate_chunk, chunks)):
                violations.extend(found)
                done += len(chunk)
                if progress:
                    progress(done)
    return Report(not violations, count, tuple(violations))
