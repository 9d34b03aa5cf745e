"""Post phrases: [status] TITLE [BODY] — "nguyên Phó Chủ tịch UBND tỉnh Bình Định".

A post starts with a title from tables/titles.tsv and runs over the words that can make up a
body's name: capitalised words, abbreviations, places, numbers, the lower-case words of
tables/body_words.tsv, and connectors ("và", "của", "-") when a name follows them. It stops at
punctuation, at any other lower-case word (a verb: "làm", "phát biểu") and where a new title
or a personal name begins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.tokens import Token, token_at

_CONNECTORS = {"và", "của", "tại", "thuộc"}
_TERM_WORD = re.compile(r"(?:khóa|khoá|Khóa|Khoá)\s+[IVXLC]+(?:\s*,\s*[IVXLC]+)*(?![\w])")
_GAP_OK = re.compile(r"(?:[ \t]*[-–&][ \t]*| ?|\.)\Z")
# Titles that name a role for the occasion when preceded by "làm" (FORMAT.md: not a post).
_INLINE_DEFINITION = re.compile(r"\s*\([A-ZĐ][A-ZĐ&.\-]{1,9}\)")
# Titles that qualify the title before them rather than start a new post ("Phó Chủ tịch Thường trực").
_QUALIFIER = re.compile(r"(?:Thường trực|Thường vụ)(?!\w)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_OCCASION_TITLES = {"tổ trưởng", "trưởng đoàn", "trưởng nhóm", "tổ phó", "phó trưởng đoàn"}


@dataclass(frozen=True)
class PostSpan:
    start: int          # start of the title (after any status word)
    end: int
    title: str          # title key (canonical, casefolded)
    title_end: int
    status: str         # current | former | late | started
    status_start: int   # start of the status word, or ``start``


def is_name_start(tokens: list[Token], i: int, end_offset: int) -> bool:
    """A personal name starts at token i: a family name followed by 1–3 capitalised words."""
    t = tokens[i]
    if t.text not in lexicon.surnames() or t.mask:
        return False
    n = 1
    while i + n < len(tokens) and tokens[i + n].cap and not tokens[i + n].mask and n < 5 \
            and tokens[i + n].start <= end_offset and tokens[i + n].start - tokens[i + n - 1].end == 1:
        n += 1
    return 2 <= n <= 4


def body_end(doc: Doc, tokens: list[Token], i: int, limit: int) -> int:
    """Offset where the body words starting at token i end (i is the first token after the title)."""
    end = tokens[i - 1].end if i > 0 else 0
    last_real = end
    open_field_end = -1
    body_words = lexicon.body_words_pattern()
    title_pat = lexicon.title_pattern()
    while i < len(tokens) and tokens[i].start < limit:
        t = tokens[i]
        gap = doc.m[end:t.start]
        defined = _INLINE_DEFINITION.match(doc.m, end)
        if defined and defined.end() <= limit:
            end = defined.end()  # "Tổng Bí thư (TBT) Đảng Cộng sản VN": skip the definition
            i = token_at(tokens, end)
            continue
        if not _GAP_OK.fullmatch(gap) and not (gap == ". " and tokens[i - 1].text in ("TP", "Tp")):
            break  # ("TP. Hà Nội": the abbreviation's dot, then the city)
        if gap == "." and not (tokens[i - 1].text.isupper() or len(tokens[i - 1].text) <= 2):
            break  # "TP.HCM", "T.Ư" go on; "… Công nghiệp.Vị trí" is a sentence run on
        if t.cap and i > 0 and tokens[i - 1].text.casefold() in _CONNECTORS and lexicon.event_pattern().match(doc.m, t.start):
            break  # "được bầu vào Bộ Chính trị tại Hội nghị lần thứ nhất": where, not the body
        if t.cap and t.text in lexicon.function_words() and t.mask != "place" \
                and not (gap == " " and _bare_head(tokens[i - 1].text)):
            break  # "La Gi (NLĐ)- Tại kỳ họp": a new sentence run on; but "Vụ Các tổ chức quốc tế"
        if t.cap and t.mask != "place" and lexicon.address_pattern().match(doc.m, t.start):
            break  # "… Ban Kinh tế Trung ương Ông Phạm Minh Chính": a caption run on, a new sentence
        if t.cap and title_pat.match(doc.m, t.start) and ("-" in gap or "–" in gap or not _QUALIFIER.match(doc.m, t.start)) \
                and not (gap == " " and _bare_head(tokens[i - 1].text)):
            break  # a new post begins: "Ủy viên Bộ Chính trị - Thường trực Ban Bí thư"; but "Đoàn ĐBQH"
        term = _TERM_WORD.match(doc.m, t.start)
        if term and term.end() <= limit:
            end = last_real = term.end()
            i = token_at(tokens, end)
            if i < len(tokens) and doc.m[end:tokens[i].start] == " " and tokens[i].text.islower() \
                    and not body_words.match(doc.m, tokens[i].start):
                break  # "Ủy viên Bộ Chính trị khóa IX tái cử": a verb after the term; but "khóa XIV đơn vị …"
            continue
        body = lexicon.body_pattern().match(doc.m, t.start)
        word = body_words.match(doc.m, t.start)
        ends = []
        if body and body.end() <= limit and not (t.cap and title_pat.match(doc.m, t.start)):
            ends.append(body.end())
        if word and " " in word.group(0).strip() and word.end() <= limit:
            ends.append(word.end())
        if ends:
            end = last_real = max(ends)
            open_field_end = end if t.cap and _SPACES.sub(" ", doc.m[t.start:end]).casefold() in _open_fields() else -1
            i = token_at(tokens, end)
            continue
        if t.mask:
            end = last_real = t.end
            i += 1
            continue
        if t.cap:
            if title_pat.match(doc.m, t.start) or is_name_start(tokens, i, limit):
                break
            end = last_real = t.end
            i += 1
            continue
        if t.text.isdigit() and gap:  # "Quận 12"; but "Trung ương145." is a list's next number
            end = last_real = t.end
            i += 1
            continue
        if t.text == "số" and i + 1 < len(tokens) and tokens[i + 1].text.isdigit():
            end = last_real = tokens[i + 1].end  # "Tổ giám sát số 2"
            i += 2
            continue
        word = body_words.match(doc.m, t.start)
        if not word:
            # A body's name may go on in lower case after a capitalised word ("Trung tâm Phát
            # triển quỹ đất", "Văn phòng Đăng ký đất đai"): up to three more words, none a verb
            # or function word (tables/post_stop_words.tsv).
            run = _lowercase_run(tokens, i, limit, doc)
            # also after a field that takes a complement: "Trường ĐH Khoa học tự nhiên"
            if run and ((tokens[i - 1].cap and not tokens[i - 1].mask) or tokens[i - 1].end == open_field_end):
                end = last_real = tokens[i + run - 1].end
                i += run
                continue
            break
        low = word.group(0).casefold()
        if low == "kiêm":
            break
        end = word.end()
        if low not in _CONNECTORS and low != "-":
            last_real = end
        i = token_at(tokens, end)
    return last_real


@cache
def _open_fields() -> frozenset[str]:
    return frozenset(c.casefold() for c in lexicon.cues("open_field"))


def _bare_head(word: str) -> bool:
    """A one-word body head whose name must follow ("Vụ", "Cục"): a capital word after it is the name."""
    return " " not in word and bool(lexicon.body_pattern().fullmatch(word))


def _lowercase_run(tokens: list[Token], i: int, limit: int, doc: Doc) -> int:
    stop = lexicon.post_stop_words()
    n = 0
    while i + n < len(tokens) and n < 3 and tokens[i + n].start < limit:
        t = tokens[i + n]
        if t.cap or t.text.isdigit() or t.text.casefold() in stop or (n and doc.m[tokens[i + n - 1].end:t.start] != " "):
            break
        n += 1
    # The words must end the phrase: at punctuation, a name, or a stop word, never mid-clause.
    if n and i + n < len(tokens) and tokens[i + n].start < limit and not tokens[i + n].cap \
            and doc.m[tokens[i + n - 1].end:tokens[i + n].start] == " " \
            and tokens[i + n].text.casefold() not in stop:
        return 0
    return n


def status_before(doc: Doc, offset: int) -> tuple[str, int]:
    """Status word right before a title ("nguyên", "cố", "tân"): (status, its start)."""
    before = doc.m[max(0, offset - 12):offset].casefold()
    any_cue, each_cue = _status_prefixes()
    if not any_cue.search(before):
        return "current", offset
    for pattern, cue, status in each_cue:
        if pattern.search(before):
            return status, offset - len(before) + before.rfind(cue)
    return "current", offset


@cache
def _status_prefixes() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str, str], ...]]:
    """One pattern for any status word of tables/status_cues.tsv written before a title, and one
    per word in the table's order (longest first). Most titles have none, and one search says so."""
    cues = [(cue, status) for cue, status, where in lexicon.status_cues() if where == "prefix"]
    each = tuple((re.compile(r"(?<!\w)" + re.escape(cue) + r"\s+$"), cue, status) for cue, status in cues)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue, _ in cues) + r")\s+$"), each


def post_at(doc: Doc, tokens: list[Token], offset: int, limit: int) -> PostSpan | None:
    """The post phrase whose title starts exactly at ``offset`` (status word allowed before)."""
    memo = doc.layers.setdefault("post_at", {})
    if (offset, limit) not in memo:
        memo[(offset, limit)] = _post_at(doc, tokens, offset, limit)
    return memo[(offset, limit)]


def title_starts(doc: Doc) -> list[int]:
    """Start offsets of every title in the text, found once per document."""
    if "title_starts" not in doc.layers:
        doc.layers["title_starts"] = [start for start, _ in _title_spans(doc)]
    return doc.layers["title_starts"]


def body_title_starts(doc: Doc) -> list[int]:
    """Start offsets of the titles a scan from the body's start finds: those of the whole text
    after it, unless one title runs across the body's start (then the scan sees others)."""
    spans = _title_spans(doc)
    if any(start < doc.body_start < end for start, end in spans):
        return [m.start() for m in lexicon.title_pattern().finditer(doc.m, doc.body_start)]
    return [start for start, _ in spans if start >= doc.body_start]


def _title_spans(doc: Doc) -> list[tuple[int, int]]:
    if "title_spans" not in doc.layers:
        doc.layers["title_spans"] = [m.span() for m in lexicon.title_pattern().finditer(doc.m)]
    return doc.layers["title_spans"]


def _post_at(doc: Doc, tokens: list[Token], offset: int, limit: int) -> PostSpan | None:
    m = lexicon.title_pattern().match(doc.m, offset)
    if not m:
        return None
    title = _SPACES.sub(" ", m.group(0)).casefold()
    i = token_at(tokens, m.end())
    end = body_end(doc, tokens, i, limit) if i < len(tokens) else m.end()
    end = max(end, m.end())
    info = lexicon.titles().get(title, {})
    if info.get("needs_body") == "yes" and end == m.end():
        return None
    status, status_start = status_before(doc, m.start())
    return PostSpan(m.start(), end, title, m.end(), status, status_start)


def is_occasion_role(doc: Doc, post: PostSpan) -> bool:
    """ "làm Tổ trưởng", "làm Trưởng đoàn": a role for the occasion, not a standing post."""
    before = doc.m[max(0, post.start - 5):post.start].casefold()
    return post.title in _OCCASION_TITLES and before.rstrip().endswith("làm")


def titles_in(doc: Doc, start: int, end: int) -> list[re.Match[str]]:
    return list(lexicon.title_pattern().finditer(doc.m, start, end))
