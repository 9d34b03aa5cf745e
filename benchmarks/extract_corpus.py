"""Extraction over a corpus on one core: counts, articles/s and MB/s, against a floor.

    python benchmarks/extract_corpus.py [ARTICLES.jsonl] [--limit N]

The floor is what no extractor can beat: reading the same lines, decoding the JSON and one
regex pass over each text (a capitalised-word scan). The ratio extractor/floor says how much
of the time is extraction proper. Also prints what issue #4 asks of a corpus run: how many
persons, posts, directives and events came out and how many articles produced nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.extract import extract_article  # noqa: E402
from kg.model import Article  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
_CAPITALISED = re.compile(r"\b[A-ZĐ][^\W\d_]+(?:\s+[A-ZĐ][^\W\d_]+)+")


def _rows(path: Path, limit: int | None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def floor(path: Path, limit: int | None) -> float:
    start = time.perf_counter()
    for row in _rows(path, limit):
        sum(1 for _ in _CAPITALISED.finditer(row.get("text") or ""))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"{args.path}: not found (the corpus sits in ../shared/corpus)", file=sys.stderr)
        return 2
    rows = _rows(args.path, args.limit)
    megabytes = sum(len((r.get("text") or "").encode("utf-8")) for r in rows) / 1e6
    extract_article(Article(id="warm-up", text=rows[0].get("text") or ""))  # load tables once
    counts = {"persons": 0, "posts": 0, "directives": 0, "events": 0, "participants": 0, "empty": 0}
    start = time.perf_counter()
    for r in rows:
        x = extract_article(Article(id=str(r["id"]), text=r.get("text") or "", date=r.get("date"), title=r.get("title")))
        counts["persons"] += len(x.persons)
        counts["posts"] += sum(len(p.positions) for p in x.persons)
        counts["directives"] += len(x.directives)
        counts["events"] += len(x.events)
        counts["participants"] += sum(len(e.participants) for e in x.events)
        counts["empty"] += not (x.persons or x.directives or x.events)
    elapsed = time.perf_counter() - start
    base = floor(args.path, args.limit)
    print(f"articles            {len(rows):>10,}")
    print(f"text                {megabytes:>10.2f} MB")
    for name, value in counts.items():
        label = "articles with nothing" if name == "empty" else name
        print(f"{label:<20}{value:>10,}")
    print(f"extraction          {len(rows) / elapsed:>10.1f} articles/s  {megabytes / elapsed:6.2f} MB/s")
    print(f"floor (read+regex)  {len(rows) / base:>10.1f} articles/s  {megabytes / base:6.2f} MB/s")
    print(f"ratio floor/extract {base / elapsed:>10.3f}  (1.0 would be as fast as reading the file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
