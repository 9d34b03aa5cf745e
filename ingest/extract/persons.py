"""Personal names and the posts attached to them.

Patterns (GUIDELINES.md, persons and positions):
  title before the name ..... "Bí thư Tỉnh ủy Nguyễn Văn A", "Bộ trưởng, Chủ nhiệm VPCP Mai Tiến Dũng"
  posts after the name ...... "đồng chí Nguyễn Long Biên, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh"
                              "Nguyễn Minh Triết - Uỷ viên Bộ Chính trị, Bí thư Thành uỷ"
                              "ông Nguyễn Quốc Khánh (Giám đốc Sở Công nghiệp)"
  honorific + name .......... "ông Phạm Xuân Tiến", "bà Szili Katalin"
  bare name ................. a family name (tables/surnames.tsv) and 1–3 capitalised words
  short form ................ "ông Triết" → the full name ending in "Triết"
A name is not a person inside a place, street, school or prize ("TP Hồ Chí Minh", "đường
Nguyễn Huệ"; tables/not_person_before.tsv), nor a byline or photo credit.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from dataclasses import dataclass, field

from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.posts import PostSpan, is_name_start, is_occasion_role, post_at, title_starts
from ingest.extract.tokens import Token, token_at
from kg.text.normalize import key as text_key

@cache
def _credit() -> re.Pattern[str]:
    return re.compile(lexicon.cue_alternation("credit") + r"\s*:?\s*$")
@cache
def _post_sep() -> re.Pattern[str]:
    return re.compile(r"\s*(?:,|-|–|\(|và|kiêm)\s*(?:" + lexicon.cue_alternation("post_lead_in", True) + r"\s+)?", re.IGNORECASE)
# Asides between a name and its posts: "(bìa trái)", "(SN 1964)", ", sinh ngày 24/4/1975", ", 57 tuổi".
_ASIDE = re.compile(r"\s*(?:\((?!\s*(?:nguyên\s+)?[A-ZĐ][a-zđà-ỹ]*\s+[a-zđà-ỹ])[^()]{1,40}\)|,\s*(?:sinh ngày|sinh năm|SN)\s+[\d/.\-]+|,\s*\d{2}\s+tuổi)")


@dataclass
class Mention:
    start: int
    end: int
    name: str                    # as written
    key: str
    honorific: bool = False
    short: bool = False          # a short form: "ông Triết", "ông Xuân Anh" (resolve_short_forms)
    posts: list[PostSpan] = field(default_factory=list)
    rule: str = "name"


def _runs(doc: Doc, tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
    """Runs of capitalised, unmasked tokens separated by single spaces, as token index ranges."""
    runs: list[tuple[int, int]] = []
    capitals = _capitalised(doc, tokens)
    k = bisect_left(capitals, token_at(tokens, start))
    function_words = lexicon.function_words()
    middle_names = lexicon.cues("middle_name")
    while k < len(capitals) and tokens[capitals[k]].start < end:
        i = capitals[k]
        j = i + 1
        while j < len(tokens) and tokens[j].start < end and tokens[j].cap and not tokens[j].mask \
                and doc.m[tokens[j - 1].end:tokens[j].start] == " " \
                and (tokens[j].text not in function_words or tokens[j - 1].text in middle_names):
            j += 1
        runs.append((i, j))
        k = bisect_left(capitals, j, k + 1)
    return runs


def _capitalised(doc: Doc, tokens: list[Token]) -> list[int]:
    """Indexes of the capitalised, unmasked tokens, found once per document: a run can start only
    there, and most tokens are lower-case words."""
    if "capitalised" not in doc.layers:
        doc.layers["capitalised"] = [t.i for t in tokens if t.cap and not t.mask]
    return doc.layers["capitalised"]


def _blocked_before(doc: Doc, tokens: list[Token], i: int) -> bool:
    """The words before token i make the name part of a place, street, school, prize…"""
    words = [t.text for t in tokens[max(0, i - 2):i]]
    if not words:
        return False
    gap = doc.m[tokens[i - 1].end:tokens[i].start]
    if gap.strip() not in ("", "."):
        return False
    blocked = lexicon.not_person_before()
    last = words[-1]
    return last in blocked or last.casefold() in blocked or " ".join(words[-2:]) in blocked


def _is_credit(doc: Doc, tokens: list[Token], i: int, j: int) -> bool:
    before = doc.m[max(0, tokens[i].start - 12):tokens[i].start]
    if _credit().search(before):
        return True
    # A byline: the name stands alone at the very end of the text, or alone on its line.
    after = doc.m[tokens[j - 1].end:].strip(" \t-–.,")
    line_start = doc.m.rfind("\n", 0, tokens[i].start) + 1
    line_end = doc.m.find("\n", tokens[j - 1].end)
    line_end = len(doc.m) if line_end < 0 else line_end
    line = doc.m[line_start:line_end].strip(" \t-–.,")
    if line == doc.m[tokens[i].start:tokens[j - 1].end]:
        return True
    if not after or after.startswith("("):
        before_text = doc.m[:tokens[i].start].rstrip()
        return before_text.endswith((".", "!", "?", "\"", "”")) and len(after) < 30
    return False


def _preceding_title_end(doc: Doc, tokens: list[Token], i: int) -> PostSpan | None:
    """A post phrase that ends right before token i ("Thủ tướng Nhật Bản | Shinzo Abe")."""
    name_start = tokens[i].start
    window_start = max(0, name_start - 160)
    best: PostSpan | None = None
    starts = title_starts(doc)
    for start in starts[bisect_left(starts, window_start):bisect_left(starts, name_start)]:
        post = post_at(doc, tokens, start, name_start)
        if post and _only_address(doc, tokens, post, name_start):
            if best is None or post.start < best.start:
                best = post
    return best


def _only_address(doc: Doc, tokens: list[Token], post: PostSpan, name_start: int) -> bool:
    """Nothing but space between a title and a name, or a form of address in lower case after a
    body's name: "Bộ trưởng Nông nghiệp ông Lê Huy Ngọ". A capital "Ông" starts a new sentence (a
    caption run on), and "nhóm đại biểu Quốc hội do bà X" (a function word before the address)
    is not a title of X."""
    gap = doc.m[post.end:name_start]
    if gap.strip() == "":
        return True
    at = post.end + len(gap) - len(gap.lstrip())
    address = lexicon.address_pattern().match(doc.m, at)
    if address is None or address.end() != name_start or not doc.m[at].islower():
        return False
    if tokens[token_at(tokens, post.end) - 1].text.casefold() in lexicon.post_stop_words():
        return False
    # "quyết định của Ban Thường vụ Thành ủy ông X", "Thay mặt Đoàn ĐBQH ông X": a title read
    # inside a body's name, which the address does not make X's.
    k = token_at(tokens, post.status_start)
    return k == 0 or not tokens[k - 1].cap or doc.m[tokens[k - 1].end:post.status_start].strip() != ""


def _inside_body_name(doc: Doc, tokens: list[Token], offset: int) -> bool:
    """The title at ``offset`` continues a body's name begun by the word before it ("Ban | Thường vụ")."""
    k = token_at(tokens, offset)
    body = lexicon.body_pattern().match(doc.m, tokens[k - 1].start) if k else None
    return body is not None and body.end() > offset


def _title_chain_before(doc: Doc, tokens: list[Token], i: int) -> list[PostSpan]:
    """Posts before a name, also comma-joined: "Bộ trưởng, Chủ nhiệm VPCP | Mai Tiến Dũng"."""
    first = _preceding_title_end(doc, tokens, i)
    if not first:
        return []
    chain = [first]
    while True:
        head = chain[0]
        before = doc.m[max(0, head.status_start - 120):head.status_start]
        sep = re.search(r"(?:,|\bkiêm)\s*$", before)
        if not sep:
            break
        cut = head.status_start - (len(before) - sep.start())
        prev = None
        for m in lexicon.title_pattern().finditer(doc.m, max(0, cut - 120), cut):
            post = post_at(doc, tokens, m.start(), cut)
            if post and doc.m[post.end:cut].strip() == "" and (prev is None or post.start < prev.start):
                prev = post
        if not prev or _inside_body_name(doc, tokens, prev.status_start):
            break  # "quyết định của Ban Thường vụ Thành ủy, Trưởng ban …": a body, not a post
        chain.insert(0, prev)
    return chain


def _posts_after(doc: Doc, tokens: list[Token], offset: int, limit: int) -> list[PostSpan]:
    """Posts listed after a name: ", UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh", " - Bí thư …", " (Giám đốc …)"."""
    posts: list[PostSpan] = []
    pos = offset
    while pos < limit:
        aside = _ASIDE.match(doc.m, pos)
        if aside and aside.end() <= limit:
            pos = aside.end()
            continue
        sep = _post_sep().match(doc.m, pos)
        if not sep or sep.end() == pos:
            break
        start = sep.end()
        rank = lexicon.rank_pattern().match(doc.m, start)
        if rank and sep.group(0).strip() == "," and re.match(r"\s*,", doc.m[rank.end():limit]):
            pos = rank.end()
            continue  # "Lê Hồng Anh, Đại tướng, Bộ trưởng Bộ Công an": a rank, then the post
        status_word = re.match(r"(nguyên|cố|tân)\s+", doc.m[start:limit], re.IGNORECASE)
        title_start = start + (status_word.end() if status_word else 0)
        post = post_at(doc, tokens, title_start, limit)
        if not post or (limit < len(doc.m) and doc.m[post.end:limit].strip() == "" and limit != doc.sentence_of(offset).end):
            break  # a title right before the next name belongs to that name
        if sep.group(0).strip().casefold() == "và" and (
                re.match(r" " + lexicon.UPPER, doc.m[post.end:post.end + 2])
                or (post.end > post.title_end and not _starts_body(doc, tokens, post.title_end))):
            break  # "…, Chủ tịch X và Chủ tịch Y Name": the second title is the next person's
        posts.append(post)
        pos = post.end
        if doc.m.startswith(")", pos):
            pos += 1
    return posts


_FINAL = re.compile(r"[.!?\"”…](?=[^.!?\"”…]*\Z)")


def byline_start(doc: Doc) -> int:
    """Where a trailing byline begins ("… các cấp. Hương Quỳnh - Trần Thường"), or len(text)."""
    text = doc.m.rstrip()
    m = _FINAL.search(text)
    if not m:
        return len(doc.m)
    tail = text[m.end():]
    words = re.findall(r"[^\W\d_]+", tail)
    if tail.strip() and len(tail) <= 60 and all(w[0].isupper() for w in words):
        return m.end()
    return len(doc.m)


def _starts_body(doc: Doc, tokens: list[Token], offset: int) -> bool:
    i = token_at(tokens, offset)
    if i >= len(tokens):
        return False
    return bool(tokens[i].mask or lexicon.body_pattern().match(doc.m, tokens[i].start))


def find_mentions(doc: Doc, tokens: list[Token]) -> list[Mention]:
    mentions: list[Mention] = []
    doc.layers["byline_start"] = byline_start(doc)
    honorific = lexicon.honorific_pattern()
    title_pat = lexicon.title_pattern()
    for sentence in doc.sentences:
        for i, j in _runs(doc, tokens, sentence.start, sentence.end):
            k, had_honorific = i, False
            while k < j:
                h = honorific.match(doc.m, tokens[k].start)
                if h and token_at(tokens, h.end()) < j and tokens[token_at(tokens, h.end()) - 1].end == h.end():
                    had_honorific, k = True, token_at(tokens, h.end())
                    continue
                title = title_pat.match(doc.m, tokens[k].start)
                if title:
                    k, had_honorific = max(k + 1, token_at(tokens, title.end())), False
                    continue
                # Cut the run where a title begins: names never contain one.
                stop = k + 1
                while stop < j and not title_pat.match(doc.m, tokens[stop].start):
                    stop += 1
                mention = _name_in(doc, tokens, k, stop, had_honorific)
                if mention:
                    mentions.append(mention)
                k, had_honorific = stop, False
    found = _given_name_a_country(doc, tokens, {m.start for m in mentions if not m.short})
    replaced = {m.start for m in found}  # "ông Dương" read as a short form is the full name
    mentions = [m for m in mentions if m.start not in replaced] + found
    return sorted(mentions, key=lambda m: m.start)


@cache
def _country_name() -> re.Pattern[str]:
    names = sorted(lexicon.countries(), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(c) for c in names) + r")(?![\w-])")


def _given_name_a_country(doc: Doc, tokens: list[Token], taken: set[int]) -> list[Mention]:
    """ "ông Dương Trung Quốc", "ông Phạm Việt Nam": after an honorific and a family name, a
    country's name (masked as a place, so no run reaches it) is the given name."""
    out: list[Mention] = []
    for h in lexicon.honorific_pattern().finditer(doc.m, doc.body_start):
        i = token_at(tokens, h.end())
        if i >= len(tokens) or tokens[i].start != h.end() + 1 or tokens[i].start in taken:
            continue
        family = tokens[i]
        if family.text not in lexicon.surnames() or family.mask or not family.cap:
            continue
        country = _country_name().match(doc.m, family.end + 1)
        if not country or doc.m[family.end] != " ":
            continue
        e = token_at(tokens, country.end())
        if e < len(tokens) and tokens[e].cap and tokens[e].start == country.end() + 1:
            continue  # the name goes on past the country: not this shape
        mention = _make(doc, tokens, i, e, True, "honorific-country")
        if mention:
            out.append(mention)
    return out


def _name_in(doc: Doc, tokens: list[Token], k: int, stop: int, had_honorific: bool) -> Mention | None:
    """The personal name within tokens[k:stop], if any."""
    prev_honorific = had_honorific or _honorific_before(doc, tokens, k)
    starts = [s for s in range(k, stop) if tokens[s].text in lexicon.surnames() and 2 <= stop - s <= 4]
    if starts:
        rank = lexicon.surname_rank()
        s = starts[0]
        # "Quảng Ninh Nguyễn Văn Quynh": a rare family name that is part of a place gives way
        # to a common one after it.
        common = [c for c in starts[1:] if rank[tokens[c].text] < 12]
        if tokens[s].text in lexicon.place_surnames() and common:
            s = common[0]
        return _make(doc, tokens, s, stop, prev_honorific and s == k, "surname")
    length = stop - k
    if prev_honorific and 1 <= length <= 4 and not _blocked_before(doc, tokens, k):
        return _make(doc, tokens, k, stop, True, "honorific")
    post = _preceding_title_end(doc, tokens, k) if 2 <= length <= 4 else None
    # A foreign name right after a title: "Thủ tướng Nhật Bản Shinzo Abe", "Tổng thống Putin …"; the
    # title has no body, or its body ends with a country, never "… Công ty Điện lực | Miền Trung".
    if post and _foreign_name_shape(doc, tokens, k, stop) and tokens[k].text not in lexicon.function_words() \
            and (post.end == post.title_end or (k and tokens[k - 1].mask)):
        return _make(doc, tokens, k, stop, False, "after-title")
    return None


def _foreign_name_shape(doc: Doc, tokens: list[Token], k: int, stop: int) -> bool:
    """A capitalised run after a title that is a name, not the rest of a body ("Bộ Công | an")."""
    if lexicon.body_pattern().match(doc.m, tokens[k].start):
        return False
    if any(tokens[j].mask == "abbr" for j in range(k, stop)):
        return False  # "Chủ tịch HĐQT Công ty …", "Chủ tịch Tổng LĐLĐ Việt Nam": a body's abbreviation
    after = tokens[stop - 1].end
    if after < len(doc.m) and doc.m[after] == " " and stop < len(tokens) and not tokens[stop].cap:
        if lexicon.body_words_pattern().match(doc.m, tokens[stop].start):
            return False
        if lexicon.body_words_pattern().match(doc.m, tokens[stop - 1].start):
            return False  # "ĐH Quốc | gia": the run ends inside a body word
    return True


def _honorific_before(doc: Doc, tokens: list[Token], k: int) -> bool:
    if k == 0:
        return False
    h = lexicon.honorific_pattern()
    prev = tokens[k - 1]
    m = h.match(doc.m, prev.start)
    if m and m.end() == prev.end and doc.m[prev.end:tokens[k].start] == " ":
        return True
    if k >= 2:  # two-word honorific: "đồng chí", "nhà báo"
        m = h.match(doc.m, tokens[k - 2].start)
        return bool(m and m.end() == prev.end and doc.m[prev.end:tokens[k].start] == " ")
    return False


def _make(doc: Doc, tokens: list[Token], s: int, e: int, honorific: bool, rule: str) -> Mention | None:
    if _blocked_before(doc, tokens, s):
        # "Chủ tịch UBND TP Lê Thanh Hải", "Chủ tịch UBND tỉnh Thái Văn Đạt": after a title, a
        # full name is a person even where a place word precedes it; "Huyện ủy Ninh Sơn" stays a
        # place (two words; and the places package masks the units it knows before names are read).
        full_name = e - s >= 3 and tokens[s].text in lexicon.surnames()
        if not (full_name and _preceding_title_end(doc, tokens, s)):
            return None
    if (tokens[s].text in lexicon.body_types() or lexicon.body_pattern().fullmatch(tokens[s].text)) \
            and e - s < 3 and not honorific:
        if e < len(tokens) and not tokens[e].cap and doc.m[tokens[e - 1].end:tokens[e].start] == " ":
            return None  # "Đoàn Cựu chiến binh": a body, not the family name Đoàn
    if doc.layers.get("byline_start", len(doc.m)) <= tokens[s].start:
        return None
    if e - s == 2 and not honorific and lexicon.is_lunar_year(tokens[s].text, tokens[s + 1].text):
        return None  # "năm mới Đinh Dậu": a year's name
    if _is_credit(doc, tokens, s, e):
        return None
    start, end = tokens[s].start, tokens[e - 1].end
    name = " ".join(doc.text[start:end].split())
    short = e - s == 1
    return Mention(start, end, name, text_key(name), honorific=honorific, short=short, rule=rule)


def resolve_short_forms(mentions: list[Mention]) -> None:
    """ "ông Thăng" → the key of the one full name ending in "Thăng" (left as is when none or several).
    A two-word name, not starting with a family name, that is the end of one longer Vietnamese name of
    the article ("ông Xuân Anh" after "Nguyễn Xuân Anh": the given names, as the genre calls people on
    second mention) is that person too."""
    full = {m.key for m in mentions if not m.short}
    vietnamese = {m.key for m in mentions if not m.short and m.name.split()[0] in lexicon.surnames()}
    for m in mentions:
        words = m.key.split()
        # "Thái Ly" starts with a family name: a two-word full name of its own
        if not m.short and len(words) == 2 and m.name.split()[0] not in lexicon.surnames():
            longer = {k for k in vietnamese if len(k.split()) > 2 and k.split()[-2:] == words}
            if len(longer) == 1:
                m.key, m.short = longer.pop(), True
    for m in mentions:
        if m.short and " " not in m.key:
            candidates = {k for k in full if k.split()[-1] == m.key}
            if len(candidates) == 1:
                m.key = candidates.pop()


def attach_posts(doc: Doc, tokens: list[Token], mentions: list[Mention]) -> None:
    """Posts written with each mention: before the name and listed after it."""
    for idx, mention in enumerate(mentions):
        sentence = doc.sentence_of(mention.start)
        limit = sentence.end
        if idx + 1 < len(mentions) and mentions[idx + 1].start < limit:
            limit = mentions[idx + 1].start
        i = token_at(tokens, mention.start)
        before = _title_chain_before(doc, tokens, i)
        after = _posts_after(doc, tokens, mention.end, limit)
        mention.posts = [p for p in before + after if not is_occasion_role(doc, p)]
