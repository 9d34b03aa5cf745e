"""A simulated world of officials whose careers move through time.

Every post of ``tables/posts.tsv`` in every province, district, ministry and the centre has a
holder. Time runs as a discrete-event simulation from :data:`START`: people retire at 60;
a vacancy is filled by promoting someone from a feeder post (same province, or ``@`` another
one: rotations from ministries and between provinces), whose own post then falls vacant; party
congresses (2015, 2020) and the first sessions of new People's Councils (2016, 2021) renew the
top posts; bodies issue numbered documents. Articles read the state as of their date and report
the recent :class:`Move`, :class:`Congress` and :class:`Directive` records, which are snapshots,
so memory stays flat however many articles are generated.
"""
from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from ingest.synth.data import by_key, table
from ingest.synth.directives import Directive, Numbering
from ingest.synth.names import NameMaker
from ingest.synth.units import PostRef, Unit, units

START = date(2013, 1, 1)          # the clock starts before the first article, so there is a past
RETIREMENT_AGE = 60
_PROMOTABLE_AGE = 57


@dataclass(frozen=True)
class Who:
    """A person as a report names them."""

    pid: int
    name: str
    female: bool


@dataclass
class Person:
    who: Who
    born: date
    slots: list[PostRef] = field(default_factory=list)
    also: list[PostRef] = field(default_factory=list)   # memberships that go with the slots


@dataclass(frozen=True)
class Move:
    """Someone took a post (and left another), reported by appointment and election articles."""

    date: date
    who: Who
    new: PostRef
    old: PostRef | None
    how: str                          # posts.tsv filled_by
    decision: Directive | None
    predecessor: Who | None
    predecessor_post: PostRef | None
    predecessor_retired: bool


@dataclass(frozen=True)
class Congress:
    """A provincial party congress and the standing committee it elected."""

    date: date
    province: str
    term: int
    years: tuple[int, int]
    secretary: Who
    reelected: bool
    deputies: tuple[Who, ...]
    standing: tuple[Who, ...]


class World:
    """The state of every post at the simulation's current date; see :meth:`advance_to`."""

    def __init__(self, seed: int) -> None:
        self.rng = Random(f"kg-synth-world:{seed}")
        self.names = NameMaker(self.rng)
        self.units = units()
        self.posts = by_key("posts")
        self.numbering = Numbering(self.rng)
        self.people: dict[int, Person] = {}
        self.holder: dict[PostRef, int] = {}
        self.by_post: dict[str, list[PostRef]] = {}
        self.by_post_province: dict[tuple[str, str], list[PostRef]] = {}
        self.districts: dict[str, list[str]] = {}
        self.moves: deque[Move] = deque(maxlen=6000)
        self.congresses: dict[str, Congress] = {}
        self.terms = {p: self.rng.randint(13, 20) for p in self.provinces()}
        self._queue: list[tuple[date, int, Callable[[date], None]]] = []
        self._seq = 0
        self._retire: dict[tuple[int, int], list[int]] = {}
        self._next_pid = 0
        self.now = START
        self._build()
        self._at(START, self._month)

    # -- structure ----------------------------------------------------------------------------

    def provinces(self) -> list[str]:
        return [c for c, u in self.units.items() if u.level == "province"]

    def _build(self) -> None:
        sectors = [r["key"] for r in table("sectors")]
        for code, unit in self.units.items():
            if unit.level == "district":
                self.districts.setdefault(unit.province or "", []).append(code)
            for key, row in self.posts.items():
                if row["level"] != unit.level:
                    continue
                if row["body"] == "so":
                    subs = sectors
                else:
                    subs = [str(i) for i in range(1, int(row["count"]) + 1)] if int(row["count"]) > 1 else [""]
                for sub in subs:
                    ref = PostRef(key, code, sub)
                    self.by_post.setdefault(key, []).append(ref)
                    province = self.province_of(unit)
                    if province:
                        self.by_post_province.setdefault((key, province), []).append(ref)
                    senior = row["level"] in ("central", "ministry") or not row["feeders"]
                    self._take(self._new_person(START, young=not senior), ref)

    def province_of(self, unit: Unit) -> str | None:
        return unit.code if unit.level == "province" else unit.province

    def _new_person(self, when: date, young: bool) -> Person:
        female = self.rng.random() < 0.18
        age = self.rng.randint(38, 50) if young else self.rng.randint(44, 59)
        born = date(when.year - age, self.rng.randint(1, 12), self.rng.randint(1, 28))
        self._next_pid += 1
        person = Person(Who(self._next_pid, self.names.person(female), female), born)
        self.people[self._next_pid] = person
        self._retire.setdefault((born.year + RETIREMENT_AGE, born.month), []).append(self._next_pid)
        return person

    def _take(self, person: Person, ref: PostRef) -> None:
        person.slots.append(ref)
        self.holder[ref] = person.who.pid
        unit = self.units[ref.unit]
        for spec in self.posts[ref.key]["also"].split():
            key, prob = spec.split(":")
            if key == "tuv" and any(a.key == "uvtv" for a in person.also):
                continue
            if self.rng.random() < float(prob):
                level = by_key("memberships")[key]["level"]
                where = "c" if level == "central" else (unit.code if level == unit.level else self.province_of(unit) or "c")
                person.also.append(PostRef(key, where, member=True))

    def _leave(self, person: Person) -> list[PostRef]:
        left = list(person.slots)
        for ref in left:
            del self.holder[ref]
        person.slots.clear()
        person.also.clear()
        return left

    # -- time ---------------------------------------------------------------------------------

    def _at(self, when: date, action: Callable[[date], None]) -> None:
        self._seq += 1
        heapq.heappush(self._queue, (when, self._seq, action))

    def advance_to(self, when: date) -> None:
        """Run every event up to and including ``when``."""
        while self._queue and self._queue[0][0] <= when:
            at, _, action = heapq.heappop(self._queue)
            self.now = at
            action(at)
        self.now = max(self.now, when)

    def _month(self, start: date) -> None:
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        self._at(nxt, self._month)
        for pid in self._retire.pop((start.year, start.month), []):
            person = self.people.get(pid)
            if person is not None:
                self._at(start.replace(day=person.born.day), lambda d, p=pid: self._retire_person(d, p))
        if start.year in (2015, 2020) and start.month == 9:
            for p in self.provinces():
                self._at(start + timedelta(days=self.rng.randint(4, 50)), lambda d, p=p: self._congress(d, p))
        if start.year in (2016, 2021) and start.month == 6:
            for p in self.provinces():
                self._at(start + timedelta(days=self.rng.randint(15, 45)), lambda d, p=p: self._council(d, p))
        for p in self.provinces():
            if self.rng.random() < 0.35:
                self._at(start + timedelta(days=self.rng.randint(0, 27)), lambda d, p=p: self._rotate_out(d, p))
        self.numbering.issue_month(start, self)

    # -- careers ------------------------------------------------------------------------------

    def _retire_person(self, when: date, pid: int) -> None:
        person = self.people.pop(pid, None)
        if person is None:
            return
        for ref in self._leave(person):
            self._at(when + timedelta(days=self.rng.randint(1, 20)),
                     lambda d, r=ref, w=person.who: self._fill(d, r, w, True))

    def _rotate_out(self, when: date, province: str) -> None:
        """Someone leaves for a post outside the simulated bodies ("nhận nhiệm vụ mới")."""
        keys = [k for k, r in self.posts.items() if r["level"] in ("province", "district") and r["feeders"]]
        pool = self.by_post_province.get((self.rng.choice(keys), province), [])
        person = self.person_at(self.rng.choice(pool)) if pool else None
        if person is None or len(person.slots) != 1 or person.slots[0].key == "bt":
            return
        self.people.pop(person.who.pid)
        for ref in self._leave(person):
            self._at(when + timedelta(days=self.rng.randint(5, 40)),
                     lambda d, r=ref, w=person.who: self._fill(d, r, w, False))

    def _fill(self, when: date, ref: PostRef, predecessor: Who | None, retired: bool, how: str = "") -> Person:
        if ref in self.holder:                     # filled meanwhile (a congress, a session)
            return self.people[self.holder[ref]]
        candidate, old = self._candidate(when, ref, predecessor)
        if candidate is None:
            candidate = self._new_person(when, young=True)
        else:
            self._leave(candidate)
        self._take(candidate, ref)
        how = how or self.posts[ref.key]["filled_by"]
        decision = self.numbering.decision(when - timedelta(days=self.rng.randint(1, 6)), ref, how, self)
        self.moves.append(Move(when, candidate.who, ref, old, how, decision, predecessor, ref, retired))
        if old is not None:
            self._at(when + timedelta(days=self.rng.randint(3, 30)),
                     lambda d, r=old, w=candidate.who: self._fill(d, r, w, False))
        return candidate

    def _candidate(self, when: date, ref: PostRef, predecessor: Who | None) -> tuple[Person | None, PostRef | None]:
        feeders = self.posts[ref.key]["feeders"].split()
        for token in feeders:
            if self.rng.random() > 0.7:
                continue
            for old in self._feeder_slots(token, ref):
                pid = self.holder.get(old)
                person = self.people.get(pid) if pid is not None else None
                if (person is not None and len(person.slots) == 1 and person.who != predecessor
                        and when.year - person.born.year < _PROMOTABLE_AGE):
                    return person, old
        return None, None

    def _feeder_slots(self, token: str, ref: PostRef) -> Iterator[PostRef]:
        """Up to a few random slots of post ``token`` that may feed ``ref``."""
        post = token.lstrip("@")
        here = self.province_of(self.units[ref.unit])
        sector = ref.sub if self.posts[ref.key]["body"] == "so" else ref.unit[2:] if ref.unit.startswith("m:") else ""
        if token.startswith("@"):
            pool = self.by_post.get(post, [])
        elif here is None:                          # a ministry or the centre: the same unit
            pool = [r for r in self.by_post.get(post, []) if r.unit == ref.unit]
        else:
            pool = self.by_post_province.get((post, here), [])
        if not pool:
            return
        same_sector = bool(sector) and self.posts[post]["body"] == "so"
        for _ in range(6):
            old = pool[self.rng.randrange(len(pool))]
            if old == ref or (token.startswith("@") and here and self.province_of(self.units[old.unit]) == here):
                continue
            yield PostRef(old.key, old.unit, sector) if same_sector else old

    def _replace(self, when: date, ref: PostRef, how: str) -> Person | None:
        """Renew ``ref`` at a congress or session: re-elect (None) or put someone new in."""
        pid = self.holder.get(ref)
        person = self.people.get(pid) if pid is not None else None
        old_enough = person is not None and when.year - person.born.year >= 57
        if person is not None and not old_enough and self.rng.random() < 0.7:
            return None
        retired = person is not None and old_enough
        if person is not None:
            self.people.pop(person.who.pid)
            self._leave(person)
        return self._fill(when, ref, person.who if person else None, retired, how)

    def _congress(self, when: date, province: str) -> None:
        bt = PostRef("bt", province)
        old_secretary = self.holder.get(bt)
        self._replace(when, bt, "congress")
        self._replace(when, PostRef("pbt_tt", province), "congress")
        secretary = self.people[self.holder[bt]]
        deputies = [self.people[self.holder[PostRef(k, province)]].who for k in ("pbt_tt", "ct_ubnd")
                    if PostRef(k, province) in self.holder]
        standing = [p.who for p in self._province_people(province)
                    if any(a.key in ("uvtv", "pbt") for a in p.also) or any(s.key in ("bt", "pbt_tt") for s in p.slots)]
        self.rng.shuffle(standing)
        term = self.terms[province] + (when.year == 2020)
        self.congresses[province] = Congress(when, province, term, (when.year, when.year + 5), secretary.who,
                                             secretary.who.pid == old_secretary, tuple(deputies), tuple(standing))

    def _council(self, when: date, province: str) -> None:
        self._replace(when, PostRef("ct_ubnd", province), "council")
        hdnd = PostRef("ct_hdnd", province)
        bt = self.people.get(self.holder.get(PostRef("bt", province), -1))
        if bt is not None and len(bt.slots) == 1 and self.rng.random() < (0.5 if when.year == 2021 else 0.2):
            sitting = self.people.get(self.holder.get(hdnd, -1))
            if sitting is not None:
                self.people.pop(sitting.who.pid)
                self._leave(sitting)
            self._take(bt, hdnd)
            self.moves.append(Move(when, bt.who, hdnd, None, "council", None,
                                   sitting.who if sitting else None, hdnd, False))
        else:
            self._replace(when, hdnd, "council")

    # -- reading ------------------------------------------------------------------------------

    def _province_people(self, province: str) -> list[Person]:
        out = []
        for (post, p), refs in self.by_post_province.items():
            if p == province and self.units[refs[0].unit].level == "province":
                out.extend(self.people[self.holder[r]] for r in refs if r in self.holder)
        return out

    def person_at(self, ref: PostRef) -> Person | None:
        pid = self.holder.get(ref)
        return self.people.get(pid) if pid is not None else None

    def recent_moves(self, when: date, days: int) -> list[Move]:
        out = []
        for move in reversed(self.moves):
            if move.date < when - timedelta(days=days):
                break
            if move.date < when:
                out.append(move)
        out.reverse()
        return out
