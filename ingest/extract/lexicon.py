"""Patterns compiled from the Vietnamese tables (ingest/tables/*.tsv), once, lazily.

Every list of Vietnamese words the extractor matches lives in a table; this module only turns
table rows into regular expressions over canonical text (one tone placement, see
kg.text.normalize.canonical), longest alternative first.
"""
from __future__ import annotations

import re
from functools import cache

from ingest.tables import column, mapping, rows
from kg.text.normalize import canonical

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Upper-case letters of Vietnamese (and Latin) text, as a character class: a range like À-Ỹ
# would also take in lower-case letters such as "đ".
UPPER = "[" + "".join(re.escape(c) for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper()) + "]"
ROMAN = re.compile(r"^[IVXLC]+$")


# Not after a word character, checked once a word's first letter is read (the letter is the
# look-behind's second character). A pattern that starts with a look-behind is tried at every
# offset of the text; one that starts with a letter lets re jump to the letters the table's words
# start with: four times faster on a case-sensitive table. (With IGNORECASE re cannot jump, and
# the guard there only adds work, so those patterns keep the look-behind in front.)
_NOT_AFTER_WORD = r"(?<![\w.&](?s:.))"


def _alternation(words: list[str], fold: bool = False, guard: str = "") -> str:
    """One regex matching any of ``words``, longest first, as a trie of shared prefixes: Python's
    re tries alternatives one by one, so factoring prefixes makes large word lists fast.
    ``guard`` (a look-behind) is checked right after the first letter of every word."""
    trie: dict = {}
    for word in {canonical(w) for w in words if w}:
        if guard and word[0].isspace():
            raise ValueError(f"{word!r}: a guarded word must start with a letter")
        node = trie
        for ch in (word.casefold() if fold else word):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, guard)


def _trie_regex(node: dict, guard: str = "") -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        atom = r"\s+" if ch == " " else re.escape(ch)
        branches.append(atom + guard + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _bounded(words: list[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.&])(?:" + _alternation(words, fold=bool(flags & re.IGNORECASE)) + r")(?![\w&])", flags)


@cache
def abbreviations() -> dict[str, tuple[str, bool]]:
    """Abbreviation (canonical) → (expansion, expanded in contract strings)."""
    return {canonical(r["abbr"]): (r["full"], r["expand"] == "yes") for r in rows("abbreviations")}


@cache
def abbreviation_pattern() -> re.Pattern[str]:
    # "TP." and "TP.Đà Nẵng": the dotted form is matched by its own entry or by "TP" + "."
    return re.compile(r"(?:" + _alternation(list(abbreviations()), guard=_NOT_AFTER_WORD) + r")(?![\w&])")


@cache
def title_short_forms() -> re.Pattern[str]:
    """A title's short form at the start of a post ("Phó ban" for "Phó Trưởng ban"), casefolded."""
    return re.compile(r"^(?:" + "|".join(re.escape(canonical(r["short"]).casefold()) for r in rows("title_short_forms")) + r")(?!\w)")


@cache
def title_full_forms() -> dict[str, str]:
    return {canonical(r["short"]).casefold(): canonical(r["full"]).casefold() for r in rows("title_short_forms")}


@cache
def titles() -> dict[str, dict[str, str]]:
    return {canonical(r["title"]).casefold(): r.values for r in rows("titles")}


@cache
def title_abbreviations() -> dict[str, str]:
    """Abbreviations that stand for a title ("UVTV" → "ủy viên"), keyed by canonical abbreviation."""
    found = {}
    for abbr, (full, _) in abbreviations().items():
        m = re.match(_alternation(list(column("titles"))), canonical(full), re.IGNORECASE)
        if m and (m.end() == len(full) or full[m.end()] == " "):
            found[abbr] = canonical(m.group(0)).casefold()
    return found


@cache
def title_spellings() -> list[str]:
    """Every title as written in full, and with an abbreviation inside it ("Trưởng đoàn ĐBQH" for
    "Trưởng đoàn Đại biểu Quốc hội"); a title that starts with the expansion is covered by
    title_abbreviations."""
    titles = list(column("titles"))
    out = list(titles)
    for abbr, (full, _) in abbreviations().items():
        for title in titles:
            at = title.find(full)
            if at > 0 and title[at - 1] == " ":
                out.append(title[:at] + abbr + title[at + len(full):])
    return out


@cache
def title_pattern() -> re.Pattern[str]:
    words = _alternation(title_spellings(), fold=True)
    abbrs = "|".join(re.escape(a) for a in sorted(title_abbreviations(), key=len, reverse=True))
    return re.compile(r"(?<![\w.&])(?:(?-i:" + abbrs + r")|" + words + r")(?![\w&])", re.IGNORECASE)


@cache
def body_types() -> dict[str, str]:
    return {canonical(k).casefold(): v for k, v in mapping("body_types", "kind").items()}


@cache
def body_pattern() -> re.Pattern[str]:
    # Case matters for one-word heads ("Vụ" is a body, "vụ" an affair); longer heads also match
    # with a lower-case first letter ("ủy ban nhân dân").
    heads = list(column("body_types"))
    single = _alternation([h for h in heads if " " not in h])
    multi = _alternation([h for h in heads if " " in h], fold=True)
    return re.compile(r"(?<![\w.&])(?:(?i:" + multi + r")|" + single + r")(?![\w&])")


@cache
def body_words_pattern() -> re.Pattern[str]:
    return re.compile(r"(?:" + _alternation(list(column("body_words")), fold=True) + r")(?![\w&])", re.IGNORECASE)


@cache
def surnames() -> frozenset[str]:
    return frozenset(canonical(s) for s in column("surnames"))


@cache
def place_surnames() -> frozenset[str]:
    """Family names that also begin place names ("Hà Nội", "Ninh Thuận")."""
    return frozenset(canonical(r["surname"]) for r in rows("surnames") if r["begins_places"] == "yes")


@cache
def post_stop_words() -> frozenset[str]:
    return frozenset(canonical(w) for w in column("post_stop_words"))


@cache
def function_words() -> frozenset[str]:
    return frozenset(canonical(w) for w in column("function_words"))


@cache
def surname_rank() -> dict[str, int]:
    """Family name → its row in tables/surnames.tsv (the table is in order of frequency)."""
    return {canonical(s): i for i, s in enumerate(column("surnames"))}


@cache
def honorific_pattern() -> re.Pattern[str]:
    return _bounded(list(column("honorifics")), re.IGNORECASE)


@cache
def _lunar_year_parts() -> dict[str, tuple[str, int]]:
    return {canonical(r["word"]): (r["part"], int(r["order"])) for r in rows("lunar_years")}


def is_lunar_year(first: str, second: str) -> bool:
    """A year of the sexagenary cycle ("Đinh Dậu", "Giáp Thìn"): a heavenly stem and an earthly
    branch of the same parity (tables/lunar_years.tsv). "Đinh" is also a family name."""
    parts = _lunar_year_parts()
    stem, branch = parts.get(first), parts.get(second)
    return bool(stem and branch and stem[0] == "stem" and branch[0] == "branch" and stem[1] % 2 == branch[1] % 2)


@cache
def address_pattern() -> re.Pattern[str]:
    """A form of address that may stand between a title and the name (tables/honorifics.tsv
    ``after_title``: "Bộ trưởng Nông nghiệp ông Lê Huy Ngọ"), and the space before the capital
    that starts the name after it."""
    words = [r["word"] for r in rows("honorifics") if r["after_title"] == "yes"]
    return re.compile("(?i:" + _alternation(words, fold=True) + r")\s+(?=" + UPPER + ")")


@cache
def ministry_titles() -> tuple[str, tuple[str, ...]]:
    """The head word of a ministry's name and the titles that may leave it out ("Bộ trưởng Y tế"
    is "Bộ trưởng Bộ Y tế"; tables/cues.tsv ministry_head, ministry_title), casefolded."""
    (head,) = cues("ministry_head")
    return head.casefold(), tuple(t.casefold() for t in cues("ministry_title"))


@cache
def rank_pattern() -> re.Pattern[str]:
    return _bounded(list(column("ranks")))


@cache
def not_person_before() -> frozenset[str]:
    return frozenset(canonical(w) for w in column("not_person_before"))


@cache
def countries() -> tuple[str, ...]:
    return tuple(column("countries"))


@cache
def document_kinds() -> dict[str, str]:
    """Kind word (canonical, casefolded) → kind as written in the table."""
    return {canonical(k).casefold(): k for k in column("document_kinds")}


@cache
def document_codes() -> dict[str, str]:
    """Code in a document number (NQ, QĐ, …) → kind."""
    return {canonical(code): kind for kind, code in mapping("document_kinds", "code").items()}


@cache
def document_kind_pattern() -> re.Pattern[str]:
    return _bounded(list(column("document_kinds")), re.IGNORECASE)


@cache
def cues(group: str) -> tuple[str, ...]:
    """The cue words of one group of tables/cues.tsv (led_after, speech, attend, …)."""
    found = tuple(canonical(r["cue"]) for r in rows("cues") if r["group"] == group)
    if not found:
        raise KeyError(f"tables/cues.tsv has no group {group!r}")
    return found


def cue_alternation(group: str, fold: bool = False) -> str:
    """A regex alternation of a cue group, as a prefix trie (no capture)."""
    return "(?:" + _alternation(list(cues(group)), fold=fold) + ")"


@cache
def status_cues() -> list[tuple[str, str, str]]:
    """(cue canonical casefolded, status, where) longest first."""
    out = [(canonical(r["cue"]).casefold(), r["status"], r["where"]) for r in rows("status_cues")]
    return sorted(out, key=lambda t: len(t[0]), reverse=True)


@cache
def event_kinds() -> dict[str, str]:
    return {canonical(k).casefold(): v for k, v in mapping("event_kinds", "kind").items()}


@cache
def event_pattern() -> re.Pattern[str]:
    return _bounded(list(column("event_kinds")), re.IGNORECASE)
