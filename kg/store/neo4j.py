"""The Neo4j backend: the same ``View`` as the embedded store, answered by the Cypher twin of
each named query (kg/queries/<name>.cypher), and a ``Writer`` that loads article graphs as a
property graph (kg.store.neo4j_load; the model is kg.store.neo4j_model).

    with Neo4jStore(Connection.from_settings()) as neo:
        load(embedded.view(), neo)                       # kg load
        rows = neo.view().query("who_led", q="to giam sat so 2")

Connection problems become a StoreError with a message a user can act on (no stack trace):
the server is not reachable, the credentials are wrong, the URI is malformed. The password is
never part of a message or a repr.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import exceptions as nx

from kg import queries
from kg.errors import QueryError, StoreError
from kg.graph import Triple
from kg.store.base import Row

DEFAULT_BATCH = 10000   # rows per UNWIND and per transaction; benchmarks/README.md "kg load" has the measurements


@dataclass(frozen=True)
class Connection:
    """Where Neo4j is and who we are: from options, else NEO4J_* variables (kg.settings)."""

    uri: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

    @classmethod
    def from_settings(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                      database: str | None = None) -> Connection:
        from kg.settings import neo4j_settings

        return cls(*neo4j_settings(uri, user, password, database))

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user or "neo4j", self.password) if self.password else None

    @property
    def safe_uri(self) -> str:
        """The URI without any user:password part, for messages."""
        parts = urlsplit(self.uri)
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def connection_error(conn: Connection, error: Exception) -> StoreError:
    """The StoreError a user sees for a driver error raised while connecting or querying."""
    where = f"Neo4j at {conn.safe_uri}"
    if isinstance(error, nx.AuthError):
        who = f"user {conn.user or 'neo4j'!r}" if conn.password else "no credentials"
        return StoreError(f"{where} refused {who}: wrong user or password "
                          "(set --user/--password or NEO4J_USER/NEO4J_PASSWORD)")
    if isinstance(error, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
        return StoreError(f"cannot connect to {where}: is it running? "
                          "(start one with scripts/neo4j-server.sh start; set --uri or NEO4J_URI)")
    if isinstance(error, (nx.ConfigurationError, ValueError)):
        return StoreError(f"cannot use the Neo4j URI {conn.safe_uri!r}: {_scrubbed(conn, error)}")
    if isinstance(error, nx.Neo4jError) and error.code and "DatabaseNotFound" in error.code:
        return StoreError(f"{where} has no database {conn.database!r} (set NEO4J_DATABASE)")
    return StoreError(f"{where}: {_scrubbed(conn, error)}")


def _scrubbed(conn: Connection, error: Exception) -> str:
    """The driver's message without credentials: it quotes the URI as given, user:password
    included ("URI userinfo is not supported … Given URI: 'bolt://neo4j:…@host'")."""
    text = str(error).replace(conn.uri, conn.safe_uri)
    return text.replace(conn.password, "***") if conn.password else text


def _plain(value: Any) -> Any:
    """Driver values as the embedded store gives them: dates as ISO text, lists as lists."""
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime)):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Neo4jView:
    """Read-only access through the Cypher twins of kg.queries, in read transactions."""

    def __init__(self, store: Neo4jStore) -> None:
        self._store = store

    def query(self, name: str, **params: Any) -> list[Row]:
        q = queries.get(name)
        queries.check_params(q, params)
        if q.cypher is None:
            raise QueryError(name, f"has no Cypher twin (kg/queries/{name}.cypher): ask the embedded store")
        for pname, kind in q.params.items():
            value = params[pname]
            if kind == "int" and not isinstance(value, int):
                raise QueryError(name, f"expected an integer for {pname}, got {value!r}")
            if kind != "int" and not isinstance(value, str):
                raise QueryError(name, f"expected text for {pname}, got {value!r}")
        records = self._store.read(q.cypher, params, what=f"query {name}")
        return [{k: _plain(v) for k, v in r.items() if k not in params} for r in records]

    def article_graphs(self) -> Iterator[tuple[str, list[Triple]]]:
        raise StoreError("the Neo4j backend keeps a property graph, not the article graphs: read them "
                         "from the embedded store")

    def export(self, fmt: str, out: BinaryIO) -> None:
        raise StoreError("export reads the embedded store (kg export --store FOLDER)")

    def size(self) -> int:
        """The quads of the RDF the graph was loaded from (what the embedded store's size() says)."""
        (row,) = self._store.read(queries.statement("quads"), {}, what="size")
        return int(row["quads"])


class Neo4jStore:
    """A connection to a Neo4j database holding kg's graph."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        try:
            self.driver = neo4j.GraphDatabase.driver(conn.uri, auth=conn.auth, user_agent="kg",
                                                     notifications_min_severity="OFF")
            self.driver.verify_connectivity()
            self.driver.execute_query("RETURN 1", database_=conn.database, routing_=neo4j.RoutingControl.READ)
        except (nx.Neo4jError, nx.DriverError, OSError, ValueError) as e:
            if getattr(self, "driver", None) is not None:
                self.driver.close()
            raise connection_error(conn, e) from None

    # -- plumbing shared by the view, the writer and researcher Cypher ------------------------
    def read(self, cypher: str, params: dict[str, Any], *, what: str) -> list[dict[str, Any]]:
        """Rows of a read query, run in a read transaction."""
        try:
            records, _, _ = self.driver.execute_query(cypher, params, database_=self.conn.database,
                                                      routing_=neo4j.RoutingControl.READ)
        except nx.CypherSyntaxError as e:
            raise QueryError(what, f"invalid Cypher: {e.message}") from None
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise connection_error(self.conn, e) from None
        return [r.data() for r in records]

    def session(self) -> neo4j.Session:
        return self.driver.session(database=self.conn.database)

    def create_schema(self) -> None:
        """Constraints and indexes (kg/queries/neo4j/schema.cypher), then wait until they are online."""
        try:
            with self.session() as s:
                for statement in queries.schema_statements():
                    s.run(statement).consume()
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise connection_error(self.conn, e) from None

    def counts(self) -> dict[str, int]:
        """How many nodes and relationships the database holds."""
        (row,) = self.read(queries.statement("counts"), {}, what="counts")
        return {"nodes": int(row["nodes"]), "relationships": int(row["relationships"])}

    # -- the Store protocol -------------------------------------------------------------------
    def view(self) -> Neo4jView:
        return Neo4jView(self)

    def writer(self, batch: int | None = None, *, rewrite_unchanged: bool = False):  # type: ignore[no-untyped-def]
        from kg.store.neo4j_load import Neo4jWriter

        return Neo4jWriter(self, batch or DEFAULT_BATCH, rewrite_unchanged=rewrite_unchanged)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.conn.safe_uri!r}, database={self.conn.database!r})"
