"""The places and bodies of the simulated world, and the canonical spelling of every post.

A :class:`Unit` is a province, a district, a ministry or the centre. Bodies are spelled from the
patterns of ``tables/bodies.tsv`` with the unit's words ("Tỉnh ủy"/"Thành ủy", "tỉnh"/"thành
phố", the name); posts join a title from ``tables/posts.tsv`` to their body; memberships come
from ``tables/memberships.tsv``. These canonical strings are what the gold facts hold.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ingest.synth.data import by_key, table

_PARTY = {"tỉnh": ("Tỉnh ủy", "Tỉnh ủy viên"), "thành phố": ("Thành ủy", "Thành ủy viên")}
_DISTRICT_PARTY = {"huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}


@dataclass(frozen=True)
class Unit:
    """A province ("p58"), district ("d585"), ministry ("m:yte") or the centre ("c")."""

    code: str
    level: str                      # province | district | ministry | central
    name: str
    province: str | None = None     # the province of a district
    words: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class PostRef:
    """A post someone holds: a slot of ``posts.tsv`` or a membership of ``memberships.tsv``."""

    key: str            # posts.tsv or memberships.tsv key
    unit: str           # unit code
    sub: str = ""       # sector key of a department or ministry post; index of a repeated post
    member: bool = False
    variant: int = 0    # which wording of a membership


@cache
def units() -> dict[str, Unit]:
    """Every unit, provinces first, in table order."""
    out: dict[str, Unit] = {}
    for r in table("places"):
        pcode = "p" + r["province_code"]
        if pcode not in out:
            kind, name = r["province_kind"], r["province"]
            pc, pcv = _PARTY[kind]
            party_name = "Thành phố Hồ Chí Minh" if name == "Hồ Chí Minh" else name
            out[pcode] = Unit(pcode, "province", name, None,
                              {"PC": pc, "PCV": pcv, "unit": kind, "P": name, "PP": party_name})
        dkind = r["district_kind"]
        words = dict(out[pcode].words, DPC=_DISTRICT_PARTY[dkind], D=r["district"], dunit=dkind)
        out["d" + r["code"]] = Unit("d" + r["code"], "district", r["district"], pcode, words)
    for r in table("sectors"):
        out["m:" + r["key"]] = Unit("m:" + r["key"], "ministry", r["ministry"], None, {"ministry": r["ministry"]})
    out["c"] = Unit("c", "central", "Trung ương")
    return out


def body_name(body: str, unit: Unit, sub: str = "", named: bool = False) -> str:
    """A body's canonical name: ``body_name("ubnd", ninh_thuan)`` → "Ủy ban nhân dân tỉnh"."""
    row = by_key("bodies")[body]
    words = dict(unit.words)
    if sub and row["bare"].startswith("{dept}"):
        words["dept"] = by_key("sectors")[sub]["department"]
    return (row["named"] if named else row["bare"]).format(**words)


@cache
def post_name(ref: PostRef, named: bool = False) -> str:
    """A post's canonical wording, e.g. "Phó Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận"."""
    unit = units()[ref.unit]
    if ref.member:
        variants = by_key("memberships")[ref.key]["variants"].split("|")
        text = variants[ref.variant % len(variants)].format(**unit.words)
        return f"{text} {unit.words['PP']}" if named and text.endswith(("Tỉnh ủy", "Thành ủy")) else text
    row = by_key("posts")[ref.key]
    sub = ref.sub if row["body"] == "so" else ""
    return join_title(row["title"], body_name(row["body"], unit, sub, named))


def join_title(title: str, body: str) -> str:
    """ "Trưởng Ban" + "Ban Tổ chức Tỉnh ủy" → "Trưởng Ban Tổ chức Tỉnh ủy" (no doubled words)."""
    t, b = title.split(), body.split()
    for n in range(min(len(t), len(b)), 0, -1):
        if [w.casefold() for w in t[-n:]] == [w.casefold() for w in b[:n]]:
            return " ".join(t + b[n:])
    return f"{title} {body}"


def post_body(ref: PostRef) -> tuple[str, Unit, str]:
    """The body a slot belongs to, as (body key, unit, sector)."""
    row = by_key("posts")[ref.key]
    return row["body"], units()[ref.unit], ref.sub if row["body"] == "so" else ""
