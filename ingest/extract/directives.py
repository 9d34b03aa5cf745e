"""Documents cited by number: "Nghị quyết số 09-NQ/TU ngày 29/11/2021 của Ban Thường vụ Tỉnh ủy về …".

Numbers come in party style (09-NQ/TU, 181-QĐ/TW), state style (123/QĐ-UBND, 43/2014/NĐ-CP,
304/VPCP) or bare after a kind word ("Chỉ thị 16", "quyết định số 439"). The kind is the word
the text uses (tables/document_kinds.tsv), else the code's kind; the date is the one written
with the number (or the sentence's date when the sentence reports the issuing); the issuer is
"của <body>", the body that "ban hành/ký/có" it, or the body "tại" whose document it is.
"""
from __future__ import annotations

import re
from functools import cache

from ingest.extract import lexicon
from ingest.extract.dates import find_dates
from ingest.extract.doc import Doc
from ingest.extract.people import expand_abbreviations
from ingest.extract.posts import body_end, post_at
from ingest.extract.tokens import Token, token_at
from kg.model import Directive, Origin

# A code is upper case and digits ("NQ", "PC44", "Đ2"); one trailing lower-case letter is allowed
# where a word ends ("339/QĐ-TTg"), never one glued to the next word ("67/CPvừa").
_CODE = r"[A-ZĐ][A-ZĐ0-9]*(?:[a-zđ](?![^\W\d_]))?"
# A number starts with a digit not after a word, "/" or "-", checked once the digit is read so
# that re jumps from digit to digit instead of trying every offset of the text.
_NUMBER = re.compile(
    r"\d(?<![\w/-]\d)(?:"
    r"\d*[a-z]?-" + _CODE + r"(?:/" + _CODE + r")+"                 # 09-NQ/TU, 181-QĐ/TW
    r"|\d*(?:/\d{4})?/" + _CODE + r"(?:-" + _CODE + r")*"           # 123/QĐ-UBND, 43/2014/NĐ-CP
    r")(?![A-ZĐ0-9/])"
)
_BARE = re.compile(r"\s+(?:số\s+)?(\d{1,5})(?![\d/.,-]\d|\w)")
@cache
def _issuing() -> re.Pattern[str]:
    return re.compile(r"\b" + lexicon.cue_alternation("issuing", True) + r"\b", re.IGNORECASE)


@cache
def _issuing_end() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + lexicon.cue_alternation("issuing_end", True) + r"\s+$", re.IGNORECASE)


def _kind_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """The document kind word shortly before a number: "Nghị quyết số", "quyết định khởi tố … số"."""
    window = doc.m[max(0, start - 60):start]
    best = None
    for m in lexicon.document_kind_pattern().finditer(window):
        best = m
    if not best:
        return None, start
    between = window[best.end():]
    # The kind must be followed by "số" or directly by the number, or by a few words then "số".
    if re.fullmatch(r"\s*(?:số\s*)?", between) or re.fullmatch(r"\s+[^\d.;:,()]{0,40}\s+số\s*", between):
        kind = lexicon.document_kinds()[re.sub(r"\s+", " ", best.group(0)).casefold()]
        return kind, start - len(window) + best.start()
    return None, start


def _kind_from_code(number: str) -> str | None:
    codes = lexicon.document_codes()
    for part in re.split(r"[-/]", number):
        if part in codes:
            return codes[part]
    return None


def _phrase_at(doc: Doc, tokens: list[Token], offset: int, limit: int) -> int | None:
    """End of a body or office phrase starting at ``offset`` ("Ban Thường vụ Tỉnh ủy", "Thủ tướng Chính phủ")."""
    post = post_at(doc, tokens, offset, limit)
    if post:
        return post.end
    body = lexicon.body_pattern().match(doc.m, offset) or lexicon.abbreviation_pattern().match(doc.m, offset)
    if body:
        i = token_at(tokens, body.end())
        return max(body.end(), body_end(doc, tokens, i, limit)) if i < len(tokens) else body.end()
    if re.match(r"Cơ quan\b", doc.m[offset:]):
        i = token_at(tokens, offset + len("Cơ quan"))
        return body_end(doc, tokens, i, limit)
    return None


def _issuer(doc: Doc, tokens: list[Token], kind_start: int, after: int, sentence_start: int, sentence_end: int) -> str | None:
    of = re.match(r"\s*,?\s*của\s+", doc.m[after:sentence_end])
    if of:
        start = after + of.end()
        end = _phrase_at(doc, tokens, start, sentence_end)
        if end:
            return expand_abbreviations(doc.text[start:end])
    before = doc.m[sentence_start:kind_start]
    # "… của UBND Thành phố tại văn bản số …", "… được UBND Thành phố phê duyệt tại Quyết định số …"
    at = re.search(r"(?:của|được)\s+(.{3,80}?)\s+(?:phê duyệt\s+)?tại\s*$", before)
    if at:
        start = sentence_start + at.start(1)
        end = _phrase_at(doc, tokens, start, sentence_start + at.end(1))
        if end:
            return expand_abbreviations(doc.text[start:end])
    # "<issuer> (đã|vừa) (ký) ban hành / có / ra … số …": the body or office heading the clause.
    verb = _issuing_end().search(before)
    if verb:
        head = re.sub(r"\s+(?:đã|vừa|cũng|sẽ)\s*$", "", before[:verb.start()])
        clause_start = sentence_start + (head.rfind(",") + 1 if "," in head else 0)
        clause_end = sentence_start + len(head)
        for m in re.finditer(r"(?<![\w])" + lexicon.UPPER, doc.m[clause_start:clause_end]):
            start = clause_start + m.start()
            end = _phrase_at(doc, tokens, start, clause_end)
            if end:
                return expand_abbreviations(doc.text[start:end])
    return None


def _subject(doc: Doc, after: int, sentence_end: int) -> str | None:
    m = re.match(r"[^.;]{0,80}?\s(?:về|về việc)\s+([^.;]+)", doc.m[after:sentence_end])
    if not m:
        return None
    text = doc.text[after + m.start(1):after + m.end(1)]
    text = re.sub(r"\s*\([^)]{1,12}\)", "", text)  # inline abbreviation definitions "(CĐS)"
    return " ".join(text.split()).strip(" ,") or None


def find_directives(doc: Doc, tokens: list[Token]) -> list[Directive]:
    found: dict[str, Directive] = {}
    spans: list[tuple[int, str, int, int]] = []  # (start, number, end, kind_start)
    for m in _NUMBER.finditer(doc.m, doc.body_start):
        kind_word, kind_start = _kind_before(doc, m.start())
        spans.append((m.start(), m.group(0), m.end(), kind_start))
    for m in lexicon.document_kind_pattern().finditer(doc.m, doc.body_start):
        bare = _BARE.match(doc.m, m.end())
        if bare and not _NUMBER.match(doc.m, bare.start(1)):
            spans.append((bare.start(1), bare.group(1), bare.end(1), m.start()))
    for start, number, end, kind_start in sorted(spans):
        if any(n.startswith(number + "-") or n.startswith(number + "/") for n in found) and "/" not in number and "-" not in number:
            continue  # "Quy định số 181" after "181-QĐ/TW": the same document
        sentence = doc.sentence_of(start)
        kind, _ = _kind_before(doc, start)
        kind = kind or _kind_from_code(number)
        if not kind:
            continue
        date = None
        after = end
        dm = re.match(r"\s*,?\s*(?:ban hành\s+)?(?P<day_word>ngày)\s+", doc.m[end:sentence.end])
        if dm:
            # the date right after "ngày" (some forms include the word: "ngày 16 tháng 6 năm 2016")
            dates = find_dates(doc.m, end + dm.start("day_word"), min(sentence.end, end + dm.end() + 25))
            if dates and dates[0].start in (end + dm.start("day_word"), end + dm.end()):
                date = dates[0].iso(None)[0] if dates[0].year else f"--{dates[0].month:02d}-{dates[0].day:02d}"
                after = dates[0].end
        if date is None and _issuing().search(doc.m, sentence.start, start):
            lead = find_dates(doc.m, sentence.start, min(start, sentence.start + 30))
            if lead:
                date = lead[0].iso(None)[0] if lead[0].year else f"--{lead[0].month:02d}-{lead[0].day:02d}"
        issuer = _issuer(doc, tokens, min(kind_start, start), after, sentence.start, sentence.end)
        subject = _subject(doc, after, sentence.end)
        directive = Directive(number=doc.text[start:end], kind=kind, date=date, issuer=issuer, subject=subject,
                              evidence=doc.evidence(min(kind_start, start), after, "directive-citation",
                                                    Origin.observed))
        previous = found.get(number)
        if previous:
            directive = Directive(number=previous.number, kind=previous.kind, evidence=previous.evidence,
                                  date=previous.date or date, issuer=previous.issuer or issuer,
                                  subject=previous.subject or subject)
        found[number] = directive
    return list(found.values())
