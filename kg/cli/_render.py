"""Rendering answers: readable text with rich, or ``--json`` from the same objects.

Text from articles is never read as rich markup (it may contain brackets): everything goes
through ``rich.text.Text``. Lines are soft-wrapped, so a sentence stays one line in a pipe.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from kg.answers import (BodyAnswer, DirectiveAnswer, Leadership, PathAnswer, PersonAnswer, Source,
                        to_json)


def console() -> Console:
    # Made per call, so it writes to the sys.stdout of the moment (tests swap it).
    return Console(highlight=False, soft_wrap=True, emoji=False)


def emit_json(value: Any) -> None:
    console().out(json.dumps(to_json(value), ensure_ascii=False, indent=2), highlight=False)


def _line(*parts: tuple[str, str] | str) -> Text:
    return Text.assemble(*parts)


def _sources(out: Console, sources: Iterable[Source], indent: str = "    ") -> None:
    for s in sources:
        text = Text(f"{indent}source {s.article}: ", style="dim")
        sentence = Text(s.sentence)
        at = s.sentence.find(s.quote) if s.quote else -1
        if at >= 0:
            sentence.stylize("bold", at, at + len(s.quote))
        out.print(text + sentence)


def _when(date: str | None) -> str:
    return date or "date unknown"


def leaderships(answers: list[Leadership]) -> None:
    out = console()
    for a in answers:
        out.print(_line((a.name, "bold"), " led ", (a.led, "cyan")))
        out.print(Text(f"  at {a.event_name}, {_when(a.date)}"))
        _sources(out, a.sources)


def persons(answers: list[PersonAnswer]) -> None:
    out = console()
    for i, p in enumerate(answers):
        if i:
            out.print()
        out.print(_line((p.name, "bold"), (f"  ({p.articles} article{'s' if p.articles != 1 else ''})", "dim")))
        for e in p.timeline:
            if e.kind == "post":
                what = f"{e.label} [{e.status}]" + (f" {e.detail}" if e.detail else "")
            else:
                what = f"{e.role} · {e.label}" + (f" · led {e.detail}" if e.detail else "")
            out.print(_line(f"  {_when(e.date):>12}  ", (e.kind, "magenta"), "  ", what))
            _sources(out, e.sources, indent="                ")


def bodies(answers: list[BodyAnswer]) -> None:
    out = console()
    for i, b in enumerate(answers):
        if i:
            out.print()
        out.print(_line((b.label, "bold"), (f"  {b.kind or 'kind unknown'}, {b.articles} article(s)", "dim")))
        for r in b.related:
            out.print(Text(f"  {'part of' if r.relation == 'parent' else 'has part'}: {r.label}"))
        for h in b.holdings:
            out.print(_line(f"  {_when(h.date):>12}  ", (h.name, "bold"), f" — {h.post} [{h.status}]"))
            _sources(out, h.sources, indent="                ")
        for e in b.events:
            who = f" (led by {e.leader})" if e.leader else ""
            out.print(_line(f"  {_when(e.date):>12}  ", ("event", "magenta"), f"  {e.name}{who}"))
            _sources(out, e.sources, indent="                ")


def directives(answers: list[DirectiveAnswer]) -> None:
    out = console()
    for d in answers:
        out.print(_line((f"{d.kind} {d.number}", "bold"), f"  {_when(d.date)}"))
        if d.issuer:
            out.print(Text(f"  issued by {d.issuer}"))
        if d.subject:
            out.print(Text(f"  about {d.subject}"))
        _sources(out, d.sources)
        for e in d.events:
            out.print(_line("  ", ("event", "magenta"), f" {e.name}, {_when(e.date)}"))
            for p in e.participants:
                out.print(Text(f"    {p.name}: {p.role}"))
                _sources(out, p.sources, indent="      ")


def path(answer: PathAnswer) -> None:
    out = console()
    if not answer.hops:
        out.print(Text(f"No connection found between {answer.start_label} and {answer.end_label}."))
        return
    out.print(_line((answer.start_label, "bold"), " → ", (answer.end_label, "bold"),
                    f"  ({len(answer.hops)} hop{'s' if len(answer.hops) != 1 else ''})"))
    for h in answer.hops:
        arrow = f"—{h.relation}→" if h.forward else f"←{h.relation}—"
        out.print(_line("  ", (h.source_label, "bold"), f" {arrow} ", (h.target_label, "bold")))
        _sources(out, [h.evidence])


def counts(title: str, values: Mapping[str, int]) -> None:
    out = console()
    out.print(Text(title, style="bold"))
    width = max((len(k) for k in values), default=0)
    for k, v in values.items():
        out.print(Text(f"  {k:<{width}}  {v:>9,}"))
