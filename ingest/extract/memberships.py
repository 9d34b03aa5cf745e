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


_PLURAL_MEMBERS = re.compile(r"(?<!\w)[Ủủ]y viên\s+(?P<body>(?:Bộ Chính trị|Ban Bí thư|Ban Thường vụ|Ban Chấp hành)[^()\n]{0,40}?)\s*\(")


def _bracketed_before(doc: Doc, mentions: list[Mention], offset: int, sentence_start: int) -> list[Mention]:
    """The people in the brackets right before ``offset``: "(A, B, C) tái cử BCHTƯ …"."""
    before = doc.m[sentence_start:offset].rstrip()
    if not before.endswith(")"):
        return []
    close = sentence_start + len(before) - 1
    open_ = doc.m.rfind("(", sentence_start, close)
    return [m for m in mentions if open_ < m.start < close] if open_ >= 0 else []


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
        group = _bracketed_before(doc, mentions, cue.start(), sentence.start) or [owners[-1]]
        for owner in group:
            for start, end in bodies:
                out.setdefault(owner.key, []).append(_position(doc, start, end, "membership-cue"))
    # "Sáu ủy viên Bộ Chính trị (A, B, C …)": each person in the brackets is a member.
    for plural in _PLURAL_MEMBERS.finditer(doc.m, doc.body_start):
        end = _body_phrase(doc, tokens, plural.start("body"), plural.end())
        close = doc.m.find(")", plural.end())
        if end == plural.start("body") or close < 0:
            continue
        for m in mentions:
            if plural.end() <= m.start < close:
                out.setdefault(m.key, []).append(_position(doc, plural.start("body"), end, "membership-plural"))
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
