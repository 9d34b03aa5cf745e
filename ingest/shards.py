"""Beyond one machine: extraction mapped over article shards on Dask, N-Quads shards out, and
``kg ingest`` loading them into the store with the same per-article semantics as a direct run.

    kg shard articles/*.jsonl --out shards/ [--per-shard 1000] [--scheduler tcp://host:8786]
    kg ingest shards/                 # same store as `kg ingest articles/*.jsonl`

1. The driver (``make_shards``) scans the JSON Lines inputs for line offsets and cuts them into
   ranges of ``per_shard`` lines: small work, done once, so shard boundaries and line numbers
   do not depend on the cluster. Inputs must be readable by every worker (a shared or network
   file system, as for any Dask or Spark job).
2. Each range is one Dask task (``shard_range``): read its bytes, parse each line as ``kg
   ingest`` does (ingest.readers.parse_line), extract, build the article's named graph and write
   ``part-NNNNN.nq``. A shard is written under a temporary name and renamed when complete, so a
   retried or speculative task never leaves half a shard.
3. ``kg ingest`` of ``.nq`` shards (``load_shards``) hands each article's graph to the store's
   writer as it stands (kg.graph.EncodedGraph): the content-hash check, replace-a-changed-
   article and the bulk loader for new ones are the writer's, exactly as in a direct ingest.

The shard format is plain N-Quads (any RDF tool loads it) with one comment line before each
article, ``# kg-article {json}``: id, graph IRI, content hash, the byte length of its quads,
fact counts and warnings. Lines that could not be read or extracted are kept as ``# kg-skipped
{json}`` with their place and reason, so the summary of ``kg ingest shards/`` lists them as a
direct run would.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.graph import EncodedGraph
from kg.store.base import Change, Writer

SUFFIX = ".nq"
MANIFEST = "manifest.json"
_ARTICLE = b"# kg-article "
_SKIPPED = b"# kg-skipped "
_JSONL = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Range:
    """Lines ``first_line``… of ``path`` between byte offsets ``start`` and ``end``."""

    path: str
    start: int
    end: int
    first_line: int
    index: int              # the shard's number: part-{index:05d}.nq


@dataclass
class ShardRun:
    out: Path
    shards: list[str] = field(default_factory=list)
    articles: int = 0
    skipped: int = 0
    quads_bytes: int = 0


# --- 1. the driver ---------------------------------------------------------------------------

def ranges(paths: Iterable[str | os.PathLike[str]], per_shard: int) -> list[Range]:
    """Cut the JSON Lines files (or the .jsonl files under folders) into ranges of
    ``per_shard`` non-blank lines."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in _JSONL))
        elif p.is_file() and p.suffix.lower() in _JSONL:
            files.append(p)
        else:
            raise InputError(str(p), None, "not a .jsonl file or a folder of them (kg shard reads JSON Lines)")
    out: list[Range] = []
    for f in files:
        with f.open("rb") as handle:
            start, first, count, number, offset = 0, 1, 0, 0, 0
            for line in handle:
                number += 1
                if count == 0:
                    start, first = offset, number
                offset += len(line)
                if line.strip():
                    count += 1
                if count == per_shard:
                    out.append(Range(str(f), start, offset, first, len(out)))
                    count = 0
            if count:
                out.append(Range(str(f), start, offset, first, len(out)))
    return out


def make_shards(paths: Iterable[str | os.PathLike[str]], out: Path, *, per_shard: int = 1000,
                scheduler: str | None = None, workers: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> ShardRun:
    """Extract every article under ``paths`` into N-Quads shards in ``out``, on Dask.

    Args:
        paths: JSON Lines files, or folders of them.
        out: the folder for ``part-NNNNN.nq`` and ``manifest.json`` (created; old parts removed).
        per_shard: articles per shard (one Dask task each).
        scheduler: a Dask scheduler's address; None starts a local cluster of ``workers``
            processes (default: the number of cores) for this run.
        progress: called with (shards done, shards) as they finish.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:   # the optional extra
        raise InputError("dask", None, "the distributed path needs Dask: pip install 'kg-vn[scale]'") from e

    inputs = [str(p) for p in paths]
    todo = ranges(inputs, per_shard)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"part-*{SUFFIX}"):
        old.unlink()
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    run = ShardRun(out)
    with Client(cluster if cluster is not None else scheduler) as client:
        futures = client.map(shard_range, todo, out=str(out), pure=False)
        done = 0
        for future in as_completed(futures):
            result = future.result()
            run.articles += result["articles"]
            run.skipped += result["skipped"]
            run.quads_bytes += result["bytes"]
            done += 1
            if progress:
                progress(done, len(todo))
    if cluster is not None:
        cluster.close()
    run.shards = sorted(p.name for p in out.glob(f"part-*{SUFFIX}"))
    (out / MANIFEST).write_text(json.dumps({"articles": run.articles, "skipped": run.skipped, "shards": run.shards,
                                            "inputs": inputs,
                                            "per_shard": per_shard}, indent=1) + "\n", encoding="utf-8")
    return run


# --- 2. one task ------------------------------------------------------------------------------

def shard_range(r: Range, out: str, extractor: Callable[..., Any] | None = None) -> dict[str, int]:
    """Read the lines of ``r``, extract and build each article, write ``part-{index}.nq``."""
    with open(r.path, "rb") as f:
        f.seek(r.start)
        data = f.read(r.end - r.start)
    target = Path(out) / f"part-{r.index:05d}{SUFFIX}"
    return write_shard(((r.first_line + i, line) for i, line in enumerate(data.split(b"\n"))), r.path, target, extractor)


def write_shard(lines: Iterable[tuple[int, bytes]], source: str, target: Path,
                extractor: Callable[..., Any] | None = None) -> dict[str, int]:
    """Write the shard of (line number, JSON line) pairs to ``target`` (atomically)."""
    from ingest.readers import parse_line
    from ingest.workers import outcome

    if extractor is None:
        from ingest.extract import extract_article as extractor
    counts = {"articles": 0, "skipped": 0, "bytes": 0}
    part = target.with_name(target.name + ".part")
    with part.open("wb") as f:
        for number, raw in lines:
            if not raw.strip():
                continue
            try:
                article = parse_line(raw, source, number)
            except InputError as e:
                _skip(f, f"{source}:{number}", e.reason, counts)
                continue
            result = outcome(extractor, article)
            if isinstance(result, Exception):
                _skip(f, article.origin or f"{source}:{number}",
                      f"extraction failed: {type(result).__name__}: {result}", counts)
                continue
            head = {"id": result.article_id, "graph": result.graph, "digest": result.digest,
                    "bytes": len(result.nquads), "counts": result.counts, "warnings": list(result.warnings)}
            f.write(_ARTICLE + json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n")
            f.write(result.nquads)
            counts["articles"] += 1
            counts["bytes"] += len(result.nquads)
    os.replace(part, target)
    return counts


def _skip(f: Any, where: str, reason: str, counts: dict[str, int]) -> None:
    f.write(_SKIPPED + json.dumps({"where": where, "reason": reason}, ensure_ascii=False).encode("utf-8") + b"\n")
    counts["skipped"] += 1


# --- 3. kg ingest of shards -------------------------------------------------------------------

def split_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """(shard files, other inputs): ``.nq`` files, and folders holding ``.nq`` files (a
    ``kg shard`` output), are shards; everything else is left to the article readers."""
    shards: list[Path] = []
    others: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_file() and p.suffix.lower() == SUFFIX:
            shards.append(p)
        elif p.is_dir() and any(p.glob(f"*{SUFFIX}")):
            shards.extend(sorted(p.glob(f"*{SUFFIX}")))
        else:
            others.append(p)
    return shards, others


def read_shard(path: Path) -> Iterator[EncodedGraph | tuple[str, str]]:
    """The articles of a shard (EncodedGraph) and its skipped lines ((where, reason))."""
    with path.open("rb") as f:
        for number, line in enumerate(iter(f.readline, b""), start=1):
            if line.startswith(_ARTICLE):
                head = json.loads(line[len(_ARTICLE):])
                data = f.read(head["bytes"])
                yield EncodedGraph(head["id"], head["graph"], head["digest"], data, head.get("counts", {}),
                                   tuple(head.get("warnings", ())))
            elif line.startswith(_SKIPPED):
                item = json.loads(line[len(_SKIPPED):])
                yield item["where"], item["reason"]
            elif line.strip():
                raise InputError(str(path), None, "not a kg shard (quads outside an article block; "
                                                  "write shards with kg shard)")


def load_shards(shards: Iterable[Path], writer: Writer, progress: Callable[[Any], None] | None = None,
                summary: Any = None) -> Any:
    """Hand every article graph of ``shards`` (in order) to ``writer``; the pipeline's Summary."""
    from ingest.pipeline import Progress, Summary
    from kg.graph import decode

    files = list(shards)
    total = sum(f.stat().st_size for f in files)
    summary = summary if summary is not None else Summary()
    as_is = getattr(writer, "accepts_encoded", False)
    done = 0
    for path in files:
        for item in read_shard(path):
            if isinstance(item, tuple):
                summary.skipped.append(item)
                continue
            change = writer.add_article(item if as_is else decode(item))  # type: ignore[arg-type]
            summary.articles += 1
            summary.changes[change.value] += 1
            if change is not Change.unchanged:
                summary.facts.update(item.counts)
            summary.warnings.extend((item.article_id, w) for w in item.warnings)
            done += len(item.nquads)
            if progress:
                progress(Progress(summary.articles + len(summary.skipped), done, total))
    writer.flush()
    return summary
