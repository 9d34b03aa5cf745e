"""The extraction pipeline: stages in order, each declaring what it reads and writes.

Checked when this module is imported: every layer a stage requires is assigned upstream.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ingest.extract.doc import Doc, make_doc
from kg.model import Article, Extraction


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Doc], None]


def _tokens(doc: Doc) -> None:
    from ingest.extract.tokens import tokenize

    doc.layers["tokens"] = tokenize(doc)


def _mentions(doc: Doc) -> None:
    from ingest.extract.persons import attach_posts, find_mentions, resolve_short_forms

    mentions = find_mentions(doc, doc.layers["tokens"])
    resolve_short_forms(mentions)
    attach_posts(doc, doc.layers["tokens"], mentions)
    doc.layers["mentions"] = mentions


def _directives(doc: Doc) -> None:
    from ingest.extract.directives import find_directives

    doc.layers["directives"] = find_directives(doc, doc.layers["tokens"])


def _context_posts(doc: Doc) -> None:
    from ingest.extract.context_posts import find_context_posts

    from ingest.extract.memberships import find_memberships

    posts = find_context_posts(doc, doc.layers["tokens"], doc.layers["mentions"])
    for key, positions in find_memberships(doc, doc.layers["tokens"], doc.layers["mentions"]).items():
        posts.setdefault(key, []).extend(positions)
    doc.layers["context_posts"] = posts


def _persons(doc: Doc) -> None:
    from ingest.extract.people import build_persons

    persons, owner = build_persons(doc, doc.layers["mentions"], doc.layers["context_posts"])
    doc.layers["persons"], doc.layers["owner"] = persons, owner


def _organizations(doc: Doc) -> None:
    from ingest.extract.organizations import find_organizations

    doc.layers["organizations"] = find_organizations(doc, doc.layers["tokens"])


def _events(doc: Doc) -> None:
    from ingest.extract.events import find_events

    doc.layers["events"] = find_events(doc)


STAGES: tuple[Stage, ...] = (
    Stage("tokens", (), ("tokens",), _tokens),
    Stage("mentions", ("tokens",), ("mentions",), _mentions),
    Stage("directives", ("tokens",), ("directives",), _directives),
    Stage("context_posts", ("tokens", "mentions"), ("context_posts",), _context_posts),
    Stage("persons", ("mentions", "context_posts"), ("persons", "owner"), _persons),
    Stage("organizations", ("tokens",), ("organizations",), _organizations),
    Stage("events", ("tokens", "mentions", "persons", "owner", "directives"), ("events",), _events),
)


def _check(stages: tuple[Stage, ...]) -> None:
    assigned: set[str] = set()
    for stage in stages:
        missing = set(stage.requires) - assigned
        if missing:
            raise RuntimeError(f"stage {stage.name} requires {sorted(missing)} before it is assigned")
        assigned |= set(stage.assigns)


_check(STAGES)


def run(article: Article) -> Extraction:
    doc = make_doc(article)
    for stage in STAGES:
        stage.run(doc)
    return Extraction(
        article=article,
        text=doc.text,
        sentences=tuple(doc.sentences),
        persons=tuple(doc.layers["persons"]),
        organizations=tuple(doc.layers.get("organizations", ())),
        directives=tuple(doc.layers["directives"]),
        events=tuple(doc.layers["events"]),
    )
