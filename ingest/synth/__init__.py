"""A deterministic synthetic corpus of Vietnamese political news, with the gold facts of each article.

    >>> from ingest.synth import generate
    >>> article, gold = next(generate(1, seed=7))
    >>> sorted(article) == ["date", "id", "source", "text", "title", "url"]
    True

:func:`generate` simulates a world of officials (``world.py``) from 2013, then writes ``n``
articles dated evenly from 2015-01-01 to 2025-06-30, each in one genre (``events.py``,
``personnel.py``) and one house style (``surface.py``), from sentence templates and tables in
``tables/``. Each article comes with its gold facts in the shape of shared/eval/FORMAT.md,
annotated as shared/eval/GUIDELINES.md says. The same ``n`` and ``seed`` give byte-identical
output; articles are produced one at a time, so memory does not grow with ``n``.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import IO, Any

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2025, 6, 30)

# Genre → weight. Genres that need a recent record (a move, a congress) fall back to the next.
GENRES = {
    "working_session": 0.22, "conference": 0.22, "inspection": 0.09, "reception": 0.07,
    "appointment": 0.17, "election": 0.08, "congress": 0.03, "directive_news": 0.12,
}
_FALLBACK = ("conference", "working_session")


def generate(n: int, seed: int) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield ``n`` (article, gold) pairs; the same ``n`` and ``seed`` always give the same pairs.

    Args:
        n: how many articles.
        seed: chooses the world and every article in it.
    """
    from ingest.synth.world import World

    world = World(seed)
    span = (LAST_DAY - FIRST_DAY).days
    for i in range(n):
        published = FIRST_DAY + timedelta(days=(i * span) // max(n, 1))
        world.advance_to(published)
        yield _article(world, Random(f"kg-synth-article:{seed}:{i}"), f"synth{seed}-{i:07d}", published)


def _article(world: Any, rng: Random, article_id: str, published: date) -> tuple[dict[str, Any], dict[str, Any]]:
    from ingest.synth import events, personnel, surface
    from ingest.synth.compose import Draft
    from ingest.synth.names import byline
    from ingest.synth.writer import Writer

    style = surface.choose_style(rng)
    shown = None if rng.random() < 0.05 else published
    genre = rng.choices(list(GENRES), list(GENRES.values()))[0]
    congresses = [p for p, c in world.congresses.items() if 0 <= (published - c.date).days <= 20]
    if congresses and rng.random() < 0.2:        # congress season: many articles report them
        genre = "congress"
    for attempt in (genre, *_FALLBACK):
        draft = None
        if attempt == "congress":
            done = bool(congresses)
            if done:
                draft = _draft(world, rng, style, shown, published, world.units[rng.choice(congresses)], Writer, Draft)
                done = personnel.congress(draft)
        elif attempt in ("appointment", "election"):
            hows = ("council",) if attempt == "election" else ("state", "party", "premier", "politburo")
            move = _move(world, rng, published, hows)
            if move is not None:
                unit = world.units[move.new.unit]
                code = world.province_of(unit) or rng.choice(world.provinces())
                draft = _draft(world, rng, style, shown, move.date, world.units[code], Writer, Draft)
                done = (personnel.appointment if attempt == "appointment" else personnel.election)(draft, move)
            else:
                done = False
        else:
            back = rng.choice((0, 0, 1, 1, 2))
            when = published - timedelta(days=back) if (published - timedelta(days=back)).year == published.year else published
            draft = _draft(world, rng, style, shown, when, world.units[rng.choice(world.provinces())], Writer, Draft)
            fn = {"working_session": events.working_session, "conference": events.conference,
                  "inspection": events.inspection, "reception": events.reception,
                  "directive_news": personnel.directive_news}[attempt]
            done = fn(draft)
        if done and draft is not None:
            break
    else:
        raise RuntimeError(f"no genre could be written for {article_id}")
    draft.noise(2, 6)                          # closing context: plans, figures
    if rng.random() < 0.15:
        draft.byline = byline(rng)
    text = surface.finish(draft.text(style), style)
    title = surface.finish(draft.title, style)
    article = {"id": article_id, "title": title, "date": shown.isoformat() if shown else None,
               "url": f"https://synth.invalid/{attempt.replace('_', '-')}/{article_id}.html",
               "source": "kg synth", "text": text}
    return article, draft.w.gold(article_id)


def _draft(world: Any, rng: Random, style: Any, shown: date | None, when: date, province: Any,
           writer_cls: Any, draft_cls: Any) -> Any:
    return draft_cls(world, writer_cls(rng, style, shown, province), rng, when, province)


def _move(world: Any, rng: Random, published: date, hows: tuple[str, ...]) -> Any:
    moves = [m for m in world.recent_moves(published, 25) if m.how in hows and m.date.year == published.year]
    return rng.choice(moves) if moves else None


def write(n: int, seed: int, out: IO[str], gold: IO[str] | None = None,
          progress: Callable[[int], None] | None = None) -> int:
    """Write ``n`` articles as JSON Lines to ``out`` (and their gold facts to ``gold``).

    Args:
        n: how many articles.
        seed: chooses the world and every article in it.
        out: where the articles go, one JSON object a line (FORMAT.md's input shape).
        gold: where the gold facts go, in the same order (FORMAT.md's output shape).
        progress: called with the number of articles written so far, every 1,000 and at the end.
    """
    written = 0
    for article, facts in generate(n, seed):
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
        if gold is not None:
            gold.write(json.dumps(facts, ensure_ascii=False) + "\n")
        written += 1
        if progress is not None and written % 1000 == 0:
            progress(written)
    if progress is not None:
        progress(written)
    return written


def write_files(n: int, seed: int, out: Path, gold: Path | None = None,
                progress: Callable[[int], None] | None = None) -> int:
    """:func:`write` to files; an unwritable path raises :class:`kg.errors.InputError`."""
    from contextlib import ExitStack

    from kg.errors import InputError

    with ExitStack() as stack:
        files = []
        for path in (out, gold):
            if path is None:
                files.append(None)
                continue
            try:
                files.append(stack.enter_context(path.open("w", encoding="utf-8")))
            except OSError as e:
                raise InputError(str(path), None, f"cannot write ({e.strerror})") from None
        return write(n, seed, files[0], files[1], progress)
