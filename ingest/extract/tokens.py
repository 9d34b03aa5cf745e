"""Word tokens over canonical text, with the masks later stages rely on.

A token is a run of letters/digits, hyphen- or apostrophe-joined ("Bun-Thon", "Xẻng-Khăm-Mi").
Masks mark tokens that are part of an abbreviation (UBND), a place (Hà Nội, Nhật Bản) or a
country, so a capitalised place is never read as the start of a personal name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract import lexicon
from ingest.extract.doc import Doc


@dataclass(frozen=True)
class Token:
    i: int
    start: int
    end: int
    text: str          # canonical spelling
    cap: bool          # starts with an upper-case letter
    mask: str | None   # "abbr" | "place" | None


def _place_spans(doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    country = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in sorted(lexicon.countries(), key=len, reverse=True)) + r")(?!\w)")
    spans.extend((m.start(), m.end()) for m in country.finditer(doc.m))
    try:
        from ingest import places
    except ImportError:  # resolution of admin units is optional for name masking
        return spans
    spans.extend((p.start, p.end) for p in places.find_places(doc.m))
    return spans


def tokenize(doc: Doc) -> list[Token]:
    masks: dict[int, str] = {}
    for m in lexicon.abbreviation_pattern().finditer(doc.m):
        for k in range(m.start(), m.end()):
            masks[k] = "abbr"
    for start, end in _place_spans(doc):
        for k in range(start, end):
            masks.setdefault(k, "place")
    out: list[Token] = []
    for m in lexicon.WORD.finditer(doc.m):
        word = m.group(0)
        out.append(Token(len(out), m.start(), m.end(), word, word[0].isupper(), masks.get(m.start())))
    return out


def token_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo
