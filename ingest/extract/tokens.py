"""Word tokens over canonical text, with the masks later stages rely on.

A token is a run of letters/digits, hyphen- or apostrophe-joined ("Bun-Thon", "Xẻng-Khăm-Mi").
Masks mark tokens that are part of an abbreviation (UBND), a place (Hà Nội, Nhật Bản) or a
country, so a capitalised place is never read as the start of a personal name.
"""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ingest.extract import lexicon
from ingest.extract.doc import Doc


class Token(NamedTuple):
    i: int
    start: int
    end: int
    text: str          # canonical spelling
    cap: bool          # starts with an upper-case letter
    mask: str | None   # "abbr" | "place" | None


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted(lexicon.countries(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in names) + r")(?!\w)")


def _place_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _country_pattern().finditer(doc.m)]
    try:
        from ingest import places
    except ImportError:  # resolution of admin units is optional for name masking
        return spans
    found = places.find_places(doc.m)
    doc.layers["place_mentions"] = found
    doc.layers["place_context"] = places.resolve(found, doc.article.date)
    spans.extend((p.start, p.end) for p in found)
    return spans


def tokenize(doc: Doc) -> list[Token]:
    spans = [(m.start(), m.end(), "abbr") for m in lexicon.abbreviation_pattern().finditer(doc.m)]
    spans += [(start, end, "place") for start, end in _place_spans(doc)]
    # One mask per character offset that starts a token: cheaper than testing spans per token.
    mask_at: dict[int, str] = {}
    for s_start, s_end, kind in sorted(spans, key=lambda sp: (sp[2] != "abbr", sp[0])):
        for m in lexicon.WORD.finditer(doc.m, s_start, s_end):
            mask_at.setdefault(m.start(), kind)
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # tuple.__new__ skips NamedTuple's Python-level constructor: this is the extractor's hottest loop
    for m in lexicon.WORD.finditer(doc.m):
        start, word = m.start(), m.group(0)
        mask = mask_at.get(start)
        if "-" in word:
            parts = word.split("-")
            if len({p[:1].isupper() for p in parts}) > 1:
                # "động-Thương": a missing space, not a hyphenated name; one token per part.
                offset = start
                for part in parts:
                    append(Token(len(out), offset, offset + len(part), part, part[:1].isupper(), mask))
                    offset += len(part) + 1
                continue
        append(new(Token, (len(out), start, m.end(), word, word[0].isupper(), mask)))
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
