"""Running ``kg`` as a user does (a separate process, real exit codes and streams), and the
small articles the chaos tests feed it: synthetic ones from ``ingest.synth`` (no corpus text
in the repository), written to files in a test's temporary folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
_MAIN = "import sys; sys.argv[0] = 'kg'; from kg.cli import main; main()"
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def kg_command(*args: str, crash_at: str | None = None) -> list[str]:
    """The command line of ``kg ARGS``; with ``crash_at``, through tests/chaos/crashing.py."""
    if crash_at is not None:
        return [sys.executable, "-m", "tests.chaos.crashing", *args]
    return [sys.executable, "-c", _MAIN, *args]


def kg_env(crash_at: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "NEO4J_"))}
    env.update({"PYTHONPATH": str(ROOT), "COLUMNS": "200", "NO_COLOR": "1", **extra})
    if crash_at is not None:
        env["KG_CHAOS_AT"] = crash_at
    return env


def run_kg(*args: str, crash_at: str | None = None, timeout: float = 600, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(kg_command(*args, crash_at=crash_at), cwd=ROOT, env=kg_env(crash_at, **env),
                          capture_output=True, text=True, timeout=timeout, check=False)


def assert_user_error(done: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit code 1, one ``kg: …`` line on stderr containing every needle, no traceback."""
    assert done.returncode == 1, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    message = done.stderr.strip()
    assert message.startswith("kg: ") and len(message.splitlines()) == 1, message
    for needle in needles:
        assert needle in message, (needle, message)
    return message


@cache
def synth_articles(n: int = 12, seed: int = 11) -> tuple[dict[str, Any], ...]:
    """``n`` synthetic articles (FORMAT.md input lines), the same on every run."""
    from ingest.synth import generate

    return tuple(article for article, _gold in generate(n, seed))


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def to_cp1258(text: str) -> bytes:
    """Vietnamese text in Windows-1258 as Windows writes it: base letters with their
    circumflex, breve or horn precomposed where the code page has them, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out += (base + "".join(c for c in decomposed if c in TONES)).encode("cp1258")
    return bytes(out)


def wait_stopped(proc: subprocess.Popen[Any], timeout: float = 120) -> None:
    """Wait until ``proc`` has stopped itself (SIGSTOP, state T in /proc) at its chaos point."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the writer ended instead of stopping"
        state = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            return
        time.sleep(0.05)
    raise AssertionError("the writer did not reach its stop point")
