"""Vietnamese administrative units in news text: find them, resolve them, date them.

Data: ``vietnamadminunits`` (PyPI, MIT). It is the only package that knows both sides of the July
2025 reorganisation: the 63 provinces with their 696 districts (``huyện Ninh Sơn``, ``quận Gò
Vấp``, ``thị xã La Gi``) and 10,035 communes as they stood just before it, the 34 provinces and
3,321 communes after it, and which old province went into which new one. ``vietnam-provinces``
is the better-packaged library (typed, enum codes), but its 2025.x releases carry only the
post-2025 units, and its 0.x releases only the pre-2025 ones, with no mapping between them; one
install can't hold both. ``vietnamadminunits`` is maintained for exactly this change (14 releases,
the latest 1.0.4). We read its data files (``data/dataset.db``, ``data/converter_2025.json``)
directly rather than importing it: importing it parses about 4 MB of JSON and pulls in shapely
and geopy at import time, and we need only names, codes and the province mapping.

Codes: the statistics office reuses codes across the two eras (old 52 is Bình Định, new 52 is
Gia Lai), so every :class:`kg.model.Place` code names its era: ``vn63-p58`` (the old province Ninh
Thuận), ``vn63-d585`` (a district), ``vn63-c20143`` (a commune), ``vn34-p56`` (the new Khánh Hòa),
``vnold-p28`` (Hà Tây, a unit the package does not know, from ``tables/place_aliases.tsv``).
``successor_code`` is the post-July-2025 province a pre-2025 unit of any level went into.

Dates choose the era: an article dated on or after 2025-07-01 means the new unit where one of
that name exists, else the old one (a "nguyên Chủ tịch UBND tỉnh Ninh Thuận" in 2026); an earlier
or undated article means the old unit.

Limits: the old era is one snapshot (early 2025). Names from before earlier changes resolve to
the snapshot unit of the same name or not at all: "huyện Sa Pa" (a thị xã since 2019) finds the
thị xã; "quận 2" and "quận 9" (merged into Thủ Đức in 2021) and communes merged before 2025 are not
found; provinces that ceased before 2025 are known only where the table lists them (Hà Tây,
merged into Hà Nội in 2008).
"thành phố Huế" is the centrally-run city (the package has no district-level Huế). Names are
matched with diacritics only ("Ninh Thuan" is not found). A foreign place that shares a name with
a Vietnamese one ("tỉnh Hà Nam" of China) is dropped only when a country follows it.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from ingest.tables import Row, TableError, column, rows
from kg.model import Place
from kg.text.normalize import canonical, nfc

Level = Literal["province", "district", "commune"]

REFORM_DATE = "2025-07-01"   # the 34 provinces and the new communes began work; districts ended
_RANK = {"commune": 0, "district": 1, "province": 2}
_W = r"[^\W_]+(?:['’][^\W_]+)*"                       # a word: "Ninh", "8", "H'Drai"
_WORD = re.compile(_W)
# The next word of a name, after a space or a dash: "Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu".
_NEXT_IN_NAME = re.compile(r"(?:[ \t]+|[ \t]*[-–][ \t]*)(" + _W + ")")
_NEXT_SPACED = re.compile(r"[ \t]+(" + _W + ")")
_NEXT_ABBR = re.compile(r"\.?[ \t]?(" + _W + ")")        # "TP.HCM", "TP HCM", "TP. Đà Nẵng"
_NEXT_DOTTED = re.compile(r"\.[ \t]?(" + _W + ")")       # "Q.8", "Q. Gò Vấp": the dot is required
_NEXT_ANY = re.compile(r"\.?[ \t]*(" + _W + ")")
_SPACES = re.compile(r"[ \t]+")
_END = ""                                            # trie key of a terminal (no token is empty)


@dataclass(frozen=True)
class PlaceMention:
    """An administrative unit named in the text. ``candidates`` holds every unit of that name,
    of both eras; :func:`resolve` picks among them."""

    start: int                       # offsets into the text given to find_places (NFC)
    end: int
    surface: str                     # the words as written, prefix included: "huyện Ninh Sơn"
    level: Level
    candidates: tuple[Place, ...]
    name_start: int                  # where the name begins, after the prefix
    prefix: str | None = None        # "huyện", "TP", "Tỉnh ủy"… as written; None for a bare name


@dataclass(frozen=True)
class ResolvedContext:
    """The places of one article, resolved as far as the article makes them clear."""

    article_date: str | None
    era: str                                   # "vn63" (before the reform or undated) | "vn34"
    mentions: tuple[PlaceMention, ...]
    places: tuple[Place | None, ...]           # one per mention; None where it stays ambiguous
    province: Place | None                     # the article's dominant province, None if unclear
    district: Place | None
    commune: Place | None
    counts: tuple[tuple[str, int], ...] = ()   # evidence per unit code (provinces in the era's codes)


@dataclass(frozen=True)
class _Unit:
    place: Place
    era: str                 # "vn63" | "vn34" | "vnold"
    kind: str                # the unit's type word as the package writes it: "Huyện", "Thành phố"…
    district_code: str | None = None
    until: str | None = None  # for table units: the date the unit ceased to exist


@dataclass(frozen=True)
class _Prefix:
    tokens: tuple[str, ...]  # as written in the table (canonical)
    level: str               # province | city | district | commune
    kind: str                # the unit type it names: "Huyện"
    exact: bool              # an abbreviation: matched case-sensitively
    next: re.Pattern[str]    # what may stand between the prefix and the name, and the name's first word


Trie = dict[str, "Trie | tuple[str, ...]"]


@dataclass(frozen=True)
class _Gazetteer:
    units: dict[str, _Unit]
    tries: dict[str, Trie]            # bare | province | district | commune
    prefixes: Trie                    # prefix word keys → tuple of prefix indexes
    prefix_rows: tuple[_Prefix, ...]
    abbrev_keys: frozenset[str]       # name words written in capitals in the data ("HCM", "IV")
    surnames: frozenset[str]
    honorifics: frozenset[str]
    foreign_after: re.Pattern[str]
    starts: re.Pattern[str]           # the first word of every prefix and bare name: where to look
    old_kinds: frozenset[str]         # unit types that existed before the reform


# -- loading ----------------------------------------------------------------------------------

def _data_dir() -> Path:
    spec = find_spec("vietnamadminunits")   # locates the package without executing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("ingest.places needs the vietnamadminunits package (pip install vietnamadminunits)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _words(text: str) -> list[str]:
    return [_canonical_word(w) for w in _WORD.findall(nfc(text))]


@cache
def _canonical_word(word: str) -> str:
    # Unit names share a few thousand syllables; canonicalising each once keeps loading fast.
    return canonical(word)


def _key(word: str) -> str:
    return word.casefold().replace("’", "'")


def _short(full: str, kind: str) -> str:
    return full[len(kind) + 1:] if full.startswith(kind + " ") else full


def _add(trie: Trie, words: Sequence[str], code: str | None) -> None:
    node = trie
    for w in words:
        node = node.setdefault(_key(w), {})  # type: ignore[assignment]
    old = node.get(_END, ())
    node[_END] = old if code is None or code in old else (*old, code)  # type: ignore[operator]


def _load_units(db: sqlite3.Connection, mapping: dict[str, list[str]]) -> dict[str, _Unit]:
    units: dict[str, _Unit] = {}
    new_of_old = {old: new for new, olds in mapping.items() for old in olds}
    new_by_key: dict[str, Place] = {}
    for full, code, key in db.execute("SELECT DISTINCT province, provinceCode, provinceKey FROM admin_units"):
        kind = "Thành phố" if full.startswith("Thành phố") else "Tỉnh"
        p = Place(f"vn34-p{code}", full, "province", f"vn34-p{code}", full)
        units[p.code] = _Unit(p, "vn34", kind)
        new_by_key[key] = p
    old_province: dict[str, Place] = {}
    for full, code, key in db.execute("SELECT DISTINCT province, provinceCode, provinceKey FROM admin_units_legacy"):
        kind = "Thành phố" if full.startswith("Thành phố") else "Tỉnh"
        succ = new_by_key[new_of_old[key]]
        p = Place(f"vn63-p{code}", full, "province", f"vn63-p{code}", full, succ.code, succ.name)
        units[p.code] = _Unit(p, "vn63", kind)
        old_province[code] = p
    for full, kind, code, pcode in db.execute(
            "SELECT DISTINCT district, districtType, districtCode, provinceCode FROM admin_units_legacy"):
        prov = old_province[pcode]
        p = Place(f"vn63-d{code}", full, "district", prov.code, prov.name, prov.successor_code, prov.successor_name)
        units[p.code] = _Unit(p, "vn63", kind)
    for full, kind, code, dcode, pcode in db.execute(
            "SELECT ward, wardType, wardCode, districtCode, provinceCode FROM admin_units_legacy WHERE ward IS NOT NULL"):
        prov = old_province[pcode]
        p = Place(f"vn63-c{code}", full, "commune", prov.code, prov.name, prov.successor_code, prov.successor_name)
        units[p.code] = _Unit(p, "vn63", kind, f"vn63-d{dcode}")
    for full, kind, code, pcode in db.execute("SELECT ward, wardType, wardCode, provinceCode FROM admin_units"):
        prov = units[f"vn34-p{pcode}"].place
        p = Place(f"vn34-c{code}", full, "commune", prov.code, prov.name)
        units[p.code] = _Unit(p, "vn34", kind)
    return units


@cache
def _gazetteer() -> _Gazetteer:
    data = _data_dir()
    # Only the province mapping, the file's first key, is needed: decode that object alone
    # rather than the whole 600 KB of ward mappings.
    raw = (data / "converter_2025.json").read_text(encoding="utf-8")
    at = re.search(r'"DICT_PROVINCE"\s*:\s*', raw)
    if at is None:
        raise ImportError(f"{data / 'converter_2025.json'} has no DICT_PROVINCE; vietnamadminunits changed its format")
    mapping: dict[str, list[str]] = json.JSONDecoder().raw_decode(raw, at.end())[0]
    with sqlite3.connect((data / "dataset.db").as_uri() + "?mode=ro&immutable=1", uri=True) as db:
        units = _load_units(db, mapping)
    table = rows("place_aliases")
    needs_prefix = {_name_key(r["surface"]) for r in table if r["kind"] == "needs_prefix"}
    tries: dict[str, Trie] = {"bare": {}, "province": {}, "district": {}, "commune": {}}
    by_name: dict[tuple[str, str], list[str]] = {}   # (level, name key) → codes
    abbrev: set[str] = set()
    for code, u in units.items():
        name = u.place.name
        words = _words(_short(_short(name, "Tỉnh"), "Thành phố") if u.place.level == "province" else _short(name, u.kind))
        key = " ".join(map(_key, words))
        _add(tries[u.place.level], words, code)
        by_name.setdefault((u.place.level, key), []).append(code)
        abbrev.update(_key(w) for w in words if len(w) > 1 and w.isupper())
        # A bare name is a province only with two syllables or more: "Huế", "Bình", "Nam" alone
        # are given names and common words far more often than places.
        if u.place.level == "province" and len(words) >= 2 and key not in needs_prefix:
            _add(tries["bare"], words, code)
    prefix_rows = _add_table_rows(table, units, tries, by_name)
    prefixes: Trie = {}
    for index, row in enumerate(prefix_rows):
        _add(prefixes, row.tokens, str(index))
    abbrev |= {_key(w) for r in table if r["kind"] != "prefix" for w in _words(r["surface"]) if len(w) > 1 and w.isupper()}
    # Countries from tables/countries.tsv, less those that are also Vietnamese units ("Sài Gòn").
    foreign = sorted((canonical(c) for c in column("countries") if canonical(c) != "Việt Nam"
                      and not _lookup(tries["bare"], _words(c)) and not _lookup(tries["commune"], _words(c))),
                     key=len, reverse=True)
    foreign_after = re.compile(r"[ \t]*(?:,|\(|của|thuộc)[ \t]*(?:" + "|".join(map(re.escape, foreign)) + r")(?!\w)")
    return _Gazetteer(units, tries, prefixes, prefix_rows, frozenset(abbrev),
                      frozenset(_key(s) for s in column("surnames")),
                      frozenset(_key(h) for h in column("honorifics")), foreign_after,
                      _start_pattern(prefix_rows, tries["bare"]),
                      frozenset(u.kind for u in units.values() if u.era == "vn63"))


def _name_key(text: str) -> str:
    return " ".join(map(_key, _words(text)))


def _add_table_rows(table: Sequence[Row], units: dict[str, _Unit], tries: dict[str, Trie],
                    by_name: dict[tuple[str, str], list[str]]) -> tuple[_Prefix, ...]:
    """Add tables/place_aliases.tsv to the tries and units; return its prefixes."""
    path = "ingest/tables/place_aliases.tsv"
    prefixes: list[_Prefix] = []
    for r in table:
        words, kind, level = _words(r["surface"]), r["kind"], r["level"]
        if kind == "prefix":
            if level not in ("province", "city", "district", "commune"):
                raise TableError(path, r.line, f"unknown prefix level {level!r}")
            exact = any(c.isupper() for c in r["surface"])
            nxt = _NEXT_DOTTED if r["surface"].endswith(".") else _NEXT_ABBR if exact else _NEXT_SPACED
            prefixes.append(_Prefix(tuple(words), level, r["target"], exact, nxt))
            continue
        if kind == "not_place":
            _add(tries["bare"], words, None)
            continue
        if kind == "needs_prefix":
            continue
        codes = by_name.get((level, _name_key(r["target"])))
        if not codes:
            raise TableError(path, r.line, f"no {level} named {r['target']!r} in vietnamadminunits")
        if kind in ("alias", "short"):
            for code in codes:
                _add(tries[level], words, code)
                if kind == "alias":
                    _add(tries["bare"], words, code)
        elif kind == "historic" and level == "province":
            into = units[codes[0]]
            succ = into.place if into.era == "vn34" else units[into.place.successor_code or ""].place
            code, name = f"vnold-p{r['code']}", f"Tỉnh {r['surface']}"
            units[code] = _Unit(Place(code, name, "province", code, name, succ.code, succ.name),
                                "vnold", "Tỉnh", until=r["until"] or None)
            _add(tries["province"], words, code)
            _add(tries["bare"], words, code)
        else:
            raise TableError(path, r.line, f"unknown kind {kind!r} (historic units are provinces only)")
    return tuple(prefixes)


def _start_pattern(prefixes: Sequence[_Prefix], bare: Trie) -> re.Pattern[str]:
    """One regex for the first word of every prefix and bare name, so the scan visits a few
    words of a text rather than all of them."""
    exact = {row.tokens[0] for row in prefixes if row.exact}
    folded = {_key(row.tokens[0]) for row in prefixes if not row.exact}
    capitalised = {f(k) for k in bare for f in (str.upper, lambda w: w[:1].upper() + w[1:])}

    def alternation(words: Iterable[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return re.compile(r"(?<![^\W_])(?:(?i:" + alternation(folded) + ")|" + alternation(exact | capitalised)
                      + r")(?![^\W_]|['’][^\W_])")


def _lookup(trie: Trie, words: Sequence[str]) -> tuple[str, ...]:
    node: object = trie
    for w in words:
        node = node.get(_key(w)) if isinstance(node, dict) else None
    return node.get(_END, ()) if isinstance(node, dict) else ()  # type: ignore[return-value]


def names_a_district(text: str) -> bool:
    """``text`` is, word for word, the name of a district-level unit of either era ("Hà Đông",
    "Sầm Sơn"), which a bare name never is for :func:`find_places` (too many given names)."""
    return bool(_lookup(_gazetteer().tries["district"], _words(text)))


# -- finding ----------------------------------------------------------------------------------

def find_places(text: str) -> list[PlaceMention]:
    """Administrative units named in ``text`` (NFC or NFD, either tone placement).

    Provinces are found with or without a prefix ("tỉnh Ninh Thuận", "Ninh Thuận", "TP.HCM");
    districts and communes only after one ("huyện Ninh Sơn", "xã Lộc Điền"). Offsets and
    surfaces are those of the NFC form of ``text``.
    """
    return _Scan(_gazetteer(), nfc(text)).run()


Token = tuple[int, int, str]   # start, end, word (canonical spelling)


class _Scan:
    """One left-to-right pass over a text: at each place a name can start, a prefixed name,
    else a bare one. Words are read lazily, from the starts the gazetteer's regex finds."""

    def __init__(self, g: _Gazetteer, src: str) -> None:
        self.g, self.src = g, src
        self.m = canonical(src)   # same length as src, so offsets carry over

    def run(self) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        pos, no_bare = 0, -1
        while (hit := self.g.starts.search(self.m, pos)) is not None:
            tok = (hit.start(), hit.end(), hit.group())
            found = self.prefixed(tok)
            if found is not None and found[0] is None:
                # A prefix with a name we don't know ("tỉnh Quảng Đông"): that name is no bare
                # province, though it may start another prefix ("Quận ủy Quận 12").
                nxt = self.after(_NEXT_ANY, found[1][1])
                no_bare = nxt[0] if nxt else no_bare
            elif found is None and tok[0] != no_bare:
                found = self.bare(tok)
            if found is not None and found[0] is not None:
                out.append(found[0])
            pos = (found[1] if found else tok)[1]
        return out

    def after(self, pattern: re.Pattern[str], end: int) -> Token | None:
        """The word ``pattern`` finds right at ``end`` (its group 1)."""
        hit = pattern.match(self.m, end)
        return (hit.start(1), hit.end(1), hit.group(1)) if hit else None

    def walk(self, trie: Trie, tok: Token | None) -> list[tuple[Token, tuple[str, ...]]]:
        """Every name in ``trie`` starting at ``tok``, as (last word, codes), shortest first."""
        out: list[tuple[Token, tuple[str, ...]]] = []
        node: Trie = trie
        while tok is not None:
            word = tok[2]
            # Names are written capitalised; a lower-case word ends one ("xã hội" is no commune).
            if not (word[0].isupper() or word[0].isdigit()):
                break
            key = _key(word)
            if key in self.g.abbrev_keys and not word.isupper():
                break
            nxt = node.get(key)
            if not isinstance(nxt, dict):
                break
            node = nxt
            if _END in node:
                out.append((tok, node[_END]))  # type: ignore[arg-type]
            tok = self.after(_NEXT_IN_NAME, tok[1])
        return out

    def prefixed(self, first: Token) -> tuple[PlaceMention | None, Token] | None:
        """The prefixed name at ``first``; (None, last prefix word) when the prefix is followed
        by no name we know; None when no prefix starts there."""
        node: Trie = self.g.prefixes
        matched: list[tuple[Token, _Prefix]] = []
        words: list[str] = []
        tok: Token | None = first
        while tok is not None and len(words) < 3:
            nxt = node.get(_key(tok[2]))
            if not isinstance(nxt, dict):
                break
            node = nxt
            words.append(tok[2])
            for idx in node.get(_END, ()):  # type: ignore[union-attr]
                row = self.g.prefix_rows[int(idx)]
                if not row.exact or tuple(words) == row.tokens:
                    matched.append((tok, row))
            tok = self.after(_NEXT_SPACED, tok[1])
        if not matched:
            return None
        for last, row in reversed(matched):   # longest prefix first: "thị xã" before "xã"
            best = self.name_after(row, self.after(row.next, last[1]))
            if best is None:
                continue
            end_tok, level, places, name_start = best
            start, end = first[0], end_tok[1]
            if self.g.foreign_after.match(self.m, end):
                return None, end_tok
            return PlaceMention(start, end, self.src[start:end], level, places, name_start,
                                self.src[start:last[1]]), end_tok
        return None, matched[-1][0]

    def name_after(self, row: _Prefix, tok: Token | None) -> tuple[Token, Level, tuple[Place, ...], int] | None:
        if tok is None:
            return None
        options: list[tuple[Token, Level, tuple[Place, ...], int]] = []
        if row.level in ("province", "city"):
            for last, codes in self.walk(self.g.tries["province"], tok):
                units = [self.g.units[c] for c in codes]
                if row.level == "city":   # "thành phố X": a centrally-run city, else a provincial city
                    units = [u for u in units if u.kind == "Thành phố"]
                if units:
                    options.append((last, "province", tuple(sorted((u.place for u in units), key=_code)), tok[0]))
        if row.level != "province":
            level: Level = "commune" if row.level == "commune" else "district"
            for last, codes in self.walk(self.g.tries[level], tok):
                places = _prefer_kind(self.g, codes, row.kind)
                if places and not any(o[0] == last for o in options):
                    options.append((last, level, places, tok[0]))
        return max(options, key=lambda o: o[0][1]) if options else None

    def bare(self, first: Token) -> tuple[PlaceMention | None, Token] | None:
        matches = self.walk(self.g.tries["bare"], first)
        if not matches:
            return None
        last, codes = matches[-1]
        start, end = first[0], last[1]
        # A longer name that is no place ("Thái Bình Dương"), a personal name, a foreign place.
        if not codes or self.after_person_words(start) or self.g.foreign_after.match(self.m, end):
            return None, last
        places = tuple(sorted((self.g.units[c].place for c in codes), key=_code))
        return PlaceMention(start, end, self.src[start:end], "province", places, start), last

    def after_person_words(self, start: int) -> bool:
        """Whether a bare name reads as part of a personal name: after an honorific ("ông Thái
        Bình") or after capitalised words one of which is a family name ("Nguyễn Văn Thái Bình")."""
        before = list(_WORD.finditer(self.m, max(0, start - 40), start))[-3:]
        end = start
        for k, w in enumerate(reversed(before)):
            if not _SPACES.fullmatch(self.m, w.end(), end):
                return False
            word, key = w.group(), _key(w.group())
            if k == 0 and key in self.g.honorifics:
                return True
            if not word[0].isupper() or (len(word) > 1 and word.isupper()):
                return False
            if key in self.g.surnames:
                return True
            end = w.start()
        return False


def _code(p: Place) -> str:
    return p.code


def _prefer_kind(g: _Gazetteer, codes: Iterable[str], kind: str) -> tuple[Place, ...]:
    """Within each province keep the units of the prefix's type when there are any ("huyện Kỳ
    Anh" is not "thị xã Kỳ Anh"); across provinces keep all, since units change type over the
    years ("huyện Sa Pa" became a thị xã in 2019) and only context can tell them apart. A type
    new in 2025 ("đặc khu") was never another unit's earlier type, so it keeps its own only."""
    groups: dict[str | None, list[_Unit]] = {}
    for c in codes:
        u = g.units[c]
        groups.setdefault(u.place.province_code, []).append(u)
    out: list[Place] = []
    for members in groups.values():
        same = [u for u in members if u.kind == kind]
        out.extend(u.place for u in (same or (members if kind in g.old_kinds else [])))
    return tuple(sorted(out, key=_code))


# -- resolving --------------------------------------------------------------------------------

def era_of(article_date: str | None) -> str:
    """"vn34" for an article dated on or after the July 2025 reorganisation, else "vn63"."""
    return "vn34" if article_date and article_date >= REFORM_DATE else "vn63"


def _for_era(g: _Gazetteer, places: Iterable[Place], era: str, date: str | None) -> list[Place]:
    """The candidates an article of this era means: its own era's units where any has the name."""
    order = {"vn34": ("vn34", "vn63", "vnold"), "vn63": ("vn63", "vnold", "vn34")}[era]

    def rank(p: Place) -> int:
        u = g.units[p.code]
        if u.until and date and date < u.until:
            return -1                  # a table unit named while it existed
        return order.index(u.era)

    ranked = [(rank(p), p) for p in places]
    best = min((r for r, _ in ranked), default=0)
    return [p for r, p in ranked if r == best]


def _within(g: _Gazetteer, inner: Place, outer: Place) -> bool:
    if outer.level == "district":
        return g.units[inner.code].district_code == outer.code
    return outer.code in (inner.province_code, inner.successor_code) or (
        outer.successor_code is not None and inner.province_code == outer.successor_code)


def _candidates(g: _Gazetteer, mentions: Sequence[PlaceMention], era: str, date: str | None) -> list[list[Place]]:
    """Each mention's era candidates, narrowed by the larger unit written right after it
    ("xã Lộc Điền, huyện Phú Lộc, tỉnh Thừa Thiên Huế"), right to left so a chain narrows in turn."""
    cands = [_for_era(g, m.candidates, era, date) for m in mentions]
    for i in range(len(mentions) - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if len(cands[i]) > 1 and 0 < b.start - a.end <= 3 and _RANK[a.level] < _RANK[b.level]:
            narrowed = [c for c in cands[i] if any(_within(g, c, o) for o in cands[i + 1])]
            cands[i] = narrowed or cands[i]
    return cands


def _dominant(counts: Counter[str]) -> str | None:
    """The clear leader: the only one, or at least twice the next and two ahead of it."""
    top = counts.most_common(2)
    if not top:
        return None
    if len(top) == 1:
        return top[0][0]
    (a, n), (_, second) = top
    return a if n >= 2 * second and n - second >= 2 else None


def resolve(mentions: Sequence[PlaceMention], article_date: str | None = None) -> ResolvedContext:
    """Resolve an article's place mentions: each to one unit where the article makes it clear,
    and the article's dominant province (and district, commune) where one leads clearly.

    A district or commune counts for its province; a name found in several provinces ("huyện
    Châu Thành") resolves only inside the dominant province or the larger unit written after it.
    """
    g = _gazetteer()
    era = era_of(article_date)
    cands = _candidates(g, mentions, era, article_date)
    counts: Counter[str] = Counter()
    for cs in cands:
        if len(cs) == 1:
            counts[_province_code(g, cs[0], era)] += 1
    province = _dominant(counts)
    if province is not None:
        for k, cs in enumerate(cands):
            inside = [c for c in cs if _within(g, c, g.units[province].place)]
            if len(cs) > 1 and len(inside) == 1:
                cands[k] = inside
    below: Counter[str] = Counter(cs[0].code for cs in cands if len(cs) == 1 and cs[0].level != "province")
    district = _dominant(Counter({c: n for c, n in below.items() if g.units[c].place.level == "district"}))
    commune = _dominant(Counter({c: n for c, n in below.items() if g.units[c].place.level == "commune"}))
    return ResolvedContext(
        article_date, era, tuple(mentions), tuple(cs[0] if len(cs) == 1 else None for cs in cands),
        g.units[province].place if province else None,
        g.units[district].place if district else None,
        g.units[commune].place if commune else None,
        tuple(sorted((counts + below).items())))


def _province_code(g: _Gazetteer, place: Place, era: str) -> str:
    """The province a unit counts for, in the article's era (an old unit in a 2026 article
    counts for the province it became)."""
    code = place.province_code or place.code
    if era == "vn34" and g.units[place.code].era != "vn34" and place.successor_code:
        return place.successor_code
    return code


def place_for(surface: str, context: ResolvedContext | None = None) -> Place | None:
    """The unit a post's place words mean: a named unit ("huyện Ninh Sơn", "Ninh Thuận") resolved
    by the article's date and places, or a bare level word ("tỉnh", "UBND huyện", "Thành ủy")
    resolved to the article's dominant unit of that type. None when the article does not make
    it clear."""
    g = _gazetteer()
    date = context.article_date if context else None
    era = era_of(date)
    mentions = find_places(surface)
    if mentions:
        cands = _candidates(g, mentions, era, date)[0]
        for outer in (context.province, context.district) if context else ():
            if len(cands) > 1 and outer is not None:
                cands = [c for c in cands if _within(g, c, outer)] or cands
        return cands[0] if len(cands) == 1 else None
    row = _trailing_prefix(g, surface)
    if row is None or context is None:
        return None
    counts = Counter(dict(context.counts))
    if row.level == "city":
        cities = Counter({c: n for c, n in counts.items() if g.units[c].kind == "Thành phố"})
        # "UBND thành phố" in an article about Thủ Đức and Hồ Chí Minh City could be either.
        levels = {g.units[c].place.level for c in cities}
        code = _dominant(cities) if len(levels) == 1 else None
    else:
        code = _dominant(Counter({c: n for c, n in counts.items()
                                  if g.units[c].place.level == row.level and g.units[c].kind == row.kind}))
    if code is None:
        return None
    place, overall = g.units[code].place, context.province
    # The article is about another unit ("UBND thành phố" in a Ninh Thuận article that once says
    # "tại Hà Nội"): the level word more likely means a unit it never names.
    if overall is not None and place.code != overall.code and not _within(g, place, overall):
        return None
    return place


def _trailing_prefix(g: _Gazetteer, surface: str) -> _Prefix | None:
    words = _words(nfc(surface))
    for n in (3, 2, 1):
        tail = tuple(words[-n:])
        if len(tail) < n:
            continue
        folded = tuple(map(_key, tail))
        for row in g.prefix_rows:
            if (tail == row.tokens) if row.exact else folded == _folded(row.tokens):
                return row
    return None


@cache
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(_key, words))
