"""Posts stated by the event around a person: elected, appointed, leaving, held before.

"bổ nhiệm ông X giữ chức Chủ tịch …" (started), "thôi giữ chức Bí thư Quận ủy" (left: "nguyên …"),
"từng giữ các chức danh …: A, B, C" (held before: "nguyên …"). The cue words are rows of
tables/status_cues.tsv; the post goes to the nearest person named before it in the sentence.
"""
from __future__ import annotations

import re

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.people import make_position
from ingest.extract.persons import Mention
from ingest.extract.posts import is_occasion_role, post_at
from ingest.extract.tokens import Token
from kg.model import Position

_LIST_SEP = re.compile(r"\s*(?:,|;|và|kiêm)\s*(?:nguyên\s+)?", re.IGNORECASE)


def find_context_posts(doc: Doc, tokens: list[Token], mentions: list[Mention]) -> dict[str, list[Position]]:
    out: dict[str, list[Position]] = {}
    attached = {(p.start, p.end) for m in mentions for p in m.posts}
    cues = [(cue, status) for cue, status, where in lexicon.status_cues() if where == "before_post"]
    for title in lexicon.title_pattern().finditer(doc.m, doc.body_start):
        if any(s <= title.start() < e for s, e in attached):
            continue
        sentence = doc.sentence_of(title.start())
        before = doc.m[max(sentence.start, title.start() - 90):title.start()].casefold()
        status = _status_cue(before, cues)
        if status is None:
            continue
        post = post_at(doc, tokens, title.start(), sentence.end)
        if not post or is_occasion_role(doc, post):
            continue
        owner = _owner(doc, mentions, title.start(), sentence.start, sentence.end)
        if owner is None:
            continue
        out.setdefault(owner.key, []).append(make_position(doc, post, status, "post-context"))
        attached.add((post.start, post.end))
    return out


def _status_cue(before: str, cues: list[tuple[str, str]]) -> str | None:
    """Status of the nearest cue before a title: right before it, or heading a list it is in."""
    best: tuple[int, str] | None = None
    for cue, status in cues:
        idx = before.rfind(cue)
        if idx < 0 or (idx > 0 and before[idx - 1].isalnum()):
            continue
        between = before[idx + len(cue):]
        if between.strip() == "" or re.fullmatch(r"[^.;]*:\s*(?:[^.;:]*,\s*)*", between):
            if best is None or idx + len(cue) > best[0]:
                best = (idx + len(cue), status)
    return best[1] if best else None


def _owner(doc: Doc, mentions: list[Mention], offset: int, sentence_start: int, sentence_end: int) -> Mention | None:
    before = [m for m in mentions if sentence_start <= m.start < offset]
    if before:
        return before[-1]
    return None
