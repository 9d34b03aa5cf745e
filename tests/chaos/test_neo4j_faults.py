"""`kg load` against a Neo4j that fails: down at the start, wrong credentials, stopped in the
middle of a load (the driver retries with backoff, then a clear error; a rerun completes),
SIGKILL at several points (a rerun, incremental or not, ends with the graph of a clean load),
and two loads at once (the second is refused). The server is this module's own (started by
tests/neo4j_server.py, stopped and restarted here), so the session's server is not disturbed."""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.chaos.graphs import neo4j_snapshot
from tests.chaos.kgrun import (ROOT, assert_user_error, kg_command, kg_env, run_kg, synth_articles, wait_stopped,
                               write_jsonl)

pytestmark = pytest.mark.neo4j
BATCH = ("--batch", "300")


@dataclass
class Server:
    home: Path
    password: str
    handle: Any
    lock_dir: Path

    @property
    def uri(self) -> str:
        return str(self.handle.uri)

    def env(self, **changes: str) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.password,
                "KG_LOCK_DIR": str(self.lock_dir), **changes}

    def store(self) -> Any:
        from kg.store.neo4j import Connection, Neo4jStore

        return Neo4jStore(Connection(self.uri, "neo4j", self.password))

    def snapshot(self) -> list[str]:
        with self.store() as s:
            return neo4j_snapshot(s)

    def wipe(self) -> None:
        with self.store() as s, s.session() as session:
            session.run("MATCH (n) DETACH DELETE n").consume()

    def restart(self) -> None:
        from tests.neo4j_server import start_server

        port = int(self.uri.rsplit(":", 1)[1])
        self.handle.stop()
        self.handle = start_server(self.home, port=port, password=self.password)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from tests.neo4j_server import in_ci, start_server, unavailable_reason

    reason = "NEO4J_URI is set: these tests stop and restart a server, so they start their own" \
        if os.environ.get("NEO4J_URI") else unavailable_reason()
    if reason:
        if in_ci() and not os.environ.get("NEO4J_URI"):
            pytest.fail(f"CI=true and Neo4j is not available: {reason}")
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("neo4j-faults")
    password = "chaos-" + secrets.token_hex(8)
    s = Server(root / "home", password, start_server(root / "home", password=password), root / "locks")
    try:
        yield s
    finally:
        s.handle.stop()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store of 32 synthetic articles (one identity-resolution link among them)."""
    folder = tmp_path_factory.mktemp("neo4j-source")
    articles = write_jsonl(folder / "a.jsonl", [{k: a[k] for k in ("id", "title", "date", "text")}
                                                for a in synth_articles(32, seed=11)])
    done = run_kg("ingest", str(articles), "--store", str(folder / "store"))
    assert done.returncode == 0, done.stderr
    return folder / "store"


@pytest.fixture(scope="module")
def reference(server: Server, source: Path) -> list[str]:
    """The graph of an uninterrupted load."""
    server.wipe()
    done = run_kg("load", "--store", str(source), *BATCH, **server.env())
    assert done.returncode == 0, done.stderr
    snapshot = server.snapshot()
    assert any(" SAME_AS " in line for line in snapshot)
    return snapshot


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.chaos("Neo4j down at the start (kg load, --backend neo4j, kg cypher)",
                   "exit 1, 'cannot connect … is it running?', no stack trace")
def test_server_down_at_start(tmp_path: Path, observed: Callable[[str], None]) -> None:
    store = tmp_path / "s"
    assert run_kg("ingest", str(ROOT / "kg" / "data" / "seed-000.txt"), "--store", str(store)).returncode == 0
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{_free_port()}", "NEO4J_PASSWORD": "whatever-pw", "KG_LOCK_DIR": str(tmp_path)}
    for args in (("load", "--store", str(store)), ("who-led", "Tổ giám sát", "--backend", "neo4j"),
                 ("cypher", "MATCH (n) RETURN count(n)")):
        message = assert_user_error(run_kg(*args, timeout=180, **env), "cannot connect to Neo4j", "is it running?")
    observed(f"exit 1: {message}")


@pytest.mark.chaos("wrong Neo4j password; no password on a server that needs one",
                   "exit 1, 'refused … wrong user or password', no stack trace, nothing written")
def test_wrong_credentials(server: Server, source: Path, reference: list[str], observed: Callable[[str], None]) -> None:
    wrong = assert_user_error(run_kg("load", "--store", str(source), **server.env(NEO4J_PASSWORD="not-the-pw-1")),
                              "refused user 'neo4j': wrong user or password")
    assert_user_error(run_kg("load", "--store", str(source), **server.env(NEO4J_PASSWORD="", NEO4J_USER="")),
                      "refused no credentials")
    assert "not-the-pw-1" not in wrong and server.snapshot() == reference
    observed(f"exit 1: {wrong}")


KILLS = [("load-flush:2", "after its 2nd batch", ()), ("summarise:1", "after every batch, before summarising "
         "shared nodes", ("--incremental",)), ("same-as:1", "before recomputing SAME_AS", ("--incremental",))]


@pytest.mark.parametrize("point,rerun", [
    pytest.param(p, r, id=p, marks=pytest.mark.chaos(f"SIGKILL kg load {what}",
                                                     f"rerun (kg load {' '.join(r)}): the graph of a clean load"))
    for p, what, r in KILLS])
def test_kill_during_load_then_rerun(server: Server, source: Path, reference: list[str], point: str,
                                     rerun: tuple[str, ...], observed: Callable[[str], None]) -> None:
    server.wipe()
    killed = run_kg("load", "--store", str(source), *BATCH, crash_at=point, **server.env())
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    partial = len(server.snapshot())
    done = run_kg("load", "--store", str(source), *BATCH, *rerun, **server.env())
    assert done.returncode == 0, done.stderr
    assert server.snapshot() == reference
    observed(f"{partial} of {len(reference)} nodes+relationships after the kill; equal after the rerun")


@pytest.mark.chaos("Neo4j stopped in the middle of kg load",
                   "the driver retries with backoff, then exit 1 with a clear message; after a restart a rerun "
                   "completes the graph")
def test_server_stopped_mid_load(server: Server, source: Path, reference: list[str],
                                 observed: Callable[[str], None]) -> None:
    server.wipe()
    load = subprocess.Popen(kg_command("load", "--store", str(source), *BATCH, crash_at="load-flush:2:stop"),
                            cwd=ROOT, env=kg_env("load-flush:2:stop", **server.env()), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_stopped(load)
        server.handle.stop()
    finally:
        load.send_signal(signal.SIGCONT)
    resumed = time.monotonic()
    out, err = load.communicate(timeout=300)
    waited = time.monotonic() - resumed
    lines = [line for line in err.splitlines() if line and not line.startswith("chaos: ")]
    retries = [line for line in lines[:-1] if line.startswith("kg: Neo4j did not answer")]
    assert load.returncode == 1 and "Traceback" not in err and retries == lines[:-1], err[-3000:]
    message = lines[-1]
    assert message.startswith("kg: cannot connect to Neo4j") and "run kg load again to finish it" in message, message
    assert len(retries) >= 3 and waited >= 10, f"gave up after {waited:.1f} s and {len(retries)} retries"
    delays = [float(line.rsplit("retrying in ", 1)[1].split()[0]) for line in retries]
    server.restart()
    done = run_kg("load", "--store", str(source), *BATCH, "--incremental", **server.env())
    assert done.returncode == 0, done.stderr
    assert server.snapshot() == reference
    observed(f"{len(retries)} retries, {' '.join(f'{d:.0f}' for d in delays)} s apart, then exit 1: {message}; "
             "the rerun after a restart: equal")


@pytest.mark.chaos("two kg load into the same Neo4j at once",
                   "the second refused (exit 1, names the pid of the first); the first completes the graph")
def test_two_loads_at_once(server: Server, source: Path, reference: list[str], observed: Callable[[str], None]) -> None:
    server.wipe()
    first = subprocess.Popen(kg_command("load", "--store", str(source), *BATCH, crash_at="load-flush:1:stop"),
                             cwd=ROOT, env=kg_env("load-flush:1:stop", **server.env()), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        wait_stopped(first)
        message = assert_user_error(run_kg("load", "--store", str(source), *BATCH, **server.env()),
                                    "another kg load", f"pid {first.pid}", "only one load at a time")
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=300) == 0
    assert server.snapshot() == reference
    observed(f"exit 1: {message}")


@pytest.mark.chaos("a kg load holding the load lock is killed", "the lock goes with it; the next load completes")
def test_load_lock_dies_with_its_load(server: Server, source: Path, reference: list[str]) -> None:
    server.wipe()
    first = subprocess.Popen(kg_command("load", "--store", str(source), *BATCH, crash_at="load-flush:1:stop"),
                             cwd=ROOT, env=kg_env("load-flush:1:stop", **server.env()), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    wait_stopped(first)
    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=60) == -signal.SIGKILL
    done = run_kg("load", "--store", str(source), *BATCH, "--incremental", **server.env())
    assert done.returncode == 0, done.stderr
    assert server.snapshot() == reference
