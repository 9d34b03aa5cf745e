"""Start a real Neo4j 5.26 Community server (no Docker) for tests.

The server is the small launcher in ``tools/neo4j-server`` (embedded DBMS + Bolt, built from Maven
Central by ``scripts/neo4j-server.sh build``). This module runs it in the foreground through
``scripts/neo4j-server.sh run`` (which ``exec``\\ s java with the required JVM flags), reads its stdout
until the single ``BOLT_URI=bolt://127.0.0.1:PORT`` line and returns a handle::

    from tests.neo4j_server import start_server, neo4j_available

    handle = start_server(tmp_path / "neo4j")          # port 0 = a free port
    driver = neo4j.GraphDatabase.driver(handle.uri, auth=handle.auth)
    ...
    handle.stop()

This is a plain module, not a conftest: a session fixture can wrap ``start_server`` (and honour
``NEO4J_URI`` when it is set). Auth is off unless ``password=`` is given (>= 8 characters); then user
``neo4j`` has that password and ``handle.auth`` is ``("neo4j", password)``.
"""
from __future__ import annotations

import atexit
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j-server.sh"
PROJECT = ROOT / "tools" / "neo4j-server"
MAIN_CLASS_FILE = PROJECT / "target" / "classes" / "kg" / "tools" / "neo4j" / "KgNeo4jServer.class"

START_TIMEOUT = 300.0  # seconds from JVM start to BOLT_URI (about 10-20 s on a 2-core box)
BUILD_TIMEOUT = 900.0  # first build downloads ~125 MB of jars into ~/.m2
PASSWORD_ENV = "KG_NEO4J_PASSWORD"
URI_PREFIX = "BOLT_URI="

_live: list[ServerHandle] = []


def in_ci() -> bool:
    """True when running under CI (``CI=true``): missing Neo4j must then fail, not skip."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def is_built() -> bool:
    lib = PROJECT / "target" / "lib"
    return (
        MAIN_CLASS_FILE.is_file()
        and any((PROJECT / "target").glob("kg-neo4j-server-*.jar"))
        and lib.is_dir()
        and any(lib.glob("neo4j-kernel-*.jar"))
    )


def unavailable_reason() -> str | None:
    """Why a local server cannot be started here, or None if it can (or NEO4J_URI is set)."""
    if os.environ.get("NEO4J_URI"):
        return None
    if not SCRIPT.is_file():
        return f"{SCRIPT} is missing"
    if shutil.which("bash") is None:
        return "bash is not installed"
    if _java() is None:
        return "java (17 or 21) is not installed and JAVA_HOME is not set"
    if not is_built() and shutil.which(os.environ.get("MVN", "mvn")) is None:
        return "tools/neo4j-server is not built and maven (mvn) is not installed"
    return None


def neo4j_available() -> bool:
    """True if NEO4J_URI is set or a local server can be started (java + built jars or maven)."""
    return unavailable_reason() is None


@dataclass
class ServerHandle:
    """A running server: ``uri`` (bolt://127.0.0.1:PORT), ``auth`` for the driver, ``stop()``."""

    uri: str
    process: subprocess.Popen[bytes] | None = None
    data_dir: Path | None = None
    log_path: Path | None = None
    auth: tuple[str, str] | None = None
    _stopped: bool = field(default=False, repr=False)

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM (the JVM's shutdown hook closes the store), wait, SIGKILL as a last resort. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        if self in _live:
            _live.remove(self)
        p = self.process
        if p is None or p.poll() is not None:
            return
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=30)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, n: int = 40) -> str:
        return _tail(self.log_path, n) if self.log_path else ""

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _tail(path: Path | None, n: int) -> str:
    if path is None or not path.is_file():
        return ""
    with open(path, encoding="utf-8", errors="replace") as f:
        return "".join(deque(f, maxlen=n))


def build(timeout: float = BUILD_TIMEOUT) -> None:
    """``scripts/neo4j-server.sh build`` (offline first, then Maven Central). Raises RuntimeError on failure."""
    try:
        r = subprocess.run(
            ["bash", str(SCRIPT), "build"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"building tools/neo4j-server took more than {timeout:.0f} s") from e
    if r.returncode != 0:
        out = r.stdout.decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"building tools/neo4j-server failed (exit {r.returncode}):\n{out}")


def start_server(
    data_dir: str | os.PathLike[str],
    *,
    port: int = 0,
    password: str | None = None,
    timeout: float = START_TIMEOUT,
    extra_args: Sequence[str] = (),
    heap: str | None = None,
) -> ServerHandle:
    """Start a server whose Neo4j home (store + logs) is ``data_dir``; return once Bolt is ready.

    Reads the launcher's stdout until ``BOLT_URI=`` (at most ``timeout`` seconds). On failure the process
    is stopped and a RuntimeError carries the last lines of its log. ``extra_args`` go to the launcher
    (for example ``["--set", "db.transaction.timeout=30s"]``).
    """
    reason = unavailable_reason()
    if reason and not os.environ.get("NEO4J_URI"):
        raise RuntimeError(f"cannot start Neo4j: {reason}")
    if not is_built():
        build()

    data = Path(data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True)
    log_path = data / "kg-neo4j-server.log"
    env = dict(os.environ)
    env.pop(PASSWORD_ENV, None)
    if password is not None:
        env[PASSWORD_ENV] = password
    if heap:
        env["KG_NEO4J_HEAP"] = heap
    cmd = ["bash", str(SCRIPT), "run", "--port", str(port), "--data", str(data), *extra_args]

    log = open(log_path, "ab")
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            cwd=ROOT,
            env=env,
            start_new_session=True,  # a Ctrl-C in pytest does not hit the JVM before teardown
        )
    finally:
        log.close()  # the child holds its own descriptor

    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:  # keeps draining stdout for the life of the process
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", "replace").strip())
        lines.put(None)

    threading.Thread(target=pump, name="neo4j-server-stdout", daemon=True).start()

    handle = ServerHandle(
        uri="",
        process=proc,
        data_dir=data,
        log_path=log_path,
        auth=("neo4j", password) if password is not None else None,
    )
    deadline = time.monotonic() + timeout
    t0 = time.monotonic()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            handle.stop(timeout=30)
            raise RuntimeError(
                f"Neo4j did not print {URI_PREFIX} within {timeout:.0f} s; last log lines "
                f"({log_path}):\n{_tail(log_path, 40)}"
            )
        try:
            line = lines.get(timeout=min(left, 1.0))
        except queue.Empty:
            continue
        if line is None:  # stdout closed: the process ended
            rc = proc.wait(timeout=30)
            handle._stopped = True
            raise RuntimeError(
                f"Neo4j exited with code {rc} after {time.monotonic() - t0:.1f} s before it was ready; "
                f"last log lines ({log_path}):\n{_tail(log_path, 40)}"
            )
        if line.startswith(URI_PREFIX):
            handle.uri = line[len(URI_PREFIX):]
            break
    _live.append(handle)
    return handle


@atexit.register
def _stop_all() -> None:  # never leave a JVM behind if a fixture forgot to stop it
    for h in list(_live):
        try:
            h.stop(timeout=30)
        except Exception:
            pass
