"""Check article graphs against ``ontology/shapes.ttl`` with pySHACL.

Article graphs are self-contained, so they are validated one at a time.
"""
from __future__ import annotations

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


def validate_many(graphs: Iterable[tuple[str, Iterable[Triple]]],
                  progress: Callable[[int], None] | None = None) -> Report:
    """Validate many ``(graph IRI, triples)`` pairs, each on its own (a body or post seen by
    two articles may legitimately be labelled differently by each; only each article's own
    description has to conform). ``progress`` is called with the number checked so far."""
    violations: list[Violation] = []
    count = 0
    for name, triples in graphs:
        violations.extend(Violation(f"{name} {v.focus}", v.path, v.message) for v in validate_triples(triples))
        count += 1
        if progress:
            progress(count)
    return Report(not violations, count, tuple(violations))
