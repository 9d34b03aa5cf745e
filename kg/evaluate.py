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
        # The scorer compares normalised strings (tone marks moved, case folded); show them as written.
        shown = _as_written(scorer, gold_article) | _as_written(scorer, pred_rows.get(article_id, {}))
        for category in g:
            if category == "leadership":
                missed = tuple(x for x in g[category] if not any(x[0] == y[0] and scorer.led_match(x[1], y[1]) for y in p[category]))
                spurious = tuple(y for y in p[category] if not any(x[0] == y[0] and scorer.led_match(x[1], y[1]) for x in g[category]))
            else:
                missed = tuple(sorted(set(g[category]) - set(p[category]), key=str))
                spurious = tuple(sorted(set(p[category]) - set(g[category]), key=str))
            if missed or spurious:
                out.append(ArticleDiff(article_id, category, _show(missed, shown), _show(spurious, shown)))
    return out


def _as_written(scorer: ModuleType, article: dict) -> dict[str, str]:
    strings: list[str] = []
    for person in article.get("persons") or []:
        strings += [person.get("name") or "", *(person.get("positions") or [])]
    for d in article.get("directives") or []:
        strings += [d.get("kind") or "", d.get("issuer") or ""]
    for e in article.get("events") or []:
        for p in e.get("participants") or []:
            strings += [p.get("name") or "", p.get("led") or ""]
    return {scorer.norm(s): s for s in strings if s}


def _show(items: tuple[Any, ...], shown: dict[str, str]) -> tuple[Any, ...]:
    def one(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(one(v) for v in value)
        return shown.get(value, value) if isinstance(value, str) else value
    return tuple(one(i) for i in items)


def _load(scorer: ModuleType, path: Path) -> dict[str, dict]:
    try:
        return scorer.load(str(path))
    except ValueError as exc:  # json.JSONDecodeError
        raise InputError(str(path), getattr(exc, "lineno", None), f"not valid JSON ({exc})") from exc
    except FileNotFoundError as exc:
        raise InputError(str(path), None, "file not found") from exc
