#!/usr/bin/env python3
"""Generate a synthetic corpus, time it, and check that extraction stays correct on a sample.

    python benchmarks/synth_check.py N SEED [--sample K] [--out FILE]

Prints: generation speed (articles/s, MB/s of text) against its baseline in the same run (writing
the same articles as JSON Lines to memory, the least any generator must do), peak memory (flat
as N grows: the generator streams), extraction speed on an evenly spread sample of K articles
(default 200), and score.py's table for that sample against the generator's gold facts.
score.py is read from ../shared/eval (KG_SHARED overrides); without it the scores are skipped.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.synth import generate  # noqa: E402


def _scorer():  # type: ignore[no-untyped-def]
    path = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "eval" / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("contract_score", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("--sample", type=int, default=200, help="articles to extract and score")
    ap.add_argument("--out", type=Path, help="also write the articles here (JSON Lines)")
    args = ap.parse_args(argv)

    every = max(1, args.n // max(args.sample, 1))  # an evenly spread sample of the corpus
    sample: list[tuple[dict, dict]] = []
    chars = 0
    sink = args.out.open("w", encoding="utf-8") if args.out else None
    start = time.perf_counter()
    for i, (article, gold) in enumerate(generate(args.n, args.seed)):
        chars += len(article["text"].encode("utf-8"))
        if sink:
            sink.write(json.dumps(article, ensure_ascii=False) + "\n")
        if args.sample and i % every == 0 and len(sample) < args.sample:
            sample.append((article, gold))
    gen_s = time.perf_counter() - start
    if sink:
        sink.close()
    peak = _peak_mb()

    # Baseline: serialising the sample's articles as JSON Lines (the least any generator must do
    # per article of this size), timed in the same run.
    rounds = max(1, 2000 // max(len(sample), 1))
    buf = io.StringIO()
    t = time.perf_counter()
    for _ in range(rounds):
        for article, _g in sample:
            buf.write(json.dumps(article, ensure_ascii=False) + "\n")
    base = (time.perf_counter() - t) / (rounds * max(len(sample), 1))
    rate = args.n / gen_s if gen_s else float("inf")
    print(f"generated {args.n:,} articles (seed {args.seed}) in {gen_s:.1f} s: {rate:,.0f} articles/s, "
          f"{chars / gen_s / 1e6:.2f} MB/s, {chars / max(args.n, 1):,.0f} bytes/article", flush=True)
    if sample:
        print(f"  baseline (JSON Lines serialisation only): {1 / base:,.0f} articles/s; "
              f"generation costs {(1 / rate) / base:.1f}x the baseline per article", flush=True)
    print(f"  peak memory {peak:,.0f} MB", flush=True)
    if not sample:
        return 0

    from ingest.extract import extract_article
    from ingest.extract.contract import to_contract
    from kg.model import Article

    preds, golds = {}, {}
    t = time.perf_counter()
    for article, gold in sample:
        a = Article(id=article["id"], text=article["text"], title=article.get("title"), date=article.get("date"))
        preds[article["id"]] = to_contract(extract_article(a))
        golds[article["id"]] = gold
    ext_s = time.perf_counter() - t
    print(f"extracted {len(sample)} sampled articles in {ext_s:.1f} s: {len(sample) / ext_s:,.0f} articles/s "
          f"(generation is {rate / (len(sample) / ext_s):.1f}x faster than extraction)")
    scorer = _scorer()
    if scorer is None:
        print("score.py not found (set KG_SHARED): scores skipped")
        return 0
    result = scorer.score(golds, preds)
    print(f"{'category':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for category, r in result.items():
        print(f"{category:<18} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['gold']:6d} {r['predicted']:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
