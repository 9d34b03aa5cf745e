"""Surface forms: every spelling the generator writes compares equal to its gold string under
score.py, and every document number it builds parses back to its parts (hypothesis)."""
from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from ingest.synth import surface
from ingest.synth.data import by_key, table, templates
from ingest.synth.directives import Numbering, parse_number, period_start
from ingest.synth.units import PostRef, post_name, units
from ingest.synth.world import World

_WORLD: list[World] = []


def _world() -> World:
    if not _WORLD:
        _WORLD.append(World(0))
    return _WORLD[0]


def test_tone_last_moves_the_mark_of_open_syllables_only() -> None:
    assert surface.tone_last("Ủy ban nhân dân tỉnh Khánh Hòa") == "Uỷ ban nhân dân tỉnh Khánh Hoà"
    assert surface.tone_last("Thủy, khỏe, Quý, hoàng, Thúy") == "Thuỷ, khoẻ, Quý, hoàng, Thuý"


def test_every_table_loads_and_every_template_field_is_known() -> None:
    for name in ("family_names", "middle_names", "given_names", "places", "sectors", "bodies", "posts",
                 "memberships", "document_kinds", "documents", "subjects", "abbreviations"):
        assert table(name), name
    assert {"working_session", "conference", "appointment", "election", "noise"} <= set(templates())
    assert len(units()) > 700


def _refs() -> list[PostRef]:
    world = _world()
    refs = [r for rs in world.by_post.values() for r in rs[:40]]
    members = [PostRef(k, "p01" if r["level"] == "province" else "d585" if r["level"] == "district" else "c",
                       member=True, variant=v) for k, r in by_key("memberships").items() for v in (0, 1)]
    return refs + members


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), st.booleans(), st.sampled_from([0.5, 1.0, 3.0]))
def test_abbreviated_posts_equal_their_canonical_form_under_the_scorer(seed: int, named: bool, rate: float) -> None:
    scorer = _scorer_or_none()
    if scorer is None:
        pytest.skip("shared/eval/score.py is absent: the scorer sits beside the checkout")
    rng = Random(seed)
    ref = rng.choice(_refs())
    canonical = post_name(ref, named)
    written = surface.abbreviate(canonical, rate, rng)
    if rng.random() < 0.5:
        written = surface.tone_last(written)
    assert scorer.norm(written) == scorer.norm(canonical), (written, canonical)


def _scorer_or_none() -> Any:
    import importlib.util
    import os
    from pathlib import Path

    path = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "eval" / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("contract_score_surface", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([r["key"] for r in table("documents")]), st.integers(0, 4000), st.integers(0, 10**6))
def test_every_number_the_generator_builds_parses_back_to_its_parts(key: str, day: int, seed: int) -> None:
    world = _world()
    row = by_key("documents")[key]
    level = by_key("bodies")[row["issuer"]]["level"]
    unit = {"province": "p58", "district": "d585", "central": "c", "ministry": "m:yte"}[level]
    when = date(2013, 1, 1) + timedelta(days=day)
    numbering = Numbering(Random(seed))
    first = numbering.issue(row, unit, when, world, "")
    later = numbering.issue(row, unit, when + timedelta(days=3), world, "")
    parsed, parsed_later = parse_number(first.number), parse_number(later.number)
    assert parsed is not None and parsed_later is not None
    assert parsed.code == row["code"] and parsed.style == row["style"]
    assert (parsed.year == when.year) == (row["year_in_number"] == "yes")
    later_day = when + timedelta(days=3)
    if period_start(row["style"], level, when) == period_start(row["style"], level, later_day):
        assert parsed_later.serial > parsed.serial          # numbers grow within a term or a year


def test_document_dates_and_event_dates_are_written_as_the_genre_writes_them() -> None:
    rng = Random(1)
    style = surface.choose_style(rng)
    for _ in range(200):
        d = date(2020, rng.randint(1, 12), rng.randint(1, 28))
        phrase, has_year = surface.event_date(d, d, style, rng)
        assert str(d.day) in phrase and (str(d.year) in phrase) == has_year
        written = surface.document_date(d, style, rng)
        assert str(d.year) in written
