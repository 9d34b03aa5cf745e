"""The facts kg keeps, as frozen dataclasses.

Extraction (``ingest.extract``) produces an :class:`Extraction` per article; the RDF builder
(``ingest.rdf``) turns it into triples; the contract writer turns it into the JSON of
``shared/eval/FORMAT.md``. Every fact carries an :class:`Evidence`: the article, the sentence
and the character span it came from, and the rule that made it.

Offsets are into :attr:`Extraction.text`, the cleaned article text (NFC, HTML entities
decoded, line ends unified); the cleaned text is what the store keeps for each sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a person did at an event (FORMAT.md: led > spoke > attended)."""

    led = "led"
    spoke = "spoke"
    attended = "attended"


class Origin(str, Enum):
    """Where a value came from: read in the text, looked up in a table, or inferred."""

    observed = "observed"
    table = "table"
    inferred = "inferred"


class PostStatus(str, Enum):
    """How the article relates a person to a post."""

    current = "current"      # holds it as of the article ("Phó Chủ tịch UBND tỉnh")
    started = "started"      # elected/appointed to it in the reported event
    former = "former"        # "nguyên …", "từng giữ chức …", left it in the reported event
    late = "late"            # "cố …": the holder has died


@dataclass(frozen=True)
class Article:
    """One input article (the shape of FORMAT.md's input lines)."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None          # publication date, ISO yyyy-mm-dd, when known
    url: str | None = None
    source: str | None = None
    origin: str | None = None        # "path:line" the article was read from


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: article, sentence, character span and the rule that made it."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    rule: str
    origin: Origin = Origin.observed
    reason: str | None = None        # why an inferred value was inferred ("year from publication date")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    """An administrative unit resolved from the text (code from the admin-units package)."""

    code: str
    name: str                        # "Tỉnh Ninh Thuận"
    level: str                       # province | district | commune
    province_code: str | None = None
    province_name: str | None = None
    successor_code: str | None = None   # the unit it became in the July 2025 reorganisation
    successor_name: str | None = None


@dataclass(frozen=True)
class Position:
    """A standing post the article gives a person."""

    text: str                        # contract string: as written, abbreviations expanded, "nguyên " kept
    title: str                       # the post title alone: "Phó Chủ tịch"
    body: str | None                 # the body as written, expanded: "Ủy ban nhân dân tỉnh"
    body_kind: str | None            # closed set from tables/body_types.tsv
    status: PostStatus
    evidence: Evidence
    jurisdiction: str | None = None  # the place words as written: "tỉnh", "huyện Ninh Sơn"
    place: Place | None = None       # resolved place, when the article makes it clear
    since: str | None = None         # date the post was taken, when the text states it
    until: str | None = None         # date the post was left, when the text states it


@dataclass(frozen=True)
class Person:
    name: str                        # full name as written (NFC), no honorific or title
    key: str                         # normalised name (casefolded, one tone placement)
    positions: tuple[Position, ...]
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True)
class Organization:
    name: str                        # as written, abbreviations expanded
    kind: str | None
    evidence: Evidence
    parent: str | None = None        # name of the body it is part of ("Tổ giám sát số 2" → "Đoàn giám sát 1521")
    place: Place | None = None


@dataclass(frozen=True)
class Directive:
    number: str                      # as written, without "số": "09-NQ/TU", "123/QĐ-UBND", "16"
    kind: str                        # "Nghị quyết", "Quyết định", …
    evidence: Evidence
    date: str | None = None          # ISO, or --MM-DD when the text gives no year
    issuer: str | None = None        # as written, abbreviations expanded
    subject: str | None = None


@dataclass(frozen=True)
class Participant:
    name: str
    role: Role
    evidence: Evidence
    led: str | None = None           # with Role.led: what was led, as the text names it


@dataclass(frozen=True)
class Event:
    name: str
    evidence: Evidence
    date: str | None = None          # ISO yyyy-mm-dd or --MM-DD (year unknown)
    kind: str | None = None          # closed set from tables/event_kinds.tsv
    participants: tuple[Participant, ...] = ()
    directives: tuple[str, ...] = ()  # numbers of directives the event is about
    bodies: tuple[str, ...] = ()      # names of bodies involved


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    text: str                        # cleaned text; every Evidence offset points into it
    sentences: tuple[Sentence, ...]
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    directives: tuple[Directive, ...] = ()
    events: tuple[Event, ...] = ()
    unmatched_titles: tuple[str, ...] = field(default=())  # title-like strings no table matched

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start:s.end]
