"""Posts stated by the event around a person: elected, appointed, leaving, held before.

"bổ nhiệm ông X giữ chức Chủ tịch …" (started), "thôi giữ chức Bí thư Quận ủy" (left: "nguyên …"),
"từng giữ các chức danh …: A, B, C" (held before: "nguyên …"). The cue words are rows of
tables/status_cues.tsv; the post goes to the nearest person named before it in the sentence.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.people import make_position
from ingest.extract.persons import Mention
from ingest.extract.posts import body_title_starts, is_occasion_role, post_at
from ingest.extract.tokens import Token
from ingest.extract.dates import find_dates
from kg.model import Position, Sentence

_LIST_SEP = re.compile(r"\s*(?:,|;|và|kiêm)\s*(?:nguyên\s+)?", re.IGNORECASE)


# "Ông là Ủy viên Trung ương Đảng …", "Bà từng là …": posts of the person last named.
# ("Not after a word character" is checked after the pronoun's first letter, so that re jumps to
# those letters instead of trying every offset of the text.)
_PRONOUN_IS = re.compile(r"(?:[Ôô](?<!\w(?s:.))ng|[Bb](?<!\w(?s:.))à)\s+(?:(?P<former>từng là|từng giữ chức|trước đó là)|là|hiện là)\s+")
# "các nguyên tổng bí thư: Đỗ Mười, Lê Khả Phiêu": one post for every name of the list.
_PLURAL = re.compile(r"(?<!\w)(?:các|hai|ba)\s+(?P<status>nguyên\s+|cố\s+)?(?=\w)", re.IGNORECASE)


def _pronoun_posts(doc: Doc, tokens: list[Token], mentions: list[Mention], out: dict[str, list[Position]],
                   attached: set[tuple[int, int]]) -> None:
    for m in _PRONOUN_IS.finditer(doc.m, doc.body_start):
        earlier = [x for x in mentions if x.start < m.start() and not x.short]
        if not earlier:
            continue
        sentence = doc.sentence_of(m.start())
        pos, status = m.end(), "former" if m.group("former") else None
        while pos < sentence.end:
            post = post_at(doc, tokens, pos, sentence.end)
            if not post:
                break
            out.setdefault(earlier[-1].key, []).append(make_position(doc, post, status, "post-pronoun"))
            attached.add((post.start, post.end))
            sep = re.match(r"\s*(?:,|;|và)\s*", doc.m[post.end:sentence.end])
            if not sep:
                break
            pos = post.end + sep.end()


def _plural_posts(doc: Doc, tokens: list[Token], mentions: list[Mention], out: dict[str, list[Position]],
                  attached: set[tuple[int, int]]) -> None:
    for m in _PLURAL.finditer(doc.m, doc.body_start):
        sentence = doc.sentence_of(m.start())
        post = post_at(doc, tokens, m.end(), sentence.end)
        if not post:
            continue
        colon = re.match(r"\s*:\s*", doc.m[post.end:sentence.end])
        if not colon:
            continue
        status = "former" if m.group("status") and m.group("status").startswith("nguyên") else \
            "late" if m.group("status") else None
        pos = post.end + colon.end()
        for mention in mentions:
            if mention.start != pos:
                continue
            out.setdefault(mention.key, []).append(make_position(doc, post, status, "post-plural"))
            sep = re.match(r"\s*,\s*", doc.m[mention.end:sentence.end])
            if not sep:
                break
            pos = mention.end + sep.end()
        attached.add((post.start, post.end))


def find_context_posts(doc: Doc, tokens: list[Token], mentions: list[Mention]) -> dict[str, list[Position]]:
    out: dict[str, list[Position]] = {}
    attached = {(p.start, p.end) for m in mentions for p in m.posts}
    _pronoun_posts(doc, tokens, mentions, out, attached)
    _plural_posts(doc, tokens, mentions, out, attached)
    cues = [(cue, status) for cue, status, where in lexicon.status_cues() if where == "before_post"]
    for title_start in body_title_starts(doc):
        if any(s <= title_start < e for s, e in attached):
            continue
        sentence = doc.sentence_of(title_start)
        before = _ABBREVIATION_DOT.sub("·", doc.m[max(sentence.start, title_start - 260):title_start]).casefold()
        past = _PAST_PERIOD.search(doc.m, sentence.start, title_start)
        status = _status_cue(before, cues, bool(past))
        if status is None:
            continue
        post = post_at(doc, tokens, title_start, sentence.end)
        if not post or is_occasion_role(doc, post):
            continue
        owner = _beneficiary(doc, mentions, post.end, sentence.end) or _owner(doc, mentions, title_start, sentence.start, sentence.end)
        if owner is None:
            continue
        if status in ("started", "current") and past:
            status = "former"  # "Từ năm 2011 đến tháng 2/2016, ông làm Bộ trưởng …"
        position = make_position(doc, post, status, "post-context")
        for subject in _coordinated_subject(doc, mentions, owner, sentence):
            out.setdefault(subject.key, []).append(_with_dates(doc, position, post.end, sentence, status))
        attached.add((post.start, post.end))
    return out


_FROM_DATE = re.compile(r"\s*,?\s*(?:kể\s+)?từ\s+ngày\s+")


@cache
def _leaves() -> re.Pattern[str]:
    return re.compile(lexicon.cue_alternation("leaves", True), re.IGNORECASE)


def _with_dates(doc: Doc, position: Position, post_end: int, sentence: Sentence, status: str) -> Position:
    """since/until when the text states them: "giữ chức … từ ngày 01/7/2017" (since), or the date
    of the sentence that reports the election, appointment or departure."""
    stated = None
    lead = _FROM_DATE.match(doc.m, post_end)
    if lead:
        found = find_dates(doc.m, lead.end(), min(sentence.end, lead.end() + 25))
        stated = found[0] if found and found[0].start == lead.end() else None
    if stated is None and status in ("started", "former") and not _PAST_PERIOD.search(doc.m, sentence.start, sentence.end):
        found = [d for d in find_dates(doc.m, sentence.start, sentence.end)
                 if not re.search(r"(?:sinh|SN)\s*(?:ngày\s*)?$", doc.m[max(0, d.start - 12):d.start])]
        stated = found[0] if found else None
    if stated is None:
        return position
    iso, _ = stated.iso(doc.article.date)
    if status == "started":
        return replace(position, since=iso)
    if status == "former" and position.evidence.rule == "post-context" and _leaves().search(doc.m, sentence.start, post_end):
        return replace(position, until=iso)
    return position


# A cue heading a list the title is in: "từng giữ các chức vụ … như: A, B, <title>".
_HEADED_LIST = re.compile(r"[^.;]*:\s*(?:[^.;:]*(?:,|kiêm|và|rồi)\s*)*")
# The dot of an abbreviation ("TP.HCM", "T.Ư") does not end a list; it is read as "·".
_ABBREVIATION_DOT = re.compile(r"(?<=[A-ZĐ])\.(?=[A-ZĐ])")
_RUN_ON_LIST = re.compile(r"(?:\s*[^.;:,]{2,80}(?:,|kiêm|và|rồi))+\s*")


def _status_cue(before: str, cues: list[tuple[str, str]], past: bool = False) -> str | None:
    """Status of the nearest cue before a title: right before it, or heading a list it is in (with
    a colon, or without one for posts held before: "từng là A, B rồi C"; "Giai đoạn 2006-2011, ông
    làm A, B rồi C")."""
    best: tuple[int, str] | None = None
    for cue, status in cues:
        idx = before.rfind(cue)
        if idx < 0 or (idx > 0 and before[idx - 1].isalnum()):
            continue
        between = before[idx + len(cue):]
        if between.strip() == "" or _HEADED_LIST.fullmatch(between) \
                or ((status == "former" or past) and _RUN_ON_LIST.fullmatch(between)):
            if best is None or idx + len(cue) > best[0]:
                best = (idx + len(cue), status)
    return best[1] if best else None


_PAST_PERIOD = re.compile(
    r"(?:[Tt]ừ năm \d{4} đến|[Gg]iai đoạn \d{4}\s*-\s*\d{4}|\d+ năm (?:làm|công tác))")
_FOR = re.compile(r"\s*(?:cho|đối với)\s+(?:đồng chí|ông|bà)?\s*$")
_PRONOUN = re.compile(r"(?<!\w)(?:ông|bà|Ông|Bà|đồng chí|Đồng chí)(?!\s+" + lexicon.UPPER + r")(?!\w)")


def _coordinated_subject(doc: Doc, mentions: list[Mention], owner: Mention, sentence: Sentence) -> list[Mention]:
    """The owner and the people joined to it as the sentence's subject: "Các đồng chí A và B được
    bầu giữ chức Phó Bí thư", "Ông A - Ủy viên Trung ương Đảng, ông B - …, và bà C - … - được bầu là
    Phó bí thư" (each one's own posts between them)."""
    group = [owner]
    earlier = [m for m in mentions if sentence.start <= m.start < owner.start]
    for previous in reversed(earlier):
        between = list(doc.m[previous.end:group[0].start])
        for post in previous.posts:
            if previous.end <= post.status_start and post.end <= group[0].start:
                between[post.status_start - previous.end:post.end - previous.end] = " " * (post.end - post.status_start)
        if not _joined().fullmatch("".join(between)):
            break
        group.insert(0, previous)
    if len(group) == 1 or not _subject_lead().fullmatch(doc.m, sentence.start, group[0].start):
        return [owner]
    return group


@cache
def _joined() -> re.Pattern[str]:
    lead_in = lexicon.cue_alternation("post_lead_in", True)
    return re.compile(r"[\s,;\-–]*(?:" + lead_in + r"[\s,;\-–]*)?(?:và\s+)?(?:" + lexicon.honorific_pattern().pattern + r")?\s*",
                      re.IGNORECASE)


@cache
def _subject_lead() -> re.Pattern[str]:
    """What may come before a subject list at the start of its sentence: "Các đồng chí", "Ông"."""
    return re.compile(r"\s*(?:(?:các|hai|ba)\s+)?(?:" + lexicon.honorific_pattern().pattern + r")?\s*", re.IGNORECASE)


def _beneficiary(doc: Doc, mentions: list[Mention], post_end: int, sentence_end: int) -> Mention | None:
    """ "bổ nhiệm Giám đốc Sở … đối với ông X": the post is X's."""
    for m in mentions:
        if post_end <= m.start < sentence_end and _FOR.fullmatch(doc.m, post_end, m.start):
            return m
    return None


def _owner(doc: Doc, mentions: list[Mention], offset: int, sentence_start: int, sentence_end: int) -> Mention | None:
    before = [m for m in mentions if sentence_start <= m.start < offset and (not m.short or m.key != m.name.casefold())]
    if before:
        return before[-1]
    # "Trong thời gian giữ cương vị …, bà đã …": a pronoun stands for the person last named.
    if _PRONOUN.search(doc.m, sentence_start, sentence_end):
        earlier = [m for m in mentions if m.start < sentence_start and not m.short]
        if earlier:
            return earlier[-1]
    return None
