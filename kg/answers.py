"""The answers kg.ask gives: frozen dataclasses, each carrying its sources.

The CLI renders them as rich tables or, with ``--json``, through :func:`to_json`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Source:
    """Where a fact comes from: the article, the sentence, and the words that said it."""

    article: str
    sentence: str
    quote: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Source:
        return cls(row["article"], row["sentence"], row["quote"])


def sources(rows: Iterable[Mapping[str, Any]]) -> tuple[Source, ...]:
    return tuple(sorted({Source.of(r) for r in rows}))


@dataclass(frozen=True)
class Leadership:
    """Someone led a group, meeting or delegation at an event."""

    person: str
    name: str
    led: str                     # what was led, as the text names it (or the body's label)
    body: str | None             # the body led, when it is known
    body_label: str | None
    event: str
    event_name: str
    date: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class TimelineEntry:
    kind: str                    # post | event
    date: str | None
    label: str                   # the position as written, or the event's name
    status: str | None           # for posts: current | started | former | late
    role: str | None             # for events: led | spoke | attended
    detail: str | None           # since/until of a post, what was led at an event
    body: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class PersonAnswer:
    person: str
    name: str
    articles: int
    timeline: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class HoldingEntry:
    person: str
    name: str
    post: str
    status: str
    date: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class BodyEvent:
    event: str
    name: str
    date: str | None
    how: str                     # involved | led
    leader: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Related:
    relation: str                # parent | part
    body: str
    label: str


@dataclass(frozen=True)
class BodyAnswer:
    body: str
    label: str
    kind: str | None
    articles: int
    related: tuple[Related, ...]
    holdings: tuple[HoldingEntry, ...]
    events: tuple[BodyEvent, ...]


@dataclass(frozen=True)
class Participant:
    person: str
    name: str
    role: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class DirectiveEvent:
    event: str
    name: str
    date: str | None
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class DirectiveAnswer:
    directive: str
    number: str
    kind: str
    date: str | None
    issuer: str | None
    subject: str | None
    sources: tuple[Source, ...]
    events: tuple[DirectiveEvent, ...]


@dataclass(frozen=True)
class Hop:
    source: str                  # node IRIs and labels, in walking order
    source_label: str
    relation: str                # "Phó Chủ tịch Ủy ban nhân dân tỉnh", "led", "part of", …
    forward: bool                # True when the stored edge points from source to target
    target: str
    target_label: str
    evidence: Source


@dataclass(frozen=True)
class PathAnswer:
    start: str
    start_label: str
    end: str
    end_label: str
    hops: tuple[Hop, ...]        # empty when the two are not connected


def to_json(value: Any) -> Any:
    """Answers (dataclasses, lists, dicts) as plain JSON-able values."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value
