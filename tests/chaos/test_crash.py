"""Crash safety of ``kg ingest``: SIGKILL at chosen points (tests/chaos/crashing.py) and at
moments picked by the clock, then a rerun; the store ends identical (same quads, same search
index) to an uninterrupted run: no lost, duplicated or half-written article. Two writers at once: the
second is refused with a clear lock message while the first goes on."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.chaos.graphs import embedded_quads, index_snapshot
from tests.chaos.kgrun import (ROOT, assert_user_error, kg_command, kg_env, run_kg, synth_articles, wait_stopped,
                               write_jsonl)

BATCH = {"KG_BATCH": "4"}
RESOLUTION = "<https://w3id.org/kg-vn/graph/resolution>"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """v1: 32 articles (two of them name a person identity resolution links, so the
    resolution graph is not empty); v2: a third of them changed, and 8 new (the replace path)."""
    folder = tmp_path_factory.mktemp("crash")
    keep = ("id", "title", "date", "text")
    v1 = [{k: a[k] for k in keep} for a in synth_articles(32, seed=11)]
    v2 = [({**a, "text": a["text"] + "\nÔng Trần Văn Mười, Phó Bí thư Tỉnh ủy, dự hội nghị."} if i % 3 == 0 else a)
          for i, a in enumerate(v1)] + [{k: a[k] for k in keep} for a in synth_articles(8, seed=16)]
    return {"v1": write_jsonl(folder / "v1.jsonl", v1), "v2": write_jsonl(folder / "v2.jsonl", v2)}


@pytest.fixture(scope="module")
def clean(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The quads of uninterrupted runs: v1 alone, and v1 then v2; and their search indexes
    ("v1 index", "v2 index")."""
    store = tmp_path_factory.mktemp("clean") / "store"
    out = {}
    for name in ("v1", "v2"):
        done = run_kg("ingest", str(inputs[name]), "--store", str(store), **BATCH)
        assert done.returncode == 0, done.stderr
        out[name] = embedded_quads(store)
        out[f"{name} index"] = index_snapshot(store)
    assert len(out["v1"]) > 5000 and out["v1"] != out["v2"]
    assert any(RESOLUTION in q for q in out["v1"]), "no identity-resolution link: the resolution points test nothing"
    return out


POINTS = [
    ("article:7", "after the 7th article was handed to the writer (unflushed)"),
    ("flush:3", "as the 3rd batch is about to be written"),
    ("flushed:2", "right after the 2nd batch was written"),
    ("resolution:1", "after every article, before identity resolution is rebuilt"),
    ("close:1", "after everything, before the store is closed (RocksDB not flushed by kg)"),
]


@pytest.mark.parametrize("point", [
    pytest.param(p, id=p, marks=pytest.mark.chaos(f"SIGKILL kg ingest {what}",
                                                  "rerun: exit 0, the same quads as an uninterrupted run"))
    for p, what in POINTS])
def test_kill_at_a_point_then_rerun(point: str, inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path,
                                    observed: Callable[[str], None]) -> None:
    store = tmp_path / "store"
    killed = run_kg("ingest", str(inputs["v1"]), "--store", str(store), crash_at=point, **BATCH)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    partial = len(embedded_quads(store))
    rerun = run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert embedded_quads(store) == clean["v1"]
    assert index_snapshot(store) == clean["v1 index"]
    observed(f"{partial} of {len(clean['v1'])} quads after the kill; equal after the rerun")


@pytest.mark.chaos("SIGKILL kg ingest between a batch's new and changed articles (re-ingest of changed text)",
                   "rerun: the same quads as v1 then v2 uninterrupted")
def test_kill_while_replacing_changed_articles(inputs: dict[str, Path], clean: dict[str, list[str]],
                                               tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH).returncode == 0
    killed = run_kg("ingest", str(inputs["v2"]), "--store", str(store), crash_at="between:2", **BATCH)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert run_kg("ingest", str(inputs["v2"]), "--store", str(store), **BATCH).returncode == 0
    assert embedded_quads(store) == clean["v2"]
    assert index_snapshot(store) == clean["v2 index"]


@pytest.mark.chaos("SIGKILL kg ingest twice (two points), then rerun", "the same quads as an uninterrupted run")
def test_two_kills_then_rerun(inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path) -> None:
    store = tmp_path / "store"
    for point in ("flushed:1", "article:13"):
        killed = run_kg("ingest", str(inputs["v1"]), "--store", str(store), crash_at=point, **BATCH)
        assert killed.returncode == -signal.SIGKILL
    assert run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH).returncode == 0
    assert embedded_quads(store) == clean["v1"]
    assert index_snapshot(store) == clean["v1 index"]


def _quads_or_none(store: Path) -> int | str:
    from kg.errors import StoreError

    try:
        return len(embedded_quads(store))
    except StoreError as e:
        return "no store" if "no store" in str(e) else "incomplete store"


def _store_bytes(store: Path) -> int:
    try:
        return sum(f.stat().st_size for f in store.iterdir() if f.is_file())
    except FileNotFoundError:
        return 0


@pytest.mark.chaos("SIGKILL the real kg ingest (no hooks) as the store grows past 1 byte, 30%, 60%, 90%",
                   "each rerun: the same quads as an uninterrupted run")
def test_kill_as_the_store_grows(inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path,
                                 observed: Callable[[str], None]) -> None:
    reference = tmp_path / "reference"
    assert run_kg("ingest", str(inputs["v1"]), "--store", str(reference), **BATCH).returncode == 0
    full = _store_bytes(reference)
    seen = []
    for i, fraction in enumerate((0.0, 0.3, 0.6, 0.9)):
        store = tmp_path / f"store-{i}"
        proc = subprocess.Popen(kg_command("ingest", str(inputs["v1"]), "--store", str(store)), cwd=ROOT,
                                env=kg_env(**BATCH), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and _store_bytes(store) <= max(1, full * fraction) + 4096:   # lock + options files
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        code = proc.wait(timeout=60)
        partial = _quads_or_none(store)
        seen.append(f"{fraction:.0%}: {partial}{' quads' if isinstance(partial, int) else ''}"
                    + ("" if code == -signal.SIGKILL else " (had finished)"))
        assert run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH).returncode == 0
        assert embedded_quads(store) == clean["v1"], f"killed at {fraction:.0%} of the store's size"
        assert index_snapshot(store) == clean["v1 index"], f"killed at {fraction:.0%} of the store's size"
    observed(f"{len(clean['v1'])} quads in all; killed at " + ", ".join(seen))


@pytest.mark.chaos("two kg ingest on the same store at once",
                   "the second (and a reader) refused with a lock message naming the pid; the first completes")
def test_second_writer_is_refused(inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path,
                                  observed: Callable[[str], None]) -> None:
    store = tmp_path / "store"
    first = subprocess.Popen(kg_command("ingest", str(inputs["v1"]), "--store", str(store), crash_at="flushed:2:stop"),
                             cwd=ROOT, env=kg_env("flushed:2:stop", **BATCH), stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    try:
        wait_stopped(first)    # frozen mid-run, holding the write lock, two batches on disk
        second = run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH)
        message = assert_user_error(second, "open in another kg process", f"pid {first.pid}",
                                    "only one process can write at a time")
        reader = run_kg("stats", "--store", str(store))
        assert_user_error(reader, "being written by another kg process")
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=300) == 0
    assert embedded_quads(store) == clean["v1"]
    observed(f"exit 1: {message.replace(str(store), 'STORE')}")


@pytest.mark.chaos("a writer holding the lock is killed (SIGKILL)",
                   "the lock goes with it: the next kg ingest runs and completes the store")
def test_lock_dies_with_its_writer(inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = subprocess.Popen(kg_command("ingest", str(inputs["v1"]), "--store", str(store), crash_at="article:5:stop"),
                             cwd=ROOT, env=kg_env("article:5:stop", **BATCH), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    wait_stopped(first)
    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=60) == -signal.SIGKILL
    assert run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH).returncode == 0
    assert embedded_quads(store) == clean["v1"]


@pytest.mark.chaos("a store left half-created (killed while RocksDB creates it), then kg stats / kg ingest",
                   "stats: exit 1, 'incomplete … run kg ingest again' (no traceback); ingest completes it")
def test_half_created_store(inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path,
                            observed: Callable[[str], None]) -> None:
    import sys

    store = tmp_path / "store"
    for _ in range(20):   # kill the creating process as soon as RocksDB's CURRENT file appears
        shutil.rmtree(store, ignore_errors=True)
        store.mkdir()
        proc = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({str(store)!r})"])
        while proc.poll() is None and not (store / "CURRENT").exists():
            time.sleep(0.0002)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if _quads_or_none(store) == "incomplete store":
            break
    else:
        pytest.skip("could not catch RocksDB half-way through creating a store in 20 tries")
    message = assert_user_error(run_kg("stats", "--store", str(store)), "incomplete", "run kg ingest again")
    assert run_kg("ingest", str(inputs["v1"]), "--store", str(store), **BATCH).returncode == 0
    assert embedded_quads(store) == clean["v1"]
    observed(f"exit 1: {message.replace(str(store), 'STORE')}")


@pytest.mark.parametrize("point", [
    pytest.param(p, id=p, marks=pytest.mark.chaos(f"SIGKILL kg ingest inside Oxigraph's bulk loader ({what})",
                                                  "rerun: the same quads (articles without their marker are "
                                                  "replaced whole)"))
    for p, what in (("parsed:1500", "early"), ("parsed:9000", "near the end of the batch"))])
def test_kill_inside_the_bulk_loader(point: str, inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path,
                                     observed: Callable[[str], None]) -> None:
    store = tmp_path / "store"
    killed = run_kg("ingest", str(inputs["v1"]), "--store", str(store), crash_at=point, KG_CHAOS_BULK="1")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    partial = _quads_or_none(store)
    assert run_kg("ingest", str(inputs["v1"]), "--store", str(store)).returncode == 0
    assert embedded_quads(store) == clean["v1"]
    assert index_snapshot(store) == clean["v1 index"]
    observed(f"{partial} quads after the kill; equal after the rerun")


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.chaos("SIGKILL kg ingest --workers 2 while its workers extract",
                   "rerun: the same quads; no worker process left behind")
def test_kill_with_workers(inputs: dict[str, Path], clean: dict[str, list[str]], tmp_path: Path,
                           observed: Callable[[str], None]) -> None:
    store = tmp_path / "store"
    # Frozen (SIGSTOP) as the 2nd article reaches the writer, so the workers are mid-run whatever
    # the machine's speed; a sleep raced the run and lost on a fast CI machine.
    proc = subprocess.Popen(kg_command("ingest", str(inputs["v1"]), "--store", str(store), "--workers", "2",
                                       crash_at="article:2:stop"),
                            cwd=ROOT, env=kg_env("article:2:stop", **BATCH), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    family: list[int] = []
    try:
        wait_stopped(proc)
        family = sorted(_descendants(proc.pid))
        assert len(family) >= 3, f"expected the forkserver and 2 workers under kg ingest, found {family}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert run_kg("ingest", str(inputs["v1"]), "--store", str(store), "--workers", "2", **BATCH).returncode == 0
        assert embedded_quads(store) == clean["v1"]
        assert index_snapshot(store) == clean["v1 index"]
        time.sleep(5)
        left = [pid for pid in family if Path(f"/proc/{pid}").exists()
                and "multiprocessing" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        observed(f"{len(family)} helper processes ({len(left)} still alive 5 s after the kill)")
        assert left == [], f"processes of the killed run still alive: {left}"
    finally:
        for pid in family:   # the processes this test started, by pid
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
