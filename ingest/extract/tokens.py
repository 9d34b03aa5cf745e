"""Word tokens over canonical text, with the masks later stages rely on.

A token is a run of letters/digits, hyphen- or apostrophe-joined ("Bun-Thon", "Xẻng-Khăm-Mi").
Masks mark tokens that are part of an abbreviation (UBND), a place (Hà Nội, Nhật Bản) or a
country, so a capitalised place is never read as the start of a personal name.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate, compress, count, repeat
from operator import contains, itemgetter
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
    # "Not after a word character" is checked after each name's first letter, not before it, so
    # re jumps to the letters names start with instead of trying every offset (see lexicon).
    return re.compile("(?:" + "|".join(re.escape(c[0]) + r"(?<!\w(?s:.))" + re.escape(c[1:]) for c in names)
                      + r")(?!\w)")


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
    # The extractor's hottest loop, so it is written as column operations that run in C: one
    # split of the text into gap, word, gap, word, …, gap, and offsets as running lengths.
    pieces = _WORD_PIECES.split(doc.m)
    bounds = list(accumulate(map(len, pieces)))
    words = pieces[1::2]
    starts, ends = bounds[0:-1:2], bounds[1::2]
    caps = list(map(str.isupper, map(itemgetter(0), words)))
    masks = list(map(mask_at.get, starts))
    if "-" in doc.m:
        _split_run_on_words(starts, ends, words, caps, masks)
    glued = [m.start() for m in _GLUED_LIST_NUMBER.finditer(doc.m) if _two_lower_letters(doc.m[m.start() - 2:m.start()])]
    if glued:
        _split_glued_numbers(glued, starts, ends, words, caps, masks)
    # tuple.__new__ skips NamedTuple's Python-level constructor (Token._make is one too).
    return list(map(tuple.__new__, repeat(Token), zip(count(), starts, ends, words, caps, masks)))


_WORD_PIECES = re.compile("(" + lexicon.WORD.pattern + ")")


def _split_run_on_words(starts: list[int], ends: list[int], words: list[str], caps: list[bool],
                        masks: list[str | None]) -> None:
    """ "động-Thương": a missing space, not a hyphenated name; one token per part, each with the
    mask of the whole word. Edits the columns in place, from the end so indexes stay valid."""
    for k in reversed(list(compress(count(), map(contains, words, repeat("-"))))):
        parts = words[k].split("-")
        if len({p[:1].isupper() for p in parts}) == 1:
            continue
        part_starts = list(accumulate([starts[k]] + [len(p) + 1 for p in parts[:-1]]))
        starts[k:k + 1] = part_starts
        ends[k:k + 1] = [s + len(p) for s, p in zip(part_starts, parts)]
        words[k:k + 1] = parts
        caps[k:k + 1] = [p[:1].isupper() for p in parts]
        masks[k:k + 1] = [masks[k]] * len(parts)


_GLUED_LIST_NUMBER = re.compile(r"\d{1,3}(?=\.(?:\s|$))")
"""A list's next number run on to the end of the item before it, its line break lost:
"Thứ trưởng Bộ Tư pháp4. Lê Thị Bân" (a dot just after; two lower-case letters just before,
checked in Python: a look-behind first would make ``re`` try every position of the text)."""


def _two_lower_letters(text: str) -> bool:
    return len(text) == 2 and text.isalpha() and text.islower()


def _split_glued_numbers(offsets: list[int], starts: list[int], ends: list[int], words: list[str],
                         caps: list[bool], masks: list[str | None]) -> None:
    """One token for the word and one for the number at each offset in ``offsets``, so the
    item's post ends before the number ("Tư pháp4." reads as "Tư pháp" then "4."). Edits the
    columns in place, from the end so indexes stay valid."""
    for offset in reversed(offsets):
        k = bisect_right(starts, offset) - 1
        if k < 0 or not starts[k] < offset < ends[k]:
            continue
        cut = offset - starts[k]
        word = words[k]
        starts[k:k + 1] = [starts[k], offset]
        ends[k:k + 1] = [offset, ends[k]]
        words[k:k + 1] = [word[:cut], word[cut:]]
        caps[k:k + 1] = [caps[k], False]
        masks[k:k + 1] = [masks[k]] * 2


def token_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return bisect_left(tokens, offset, key=_START)


_START = itemgetter(1)   # Token.start, read in C by the binary search
