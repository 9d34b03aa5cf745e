"""Security: no credentials in the repository; no query built from values (a scan of kg/ and
ingest/, each reviewed exception named with its reason, and hostile values thrown at each);
the HTML view keeps hostile names as text; passwords never appear in messages."""
from __future__ import annotations

import ast
import json
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.chaos.kgrun import ROOT, assert_user_error, run_kg

# --- credentials ---------------------------------------------------------------------------
ASSIGNMENT = re.compile(r"""(?ix)\b[a-z0-9_]*(?:password|passwd|secret|api_?key|access_?token|auth_?token)\b["']?
                            \s*[:=]\s*(?P<value>"[^"]*"|'[^']*'|[^\s"',;)]+)""")
OTHER = re.compile(r"""(?ix) neo4j_auth\s*[:=]\s*["']?(?P<auth>[^\s"'$/]+/[^\s"'$]+)
                     | [a-z+]+://[^/\s:@"']+:(?P<userinfo>[^/\s@"'$]+)@
                     | (?P<key>-----BEGIN[A-Z\ ]*PRIVATE\ KEY-----|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,})""")
PLACEHOLDER = re.compile(r"(?i)^(change-?me.*|.*example.*|at-least.*|<.*|x{3,}|\.\.\.|\*+|your[-_].*|password|pass|secret|…)$")
CODE = {".py", ".java", ".js", ".mjs", ".ts"}     # there, only a quoted literal is a value; else it is code
# Literal passwords that are not credentials, each with its reason.
NOT_CREDENTIALS = {
    ("tests/conftest.py", "kg-test-password"): "the throwaway Neo4j the test session starts itself",
    ("tests/store/test_neo4j_load.py", "not-the-password"): "the wrong password of the wrong-credentials test",
    ("tests/test_neo4j_server.py", "kg-test-"): "the prefix of a password drawn at random per run",
    ("tests/chaos/test_neo4j_faults.py", "chaos-"): "the prefix of a password drawn at random per run",
    ("tests/chaos/test_neo4j_faults.py", "whatever-pw"): "a password sent to a port where no server listens",
    ("tests/chaos/test_neo4j_faults.py", "not-the-pw-1"): "the wrong password of the wrong-credentials test",
    ("docs/robustness.md", "a"): "prose: 'no password: a URI with user:password@ is shown without it'",
}


SELF = Path(__file__).resolve().relative_to(ROOT).as_posix()


def tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in out.decode().split("\0") if name]


def secrets_in(rel: str, line: str) -> list[str]:
    """The values in ``line`` that look like credentials (placeholders and lookups left out)."""
    out = []
    for m in ASSIGNMENT.finditer(line):
        raw = m.group("value")
        quoted = raw[:1] in "\"'"
        value = raw[1:-1] if quoted else raw
        interpolated = line[max(0, m.start() - 2):m.start()].endswith("{")     # ${NAME:?message}
        if not value or value[0] in "${%" or interpolated or (not quoted and Path(rel).suffix in CODE):
            continue
        out.append(value)
    for m in OTHER.finditer(line):
        out.append(m.group("auth") or m.group("userinfo") or m.group("key"))
    return [v for v in out if not PLACEHOLDER.match(v) and (rel, v) not in NOT_CREDENTIALS]


def credential_findings() -> list[str]:
    found = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        rel = path.relative_to(ROOT).as_posix()
        if rel == SELF:
            continue  # this module's samples of what the scan must find are not credentials
        for number, line in enumerate(text.splitlines(), start=1):
            if secrets_in(rel, line):
                found.append(f"{rel}:{number}: {line.strip()[:120]}")
    return found


@pytest.mark.chaos("credentials in the repository",
                   "none: only .env.example placeholders and test-only values, each listed with its reason")
def test_no_credentials_are_tracked(observed: Callable[[str], None]) -> None:
    names = {p.relative_to(ROOT).as_posix() for p in tracked_files()}
    assert ".env" not in names and not any(n.endswith("/.env") for n in names)
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"(?m)^NEO4J_PASSWORD=change-me", example), "the example password must read as a placeholder"
    assert credential_findings() == []
    for (path, value), _ in NOT_CREDENTIALS.items():   # the allowances are still true, or drop them
        assert value in (ROOT / path).read_text(encoding="utf-8"), (path, value)
    observed(f"{len(names)} tracked files scanned")


def test_the_scan_finds_what_it_should() -> None:
    for rel, line in (("x.env", "NEO4J_PASSWORD=hunter2-real"), ("x.py", 'password = "s3cret!"'),
                      ("c.yml", "NEO4J_AUTH: neo4j/s3cret"), ("x.py", "uri = 'bolt://neo4j:s3cret@db:7687'"),
                      ("k.pem", "-----BEGIN RSA PRIVATE KEY-----"), ("x.md", "AKIA" + "A" * 16),
                      ("x.sh", "export API_KEY=abc123def")):
        assert secrets_in(rel, line), line
    for rel, line in ((".env.example", "NEO4J_PASSWORD=change-me-please"), ("x.md", 'password: "<your password>"'),
                      ("x.yml", "NEO4J_AUTH: ${NEO4J_USER}/${NEO4J_PASSWORD:?set it}"),
                      ("x.py", "Connection(password=password)"), ("x.py", '{"password": self.password}'),
                      ("x.java", "String password = System.getenv(PASSWORD_ENV);")):
        assert not secrets_in(rel, line), line


@pytest.mark.chaos("a password in the URI or options, wrong server", "the message names the server, never the password")
def test_passwords_stay_out_of_messages(tmp_path: Path) -> None:
    done = run_kg("ingest", str(ROOT / "kg" / "data" / "seed-000.txt"), "--store", str(tmp_path / "s"))
    assert done.returncode == 0, done.stderr
    for args in (["--uri", "bolt://neo4j:Sup3r-s3cret-pw@127.0.0.1:1"],
                 ["--uri", "bolt://127.0.0.1:1", "--password", "Sup3r-s3cret-pw"]):
        done = run_kg("load", "--store", str(tmp_path / "s"), *args, timeout=120)
        message = assert_user_error(done, "127.0.0.1:1")
        assert "Sup3r-s3cret-pw" not in message + done.stdout


# --- queries are parameterised -------------------------------------------------------------
KEYWORDS = re.compile(r"\b(MATCH|MERGE|CREATE|DETACH|DELETE|UNWIND|RETURN|SELECT|INSERT|CONSTRUCT|WHERE|OPTIONAL|"
                      r"FILTER|GRAPH|VALUES|DROP|CALL|EXPLAIN|PROFILE|PREFIX|LOAD CSV|SET|REMOVE|FOREACH)\b")
# Query text assembled in Python, reviewed: why no value from an article or a user changes its shape.
REVIEWED = {
    ("kg/store/embedded.py", "_with_values"): "a VALUES row of RDF terms serialised by Oxigraph (literals "
                                              "escaped; IRIs validated by ox.NamedNode)",
    ("kg/store/embedded.py", "_replace_update"): "graph IRIs minted by kg.ids (percent-encoded); data is "
                                                 "Oxigraph's own N-Triples",
    ("kg/store/embedded.py", "rebuild_resolution"): "a constant graph IRI; data is Oxigraph's own N-Triples",
    ("kg/store/neo4j_readonly.py", "run_readonly"): "EXPLAIN before the researcher's own query: running their text "
                                                "is what kg cypher is for; it is read-only in layers",
    ("kg/export/neo4j_csv.py", "write"): "a shell script's comment, not a query",
}


def _strings(node: ast.AST) -> str:
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def built_queries() -> dict[tuple[str, str], list[str]]:
    """(file, enclosing function) → the f-strings, concatenations, % and .format calls whose
    literal parts read like SPARQL or Cypher, in kg/ and ingest/."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted([*ROOT.joinpath("kg").rglob("*.py"), *ROOT.joinpath("ingest").rglob("*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owners = {}
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(fn):
                    owners.setdefault(id(inner), fn.name) if inner is not fn else None
        for node in ast.walk(tree):
            building = (isinstance(node, ast.JoinedStr)
                        or (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)))
                        or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                            and node.func.attr in ("format", "join", "replace")))
            if building and KEYWORDS.search(_strings(node)):
                key = (rel, owners.get(id(node), "<module>"))
                found.setdefault(key, []).append(f"line {node.lineno}: {ast.unparse(node)[:100]}")
    return found


@pytest.mark.chaos("query text built from values (f-strings, +, %, .format) in kg/ and ingest/",
                   "none besides the reviewed constructions, each with its reason")
def test_every_query_is_parameterised(observed: Callable[[str], None]) -> None:
    found = built_queries()
    unreviewed = {k: v for k, v in found.items() if k not in REVIEWED}
    assert unreviewed == {}, "query text built in Python: use kg/queries and parameters, or review it here"
    stale = set(REVIEWED) - set(found)
    assert not stale, f"reviewed constructions that are gone: drop them from REVIEWED: {stale}"
    placeholders = [f"{f.relative_to(ROOT)}: {m.group(0)}" for f in ROOT.joinpath("kg", "queries").rglob("*")
                    if f.suffix in (".rq", ".cypher") for m in re.finditer(r"\{\w+\}|%s|%\(\w+\)", f.read_text())]
    assert placeholders == [], "format placeholders in query files"
    observed(f"{sum(map(len, found.values()))} constructions in {len(found)} places, all reviewed")


HOSTILE_TEXT = ['" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o', "\\\" ) } ; CLEAR ALL #", "x'> } INSERT DATA { <a:a> <a:a> <a:a> }",
                "\n}\nDROP ALL", "Nguyễn\u0000Văn", "\\u0022 } DROP ALL"]


@pytest.mark.chaos("hostile values as question parameters and as article ids/text (embedded store)",
                   "answered as text; store unchanged; a changed hostile article replaces only itself")
def test_hostile_values_do_not_change_queries(tmp_path: Path) -> None:
    from ingest.pipeline import ingest
    from kg import ask
    from kg.errors import KgError, QueryError
    from kg.store import open_store
    from tests.chaos.graphs import embedded_quads
    from tests.chaos.kgrun import write_jsonl

    rows = [{"id": f"hostile {i} {v}", "text": f"Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, phát biểu. {v}"}
            for i, v in enumerate(HOSTILE_TEXT)]
    store = tmp_path / "s"
    first = write_jsonl(tmp_path / "a.jsonl", rows)
    with open_store(store) as s, s.writer() as w:
        ingest([first], w)
    before = embedded_quads(store)
    with open_store(store, read_only=True) as s:
        view = s.view()
        for value in HOSTILE_TEXT:
            for question in (ask.who_led, ask.person, ask.body, ask.directive):
                try:
                    question(view, value)
                except KgError:
                    pass        # "nothing matches" is an answer too
            with pytest.raises(QueryError, match="not an IRI"):
                view.query("person_timeline", person=f"http://x/> }} ; DROP ALL ; {value}")
    assert embedded_quads(store) == before
    changed = write_jsonl(tmp_path / "b.jsonl", [{**r, "text": r["text"] + " Bà Lê Thị Hoa dự."} for r in rows])
    with open_store(store) as s, s.writer() as w:     # the replace path: a SPARQL update per batch
        summary = ingest([changed], w)
    assert dict(summary.changes) == {"replaced": len(rows)}, (summary.skipped, summary.notes)
    clean = tmp_path / "clean"
    with open_store(clean) as s, s.writer() as w:
        ingest([changed], w)
    assert embedded_quads(store) == embedded_quads(clean)


# --- the HTML view ---------------------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.title = ""
        self._in_title = False
        self.data_script = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(k for k, _ in attrs))))
        self._in_title = tag == "title"
        self._in_data = ("id", "kg-data") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_data:
            self.data_script += data


HOSTILE_NAME = "</script><script>alert('x')</script> Nguyễn \"Văn\" <img src=x onerror=alert(1)> & Đào <!-- ]]>"


@pytest.mark.chaos("the HTML view with <script>, quotes and comments in names, titles and sentences",
                   "the page has exactly the template's elements; the text comes back unchanged from its data")
def test_html_view_keeps_hostile_text_as_text() -> None:
    from kg.export.projection import Edge, Node, PropertyGraph, Source
    from kg.view import render

    def page(name: str) -> _Tags:
        nodes = {"person/0": Node("person/0", "person", name, {"note": name}),
                 "body/0": Node("body/0", "body", f"<b>Ủy ban</b> {name}", {})}
        edges = [Edge("person/0", "body/0", "took_part", {"role": name}, (Source(name, 0, f"Câu {name}", name),))]
        parser = _Tags()
        parser.feed(render(PropertyGraph(nodes, edges), title=name))
        return parser

    benign, hostile = page("Nguyễn Văn Đào"), page(HOSTILE_NAME)
    assert hostile.tags == benign.tags, "text from the data became markup"
    assert [t for t, _ in hostile.tags].count("script") == 3
    assert hostile.title == HOSTILE_NAME
    assert "<" not in hostile.data_script and ">" not in hostile.data_script
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(json.loads(hostile.data_script))
    assert HOSTILE_NAME in strings and f"Câu {HOSTILE_NAME}" in strings
