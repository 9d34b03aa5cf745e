"""Membership stated without a title: "Ủy viên " + the body (GUIDELINES.md, positions).

  "được bầu vào Ban Thường vụ Tỉnh ủy"       → Ủy viên Ban Thường vụ Tỉnh ủy
  "chỉ định X vào Ban Chấp hành Đảng bộ quận, Ban Thường vụ Quận ủy" → one post per body
  "Danh sách Ban Thường vụ Thành uỷ khoá VIII: 1- A …, 2- B …" → each person listed
The cue words are the rows of tables/status_cues.tsv whose ``where`` is ``before_body``.
"""
from __future__ import annotations

import re

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.people import expand_abbreviations
from ingest.extract.persons import Mention
from ingest.extract.posts import body_end
from ingest.extract.tokens import Token, token_at
from kg.model import Position, PostStatus

# Bodies people are members of (a membership post is "Ủy viên " + one of these).
_MEMBER_BODY = re.compile(r"(?:Ban Thường vụ|Ban Chấp hành|Bộ Chính trị|Ban Bí thư|BCHTƯ|BCHTW|BCH|BTV|Ủy ban Kiểm tra|UBKT)(?!\w)", re.IGNORECASE)
_HEADER = re.compile(r"(?:Danh sách\s+)?(?P<body>(?:Ban Thường vụ|Ban Chấp hành|Bộ Chính trị|Ban Bí thư)[^:\n.]{0,60}?)\s*(?:gồm(?: có)?\s*)?:", re.IGNORECASE)


def _body_phrase(doc: Doc, tokens: list[Token], start: int, limit: int) -> int:
    m = _MEMBER_BODY.match(doc.m, start)
    if not m:
        return start
    i = token_at(tokens, m.end())
    return max(m.end(), body_end(doc, tokens, i, limit)) if i < len(tokens) else m.end()


def _position(doc: Doc, start: int, end: int, rule: str) -> Position:
    body = expand_abbreviations(doc.text[start:end])
    return Position(text="Ủy viên " + body, title="Ủy viên", body=body, body_kind=None,
                    status=PostStatus.current, evidence=doc.evidence(start, end, rule))


def find_memberships(doc: Doc, tokens: list[Token], mentions: list[Mention]) -> dict[str, list[Position]]:
    out: dict[str, list[Position]] = {}
    cues = [cue for cue, status, where in lexicon.status_cues() if where == "before_body"]
    cue_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")\s+", re.IGNORECASE)
    for cue in cue_re.finditer(doc.m, doc.body_start):
        sentence = doc.sentence_of(cue.start())
        pos, bodies = cue.end(), []
        while True:
            end = _body_phrase(doc, tokens, pos, sentence.end)
            if end == pos:
                break
            bodies.append((pos, end))
            sep = re.match(r"\s*(?:,|và)\s*", doc.m[end:sentence.end])
            if not sep:
                break
            pos = end + sep.end()
        if not bodies:
            continue
        owners = [m for m in mentions if sentence.start <= m.start < cue.start()]
        if not owners:
            continue
        for start, end in bodies:
            out.setdefault(owners[-1].key, []).append(_position(doc, start, end, "membership-cue"))
    for header in _HEADER.finditer(doc.m, doc.body_start):
        start = header.start("body")
        end = _body_phrase(doc, tokens, start, header.end("body"))
        if end == start:
            continue
        stop = doc.m.find("\n\n", header.end())
        stop = len(doc.m) if stop < 0 else stop
        for m in mentions:
            if header.end() <= m.start < stop and not m.short:
                out.setdefault(m.key, []).append(_position(doc, start, end, "membership-list"))
    return out
