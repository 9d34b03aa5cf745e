"""Vietnamese personal names from ``tables/{family,middle,given}_names.tsv``, unique per world.

A name is family + middle (one or two syllables) + given, drawn by the tables' weights for the
person's gender. The world never reuses a full name, so a name in an article is one person.
"""
from __future__ import annotations

from bisect import bisect
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from random import Random

from ingest.synth.data import table

# Names that would be read as someone or something else in the genre.
_RESERVED = frozenset({"Hồ Chí Minh", "Lê Quý Đôn", "Nguyễn Huệ", "Trần Hưng Đạo", "Lê Lợi", "Quang Trung"})


@dataclass(frozen=True)
class _Pool:
    items: tuple[str, ...]
    cumulative: tuple[float, ...]

    def draw(self, rng: Random) -> str:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _pool(rows: list[tuple[str, float]]) -> _Pool:
    return _Pool(tuple(r[0] for r in rows), tuple(accumulate(r[1] for r in rows)))


@cache
def _pools() -> dict[str, _Pool]:
    family = _pool([(r["name"], r.float("weight")) for r in table("family_names")])
    pools = {"family": family}
    for kind in ("middle", "given"):
        rows = table(f"{kind}_names")
        for gender in ("m", "f"):
            pools[f"{kind}:{gender}"] = _pool([(r["name"], r.float("weight")) for r in rows if r["gender"] in (gender, "a")])
    return pools


class NameMaker:
    """Draws names that were never drawn before in this world."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.used: set[str] = set(_RESERVED)

    def person(self, female: bool) -> str:
        """A new name, remembered so that it is never drawn again."""
        name = self.unused(self.rng, female)
        self.used.add(name)
        return name

    def unused(self, rng: Random, female: bool) -> str:
        """A name nobody in this world has, drawn from ``rng`` and not remembered."""
        for _ in range(1000):
            name = draw_name(rng, female)
            if name not in self.used and not _doubled(name):
                return name
        raise RuntimeError("the name tables are too small for this world")



def byline(rng: Random) -> str:
    """A reporter's pen name: two syllables, no family name ("Thu Hà")."""
    pools, g = _pools(), "f" if rng.random() < 0.5 else "m"
    while True:
        middle = pools["middle:" + g].draw(rng)
        if " " not in middle and middle not in ("Văn", "Thị"):
            return f"{middle} {pools['given:' + g].draw(rng)}"


def draw_name(rng: Random, female: bool) -> str:
    pools, g = _pools(), "f" if female else "m"
    return f"{pools['family'].draw(rng)} {pools['middle:' + g].draw(rng)} {pools['given:' + g].draw(rng)}"


def _doubled(name: str) -> bool:
    words = name.split()
    return len(set(words)) < len(words)


def given(name: str) -> str:
    """The short form used after the full name: its last syllable ("ông Biên")."""
    return name.rsplit(" ", 1)[-1]
