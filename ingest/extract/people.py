"""From name mentions to persons: short forms joined to full names, posts made contract strings."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ingest import places
from ingest.extract import lexicon
from ingest.extract.doc import Doc
from ingest.extract.persons import Mention
from ingest.extract.posts import PostSpan
from kg.model import Origin, Person, Place, Position, PostStatus
from kg.text.normalize import canonical, key

_STATUS_PREFIX = {"former": "nguyên ", "late": "cố "}
# A bare level word at the end of a post's body: "UBND tỉnh", "Tỉnh ủy", "HĐND huyện".
_LEVEL_WORD = re.compile(r"(?:(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy|(?<!\w)(?:tỉnh|thành phố|Thành phố|TP|huyện|quận|thị xã|xã|phường))\s*$")


_DEFINITION = re.compile(r"\(([A-ZĐ][A-ZĐ&]{1,7})\)")


def inline_definitions(doc: Doc) -> dict[str, str]:
    """Abbreviations the article defines: "Tổng Bí thư (TBT)" → {"TBT": "Tổng Bí thư"}."""
    if "definitions" in doc.layers:
        return doc.layers["definitions"]
    found: dict[str, str] = {}
    for m in _DEFINITION.finditer(doc.text):
        abbr = m.group(1)
        letters = [c for c in abbr if c.isalpha()]
        words = re.findall(r"[^\W\d_]+", doc.text[max(0, m.start() - 80):m.start()])
        if len(words) >= len(letters) and all(w[0].casefold() == c.casefold()
                                              for w, c in zip(words[-len(letters):], letters)):
            found[abbr] = " ".join(words[-len(letters):])
    doc.layers["definitions"] = found
    return found


_CITY_DOT = re.compile(r"Thành phố\.\s*")   # "TP." expanded


def expand_abbreviations(text: str, local: dict[str, str] | None = None, every: bool = False) -> str:
    """Abbreviations of the contract list expanded ("UBND" → "Ủy ban nhân dân"), and those the
    article defines itself ("TBT" after "Tổng Bí thư (TBT)"); others kept as written unless
    ``every`` (to compare two spellings of one post: "ĐHQG" and "ĐH Quốc gia")."""
    if local:
        for abbr, full in local.items():
            text = re.sub(r"(?<![\w(])" + re.escape(abbr) + r"(?![\w)])", full, text)
    table = lexicon.abbreviations()
    m_text = canonical(text)
    out, pos = [], 0
    for m in lexicon.abbreviation_pattern().finditer(m_text):
        full, expand = table[m.group(0)]
        if not (expand or every):
            continue
        out.append(text[pos:m.start()])
        out.append(full)
        pos = m.end()
    out.append(text[pos:])
    joined = "".join(out)
    joined = _CITY_DOT.sub("Thành phố ", joined)
    return " ".join(joined.split()).strip(" ,.;:-–")


_INLINE_DEFINITION = re.compile(r"\s*\([A-ZĐ][A-ZĐ&.\-]{1,9}\)")


def post_text(doc: Doc, post: PostSpan, status: str | None = None) -> str:
    status = status or post.status
    written = _INLINE_DEFINITION.sub("", doc.text[post.status_start:post.end])
    text = expand_abbreviations(written, inline_definitions(doc))
    if status == "started":
        text = re.sub(r"^tân\s+", "", text, flags=re.IGNORECASE)  # "tân Phó Bí thư": newly appointed
    prefix = _STATUS_PREFIX.get(status, "")
    if prefix and not text.casefold().startswith(prefix.strip()):
        text = prefix + text
    return text


def _title_and_body(doc: Doc, post: PostSpan) -> tuple[str, str | None]:
    title = expand_abbreviations(doc.text[post.start:post.title_end])
    body = expand_abbreviations(doc.text[post.title_end:post.end])
    abbr = canonical(doc.text[post.start:post.title_end])
    if abbr in lexicon.title_abbreviations():
        # "UVTV Tỉnh ủy": the title is "Ủy viên", the body "Ban Thường vụ Tỉnh ủy".
        n = len(lexicon.title_abbreviations()[abbr].split())
        words = title.split()
        title, body = " ".join(words[:n]), " ".join(words[n:] + body.split())
    return title, body or None


_SPACES = re.compile(r"\s+")


def _body_kind(body: str | None) -> str | None:
    if not body:
        return None
    m = lexicon.body_pattern().search(canonical(body))
    return lexicon.body_types().get(_SPACES.sub(" ", m.group(0)).casefold()) if m else None


def _jurisdiction(doc: Doc, post: PostSpan) -> tuple[str | None, Place | None]:
    """The place words of a post as written ("tỉnh", "huyện Ninh Sơn") and the unit they mean,
    when the article makes it clear (ingest/places.py: a named unit, or the article's province
    for a bare "tỉnh"). Kept apart from the contract's post string."""
    context = doc.layers.get("place_context")
    inside = [m for m in doc.layers.get("place_mentions", ()) if post.title_end <= m.start and m.end <= post.end]
    if inside:
        last = inside[-1]
        index = context.mentions.index(last) if context and last in context.mentions else -1
        resolved = context.places[index] if index >= 0 else places.place_for(last.surface, context)
        return doc.text[last.start:last.end], resolved
    body = doc.text[post.title_end:post.end].strip()
    level = _LEVEL_WORD.search(body)
    if not level:
        return None, None
    return level.group(0), _nearest_unit(doc, post.start, level.group(0)) or places.place_for(body[:level.end()], context)


def _nearest_unit(doc: Doc, offset: int, level_word: str) -> Place | None:
    """A bare "tỉnh" means the province the text named just before (digests cover several
    provinces: the article's dominant one may be another story's)."""
    context = doc.layers.get("place_context")
    if context is None:
        return None
    word = level_word.casefold()
    if word.startswith(("huyện", "quận", "thị xã")):
        wanted, prefix = "district", ""
    elif word in ("xã", "phường"):
        wanted, prefix = "commune", ""
    else:
        wanted, prefix = "province", "Thành phố" if word.startswith(("thành", "tp")) else "Tỉnh"
    sentence = doc.sentence_of(offset)
    best, distance = None, None
    for mention, place in zip(context.mentions, context.places):
        if place is None or place.level != wanted or not place.name.startswith(prefix):
            continue
        same_sentence = sentence.start <= mention.start < sentence.end
        if not same_sentence and not (0 < offset - mention.start <= 300):
            continue
        # In the sentence, the nearest unit either side; before it, the last one named.
        d = abs(mention.start - offset) - (10_000 if same_sentence else 0)
        if distance is None or d < distance:
            best, distance = place, d
    return best


def make_position(doc: Doc, post: PostSpan, status: str | None, rule: str) -> Position:
    status = status or post.status
    title, body = _title_and_body(doc, post)
    jurisdiction, place = _jurisdiction(doc, post)
    return Position(
        text=post_text(doc, post, status),
        title=title,
        body=body,
        body_kind=_body_kind(body),
        status=PostStatus(status),
        evidence=doc.evidence(post.status_start, post.end, rule),
        jurisdiction=jurisdiction,
        place=place,
    )


def same_post_key(text: str) -> str:
    """One key for the spellings of one post: case, tone marks, every abbreviation and a title's
    short form aside ("Phó ban" for "Phó Trưởng ban")."""
    folded = canonical(expand_abbreviations(text, every=True)).casefold()
    status = re.match(r"(?:nguyên|cố)\s+", folded)
    rest = folded[status.end():] if status else folded
    short = lexicon.title_short_forms().match(rest)
    if short:
        rest = lexicon.title_full_forms()[short.group(0)] + rest[short.end():]
    # "Bộ trưởng Y tế" and "Bộ trưởng Bộ Y tế" (cues.tsv ministry_title, ministry_head): one post
    head, titles = lexicon.ministry_titles()
    for title in titles:
        if rest.startswith(title + " ") and not rest.startswith(f"{title} {head} "):
            rest = f"{title} {head} {rest[len(title) + 1:]}"
    return key((status.group(0) if status else "") + rest)


def _fullest(positions: list[Position]) -> list[Position]:
    """The same post said twice, or shorter and fuller, is listed once in the fullest form;
    a post the article also says was left ("nguyên …") is listed as left."""
    keys = [same_post_key(p.text) for p in positions]
    left = {k[len("nguyên "):] for k in keys if k.startswith("nguyên ")}
    # "nguyên Bí thư Quận ủy" + "Bí thư Quận ủy Thanh Khê": the post left is the fuller one.
    for i, (p, k) in enumerate(zip(positions, keys)):
        if k.startswith("nguyên "):
            continue
        shorter = [f for f in left if k.startswith(f + " ")]
        if shorter:
            positions[i] = Position(text="nguyên " + p.text, title=p.title, body=p.body, body_kind=p.body_kind,
                                    status=PostStatus.former, evidence=p.evidence, jurisdiction=p.jurisdiction,
                                    place=p.place)
            keys[i] = "nguyên " + k
    left = {k[len("nguyên "):] for k in keys if k.startswith("nguyên ")}
    covered = {k for k in keys if not k.startswith("nguyên ") and any(f == k or f.startswith(k + " ") for f in left)}
    # "nguyên Phó Giám đốc ĐHQG" + "Phó giám đốc ĐH Quốc gia": left, in the longer spelling
    longest = {k: p.text for p, k in zip(positions, keys) if k in covered}
    for i, (p, k) in enumerate(zip(positions, keys)):
        spelled = longest.get(k[len("nguyên "):]) if k.startswith("nguyên ") else None
        if spelled and len(spelled) > len(p.text) - len("nguyên "):
            positions[i] = replace(p, text="nguyên " + spelled)
    positions = [p for p, k in zip(positions, keys) if k not in covered]
    keys = [k for k in keys if k not in covered]
    keep: dict[str, Position] = {}
    for p, k in zip(positions, keys):
        if any(other != k and other.startswith(k + " ") for other in keys):
            continue
        if k not in keep or len(p.text) > len(keep[k].text):
            keep[k] = p
    return list(keep.values())


def _share_body_across_kiem(doc: Doc, positions: list[Position]) -> list[Position]:
    """ "Phó Chủ tịch Hội đồng quản trị kiêm Tổng Giám đốc Sở giao dịch X": the board is X's board,
    so the first post reads "Phó Chủ tịch Hội đồng quản trị Sở giao dịch X" (GUIDELINES.md: kiêm)."""
    out = list(positions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not a.body or canonical(a.body).casefold() not in lexicon.cues("board") or not b.body:
            continue
        between = doc.m[a.evidence.end:b.evidence.start]
        if re.fullmatch(r"\s*kiêm\s*", between):
            out[i] = Position(text=f"{a.text} {b.body}", title=a.title, body=f"{a.body} {b.body}",
                              body_kind=b.body_kind, status=a.status, evidence=a.evidence)
    return out


def _bare_list_mentions(doc: Doc, mentions: list[Mention]) -> set[int]:
    out: set[int] = set()
    by_sentence: dict[int, list[int]] = {}
    for idx, m in enumerate(mentions):
        by_sentence.setdefault(doc.sentence_of(m.start).index, []).append(idx)
    for indices in by_sentence.values():
        if len(indices) < 2 or any(mentions[i].posts or mentions[i].honorific for i in indices):
            continue
        gaps = [doc.m[mentions[a].end:mentions[b].start] for a, b in zip(indices, indices[1:])]
        listed = [_LIST_GAP.fullmatch(g) for g in gaps]
        if not all(listed):
            continue
        # "gồm Chu Văn An, Cầu Giấy, Nghĩa Tân, Trưng Vương, Ngô Sĩ Liên": names listed among
        # things that are not people (places, schools) name such things too.
        others = sum(len(_LIST_ITEM.findall(g.group("others"))) for g in listed)
        if others >= 2:
            out.update(indices)
            continue
        if len(indices) < 5:
            continue
        lead = doc.m[doc.sentence_of(mentions[indices[0]].start).start:mentions[indices[0]].start]
        if re.search(r":|gồm|đồng chí|các ông|các bà", lead):
            continue  # "Ban Thường vụ … gồm: A, B, C": members, who are people
        out.update(indices)
    return out


# Between two names of a bare list: separators, and perhaps other items ("Cầu Giấy, Nghĩa Tân").
_LIST_GAP = re.compile(r"\s*[,;]\s*(?P<others>(?:[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*[,;]\s*)*)")
_LIST_ITEM = re.compile(r"[^,;]+[,;]")


def _one_body(a: str, b: str) -> bool:
    """Two bodies are one when they differ only by a lower-case qualifier of the title in front
    ("thường trực ĐH Quốc gia TP.HCM" and "ĐHQG TP.HCM")."""
    a, b = sorted((a, b), key=len)
    ka, kb = same_post_key(a), same_post_key(b)
    if ka == kb:
        return True
    extra = expand_abbreviations(b, every=True)
    head = extra[: len(extra) - len(expand_abbreviations(a, every=True))]
    return kb.endswith(" " + ka) and bool(head.strip()) and head == head.lower()


def _promoted(doc: Doc, positions: list[Position]) -> list[Position]:
    """ "bổ nhiệm ông X, Phó Giám đốc ĐHQG, giữ chức Giám đốc ĐHQG": the post X had when the sentence
    gives the new one is left in that event when both are in one body or have one title (nobody
    chairs two boards); a post elsewhere stays ("Thứ trưởng … giữ chức Phó Bí thư Tỉnh ủy") unless
    X moves to the new one ("ông X, Giám đốc Sở …, về nhận nhiệm vụ Bí thư Thị ủy", "điều động, bổ
    nhiệm ông X, Bí thư Huyện ủy, giữ chức Trưởng Ban Dân vận Tỉnh ủy"): then every post
    held there is left but memberships ("Ủy viên Trung ương Đảng") stay."""
    out = list(positions)
    started = [p for p in positions if p.status is PostStatus.started]
    for i, old in enumerate(out):
        if old.status is not PostStatus.current:
            continue
        for new in started:
            if new.evidence.sentence_index != old.evidence.sentence_index or new.evidence.start < old.evidence.end:
                continue
            same_body = old.body and new.body and _one_body(old.body, new.body)
            sentence_start = doc.sentences[new.evidence.sentence_index].start
            moved = _transfer().search(doc.m, sentence_start, new.evidence.start) and not _is_membership(old)
            if same_body or key(old.title) == key(new.title) or moved:
                out[i] = replace(old, text="nguyên " + old.text, status=PostStatus.former)
                break
    return out


@cache
def _transfer() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + lexicon.cue_alternation("transfer", True) + r"(?!\w)", re.IGNORECASE)


def _is_membership(position: Position) -> bool:
    row = lexicon.titles().get(canonical(position.title).casefold())
    return row is not None and row["kind"] in ("member", "deputy_mp")


def build_persons(doc: Doc, mentions: list[Mention], extra: dict[str, list[Position]]) -> tuple[list[Person], dict[int, str]]:
    """Persons in order of first mention, and each mention's person key (short forms resolved)."""
    full = [m for m in mentions if not m.short]
    owner: dict[int, str] = {}
    for idx, m in enumerate(mentions):
        if not m.short:
            owner[idx] = m.key
            continue
        if m.key in {f.key for f in full}:   # resolved by persons.resolve_short_forms
            owner[idx] = m.key
    # A bare list of five or more names and nothing else ("20 tên đường mới: A, B, C, …") names
    # streets or schools, not people; its names count only if the article speaks of them elsewhere.
    listed = _bare_list_mentions(doc, mentions)
    for idx in listed:
        if not any(owner.get(j) == owner.get(idx) for j in range(len(mentions)) if j not in listed):
            owner.pop(idx, None)
    # A name written only bare (no honorific, no post anywhere in the article) that is a district's
    # ("… các huyện Tiền Hải, Thái Thụy", "Hà Nội, Hà Đông, Hải Phòng") is that place.
    for key in {m.key for m in full if m.key not in extra and places.names_a_district(m.name)}:
        taken = [idx for idx, k in owner.items() if k == key]
        if not any(mentions[idx].honorific or mentions[idx].posts for idx in taken):
            for idx in taken:
                del owner[idx]
    names: dict[str, str] = {}
    evidence: dict[str, list] = {}
    positions: dict[str, list[Position]] = {}
    order: list[str] = []
    for idx, m in enumerate(mentions):
        k = owner.get(idx)
        if k is None:
            continue
        if k not in names:
            order.append(k)
            names[k] = m.name if not m.short else next(f.name for f in full if f.key == k)
            evidence[k], positions[k] = [], []
        evidence[k].append(doc.evidence(m.start, m.end, m.rule))
        for post in m.posts:
            positions[k].append(make_position(doc, post, None, "post-" + ("before" if post.end <= m.start else "after")))
    for k, extra_positions in extra.items():
        if k in positions:
            positions[k].extend(extra_positions)
    persons = [Person(names[k], k, tuple(_fullest(_promoted(doc, _share_body_across_kiem(doc, positions[k])))), tuple(evidence[k]))
               for k in order]
    return persons, owner
