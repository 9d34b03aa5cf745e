"""Numbered documents: who issues which kind (``tables/documents.tsv``), how they are numbered.

Party documents are numbered per term of the issuing committee, "09-NQ/TU", "1521-QĐ/TU",
"05-CT/TW"; state documents per calendar year, "123/QĐ-UBND", "339/QĐ-TTg", and some kinds carry
the year, "43/2014/NĐ-CP", "12/2019/NQ-HĐND", "05/2015/TT-BTC". Numbers grow with time at each
issuer's yearly rate, so a document issued later has a larger number within its term or year.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from random import Random
from typing import TYPE_CHECKING, NamedTuple

from ingest.synth.data import Row, by_key, table

if TYPE_CHECKING:
    from ingest.synth.units import PostRef
    from ingest.synth.world import World

# When each committee's term began: numbering of party documents restarts then.
_TERMS = {
    "central": (date(2011, 1, 19), date(2016, 1, 28), date(2021, 2, 1)),
    "province": (date(2010, 10, 1), date(2015, 10, 1), date(2020, 10, 1)),
    "district": (date(2010, 6, 1), date(2015, 6, 1), date(2020, 6, 1)),
}
_PARTY_SUFFIX = {"btv_tu": "TU", "tu": "TU", "bct": "TW", "bbt": "TW", "bchtw": "TW"}
_STATE_CODE = {"ubnd": "UBND", "ct_ubnd": "UBND", "ubnd_h": "UBND", "hdnd": "HĐND", "cp": "CP", "ttg": "TTg"}
_PARTY = re.compile(r"^(\d+)-([A-ZĐ][A-Za-zĐđ]*)/([A-Z]+)$")
_STATE = re.compile(r"^(\d+)(?:/(\d{4}))?/([A-ZĐ][A-Za-zĐđ]*)-([A-ZĐ][A-Za-zĐđ]*)$")


@dataclass(frozen=True)
class Directive:
    """A document as issued: the gold's number, kind, date and issuer come from here."""

    number: str
    code: str            # NQ, QĐ, …
    kind: str            # Nghị quyết, Quyết định, …
    date: date
    issuer: str          # bodies.tsv key
    unit: str            # the issuer's unit code
    subject: str


class Parsed(NamedTuple):
    serial: int
    year: int | None
    code: str
    issuer_code: str
    style: str           # party | state


def parse_number(number: str) -> Parsed | None:
    """ "09-NQ/TU" → (9, None, "NQ", "TU", "party"); "43/2014/NĐ-CP" → (43, 2014, "NĐ", "CP", "state")."""
    m = _PARTY.match(number)
    if m:
        return Parsed(int(m.group(1)), None, m.group(2), m.group(3), "party")
    m = _STATE.match(number)
    if m:
        return Parsed(int(m.group(1)), int(m.group(2)) if m.group(2) else None, m.group(3), m.group(4), "state")
    return None


@cache
def _kinds() -> dict[str, str]:
    return {r["code"]: r["kind"] for r in table("document_kinds")}


def _issuer_code(issuer: str, unit_code: str, world: World) -> str:
    if issuer in _PARTY_SUFFIX:
        return _PARTY_SUFFIX[issuer]
    if issuer == "btv_hu":
        return "QU" if world.units[unit_code].words.get("dunit") == "quận" else "HU"
    if issuer == "bo":
        return by_key("sectors")[unit_code[2:]]["ministry_code"]
    return _STATE_CODE[issuer]


class Numbering:
    """Counters per issuer and kind, and the recent documents each unit has issued."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.counters: dict[tuple[str, str], tuple[object, int, date]] = {}
        self.issued: dict[str, deque[Directive]] = {}
        self.rows = table("documents")
        self.levels = {r["key"]: by_key("bodies")[r["issuer"]]["level"] for r in self.rows}

    def number(self, row: Row, unit_code: str, when: date, world: World) -> str:
        party = row["style"] == "party"
        start = period_start(row["style"], self.levels[row["key"]], when)
        period: object = start
        key = (unit_code, row["key"])
        old_period, n, last = self.counters.get(key, (None, 0, start))
        if old_period != period:
            n, last = 0, start
        rate = row.float("per_year") * max((when - last).days, 1) / 365
        n += max(1, round(rate * self.rng.uniform(0.5, 1.5)))
        self.counters[key] = (period, n, when)
        code = _issuer_code(row["issuer"], unit_code, world)
        if party:
            return f"{n:02d}-{row['code']}/{code}"
        if row["year_in_number"] == "yes":
            return f"{n:02d}/{when.year}/{row['code']}-{code}"
        return f"{n:02d}/{row['code']}-{code}"

    def issue(self, row: Row, unit_code: str, when: date, world: World, subject: str) -> Directive:
        number = self.number(row, unit_code, when, world)
        return Directive(number, row["code"], _kinds()[row["code"]], when, row["issuer"], unit_code, subject)

    def issue_month(self, start: date, world: World) -> None:
        """The month's notable documents: a few per province, some central and ministerial."""
        plan: list[tuple[date, Row, str, str]] = []
        local = [r for r in self.rows if self.levels[r["key"]] in ("province", "district")]
        central = [r for r in self.rows if self.levels[r["key"]] == "central"]
        ministry = [r for r in self.rows if self.levels[r["key"]] == "ministry"]
        for p in world.provinces():
            for _ in range(self.rng.choice((0, 1, 1, 2))):
                row = self.rng.choices(local, [r.float("weight") for r in local])[0]
                unit = p
                if self.levels[row["key"]] == "district":
                    choices = [d for d in world.districts.get(p, [])
                               if world.units[d].words["dunit"] in ("huyện", "quận")]
                    if not choices:
                        continue
                    unit = self.rng.choice(choices)
                plan.append((start + timedelta(days=self.rng.randint(0, 27)), row, unit, p))
        for _ in range(self.rng.choice((1, 2, 3))):
            row = self.rng.choices(central, [r.float("weight") for r in central])[0]
            plan.append((start + timedelta(days=self.rng.randint(0, 27)), row, "c", "c"))
        sector = self.rng.choice(table("sectors"))
        plan.append((start + timedelta(days=self.rng.randint(0, 27)), self.rng.choice(ministry),
                     "m:" + sector["key"], "m:" + sector["key"]))
        plan.sort(key=lambda item: (item[0], item[2], item[1]["key"]))
        for when, row, unit, home in plan:
            area = by_key("sectors")[home[2:]]["area"] if home.startswith("m:") else None
            directive = self.issue(row, unit, when, world, subject_text(self.rng, when.year, area))
            self.issued.setdefault(home, deque(maxlen=40 if home == "c" else 24)).append(directive)

    def decision(self, when: date, ref: PostRef, how: str, world: World) -> Directive | None:
        """The numbered decision behind an appointment, when the appointing body issues one."""
        key, issuer = {"state": ("ubnd:QĐ", "ct_ubnd"), "party": ("btv_tu:QĐ", "btv_tu"),
                       "premier": ("ttg:QĐ", "ttg")}.get(how, (None, None))
        if key is None or issuer is None:
            return None
        row = by_key("documents")[key]
        unit = "c" if issuer == "ttg" else world.province_of(world.units[ref.unit]) or "c"
        number = self.number(row, unit, when, world)
        return Directive(number, "QĐ", _kinds()["QĐ"], when, issuer, unit, "")

    def citable(self, home: str, before: date) -> list[Directive]:
        return [d for d in self.issued.get(home, ()) if d.date < before]


def period_start(style: str, level: str, when: date) -> date:
    """When the numbering in force on ``when`` began: the committee's term, or the calendar year."""
    if style != "party":
        return date(when.year, 1, 1)
    starts = _TERMS["central" if level == "central" else "district" if level == "district" else "province"]
    return max(s for s in starts if s <= when)


def subject_text(rng: Random, year: int, area: str | None = None) -> str:
    """A subject from ``tables/subjects.tsv`` current in ``year``, of ``area`` most of the time."""
    rows = tuple(r for r in table("subjects") if not r["since"] or int(r["since"]) <= year)
    if area is not None and rng.random() < 0.8:
        rows = tuple(r for r in rows if r["area"] == area) or rows
    text = rng.choice(rows)["text"]
    return text.format(y=year, y4=year + 4, y9=year + 9)
