"""The working document every extraction stage reads and writes.

``text`` is the cleaned article text (see :func:`kg.text.normalize.clean`); ``m`` is the same
text with one tone-mark placement (same length), which is what patterns match against, so a
match's offsets slice the text as written.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from kg.model import Article, Evidence, Origin, Sentence
from kg.text.normalize import canonical, clean

# Header lines some sources put before the body ("# url = …", "# date = 20210501").
_HEADER = re.compile(r"\A(?:[ \t]*#[^\n]*\n)+")
# Sentence ends: . ! ? … followed by space/newline and an upper-case letter, a quote or a digit
# (the gap after the mark), or a line break. Abbreviations with dots ("TP.", "T.Ư", "1.000",
# "15.5") don't end sentences because no space follows their dot. The mark is matched rather than
# looked behind for, so that re jumps from mark to mark instead of trying every offset.
_SENTENCE_END = re.compile(r"[.!?…](?P<gap>[\"”’)]*\s+(?=[\"“‘(]?[^\W_a-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]))|\n+")
_START = attrgetter("start")   # Sentence.start, read in C by the binary search
_TITLE_ABBREV_DOT = re.compile(r"(?:\b(?:TP|Tp|GS|TS|PGS|ThS|Th\.S|ông|bà|St|No)\.)\s*$")


@dataclass
class Doc:
    article: Article
    text: str
    m: str
    body_start: int
    sentences: list[Sentence]
    layers: dict[str, Any] = field(default_factory=dict)

    def sentence_of(self, offset: int) -> Sentence:
        """The last sentence starting at or before ``offset`` (the first one for an offset before it)."""
        return self.sentences[max(0, bisect_right(self.sentences, offset, key=_START) - 1)]

    def evidence(self, start: int, end: int, rule: str, origin: Origin = Origin.observed,
                 reason: str | None = None) -> Evidence:
        return Evidence(self.article.id, self.sentence_of(start).index, start, end, rule, origin, reason)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences with character offsets; empty stretches are skipped."""
    out: list[Sentence] = []
    pos = start
    # A mark right before ``start`` may end a sentence whose gap is at ``start``.
    scan_from = start - 1 if start > 0 and text[start - 1] in ".!?…" else start
    for match in _SENTENCE_END.finditer(text, scan_from):
        end = match.start("gap") if match.group("gap") is not None else match.start()
        separator = match.group("gap") or match.group(0)
        if separator.startswith("\n") is False and _TITLE_ABBREV_DOT.search(text, pos, end + 1):
            continue
        _add(out, text, pos, end)
        pos = match.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end))


def make_doc(article: Article) -> Doc:
    text = clean(article.text or "")
    header = _HEADER.match(text)
    body_start = header.end() if header else 0
    return Doc(article, text, canonical(text), body_start, split_sentences(text, body_start))
