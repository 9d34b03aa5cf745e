"""A researcher's Cypher, read-only (``kg cypher``), in three layers, any of which refuses:

0. The text may not hold invisible characters or fullwidth look-alikes of ASCII letters.
1. The query runs in a read transaction (``session.execute_read``): the server refuses any
   write there (``Neo.ClientError.Statement.AccessMode``) and nothing is written.
2. First, in the same transaction, ``EXPLAIN`` plans the exact same text without running it:
   the planner's query type must be ``"r"`` (read); ``"w"``, ``"rw"`` and ``"s"`` (schema,
   administration) are refused. The server parses the text itself, so comments, letter case,
   fullwidth letters or zero-width spaces cannot make it read something else than it runs; a
   text with several statements fails to plan and is refused.
3. The plan's operators are checked: a procedure call (``ProcedureCall``) must name a procedure
   of :data:`ALLOWED_PROCEDURES`; ``LOAD CSV`` (it reads files or URLs),
   ``TERMINATE TRANSACTIONS`` and ``SHOW TRANSACTIONS`` are refused although the planner calls
   them reads; functions of APOC namespaces that run Cypher or touch files are refused too.

A refusal raises :class:`Refused` ("refused: … (this command is read-only)"); the database is
unchanged. A timeout bounds a runaway read.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import exceptions as nx

from kg.errors import KgError, QueryError
from kg.store.neo4j import Neo4jStore, connection_error

ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.info", "db.ping",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.fulltext.listAvailableAnalyzers", "dbms.components",
    # APOC helpers that only read, when APOC is installed
    "apoc.help", "apoc.meta.schema", "apoc.meta.stats", "apoc.meta.data", "apoc.meta.nodeTypeProperties",
    "apoc.meta.relTypeProperties", "apoc.path.expand", "apoc.path.expandConfig", "apoc.path.subgraphNodes",
    "apoc.path.subgraphAll", "apoc.path.spanningTree",
})
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files or URLs",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other people's queries",
    "ShowTransactions": "SHOW TRANSACTIONS shows other people's queries",
}
# Functions that run Cypher given as text, or read/write files and URLs (APOC).
REFUSED_FUNCTIONS = re.compile(r"\bapoc\.(cypher|load|import|export|periodic|trigger|systemdb|log)\.", re.IGNORECASE)
DEFAULT_TIMEOUT = 60.0   # seconds
_ROW_OPERATORS = frozenset({"ProduceResults", "ProcedureCall", "Projection", "Filter", "Sort", "Top", "Limit",
                            "Skip", "Distinct", "Argument", "EagerAggregation", "Unwind"})


class Refused(QueryError):
    """A query ``kg cypher`` will not run: it could write, or reach outside the graph."""

    def __init__(self, reason: str) -> None:
        KgError.__init__(self, f"refused: {reason} (this command is read-only)")
        self.name, self.reason = "cypher", reason


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[list[Any]]


def parse_params(items: Iterable[str]) -> dict[str, Any]:
    """``k=v`` pairs → parameters; a value that is JSON (5, true, [1,2], "x") is taken as
    JSON, anything else as text."""
    out: dict[str, Any] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise QueryError("cypher", f"a parameter is name=value, not {item!r}")
        try:
            out[name.strip()] = json.loads(raw)
        except ValueError:
            out[name.strip()] = raw
    return out


def _operators(plan: Any) -> Iterable[tuple[str, str]]:
    """(operator, details) of every operator of an EXPLAIN plan (dicts from the driver)."""
    stack = [plan]
    while stack:
        node = stack.pop()
        yield node["operatorType"].split("@", 1)[0], str(node.get("args", {}).get("Details") or "")
        stack.extend(node.get("children", []))


def check_plan(query_type: str | None, plan: Any) -> None:
    """Refused unless the plan is a read with allowed procedures and operators only."""
    kinds = {"w": "it writes", "rw": "it reads and writes", "s": "it changes the schema or administers the server"}
    operators = list(_operators(plan))
    # Some read-only system procedures (dbms.components) plan as "s": accepted when the plan is
    # nothing but allowed procedure calls and plain row operators.
    system_read = query_type == "s" and any(op == "ProcedureCall" for op, _ in operators) \
        and all(op in _ROW_OPERATORS for op, _ in operators)
    if query_type != "r" and not system_read:
        raise Refused(kinds.get(query_type or "", f"its query type is {query_type!r}, not a read"))
    for operator, details in operators:
        if operator in REFUSED_OPERATORS:
            raise Refused(REFUSED_OPERATORS[operator])
        if operator == "ProcedureCall":
            name = details.split("(", 1)[0].strip()
            if name not in ALLOWED_PROCEDURES:
                raise Refused(f"the procedure {name or '?'} is not on the list of read-only procedures")
        if operator.startswith("Admin") or operator.startswith("System"):
            raise Refused("it administers the server")
        found = REFUSED_FUNCTIONS.search(details)
        if found:
            raise Refused(f"{found.group(0)}* functions run Cypher or reach files")


def check_text(text: str) -> None:
    """Refused if the text holds invisible characters (zero-width spaces, bidi controls) or
    fullwidth look-alikes of ASCII: Cypher has no use for them, and they are the usual way to
    hide a keyword from a reader (the server would not run them as keywords either)."""
    for ch in text:
        if unicodedata.category(ch) == "Cf" or "\uff01" <= ch <= "\uff5e":
            raise Refused(f"it holds the invisible or look-alike character U+{ord(ch):04X} "
                          f"({unicodedata.name(ch, 'unnamed')})")


def _plain(value: Any) -> Any:
    """Driver values as JSON-able values: nodes and relationships as their properties plus
    labels/type, paths as lists, temporal values as ISO text."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "start": value.start_node.get("iri") if value.start_node else None,
                "end": value.end_node.get("iri") if value.end_node else None,
                **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(x) for pair in zip(value.nodes, [*value.relationships, None]) for x in pair if x is not None]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_readonly(store: Neo4jStore, cypher: str, params: dict[str, Any] | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> CypherResult:
    """Run a researcher's query read-only (see the module docstring); Refused if it is not."""
    text = cypher.strip()
    if not text:
        raise QueryError("cypher", "the query is empty")
    check_text(text)
    params = params or {}

    def work(tx: neo4j.ManagedTransaction) -> CypherResult:
        summary = tx.run("EXPLAIN " + text, params).consume()
        check_plan(summary.query_type, summary.plan)
        result = tx.run(text, params)
        columns = list(result.keys())
        return CypherResult(columns, [[_plain(v) for v in record.values()] for record in result])

    try:
        with store.driver.session(database=store.conn.database, default_access_mode=neo4j.READ_ACCESS) as s:
            return s.execute_read(neo4j.unit_of_work(timeout=timeout)(work))
    except nx.CypherSyntaxError as e:
        if "exactly one statement" in (e.message or ""):
            raise Refused("it holds several statements") from None
        raise QueryError("cypher", f"invalid Cypher: {e.message}") from None
    except nx.ClientError as e:
        if e.code and "AccessMode" in e.code:
            raise Refused("it writes") from None
        if "conflicting values for execution mode" in (e.message or ""):   # EXPLAIN PROFILE …
            raise Refused("PROFILE runs the query before it can be checked") from None
        raise QueryError("cypher", f"{e.code}: {e.message}") from None
    except (nx.Neo4jError, nx.DriverError, OSError) as e:
        raise connection_error(store.conn, e) from None
