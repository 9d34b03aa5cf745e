"""How a fact is written: abbreviations, tone-mark placement, dates, name lists.

Every function here turns a canonical string (the spelling the gold facts use) into one of its
surface forms, and nothing else: the gold is never derived from the surface. Abbreviations come
from ``tables/abbreviations.tsv`` and are all ones the scorer expands back, so a surface form and
its canonical string compare equal after ``score.py``'s normalisation.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from random import Random

from ingest.synth.data import table

# A syllable ending in oa/oe/uy with the tone on its first vowel ("hòa", "khỏe", "Ủy"); outside
# "qu", where u is a consonant. The other placement puts the tone on the last vowel.
_TONED_FIRST = re.compile(r"(?<![qQ])([òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ])([aeyAEY])(?!\w)")
_PAIRS = {"o": "ae", "u": "y"}


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    base, *marks = unicodedata.normalize("NFD", first)
    if second.lower() not in _PAIRS.get(base.lower(), ""):
        return m.group(0)
    return base + unicodedata.normalize("NFC", second + "".join(marks))


def tone_last(text: str) -> str:
    """The other tone-mark placement: "Ủy ban" → "Uỷ ban", "Khánh Hòa" → "Khánh Hoà"."""
    return _TONED_FIRST.sub(_move_tone, text)


@dataclass(frozen=True)
class _Abbr:
    pattern: re.Pattern[str]
    abbr: str
    weight: float


@cache
def _abbreviations() -> tuple[_Abbr, ...]:
    rows = sorted(table("abbreviations"), key=lambda r: -len(r["full"]))
    out = []
    for r in rows:
        full = re.escape(r["full"])
        # Match either case of the first letter ("thành phố Hồ Chí Minh", "Thành phố …").
        head = f"[{r['full'][0].upper()}{r['full'][0].lower()}]" + full[1:]
        out.append(_Abbr(re.compile(rf"(?<![\w.]){head}(?!\w)"), r["abbr"], r.float("weight")))
    # "thành phố Hà Nội" → "TP Hà Nội": only before a name, which is how the scorer reads "TP".
    out.append(_Abbr(re.compile(r"(?<![\w.])[Tt]hành phố(?= [A-ZĐ])"), "TP", 0.6))
    return tuple(out)


def abbreviate(text: str, rate: float, rng: Random) -> str:
    """Replace full forms by their abbreviations, each with probability ``rate`` × its weight."""
    if rate <= 0:
        return text
    for a in _abbreviations():
        if a.pattern.search(text) and rng.random() < rate * a.weight:
            text = a.pattern.sub(a.abbr, text)
    return text


@dataclass(frozen=True)
class Style:
    """How one article writes things; chosen once per article."""

    abbr_rate: float          # 0: everything in full; 1: every abbreviation at its weight
    tone_last: bool           # "Uỷ ban", "Khánh Hoà"
    honorific: str            # "đồng chí" (party press) or "ông/bà" (general press)
    date_style: str           # slash | dash | words
    named_places: bool        # "UBND tỉnh Ninh Thuận" rather than "UBND tỉnh"
    kiem: bool                # "Bí thư Tỉnh ủy kiêm Chủ tịch HĐND tỉnh"
    paragraph_sep: str        # "\n\n", "\n" or " "
    title_in_text: bool
    nfd: bool                 # the whole text decomposed (a few real articles are NFD)
    crlf: bool


def choose_style(rng: Random) -> Style:
    return Style(
        abbr_rate=rng.choice((0.0, 0.5, 0.8, 1.0, 1.0)),
        tone_last=rng.random() < 0.2,
        honorific="đồng chí" if rng.random() < 0.6 else "ông/bà",
        date_style=rng.choices(("slash", "dash", "words"), (0.65, 0.3, 0.05))[0],
        named_places=rng.random() < 0.35,
        kiem=rng.random() < 0.5,
        paragraph_sep=rng.choices(("\n\n", "\n", " "), (0.6, 0.3, 0.1))[0],
        title_in_text=rng.random() < 0.8,
        nfd=rng.random() < 0.02,
        crlf=rng.random() < 0.03,
    )


_DAY_PARTS = ("Ngày",) * 8 + ("Sáng",) * 4 + ("Chiều",) * 3 + ("Tối",)


def event_date(d: date, published: date | None, style: Style, rng: Random) -> tuple[str, bool]:
    """The phrase that opens an event sentence ("Sáng 15/9") and whether it gives the year."""
    part = rng.choice(_DAY_PARTS)
    if style.date_style == "words":
        return f"Ngày {d.day} tháng {d.month} năm {d.year}", True
    sep = "/" if style.date_style == "slash" else "-"
    if published == d and part != "Ngày" and rng.random() < 0.3:
        return f"{part} nay ({d.day}{sep}{d.month})", False
    if rng.random() < 0.1:
        return f"{part} {d.day}{sep}{d.month}{sep}{d.year}", True
    return f"{part} {d.day}{sep}{d.month}", False


def document_date(d: date, style: Style, rng: Random) -> str:
    """A document's date with its year: "29/11/2021", "09/02/2021", "29-11-2021", words."""
    if style.date_style == "words" and rng.random() < 0.5:
        return f"{d.day} tháng {d.month} năm {d.year}"
    sep = "-" if style.date_style == "dash" and rng.random() < 0.7 else "/"
    if rng.random() < 0.25:
        return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
    return f"{d.day}{sep}{d.month}{sep}{d.year}"


def finish(text: str, style: Style) -> str:
    """Apply the article-wide spelling choices to the finished text."""
    if style.tone_last:
        text = tone_last(text)
    if style.crlf:
        text = text.replace("\n", "\r\n")
    return unicodedata.normalize("NFD", text) if style.nfd else text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def roman(n: int) -> str:
    out = []
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)
