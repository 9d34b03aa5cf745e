"""One article being written, and the gold facts its text states (GUIDELINES.md).

A :class:`Writer` renders people, posts, bodies, documents and dates into text, and records at the
same moment what a reader of that text must find: the person and the posts as written (with the
canonical, unabbreviated spelling), the document with the details the sentence gives, the event
with its date and each participant's role. Text and gold come from the same call, so they cannot
drift apart.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any, NamedTuple

from ingest.synth import surface
from ingest.synth.directives import Directive
from ingest.synth.names import given
from ingest.synth.surface import Style
from ingest.synth.units import PostRef, Unit, body_name, post_name, units
from ingest.synth.world import Who

ROLES = ("led", "spoke", "attended")     # one role per person and event, the first that applies


class Text(NamedTuple):
    """A rendered name: what the article says, and the canonical form the gold holds."""

    text: str
    canonical: str


@dataclass
class Event:
    date: str | None
    name: str
    participants: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, who: Who, role: str, led: str | None = None) -> None:
        old = self.participants.get(who.name)
        if old is not None and ROLES.index(old["role"]) <= ROLES.index(role):
            return
        self.participants[who.name] = {"name": who.name, "role": role, **({"led": led} if led else {})}


class Writer:
    """Renders one article's pieces and keeps its gold facts."""

    def __init__(self, rng: Random, style: Style, published: date | None, province: Unit) -> None:
        self.rng, self.style, self.published, self.province = rng, style, published, province
        self.persons: dict[str, list[str]] = {}
        self.orgs: dict[str, str] = {}
        self.directives: dict[str, dict[str, Any]] = {}
        self.events: list[Event] = []
        self._posts: dict[tuple[int, PostRef], str] = {}
        self._given: Counter[str] = Counter()
        self._introduced: set[int] = set()
        self._visitors: set[int] = set()

    def visitor(self, who: Who) -> None:
        """``who`` comes from another province: their posts name it ("Phó Chủ tịch UBND tỉnh Lào Cai")."""
        self._visitors.add(who.pid)

    # -- people -------------------------------------------------------------------------------

    def cast(self, *people: Who) -> None:
        """Everyone the article will name, before any is written (short forms must be unambiguous)."""
        for who in people:
            self._given[given(who.name)] += 1

    def honorific(self, who: Who) -> str:
        if self.style.honorific == "đồng chí" and self.rng.random() < 0.9:
            return "đồng chí"
        return "bà" if who.female else "ông"

    def post(self, who: Who, ref: PostRef, last: bool) -> tuple[str, str]:
        """(surface, canonical) of one of ``who``'s posts; the canonical is fixed at first use."""
        key = (who.pid, ref)
        if key not in self._posts:
            named = last and (who.pid in self._visitors or self.style.named_places and self.rng.random() < 0.8)
            variant = PostRef(ref.key, ref.unit, ref.sub, ref.member, self.rng.randrange(2))
            self._posts[key] = post_name(variant, named)
        canonical = self._posts[key]
        return surface.abbreviate(canonical, self.style.abbr_rate, self.rng), canonical

    def record(self, who: Who, canonical: str | None) -> None:
        """Record ``who`` as a person of the article, with one more post if given."""
        positions = self.persons.setdefault(who.name, [])
        if canonical and canonical.casefold() not in (p.casefold() for p in positions):
            positions.append(canonical)

    def posts(self, who: Who, refs: list[PostRef], former: frozenset[PostRef] = frozenset(),
              left: frozenset[PostRef] = frozenset(), kiem: bool = False, record: bool = True) -> str:
        """ "UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh": each post recorded; ``former`` ones are written
        "nguyên …", ``left`` ones (left in the reported event) are recorded as former only."""
        parts = []
        for i, ref in enumerate(refs):
            text, canonical = self.post(who, ref, i == len(refs) - 1)
            if ref in former:
                text, canonical = f"nguyên {text}", f"nguyên {canonical}"
            elif ref in left:
                canonical = f"nguyên {canonical}"
            if record:
                self.record(who, canonical)
            parts.append(text)
        if kiem and len(parts) >= 2 and not refs[-1].member and not refs[-2].member and refs[-1].unit == refs[-2].unit:
            return ", ".join(parts[:-2] + [f"{parts[-2]} kiêm {parts[-1]}"])
        return ", ".join(parts)

    def np(self, who: Who, refs: list[PostRef], mode: str = "", **kw: Any) -> str:
        """A person's first mention with posts, in one of the genre's usual shapes."""
        self._introduced.add(who.pid)
        self.record(who, None)
        if not refs:
            return f"{self.honorific(who)} {who.name}"
        if not mode:
            mode = self.rng.choices(("after", "before", "dash", "bracket"), (0.55, 0.3, 0.1, 0.05))[0]
        if mode == "bracket":
            refs = [r for r in refs if not r.member][-1:] or refs[-1:]
        if mode == "before":
            refs = refs[-2:] if self.rng.random() < 0.7 else refs
        text = self.posts(who, refs, kiem=self.style.kiem, **kw)
        if mode == "before":
            prefix = "đồng chí " if self.style.honorific == "đồng chí" and self.rng.random() < 0.15 else ""
            return f"{prefix}{text} {who.name}"
        if mode == "bracket":
            return f"{self.honorific(who)} {who.name} ({text})"
        if mode == "list":
            return f"{who.name}, {text}"
        if mode == "list_dash":
            return f"{who.name} - {text}"
        sep = " - " if mode == "dash" else ", "
        return f"{self.honorific(who)} {who.name}{sep}{text}"

    def again(self, who: Who, refs: list[PostRef] = (), title_only: bool = False) -> str:  # type: ignore[assignment]
        """A later mention: "đồng chí Nguyễn Văn A", "ông A", "Phó Chủ tịch UBND tỉnh Nguyễn Văn A"."""
        r = self.rng.random()
        if refs and title_only and r < 0.15:
            text, _ = self.post(who, refs[-1], True)
            return f"đồng chí {text}"
        if refs and r < 0.35:
            return f"{self.posts(who, refs[-1:])} {who.name}"
        short = given(who.name)
        if r < 0.65 and self._given[short] == 1 and who.pid in self._introduced:
            return f"{'bà' if who.female else 'ông'} {short}"
        return f"{self.honorific(who)} {who.name}"

    def people_list(self, entries: list[tuple[Who, list[PostRef]]]) -> str:
        """ "các đồng chí: A, UVTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy; B, Giám đốc Sở Y tế" """
        if len(entries) == 1:
            who, refs = entries[0]
            return self.np(who, refs, self.rng.choice(("after", "after", "before", "dash")))
        dash = self.rng.random() < 0.25
        items = [self.np(w, r, "list_dash" if dash else "list") for w, r in entries]
        if self.style.honorific == "đồng chí":
            head = "các đồng chí: " if self.rng.random() < 0.7 else "các đồng chí "
            return head + "; ".join(items)
        items = [f"{'bà' if w.female else 'ông'} {i}" for (w, _), i in zip(entries, items)]
        return "; ".join(items)

    def mention(self, who: Who) -> None:
        """A person named with no post (a citizen, a list member)."""
        self.record(who, None)

    def title_posts(self, who: Who, refs: list[PostRef]) -> str:
        """Posts written in the headline: recorded only when the headline is part of the text."""
        return self.posts(who, refs, record=self.style.title_in_text)

    def introduced(self, who: Who) -> bool:
        return who.pid in self._introduced

    # -- bodies and documents -----------------------------------------------------------------

    def body(self, key: str, unit: Unit, sub: str = "", named: bool | None = None) -> Text:
        if named is None:
            named = unit.level != "province" or (self.style.named_places and self.rng.random() < 0.7)
        canonical = body_name(key, unit, sub, named)
        self.orgs.setdefault(canonical.casefold(), canonical)
        return Text(surface.abbreviate(canonical, self.style.abbr_rate, self.rng), canonical)

    def org(self, canonical: str) -> None:
        self.orgs.setdefault(canonical.casefold(), canonical)

    def dref(self, d: Directive, with_date: float = 0.7, with_issuer: float = 0.7, subject: bool = False) -> Text:
        """ "Nghị quyết số 09-NQ/TU ngày 29/11/2021 của Ban Thường vụ Tỉnh ủy về …"; the canonical
        is the short head "Nghị quyết số 09-NQ/TU" (how a meeting named after it is led)."""
        head = f"{d.kind} số {d.number}"
        text = head if self.rng.random() < 0.9 else f"{d.kind} {d.number}"
        gold = self.directives.setdefault(d.number, {"number": d.number, "kind": d.kind, "date": None,
                                                     "issuer": None, "subject": None})
        if self.rng.random() < with_date:
            text += f" ngày {surface.document_date(d.date, self.style, self.rng)}"
            gold["date"] = d.date.isoformat()
        if self.rng.random() < with_issuer:
            unit = units()[d.unit]
            named = unit.level == "district" or (self.style.named_places and self.rng.random() < 0.5)
            canonical = body_name(d.issuer, unit, "", named)
            self.org(canonical)
            text += f" của {surface.abbreviate(canonical, self.style.abbr_rate, self.rng)}"
            gold["issuer"] = gold["issuer"] or canonical
        if subject and d.subject:
            text += f" về {d.subject}"
            gold["subject"] = d.subject
        return Text(text, head)

    # -- events -------------------------------------------------------------------------------

    def event(self, when: date, name: str) -> tuple[Event, str]:
        """A new event on ``when`` and the phrase that opens its sentence ("Sáng 15/9")."""
        phrase, has_year = surface.event_date(when, self.published, self.style, self.rng)
        if has_year or self.published is not None:
            iso = when.isoformat()
        else:
            iso = f"--{when.month:02d}-{when.day:02d}"
        ev = Event(iso, name)
        self.events.append(ev)
        return ev, phrase

    # -- result -------------------------------------------------------------------------------

    def gold(self, article_id: str) -> dict[str, Any]:
        return {
            "id": article_id,
            "persons": [{"name": n, "positions": p} for n, p in self.persons.items()],
            "organizations": list(self.orgs.values()),
            "directives": list(self.directives.values()),
            "events": [{"date": e.date, "name": e.name, "participants": list(e.participants.values())}
                       for e in self.events],
        }
