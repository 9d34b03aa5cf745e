"""The working state of building one article's graph: triples, evidence, places and bodies.

Extraction → the triples of one article's named graph.

Terms are strings in their N-Triples spelling (``<iri>``, ``"text"``, ``"5"^^<…#integer>``),
not rdflib terms: the graph is written as N-Quads and hashed as sorted N-Triples, so spelling
each term once is all the work there is (rdflib terms cost 4× more to build, hash and
serialise; benchmarks/README.md). ``build.build`` turns them into rdflib terms for callers that
want them.

The graph is self-contained: it states the type, label and search keys of every node it
points to (persons, bodies, posts, places, directives), so it validates alone against
``ontology/shapes.ttl`` and replacing it replaces exactly what the article says. Every fact
node is ``prov:wasDerivedFrom`` a ``kg:Evidence`` node naming the sentence, span, quote, rule
and origin.

Identity scopes (see kg/ids.py and README "How identity is decided"):

- person: the province code when the article ties the person to exactly one province
  (through the places of their positions), else "".
- body: the IRI of its parent when it is part of another body ("Tổ giám sát số 2" of "Đoàn
  giám sát 1521": team numbers repeat everywhere); else its province code when known; else ""
  for national bodies (ministries, Bộ Chính trị, … : national_bodies.tsv); else the article's province
  when the article names exactly one; else the article id, because a bare "Ủy ban nhân dân
  tỉnh" or "Ban Thường vụ Tỉnh ủy" could be any province's, and a false merge would connect
  officials of different provinces.
- directive: the issuer's body IRI ("09-NQ/TU" exists in every province); with no issuer, the
  article's province, else the article id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date
from functools import cache
from importlib import resources

from rdflib import RDF as _RDF
from rdflib import RDFS as _RDFS
from rdflib import XSD
from rdflib.namespace import ORG as _ORG
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import SDO as _SDO
from rdflib.namespace import Namespace
from rdflib.term import Literal

from kg import ids
from kg.errors import InputError
from kg.graph import n3_spelling
from kg.model import Evidence, Extraction, Place
from kg.text.normalize import canonical, fold, key
from kg.vocab import BODY_KINDS
from kg.vocab import ELI as _ELI
from kg.vocab import KG as _KG

Term = str        # an RDF term in its N-Triples spelling
Triple = tuple[Term, Term, Term]


class Text(str):
    """A literal whose value holds a line break: N-Quads spells it on one line (``\\n``),
    while the content digest keeps rdflib's ``n3()`` spelling (a triple-quoted string), so
    this one kind of term carries both."""

    n3: str


class Spelled:
    """A vocabulary namespace whose members are N-Triples spellings: ``Spelled(KG).title`` is
    ``"<https://w3id.org/kg-vn/ontology#title>"``. Each member is looked up in the namespace
    once (so a closed namespace still rejects a typo) and kept as an attribute."""

    def __init__(self, namespace: Namespace) -> None:
        self._ns = namespace
        self._items: dict[str, Term] = {}

    def __getattr__(self, name: str) -> Term:
        if name.startswith("__"):
            raise AttributeError(name)
        value = iri(str(getattr(self._ns, name)))
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> Term:
        value = self._items.get(name)
        if value is None:
            value = self._items[name] = iri(str(self._ns[name]))
        return value


RDF, RDFS, ORG, PROV, SDO, ELI, KG = (Spelled(ns) for ns in (_RDF, _RDFS, _ORG, _PROV, _SDO, _ELI, _KG))
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_INTEGER = f"^^<{XSD.integer}>"
_DATE = f"^^<{XSD.date}>"
_MONTH_DAY = f"^^<{XSD.gMonthDay}>"


def iri(value: str) -> Term:
    """``<value>``: kg.ids mints every IRI percent-encoded, and the store's parser rejects
    anything that is not an IRI when it reads the N-Quads."""
    return f"<{value}>"


def raw(node: Term) -> str:
    """The IRI of a spelled node (``<x>`` → ``x``), for kg.ids."""
    return node[1:-1]


def text(value: str) -> Term:
    """A plain string literal, spelled as rdflib's ``Literal(value)`` is in N-Quads."""
    # Four scans in C cost less than one translate() of non-ASCII text, and most values need none.
    if '"' not in value and "\\" not in value and "\r" not in value and "\n" not in value:
        return f'"{value}"'
    spelled = f'"{value.translate(_ESCAPES)}"'
    if "\n" not in value:
        return spelled
    term = Text(spelled)
    term.n3 = n3_spelling(Literal(value))
    return term


def integer(value: int) -> Term:
    return f'"{int(value)}"{_INTEGER}'


# Bodies whose name is unique in the country, so they need no scope: these kinds, and the
# names of national_bodies.tsv.
NATIONAL_KINDS = frozenset({"ministry", "government", "national_assembly"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY_VALUE = re.compile(r"^--(\d{2})-(\d{2})$")


def date_literal(value: str | None) -> Term | None:
    """``xsd:date`` for yyyy-mm-dd, ``xsd:gMonthDay`` for --mm-dd, None for anything else."""
    if not value:
        return None
    try:
        if _ISO_DATE.match(value):
            _date.fromisoformat(value)
            return f'"{value}"{_DATE}'
        match = _MONTH_DAY_VALUE.match(value)
        if match:
            _date(2000, int(match[1]), int(match[2]))   # 2000 is a leap year: --02-29 is valid
            return f'"{value}"{_MONTH_DAY}'
    except ValueError:
        return None
    return None


@dataclass
class _BodyInfo:
    name: str
    kind: str | None = None
    place: Place | None = None
    parent: str | None = None            # parent's name key
    evidence: list[Evidence] = field(default_factory=list)


# Properties a node has once in an article graph (sh:maxCount 1 in shapes.ttl). Two mentions
# can spell the same entity differently ("Phó Chủ tịch"/"Phó chủ tịch" are one post).
_ONCE = frozenset({KG.title, ELI.id_local, SDO.name, KG.eventDate, KG.eventKind, KG.adminLevel,
                   KG.adminCode, KG.nameKey, KG.scope, KG.ledText, KG.ledWhat, ORG.postIn})


@cache
def _national_bodies() -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact name keys, contained word sequences) from national_bodies.tsv, validated."""
    path = "ingest/rdf/national_bodies.tsv"
    lines = resources.files(__package__).joinpath("national_bodies.tsv").read_text(encoding="utf-8").splitlines()
    exact: set[str] = set()
    contains: list[str] = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in ("exact", "contains"):
            raise InputError(path, number, "expected name, match (exact|contains), gloss")
        (exact.add(key(cells[0])) if cells[1] == "exact" else contains.append(key(cells[0])))
    return frozenset(exact), tuple(contains)


def is_national(name: str, kind: str | None) -> bool:
    """A body named the same way in the whole country: Bộ Chính trị, a ministry, Ban Tổ
    chức Trung ương … (as opposed to "Ủy ban nhân dân tỉnh", which every province has)."""
    if kind in NATIONAL_KINDS:
        return True
    exact, contains = _national_bodies()
    k = key(name)
    return k in exact or any(f" {c} " in f" {k} " for c in contains)


class Builder:
    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        self.aid = extraction.article.id
        self.triples: list[Triple] = []
        self._set: set[tuple[Term, Term]] = set()
        self.counts: dict[str, int] = {}
        self.warnings: list[str] = []
        self._evidence: dict[Evidence, Term] = {}
        self._places: dict[str, Term] = {}
        self.bodies: dict[str, _BodyInfo] = {}
        self._body_iris: dict[str, Term] = {}
        self.provinces = self._article_provinces()

    # -- plumbing ----------------------------------------------------------------------------
    def add(self, s: Term, p: Term, o: Term | None) -> None:
        if o is None:
            return
        if p in _ONCE:   # the shapes allow one value: the first mention's spelling wins
            if (s, p) in self._set:
                return
            self._set.add((s, p))
        self.triples.append((s, p, o))

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def evidence(self, ev: Evidence) -> Term:
        node = self._evidence.get(ev)
        if node is None:
            node = self._evidence[ev] = iri(ids.evidence_iri(self.aid, ev.sentence_index, ev.start, ev.end, ev.rule))
            self.add(node, RDF.type, KG.Evidence)
            self.add(node, KG.sentence, iri(ids.sentence_iri(self.aid, ev.sentence_index)))
            self.add(node, KG.start, integer(ev.start))
            self.add(node, KG.end, integer(ev.end))
            self.add(node, KG.quote, text(self.x.text[ev.start:ev.end]))
            self.add(node, KG.rule, text(ev.rule))
            self.add(node, KG.origin, KG[ev.origin.value])
            if ev.reason:
                self.add(node, KG.reason, text(ev.reason))
        return node

    def derived(self, node: Term, ev: Evidence) -> None:
        self.add(node, PROV.wasDerivedFrom, self.evidence(ev))

    def date(self, value: str | None, what: str) -> Term | None:
        lit = date_literal(value)
        if value and lit is None:
            self.warnings.append(f"{what}: not a date: {value!r}")
        return lit

    # -- article and sentences ---------------------------------------------------------------
    def article(self) -> Term:
        a = self.x.article
        node = iri(ids.article_iri(a.id))
        self.add(node, RDF.type, KG.Article)
        self.add(node, KG.articleId, text(a.id))
        if a.title:
            self.add(node, SDO.headline, text(a.title))
        published = self.date(a.date, "publication date")
        if published is not None and published.endswith(_DATE):
            self.add(node, SDO.datePublished, published)
        if a.url:
            self.add(node, SDO.url, text(a.url))
        for s in self.x.sentences:
            sent = iri(ids.sentence_iri(a.id, s.index))
            self.add(sent, RDF.type, KG.Sentence)
            self.add(sent, KG.inArticle, node)
            self.add(sent, KG.index, integer(s.index))
            self.add(sent, KG.text, text(self.x.text[s.start:s.end]))
        return node

    # -- places and scopes -------------------------------------------------------------------
    def _article_provinces(self) -> set[str]:
        places = [p.place for person in self.x.persons for p in person.positions]
        places += [o.place for o in self.x.organizations]
        return {c for c in (province_of(p) for p in places if p) if c}

    def place(self, p: Place | None) -> Term | None:
        if p is None:
            return None
        node = self._places.get(p.code)
        if node is None:
            node = self._places[p.code] = iri(ids.place_iri(p.code))
            self.add(node, RDF.type, KG.Place)
            self.add(node, RDFS.label, text(p.name))
            self.add(node, KG.adminLevel, text(p.level))
            self.add(node, KG.adminCode, text(p.code))
            if p.successor_code:
                succ = iri(ids.place_iri(p.successor_code))
                self.add(node, KG.successor, succ)
                self.add(succ, RDF.type, KG.Place)
                self.add(succ, RDFS.label, text(p.successor_name or p.successor_code))
                self.add(succ, KG.adminLevel, text("province"))   # successors are post-2025 provinces
                self.add(succ, KG.adminCode, text(p.successor_code))
        return node

    def default_scope(self) -> str:
        """The article's province when it names exactly one, else the article id."""
        return next(iter(self.provinces)) if len(self.provinces) == 1 else self.aid

    # -- bodies --------------------------------------------------------------------------------
    def note_body(self, name: str, ev: Evidence, kind: str | None = None,
                  place: Place | None = None, parent: str | None = None) -> None:
        info = self.bodies.setdefault(key(name), _BodyInfo(name))
        info.kind = info.kind or kind
        info.place = info.place or place
        info.parent = info.parent or (key(parent) if parent else None)
        info.evidence.append(ev)
        if parent:
            self.note_body(parent, ev)

    def body(self, name: str) -> Term:
        k = key(name)
        known = self._body_iris.get(k)
        if known is not None:
            return known
        info = self.bodies[k]
        if info.parent and info.parent in self.bodies and info.parent != k:
            self._body_iris[k] = iri("")                      # guards against cycles
            scope = raw(self.body(self.bodies[info.parent].name))
        elif province_of(info.place):
            scope = province_of(info.place) or ""
        elif is_national(info.name, info.kind):
            scope = ""
        else:
            scope = self.default_scope()
        node = self._body_iris[k] = iri(ids.body_iri(name, scope))
        return node

    def emit_bodies(self) -> None:
        for k, info in self.bodies.items():
            node = self.body(info.name)
            self.count("bodies")
            self.add(node, RDF.type, KG.Body)
            self.add(node, RDFS.label, text(canonical(info.name)))
            self.add(node, KG.nameKey, text(k))
            self.add(node, KG.foldedName, text(fold(info.name)))
            self.add(node, KG.bodyKind, KG[info.kind] if info.kind in BODY_KINDS else None)
            self.add(node, KG.jurisdiction, self.place(info.place))
            if info.parent and info.parent in self.bodies and info.parent != k:
                self.add(node, ORG.subOrganizationOf, self.body(self.bodies[info.parent].name))
            for ev in dict.fromkeys(info.evidence):
                self.derived(node, ev)

    def find_body(self, name: str) -> Term | None:
        """The body of this article that ``name`` starts with, the longest such name: "Tổ giám
        sát số 2, Đoàn giám sát 1521 của …" names Tổ giám sát số 2, not the bodies after it."""
        k = key(name)
        found = [bk for bk in self.bodies if bk and k.startswith(bk) and k[len(bk):len(bk) + 1] in ("", " ", ",")]
        return self.body(self.bodies[max(found, key=len)].name) if found else None


def province_of(place: Place | None) -> str | None:
    """The province code of a place (its own code when it is a province)."""
    if place is None:
        return None
    return place.province_code or (place.code if place.level == "province" else None)


