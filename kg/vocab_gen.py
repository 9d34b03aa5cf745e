"""Generate ``kg/vocab.py`` from ``ontology/kg.ttl``.

``python -m kg.vocab_gen`` rewrites the file; ``python -m kg.vocab_gen --check`` exits 1 when
the checked-in file differs from what the ontology gives (tests/test_vocab.py runs the same
comparison). Every kg: term the ontology defines, and every ELI term it declares as reused,
becomes an attribute of a closed ``DefinedNamespace`` (``_fail = True``), so a typo such as
``KG.heldby`` fails at first use instead of minting a new IRI.
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.ontology import ONTOLOGY, ontology_file

KG_NS = "https://w3id.org/kg-vn/ontology#"
ELI_NS = "http://data.europa.eu/eli/ontology#"
TARGET = Path(__file__).with_name("vocab.py")

_HEADER = '''"""kg's closed vocabularies. GENERATED from ontology/kg.ttl by ``python -m kg.vocab_gen``; do not edit.

Reused W3C terms come from rdflib's own closed namespaces (ORG, FOAF, PROV, TIME, SDO);
ELI is not shipped with rdflib, so the ELI terms kg.ttl declares are generated here too.
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef
'''


def _terms(graph: Graph, namespace: str) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for term in set(graph.subjects()) | set(graph.objects()):
        if isinstance(term, URIRef) and str(term).startswith(namespace):
            local = str(term)[len(namespace):]
            if local.isidentifier():
                doc = graph.value(term, RDFS.label) or graph.value(term, SKOS.notation) or ""
                names[local] = " ".join(str(doc).split())
    return sorted(names.items(), key=lambda kv: (not kv[0][:1].isupper(), kv[0]))


def _class(name: str, namespace: str, doc: str, terms: list[tuple[str, str]]) -> str:
    lines = ["", "", f"class {name}(DefinedNamespace):", f'    """{doc}"""', "", "    _fail = True",
             f'    _NS = Namespace("{namespace}")', ""]
    for local, label in terms:
        comment = f"  # {label}" if label else ""
        lines.append(f"    {local}: URIRef{comment}")
    return "\n".join(lines) + "\n"


# Closed sets: the individuals of these classes, by notation, in ontology order of notation.
CLOSED_SETS = {"BodyKind": "BODY_KINDS", "HoldingStatus": "HOLDING_STATUSES", "Role": "ROLES", "Origin": "ORIGINS"}


def _closed_sets(graph: Graph) -> str:
    lines = ["", ""]
    for cls, const in CLOSED_SETS.items():
        members = sorted(str(graph.value(s, SKOS.notation))
                         for s in graph.subjects(RDF.type, URIRef(KG_NS + cls)))
        lines.append(f"{const}: tuple[str, ...] = (")
        lines += [f'    "{m}",' for m in members]
        lines.append(")")
    return "\n".join(lines) + "\n"


def _prefixes(graph: Graph) -> str:
    wanted = ("kg", "org", "foaf", "schema", "prov", "time", "eli", "rdf", "rdfs", "xsd", "skos", "owl")
    bound = {p: str(ns) for p, ns in graph.namespaces()}
    body = "".join(f'    "{p}": "{bound[p]}",\n' for p in wanted if p in bound)
    return f"\n# Prefixes for serialisations and queries, as kg.ttl binds them.\nPREFIXES: dict[str, str] = {{\n{body}}}\n"


def render() -> str:
    """The text vocab.py should have, given the ontology."""
    graph = Graph()
    graph.parse(data=ontology_file(ONTOLOGY).read_text(encoding="utf-8"), format="turtle")
    return (_HEADER
            + _class("KG", KG_NS, "kg ontology terms (https://w3id.org/kg-vn/ontology#).", _terms(graph, KG_NS))
            + _class("ELI", ELI_NS, "European Legislation Identifier terms kg reuses.", _terms(graph, ELI_NS))
            + _closed_sets(graph) + _prefixes(graph))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run python -m kg.vocab_gen", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
