"""The only place that mints IRIs.

Every IRI is derived from normalised identifying parts (:func:`kg.text.normalize.key`: NFC,
one tone-mark placement, casefolded, single spaces), never from run order, so the same entity
gets the same IRI on every run and machine, and "Ủy ban"/"Uỷ ban", NFC/NFD and case variants
collapse. Display text is kept as labels, not in the IRI.

Identity rules (README "How identity is decided"):

- person: name key + scope, the scope being the province code when the article ties the
  person to exactly one province, else "". A later resolution step links a scope-less person
  to the single scoped person of the same name (kg:sameAs, resolution graph).
- body: name key + scope (province code, article id or "": see ``ingest.rdf.build``).
- post: title key + body IRI; holding: person IRI + post IRI.
- directive: number key + issuer scope.
- event, sentence, evidence: article id + position, so they never merge across articles.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from kg.text.normalize import key

BASE = "https://w3id.org/kg-vn/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
RESOLUTION_GRAPH = GRAPH + "resolution"

_SEP = "\x1f"   # unit separator: cannot occur in normalised text, so parts never run together


def _digest(*parts: str) -> str:
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()[:24]


def _slug(article_id: str) -> str:
    return quote(article_id, safe="-._~")


def article_iri(article_id: str) -> str:
    return f"{ID}article/{_slug(article_id)}"


def graph_iri(article_id: str) -> str:
    """The named graph holding everything one article says."""
    return f"{GRAPH}article/{_slug(article_id)}"


def sentence_iri(article_id: str, index: int) -> str:
    return f"{article_iri(article_id)}/sentence/{index}"


def evidence_iri(article_id: str, sentence: int, start: int, end: int, rule: str) -> str:
    return f"{ID}evidence/{_digest(article_id, str(sentence), str(start), str(end), rule)}"


def person_iri(name: str, scope: str = "") -> str:
    """A person: name key plus scope (a province code, or "" when the article does not tie
    the person to exactly one province)."""
    return f"{ID}person/{_digest(key(name), scope)}"


def body_iri(name: str, scope: str = "") -> str:
    return f"{ID}body/{_digest(key(name), scope)}"


def post_iri(title: str, body: str | None) -> str:
    """A post: its title in a body (``body`` is the body's IRI, or None for posts such as
    "Tổng Bí thư" that need no body)."""
    return f"{ID}post/{_digest(key(title), body or '')}"


def holding_iri(person: str, post: str) -> str:
    return f"{ID}holding/{_digest(person, post)}"


def interval_iri(holding: str, since: str | None, until: str | None) -> str:
    return f"{ID}interval/{_digest(holding, since or '', until or '')}"


def instant_iri(date: str) -> str:
    return f"{ID}instant/{quote(date, safe='-')}"


def directive_iri(number: str, scope: str = "") -> str:
    """A directive: its number ("09-NQ/TU") plus the scope of its issuer (numbers repeat
    across provinces: every Tỉnh ủy has a 09-NQ/TU)."""
    return f"{ID}directive/{_digest(key(number), scope)}"


def event_iri(article_id: str, index: int) -> str:
    return f"{article_iri(article_id)}/event/{index}"


def participation_iri(event: str, person: str, role: str) -> str:
    return f"{ID}participation/{_digest(event, person, role)}"


def place_iri(code: str) -> str:
    return f"{ID}place/{quote(code, safe='-._~')}"
