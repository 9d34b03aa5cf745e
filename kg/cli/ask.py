"""Questions: who-led, person, body, directive, path, stats."""
from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import _render
from kg.cli._app import app
from kg.cli._errors import handles_errors
from kg.cli._options import Backend, BackendOpt, JsonOpt, StoreOpt


@app.command("who-led")
@handles_errors
def who_led(text: Annotated[str, typer.Argument(help="Part of the name of a team, delegation or meeting.")],
            store: StoreOpt = None, as_json: JsonOpt = False,
            backend: BackendOpt = Backend.embedded) -> None:
    """Who led the group, meeting or delegation matching TEXT, when, with sources.

    Example: kg who-led "Tổ giám sát số 2"
    """
    from kg import ask
    from kg.store import open_store

    with open_store(store, read_only=True, backend=backend.value) as s:
        answers = ask.who_led(s.view(), text)
    _render.emit_json(answers) if as_json else _render.leaderships(answers)


@app.command()
@handles_errors
def person(name: Annotated[str, typer.Argument(help="A name, with or without diacritics.")],
           store: StoreOpt = None, as_json: JsonOpt = False,
           backend: BackendOpt = Backend.embedded) -> None:
    """Posts, roles and events of a person as a timeline, with sources.

    Example: kg person "nguyen long bien"
    """
    from kg import ask
    from kg.store import open_store

    with open_store(store, read_only=True, backend=backend.value) as s:
        answers = ask.person(s.view(), name)
    _render.emit_json(answers) if as_json else _render.persons(answers)


@app.command()
@handles_errors
def body(name: Annotated[str, typer.Argument(help="A body's name, or part of it.")],
         store: StoreOpt = None, as_json: JsonOpt = False,
         backend: BackendOpt = Backend.embedded) -> None:
    """Who held which post in a body, its parts and its events, over time.

    Example: kg body "Ban Thường vụ Tỉnh ủy"
    """
    from kg import ask
    from kg.store import open_store

    with open_store(store, read_only=True, backend=backend.value) as s:
        answers = ask.body(s.view(), name)
    _render.emit_json(answers) if as_json else _render.bodies(answers)


@app.command()
@handles_errors
def directive(number: Annotated[str, typer.Argument(help='The number as written, e.g. "09-NQ/TU".')],
              store: StoreOpt = None, as_json: JsonOpt = False,
              backend: BackendOpt = Backend.embedded) -> None:
    """Issuer, date and subject of a directive, and the events and people linked to it.

    Example: kg directive 09-NQ/TU
    """
    from kg import ask
    from kg.store import open_store

    with open_store(store, read_only=True, backend=backend.value) as s:
        answers = ask.directive(s.view(), number)
    _render.emit_json(answers) if as_json else _render.directives(answers)


@app.command()
@handles_errors
def path(a: Annotated[str, typer.Argument(help="A person or body.")],
         b: Annotated[str, typer.Argument(help="Another person or body.")],
         store: StoreOpt = None, as_json: JsonOpt = False,
         backend: BackendOpt = Backend.embedded) -> None:
    """How two people or bodies are connected, hop by hop, with the evidence for each hop.

    Example: kg path "Lê Văn Bình" "Đoàn giám sát 1521"
    """
    from kg import ask
    from kg.store import open_store

    with open_store(store, read_only=True, backend=backend.value) as s:
        answer = ask.path(s.view(), a, b)
    _render.emit_json(answer) if as_json else _render.path(answer)


@app.command()
@handles_errors
def stats(store: StoreOpt = None, as_json: JsonOpt = False,
backend: BackendOpt = Backend.embedded) -> None:
    """How many articles, persons, bodies, posts, directives and events the graph holds.

    Example: kg stats
    """
    from kg import ask
    from kg.store import open_store

    with open_store(store, read_only=True, backend=backend.value) as s:
        answer = ask.stats(s.view())
    _render.emit_json(answer) if as_json else _render.counts("kg store", answer)
