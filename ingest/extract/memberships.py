"""Membership stated without a title: "Ủy viên " + the body (GUIDELINES.md, positions).

  "được bầu vào Ban Thường vụ Tỉnh ủy"       → Ủy viên Ban Thường vụ Tỉnh ủy
  "chỉ định X vào Ban Chấp hành Đảng bộ quận, Ban Thường vụ Quận ủy" → one post per body
  "Danh sách Ban Thường vụ Thành uỷ khoá VIII: 1- A …, 2- B …" → each person listed
The cue words are the rows of tables/status_cues.tsv whose ``where`` is ``before_body``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.people import expand_abbreviations, make_position
from ingest.extract.persons import Mention
from ingest.extract.posts import body_end, post_at
from ingest.extract.tokens import Token, token_at
from kg.model import Position, PostStatus, Sentence

# Bodies people are members of (a membership post is "Ủy viên " + one of these).
_MEMBER_BODY = re.compile(r"(?:Ban Thường vụ|Ban Chấp hành|Bộ Chính trị|Ban Bí thư|BCHTƯ|BCHTW|BCH|BTV|Ủy ban Kiểm tra|UBKT)(?!\w)", re.IGNORECASE)
_HEADER = re.compile(r"(?:Danh sách\s+)?(?P<body>(?:Ban Thường vụ|Ban Chấp hành|Bộ Chính trị|Ban Bí thư)[^:\n.]{0,60}?)\s*(?:gồm(?: có)?\s*)?:", re.IGNORECASE)


# What introduces the people of an election result: "… trúng cử vào BCHTƯ khóa X đáng chú ý có A, B".
_LIST_LEAD = re.compile(r"(?<!\w)" + lexicon.cue_alternation("list_lead", True) + r"(?!\w)\s*:?\s*", re.IGNORECASE)
_ALTERNATE = re.compile(r"(?<!\w)" + lexicon.cue_alternation("alternate_member", True) + r"(?!\w)", re.IGNORECASE)
_TERM = re.compile(r"(?<!\w)kh(?:óa|oá)\s+[IVXLC]+(?:\s*,\s*[IVXLC]+)*(?!\w)", re.IGNORECASE)
_ELECTION_RESULT = re.compile(lexicon.cue_alternation("election_result", True) + r"(?!\w)", re.IGNORECASE)
_BIGRAM_WORDS = re.compile(r"\w+")

# ("not after a word character" is checked after the first letter so re jumps to that letter)
_PLURAL_MEMBERS = re.compile(r"[Ủủ](?<!\w(?s:.))y viên\s+(?P<body>(?:Bộ Chính trị|Ban Bí thư|Ban Thường vụ|Ban Chấp hành)[^()\n]{0,40}?)\s*\(")


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


def _position(doc: Doc, start: int, end: int, rule: str, term: str = "", alternate: bool = False) -> Position:
    body = expand_abbreviations(doc.text[start:end])
    if term:
        body = re.sub(r"\s+kh(?:óa|oá)$", "", body) + " " + term
    title = "Ủy viên " + lexicon.cues("alternate_member")[0] if alternate else "Ủy viên"
    return Position(text=title + " " + body, title=title, body=body, body_kind=None,
                    status=PostStatus.current, evidence=doc.evidence(start, end, rule))


@cache
def _membership_cue() -> re.Pattern[str]:
    cues = [cue for cue, status, where in lexicon.status_cues() if where == "before_body"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")\s+", re.IGNORECASE)


def _pronoun_owner(doc: Doc, mentions: list[Mention], sentence: Sentence, cue_start: int) -> list[Mention]:
    """ "Ông được bầu vào Bộ Chính trị …": the sentence's subject is the person last named."""
    if not lexicon.honorific_pattern().fullmatch(doc.m[sentence.start:cue_start].strip()):
        return []
    earlier = [m for m in mentions if m.start < sentence.start and not m.short]
    return earlier[-1:]


def _reelected_to_post(doc: Doc, tokens: list[Token], mentions: list[Mention], cue: re.Match[str],
                       sentence: Sentence, out: dict[str, list[Position]]) -> None:
    """ "Ông Nguyễn Minh Triết tái cử Bí thư Thành ủy TP HCM": a post, not a membership, after the cue."""
    if not _ELECTION_RESULT.match(doc.m, cue.start()):
        return
    post = post_at(doc, tokens, cue.end(), sentence.end)
    owners = [m for m in mentions if sentence.start <= m.start < cue.start()]
    if not post or not owners:
        return
    # the person is the cue's subject: right before it ("được giới thiệu tái cử" is a nomination)
    subject_end = max([owners[-1].end] + [p.end for p in owners[-1].posts if p.end <= cue.start()])
    if doc.m[subject_end:cue.start()].strip(" ,-–") == "":
        out.setdefault(owners[-1].key, []).append(make_position(doc, post, "started", "post-reelected"))


def _listed_after(doc: Doc, mentions: list[Mention], start: int, sentence: Sentence) -> tuple[int, list[Mention]]:
    """The people listed right after "có"/"gồm" near ``start``: (where the lead word starts, them)."""
    lead = _LIST_LEAD.search(doc.m, start, min(sentence.end, start + 80))
    if not lead:
        return -1, []
    people = [m for m in mentions if lead.end() <= m.start < sentence.end and not m.short]
    if not people or min([people[0].start] + [p.status_start for p in people[0].posts]) != lead.end():
        return -1, []  # "có" of another sense: the list must begin right after it
    return lead.start(), people


def _term_of(doc: Doc, tokens: list[Token], start: int, end: int) -> str:
    """ "khóa X" of a body named without its term ("trúng cử vào BCHTƯ khóa đáng chú ý có …"):
    the term the article gives the same body last before it."""
    if _TERM.search(doc.m, start, end):
        return ""
    wanted = expand_abbreviations(doc.text[start:end]).casefold()
    term = ""
    for earlier in _MEMBER_BODY.finditer(doc.m, 0, start):
        phrase_end = _body_phrase(doc, tokens, earlier.start(), start)
        stated = _TERM.search(doc.m, earlier.start(), phrase_end)
        if stated and expand_abbreviations(doc.text[earlier.start():stated.start()]).strip().casefold() == wanted:
            term = doc.text[stated.start():stated.end()]
    return term


def _last_body_with_term(doc: Doc, tokens: list[Token], before: int) -> tuple[int, int] | None:
    """The last member body named with its term before ``before`` ("BCHTƯ khóa X")."""
    found = None
    for earlier in _MEMBER_BODY.finditer(doc.m, 0, before):
        phrase_end = _body_phrase(doc, tokens, earlier.start(), before)
        if _TERM.search(doc.m, earlier.start(), phrase_end):
            found = (earlier.start(), phrase_end)
    return found


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = _BIGRAM_WORDS.findall(text.casefold())
    return set(zip(words, words[1:]))


def _election_result(doc: Doc, tokens: list[Token], mentions: list[Mention], cue: re.Match[str],
                     bodies: list[tuple[int, int]], out: dict[str, list[Position]]) -> None:
    """An election result stated for a list of people after the cue, each a member of the body:
    "Một số gương mặt mới … trúng cử vào BCHTƯ khóa X đáng chú ý có A, B", "trong danh sách trúng
    cử vị trí dự khuyết này có C, D" (the body is the one the article last named with its term).
    The next sentence continues the list when it repeats the subject ("Những gương mặt mới ở trung
    ương gồm E, F")."""
    if not _ELECTION_RESULT.match(doc.m, cue.start()):
        return  # weaker cues ("vào", "tham gia") also head nominations and candidate lists
    sentence = doc.sentence_of(cue.start())
    after = bodies[-1][1] if bodies else cue.end()
    lead, people = _listed_after(doc, mentions, after, sentence)
    if not people:
        return
    alternate = bool(_ALTERNATE.search(doc.m, cue.end(), lead))
    if bodies:
        spans = [(start, end, _term_of(doc, tokens, start, end)) for start, end in bodies]
    else:
        body = _last_body_with_term(doc, tokens, cue.start())
        if body is None:
            return
        spans = [(body[0], body[1], "")]
    subject = _bigrams(doc.m[sentence.start:cue.start()])
    while True:
        for person in people:
            for start, end, term in spans:
                position = _position(doc, start, end, "membership-result", term, alternate)
                # the evidence is the result's own words, wherever the body was named
                out.setdefault(person.key, []).append(
                    replace(position, evidence=doc.evidence(cue.start(), lead, "membership-result")))
        if sentence.index + 1 >= len(doc.sentences):
            return
        sentence = doc.sentences[sentence.index + 1]
        lead, people = _listed_after(doc, mentions, sentence.start, sentence)
        if not people or not subject & _bigrams(doc.m[sentence.start:lead]) \
                or _membership_cue().search(doc.m, sentence.start, lead):
            return


def find_memberships(doc: Doc, tokens: list[Token], mentions: list[Mention]) -> dict[str, list[Position]]:
    out: dict[str, list[Position]] = {}
    for cue in _membership_cue().finditer(doc.m, doc.body_start):
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
            _reelected_to_post(doc, tokens, mentions, cue, sentence, out)
            _election_result(doc, tokens, mentions, cue, bodies, out)
            continue
        owners = [m for m in mentions if sentence.start <= m.start < cue.start()] or _pronoun_owner(doc, mentions, sentence, cue.start())
        if not owners:
            _election_result(doc, tokens, mentions, cue, bodies, out)
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
        # A list set out below its header runs to the blank line; one that goes on in the same
        # line ("6 ủy viên Bộ Chính trị khóa IX tái cử gồm: A, B, C đều trúng …") ends with it.
        line_end = doc.m.find("\n", header.end())
        line_end = len(doc.m) if line_end < 0 else line_end
        stop = line_end if doc.m[header.end():line_end].strip() else doc.m.find("\n\n", header.end())
        stop = len(doc.m) if stop < 0 else stop
        for m in mentions:
            if header.end() <= m.start < stop and not m.short:
                out.setdefault(m.key, []).append(_position(doc, start, end, "membership-list"))
    return out
