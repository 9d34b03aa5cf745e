"""Events the article reports, their dates, and who led, spoke at or attended them.

A date in a sentence that names an event (tables/event_kinds.tsv) is an event date, unless the
date belongs to a document, a birth, a deadline or an anniversary span. Roles come from the cue
words of tables/cues.tsv around each person's mention; a person has one role per article
here, the first that applies in the order led, spoke, attended (FORMAT.md).
"""
from __future__ import annotations

import re
from functools import cache, cached_property

from ingest.extract import lexicon
from ingest.extract.dates import DateMention, find_dates
from ingest.extract.doc import Doc
from ingest.extract.people import post_text
from ingest.extract.persons import Mention
from ingest.extract.posts import post_at, title_starts
from kg.model import Directive, Event, Origin, Participant, Person, Role, Sentence
from kg.text.normalize import canonical

_NOT_UPPER = "[^.;:" + lexicon.UPPER[1:]
_HONORIFIC = r"(?:đồng chí|ông|bà)"


class _Patterns:
    """The role and event patterns. Their shape is here; their words are the groups of
    tables/cues.tsv, compiled once on first use (no work at import)."""

    @cached_property
    def not_event_date(self) -> re.Pattern[str]:
        return re.compile(lexicon.cue_alternation("not_event_date", True) + r"\s*$", re.IGNORECASE)

    @cached_property
    def led_after(self) -> re.Pattern[str]:
        # "X, posts, (đã) chủ trì …" — nothing that makes it a request ("yêu cầu … chủ trì") in between.
        return re.compile(r"^(?:(?!" + lexicon.cue_alternation("not_before_lead", True) + r")[^.;:]){0,22}?"
                          r"(?:đã\s+|sẽ\s+)?(" + lexicon.cue_alternation("led_after", True) + r")\b", re.IGNORECASE)

    @cached_property
    def assigned(self) -> re.Pattern[str]:
        return re.compile(lexicon.cue_alternation("assigned") + r"\s+" + _HONORIFIC + r"?\s*$")

    @cached_property
    def led_by(self) -> re.Pattern[str]:
        return re.compile(lexicon.cue_alternation("led_by", True) + r"\s+" + _HONORIFIC + r"?\s*$", re.IGNORECASE)

    @cached_property
    def led_verb_after_by(self) -> re.Pattern[str]:
        return re.compile(lexicon.cue_alternation("led_verb_after_by", True), re.IGNORECASE)

    @cached_property
    def chaired_by(self) -> re.Pattern[str]:
        return re.compile(r"dưới sự chủ trì của\s+" + _HONORIFIC + r"?\s*$")

    @cached_property
    def speech(self) -> re.Pattern[str]:
        # No other subject ("…, UBKT xem xét, kết luận" is the committee's) and no future ("sẽ").
        return re.compile(r"^(?!.{0,25}?\bsẽ\b)" + _NOT_UPPER + r"{0,25}?(?:đã\s+|cũng\s+)?("
                          + lexicon.cue_alternation("speech", True) + r")\b", re.IGNORECASE)

    @cached_property
    def speech_weak(self) -> re.Pattern[str]:
        return re.compile(r"^(?!.{0,40}?\bsẽ\b)" + _NOT_UPPER + r"{0,40}?(?:đã\s+|cũng\s+)?("
                          + lexicon.cue_alternation("speech_weak", True) + r")\b", re.IGNORECASE)

    @cached_property
    def said_before(self) -> re.Pattern[str]:
        # A verb of saying: a date after it, with no event named after the date, is in what was said.
        return re.compile(r"(?<!\w)" + lexicon.cue_alternation("reported_speech") + r"(?!\w)")

    @cached_property
    def not_held(self) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)" + lexicon.cue_alternation("not_held", True) + r"(?!\w)", re.IGNORECASE)

    @cached_property
    def speech_lead(self) -> re.Pattern[str]:
        lead = lexicon.cue_alternation("speech_lead")
        return re.compile(r"(?:^|[,.]\s*)(?:" + lead + r"(?: [^,]{0,60})?|Tại buổi [^,]{0,40})\s*,\s*" + _HONORIFIC + r"?\s*$")

    @cached_property
    def recipient(self) -> re.Pattern[str]:
        return re.compile(lexicon.cue_alternation("recipient") + r"\s+(?:các\s+)?" + _HONORIFIC
                          + r"?\s*(?:[^.;:]{0,60}?,\s*)?$")

    @cached_property
    def reported(self) -> re.Pattern[str]:
        return re.compile(lexicon.cue_alternation("reported", True) + r"\s+(?:" + _HONORIFIC + r"\s+)?$", re.IGNORECASE)

    @cached_property
    def attend(self) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)" + lexicon.cue_alternation("attend", True) + r"(?!\s+"
                          + lexicon.cue_alternation("not_attend_after_du", True) + r"\b)(?!\w)", re.IGNORECASE)

    @cached_property
    def date_context(self) -> re.Pattern[str]:
        return re.compile(r"(?:" + lexicon.cue_alternation("date_context", True) + r"|[(,]|–|-)\s*$", re.IGNORECASE)

    @cached_property
    def name_stop(self) -> re.Pattern[str]:
        return re.compile(r"\s+" + lexicon.cue_alternation("event_name_stop") + r"\s")

    @cached_property
    def new_segment(self) -> re.Pattern[str]:
        return re.compile(r"^\W*" + lexicon.cue_alternation("segment_lead") + r"\b")

    @cached_property
    def host(self) -> re.Pattern[str]:
        # "X tiếp Y", "X hội đàm với Y": the host leads the reception (GUIDELINES.md).
        return re.compile(r"^[^.;:]{0,20}?(?:đã\s+)?(" + lexicon.cue_alternation("host") + r")\s+(?=(?:đoàn|ông|bà|ngài|"
                          + lexicon.UPPER + r"))")


P = _Patterns()
_CLAUSE_START = re.compile(r"(?:^|[.!?,:]\s+|\n)(?:đồng chí\s+|Đồng chí\s+)?$")


@cache
def _not_event_word() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + lexicon.cue_alternation("not_event_word", True) + r"(?!\w)", re.IGNORECASE)


def _inside_other_word(doc: Doc, noun: re.Match[str]) -> bool:
    """The noun is part of a longer word that names no event ("tiếp" in "trực tiếp", "tiếp tục");
    a listed word inside the noun itself ("tiếp xúc" in "tiếp xúc cử tri") does not count."""
    for word in _not_event_word().finditer(doc.m, max(0, noun.start() - 8), noun.end() + 8):
        if word.start() <= noun.start() < word.end() and not (noun.start() <= word.start() and word.end() <= noun.end()):
            return True
    return False


def _event_noun(doc: Doc, start: int, end: int) -> re.Match[str] | None:
    for m in lexicon.event_pattern().finditer(doc.m, start, end):
        if _inside_other_word(doc, m):
            continue  # "trực tiếp", "tiếp tục": not a reception
        before = doc.m[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:nghỉ|dịp)\s+$", before):
            continue  # "dịp nghỉ lễ 30/4": a holiday, not a ceremony
        if lexicon.body_pattern().search(before) and re.search(r"(?:Tổ|Đoàn|Ban|Hội đồng|Ủy ban)\s+$", before):
            continue  # "Tổ giám sát số 2", "Đoàn kiểm tra": a body's name, not the event
        return m
    return None


def _in_headline(doc: Doc, offset: int) -> bool:
    """The article's first line, when it stands alone (a headline)."""
    first = doc.sentences[0] if doc.sentences else None
    return first is not None and first.start <= offset < first.end and "\n" in doc.m[first.end:first.end + 3]


_DOCUMENT_DATE_GAP = re.compile(r"\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?")


def _event_dates(doc: Doc, directives: list[Directive]) -> list[tuple[DateMention, int]]:
    # every place a cited document's number is written, not only the first
    doc_spans = [(m.start(), m.end()) for d in directives for m in re.finditer(re.escape(d.number), doc.m)]
    doc_spans += [(d.evidence.start, d.evidence.end) for d in directives]
    out: list[tuple[DateMention, int]] = []
    for sentence in doc.sentences:
        if sentence.start < doc.body_start:
            continue
        dates = find_dates(doc.m, sentence.start, sentence.end)
        for k, date in enumerate(dates):
            if any(s <= date.start < e or (e <= date.start and _DOCUMENT_DATE_GAP.fullmatch(doc.m, e, date.start))
                   for s, e in doc_spans):
                continue  # "Quyết định số 871/QĐ-UBND ngày 21/4/2019": the document's date
            before = doc.m[max(sentence.start, date.start - 25):date.start]
            if P.not_event_date.search(before):
                continue
            # Anniversary spans "(22.3.1955 - 22.3.2005)", "30/4/1975-30/4/2004": years on both sides.
            if date.year and any(o is not date and o.year and min(abs(o.start - date.end), abs(date.start - o.end)) < 6
                                 for o in dates):
                continue
            if not date.year and not P.date_context.search(doc.m[max(sentence.start, date.start - 12):date.start]) \
                    and date.start - sentence.start > 2:
                continue  # "giảm 1/3 thời gian": a fraction, not a date
            if _in_quote(doc, sentence.start, date.start):
                continue
            if re.search(r"(?<![/.\d])\d{1,2}\s?[-–]\s?$", doc.m[max(0, date.start - 6):date.start]):
                continue  # "từ ngày 4-8/6": the end of a span of days, not a day of its own
            if date.year and re.search(r"(?:tháng|năm)\s*$", before):
                continue
            if re.match(r"\s*(?:tuổi|năm)", doc.m[date.end:date.end + 6]):
                continue
            noun = _event_noun(doc, max(sentence.start, date.start - 120), min(sentence.end, date.end + 200))
            if not noun:
                continue
            if noun.start() < date.start and P.said_before.search(doc.m, noun.end(), date.start) \
                    and not _event_noun(doc, date.end, sentence.end):
                continue  # "… tại buổi làm việc, ông X cho biết ngày mai (27-6) các cơ sở sẽ …": what was said
            if _issues_document(doc, sentence.start, sentence.end, directives):
                continue
            if _not_held(doc, sentence):
                continue
            out.append((date, noun.start()))
    return out




def _not_held(doc: Doc, sentence: Sentence) -> bool:
    """The sentence, or the next one in its paragraph, says the event did not take place
    ("Tuy nhiên, cuộc đối thoại đã không diễn ra …", cues.tsv not_held)."""
    end = sentence.end
    if sentence.index + 1 < len(doc.sentences):
        following = doc.sentences[sentence.index + 1]
        if "\n" not in doc.m[sentence.end:following.start]:
            end = following.end
    return bool(P.not_held.search(doc.m, sentence.start, end))


def _in_quote(doc: Doc, start: int, offset: int) -> bool:
    text = doc.m[start:offset]
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _anniversary_year(doc: Doc, start: int, end: int) -> int | None:
    """The later year of a span "(21-6-1925 – 21-6-2017)" in the sentence: the year the text ties to its events."""
    years = [d.year for d in find_dates(doc.m, start, end) if d.year]
    return max(years) if len(years) >= 2 else None


def _issues_document(doc: Doc, start: int, end: int, directives: list[Directive]) -> bool:
    """A sentence that reports a document being issued dates the document, not an event."""
    if re.search(r"(?:phát đi|ký|gửi|ban hành)\s+(?:công văn|văn bản|quyết định)", doc.m[start:end]) \
            and not re.search(r"\b(?:hội nghị|lễ|cuộc họp|buổi làm việc)\b", doc.m[start:end], re.IGNORECASE):
        return True
    has_directive = any(start <= d.evidence.start < end for d in directives)
    return has_directive and bool(re.search(r"\b(?:ban hành|có công văn|ra quyết định|ký)\b", doc.m[start:end])) \
        and not re.search(r"\b(?:hội nghị|lễ|cuộc họp|buổi làm việc)\b", doc.m[start:end], re.IGNORECASE)




# The head noun of a group that someone leads ("đoàn công tác", "Tổ giám sát số 2").
_GROUP_HEAD = re.compile(r"(?<!\w)(?:[Đđ]oàn|[Tt]ổ)(?!\w)")


@cache
def _comma_in_name() -> str:
    """A comma that does not end a name: inside a pair the genre joins with one ("phòng, chống",
    "sở, ngành"; tables/cues.tsv comma_joined), or in a short list closed by "và" ("phát triển khoa
    học, công nghệ và đổi mới sáng tạo")."""
    joined = lexicon.cue_alternation("comma_joined", True)
    listed = r",[ \t]+(?-i:(?!" + lexicon.UPPER + r"))(?=(?:\w+[ \t]+){1,3}và[ \t])"
    return joined + "|" + listed


@cache
def _name_words() -> re.Pattern[str]:
    return re.compile(r"(?:" + _comma_in_name() + r"|[^,.;:()“”\"]){3,90}", re.IGNORECASE)


@cache
def _object_words() -> re.Pattern[str]:
    return re.compile(r"\s*((?:" + _comma_in_name() + r"|[^,.;:()]){3,80})", re.IGNORECASE)


def _clipped(text: str, max_words: int) -> str:
    """The first ``max_words`` words of a name, without the function words a cut can leave at its
    end ("đoàn công tác … đến thăm và": cues.tsv dangling)."""
    words = text.split()[:max_words]
    if len(words) == max_words:
        dangling = lexicon.cues("dangling")
        while len(words) > 1 and words[-1].casefold() in dangling:
            words.pop()
    return " ".join(words).rstrip(" ,")


def _event_name(doc: Doc, noun_start: int, limit: int, max_words: int = 12) -> str:
    m = _name_words().match(doc.text, noun_start, limit)
    text = m.group(0) if m else doc.text[noun_start:noun_start + 40]
    stop = P.name_stop.search(text)
    if stop:
        text = text[:stop.start()]
    return _clipped(text, max_words)


def _led_what(doc: Doc, mention: Mention, sentence_start: int, sentence_end: int, cue_end: int | None) -> str | None:
    if cue_end is not None:
        obj = _object_words().match(doc.text, cue_end, sentence_end) \
            if not re.match(r"\s*,", doc.text[cue_end:sentence_end]) else None
        if obj and not re.match(r"\s*(?:và|cùng)\b", obj.group(1)):
            text = obj.group(1)
            stop = P.name_stop.search(text)
            return _clipped(text[:stop.start()] if stop else text, 10)
    # "<group> do đồng chí X … làm Tổ trưởng": the group is named before "do" (and before the
    # titles X is given there: "do Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch X dẫn đầu").
    head = doc.m[sentence_start:min([mention.start] + [p.status_start for p in mention.posts if p.end <= mention.start])]
    do = re.search(r"\s+do\s+(?:đồng chí|ông|bà)?\s*(?:[^,]*)$", head)
    if do:
        group = doc.text[sentence_start:sentence_start + do.start()]
        heads = list(_GROUP_HEAD.finditer(group))
        if heads:
            # "…, hiện đoàn kiểm tra của Bộ Chính trị do …"; a group named in two parts stays
            # whole: "Tổ giám sát số 2, Đoàn giám sát 1521 của Ban Thường vụ Tỉnh ủy do …"
            start = heads[-1].start()
            for head in reversed(heads[:-1]):
                if not re.fullmatch(r"[^.;:]{0,40},\s*", group[head.start():start]):
                    break
                start = head.start()
            group = group[start:]
        group = re.sub(r"^(?:[^,]*\d{1,2}\s*[/-]\s*\d{1,2}[^,]*,\s*)", "", group)  # "Ngày 15/9, "
        group = re.sub(r"\s*\([^)]*\)", "", group)
        return " ".join(group.split()).strip(" ,") or None
    noun = _event_noun(doc, sentence_start, sentence_end)
    if noun:
        return _event_name(doc, noun.start(), sentence_end)
    # "… tổ chức hội nghị triển khai nhiệm vụ X. Ông Y, Phó Chủ tịch UBND tỉnh chủ trì.": the
    # event the sentences just before name, within the paragraph.
    index = doc.sentence_of(sentence_start).index
    for previous in reversed(doc.sentences[max(0, index - 2):index]):
        if "\n" in doc.m[previous.end:sentence_start]:
            break
        noun = _event_noun(doc, previous.start, previous.end)
        if noun:
            return _event_name(doc, noun.start(), previous.end)
    return None


def _tail_end(doc: Doc, mentions: list[Mention], idx: int, sentence_end: int) -> tuple[int, int]:
    """Where the words about mention idx start and stop: after its posts, and past any person
    joined to it ("A và Bộ trưởng B đã trả lời …": the verb is A's too)."""
    mention = mentions[idx]
    start = max([mention.end] + [p.end for p in mention.posts if p.start >= mention.end])
    j = idx
    while j + 1 < len(mentions) and mentions[j + 1].start < sentence_end:
        nxt = mentions[j + 1]
        cur_end = max([mentions[j].end] + [p.end for p in mentions[j].posts if p.start >= mentions[j].end])
        head = min([nxt.start] + [p.status_start for p in nxt.posts if p.end <= nxt.start])
        if re.fullmatch(r"\s*(?:,|và|cùng)\s*(?:(?:đồng chí|ông|bà)\s+)?", doc.m[cur_end:head]):
            j += 1
            continue
        break
    last = mentions[j]
    end_of_last = max([last.end] + [p.end for p in last.posts if p.start >= last.end])
    stop = next((m.start for m in mentions[j + 1:] if m.start > end_of_last), sentence_end)
    return (start if j == idx else end_of_last), min(stop, sentence_end)


def _roles(doc: Doc, mentions: list[Mention], owner: dict[int, str], has_event: bool,
           segment_of: dict[int, int], dated_segments: set[int]) -> dict[tuple[int, str], tuple[Role, str | None, Mention]]:
    """Each person's role in each event segment: the first that applies of led, spoke, attended."""
    roles: dict[tuple[int, str], tuple[Role, str | None, Mention]] = {}
    rank = {Role.led: 0, Role.spoke: 1, Role.attended: 2}

    def give(k: str, role: Role, led: str | None, mention: Mention) -> None:
        slot = (segment_of.get(doc.sentence_of(mention.start).index, 0), k)
        if slot not in roles or rank[role] < rank[roles[slot][0]]:
            roles[slot] = (role, led, mention)
        elif role is Role.led is roles[slot][0] and _in_headline(doc, roles[slot][2].start) and not _in_headline(doc, mention.start):
            roles[slot] = (role, led, mention)  # what the body says was led beats the headline's words

    late = {p.key for p in doc.layers["persons"] if any(pos.status.value == "late" for pos in p.positions)}
    for idx, mention in enumerate(mentions):
        k = owner.get(idx)
        if k is None or k in late:
            continue  # "cố Tổng Bí thư Lê Duẩn": the late are spoken of, they take no part
        sentence = doc.sentence_of(mention.start)
        tail_start, tail_stop = _tail_end(doc, mentions, idx, sentence.end)
        tail = doc.m[tail_start:tail_stop]
        head_posts_start = min([mention.start] + [p.status_start for p in mention.posts if p.end <= mention.start])
        before_posts = doc.m[sentence.start:head_posts_start]
        if P.assigned.search(before_posts):
            continue  # "giao Phó Chủ tịch X chủ trì …": asked to, not reported as doing
        reported = bool(P.reported.search(before_posts))  # "ý kiến của Thủ tướng X yêu cầu …"
        in_event = segment_of.get(sentence.index) in dated_segments or bool(_event_noun(doc, sentence.start, sentence.end))
        led = P.led_after.match(tail)
        if led and not reported:
            by_do = bool(P.led_by.search(before_posts))
            cue_end = None if led.group(1).startswith("làm") or by_do else tail_start + led.end()
            if "kiểm tra" in led.group(1) and not by_do:
                cue_end = tail_start + led.start(1) + (led.group(1).find("kiểm tra"))
            give(k, Role.led, _led_what(doc, mention, sentence.start, sentence.end, cue_end), mention)
            continue
        if P.led_by.search(before_posts) and P.led_verb_after_by.search(doc.m, mention.end, sentence.end) \
                or P.chaired_by.search(before_posts):
            give(k, Role.led, _led_what(doc, mention, sentence.start, sentence.end, None), mention)
            continue
        host = P.host.match(tail)
        if host and not reported:
            give(k, Role.led, "buổi tiếp" if host.group(1).startswith("tiếp") else host.group(1), mention)
            continue
        speech = P.speech.match(tail)
        if speech and not reported and (has_event or canonical(speech.group(1)).casefold() in lexicon.cues("speech_always")):
            give(k, Role.spoke, None, mention)
            continue
        weak = P.speech_weak.match(tail)
        if weak and not reported and in_event:
            give(k, Role.spoke, None, mention)  # "cho biết" at a meeting the article reports
            continue
        if P.speech_lead.search(before_posts) and has_event:
            give(k, Role.spoke, None, mention)
            continue
        if P.recipient.search(before_posts) and has_event:
            give(k, Role.attended, None, mention)  # "chúc mừng các đồng chí A, B", "Lễ trao Quyết định bổ nhiệm ông X"
            continue
        if P.attend.search(doc.m, sentence.start, sentence.end) and has_event and not reported:
            give(k, Role.attended, None, mention)
    _title_only_roles(doc, mentions, owner, give,
                      lambda s: segment_of.get(s.index) in dated_segments or bool(_event_noun(doc, s.start, s.end)))
    return roles


def _title_only_roles(doc: Doc, mentions: list[Mention], owner: dict[int, str], give, in_event) -> None:
    """ "đồng chí Phó Chủ tịch UBND tỉnh ghi nhận …", "Chủ tịch hy vọng …": a title without a name
    speaks for the one person of the article who holds that post."""
    persons: list[Person] = doc.layers["persons"]
    tokens = doc.layers["tokens"]
    named = {(m.start, m.end) for m in mentions}
    for start in title_starts(doc):
        if start < doc.body_start or not _CLAUSE_START.search(doc.m, max(0, start - 12), start):
            continue
        sentence = doc.sentence_of(start)
        post = post_at(doc, tokens, start, sentence.end)
        if post is None or any(post.end <= s <= post.end + 1 for s, _ in named):
            continue  # a title before a name is that name's, not a title-only subject
        rest = doc.m[post.end:sentence.end]
        if not (P.speech.match(rest) or P.speech_weak.match(rest)) or len(rest) - len(rest.lstrip()) > 1:
            continue
        said = canonical(doc.text[post.start:post.end]).casefold()
        said_key = canonical(post_text(doc, post)).casefold()
        holders = [p for p in persons if any(canonical(pos.text).casefold().startswith(said_key) for pos in p.positions)]
        exact = [p for p in holders if any(canonical(pos.text).casefold() == said_key for pos in p.positions)]
        if not said or not holders or not in_event(sentence):
            continue
        # The one holder, or the one holding exactly that post, or the article's first-named holder.
        holder = exact[0] if len(exact) == 1 else holders[0]
        give(holder.key, Role.spoke, None, Mention(post.start, post.end, holder.name, holder.key))




def _segments(doc: Doc, dated: set[int]) -> dict[int, int]:
    segment_of: dict[int, int] = {}
    current = 0
    # The headline tells the story of the first event; it does not make one of its own.
    headline = {0} if doc.sentences and _in_headline(doc, doc.sentences[0].start) else set()
    for sentence in doc.sentences:
        text = doc.sentence_text(sentence)
        if sentence.index in dated or (P.new_segment.match(text) and _event_noun(doc, sentence.start, sentence.end)):
            if any(v == current for i, v in segment_of.items() if i not in headline):
                current += 1
        segment_of[sentence.index] = current
    return segment_of


def _drop_repeated_leads(by_segment: dict[int, list[Participant]]) -> None:
    """One person leading the same thing in two segments is one lead ("kiểm tra …" twice)."""
    seen: list[tuple[str, str]] = []
    for segment in sorted(by_segment):
        kept = []
        for p in by_segment[segment]:
            if p.role is Role.led and p.led:
                led = p.led.casefold()
                if any(name == p.name and (led in other or other in led) for name, other in seen):
                    continue
                seen.append((p.name, led))
            kept.append(p)
        by_segment[segment] = kept


def find_events(doc: Doc) -> list[Event]:
    mentions: list[Mention] = doc.layers["mentions"]
    owner: dict[int, str] = doc.layers["owner"]
    persons: list[Person] = doc.layers["persons"]
    directives: list[Directive] = doc.layers["directives"]
    names = {p.key: p.name for p in persons}
    dates = _event_dates(doc, directives)
    segment_of = _segments(doc, {doc.sentence_of(d.start).index for d, _ in dates})
    events: dict[str, Event] = {}
    segment_event: dict[int, str] = {}
    for date, noun_start in dates:
        iso, reason = date.iso(doc.article.date)
        sentence = doc.sentence_of(date.start)
        if not date.year:
            year = _anniversary_year(doc, sentence.start, sentence.end)
            if year:
                iso, reason = f"{year:04d}-{date.month:02d}-{date.day:02d}", "year of the anniversary the sentence names"
        segment_event.setdefault(segment_of[sentence.index], iso)
        if iso in events:
            continue
        origin = Origin.inferred if reason else Origin.observed
        name = _event_name(doc, noun_start, sentence.end)
        kind_m = lexicon.event_pattern().match(doc.m, noun_start)
        kind = lexicon.event_kinds().get(re.sub(r"\s+", " ", kind_m.group(0)).casefold()) if kind_m else None
        events[iso] = Event(name=name, date=iso, kind=kind,
                            evidence=doc.evidence(date.start, date.end, "event-date", origin, reason))
    has_event = bool(events) or bool(_event_noun(doc, doc.body_start, len(doc.m)))
    dated_segments = {segment_of[doc.sentence_of(d.start).index] for d, _ in dates}
    roles = _roles(doc, mentions, owner, has_event, segment_of, dated_segments)
    by_segment: dict[int, list[Participant]] = {}
    for (segment, k), (role, led, m) in sorted(roles.items(), key=lambda kv: kv[1][2].start):
        if k in names:
            by_segment.setdefault(segment, []).append(
                Participant(names[k], role, doc.evidence(m.start, m.end, "role-" + role.value), led))
    _drop_repeated_leads(by_segment)
    topics = tuple(d.number for d in directives)
    for segment, participants in sorted(by_segment.items()):
        if not participants:
            continue
        iso = segment_event.get(segment)
        if iso is not None:
            e = events[iso]
            events[iso] = Event(name=e.name, evidence=e.evidence, date=e.date, kind=e.kind,
                                participants=e.participants + tuple(participants), directives=topics)
            continue
        first = participants[0].evidence
        sentence = doc.sentences[first.sentence_index]
        noun = _event_noun(doc, sentence.start, sentence.end) or _event_noun(doc, doc.body_start, len(doc.m))
        start = noun.start() if noun else first.start
        name = _event_name(doc, start, doc.sentence_of(start).end) if noun else "sự kiện"
        events[f"segment-{segment}"] = Event(
            name=name, evidence=doc.evidence(start, start + len(name), "event-undated"),
            participants=tuple(participants), directives=topics)
    return list(events.values())
