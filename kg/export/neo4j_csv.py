"""CSV files for ``neo4j-admin database import full`` (Neo4j 5), and the command that loads them.

One node file per label (``nodes-Person.csv`` …) and one relationship file per type
(``rels-HOLDS.csv`` …), each with its own header line in the import tool's format:
``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, and typed properties
(``start:date``, ``articles:int``, ``status:string[]``). Dates without a year (``--09-15``)
cannot be Neo4j dates; they stay in ``date_text``. ``import.sh`` in the same folder holds the
exact command; :func:`write` returns it too.

Labels are the ontology's class names (kg.vocab) and relationship types the projection's
closed set, upper-cased: nothing read from an article becomes a label or a type.
"""
from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any

from kg.export.projection import NODE_KINDS, Edge, Node, PropertyGraph, iso_date

# Property → import-tool type, where it is not ``string``.
NODE_TYPES: dict[str, str] = {
    "start": "date", "end": "date", "date": "date", "since": "date", "until": "date", "articles": "int",
    "attested": "string[]", "status": "string[]", "aliases": "string[]", "other_labels": "string[]",
}
EDGE_HEADER: tuple[str, ...] = (":START_ID", ":END_ID", ":TYPE", "role", "event", "start:date", "end:date",
                                "articles:string[]", "article", "sentence", "quote", "evidence:int")
_DELIMITER_CHOICES = (";", "|", "\u00a6", "\u001f")


def rel_type(edge_type: str) -> str:
    return edge_type.upper()


def write(graph: PropertyGraph, folder: Path, database: str = "neo4j") -> list[str]:
    """Write the CSV files and ``import.sh`` into ``folder``; return the command's arguments
    (file names relative to ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    array_delimiter = _array_delimiter(graph)
    node_files, rel_files = [], []
    for kind, label in sorted(NODE_KINDS.items(), key=lambda kv: kv[1]):
        nodes = [n for n in graph.nodes.values() if n.kind == kind]
        if nodes:
            name = f"nodes-{label}.csv"
            _write_nodes(folder / name, label, nodes, array_delimiter)
            node_files.append(name)
    for type_ in sorted({e.type for e in graph.edges}, key=rel_type):
        name = f"rels-{rel_type(type_)}.csv"
        _write_rels(folder / name, [e for e in graph.edges if e.type == type_], array_delimiter)
        rel_files.append(name)
    command = ["neo4j-admin", "database", "import", "full", "--id-type=string",
               f"--array-delimiter={array_delimiter}", "--multiline-fields=true"]
    command += [f"--nodes={f}" for f in node_files] + [f"--relationships={f}" for f in rel_files]
    command.append(database)
    script = folder / "import.sh"
    script.write_text(
        "#!/bin/sh\n"
        "# Load the CSV files of this folder into a new Neo4j 5 database (it must not exist yet;\n"
        "# stop Neo4j first). NEO4J_HOME is the Neo4j installation; without it, neo4j-admin is\n"
        "# looked up on PATH. Afterwards: CREATE DATABASE <name> (Enterprise) or restart (neo4j).\n"
        'cd "$(dirname "$0")" || exit 1\n'
        'exec "${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin" ' + shlex.join(command[1:]) + "\n",
        encoding="utf-8")
    script.chmod(0o755)
    return command


def _array_delimiter(graph: PropertyGraph) -> str:
    """The first delimiter that no list value contains (";", the tool's default, in practice)."""
    items = [str(v) for n in graph.nodes.values() for value in n.attrs.values() if isinstance(value, tuple)
             for v in value] + [a for e in graph.edges for a in e.articles]
    for choice in _DELIMITER_CHOICES:
        if not any(choice in item for item in items):
            return choice
    raise ValueError("every array delimiter kg knows occurs in the data")


def _header(name: str) -> str:
    type_ = NODE_TYPES.get(name, "string")
    return name if type_ == "string" else f"{name}:{type_}"


def _write_nodes(path: Path, label: str, nodes: list[Node], delimiter: str) -> None:
    names = sorted({k for n in nodes for k in n.attrs} | {"start", "end"})
    if any(n.attrs.get("date") and not iso_date(n.attrs["date"]) for n in nodes):
        names.append("date_text")
    header = ["id:ID", ":LABEL", "name"] + [_header(n) for n in names]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for node in nodes:
            values: dict[str, Any] = dict(node.attrs, start=node.start, end=node.end)
            if values.get("date") and not iso_date(values["date"]):
                values["date_text"] = values.pop("date")
            row = [node.id, label, node.label]
            row += [_cell(name, values.get(name), delimiter) for name in names]
            w.writerow(row)


def _cell(name: str, value: Any, delimiter: str) -> str:
    if value is None or value == ():
        return ""
    if NODE_TYPES.get(name) == "date":
        return iso_date(str(value)) or ""
    if isinstance(value, tuple):
        return delimiter.join(str(v) for v in value)
    return str(value)


def _write_rels(path: Path, edges: list[Edge], delimiter: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(EDGE_HEADER)
        for e in edges:
            first = e.sources[0] if e.sources else None
            w.writerow([e.source, e.target, rel_type(e.type), e.attrs.get("role") or "",
                        e.attrs.get("event") or "", e.start or "", e.end or "", delimiter.join(e.articles),
                        first.article if first else "", first.text if first else "",
                        first.quote if first else "", len(e.sources)])
