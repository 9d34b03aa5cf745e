"""THE one home for query text: every SPARQL (``*.rq``) and, later, Cypher (``*.cypher``) query
kg runs lives in this folder, under a name.

Each ``.rq`` file starts with comment lines; ``# params: q:text person:iri`` declares its
parameters and their kinds (``text``, ``iri``, ``int``). The embedded store binds them with
an initial VALUES row of RDF terms serialised by Oxigraph (kg/store/embedded.py says why not
SEP-0007 substitutions); Neo4j will use Cypher ``$params``. Parameters are projected by
convention and left out of the rows returned. Values are never pasted into query text as
strings. Prefixes
(``kg:``, ``org:``, …) are those of kg.vocab.PREFIXES, passed to the engine with the query.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import QueryError

PARAM_KINDS = ("text", "iri", "int")


@dataclass(frozen=True)
class Query:
    name: str
    params: dict[str, str]            # parameter → kind (text | iri | int)
    sparql: str
    cypher: str | None = None


def _folder():  # type: ignore[no-untyped-def]
    return resources.files(__package__)


@cache
def names() -> tuple[str, ...]:
    return tuple(sorted(f.name[:-3] for f in _folder().iterdir() if f.name.endswith(".rq")))


@cache
def get(name: str) -> Query:
    """The named query; QueryError when there is none."""
    if name not in names():
        raise QueryError(name, f"no such query (known: {', '.join(names())})")
    sparql = _folder().joinpath(f"{name}.rq").read_text(encoding="utf-8")
    params: dict[str, str] = {}
    for line in sparql.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# params:"):
            for item in line.split(":", 1)[1].split():
                pname, _, kind = item.partition(":")
                if kind not in PARAM_KINDS:
                    raise QueryError(name, f"parameter {pname} has unknown kind {kind!r}")
                params[pname] = kind
    cypher_file = _folder().joinpath(f"{name}.cypher")
    cypher = cypher_file.read_text(encoding="utf-8") if cypher_file.is_file() else None
    return Query(name, params, sparql, cypher)


def check_params(query: Query, given: dict[str, object]) -> None:
    """QueryError unless ``given`` binds exactly the query's parameters."""
    missing = sorted(set(query.params) - set(given))
    extra = sorted(set(given) - set(query.params))
    if missing or extra:
        raise QueryError(query.name, f"missing parameters {missing}, unexpected {extra}")


# --- Neo4j: the Cypher twins above (``<name>.cypher``), and the statements kg load runs ----
# neo4j/*.cypher hold named statements, each after a "// name: <name>" line (the aiosql/yesql
# layout), except neo4j/schema.cypher: schema statements separated by ";" at a line end.

@cache
def statements() -> dict[str, str]:
    """Every named statement of ``neo4j/*.cypher`` (not schema.cypher), by name."""
    out: dict[str, str] = {}
    folder = _folder().joinpath("neo4j")
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if not f.name.endswith(".cypher") or f.name == "schema.cypher":
            continue
        name: str | None = None
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("// name:"):
                name = line.split(":", 1)[1].strip()
                if name in out:
                    raise QueryError(name, f"defined twice in kg/queries/neo4j/ ({f.name})")
                out[name] = ""
            elif name is not None and line.strip() and not line.startswith("//"):
                out[name] += line + "\n"
    return out


def statement(name: str) -> str:
    """One named statement of neo4j/*.cypher; QueryError when there is none."""
    try:
        return statements()[name]
    except KeyError:
        raise QueryError(name, "no such Neo4j statement in kg/queries/neo4j/") from None


@cache
def schema_statements() -> tuple[str, ...]:
    """The statements of neo4j/schema.cypher, in order, comment lines left out."""
    text = _folder().joinpath("neo4j").joinpath("schema.cypher").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return tuple(s.strip() for s in "\n".join(lines).split(";\n") if s.strip())
