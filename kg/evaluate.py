"""Scoring extraction against gold facts with the project's fixed scorer (shared/eval/score.py).

The scorer is loaded from its file rather than copied, so `kg eval` always measures with the
same rules as the contract; ``diff`` lists, per article and category, what was missed and what
was spurious, using the scorer's own normalisation.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from kg.errors import InputError

DEFAULT_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


def load_scorer(path: Path | None = None) -> ModuleType:
    path = path or DEFAULT_SCORER
    if not path.is_file():
        raise InputError(str(path), None, "scorer not found (pass --scorer PATH to shared/eval/score.py)")
    spec = importlib.util.spec_from_file_location("kg_contract_scorer", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class ArticleDiff:
    article_id: str
    category: str
    missed: tuple[Any, ...]
    spurious: tuple[Any, ...]


def score(gold: Path, pred: Path, scorer: ModuleType | None = None) -> dict[str, dict[str, float]]:
    scorer = scorer or load_scorer()
    return scorer.score(_load(scorer, gold), _load(scorer, pred))


def diff(gold: Path, pred: Path, scorer: ModuleType | None = None) -> list[ArticleDiff]:
    scorer = scorer or load_scorer()
    gold_rows, pred_rows = _load(scorer, gold), _load(scorer, pred)
    out: list[ArticleDiff] = []
    for article_id, gold_article in gold_rows.items():
        g = scorer.facts(gold_article)
        p = scorer.facts(pred_rows.get(article_id, {}))
        for category in g:
            if category == "leadership":
                missed = tuple(x for x in g[category] if not any(x[0] == y[0] and scorer.led_match(x[1], y[1]) for y in p[category]))
                spurious = tuple(y for y in p[category] if not any(x[0] == y[0] and scorer.led_match(x[1], y[1]) for x in g[category]))
            else:
                missed = tuple(sorted(set(g[category]) - set(p[category]), key=str))
                spurious = tuple(sorted(set(p[category]) - set(g[category]), key=str))
            if missed or spurious:
                out.append(ArticleDiff(article_id, category, missed, spurious))
    return out


def _load(scorer: ModuleType, path: Path) -> dict[str, dict]:
    try:
        return scorer.load(str(path))
    except ValueError as exc:  # json.JSONDecodeError
        raise InputError(str(path), getattr(exc, "lineno", None), f"not valid JSON ({exc})") from exc
    except FileNotFoundError as exc:
        raise InputError(str(path), None, "file not found") from exc
