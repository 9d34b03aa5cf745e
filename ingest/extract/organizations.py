"""Bodies named in the article, and which body each is part of.

A body phrase starts with a body head (tables/body_types.tsv) and runs like a post's body
(ingest.extract.posts.body_end). "X của Y" makes Y the parent of X; two bodies joined by a
comma, the first of a smaller kind, make the second its parent:
"Tổ giám sát số 2, Đoàn giám sát 1521 của Ban Thường vụ Tỉnh ủy" →
Tổ giám sát số 2 ⊂ Đoàn giám sát 1521 ⊂ Ban Thường vụ Tỉnh ủy.
"""
from __future__ import annotations

import re

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.people import expand_abbreviations
from ingest.extract.posts import body_end
from ingest.extract.tokens import Token, token_at
from kg.model import Organization

# How large a kind of body is, for "smaller, larger" appositions.
_RANK = {"team": 1, "delegation": 2, "department": 3, "party_board": 3, "standing_committee": 4,
         "front_committee": 5, "peoples_council": 5, "peoples_committee": 5, "party_committee": 5,
         "ministry": 5, "national_assembly": 6, "government": 6}
_OF = re.compile(r"\s+của\s+")
_PART_START = re.compile(r"(?:^|(?<=của ))\S")   # where each part of "X của Y" begins
_AND = re.compile(r"\s+và\s+")
_SPACES = re.compile(r"\s+")


def _kind(name: str) -> str | None:
    m = lexicon.body_pattern().match(name)
    return lexicon.body_types().get(_SPACES.sub(" ", m.group(0)).casefold()) if m else None


def find_organizations(doc: Doc, tokens: list[Token]) -> list[Organization]:
    spans: list[tuple[int, int]] = []
    for head in lexicon.body_pattern().finditer(doc.m, doc.body_start):
        if not head.group(0)[0].isupper() or (spans and head.start() < spans[-1][1]):
            continue  # lower-case heads ("ủy ban nhân dân") appear inside posts; bodies are written capitalised
        if lexicon.title_pattern().match(doc.m, head.start()):
            continue  # "Tổ trưởng" is a title, not the body "Tổ"
        sentence = doc.sentence_of(head.start())
        i = token_at(tokens, head.end())
        end = max(head.end(), body_end(doc, tokens, i, sentence.end)) if i < len(tokens) else head.end()
        spans.append((head.start(), end))
    found: dict[str, Organization] = {}
    previous: tuple[int, int, str] | None = None
    spans = [piece for span in spans for piece in _split_and(doc, *span)]
    for start, end in spans:
        text = doc.text[start:end]
        parts = _OF.split(text)
        names = [expand_abbreviations(p) for p in parts if p.strip()]
        offsets = [start + m.start() for m in _PART_START.finditer(text)]
        chain = list(zip(names, offsets))
        for k, (name, offset) in enumerate(chain):
            parent = chain[k + 1][0] if k + 1 < len(chain) else None
            _add(found, doc, name, offset, offset + len(name), parent)
        # "Tổ giám sát số 2, Đoàn giám sát 1521 …": the smaller body is part of the larger one.
        if previous and re.fullmatch(r"\s*,\s*", doc.m[previous[1]:start]):
            child = found.get(previous[2])
            child_rank = _RANK.get(_kind(previous[2]) or "", 0)
            parent_rank = _RANK.get(_kind(names[0]) or "", 0)
            if child and child.parent is None and 0 < child_rank < parent_rank:
                found[previous[2]] = Organization(child.name, child.kind, child.evidence, names[0], child.place)
        previous = (start, start + len(parts[0]), names[0])
    return list(found.values())


def _split_and(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "Huyện ủy Thuận Bắc và Huyện ủy Ninh Sơn": two bodies."""
    out, pos = [], start
    for m in _AND.finditer(doc.m[start:end]):
        nxt = start + m.end()
        if lexicon.body_pattern().match(doc.m, nxt):
            out.append((pos, start + m.start()))
            pos = nxt
    out.append((pos, end))
    return out


def _add(found: dict[str, Organization], doc: Doc, name: str, start: int, end: int, parent: str | None) -> None:
    if len(name.split()) < 2 or name in found:
        if name in found and parent and found[name].parent is None:
            o = found[name]
            found[name] = Organization(o.name, o.kind, o.evidence, parent, o.place)
        return
    found[name] = Organization(name=name, kind=_kind(name), evidence=doc.evidence(start, end, "body-name"),
                               parent=parent)
