"""The article under construction: sentences from templates, paragraphs, noise, the cast.

:class:`Draft` holds the world at the article's date, the :class:`~ingest.synth.writer.Writer`
that keeps the gold, and the paragraphs written so far. Genres (``events.py``, ``personnel.py``)
call :meth:`Draft.say` with a template slot and the fields they have rendered.
"""
from __future__ import annotations

import string
from datetime import date
from random import Random
from typing import Any

from ingest.synth import surface
from ingest.synth.data import by_key, templates
from ingest.synth.directives import Directive, subject_text
from ingest.synth.units import PostRef, Unit
from ingest.synth.world import Person, Who, World
from ingest.synth.writer import Writer

_FORMATTER = string.Formatter()


class Draft:
    """One article's paragraphs, with its world, writer and random stream."""

    def __init__(self, world: World, writer: Writer, rng: Random, when: date, province: Unit) -> None:
        self.world, self.w, self.rng, self.when, self.province = world, writer, rng, when, province
        self.paragraphs: list[list[str]] = [[]]
        self.title = ""
        self.byline: str | None = None
        self._noise_used: set[str] = set()

    # -- templates ----------------------------------------------------------------------------

    def pick(self, genre: str, slot: str) -> str:
        return str(self.rng.choice(templates()[genre][slot]))

    def fill(self, template: str, fields: dict[str, Any]) -> str:
        """Format ``template``; clause fields ({request}, {period}, …) are drawn on demand."""
        values: dict[str, Any] = {}
        for _, name, _, _ in _FORMATTER.parse(template):
            if name is None or name in values:
                continue
            lower = name[:1].lower() + name[1:]
            value = fields[lower] if lower in fields else fields[name] if name in fields else self._clause(lower, fields)
            values[name] = surface.capitalise(str(value)) if name[:1].isupper() and lower != name else value
        return template.format(**values)

    def _clause(self, name: str, fields: dict[str, Any]) -> str:
        rng = self.rng
        numbers = {
            "pct": lambda: f"{rng.randint(60, 99)},{rng.randint(1, 9)}",
            "small_pct": lambda: f"{rng.randint(1, 9)},{rng.randint(1, 9)}",
            "money": lambda: f"{rng.randint(1, 9)}.{rng.randint(100, 999)}",
            "count": lambda: f"{rng.randint(2, 40)}.{rng.randint(100, 999)}",
            "small_count": lambda: str(rng.randint(20, 150)),
            "tiny_count": lambda: str(rng.randint(2, 15)),
            "income": lambda: str(rng.randint(35, 130)),
            "period": lambda: rng.choice(self._periods()),
            "month": lambda: str(rng.randint(1, 12)),
            "unit": lambda: self.province.words["unit"],
            "years": lambda: str(rng.randint(2, 5)),
            "subject": lambda: self.subject(),
            "points": lambda: "; ".join(self.fill(str(x), fields) for x in rng.sample(
                templates()["points"], rng.randint(3, 5))),
        }
        if name in numbers:
            return numbers[name]()
        lists = templates()
        if name in lists and isinstance(lists[name], list):
            return self.fill(str(rng.choice(lists[name])), fields)
        raise KeyError(f"no value for {{{name}}}")

    def _periods(self) -> tuple[str, ...]:
        """What "so far" a report can speak of in the article's month."""
        month = self.when.month
        if month <= 2:
            return ("năm qua", "thời gian qua")
        return (("9 tháng đầu năm",) if month >= 10 else ()) + (("6 tháng đầu năm",) if month >= 7 else ()) + \
            ("thời gian qua", "từ đầu năm đến nay")

    def say(self, genre: str, slot: str, **fields: Any) -> None:
        """Append one sentence from ``genre.slot`` to the current paragraph."""
        sentence = self.fill(self.pick(genre, slot), fields)
        self.paragraphs[-1].append(surface.capitalise(sentence))

    def paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def noise(self, lo: int, hi: int) -> None:
        """Sentences that state no contract fact (figures, context), as their own paragraph."""
        self.paragraph()
        pool = [t for t in templates()["noise"] if t not in self._noise_used]
        for template in self.rng.sample(pool, min(self.rng.randint(lo, hi), len(pool))):
            self._noise_used.add(template)
            self.paragraphs[-1].append(surface.capitalise(self.fill(str(template), {})))
        self.paragraph()

    def subject(self, area: str | None = None) -> str:
        return subject_text(self.rng, self.when.year, area)

    # -- the world ----------------------------------------------------------------------------

    def holder(self, key: str, unit: str, sub: str = "") -> Person | None:
        return self.world.person_at(PostRef(key, unit, sub))

    def refs(self, person: Person, full: float = 0.7) -> list[PostRef]:
        """The posts a mention gives, in the usual order ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy,
        Trưởng đoàn ĐBQH tỉnh"), or only the slots."""
        slots = list(person.slots)
        if not person.also or self.rng.random() >= full:
            return slots
        after = [a for a in person.also if by_key("memberships")[a.key]["where"] == "after"]
        return [a for a in person.also if a not in after] + slots + after

    def officials(self, keys: list[str], unit: str, k: int, exclude: set[int]) -> list[Person]:
        """Up to ``k`` distinct holders of posts ``keys`` in ``unit`` (any sector or index)."""
        found: list[Person] = []
        if k <= 0:
            return found
        refs = [r for key in keys for r in self.world.by_post.get(key, []) if r.unit == unit] \
            if unit.startswith(("m:", "c")) else \
            [r for key in keys for r in self.world.by_post_province.get((key, unit), []) if r.unit == unit]
        self.rng.shuffle(refs)
        for ref in refs:
            person = self.world.person_at(ref)
            if person is not None and person.who.pid not in exclude:
                exclude.add(person.who.pid)
                found.append(person)
                if len(found) == k:
                    break
        return found

    def district(self, kinds: tuple[str, ...] = ("huyện", "thị xã", "thành phố", "quận")) -> Unit | None:
        codes = [d for d in self.world.districts.get(self.province.code, [])
                 if self.world.units[d].words["dunit"] in kinds]
        return self.world.units[self.rng.choice(codes)] if codes else None

    def citable(self, central: float = 0.4) -> Directive | None:
        home = "c" if self.rng.random() < central else self.province.code
        pool = self.world.numbering.citable(home, self.when)
        return self.rng.choice(pool) if pool else None

    def citizen(self) -> Who:
        """A resident with a name no official of the world has (drawn without touching the world)."""
        female = self.rng.random() < 0.4
        return Who(-1 - self.rng.randrange(10**9), self.world.names.unused(self.rng, female), female)

    # -- output -------------------------------------------------------------------------------

    def text(self, style: surface.Style) -> str:
        paragraphs = [" ".join(p) for p in self.paragraphs if p]
        parts = ([self.title] if style.title_in_text and self.title else []) + paragraphs
        if self.byline:
            parts.append(self.byline)
        return style.paragraph_sep.join(parts) if style.paragraph_sep != " " else " ".join(parts)
