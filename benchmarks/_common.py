"""Shared by the benchmark scripts: corpora of a given size, the machine, timing a child process."""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KG = str(BIN / "kg")
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
CACHE = Path(os.environ.get("KG_BENCH_DIR", ROOT / "build" / "bench"))


def load_articles(path: Path, limit: int | None = None) -> list:
    """The first ``limit`` articles of a JSON Lines file, as kg.model.Article."""
    from kg.model import Article

    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out.append(Article(id=str(r["id"]), text=r.get("text") or "", title=r.get("title"), date=r.get("date")))
            if limit and len(out) >= limit:
                break
    return out


def corpus(n: int, seed: int = 7) -> Path:
    """A synthetic corpus of ``n`` articles (``kg synth``), cached under build/bench. Without
    ``kg synth`` the shared corpus is repeated with its ids rewritten (a stand-in)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / f"synth-{n}-s{seed}.jsonl"
    if out.exists():
        return out
    tmp = out.with_suffix(".part")
    done = subprocess.run([KG, "synth", str(n), "--seed", str(seed), "--out", str(tmp)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        _repeat_shared(n, tmp)
    tmp.rename(out)
    return out


def _repeat_shared(n: int, out: Path) -> None:
    rows = [json.loads(line) for line in SHARED_CORPUS.open(encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            r = dict(rows[i % len(rows)])
            r["id"] = f"{r['id']}-r{i // len(rows)}"
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine_line() -> str:
    return (f"machine: {os.cpu_count()} cores ({cpu_model()}), {memory_gb():.1f} GB, "
            f"Python {platform.python_version()}, load average {load()}")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str
    returncode: int
    cpu_seconds: float = 0.0     # user + system time of the child and every process it waited for


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 1200) -> Run:
    """Run a command; wall time, CPU time and the peak RSS of its largest process (ru_maxrss of
    RUSAGE_CHILDREN is the largest child so far, so each measure runs in its own waiter process)."""
    code = ("import resource,subprocess,sys,time,json\n"
            "t=time.perf_counter(); p=subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "dt=time.perf_counter()-t; u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(json.dumps({'s':dt,'rss':u.ru_maxrss,'cpu':u.ru_utime+u.ru_stime,'out':p.stdout,'err':p.stderr,'rc':p.returncode}))")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)
    data = json.loads(done.stdout)
    return Run(data["s"], data["rss"] / 1024, data["out"], data["err"], data["rc"], data["cpu"])


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def rss_self_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timer() -> float:
    return time.perf_counter()
